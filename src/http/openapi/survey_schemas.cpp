// OpenAPI schemas: questionnaires, campaigns, responses and analysis (S1–S5).
#include "http/openapi/schema_kit.h"

namespace servq::http::openapi {
namespace {

// Questionnaires (S1).
void add_questionnaires(json& s) {
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
}

// Campaigns, invitations, kiosks, public answering and the responses (S2, S3).
void add_campaigns(json& s) {
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
}

// Analysis and ranking (S4, S5).
void add_analysis(json& s) {
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
}

}  // namespace

void add_survey_schemas(json& s) {
  add_questionnaires(s);
  add_campaigns(s);
  add_analysis(s);
}

}  // namespace servq::http::openapi
