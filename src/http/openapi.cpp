// The OpenAPI 3 document, built from the route table so it cannot miss a route; the schemas
// below describe the shapes of docs/api.md.
#include "http/api.h"
#include "servq_version.h"

namespace servq::http {

using nlohmann::json;

namespace {

json str(bool nullable = false) { return nullable ? json{{"type", json::array({"string", "null"})}} : json{{"type", "string"}}; }
json integer() { return {{"type", "integer"}}; }
json boolean() { return {{"type", "boolean"}}; }
json obj(json props, std::vector<std::string> required = {}) {
  json o = {{"type", "object"}, {"properties", std::move(props)}};
  if (!required.empty()) o["required"] = required;
  return o;
}
json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json schemas() {
  json s;
  s["Problem"] = obj({{"type", str()}, {"title", str()}, {"status", integer()}, {"code", str()}, {"detail", str()},
                      {"field", str()},
                      {"errors", {{"type", "array"}, {"items", obj({{"line", integer()}, {"field", str()}, {"code", str()}, {"detail", str()}})}}}},
                     {"status", "code"});
  s["Health"] = obj({{"status", str()}, {"db", {{"type", "string"}, {"enum", {"sqlite", "postgresql"}}}}, {"version", str()}});
  s["Login"] = obj({{"login", str()}, {"password", str()}}, {"login", "password"});
  s["PasswordChange"] = obj({{"current_password", str()}, {"new_password", str()}}, {"current_password", "new_password"});
  s["User"] = obj({{"id", integer()}, {"login", str()}, {"name", str()},
                   {"role", {{"type", "string"}, {"enum", {"admin", "quality", "director", "head", "staff", "auditor"}}}},
                   {"unit", str(true)}, {"employee_code", str(true)}, {"active", boolean()}, {"created_at", str()},
                   {"must_change_password", boolean()}});
  s["UserInput"] = obj({{"login", str()}, {"name", str()}, {"role", str()}, {"unit", str(true)},
                        {"employee_code", str(true)}, {"password", str()}, {"active", boolean()}});
  s["Session"] = obj({{"user", ref("User")}, {"csrf_token", str(true)}});
  s["Unit"] = obj({{"id", integer()}, {"code", str()}, {"name", str()}, {"parent", str(true)}, {"head", str(true)},
                   {"path", {{"type", "array"}, {"items", str()}}}});
  s["UnitInput"] = obj({{"code", str()}, {"name", str()}, {"parent", str(true)}, {"head", str(true)}});
  s["Staff"] = obj({{"id", integer()}, {"employee_code", str()}, {"name", str()}, {"unit", str()}, {"title", str()},
                    {"active", boolean()}});
  s["StaffInput"] = obj({{"employee_code", str()}, {"name", str()}, {"unit", str()}, {"title", str()}, {"active", boolean()}});
  json category = {{"type", "string"}, {"enum", {"long_term", "referred", "first_time"}}};
  s["Customer"] = obj({{"id", integer()}, {"external_id", str(true)}, {"name", str(true)}, {"phone", str(true)},
                       {"email", str(true)}, {"address", str(true)}, {"category", category}, {"referred_by", str(true)},
                       {"tier", str(true)}, {"consent_contact", boolean()}, {"consent_survey", boolean()},
                       {"first_visit", str(true)}, {"last_visit", str(true)}, {"pii_masked", boolean()}});
  s["CustomerInput"] = obj({{"external_id", str(true)}, {"name", str()}, {"phone", str(true)}, {"email", str(true)},
                            {"address", str(true)}, {"category", category}, {"referred_by", str(true)}, {"tier", str(true)},
                            {"consent_contact", boolean()}, {"consent_survey", boolean()}});
  s["Encounter"] = obj({{"id", integer()}, {"external_id", str(true)}, {"customer", integer()}, {"customer_name", str(true)},
                        {"unit", str()}, {"staff", str(true)}, {"service", str()}, {"started_at", str()},
                        {"amount", integer()}, {"converted", boolean()}});
  s["EncounterInput"] = obj({{"external_id", str(true)}, {"customer", integer()}, {"customer_phone", str()},
                             {"unit", str()}, {"staff", str(true)}, {"service", str()}, {"started_at", str()},
                             {"amount", integer()}, {"converted", boolean()}});
  s["ApiToken"] = obj({{"id", integer()}, {"name", str()}, {"user", str()}, {"created_at", str()},
                       {"last_used_at", str(true)}, {"revoked_at", str(true)}, {"token", str()}});
  s["ApiTokenInput"] = obj({{"name", str()}, {"user", str()}}, {"name", "user"});
  s["AuditEntry"] = obj({{"id", integer()}, {"at", str()}, {"actor", str()}, {"action", str()}, {"entity", str()},
                         {"entity_id", str(true)}, {"before", {{"type", json::array({"object", "null"})}}},
                         {"after", {{"type", json::array({"object", "null"})}}}});
  s["Overview"] = obj({{"units", integer()}, {"staff", integer()}, {"customers", integer()}, {"encounters", integer()},
                       {"encounters_by_month", {{"type", "array"}, {"items", obj({{"month", str()}, {"count", integer()}, {"amount", integer()}})}}},
                       {"customers_by_category", {{"type", "array"}, {"items", obj({{"category", str()}, {"count", integer()}})}}}});
  s["ImportReport"] = obj({{"kind", str()}, {"total", integer()}, {"created", integer()}, {"updated", integer()},
                           {"unchanged", integer()}, {"dry_run", boolean()}});
  json customer_ref = obj({{"id", {{"type", json::array({"integer", "null"})}}}, {"name", str(true)}, {"phone", str(true)},
                           {"address", str(true)}});
  json event = obj({{"at", str()}, {"actor", str()}, {"action", str()}, {"from_status", str(true)}, {"to_status", str(true)},
                    {"note", str(true)}, {"data", {{"type", json::array({"object", "null"})}}}});
  s["Notification"] = obj({{"id", integer()}, {"at", str()}, {"actor", str()}, {"channel", str()}, {"kind", str()}, {"content", str()}});
  s["NotificationInput"] = obj({{"channel", str()}, {"kind", str()}, {"content", str()}, {"at", str()}}, {"channel", "kind", "content"});
  s["Feedback"] = obj({{"id", integer()}, {"reference", str()}, {"external_id", str(true)}, {"received_at", str()},
                       {"channel", str()}, {"kind", str()}, {"customer", customer_ref}, {"content", str()},
                       {"unit", str(true)}, {"staff", str(true)}, {"category", str()}, {"severity", str()},
                       {"status", {{"type", "string"}, {"enum", {"received", "verifying", "unfounded", "in_progress", "resolved", "closed"}}}},
                       {"handler", str()}, {"receiver", str()}, {"resolution", str(true)}, {"unfounded_explanation", str(true)},
                       {"callback_attempts", integer()}, {"reopen_count", integer()}, {"acknowledged_at", str(true)},
                       {"resolved_at", str(true)}, {"closed_at", str(true)}, {"ack_due", str(true)}, {"resolve_due", str(true)},
                       {"callback_due", str(true)}, {"overdue", boolean()}, {"overdue_reasons", {{"type", "array"}, {"items", str()}}},
                       {"allowed_actions", {{"type", "array"}, {"items", str()}}},
                       {"timeline", {{"type", "array"}, {"items", event}}},
                       {"notifications", {{"type", "array"}, {"items", ref("Notification")}}}});
  s["FeedbackInput"] = obj({{"received_at", str()}, {"channel", str()}, {"kind", str()}, {"customer", customer_ref},
                            {"content", str()}, {"unit", str(true)}, {"staff", str(true)}, {"category", str()},
                            {"severity", str()}, {"external_id", str(true)}},
                           {"channel", "kind", "content"});
  s["TransitionInput"] = obj({{"action", {{"type", "string"}, {"enum", {"verify", "mark_unfounded", "accept", "escalate", "resolve", "callback", "close_unreachable", "close"}}}},
                              {"note", str()}, {"explanation", str()}, {"resolution", str()},
                              {"outcome", {{"type", "string"}, {"enum", {"satisfied", "not_satisfied", "unreachable"}}}},
                              {"called_at", str()}},
                             {"action"});
  s["FeedbackCounts"] = obj({{"by", str()}, {"items", {{"type", "array"}, {"items", obj({{"key", str(true)}, {"count", integer()}})}}}});
  json num_or_null = {{"type", json::array({"number", "null"})}};
  s["FeedbackMeasures"] = obj({{"group", str()}, {"items", {{"type", "array"}, {"items", obj({{"key", str(true)}, {"complaints", integer()},
      {"resolved", integer()}, {"resolved_on_time", integer()}, {"due", integer()}, {"on_time_rate", num_or_null},
      {"mean_first_response_hours", num_or_null}, {"callbacks_due", integer()}, {"callbacks_done", integer()},
      {"callback_done_rate", num_or_null}})}}}});
  s["SlaPolicies"] = obj({{"items", {{"type", "array"}, {"items", obj({{"kind", str()}, {"severity", str()},
      {"acknowledge_minutes", {{"type", "number"}}}, {"resolve_minutes", {{"type", "number"}}}, {"callback_minutes", {{"type", "number"}}}})}}},
      {"callback_max_attempts", integer()}});
  // ---- surveys (S1–S5) ----
  json any_obj = {{"type", "object"}};
  json arr_of = [](json items) { return json{{"type", "array"}, {"items", std::move(items)}}; }(any_obj);
  s["Survey"] = obj({{"id", integer()}, {"family_id", integer()}, {"version", integer()}, {"title", str()},
                     {"status", {{"type", "string"}, {"enum", {"active", "archived"}}}}, {"created_at", str()},
                     {"created_by", str()}, {"updated_at", str()}, {"response_count", integer()}, {"definition", any_obj},
                     {"items", arr_of}, {"dimensions", {{"type", "array"}, {"items", str()}}}});
  s["SurveyInput"] = obj({{"definition", any_obj}, {"title", str()}}, {"definition"});
  s["SurveyTemplates"] = {{"type", "array"}, {"items", obj({{"key", str()}, {"title", any_obj}, {"definition", any_obj}})}};
  json segment = obj({{"category", str(true)}, {"unit", str(true)}, {"from", str(true)}, {"to", str(true)},
                      {"consent_only", boolean()}, {"per", {{"type", "string"}, {"enum", {"encounter", "customer"}}}}});
  json channel = {{"type", "string"}, {"enum", {"link", "letter", "kiosk", "paper"}}};
  s["Campaign"] = obj({{"id", integer()}, {"survey_id", integer()}, {"survey_title", str()}, {"name", str()}, {"channel", channel},
                       {"opens_at", str()}, {"closes_at", str(true)}, {"status", {{"type", "string"}, {"enum", {"scheduled", "open", "closed"}}}},
                       {"segment", segment}, {"invitations", integer()}, {"responses", integer()},
                       {"response_rate", {{"type", json::array({"number", "null"})}}}, {"created_at", str()}});
  s["CampaignInput"] = obj({{"survey_id", integer()}, {"name", str()}, {"channel", channel}, {"opens_at", str()},
                            {"closes_at", str(true)}, {"segment", segment}});
  s["InvitationResult"] = obj({{"created", integer()}, {"skipped", obj({{"no_consent", integer()}, {"already_invited", integer()}})}});
  s["Invitation"] = obj({{"id", integer()}, {"token", str(true)}, {"url", str(true)}, {"customer", any_obj}, {"unit", str(true)},
                         {"staff", str(true)}, {"encounter_at", str(true)}, {"used_at", str(true)},
                         {"response_id", {{"type", json::array({"integer", "null"})}}}});
  s["Kiosk"] = obj({{"id", integer()}, {"code", str()}, {"url", str()}, {"unit", str(true)}, {"responses", integer()}});
  s["KioskInput"] = obj({{"unit", str()}}, {"unit"});
  s["KioskList"] = obj({{"items", {{"type", "array"}, {"items", ref("Kiosk")}}}});
  s["ResponseRates"] = obj({{"by", str()}, {"items", {{"type", "array"}, {"items", obj({{"key", str(true)}, {"invitations", integer()},
                                                                                            {"responses", integer()}, {"rate", {{"type", "number"}}}})}}}});
  s["PublicSurvey"] = obj({{"survey_id", integer()}, {"title", str()}, {"definition", any_obj}, {"campaign", any_obj},
                           {"unit", {{"type", json::array({"object", "null"})}}}, {"default_lang", str()}});
  s["PublicResponseInput"] = obj({{"token", str()}, {"kiosk", str()}, {"answers", any_obj},
                                  {"lang", {{"type", "string"}, {"enum", {"vi", "zh-cn", "en"}}}}, {"submission_id", str()}},
                                 {"answers"});
  s["ResponseAck"] = obj({{"id", integer()}}, {"id"});
  s["PaperResponseInput"] = obj({{"answers", any_obj}, {"unit", str()}, {"staff", str(true)}, {"customer_phone", str(true)},
                                 {"submitted_at", str(true)}, {"campaign", integer()}, {"lang", str()}},
                                {"answers", "unit"});
  s["SurveyResponse"] = obj({{"id", integer()}, {"submitted_at", str()}, {"channel", str()}, {"unit", str(true)}, {"staff", str(true)},
                             {"campaign", {{"type", json::array({"integer", "null"})}}}, {"lang", str()}, {"answers", any_obj},
                             {"feedback_id", {{"type", json::array({"integer", "null"})}}}, {"category", str(true)}});
  s["SurveyComment"] = obj({{"response_id", integer()}, {"submitted_at", str()}, {"unit", str(true)}, {"question", str()},
                            {"text", str()}, {"lang", str()}, {"feedback_id", {{"type", json::array({"integer", "null"})}}}});
  json num_ci = obj({{"value", {{"type", "number"}}}, {"ci95", {{"type", "array"}, {"items", {{"type", json::array({"number", "null"})}}}}},
                     {"n", {{"type", "number"}}}});
  s["SurveyAnalysis"] = obj({{"survey_id", integer()}, {"filters", any_obj}, {"min_group", {{"type", "number"}}}, {"n", {{"type", "number"}}},
                             {"suppressed", boolean()}, {"csat", num_ci}, {"nps", any_obj}, {"questions", arr_of}, {"dimensions", arr_of},
                             {"drivers", {{"type", json::array({"object", "null"})}}}, {"ipa", arr_of}, {"trend", arr_of},
                             {"compare", any_obj}},
                            {"survey_id", "suppressed"});
  s["SurveyRanking"] = obj({{"survey_id", integer()}, {"by", str()}, {"min_group", {{"type", "number"}}}, {"filters", any_obj},
                            {"items", arr_of}});
  s["CsvFile"] = {{"type", "string"}, {"description", "CSV, UTF-8 with or without BOM; the header names the JSON fields"}};
  return s;
}

json response_schema(const std::string& name) {
  if (name.rfind("Page<", 0) == 0) {
    std::string item = name.substr(5, name.size() - 6);
    return obj({{"items", {{"type", "array"}, {"items", ref(item)}}}, {"total", integer()}, {"page", integer()},
                {"page_size", integer()}},
               {"items", "total", "page", "page_size"});
  }
  return ref(name);
}

}  // namespace

json Api::openapi() const {
  json doc = {{"openapi", "3.1.0"},
              {"info", {{"title", "servq API"}, {"version", SERVQ_VERSION},
                        {"description", "Customer satisfaction and service-quality management. See docs/api.md."}}},
              {"servers", json::array({{{"url", "/"}}})},
              {"paths", json::object()}};
  json problem_ref = {{"description", "Problem"}, {"content", {{"application/problem+json", {{"schema", ref("Problem")}}}}}};
  for (const auto& r : router_.routes()) {
    json op = {{"summary", r.doc.summary}, {"tags", {r.doc.tag}}, {"operationId", r.method + " " + r.pattern}};
    json params = json::array();
    for (const auto& seg : r.segments)
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", seg.substr(1, seg.size() - 2)}, {"in", "path"}, {"required", true},
                          {"schema", seg == "{id}" ? integer() : str()}});
    for (const auto& q : r.doc.query) params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", str()}});
    if (!params.empty()) op["parameters"] = params;
    if (!r.doc.request_schema.empty())
      op["requestBody"] = {{"required", true}, {"content", {{r.doc.request_content_type, {{"schema", ref(r.doc.request_schema)}}}}}};
    json ok = {{"description", "Success"}};
    if (!r.doc.response_schema.empty()) ok["content"] = {{"application/json", {{"schema", response_schema(r.doc.response_schema)}}}};
    op["responses"] = {{std::to_string(r.doc.success_status), ok}, {"default", problem_ref}};
    if (!r.doc.auth) op["security"] = json::array();
    std::string m = r.method;
    for (auto& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    doc["paths"][r.pattern][m] = op;
  }
  doc["components"] = {{"schemas", schemas()},
                       {"securitySchemes", {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "servq_session"}}},
                                            {"token", {{"type", "http"}, {"scheme", "bearer"}}}}}};
  doc["security"] = json::array({{{"session", json::array()}}, {{"token", json::array()}}});
  return doc;
}

}  // namespace servq::http
