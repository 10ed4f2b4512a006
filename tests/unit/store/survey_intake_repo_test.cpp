// The survey intake, folding, analysis and generator repositories on both backends
// (store/survey/intake_repo, fold_repo, cells_repo, analysis_repo, generator_repo).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/scope.h"
#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"
#include "store/database.h"
#include "store/dialect.h"
#include "store/survey/analysis_repo.h"
#include "store/survey/cells_repo.h"
#include "store/survey/fold_repo.h"
#include "store/survey/generator_repo.h"
#include "store/survey/kiosks_repo.h"
#include "store/survey/intake_repo.h"
#include "store_test_db.h"

using namespace servq;
using servq::testing::StoreTest;
namespace sv = servq::store::survey;

namespace {

const std::string kNow = "2026-03-10T08:00:00Z";

// A small organisation: the hospital (no staff) over two departments with one nurse each, a
// questionnaire and a letter campaign with two personal links.
struct World {
  int64_t hospital = 0, cardiology = 0, surgery = 0;
  int64_t nurse_c = 0, nurse_s = 0;
  int64_t survey = 0, campaign = 0;
  int64_t link1 = 0, link2 = 0;
  int64_t customer = 0;
};

int64_t add_unit(store::Connection& c, const std::string& code, const std::string& name, const std::string& parent_path) {
  int64_t id = c.query_one("INSERT INTO units (code, name, path, search, created_at, updated_at) VALUES (?, ?, '', ?, ?, ?) "
                           "RETURNING id",
                           {code, name, code, kNow, kNow})
                   ->i64("id");
  c.execute("UPDATE units SET path = ? WHERE id = ?", {parent_path + std::to_string(id) + "/", id});
  return id;
}

int64_t add_staff(store::Connection& c, const std::string& code, const std::string& name, int64_t unit) {
  return c.query_one("INSERT INTO staff (employee_code, name, unit_id, search, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                     "RETURNING id",
                     {code, name, unit, code, kNow, kNow})
      ->i64("id");
}

int64_t add_invitation(store::Connection& c, int64_t campaign, const std::string& token, int64_t unit, int64_t staff,
                       const std::string& encounter_at) {
  return c.query_one("INSERT INTO survey_invitations (campaign_id, token, unit_id, staff_id, category, encounter_at, created_at) "
                     "VALUES (?, ?, ?, ?, 'long_term', ?, ?) RETURNING id",
                     {campaign, token, unit, staff, encounter_at, kNow})
      ->i64("id");
}

World make_world(store::Connection& c) {
  World w;
  w.hospital = add_unit(c, "BV", "Bệnh viện", "/");
  w.cardiology = add_unit(c, "TM", "Khoa Tim mạch", "/" + std::to_string(w.hospital) + "/");
  w.surgery = add_unit(c, "NG", "Khoa Ngoại", "/" + std::to_string(w.hospital) + "/");
  w.nurse_c = add_staff(c, "NV01", "Lan", w.cardiology);
  w.nurse_s = add_staff(c, "NV02", "Mai", w.surgery);
  w.survey = sv::insert_demo_survey(c, "Khảo sát", R"({"pages":[]})", "khao sat", kNow);
  w.campaign = sv::insert_demo_campaign(c, w.survey, "Thư cảm ơn", "letter", "2026-01-01T00:00:00Z", R"({"per":"encounter"})", kNow);
  w.link1 = add_invitation(c, w.campaign, "tok-1", w.cardiology, w.nurse_c, "2026-03-01T02:00:00Z");
  w.link2 = add_invitation(c, w.campaign, "tok-2", w.surgery, w.nurse_s, "2026-03-02T02:00:00Z");
  w.customer = c.query_one("INSERT INTO customers (name, phone, address, category, search, created_at, updated_at) "
                           "VALUES ('Nguyễn Văn A', '+84901234567', 'Hà Nội', 'long_term', 'nguyen van a', ?, ?) RETURNING id",
                           {kNow, kNow})
                   ->i64("id");
  return w;
}

sv::NewResponse response(int64_t id, const World& w, int64_t unit, std::optional<int64_t> staff, const std::string& at) {
  sv::NewResponse r;
  r.id = id;
  r.survey_id = w.survey;
  r.channel = "kiosk";
  r.unit_id = unit;
  r.staff_id = staff;
  r.category = "long_term";
  r.submitted_at = at;
  r.lang = "vi";
  r.answers = R"({"q1":5})";
  return r;
}

Actor actor(Role role, std::optional<int64_t> unit, const std::string& path) {
  Actor a;
  a.user_id = 9;
  a.role = role;
  a.unit_id = unit;
  a.unit_path = path;
  return a;
}

std::string path_of(const World& w, int64_t unit) {
  return "/" + std::to_string(w.hospital) + "/" + (unit == w.hospital ? "" : std::to_string(unit) + "/");
}

int64_t count(store::Connection& c, const std::string& sql, const store::Params& p = {}) { return c.scalar(sql, p); }

// ---------------------------------------------------------------------------------------------

class SurveyIntakeRepo : public StoreTest {};
SERVQ_STORE_TEST_SUITE(SurveyIntakeRepo);

TEST_P(SurveyIntakeRepo, ReservedIdsAreFreshAndStoredSubmissionsAreFoundByKey) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  World w = make_world(c);
  EXPECT_TRUE(sv::reserve_response_ids(c, 0).empty());
  auto ids = sv::reserve_response_ids(c, 3);
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_LT(ids[0], ids[1]);
  EXPECT_LT(ids[1], ids[2]);
  std::vector<sv::NewResponse> rows;
  rows.push_back(response(ids[0], w, w.cardiology, w.nurse_c, "2026-03-05T01:00:00Z"));
  rows[0].submission_id = "sub-a";
  rows[0].campaign_id = w.campaign;
  rows[0].invitation_id = w.link1;
  rows.push_back(response(ids[1], w, w.surgery, std::nullopt, "2026-03-05T02:00:00Z"));
  rows[1].submission_id = "sub-b";
  rows[1].comment_search = "cho lau";
  rows.push_back(response(ids[2], w, w.surgery, std::nullopt, "2026-03-05T03:00:00Z"));
  sv::insert_responses(c, std::move(rows));
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM survey_responses"), 3);
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM survey_responses WHERE comment_search = 'cho lau' AND folded = 0"), 1);

  auto known = sv::stored_submissions(c, {"sub-a", "sub-b", "sub-unknown"});
  ASSERT_EQ(known.size(), 2u);
  std::sort(known.begin(), known.end(), [](auto& x, auto& y) { return x.submission_id < y.submission_id; });
  EXPECT_EQ(known[0].submission_id, "sub-a");
  EXPECT_EQ(known[0].id, ids[0]);
  EXPECT_EQ(known[0].survey_id, w.survey);
  EXPECT_EQ(known[0].campaign_id, w.campaign);
  EXPECT_EQ(known[0].invitation_id, w.link1);
  EXPECT_EQ(known[0].unit_id, w.cardiology);
  EXPECT_EQ(known[1].id, ids[1]);
  EXPECT_FALSE(known[1].campaign_id.has_value());
  EXPECT_FALSE(known[1].invitation_id.has_value());
  EXPECT_TRUE(sv::stored_submissions(c, {}).empty());

  auto next = sv::reserve_response_ids(c, 2);
  ASSERT_EQ(next.size(), 2u);
  EXPECT_GT(next[0], ids[2]);  // never an id given before
}

TEST_P(SurveyIntakeRepo, InsertsManyRowsAcrossStatements) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  World w = make_world(c);
  auto ids = sv::reserve_response_ids(c, 450);  // 200 + 200 + 50 rows
  std::vector<sv::NewResponse> rows;
  for (size_t i = 0; i < ids.size(); ++i) {
    rows.push_back(response(ids[i], w, i % 2 ? w.surgery : w.cardiology, std::nullopt, "2026-03-05T01:00:00Z"));
    rows.back().folded = i < 100;
  }
  sv::insert_responses(c, std::move(rows));
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM survey_responses"), 450);
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM survey_responses WHERE folded = 1"), 100);
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM survey_responses WHERE unit_id = ?", {w.surgery}), 225);
  EXPECT_EQ(count(c, "SELECT MAX(id) FROM survey_responses"), ids.back());
}

TEST_P(SurveyIntakeRepo, ASubmissionIdIsStoredOnce) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  World w = make_world(c);
  auto ids = sv::reserve_response_ids(c, 2);
  std::vector<sv::NewResponse> rows = {response(ids[0], w, w.surgery, std::nullopt, "2026-03-05T01:00:00Z"),
                                       response(ids[1], w, w.surgery, std::nullopt, "2026-03-05T02:00:00Z")};
  rows[0].submission_id = rows[1].submission_id = "same-key";
  try {
    sv::insert_responses(c, std::move(rows));
    FAIL() << "a second response under one submission_id was stored";
  } catch (const store::DbError& e) {
    EXPECT_EQ(e.kind, store::DbError::Kind::unique);
  }
}

TEST_P(SurveyIntakeRepo, ALinkIsClaimedOnceAndPointsAtItsResponse) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  World w = make_world(c);
  auto first = sv::claim_invitations(c, "2026-03-05T01:00:00Z", {w.link1, w.link1});
  EXPECT_EQ(first, (std::set<int64_t>{w.link1}));
  EXPECT_TRUE(sv::claim_invitations(c, "2026-03-05T02:00:00Z", {w.link1}).empty());  // used before
  EXPECT_EQ(sv::claim_invitations(c, "2026-03-05T03:00:00Z", {w.link1, w.link2}), (std::set<int64_t>{w.link2}));
  EXPECT_TRUE(sv::claim_invitations(c, "2026-03-05T03:00:00Z", {}).empty());

  auto ids = sv::reserve_response_ids(c, 2);
  std::vector<sv::NewResponse> rows = {response(ids[0], w, w.cardiology, w.nurse_c, "2026-03-05T01:00:07Z"),
                                       response(ids[1], w, w.surgery, w.nurse_s, "2026-03-05T03:00:09Z")};
  rows[0].invitation_id = w.link1;
  rows[1].invitation_id = w.link2;
  sv::insert_responses(c, std::move(rows));
  sv::record_link_uses(c, {{w.link1, ids[0], "2026-03-05T01:00:07Z"}, {w.link2, ids[1], "2026-03-05T03:00:09Z"}});
  auto r1 = c.query_one("SELECT response_id, used_at FROM survey_invitations WHERE id = ?", {w.link1});
  EXPECT_EQ(r1->i64("response_id"), ids[0]);
  EXPECT_EQ(r1->str("used_at"), "2026-03-05T01:00:07Z");
  auto r2 = c.query_one("SELECT response_id, used_at FROM survey_invitations WHERE id = ?", {w.link2});
  EXPECT_EQ(r2->i64("response_id"), ids[1]);
  EXPECT_EQ(r2->str("used_at"), "2026-03-05T03:00:09Z");
  sv::record_link_uses(c, {});  // nothing to do, no statement
}

TEST_P(SurveyIntakeRepo, FollowupsWaitOldestFirstUntilLinkedToTheirCase) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  World w = make_world(c);
  auto ids = sv::reserve_response_ids(c, 3);
  std::vector<sv::NewResponse> rows = {response(ids[0], w, w.cardiology, w.nurse_c, "2026-03-05T01:00:00Z"),
                                       response(ids[1], w, w.surgery, std::nullopt, "2026-03-05T02:00:00Z"),
                                       response(ids[2], w, w.surgery, std::nullopt, "2026-03-05T03:00:00Z")};
  rows[0].followup = "nps 2";
  rows[0].customer_id = w.customer;
  rows[2].followup = "overall 1";
  sv::insert_responses(c, std::move(rows));

  auto one = sv::waiting_followups(c, 1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].id, ids[0]);
  EXPECT_EQ(one[0].reason, "nps 2");
  EXPECT_EQ(one[0].unit_id, w.cardiology);
  EXPECT_EQ(one[0].staff_id, w.nurse_c);
  EXPECT_EQ(one[0].customer_id, w.customer);
  EXPECT_EQ(one[0].submitted_at, "2026-03-05T01:00:00Z");
  EXPECT_EQ(one[0].answers, R"({"q1":5})");
  auto all = sv::waiting_followups(c, 10);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].id, ids[2]);
  EXPECT_FALSE(all[1].customer_id.has_value());

  auto contact = sv::customer_contact(c, w.customer);
  ASSERT_TRUE(contact.has_value());
  EXPECT_EQ(contact->name, "Nguyễn Văn A");
  EXPECT_EQ(contact->phone, "+84901234567");
  EXPECT_EQ(contact->address, "Hà Nội");
  EXPECT_FALSE(sv::customer_contact(c, w.customer + 1000).has_value());

  int64_t fcase = c.query_one("INSERT INTO feedback (reference, received_at, channel, kind, content, category, severity, status, "
                              "receiver, search, created_at, updated_at) VALUES ('GY-1', ?, 'survey', 'complaint', 'nps 2', "
                              "'other', 'medium', 'received', 'system', 'nps 2', ?, ?) RETURNING id",
                              {kNow, kNow, kNow})
                      ->i64("id");
  sv::link_followup_cases(c, {{ids[0], fcase}});
  EXPECT_EQ(count(c, "SELECT feedback_id FROM survey_responses WHERE id = ?", {ids[0]}), fcase);
  auto left = sv::waiting_followups(c, 10);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].id, ids[2]);
}

// ---------------------------------------------------------------------------------------------

class SurveyFoldRepo : public StoreTest {};
SERVQ_STORE_TEST_SUITE(SurveyFoldRepo);

TEST_P(SurveyFoldRepo, UnfoldedResponsesComeOldestFirstUntilMarkedFolded) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  World w = make_world(c);
  sv::take_cell_writers_turn(c);
  sv::take_cell_writers_turn(c);  // again in the same transaction: free
  auto ids = sv::reserve_response_ids(c, 4);
  std::vector<sv::NewResponse> rows = {response(ids[0], w, w.cardiology, w.nurse_c, "2026-03-05T01:00:00Z"),
                                       response(ids[1], w, w.surgery, std::nullopt, "2026-03-05T02:00:00Z"),
                                       response(ids[2], w, w.surgery, std::nullopt, "2026-03-05T03:00:00Z"),
                                       response(ids[3], w, w.surgery, std::nullopt, "2026-03-05T04:00:00Z")};
  rows[0].campaign_id = w.campaign;
  rows[1].category = "";
  rows[2].folded = true;
  sv::insert_responses(c, std::move(rows));
  c.execute("UPDATE survey_responses SET category = NULL WHERE id = ?", {ids[1]});

  auto two = sv::unfolded_responses(c, 2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].id, ids[0]);
  EXPECT_EQ(two[0].survey_id, w.survey);
  EXPECT_EQ(two[0].unit_id, w.cardiology);
  EXPECT_EQ(two[0].staff_id, w.nurse_c);
  EXPECT_EQ(two[0].campaign_id, w.campaign);
  EXPECT_EQ(two[0].category, "long_term");
  EXPECT_EQ(two[0].channel, "kiosk");
  EXPECT_EQ(two[0].submitted_at, "2026-03-05T01:00:00Z");
  EXPECT_EQ(two[0].answers, R"({"q1":5})");
  EXPECT_EQ(two[1].id, ids[1]);
  EXPECT_EQ(two[1].category, "");  // none
  EXPECT_FALSE(two[1].staff_id.has_value());

  sv::mark_folded(c, {ids[0], ids[1]});
  auto rest = sv::unfolded_responses(c, 10);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, ids[3]);
  sv::mark_folded(c, {});
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM survey_responses WHERE folded = 1"), 3);
}

TEST_P(SurveyFoldRepo, MarksFoldedBeyondOneStatement) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  World w = make_world(c);
  auto ids = sv::reserve_response_ids(c, 1203);
  std::vector<sv::NewResponse> rows;
  for (auto id : ids) rows.push_back(response(id, w, w.surgery, std::nullopt, "2026-03-05T01:00:00Z"));
  sv::insert_responses(c, std::move(rows));
  EXPECT_EQ(sv::unfolded_responses(c, 5000).size(), 1203u);
  std::vector<int64_t> some(ids.begin(), ids.begin() + 1201);  // 500 + 500 + 201
  sv::mark_folded(c, some);
  auto rest = sv::unfolded_responses(c, 5000);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].id, ids[1201]);
  EXPECT_EQ(rest[1].id, ids[1202]);
}

TEST_P(SurveyFoldRepo, ACellIsWrittenThenReplaced) {
  auto lease = db().acquire();
  auto& c = *lease;
  sv::CellKey k;
  k.survey_id = 3;
  k.grain = "m";
  k.period = "2026-03";
  k.unit_id = 4;
  k.category = "*";
  k.channel = "*";
  EXPECT_FALSE(sv::cell_data(c, k).has_value());
  sv::put_cell(c, k, 2, "vAgQ");
  EXPECT_EQ(sv::cell_data(c, k), "vAgQ");
  sv::put_cell(c, k, 5, "vCgU");  // an upsert: the sums replaced, not a second row
  EXPECT_EQ(sv::cell_data(c, k), "vCgU");
  EXPECT_EQ(count(c, "SELECT n FROM survey_cells"), 5);
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM survey_cells"), 1);
  sv::CellKey day = k;
  day.grain = "d";
  day.period = "2026-03-05";
  EXPECT_FALSE(sv::cell_data(c, day).has_value());  // another cell
  sv::refold_all(c);
  EXPECT_FALSE(sv::cell_data(c, k).has_value());
}

// ---------------------------------------------------------------------------------------------

class SurveyAnalysisRepo : public StoreTest {};
SERVQ_STORE_TEST_SUITE(SurveyAnalysisRepo);

void put(store::Connection& c, int64_t survey, const std::string& grain, const std::string& period, int64_t unit, int64_t staff,
         const std::string& category, const std::string& channel, int64_t campaign, const std::string& data) {
  sv::CellKey k{grain, period, unit, staff, category, channel, campaign, survey};
  sv::put_cell(c, k, 1, data);
}

std::vector<std::string> datas(std::vector<sv::SliceCell> cells) {
  std::vector<std::string> out;
  for (auto& x : cells) out.push_back(x.data);
  std::sort(out.begin(), out.end());
  return out;
}

TEST_P(SurveyAnalysisRepo, SliceCellsReadTheNarrowestRollUpThatAnswers) {
  auto lease = db().acquire();
  auto& c = *lease;
  // Survey 7: roll-up cells (any category/channel/campaign), per-filter cells, per-staff cells.
  put(c, 7, "m", "2026-01", 2, 0, "*", "*", 0, "rollup-u2-jan");
  put(c, 7, "m", "2026-02", 2, 0, "*", "*", 0, "rollup-u2-feb");
  put(c, 7, "m", "2026-02", 3, 0, "*", "*", 0, "rollup-u3-feb");
  put(c, 7, "m", "2026-02", 2, 0, "vip", "kiosk", 5, "filter-u2-vip-kiosk");
  put(c, 7, "m", "2026-02", 3, 0, "new", "link", 0, "filter-u3-new-link");
  put(c, 7, "m", "2026-02", 2, 11, "vip", "kiosk", 5, "staff11");
  put(c, 7, "m", "2026-02", 3, 12, "new", "link", 0, "staff12");
  put(c, 7, "d", "2026-02-03", 2, 0, "*", "*", 0, "rollup-u2-day3");
  put(c, 7, "d", "2026-02-20", 2, 0, "*", "*", 0, "rollup-u2-day20");
  put(c, 8, "m", "2026-02", 2, 0, "*", "*", 0, "other-survey");

  sv::SliceFilter none;
  EXPECT_EQ(datas(sv::slice_cells(c, 7, none, false, "m")),
            (std::vector<std::string>{"rollup-u2-feb", "rollup-u2-jan", "rollup-u3-feb"}));
  EXPECT_EQ(datas(sv::slice_cells(c, 7, none, false, "m", std::pair<std::string, std::string>{"2026-02", "2026-02"})),
            (std::vector<std::string>{"rollup-u2-feb", "rollup-u3-feb"}));
  EXPECT_EQ(datas(sv::slice_cells(c, 7, none, false, "d", std::pair<std::string, std::string>{"2026-02-01", "2026-02-10"})),
            (std::vector<std::string>{"rollup-u2-day3"}));
  sv::SliceFilter unit3;
  unit3.unit_ids = std::vector<int64_t>{3};
  EXPECT_EQ(datas(sv::slice_cells(c, 7, unit3, false, "m")), (std::vector<std::string>{"rollup-u3-feb"}));
  sv::SliceFilter no_units;
  no_units.unit_ids = std::vector<int64_t>{};
  EXPECT_TRUE(sv::slice_cells(c, 7, no_units, false, "m").empty());
  sv::SliceFilter by_channel;
  by_channel.channel = "kiosk";
  EXPECT_EQ(datas(sv::slice_cells(c, 7, by_channel, false, "m")), (std::vector<std::string>{"filter-u2-vip-kiosk"}));
  sv::SliceFilter by_category;
  by_category.category = "new";
  EXPECT_EQ(datas(sv::slice_cells(c, 7, by_category, false, "m")), (std::vector<std::string>{"filter-u3-new-link"}));
  sv::SliceFilter by_campaign;
  by_campaign.campaign_id = 5;
  EXPECT_EQ(datas(sv::slice_cells(c, 7, by_campaign, false, "m")), (std::vector<std::string>{"filter-u2-vip-kiosk"}));
  // Per staff: every staff member's cells (a ranking), or one's.
  EXPECT_EQ(datas(sv::slice_cells(c, 7, none, true, "m")), (std::vector<std::string>{"staff11", "staff12"}));
  sv::SliceFilter staff12;
  staff12.staff_id = 12;
  auto cells = sv::slice_cells(c, 7, staff12, true, "m");
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_EQ(cells[0].data, "staff12");
  EXPECT_EQ(cells[0].period, "2026-02");
  EXPECT_EQ(cells[0].unit_id, 3);
  EXPECT_EQ(cells[0].staff_id, 12);
}

TEST_P(SurveyAnalysisRepo, SliceResponsesFilterInSqlOrAmongTheUnfolded) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  World w = make_world(c);
  auto ids = sv::reserve_response_ids(c, 5);
  std::vector<sv::NewResponse> rows = {response(ids[0], w, w.cardiology, w.nurse_c, "2026-02-01T01:00:00Z"),
                                       response(ids[1], w, w.surgery, w.nurse_s, "2026-02-10T01:00:00Z"),
                                       response(ids[2], w, w.surgery, std::nullopt, "2026-02-20T01:00:00Z"),
                                       response(ids[3], w, w.surgery, std::nullopt, "2026-03-01T01:00:00Z"),
                                       response(ids[4], w, w.cardiology, std::nullopt, "2026-03-02T01:00:00Z")};
  rows[1].channel = "letter";
  rows[1].campaign_id = w.campaign;
  rows[2].category = "first_time";
  rows[0].folded = rows[1].folded = true;  // the folder reached these two
  rows[0].answers = R"({"q1":1})";
  sv::insert_responses(c, std::move(rows));
  auto at = [](const std::vector<sv::SliceResponse>& rs) {
    std::vector<std::string> out;
    for (auto& r : rs) out.push_back(r.submitted_at);
    std::sort(out.begin(), out.end());
    return out;
  };
  sv::SliceFilter none;
  auto all = sv::slice_responses(c, w.survey, none, std::nullopt, std::nullopt, false);
  ASSERT_EQ(all.size(), 5u);
  auto first = std::find_if(all.begin(), all.end(), [&](auto& r) { return r.submitted_at == "2026-02-01T01:00:00Z"; });
  EXPECT_EQ(first->answers, R"({"q1":1})");
  EXPECT_EQ(first->unit_id, w.cardiology);
  EXPECT_EQ(first->staff_id, w.nurse_c);
  EXPECT_EQ(at(sv::slice_responses(c, w.survey, none, std::string("2026-02-10T01:00:00Z"), std::string("2026-03-01T01:00:00Z"), false)),
            (std::vector<std::string>{"2026-02-10T01:00:00Z", "2026-02-20T01:00:00Z", "2026-03-01T01:00:00Z"}));
  EXPECT_TRUE(sv::slice_responses(c, w.survey + 99, none, std::nullopt, std::nullopt, false).empty());
  for (bool unfolded : {false, true}) {
    SCOPED_TRACE(unfolded ? "unfolded only" : "all");
    sv::SliceFilter surgery;
    surgery.unit_ids = std::vector<int64_t>{w.surgery};
    auto expect_surgery = unfolded ? std::vector<std::string>{"2026-02-20T01:00:00Z", "2026-03-01T01:00:00Z"}
                                   : std::vector<std::string>{"2026-02-10T01:00:00Z", "2026-02-20T01:00:00Z", "2026-03-01T01:00:00Z"};
    EXPECT_EQ(at(sv::slice_responses(c, w.survey, surgery, std::nullopt, std::nullopt, unfolded)), expect_surgery);
    sv::SliceFilter staff;
    staff.staff_id = w.nurse_s;
    EXPECT_EQ(sv::slice_responses(c, w.survey, staff, std::nullopt, std::nullopt, unfolded).size(), unfolded ? 0u : 1u);
    sv::SliceFilter category;
    category.category = "first_time";
    EXPECT_EQ(at(sv::slice_responses(c, w.survey, category, std::nullopt, std::nullopt, unfolded)),
              (std::vector<std::string>{"2026-02-20T01:00:00Z"}));
    sv::SliceFilter channel;
    channel.channel = "kiosk";
    EXPECT_EQ(sv::slice_responses(c, w.survey, channel, std::nullopt, std::nullopt, unfolded).size(), unfolded ? 3u : 4u);
    sv::SliceFilter campaign;
    campaign.campaign_id = w.campaign;
    EXPECT_EQ(sv::slice_responses(c, w.survey, campaign, std::nullopt, std::nullopt, unfolded).size(), unfolded ? 0u : 1u);
    EXPECT_EQ(at(sv::slice_responses(c, w.survey, none, std::string("2026-02-15T00:00:00Z"), std::string("2026-03-01T23:59:59Z"), unfolded)),
              (std::vector<std::string>{"2026-02-20T01:00:00Z", "2026-03-01T01:00:00Z"}));
  }
}

TEST_P(SurveyAnalysisRepo, WhatASliceNamesIsFoundWithinTheScope) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  World w = make_world(c);
  auto sorted = [](std::vector<int64_t> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sv::unit_code(c, w.surgery), "NG");
  EXPECT_FALSE(sv::unit_code(c, w.surgery + 100).has_value());

  auto everyone = UnitScope::of(actor(Role::quality, std::nullopt, ""));
  auto head_c = UnitScope::of(actor(Role::head, w.cardiology, path_of(w, w.cardiology)));
  auto nurse_s = UnitScope::of(actor(Role::staff, w.surgery, path_of(w, w.surgery)));
  auto nobody = UnitScope::of(actor(Role::head, std::nullopt, ""));
  auto tree = sv::figure_subtree(c, everyone, "BV");
  ASSERT_TRUE(tree.has_value());
  EXPECT_EQ(sorted(*tree), (std::vector<int64_t>{w.hospital, w.cardiology, w.surgery}));
  EXPECT_EQ(sv::figure_subtree(c, everyone, "NG"), (std::vector<int64_t>{w.surgery}));
  EXPECT_FALSE(sv::figure_subtree(c, everyone, "XX").has_value());
  // A head's figures: their unit's subtree only.
  EXPECT_EQ(sv::figure_subtree(c, head_c, "TM"), (std::vector<int64_t>{w.cardiology}));
  EXPECT_FALSE(sv::figure_subtree(c, head_c, "NG").has_value());
  EXPECT_FALSE(sv::figure_subtree(c, head_c, "BV").has_value());
  // Staff (own) read the figures of their unit.
  EXPECT_EQ(sv::figure_subtree(c, nurse_s, "NG"), (std::vector<int64_t>{w.surgery}));
  EXPECT_FALSE(sv::figure_subtree(c, nurse_s, "TM").has_value());
  // No unit: nothing.
  EXPECT_FALSE(sv::figure_subtree(c, nobody, "NG").has_value());

  auto s = sv::find_slice_staff(c, everyone, "NV02");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->id, w.nurse_s);
  EXPECT_TRUE(s->in_scope);
  EXPECT_TRUE(sv::find_slice_staff(c, head_c, "NV01")->in_scope);
  EXPECT_FALSE(sv::find_slice_staff(c, head_c, "NV02")->in_scope);
  EXPECT_TRUE(sv::find_slice_staff(c, nurse_s, "NV02")->in_scope);
  EXPECT_FALSE(sv::find_slice_staff(c, nurse_s, "NV01")->in_scope);
  EXPECT_FALSE(sv::find_slice_staff(c, nobody, "NV01")->in_scope);
  EXPECT_FALSE(sv::find_slice_staff(c, everyone, "NV99").has_value());

  auto units = sv::unit_labels(c);
  ASSERT_EQ(units.size(), 3u);
  auto ng = std::find_if(units.begin(), units.end(), [&](auto& l) { return l.id == w.surgery; });
  ASSERT_NE(ng, units.end());
  EXPECT_EQ(ng->key, "NG");
  EXPECT_EQ(ng->name, "Khoa Ngoại");
  auto staff = sv::staff_labels(c);
  ASSERT_EQ(staff.size(), 2u);
  auto lan = std::find_if(staff.begin(), staff.end(), [&](auto& l) { return l.id == w.nurse_c; });
  ASSERT_NE(lan, staff.end());
  EXPECT_EQ(lan->key, "NV01");
  EXPECT_EQ(lan->name, "Lan");
}

// ---------------------------------------------------------------------------------------------

class SurveyGeneratorRepo : public StoreTest {};
SERVQ_STORE_TEST_SUITE(SurveyGeneratorRepo);

TEST_P(SurveyGeneratorRepo, ReadsTheOrganisationAndWritesTheDemoSurveys) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  World w = make_world(c);
  add_staff(c, "NV03", "Hoa", w.surgery);
  EXPECT_EQ(sv::staffed_unit_ids(c), (std::vector<int64_t>{w.cardiology, w.surgery}));
  EXPECT_EQ(store::org::all_unit_ids(c), (std::vector<int64_t>{w.hospital, w.cardiology, w.surgery}));
  auto surgery_staff = sv::unit_staff_ids(c, w.surgery);
  ASSERT_EQ(surgery_staff.size(), 2u);
  EXPECT_EQ(surgery_staff[0], w.nurse_s);
  EXPECT_TRUE(sv::unit_staff_ids(c, w.hospital).empty());

  auto s = c.query_one("SELECT family_id, version, status, title, created_by FROM surveys WHERE id = ?", {w.survey});
  EXPECT_EQ(s->i64("family_id"), w.survey);  // its own family
  EXPECT_EQ(s->i64("version"), 1);
  EXPECT_EQ(s->str("status"), "active");
  EXPECT_EQ(s->str("title"), "Khảo sát");
  auto camp = c.query_one("SELECT survey_id, channel, segment, closes_at FROM survey_campaigns WHERE id = ?", {w.campaign});
  EXPECT_EQ(camp->i64("survey_id"), w.survey);
  EXPECT_EQ(camp->str("channel"), "letter");
  EXPECT_EQ(camp->str("segment"), R"({"per":"encounter"})");
  EXPECT_TRUE(camp->is_null("closes_at"));

  auto links = sv::campaign_invitations(c, w.campaign);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].id, w.link1);
  EXPECT_EQ(links[0].unit_id, w.cardiology);
  EXPECT_EQ(links[0].staff_id, w.nurse_c);
  EXPECT_FALSE(links[0].customer_id.has_value());
  EXPECT_EQ(links[0].category, "long_term");
  EXPECT_EQ(links[0].encounter_at, "2026-03-01T02:00:00Z");
  EXPECT_EQ(links[1].id, w.link2);
  EXPECT_TRUE(sv::campaign_invitations(c, w.campaign + 50).empty());

  sv::insert_kiosk(c, w.campaign, "K-TM", w.cardiology, kNow);
  EXPECT_EQ(count(c, "SELECT unit_id FROM survey_kiosks WHERE code = 'K-TM'"), w.cardiology);
  try {
    sv::insert_kiosk(c, w.campaign, "K-TM", w.surgery, kNow);
    FAIL() << "a kiosk code was given twice";
  } catch (const store::DbError& e) {
    EXPECT_EQ(e.kind, store::DbError::Kind::unique);
  }
}

TEST_P(SurveyGeneratorRepo, InsertsGeneratedResponsesFolded) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  World w = make_world(c);
  std::vector<sv::GeneratedResponse> rows;
  for (int i = 0; i < 401; ++i)  // two statements
    rows.push_back({w.survey, "kiosk", i % 2 ? w.surgery : w.cardiology, i % 3 ? std::nullopt : std::optional<int64_t>(w.nurse_c),
                    "referred", "2026-03-05T01:00:00Z", "vi", R"({"q1":4})",
                    i == 0 ? std::optional<std::string>("sach se") : std::nullopt});
  sv::insert_generated(c, std::move(rows));
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM survey_responses WHERE survey_id = ? AND folded = 1", {w.survey}), 401);
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM survey_responses WHERE staff_id IS NOT NULL"), 134);
  EXPECT_EQ(count(c, "SELECT COUNT(*) FROM survey_responses WHERE comment_search = 'sach se'"), 1);
  EXPECT_TRUE(sv::unfolded_responses(c, 10).empty());
}

// ---------------------------------------------------------------------------------------------

class SurveyDialect : public StoreTest {};
SERVQ_STORE_TEST_SUITE(SurveyDialect);

TEST_P(SurveyDialect, IntakeWriterCheckpointAndTypedParameters) {
  auto own = db().dedicated();
  bool sqlite = backend() == store::Backend::sqlite;
  EXPECT_EQ(store::dialect::prepare_intake_writer(*own, true), sqlite);  // only SQLite leaves the sync to us
  EXPECT_FALSE(store::dialect::prepare_intake_writer(*own, false));
  if (sqlite) {
    EXPECT_EQ(own->scalar("PRAGMA wal_autocheckpoint"), 0);
  }
  store::dialect::checkpoint_wal(*own);
  EXPECT_EQ(store::dialect::typed_param(*own, "bigint"), sqlite ? "?" : "?::bigint");
  EXPECT_EQ(store::dialect::typed_param(*own, ""), "?");
}

}  // namespace
