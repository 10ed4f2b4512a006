// The closed loop of PRODUCT.md F2 as data: which action moves a case from which status, and
// who may take it. Pure: no I/O, no clock (times are passed in).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace servq::feedback {

inline constexpr std::string_view kChannels[] = {
    "phone",        "in_person",       "letter",  "suggestion_box",     "hotline",
    "email",        "website",         "social_media", "mass_media",   "partner",
    "mystery_shopper", "third_party_audit", "internal_inspection", "survey"};
inline constexpr std::string_view kKinds[] = {"complaint", "praise", "suggestion", "inquiry"};
inline constexpr std::string_view kCategories[] = {"attitude", "waiting_time", "professional_skill", "environment",
                                                   "price_billing", "outcome", "safety", "other"};
inline constexpr std::string_view kSeverities[] = {"low", "medium", "high", "critical"};
inline constexpr std::string_view kStatuses[] = {"received", "verifying", "unfounded",
                                                 "in_progress", "resolved", "closed"};
inline constexpr std::string_view kCallbackOutcomes[] = {"satisfied", "not_satisfied", "unreachable"};

template <size_t N>
bool one_of(std::string_view v, const std::string_view (&set)[N]) {
  for (auto s : set)
    if (s == v) return true;
  return false;
}

enum class Handler { receiver, unit_head };
std::string_view handler_name(Handler h);

// How the caller relates to the case; one person may be several (a head who received it).
struct Relation {
  bool receiver = false;   // logged the case
  bool unit_head = false;  // head of the case's unit (or an ancestor)
  bool quality = false;    // the quality-control centre (quality or admin role)
};

struct CaseState {
  std::string status = "received";
  Handler handler = Handler::receiver;
  int callback_attempts = 0;
};

struct ActionInput {
  std::string action;
  std::string note;
  std::string explanation;  // mark_unfounded
  std::string resolution;   // resolve
  std::string outcome;      // callback
};

struct Transition {
  std::string from, to;
  Handler handler;
  int callback_attempts;
  bool reopened = false;
  bool acknowledged = false;  // first response: leaves "received"
  bool resolved = false;
  bool closed = false;
};

inline constexpr std::string_view kActions[] = {"verify",   "mark_unfounded", "accept", "escalate", "resolve",
                                                "callback", "close_unreachable", "close"};

// Applies `in` to `state` for a caller related as `who`. Errors:
//   feedback.unknown_action (422), feedback.transition_not_allowed (409, names the rule),
//   feedback.actor_not_allowed (403, names who may), feedback.<field>_required (422).
Result<Transition> apply(const CaseState& state, const ActionInput& in, const Relation& who,
                         int callback_max_attempts);

// The actions `who` may take now (each would succeed with its required fields filled).
std::vector<std::string> allowed_actions(const CaseState& state, const Relation& who, int callback_max_attempts);

}  // namespace servq::feedback
