// The F2 state machine, exhaustively: every (status, handler, action, caller) combination is
// checked against the table of PRODUCT.md F2 / docs/api.md written out below by hand.
#include "core/feedback/workflow.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

using namespace servq::feedback;

namespace {

enum Who { receiver, unit_head, quality, stranger };
const char* who_name(Who w) { return w == receiver ? "receiver" : w == unit_head ? "unit_head" : w == quality ? "quality" : "stranger"; }
Relation rel(Who w) {
  Relation r;
  r.receiver = w == receiver;
  r.unit_head = w == unit_head;
  r.quality = w == quality;
  return r;
}

ActionInput full(const std::string& action) {
  ActionInput in;
  in.action = action;
  in.explanation = "Đã giải thích cho khách";
  in.resolution = "Đã xin lỗi và hướng dẫn lại nhân viên";
  in.outcome = "satisfied";
  return in;
}

// (status, handler, action, who) that must succeed; everything else must be refused.
// Source: docs/api.md "Workflow" table (the receiver logs, the unit head handles escalations,
// quality may do everything but is not the handler).
const std::set<std::tuple<std::string, Handler, std::string, Who>> kAllowed = [] {
  std::set<std::tuple<std::string, Handler, std::string, Who>> s;
  for (Handler h : {Handler::receiver, Handler::unit_head}) {
    for (Who w : {receiver, unit_head, quality}) {
      s.insert({"received", h, "verify", w});
      s.insert({"verifying", h, "mark_unfounded", w});
      s.insert({"verifying", h, "accept", w});
    }
    for (Who w : {receiver, quality}) {
      s.insert({"resolved", h, "callback", w});
      s.insert({"unfounded", h, "close", w});
    }
    s.insert({"in_progress", h, "resolve", quality});
  }
  s.insert({"in_progress", Handler::receiver, "escalate", receiver});
  s.insert({"in_progress", Handler::receiver, "escalate", quality});
  s.insert({"in_progress", Handler::receiver, "resolve", receiver});
  s.insert({"in_progress", Handler::unit_head, "resolve", unit_head});
  return s;
}();

}  // namespace

TEST(FeedbackWorkflow, EveryAllowedAndEveryForbiddenTransition) {
  int allowed = 0, refused = 0;
  for (auto status : kStatuses) {
    for (Handler h : {Handler::receiver, Handler::unit_head}) {
      for (auto action : kActions) {
        if (action == "close_unreachable") continue;  // needs attempts: its own tests below
        for (Who w : {receiver, unit_head, quality, stranger}) {
          CaseState s{std::string(status), h, 0};
          auto r = apply(s, full(std::string(action)), rel(w), 3);
          bool expect = kAllowed.count({std::string(status), h, std::string(action), w}) > 0;
          EXPECT_EQ(r.ok(), expect) << action << " from " << status << " (handler " << handler_name(h) << ") by "
                                    << who_name(w) << (r.ok() ? "" : ": " + r.error().message);
          if (!r.ok()) {
            EXPECT_TRUE(r.error().code == "feedback.transition_not_allowed" || r.error().code == "feedback.actor_not_allowed")
                << r.error().code;
            EXPECT_FALSE(r.error().message.empty());
            ++refused;
          } else {
            ++allowed;
          }
          // allowed_actions agrees with apply.
          auto acts = allowed_actions(s, rel(w), 3);
          EXPECT_EQ(std::find(acts.begin(), acts.end(), action) != acts.end(), expect) << action << " " << status;
        }
      }
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(kAllowed.size()));
  EXPECT_GT(refused, 300);
}

TEST(FeedbackWorkflow, WrongStatusIsRefusedNamingTheRule) {
  auto r = apply({"received", Handler::receiver, 0}, full("resolve"), rel(quality), 3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "feedback.transition_not_allowed");
  EXPECT_EQ(r.error().status, 409);
  EXPECT_NE(r.error().message.find("only from status in_progress"), std::string::npos);
}

TEST(FeedbackWorkflow, EscalatedCaseCanOnlyBeResolvedByUnitHeadOrQuality) {
  CaseState s{"in_progress", Handler::unit_head, 0};
  auto by_receiver = apply(s, full("resolve"), rel(receiver), 3);
  ASSERT_FALSE(by_receiver.ok());
  EXPECT_EQ(by_receiver.error().code, "feedback.actor_not_allowed");
  EXPECT_EQ(by_receiver.error().status, 403);
  EXPECT_TRUE(apply(s, full("resolve"), rel(unit_head), 3).ok());
}

TEST(FeedbackWorkflow, EscalateMovesTheCaseToTheUnitHeadOnce) {
  auto t = apply({"in_progress", Handler::receiver, 0}, full("escalate"), rel(receiver), 3);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->to, "in_progress");
  EXPECT_EQ(t->handler, Handler::unit_head);
  auto again = apply({"in_progress", Handler::unit_head, 0}, full("escalate"), rel(quality), 3);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "feedback.transition_not_allowed");
}

TEST(FeedbackWorkflow, NotSatisfiedCallbackReopensTheCase) {
  auto in = full("callback");
  in.outcome = "not_satisfied";
  auto t = apply({"resolved", Handler::unit_head, 1}, in, rel(quality), 3);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->to, "in_progress");
  EXPECT_TRUE(t->reopened);
  EXPECT_EQ(t->handler, Handler::unit_head);  // back to whoever handled it
}

TEST(FeedbackWorkflow, SatisfiedCallbackClosesTheCase) {
  auto t = apply({"resolved", Handler::receiver, 0}, full("callback"), rel(receiver), 3);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->to, "closed");
  EXPECT_TRUE(t->closed);
}

TEST(FeedbackWorkflow, UnreachableIsCountedAndClosableOnlyAfterTheConfiguredAttempts) {
  auto in = full("callback");
  in.outcome = "unreachable";
  CaseState s{"resolved", Handler::receiver, 0};
  for (int i = 1; i <= 3; ++i) {
    EXPECT_FALSE(apply(s, full("close_unreachable"), rel(quality), 3).ok()) << "after " << s.callback_attempts;
    auto t = apply(s, in, rel(quality), 3);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->to, "resolved");
    EXPECT_EQ(t->callback_attempts, i);
    s.callback_attempts = t->callback_attempts;
  }
  auto closed = apply(s, full("close_unreachable"), rel(receiver), 3);
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->to, "closed");
  EXPECT_FALSE(apply(s, full("close_unreachable"), rel(unit_head), 3).ok());  // not the unit head's call
}

TEST(FeedbackWorkflow, RequiredFieldsAreNamed) {
  ActionInput in;
  in.action = "resolve";
  auto r = apply({"in_progress", Handler::receiver, 0}, in, rel(receiver), 3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "resolution");
  in.action = "mark_unfounded";
  r = apply({"verifying", Handler::receiver, 0}, in, rel(receiver), 3);
  EXPECT_EQ(r.error().field, "explanation");
  in.action = "callback";
  in.outcome = "maybe";
  r = apply({"resolved", Handler::receiver, 0}, in, rel(receiver), 3);
  EXPECT_EQ(r.error().field, "outcome");
}

TEST(FeedbackWorkflow, UnknownActionIsAValidationError) {
  auto r = apply({"received", Handler::receiver, 0}, full("delete"), rel(quality), 3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "feedback.unknown_action");
}

TEST(FeedbackWorkflow, VerifyIsTheFirstResponse) {
  auto t = apply({"received", Handler::receiver, 0}, full("verify"), rel(unit_head), 3);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->acknowledged);
}
