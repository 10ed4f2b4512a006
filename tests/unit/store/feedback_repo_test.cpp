// The feedback repositories (store/feedback) on both backends: cases with their filters, paging,
// scope, updates and search index; the timeline and notifications; SLA policies; reference
// numbers; the aggregate measures; the look-ups of other domains' tables.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/text.h"
#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"
#include "store/feedback/cases_repo.h"
#include "store/feedback/events_repo.h"
#include "store/feedback/lookups.h"
#include "store/feedback/measures_repo.h"
#include "store/feedback/sla_repo.h"
#include "store_test_db.h"

using namespace servq;
using servq::testing::StoreTest;
namespace repo = servq::store::feedback;

namespace {

class FeedbackRepo : public StoreTest {
 protected:
  // Units: A (/a/), its child B (/a/b/), C (/c/); staff S1 in B; users 1 (receiver) and 2.
  void SetUp() override {
    StoreTest::SetUp();
    lease_.emplace(db().acquire());
    auto& c = conn();
    a_ = unit("A", "");
    b_ = unit("B", path_a_);
    c_ = unit("C", "");
    s1_ = c.query_one(
               "INSERT INTO staff (employee_code, name, unit_id, search, created_at, updated_at) "
               "VALUES ('S1', 'Lan', ?, 'lan', 't', 't') RETURNING id",
               {b_})
              ->i64("id");
    u1_ = user("recv");
    u2_ = user("other");
  }
  void TearDown() override {
    lease_.reset();
    StoreTest::TearDown();
  }
  store::Connection& conn() { return **lease_; }

  int64_t unit(const std::string& code, const std::string& parent_path) {
    auto& c = conn();
    int64_t id = c.query_one(
                      "INSERT INTO units (code, name, path, search, created_at, updated_at) VALUES (?, ?, 'x', ?, 't', "
                      "'t') RETURNING id",
                      {code, code, code})
                     ->i64("id");
    std::string path = (parent_path.empty() ? "/" : parent_path) + std::to_string(id) + "/";
    c.execute("UPDATE units SET path = ? WHERE id = ?", {path, id});
    if (code == "A") path_a_ = path;
    if (code == "B") path_b_ = path;
    if (code == "C") path_c_ = path;
    return id;
  }
  int64_t user(const std::string& login) {
    return conn()
        .query_one(
            "INSERT INTO users (login, name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'staff', 'x', "
            "'t', 't') RETURNING id",
            {login, login})
        ->i64("id");
  }

  repo::CaseRecord record(const std::string& ref, const std::string& received_at, std::optional<int64_t> unit_id,
                          const std::string& content = "Thái độ nhân viên") {
    repo::CaseRecord r;
    r.reference = ref;
    r.received_at = received_at;
    r.channel = "hotline";
    r.kind = "complaint";
    r.content = content;
    r.unit_id = unit_id;
    r.category = "attitude";
    r.severity = "medium";
    r.receiver = "recv";
    r.ack_due = "2026-03-01T08:00:00Z";
    r.resolve_due = "2026-03-08T00:00:00Z";
    r.search = text::fold(ref + " " + content + " Nguyễn Văn An");
    r.search_public = text::fold(ref + " " + content);
    r.created_at = r.updated_at = "2026-03-01T00:00:00Z";
    return r;
  }
  int64_t insert(const repo::CaseRecord& r) { return repo::insert(conn(), {r}).front(); }

  static UnitScope all() {
    Actor a;
    a.role = Role::admin;
    return UnitScope::of(a);
  }
  UnitScope head_of(const std::string& path, int64_t user_id = 999) {
    Actor a;
    a.role = Role::head;
    a.user_id = user_id;
    a.unit_path = path;
    return UnitScope::of(a);
  }
  UnitScope staff_member(int64_t user_id, std::optional<int64_t> staff_id) {
    Actor a;
    a.role = Role::staff;
    a.user_id = user_id;
    a.staff_id = staff_id;
    return UnitScope::of(a);
  }
  std::vector<std::string> refs(const std::vector<repo::FeedbackCase>& cases) {
    std::vector<std::string> out;
    for (auto& f : cases) out.push_back(f.reference);
    return out;
  }
  std::vector<std::string> refs(const repo::CaseFilter& f, const UnitScope& scope) {
    return refs(repo::list(conn(), scope, f, repo::CaseOrder::oldest_first, {1, 100}).items);
  }

  std::optional<store::Lease> lease_;
  int64_t a_ = 0, b_ = 0, c_ = 0, s1_ = 0, u1_ = 0, u2_ = 0;
  std::string path_a_, path_b_, path_c_;
};
SERVQ_STORE_TEST_SUITE(FeedbackRepo);

TEST_P(FeedbackRepo, InsertedCaseReadsBackByNameWithItsUnitAndStaff) {
  auto r = record("PH-2026-000001", "2026-03-01T01:00:00Z", b_);
  r.external_id = "EXT-1";
  r.customer_name = "Nguyễn Văn An";
  r.customer_phone = "+84981234567";
  r.customer_address = "Hà Nội";
  r.staff_id = s1_;
  r.receiver_id = u1_;
  r.handler = "unit_head";
  int64_t id = insert(r);
  auto f = repo::find(conn(), all(), id);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->id, id);
  EXPECT_EQ(f->reference, "PH-2026-000001");
  EXPECT_EQ(f->external_id, "EXT-1");
  EXPECT_EQ(f->received_at, "2026-03-01T01:00:00Z");
  EXPECT_EQ(f->channel, "hotline");
  EXPECT_EQ(f->customer_name, "Nguyễn Văn An");
  EXPECT_EQ(f->customer_phone, "+84981234567");
  EXPECT_EQ(f->customer_address, "Hà Nội");
  EXPECT_FALSE(f->customer_id);
  EXPECT_EQ(f->content, "Thái độ nhân viên");
  EXPECT_EQ(f->unit_code, "B");
  EXPECT_EQ(f->unit_path, path_b_);
  EXPECT_EQ(f->staff_code, "S1");
  EXPECT_EQ(f->staff_id, s1_);
  EXPECT_EQ(f->receiver_id, u1_);
  EXPECT_EQ(f->status, "received");
  EXPECT_EQ(f->handler, "unit_head");
  EXPECT_EQ(f->callback_attempts, 0);
  EXPECT_EQ(f->reopen_count, 0);
  EXPECT_EQ(f->ack_due, "2026-03-01T08:00:00Z");
  EXPECT_FALSE(f->acknowledged_at);
  EXPECT_FALSE(repo::find(conn(), all(), id + 100));

  EXPECT_TRUE(repo::external_id_taken(conn(), "EXT-1"));
  EXPECT_FALSE(repo::external_id_taken(conn(), "EXT-2"));
  EXPECT_EQ(repo::external_ids(conn()), std::set<std::string>{"EXT-1"});
  EXPECT_THROW(insert(record("PH-2026-000001", "2026-03-02T01:00:00Z", a_)), store::DbError);  // reference is unique
}

TEST_P(FeedbackRepo, ListsFilterAndPage) {
  auto r1 = record("R1", "2026-03-01T01:00:00Z", a_);
  auto r2 = record("R2", "2026-03-02T01:00:00Z", b_, "护士态度很差");
  r2.kind = "praise";
  r2.channel = "web";
  r2.severity = "high";
  r2.category = "hygiene";
  r2.staff_id = s1_;
  auto r3 = record("R3", "2026-03-03T01:00:00Z", c_, "Phải chờ quá lâu");
  r3.status = "resolved";
  r2.ack_due = "2026-03-01T07:00:00Z";
  r3.receiver_id = u1_;
  auto ids = repo::insert(conn(), {r1, r2, r3});
  ASSERT_EQ(ids.size(), 3u);
  repo::CaseUpdate resolved;
  resolved.status = "resolved";
  resolved.handler = "receiver";
  resolved.updated_at = "2026-03-03T02:00:00Z";
  resolved.resolution = repo::CaseUpdate::Resolution{"done", "2026-03-03T02:00:00Z", "2026-03-06T00:00:00Z", true};
  repo::update(conn(), ids[2], resolved);

  repo::CaseFilter none;
  auto page = repo::list(conn(), all(), none, repo::CaseOrder::newest_first, {1, 2});
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(refs(page.items), (std::vector<std::string>{"R3", "R2"}));
  EXPECT_EQ(refs(repo::list(conn(), all(), none, repo::CaseOrder::newest_first, {2, 2}).items),
            std::vector<std::string>{"R1"});
  EXPECT_EQ(refs(none, all()), (std::vector<std::string>{"R1", "R2", "R3"}));
  EXPECT_EQ(refs(repo::list_all(conn(), all(), none, 2)), (std::vector<std::string>{"R3", "R2"}));

  auto with = [](auto set) {
    repo::CaseFilter f;
    set(f);
    return f;
  };
  EXPECT_EQ(refs(with([](auto& f) { f.statuses = {"resolved"}; }), all()), std::vector<std::string>{"R3"});
  EXPECT_EQ(refs(with([](auto& f) { f.kinds = {"praise", "inquiry"}; }), all()), std::vector<std::string>{"R2"});
  EXPECT_EQ(refs(with([](auto& f) { f.channels = {"hotline"}; }), all()), (std::vector<std::string>{"R1", "R3"}));
  EXPECT_EQ(refs(with([](auto& f) { f.categories = {"hygiene"}; }), all()), std::vector<std::string>{"R2"});
  EXPECT_EQ(refs(with([](auto& f) { f.severities = {"medium"}; }), all()), (std::vector<std::string>{"R1", "R3"}));
  EXPECT_EQ(refs(with([&](auto& f) { f.unit_path = path_a_; }), all()), (std::vector<std::string>{"R1", "R2"}));
  EXPECT_EQ(refs(with([](auto& f) { f.staff_code = "S1"; }), all()), std::vector<std::string>{"R2"});
  EXPECT_EQ(refs(with([](auto& f) { f.from = "2026-03-02T01:00:00Z"; }), all()),
            (std::vector<std::string>{"R2", "R3"}));
  EXPECT_EQ(refs(with([](auto& f) { f.to = "2026-03-02T01:00:00Z"; }), all()), std::vector<std::string>{"R1"});
  // Past the acknowledge deadline (08:00 on 1 March) but before the resolve deadline: the two
  // received cases; R3 is resolved, its callback due on 6 March.
  EXPECT_EQ(refs(with([](auto& f) { f.overdue_at = "2026-03-05T00:00:00Z"; }), all()),
            (std::vector<std::string>{"R1", "R2"}));
  EXPECT_TRUE(refs(with([](auto& f) { f.overdue_at = "2026-03-01T07:00:00Z"; }), all()).empty());
  // Mine: user 1 received R3, which is resolved (a callback to make).
  EXPECT_EQ(refs(with([&](auto& f) {
                   f.mine = repo::CaseFilter::Mine{u1_, std::nullopt, false};
                 }),
                 all()),
            std::vector<std::string>{"R3"});
  EXPECT_TRUE(refs(with([&](auto& f) { f.mine = repo::CaseFilter::Mine{u2_, std::nullopt, false}; }), all()).empty());

  // The next deadline each case faces: R2's acknowledgement, R1's, R3's callback.
  EXPECT_EQ(refs(repo::list(conn(), all(), none, repo::CaseOrder::next_due, {1, 10}).items),
            (std::vector<std::string>{"R2", "R1", "R3"}));
}

TEST_P(FeedbackRepo, SearchMatchesFoldedTextTwoCharacterChineseAndHidesPersonalDataFromPublicSearch) {
  insert(record("R1", "2026-03-01T01:00:00Z", a_, "Thái độ nhân viên không tốt"));
  insert(record("R2", "2026-03-02T01:00:00Z", a_, "护士态度很差"));
  auto search = [&](const std::string& q, bool public_only) {
    repo::CaseFilter f;
    f.search = text::prepare_query(q);
    f.public_only = public_only;
    return refs(f, all());
  };
  EXPECT_EQ(search("thai do", true), std::vector<std::string>{"R1"});
  EXPECT_EQ(search("态度", true), std::vector<std::string>{"R2"});
  EXPECT_EQ(search("nhân vi", true), std::vector<std::string>{"R1"});  // the last word still being typed
  EXPECT_TRUE(search("nguyen van an", true).empty());                  // the customer's name is not public
  EXPECT_EQ(search("nguyen van an", false), (std::vector<std::string>{"R1", "R2"}));
  EXPECT_TRUE(search("khám", false).empty());
}

TEST_P(FeedbackRepo, BulkInsertIndexesEveryCaseAcrossStatements) {
  std::vector<repo::CaseRecord> many;
  for (int i = 0; i < 450; ++i) {
    auto r = record("BM-" + std::to_string(i), "2026-03-01T01:00:00Z", c_,
                    i == 449 ? "候诊区卫生间不干净" : "Đề nghị thêm ghế");
    r.status = "closed";
    r.closed_at = "2026-03-05T00:00:00Z";
    r.resolved_on_time = 1;
    many.push_back(r);
  }
  repo::insert_bulk(conn(), many);
  repo::CaseFilter f;
  EXPECT_EQ(repo::list(conn(), all(), f, repo::CaseOrder::newest_first, {1, 1}).total, 450);
  f.search = text::prepare_query("卫生");
  EXPECT_EQ(refs(f, all()), std::vector<std::string>{"BM-449"});
  f.search = text::prepare_query("ghe");
  EXPECT_EQ(repo::list(conn(), all(), f, repo::CaseOrder::newest_first, {1, 1}).total, 449);
}

TEST_P(FeedbackRepo, ScopeReachesUnitsInTheSubtreeOwnRecordsOrOnlyWhatTheCallerReceived) {
  auto in_a = record("A1", "2026-03-01T01:00:00Z", a_);
  auto in_b = record("B1", "2026-03-02T01:00:00Z", b_);
  in_b.staff_id = s1_;
  auto in_c = record("C1", "2026-03-03T01:00:00Z", c_);
  in_c.receiver_id = u1_;
  auto ids = repo::insert(conn(), {in_a, in_b, in_c});
  repo::CaseFilter f;
  EXPECT_EQ(refs(f, head_of(path_a_)), (std::vector<std::string>{"A1", "B1"}));
  EXPECT_EQ(refs(f, head_of(path_b_)), std::vector<std::string>{"B1"});
  EXPECT_EQ(refs(f, head_of(path_b_, u1_)), (std::vector<std::string>{"B1", "C1"}));    // and what they received
  EXPECT_EQ(refs(f, staff_member(u2_, s1_)), std::vector<std::string>{"B1"});           // naming their staff record
  EXPECT_EQ(refs(f, staff_member(u1_, std::nullopt)), std::vector<std::string>{"C1"});  // received
  EXPECT_TRUE(refs(f, staff_member(u2_, std::nullopt)).empty());
  Actor nobody;
  nobody.role = Role::head;  // a head without a unit reaches none
  nobody.user_id = u2_;
  EXPECT_TRUE(refs(f, UnitScope::of(nobody)).empty());
  EXPECT_FALSE(repo::find(conn(), head_of(path_b_), ids[0]));
  EXPECT_TRUE(repo::find(conn(), head_of(path_a_), ids[1], true));
  EXPECT_FALSE(repo::find(conn(), UnitScope::of(nobody), ids[2]));
  // Counts go through the same reach.
  auto counts = repo::count_cases(conn(), head_of(path_a_), f, {repo::CaseGroup::unit});
  EXPECT_EQ(counts.size(), 2u);
}

TEST_P(FeedbackRepo, UpdateAppliesAWorkflowStepAndImportedStateAHistory) {
  int64_t id = insert(record("R1", "2026-03-01T01:00:00Z", a_));
  repo::CaseUpdate u;
  u.status = "resolved";
  u.handler = "unit_head";
  u.callback_attempts = 1;
  u.updated_at = "2026-03-02T00:00:00Z";
  u.acknowledged_at = "2026-03-01T02:00:00Z";
  u.first_response_seconds = 3600;
  u.resolution = repo::CaseUpdate::Resolution{"apologised", "2026-03-02T00:00:00Z", "2026-03-05T00:00:00Z", true};
  u.callback_done_at = "2026-03-02T00:00:00Z";
  u.reopened = true;
  repo::update(conn(), id, u);
  u.callback_done_at = "2026-03-09T00:00:00Z";  // kept: the first callback counts
  u.acknowledged_at.reset();
  u.resolution.reset();
  u.closed_at = "2026-03-10T00:00:00Z";
  u.status = "closed";
  repo::update(conn(), id, u);
  auto f = repo::find(conn(), all(), id);
  EXPECT_EQ(f->status, "closed");
  EXPECT_EQ(f->handler, "unit_head");
  EXPECT_EQ(f->callback_attempts, 1);
  EXPECT_EQ(f->acknowledged_at, "2026-03-01T02:00:00Z");
  EXPECT_EQ(f->resolution, "apologised");
  EXPECT_EQ(f->resolved_at, "2026-03-02T00:00:00Z");
  EXPECT_EQ(f->callback_due, "2026-03-05T00:00:00Z");
  EXPECT_EQ(f->reopen_count, 2);
  EXPECT_EQ(f->closed_at, "2026-03-10T00:00:00Z");
  auto measures = repo::complaint_handling(conn(), all(), {}, {repo::CaseGroup::unit}, "2026-04-01T00:00:00Z");
  ASSERT_EQ(measures.size(), 1u);
  EXPECT_EQ(measures[0].callbacks_done, 1);
  EXPECT_EQ(measures[0].first_response_seconds, 3600);
  EXPECT_EQ(measures[0].resolved_on_time, 1);

  int64_t imported = insert(record("R2", "2026-02-01T01:00:00Z", a_));
  repo::set_imported_state(conn(), imported, {"closed", "fixed", "2026-02-03T00:00:00Z", "2026-02-04T00:00:00Z", 1});
  auto g = repo::find(conn(), all(), imported);
  EXPECT_EQ(g->status, "closed");
  EXPECT_EQ(g->acknowledged_at, "2026-02-01T01:00:00Z");  // acknowledged on receipt
  EXPECT_EQ(g->resolution, "fixed");
  EXPECT_EQ(g->closed_at, "2026-02-04T00:00:00Z");
}

TEST_P(FeedbackRepo, PastStepsWriteOnlyTheirFieldsAtTheTimesTheyHappened) {
  int64_t id = insert(record("R1", "2026-03-01T01:00:00Z", a_));
  repo::PastStep verify;
  verify.status = "verifying";
  verify.acknowledged_at = "2026-03-01T02:00:00Z";
  verify.first_response_seconds = 3600;
  repo::write_past_step(conn(), id, verify);
  repo::PastStep accept;
  accept.status = "in_progress";
  accept.handler = "unit_head";
  repo::write_past_step(conn(), id, accept);
  repo::PastStep resolve;
  resolve.status = "resolved";
  resolve.resolution = "apologised";
  resolve.resolved_at = "2026-03-03T00:00:00Z";
  resolve.resolved_on_time = true;
  resolve.callback_due = "2026-03-06T00:00:00Z";
  repo::write_past_step(conn(), id, resolve);
  repo::PastStep called;
  called.callback_done_at = "2026-03-04T00:00:00Z";
  repo::write_past_step(conn(), id, called);
  called.callback_done_at = "2026-03-05T00:00:00Z";  // kept: the first callback counts
  repo::write_past_step(conn(), id, called);
  repo::PastStep reopen;
  reopen.status = "in_progress";
  reopen.reopened = true;
  repo::write_past_step(conn(), id, reopen);
  repo::PastStep close;
  close.status = "closed";
  close.closed_at = "2026-03-10T00:00:00Z";
  repo::write_past_step(conn(), id, close);
  repo::write_past_step(conn(), id, {});  // sets nothing, changes nothing

  auto f = repo::find(conn(), all(), id);
  EXPECT_EQ(f->status, "closed");
  EXPECT_EQ(f->handler, "unit_head");
  EXPECT_EQ(f->acknowledged_at, "2026-03-01T02:00:00Z");
  EXPECT_EQ(f->resolution, "apologised");
  EXPECT_EQ(f->resolved_at, "2026-03-03T00:00:00Z");
  EXPECT_EQ(f->callback_due, "2026-03-06T00:00:00Z");
  EXPECT_EQ(f->reopen_count, 1);
  EXPECT_EQ(f->closed_at, "2026-03-10T00:00:00Z");
  EXPECT_EQ(f->callback_attempts, 0);             // the history's callbacks are events, not attempts
  EXPECT_EQ(f->ack_due, "2026-03-01T08:00:00Z");  // deadlines stay as inserted
  auto raw = conn().query_one(
      "SELECT updated_at, first_response_seconds, resolved_on_time, callback_done_at FROM feedback WHERE id = ?", {id});
  EXPECT_EQ(raw->str("updated_at"), "2026-03-01T00:00:00Z");  // as inserted: a past step is no edit today
  EXPECT_EQ(raw->i64("first_response_seconds"), 3600);
  EXPECT_EQ(raw->i64("resolved_on_time"), 1);
  EXPECT_EQ(raw->str("callback_done_at"), "2026-03-04T00:00:00Z");

  // A praise closed with its answer at once: resolved and closed, no callback due.
  int64_t praise = insert(record("R2", "2026-03-02T01:00:00Z", a_));
  repo::PastStep noted;
  noted.status = "closed";
  noted.resolution = "noted";
  noted.resolved_at = noted.closed_at = "2026-03-03T01:00:00Z";
  noted.resolved_on_time = true;
  repo::write_past_step(conn(), praise, noted);
  auto g = repo::find(conn(), all(), praise);
  EXPECT_EQ(g->status, "closed");
  EXPECT_EQ(g->handler, "receiver");
  EXPECT_EQ(g->resolution, "noted");
  EXPECT_EQ(g->resolved_at, "2026-03-03T01:00:00Z");
  EXPECT_EQ(g->closed_at, "2026-03-03T01:00:00Z");
  EXPECT_EQ(g->callback_due, std::nullopt);
  EXPECT_EQ(g->acknowledged_at, std::nullopt);

  // An unfounded complaint: its explanation and closing, nothing resolved.
  int64_t unfounded = insert(record("R3", "2026-03-02T02:00:00Z", a_));
  repo::PastStep explained;
  explained.status = "closed";
  explained.unfounded_explanation = "the price is the listed one";
  explained.closed_at = "2026-03-02T08:00:00Z";
  repo::write_past_step(conn(), unfounded, explained);
  auto h = repo::find(conn(), all(), unfounded);
  EXPECT_EQ(h->status, "closed");
  EXPECT_EQ(h->unfounded_explanation, "the price is the listed one");
  EXPECT_EQ(h->closed_at, "2026-03-02T08:00:00Z");
  EXPECT_EQ(h->resolution, std::nullopt);
  EXPECT_EQ(h->resolved_at, std::nullopt);
}

TEST_P(FeedbackRepo, OverdueCasesAreClaimedOnceAndOpenOnesGoToTheUnitHead) {
  int64_t open = insert(record("R1", "2026-03-01T01:00:00Z", a_));
  int64_t no_unit = insert(record("R2", "2026-03-01T01:00:00Z", std::nullopt));
  auto later = record("R3", "2026-03-20T01:00:00Z", a_);
  later.ack_due = "2026-03-20T08:00:00Z";
  later.resolve_due = "2026-03-27T00:00:00Z";
  insert(later);
  auto due = repo::overdue_not_escalated(conn(), "2026-03-01T09:00:00Z", 1000);
  std::sort(due.begin(), due.end(), [](auto& x, auto& y) { return x.id < y.id; });
  std::vector<int64_t> ids;
  for (auto& d : due) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{open, no_unit}));
  EXPECT_EQ(due[0].status, "received");
  EXPECT_EQ(due[0].handler, "receiver");
  EXPECT_EQ(due[0].ack_due, "2026-03-01T08:00:00Z");
  EXPECT_EQ(repo::overdue_not_escalated(conn(), "2026-03-01T09:00:00Z", 1).size(), 1u);
  EXPECT_TRUE(repo::claim_escalation(conn(), open, "2026-03-01T09:00:00Z"));
  EXPECT_FALSE(repo::claim_escalation(conn(), open, "2026-03-01T09:05:00Z"));
  EXPECT_TRUE(repo::claim_escalation(conn(), no_unit, "2026-03-01T09:00:00Z"));
  EXPECT_EQ(repo::find(conn(), all(), open)->handler, "unit_head");
  EXPECT_EQ(repo::find(conn(), all(), no_unit)->handler, "receiver");
  EXPECT_TRUE(repo::overdue_not_escalated(conn(), "2026-03-01T09:00:00Z", 1000).empty());
}

TEST_P(FeedbackRepo, ReferenceNumbersCountPerPrefixAndYear) {
  EXPECT_EQ(repo::next_reference_number(conn(), "PH", 2026), 1);
  EXPECT_EQ(repo::next_reference_number(conn(), "PH", 2026), 2);
  EXPECT_EQ(repo::next_reference_number(conn(), "PH", 2027), 1);
  EXPECT_EQ(repo::last_reference_number(conn(), "BM"), 0);
  repo::set_reference_number(conn(), "BM", 0, 400);
  repo::set_reference_number(conn(), "BM", 0, 800);
  EXPECT_EQ(repo::last_reference_number(conn(), "BM"), 800);
  EXPECT_EQ(repo::last_reference_number(conn(), "PH"), 2);
}

TEST_P(FeedbackRepo, TimelineAndNotificationsAppendAndListInOrder) {
  int64_t id = insert(record("R1", "2026-03-01T01:00:00Z", a_));
  repo::append_event(conn(), {0, id, "2026-03-01T01:00:00Z", u1_, "recv", "receive", std::nullopt, "received",
                              std::nullopt, R"({"channel":"hotline"})"});
  repo::append_event(conn(), {0, id, "2026-03-01T00:00:00Z", std::nullopt, "system", "auto_escalate", "received",
                              "received", "late", std::nullopt});
  auto events = repo::events_of(conn(), id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "receive");  // by insertion, not by time
  EXPECT_EQ(events[0].actor_id, u1_);
  EXPECT_FALSE(events[0].from_status);
  EXPECT_EQ(events[0].data_json, R"({"channel":"hotline"})");
  EXPECT_EQ(events[1].note, "late");
  EXPECT_TRUE(repo::events_of(conn(), id + 1).empty());

  int64_t n1 =
      repo::append_notification(conn(), {0, id, "2026-03-03T00:00:00Z", u1_, "recv", "phone", "evaluation", "Đã gọi"});
  int64_t n2 =
      repo::append_notification(conn(), {0, id, "2026-03-02T00:00:00Z", std::nullopt, "q", "letter", "other", "Thư"});
  auto notes = repo::notifications_of(conn(), id);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].id, n2);  // by time
  EXPECT_EQ(notes[1].id, n1);
  EXPECT_EQ(notes[1].content, "Đã gọi");
  EXPECT_EQ(notes[1].actor_id, u1_);
}

TEST_P(FeedbackRepo, SlaPoliciesReadAndReplaceExactly) {
  auto all_policies = repo::sla_policies(conn());
  ASSERT_EQ(all_policies.size(), 16u);  // the migration's defaults
  EXPECT_EQ(all_policies[0].kind, "complaint");
  EXPECT_EQ(all_policies[0].severity, "critical");
  EXPECT_EQ(all_policies[0].acknowledge_minutes, 60);
  repo::put_sla_policy(conn(), {"complaint", "critical", 90.5, 0.1, 1440});
  auto p = repo::find_sla_policy(conn(), "complaint", "critical");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->acknowledge_minutes, 90.5);
  EXPECT_EQ(p->resolve_minutes, 0.1);
  EXPECT_EQ(p->callback_minutes, 1440);
  EXPECT_EQ(repo::sla_policies(conn()).size(), 16u);
  EXPECT_FALSE(repo::find_sla_policy(conn(), "complaint", "unknown"));
}

TEST_P(FeedbackRepo, CountsAndComplaintHandlingPerGroup) {
  auto r1 = record("R1", "2026-03-01T01:30:00Z", a_);
  r1.resolved_at = "2026-03-02T00:00:00Z";
  r1.resolved_on_time = 1;
  r1.first_response_seconds = 600;
  r1.acknowledged_at = "2026-03-01T01:40:00Z";
  r1.status = "resolved";
  auto r2 = record("R2", "2026-03-01T01:50:00Z", a_);
  r2.first_response_seconds = 1200;
  auto r3 = record("R3", "2026-04-01T00:00:00Z", std::nullopt);
  r3.kind = "praise";
  repo::insert(conn(), {r1, r2, r3});
  repo::CaseFilter f;
  auto by_kind = repo::count_cases(conn(), all(), f, {repo::CaseGroup::kind});
  ASSERT_EQ(by_kind.size(), 2u);
  EXPECT_EQ(by_kind[0].key, "complaint");
  EXPECT_EQ(by_kind[0].cases, 2);
  auto by_unit = repo::count_cases(conn(), all(), f, {repo::CaseGroup::unit});
  ASSERT_EQ(by_unit.size(), 2u);
  EXPECT_EQ(by_unit[0].key, std::to_string(a_));
  EXPECT_FALSE(by_unit[1].key);  // the case without a unit
  auto by_hour = repo::count_cases(conn(), all(), f, {repo::CaseGroup::received_bucket, 13});
  std::map<std::string, int64_t> hours;
  for (auto& n : by_hour) hours[*n.key] = n.cases;
  EXPECT_EQ(hours, (std::map<std::string, int64_t>{{"2026-03-01T01", 2}, {"2026-04-01T00", 1}}));

  f.kinds = {"complaint"};
  // At 8 March 12:00 R2 (open) is past its resolve deadline: due with R1 (resolved).
  auto m = repo::complaint_handling(conn(), all(), f, {repo::CaseGroup::unit}, "2026-03-08T12:00:00Z");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].key, std::to_string(a_));
  EXPECT_EQ(m[0].complaints, 2);
  EXPECT_EQ(m[0].resolved, 1);
  EXPECT_EQ(m[0].resolved_on_time, 1);
  EXPECT_EQ(m[0].due, 2);
  EXPECT_EQ(m[0].first_responses, 2);
  EXPECT_EQ(m[0].first_response_seconds, 1800);
  EXPECT_EQ(m[0].callbacks_done, 0);
  EXPECT_EQ(repo::complaint_handling(conn(), all(), f, {repo::CaseGroup::unit}, "2026-03-01T12:00:00Z")[0].due, 1);
  auto by_staff = repo::complaint_handling(conn(), all(), f, {repo::CaseGroup::staff}, "2026-03-08T12:00:00Z");
  ASSERT_EQ(by_staff.size(), 1u);
  EXPECT_FALSE(by_staff[0].key);
}

TEST_P(FeedbackRepo, LooksUpUnitsStaffAndCustomers) {
  int64_t cu = conn()
                   .query_one(
                       "INSERT INTO customers (name, phone, address, category, search, created_at, updated_at) "
                       "VALUES ('Bà Hoa', '+84981234567', 'Huế', 'patient', 'ba hoa', 't', 't') RETURNING id")
                   ->i64("id");
  auto contact = repo::customer_contact(conn(), cu);
  ASSERT_TRUE(contact);
  EXPECT_EQ(contact->name, "Bà Hoa");
  EXPECT_EQ(contact->phone, "+84981234567");
  EXPECT_EQ(contact->address, "Huế");
  EXPECT_FALSE(repo::customer_contact(conn(), cu + 1));
  auto s = store::org::find_staff_by_code(conn(), "S1");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->id, s1_);
  EXPECT_EQ(s->unit_id, b_);
  EXPECT_FALSE(store::org::find_staff_by_code(conn(), "S9"));
  EXPECT_EQ(store::org::unit_ids_by_code(conn()), (std::map<std::string, int64_t>{{"A", a_}, {"B", b_}, {"C", c_}}));
  EXPECT_EQ(store::org::staff_ids_by_code(conn()), (std::map<std::string, int64_t>{{"S1", s1_}}));
  EXPECT_EQ(repo::customer_ids_by_phone(conn()), (std::map<std::string, int64_t>{{"+84981234567", cu}}));
  EXPECT_EQ(repo::unit_codes_by_id(conn())[std::to_string(b_)], "B");
  EXPECT_EQ(repo::staff_codes_by_id(conn())[std::to_string(s1_)], "S1");
  auto units = store::org::all_unit_ids(conn());
  std::sort(units.begin(), units.end());
  EXPECT_EQ(units, (std::vector<int64_t>{a_, b_, c_}));
}

}  // namespace
