// A case's timeline (feedback_events) and the notifications sent to its customer
// (feedback_notifications): both append-only. JSON data travels as text.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace servq::store::feedback {

struct CaseEvent {
  int64_t id = 0;  // assigned by append_event
  int64_t feedback_id = 0;
  std::string at;
  std::optional<int64_t> actor_id;
  std::string actor, action;
  std::optional<std::string> from_status, to_status, note, data_json;
};
void append_event(Connection& c, const CaseEvent& e);
std::vector<CaseEvent> events_of(Connection& c, int64_t feedback_id);  // oldest first

struct CustomerNotification {
  int64_t id = 0;  // assigned by append_notification
  int64_t feedback_id = 0;
  std::string at;
  std::optional<int64_t> actor_id;
  std::string actor, channel, kind, content;
};
// Returns the new notification's id.
int64_t append_notification(Connection& c, const CustomerNotification& n);
std::vector<CustomerNotification> notifications_of(Connection& c, int64_t feedback_id);  // by time

}  // namespace servq::store::feedback
