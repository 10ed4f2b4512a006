// The OpenAPI 3.1 document, built from the route table so it cannot miss a route. The schemas
// below describe what the services really answer (src/service/*.cpp build each object): every
// key the server always sends is `required`, a key that may be null has a type array with
// "null", and response records admit no undocumented key (additionalProperties: false), so
// tests/api/harness.mjs — which validates every response of the API suite against this
// document — notices when a service and the document drift apart. Knowledge of a route that
// its RouteDoc in api.cpp does not carry (non-JSON answers, extra success statuses, query
// parameter types) lives here, in the tables below.
#include <map>
#include <set>

#include "core/feedback/workflow.h"
#include "http/api.h"
#include "servq_version.h"

namespace servq::http {

using nlohmann::json;

namespace {

// ---- schema helpers --------------------------------------------------------------------------

json str() {
  return {{"type", "string"}};
}
json nstr() {
  return {{"type", json::array({"string", "null"})}};
}
// Timestamps are UTC ISO 8601 text with Z (timeutil::format_utc).
json ts() {
  return {{"type", "string"}, {"format", "date-time"}};
}
json nts() {
  return {{"type", json::array({"string", "null"})}, {"format", "date-time"}};
}
json integer() {
  return {{"type", "integer"}};
}
json ninteger() {
  return {{"type", json::array({"integer", "null"})}};
}
json number() {
  return {{"type", "number"}};
}
json nnumber() {
  return {{"type", json::array({"number", "null"})}};
}
json boolean() {
  return {{"type", "boolean"}};
}
json any_value() {
  return json::object();
}
json enum_of(std::initializer_list<const char*> values) {
  json e = json::array();
  for (const char* v : values) e.push_back(v);
  return {{"type", "string"}, {"enum", e}};
}
template <size_t N>
json enum_of(const std::string_view (&values)[N]) {
  json e = json::array();
  for (auto v : values) e.push_back(std::string(v));
  return {{"type", "string"}, {"enum", e}};
}
json array_of(json items) {
  return {{"type", "array"}, {"items", std::move(items)}};
}
// Not named `ref`: with a std::string argument, argument-dependent lookup would pick std::ref and
// the list schemas would say "items": "Unit" (the defect this replaced).
json schema_ref(const std::string& name) {
  return {{"$ref", "#/components/schemas/" + name}};
}
json nullable(json s) {
  return {{"anyOf", json::array({std::move(s), {{"type", "null"}}})}};
}
json open_object() {
  return {{"type", "object"}};
}
json nobject() {
  return {{"type", json::array({"object", "null"})}};
}

// A response record: every property listed is sent, except those named in `optional`; nothing
// else is.
json record(json props, std::set<std::string> optional = {}) {
  json req = json::array();
  for (auto& [k, v] : props.items())
    if (!optional.count(k)) req.push_back(k);
  json o = {{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
  if (!req.empty()) o["required"] = req;
  return o;
}
// A request body: the listed properties are read, `required` ones must be there; the server
// ignores keys it does not know.
json input(json props, std::vector<std::string> required = {}) {
  json o = {{"type", "object"}, {"properties", std::move(props)}};
  if (!required.empty()) o["required"] = required;
  return o;
}

const auto kRoles = {"admin", "quality", "director", "head", "staff", "auditor"};

json schemas() {
  json s;
  // RFC 9457 problem: the fields every servq problem has, and the extras some carry. Other
  // keys may be added (`params` for the web app's messages), so the object stays open.
  s["Problem"] = {
      {"type", "object"},
      {"description", "RFC 9457 problem; `code` is stable and translated by the web app"},
      {"properties",
       {{"type", str()},
        {"title", str()},
        {"status", {{"type", "integer"}, {"minimum", 400}, {"maximum", 599}}},
        {"code", str()},
        {"detail", str()},
        {"field", str()},
        {"params", open_object()},
        {"error_count", integer()},
        // Imports list their bad lines; a refused questionnaire lists every problem with the JSON
        // path inside the definition (e.g. "pages[0].elements[3]"), its code and params.
        {"errors",
         array_of({{"anyOf",
                    json::array({record({{"line", integer()},
                                         {"row", integer()},
                                         {"field", str()},
                                         {"code", str()},
                                         {"detail", str()},
                                         {"params", open_object()}}),
                                 record({{"path", str()},
                                         {"code", str()},
                                         {"params", {{"type", "object"}, {"additionalProperties", str()}}},
                                         {"message", str()}})})}})}}},
      {"required", {"type", "title", "status", "code", "detail"}}};
  s["Health"] = record({{"status", enum_of({"ok"})}, {"db", enum_of({"sqlite", "postgresql"})}, {"version", str()}});
  s["Login"] = input({{"login", str()}, {"password", str()}}, {"login", "password"});
  s["PasswordChange"] = input({{"current_password", str()}, {"new_password", {{"type", "string"}, {"minLength", 10}}}},
                              {"current_password", "new_password"});
  s["User"] = record({{"id", integer()},
                      {"login", str()},
                      {"name", str()},
                      {"role", enum_of(kRoles)},
                      {"unit", nstr()},
                      {"employee_code", nstr()},
                      {"active", boolean()},
                      {"created_at", ts()},
                      {"must_change_password", boolean()}});
  s["UserInput"] = input({{"login", str()},
                          {"name", str()},
                          {"role", enum_of(kRoles)},
                          {"unit", nstr()},
                          {"employee_code", nstr()},
                          {"password", str()},
                          {"active", boolean()},
                          {"must_change_password", boolean()}});
  s["Session"] = record({{"user", schema_ref("User")}, {"csrf_token", nstr()}});
  s["Unit"] = record({{"id", integer()},
                      {"code", str()},
                      {"name", str()},
                      {"parent", nstr()},
                      {"head", nstr()},
                      {"path", array_of(str())}});
  s["UnitInput"] = input({{"code", str()}, {"name", str()}, {"parent", nstr()}, {"head", nstr()}});
  s["Staff"] = record({{"id", integer()},
                       {"employee_code", str()},
                       {"name", str()},
                       {"unit", str()},
                       {"title", str()},
                       {"active", boolean()}});
  s["StaffInput"] =
      input({{"employee_code", str()}, {"name", str()}, {"unit", str()}, {"title", str()}, {"active", boolean()}});
  json category = enum_of({"long_term", "referred", "first_time"});
  // name, phone, email and address are null when the caller may not see personal data
  // (pii_masked).
  s["Customer"] = record({{"id", integer()},
                          {"external_id", nstr()},
                          {"name", nstr()},
                          {"phone", nstr()},
                          {"email", nstr()},
                          {"address", nstr()},
                          {"category", category},
                          {"referred_by", nstr()},
                          {"tier", nstr()},
                          {"consent_contact", boolean()},
                          {"consent_survey", boolean()},
                          {"first_visit", nts()},
                          {"last_visit", nts()},
                          {"pii_masked", boolean()}});
  s["CustomerInput"] = input({{"external_id", nstr()},
                              {"name", str()},
                              {"phone", nstr()},
                              {"email", nstr()},
                              {"address", nstr()},
                              {"category", category},
                              {"referred_by", nstr()},
                              {"tier", nstr()},
                              {"consent_contact", boolean()},
                              {"consent_survey", boolean()}});
  // A customer as a merge decision needs it (GET /customers/duplicates; admin and quality).
  json dup_member = record({{"id", integer()},
                            {"external_id", nstr()},
                            {"name", str()},
                            {"phone", nstr()},
                            {"phone_e164", boolean()},
                            {"phone_display", nstr()},
                            {"email", nstr()},
                            {"created_at", ts()},
                            {"encounters", integer()},
                            {"feedback", integer()},
                            {"responses", integer()}});
  s["CustomerDuplicates"] = record(
      {{"region", str()},
       {"groups", array_of(record({{"phone", str()}, {"phone_display", str()}, {"customers", array_of(dup_member)}}))},
       {"unreadable", array_of(dup_member)}});
  s["CustomerMergeInput"] = input({{"duplicate", integer()}}, {"duplicate"});
  s["CustomerMerge"] = record({{"customer", schema_ref("Customer")},
                               {"merged", integer()},
                               {"moved", record({{"encounters", integer()},
                                                 {"feedback", integer()},
                                                 {"invitations", integer()},
                                                 {"responses", integer()},
                                                 {"referrals", integer()}})}});
  s["Encounter"] = record({{"id", integer()},
                           {"external_id", nstr()},
                           {"customer", integer()},
                           {"customer_name", nstr()},
                           {"unit", str()},
                           {"staff", nstr()},
                           {"service", str()},
                           {"started_at", ts()},
                           {"amount", integer()},
                           {"converted", boolean()}});
  s["EncounterInput"] = input({{"external_id", nstr()},
                               {"customer", integer()},
                               {"customer_phone", nstr()},
                               {"unit", str()},
                               {"staff", nstr()},
                               {"service", str()},
                               {"started_at", str()},
                               {"amount", integer()},
                               {"converted", boolean()}});
  // `token` only in the answer that creates it: it is never shown again.
  s["ApiToken"] = record({{"id", integer()},
                          {"name", str()},
                          {"user", str()},
                          {"created_at", ts()},
                          {"last_used_at", nts()},
                          {"revoked_at", nts()},
                          {"token", str()}},
                         {"token"});
  s["ApiTokenInput"] = input({{"name", str()}, {"user", str()}}, {"name", "user"});
  s["AuditEntry"] = record({{"id", integer()},
                            {"at", ts()},
                            {"actor", str()},
                            {"action", str()},
                            {"entity", str()},
                            {"entity_id", nstr()},
                            {"before", any_value()},
                            {"after", any_value()}});
  s["Overview"] = record(
      {{"units", integer()},
       {"staff", integer()},
       {"customers", integer()},
       {"encounters", integer()},
       {"encounters_by_month", array_of(record({{"month", str()}, {"count", integer()}, {"amount", integer()}}))},
       {"customers_by_category", array_of(record({{"category", category}, {"count", integer()}}))}});
  // survey_id and would_create: imports of paper survey forms only.
  s["ImportReport"] = record({{"kind", enum_of({"customers", "encounters", "feedback", "responses"})},
                              {"survey_id", integer()},
                              {"total", integer()},
                              {"created", integer()},
                              {"updated", integer()},
                              {"unchanged", integer()},
                              {"would_create", integer()},
                              {"dry_run", boolean()}},
                             {"survey_id", "would_create"});
  s["CsvFile"] = {{"type", "string"},
                  {"description", "CSV as Excel writes it: UTF-8 (BOM or not), UTF-16 with BOM, GB18030 or Windows-1258 (see `encoding`); delimiter `,` `;` or tab; the header names the JSON fields"}};

  // ---- feedback (F1–F4, F6) ----
  json fb_status = enum_of(feedback::kStatuses);
  json fb_channel = enum_of(feedback::kChannels), fb_kind = enum_of(feedback::kKinds);
  json fb_category = enum_of(feedback::kCategories), fb_severity = enum_of(feedback::kSeverities);
  // name, phone and address are null when the caller may not see personal data.
  json case_customer = record({{"id", ninteger()}, {"name", nstr()}, {"phone", nstr()}, {"address", nstr()}});
  json event = record({{"at", ts()},
                       {"actor", str()},
                       {"action", str()},
                       {"from_status", nstr()},
                       {"to_status", nstr()},
                       {"note", nstr()},
                       {"data", any_value()}});
  s["Notification"] = record({{"id", integer()},
                              {"at", ts()},
                              {"actor", str()},
                              {"channel", enum_of({"phone", "letter", "email", "sms", "in_person"})},
                              {"kind", enum_of({"evaluation", "corrective_measures", "other"})},
                              {"content", str()}});
  s["NotificationInput"] = input({{"channel", enum_of({"phone", "letter", "email", "sms", "in_person"})},
                                  {"kind", enum_of({"evaluation", "corrective_measures", "other"})},
                                  {"content", str()},
                                  {"at", str()}},
                                 {"channel", "kind", "content"});
  // timeline and notifications: in the answers about one case, not in lists.
  s["Feedback"] = record({{"id", integer()},
                          {"reference", str()},
                          {"external_id", nstr()},
                          {"received_at", ts()},
                          {"channel", fb_channel},
                          {"kind", fb_kind},
                          {"customer", case_customer},
                          {"content", str()},
                          {"unit", nstr()},
                          {"staff", nstr()},
                          {"category", fb_category},
                          {"severity", fb_severity},
                          {"status", fb_status},
                          {"handler", enum_of({"receiver", "unit_head"})},
                          {"receiver", str()},
                          {"resolution", nstr()},
                          {"unfounded_explanation", nstr()},
                          {"callback_attempts", integer()},
                          {"reopen_count", integer()},
                          {"acknowledged_at", nts()},
                          {"resolved_at", nts()},
                          {"closed_at", nts()},
                          {"ack_due", nts()},
                          {"resolve_due", nts()},
                          {"callback_due", nts()},
                          {"overdue", boolean()},
                          {"overdue_reasons", array_of(enum_of({"acknowledge", "resolve", "callback"}))},
                          {"pii_masked", boolean()},
                          {"allowed_actions", array_of(str())},
                          {"timeline", array_of(event)},
                          {"notifications", array_of(schema_ref("Notification"))}},
                         {"timeline", "notifications"});
  s["FeedbackInput"] =
      input({{"received_at", str()},
             {"channel", fb_channel},
             {"kind", fb_kind},
             {"customer", input({{"id", ninteger()}, {"name", nstr()}, {"phone", nstr()}, {"address", nstr()}})},
             {"content", str()},
             {"unit", nstr()},
             {"staff", nstr()},
             {"category", fb_category},
             {"severity", fb_severity},
             {"external_id", nstr()}},
            {"channel", "kind", "content"});
  s["TransitionInput"] = input({{"action", enum_of({"verify", "mark_unfounded", "accept", "escalate", "resolve",
                                                    "callback", "close_unreachable", "close"})},
                                {"note", str()},
                                {"explanation", str()},
                                {"resolution", str()},
                                {"outcome", enum_of(feedback::kCallbackOutcomes)},
                                {"called_at", str()}},
                               {"action"});
  s["FeedbackCounts"] = record({{"by", enum_of({"channel", "kind", "category", "severity", "status", "unit", "month"})},
                                {"items", array_of(record({{"key", nstr()}, {"count", integer()}}))}});
  s["FeedbackMeasures"] = record({{"group", enum_of({"unit", "staff", "month"})},
                                  {"items", array_of(record({{"key", nstr()},
                                                             {"complaints", integer()},
                                                             {"resolved", integer()},
                                                             {"resolved_on_time", integer()},
                                                             {"due", integer()},
                                                             {"on_time_rate", nnumber()},
                                                             {"mean_first_response_hours", nnumber()},
                                                             {"callbacks_due", integer()},
                                                             {"callbacks_done", integer()},
                                                             {"callback_done_rate", nnumber()}}))}});
  json minutes = {{"type", "number"}, {"minimum", 0}, {"maximum", 525600}};
  s["SlaPolicies"] = record({{"items", array_of(record({{"kind", fb_kind},
                                                        {"severity", fb_severity},
                                                        {"acknowledge_minutes", minutes},
                                                        {"resolve_minutes", minutes},
                                                        {"callback_minutes", minutes}}))},
                             {"callback_max_attempts", integer()}},
                            {"callback_max_attempts"});
  // The organisation's settings: an IANA zone name (typed times without offset are local there,
  // calendar periods are cut there) and the default phone region.
  json iana_zone = {{"type", "string"}, {"minLength", 1}, {"maxLength", 64}, {"description", "an IANA time zone name, e.g. Asia/Ho_Chi_Minh or Asia/Shanghai"}};
  json region = {{"type", "string"}, {"pattern", "^[A-Z]{2}$"}, {"description", "ISO 3166-1 alpha-2, e.g. VN or CN"}};
  s["OrgSettings"] = record({{"time_zone", iana_zone}, {"phone_region", region}});
  s["OrgSettingsInput"] = input({{"time_zone", iana_zone}, {"phone_region", region}});

  // ---- surveys (S1–S5) ----
  json title = {{"description", "a string, or localised strings {\"default\", \"vi\", \"zh-cn\", \"en\"}"},
                {"type", json::array({"string", "object"})}};
  json survey_item =
      record({{"name", str()},
              {"question", str()},
              {"title", title},
              {"type", str()},
              {"scale", nullable(record({{"min", number()}, {"max", number()}, {"values", array_of(number())}}))},
              {"dimension", nstr()},
              {"reverse", boolean()},
              {"role", {{"type", json::array({"string", "null"})}, {"enum", {"overall", "nps", nullptr}}}},
              {"choices", {{"type", json::array({"array", "null"})}, {"items", any_value()}}}});
  // definition, items and dimensions: in the answers about one questionnaire, not in lists.
  s["Survey"] = record({{"id", integer()},
                        {"family_id", integer()},
                        {"version", integer()},
                        {"title", str()},
                        {"status", enum_of({"active", "archived"})},
                        {"created_at", ts()},
                        {"created_by", str()},
                        {"updated_at", str()},
                        {"response_count", integer()},
                        {"definition", open_object()},
                        {"items", array_of(survey_item)},
                        {"dimensions", array_of(str())}},
                       {"definition", "items", "dimensions"});
  s["SurveyInput"] = input(
      {{"definition",
        {{"description", "SurveyJS JSON, or that JSON as a string"}, {"type", json::array({"object", "string"})}}},
       {"title", str()}},
      {"definition"});
  s["SurveyTemplates"] = array_of(record({{"key", str()}, {"title", title}, {"definition", open_object()}}));
  json segment = {{"type", "object"},
                  {"properties",
                   {{"category", nstr()},
                    {"unit", nstr()},
                    {"from", nstr()},
                    {"to", nstr()},
                    {"consent_only", boolean()},
                    {"per", enum_of({"encounter", "customer"})}}}};
  json channel = enum_of({"link", "letter", "kiosk", "paper"});
  s["Campaign"] = record({{"id", integer()},
                          {"survey_id", integer()},
                          {"survey_title", str()},
                          {"name", str()},
                          {"channel", channel},
                          {"opens_at", ts()},
                          {"closes_at", nts()},
                          {"status", enum_of({"scheduled", "open", "closed"})},
                          {"segment", segment},
                          {"invitations", integer()},
                          {"responses", integer()},
                          {"response_rate", nnumber()},
                          {"created_at", ts()}});
  s["CampaignInput"] = input({{"survey_id", integer()},
                              {"name", str()},
                              {"channel", channel},
                              {"opens_at", str()},
                              {"closes_at", nstr()},
                              {"segment", segment}});
  s["InvitationResult"] = record(
      {{"created", integer()}, {"skipped", record({{"no_consent", integer()}, {"already_invited", integer()}})}});
  // token, url, and the customer's name and phone are null when the caller may not see
  // personal data.
  s["Invitation"] = record({{"id", integer()},
                            {"token", nstr()},
                            {"url", nstr()},
                            {"customer", nullable(record({{"id", integer()}, {"name", nstr()}, {"phone", nstr()}}))},
                            {"unit", nstr()},
                            {"staff", nstr()},
                            {"encounter_at", nts()},
                            {"used_at", nts()},
                            {"response_id", ninteger()}});
  // unit_name and created_at: in the list, not in the answer that creates the code.
  s["Kiosk"] = record({{"id", integer()},
                       {"code", str()},
                       {"url", str()},
                       {"unit", nstr()},
                       {"unit_name", nstr()},
                       {"created_at", ts()},
                       {"responses", integer()}},
                      {"unit_name", "created_at"});
  s["KioskInput"] = input({{"unit", str()}}, {"unit"});
  s["KioskList"] = record({{"items", array_of(schema_ref("Kiosk"))}});
  s["ResponseRates"] = record(
      {{"by", enum_of({"unit", "category"})},
       {"items", array_of(record(
                     {{"key", nstr()}, {"invitations", integer()}, {"responses", integer()}, {"rate", number()}}))}});
  s["PublicSurvey"] = record({{"survey_id", integer()},
                              {"title", str()},
                              {"definition", open_object()},
                              {"campaign", record({{"name", str()}})},
                              {"unit", nullable(record({{"name", str()}}))},
                              {"default_lang", str()}});
  s["PublicResponseInput"] = input({{"token", str()},
                                    {"kiosk", str()},
                                    {"answers", open_object()},
                                    {"lang", enum_of({"vi", "zh-cn", "en"})},
                                    {"submission_id", str()}},
                                   {"answers"});
  s["ResponseAck"] = record({{"id", integer()}});
  s["PaperResponseInput"] = input({{"answers", open_object()},
                                   {"unit", str()},
                                   {"staff", nstr()},
                                   {"customer_phone", nstr()},
                                   {"submitted_at", nstr()},
                                   {"campaign", integer()},
                                   {"lang", str()}},
                                  {"answers", "unit"});
  s["SurveyResponse"] = record({{"id", integer()},
                                {"submitted_at", ts()},
                                {"channel", str()},
                                {"unit", nstr()},
                                {"staff", nstr()},
                                {"campaign", ninteger()},
                                {"lang", str()},
                                {"answers", any_value()},
                                {"feedback_id", ninteger()},
                                {"category", nstr()}});
  s["SurveyComment"] = record({{"response_id", integer()},
                               {"submitted_at", ts()},
                               {"unit", nstr()},
                               {"question", str()},
                               {"text", str()},
                               {"lang", str()},
                               {"feedback_id", ninteger()}});
  // A share with its Wilson interval, or {"suppressed": true} below the minimum group size,
  // or null when the questionnaire has no such question or nobody answered it.
  json ci95 = array_of(nnumber());
  json suppressed = record({{"suppressed", {{"const", true}}}});
  s["Csat"] = {
      {"anyOf",
       json::array({record({{"value", number()}, {"ci95", ci95}, {"n", integer()}}), suppressed, {{"type", "null"}}})}};
  s["Nps"] = {{"anyOf", json::array({record({{"value", nnumber()},
                                             {"ci95", ci95},
                                             {"promoters", integer()},
                                             {"passives", integer()},
                                             {"detractors", integer()},
                                             {"n", integer()}}),
                                     suppressed,
                                     {{"type", "null"}}})}};
  json filters = {{"type", "object"}, {"additionalProperties", str()}};
  // One analysed item: a question, a matrix row or cell (row, column), a multipletext item (row),
  // a ranked choice (row; mean_rank and first_share = share of respondents who ranked it first),
  // a dynamic panel's question (question = the dynamic panel). Numbers (expressions, number
  // items) carry mean, sd and ci95; scales also top2; choices a distribution.
  json survey_question_stats = {
      {"type", "object"},
      {"required", {"name", "type"}},
      {"properties",
       {{"name", str()},
        {"type", str()},
        {"question", str()},
        {"row", str()},
        {"column", str()},
        {"dimension", nstr()},
        {"suppressed", boolean()},
        {"n", integer()},
        {"distribution", {{"type", "object"}, {"additionalProperties", integer()}}},
        {"mean", nnumber()},
        {"sd", nnumber()},
        {"ci95", array_of(nnumber())},
        {"top2", number()},
        {"mean_rank", nnumber()},
        {"first_share", number()}}}};
  // The figures (n, csat, nps, questions, ...) are absent when the slice is suppressed.
  s["SurveyAnalysis"] = {{"type", "object"},
                         {"properties",
                          {{"survey_id", integer()},
                           {"filters", filters},
                           {"min_group", integer()},
                           {"suppressed", boolean()},
                           {"n", integer()},
                           {"csat", schema_ref("Csat")},
                           {"nps", schema_ref("Nps")},
                           {"questions", array_of(survey_question_stats)},
                           {"dimensions", array_of(open_object())},
                           {"drivers", nobject()},
                           {"ipa", array_of(open_object())},
                           {"ipa_split", open_object()},
                           {"trend", array_of(open_object())},
                           {"compare", open_object()}}},
                         {"required", {"survey_id", "filters", "min_group", "suppressed"}}};
  s["SurveyRanking"] = record({{"survey_id", integer()},
                               {"by", enum_of({"unit", "staff"})},
                               {"min_group", integer()},
                               {"filters", filters},
                               {"items", array_of(record({{"key", nstr()},
                                                          {"name", nstr()},
                                                          {"suppressed", {{"const", true}}},
                                                          {"n", integer()},
                                                          {"csat", nnumber()},
                                                          {"csat_ci95", nullable(ci95)},
                                                          {"nps", nnumber()},
                                                          {"mean", nnumber()}},
                                                         {"suppressed", "n", "csat", "csat_ci95", "nps", "mean"}))}});
  s["OpenApiDocument"] = {{"type", "object"},
                          {"description", "This document"},
                          {"required", {"openapi", "info", "paths"}},
                          {"properties", {{"openapi", str()}, {"info", open_object()}, {"paths", open_object()}}}};
  return s;
}

// ---- what a route's RouteDoc does not say ----------------------------------------------------

// Answers that are not JSON: the success content per "METHOD pattern".
json non_json_content(const std::string& op) {
  json csv = {{"text/csv", {{"schema", {{"type", "string"}, {"description", "CSV, UTF-8 with BOM"}}}}}};
  if (op == "GET /api/v1/feedback/export")
    return {{"text/csv", csv["text/csv"]},
            {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
  if (op == "GET /api/v1/campaigns/{id}/invitations/export") return csv;
  if (op == "GET /api/v1/qr.svg") return {{"image/svg+xml", {{"schema", str()}}}};
  if (op == "GET /api/v1/openapi.json") return {{"application/json", {{"schema", schema_ref("OpenApiDocument")}}}};
  return nullptr;
}

// Success answers besides the RouteDoc's status, per "METHOD pattern".
std::vector<std::pair<int, std::string>> extra_success(const std::string& op) {
  if (op == "PUT /api/v1/surveys/{id}") return {{201, "A new version (the questionnaire had responses)"}};
  if (op == "POST /api/v1/public/responses") return {{200, "This submission_id was stored before: the same id again"}};
  return {};
}

// Query parameters by name; a few names mean different things on different routes.
json query_schema(const std::string& op, const std::string& name) {
  static const std::set<std::string> flags = {"dry_run", "overdue", "mine", "active", "used", "tree"};
  if (name == "page") return {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000000}, {"default", 1}};
  if (name == "page_size") return {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}, {"default", 50}};
  if (flags.count(name)) return boolean();
  if (name == "min_group") return {{"type", "integer"}, {"minimum", 0}};
  if (name == "survey" || name == "campaign") return {{"type", "integer"}, {"minimum", 1}};
  if (name == "customer" && op.find("/encounters") != std::string::npos) return {{"type", "integer"}, {"minimum", 1}};
  if (name == "format") return enum_of({"csv", "xlsx"});
  if (name == "date_order")
    return {{"type", "string"},
            {"enum", {"dmy", "mdy", "ymd"}},
            {"description", "order of day, month and year in typed dates; without it dmy when Accept-Language "
                            "starts with vi, else ymd"}};
  if (name == "encoding")
    return {{"type", "string"},
            {"description", "auto (default: BOM, then the detection rule of docs/api.md), utf-8, utf-16, utf-16le, "
                            "utf-16be, gb18030 (gbk), windows-1258"}};
  if (name == "group") return enum_of({"unit", "staff", "month"});
  if (name == "data") return {{"type", "string"}, {"minLength", 1}, {"maxLength", 1000}};
  if (name == "by") {
    if (op.find("/feedback/counts") != std::string::npos)
      return enum_of({"channel", "kind", "category", "severity", "status", "unit", "month"});
    if (op.find("/ranking") != std::string::npos) return enum_of({"unit", "staff"});
    if (op.find("/rates") != std::string::npos) return enum_of({"unit", "category"});
  }
  if (name == "from" || name == "to" || name == "compare_from" || name == "compare_to")
    return {{"type", "string"}, {"description", "a date (YYYY-MM-DD) or a date-time"}};
  return str();
}

std::string operation_id(const std::string& method, const std::string& pattern) {
  std::string id = method;
  for (auto& ch : id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::string path = pattern.rfind("/api/v1", 0) == 0 ? pattern.substr(7) : pattern;
  bool sep = true;
  for (char ch : path) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      if (sep) id += '_';
      id += ch;
      sep = false;
    } else {
      sep = true;
    }
  }
  return id;
}

json success_content(const RouteDoc& doc, const std::string& op) {
  json content = non_json_content(op);
  if (!content.is_null()) return content;
  if (doc.response_schema.empty()) return nullptr;
  json schema;
  const std::string& name = doc.response_schema;
  if (name.rfind("Page<", 0) == 0) {
    std::string item = name.substr(5, name.size() - 6);
    schema = record({{"items", array_of(schema_ref(item))},
                     {"total", {{"type", "integer"}, {"minimum", 0}}},
                     {"page", {{"type", "integer"}, {"minimum", 1}}},
                     {"page_size", {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}}}});
  } else {
    schema = schema_ref(name);
  }
  return {{"application/json", {{"schema", schema}}}};
}

}  // namespace

json Api::openapi() const {
  json doc = {{"openapi", "3.1.0"},
              {"info",
               {{"title", "servq API"},
                {"version", SERVQ_VERSION},
                {"description", "Customer satisfaction and service-quality management. See docs/api.md."}}},
              {"servers", json::array({{{"url", "/"}, {"description", "the servq server that serves this document"}}})},
              {"paths", json::object()}};
  std::set<std::string> tags;
  for (const auto& r : router_.routes()) {
    const std::string key = r.method + " " + r.pattern;
    tags.insert(r.doc.tag);
    json op = {{"summary", r.doc.summary}, {"tags", {r.doc.tag}}, {"operationId", operation_id(r.method, r.pattern)}};
    json params = json::array();
    for (const auto& seg : r.segments)
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", seg == "{id}" ? json{{"type", "integer"}, {"minimum", 1}} : str()}});
    for (const auto& q : r.doc.query)
      params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", query_schema(key, q)}});
    if (!params.empty()) op["parameters"] = params;
    if (!r.doc.request_schema.empty())
      op["requestBody"] = {{"required", true},
                           {"content", {{r.doc.request_content_type, {{"schema", schema_ref(r.doc.request_schema)}}}}}};
    json responses;
    json ok = {{"description", r.doc.success_status == 204 ? "Done; no content" : "Success"}};
    json content = success_content(r.doc, key);
    if (!content.is_null() && r.doc.success_status != 204) ok["content"] = content;
    responses[std::to_string(r.doc.success_status)] = ok;
    for (const auto& [status, why] : extra_success(key)) {
      json extra = {{"description", why}};
      if (!content.is_null()) extra["content"] = content;
      responses[std::to_string(status)] = extra;
    }
    // Every refusal is a problem, whatever its 4xx status (new ones need no edit here); 5xx
    // are 500 server.internal and 503 server.db_unavailable.
    responses["4XX"] = {{"$ref", "#/components/responses/Problem"}};
    responses["5XX"] = {{"$ref", "#/components/responses/Problem"}};
    op["responses"] = responses;
    if (!r.doc.auth) op["security"] = json::array();
    std::string m = r.method;
    for (auto& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    doc["paths"][r.pattern][m] = op;
  }
  static const std::map<std::string, std::string> tag_text = {{"system", "Health and this document"},
                                                              {"auth", "Sessions and passwords"},
                                                              {"organisation", "Units, staff and the overview"},
                                                              {"customers", "Customers and their encounters"},
                                                              {"accounts", "Users and API tokens"},
                                                              {"audit", "The audit log"},
                                                              {"settings", "The organisation's time zone and phone region"},
                                                              {"feedback", "Feedback and complaint cases"},
                                                              {"imports", "CSV imports (all or nothing)"},
                                                              {"surveys", "Questionnaires, campaigns and analysis"},
                                                              {"public", "What respondents use, without a login"}};
  json tag_list = json::array();
  for (const auto& t : tags) {
    auto it = tag_text.find(t);
    tag_list.push_back({{"name", t}, {"description", it == tag_text.end() ? t : it->second}});
  }
  doc["tags"] = tag_list;
  doc["components"] = {
      {"schemas", schemas()},
      {"responses",
       {{"Problem",
         {{"description", "A problem (RFC 9457) with a stable code"},
          {"content", {{"application/problem+json", {{"schema", schema_ref("Problem")}}}}}}}}},
      {"securitySchemes",
       {{"session",
         {{"type", "apiKey"},
          {"in", "cookie"},
          {"name", "servq_session"},
          {"description", "The session cookie of POST /api/v1/auth/login; mutations also send X-CSRF-Token"}}},
        {"token",
         {{"type", "http"}, {"scheme", "bearer"}, {"description", "An API token (POST /api/v1/api-tokens)"}}}}}};
  doc["security"] = json::array({{{"session", json::array()}}, {{"token", json::array()}}});
  return doc;
}

}  // namespace servq::http
