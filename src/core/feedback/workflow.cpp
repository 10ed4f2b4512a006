#include "core/feedback/workflow.h"

namespace servq::feedback {

std::string_view handler_name(Handler h) { return h == Handler::unit_head ? "unit_head" : "receiver"; }

namespace {

// Who may take an action: the parties named in the rule table.
enum Party : unsigned { kReceiver = 1, kUnitHead = 2, kQuality = 4, kHandler = 8 };

struct Rule {
  std::string_view action;
  std::string_view from;
  unsigned parties;
  std::string_view who_text;  // for the refusal message
};

// The machine. `kHandler` means "whoever currently handles the case" (receiver or unit head).
constexpr Rule kRules[] = {
    {"verify", "received", kReceiver | kUnitHead | kQuality, "the receiver, the unit head or quality"},
    {"mark_unfounded", "verifying", kReceiver | kUnitHead | kQuality, "the receiver, the unit head or quality"},
    {"accept", "verifying", kReceiver | kUnitHead | kQuality, "the receiver, the unit head or quality"},
    {"escalate", "in_progress", kReceiver | kQuality, "the receiver or quality"},
    {"resolve", "in_progress", kHandler | kQuality, "the current handler or quality"},
    {"callback", "resolved", kReceiver | kQuality, "the receiver or quality"},
    {"close_unreachable", "resolved", kReceiver | kQuality, "the receiver or quality"},
    {"close", "unfounded", kReceiver | kQuality, "the receiver or quality"},
};

const Rule* rule_for(std::string_view action) {
  for (const auto& r : kRules)
    if (r.action == action) return &r;
  return nullptr;
}

bool may(const Rule& r, const CaseState& s, const Relation& who) {
  if ((r.parties & kReceiver) && who.receiver) return true;
  if ((r.parties & kUnitHead) && who.unit_head) return true;
  if ((r.parties & kQuality) && who.quality) return true;
  if (r.parties & kHandler) {
    if (s.handler == Handler::receiver && who.receiver) return true;
    if (s.handler == Handler::unit_head && who.unit_head) return true;
  }
  return false;
}

// Rules that depend on more than the status: reported as transition_not_allowed.
std::optional<std::string> guard(const Rule& r, const CaseState& s, int max_attempts) {
  if (r.action == "escalate" && s.handler == Handler::unit_head)
    return "escalate: the case is already with the unit head";
  if (r.action == "close_unreachable" && s.callback_attempts < max_attempts)
    return "close_unreachable: needs " + std::to_string(max_attempts) + " unreachable callback attempts, the case has " +
           std::to_string(s.callback_attempts);
  return std::nullopt;
}

}  // namespace

Result<Transition> apply(const CaseState& s, const ActionInput& in, const Relation& who, int max_attempts) {
  const Rule* r = rule_for(in.action);
  if (!r)
    return invalid("feedback.unknown_action", "action",
                   "action must be one of verify, mark_unfounded, accept, escalate, resolve, callback, "
                   "close_unreachable, close");
  if (s.status != r->from)
    return Error{"feedback.transition_not_allowed",
                 std::string(r->action) + " is allowed only from status " + std::string(r->from) +
                     "; the case is " + s.status,
                 "action", 409};
  if (auto g = guard(*r, s, max_attempts)) return Error{"feedback.transition_not_allowed", *g, "action", 409};
  if (!may(*r, s, who))
    return Error{"feedback.actor_not_allowed",
                 std::string(r->action) + " may be taken only by " + std::string(r->who_text) +
                     (r->action == "resolve" && s.handler == Handler::unit_head ? " (the case is escalated to the unit head)" : ""),
                 "action", 403};
  Transition t{s.status, s.status, s.handler, s.callback_attempts};
  if (in.action == "verify") {
    t.to = "verifying";
    t.acknowledged = true;
  } else if (in.action == "mark_unfounded") {
    if (in.explanation.empty())
      return invalid("feedback.explanation_required", "explanation", "explanation (what the customer is told) is required");
    t.to = "unfounded";
  } else if (in.action == "accept") {
    t.to = "in_progress";
    t.handler = Handler::receiver;
  } else if (in.action == "escalate") {
    t.handler = Handler::unit_head;
  } else if (in.action == "resolve") {
    if (in.resolution.empty()) return invalid("feedback.resolution_required", "resolution", "resolution is required");
    t.to = "resolved";
    t.resolved = true;
  } else if (in.action == "callback") {
    if (!one_of(in.outcome, kCallbackOutcomes))
      return invalid("feedback.outcome_invalid", "outcome", "outcome must be satisfied, not_satisfied or unreachable");
    if (in.outcome == "satisfied") {
      t.to = "closed";
      t.closed = true;
    } else if (in.outcome == "not_satisfied") {
      t.to = "in_progress";
      t.reopened = true;
      t.callback_attempts = 0;
    } else {
      t.callback_attempts = s.callback_attempts + 1;
    }
  } else if (in.action == "close_unreachable" || in.action == "close") {
    t.to = "closed";
    t.closed = true;
  }
  return t;
}

std::vector<std::string> allowed_actions(const CaseState& s, const Relation& who, int max_attempts) {
  std::vector<std::string> out;
  for (const auto& r : kRules)
    if (s.status == r.from && !guard(r, s, max_attempts) && may(r, s, who)) out.emplace_back(r.action);
  return out;
}

}  // namespace servq::feedback
