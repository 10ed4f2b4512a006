// OpenAPI schemas: feedback cases (F1–F4, F6).
#include "http/openapi/schema_kit.h"
#include "core/feedback/workflow.h"

namespace servq::http::openapi {

void add_feedback_schemas(json& s) {
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
}

}  // namespace servq::http::openapi
