#include "store/feedback/events_repo.h"

namespace servq::store::feedback {

namespace {
constexpr std::string_view kSelectEvents =
    "SELECT id, feedback_id, at, actor_id, actor, action, from_status, to_status, note, data_json FROM feedback_events";

CaseEvent read_event(const Row& r) {
  return {r.i64("id"),     r.i64("feedback_id"), r.str("at"),        r.opt_i64("actor_id"), r.str("actor"),
          r.str("action"), r.opt("from_status"), r.opt("to_status"), r.opt("note"),         r.opt("data_json")};
}

constexpr std::string_view kSelectNotifications =
    "SELECT id, feedback_id, at, actor_id, actor, channel, kind, content FROM feedback_notifications";

CustomerNotification read_notification(const Row& r) {
  return {r.i64("id"),    r.i64("feedback_id"), r.str("at"),   r.opt_i64("actor_id"),
          r.str("actor"), r.str("channel"),     r.str("kind"), r.str("content")};
}
}  // namespace

void append_event(Connection& c, const CaseEvent& e) {
  c.execute(
      "INSERT INTO feedback_events (feedback_id, at, actor_id, actor, action, from_status, to_status, note, data_json) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.feedback_id, e.at, opt_value(e.actor_id), e.actor, e.action, opt_value(e.from_status), opt_value(e.to_status),
       opt_value(e.note), opt_value(e.data_json)});
}

std::vector<CaseEvent> events_of(Connection& c, int64_t feedback_id) {
  std::vector<CaseEvent> out;
  for (auto& r : c.query(std::string(kSelectEvents) + " WHERE feedback_id = ? ORDER BY id", {feedback_id}))
    out.push_back(read_event(r));
  return out;
}

int64_t append_notification(Connection& c, const CustomerNotification& n) {
  return c
      .query_one(
          "INSERT INTO feedback_notifications (feedback_id, at, actor_id, actor, channel, kind, content) "
          "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {n.feedback_id, n.at, opt_value(n.actor_id), n.actor, n.channel, n.kind, n.content})
      ->i64("id");
}

std::vector<CustomerNotification> notifications_of(Connection& c, int64_t feedback_id) {
  std::vector<CustomerNotification> out;
  for (auto& r : c.query(std::string(kSelectNotifications) + " WHERE feedback_id = ? ORDER BY at, id", {feedback_id}))
    out.push_back(read_notification(r));
  return out;
}

}  // namespace servq::store::feedback
