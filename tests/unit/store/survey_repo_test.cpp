// The survey repositories (questionnaires, campaigns, invitations, kiosks, response lists) on
// both backends, with the unit scope applied in SQL.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"
#include "store/survey/campaigns_repo.h"
#include "store/survey/invitations_repo.h"
#include "store/survey/kiosks_repo.h"
#include "store/survey/responses_repo.h"
#include "store/survey/surveys_repo.h"
#include "store_test_db.h"

using namespace servq;
using servq::testing::StoreTest;
namespace sv = servq::store::survey;

namespace {

constexpr const char* kAt = "2026-03-01T00:00:00Z";

// A small organisation: root ⊃ A ⊃ A1, root ⊃ B; a staff member in A1 and one in B; two
// customers (one consenting to surveys); a questionnaire and a campaign.
class SurveyRepoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    lease_.emplace(db().acquire());
    root = unit("ROOT", std::nullopt);
    a = unit("A", root);
    a1 = unit("A1", a);
    b = unit("B", root);
    staff_a1 = staff("NV01", a1);
    staff_b = staff("NV02", b);
    cust_yes = customer("Lan", "+84901234567", "regular", true);
    cust_no = customer("Minh", "+84907654321", "vip", false);
    survey = sv::insert_survey(c(), {std::nullopt, 1, "Khảo sát", R"({"title":"Khảo sát"})", "khao sat", kAt, "admin"});
    campaign = sv::insert_campaign(c(), survey, {"Tháng 3", "link", "2026-03-01T00:00:00Z", "2026-03-31T16:59:59Z", "{}"}, kAt, "admin");
  }
  void TearDown() override {
    lease_.reset();
    StoreTest::TearDown();
  }
  store::Connection& c() { return **lease_; }

  std::string path_of(int64_t id) { return c().query_one("SELECT path FROM units WHERE id = ?", {id})->str("path"); }
  int64_t unit(const std::string& code, std::optional<int64_t> parent) {
    int64_t id = c().query_one("INSERT INTO units (code, name, parent_id, path, search, created_at, updated_at) "
                               "VALUES (?, ?, ?, '', ?, ?, ?) RETURNING id",
                               {code, "Unit " + code, store::opt_value(parent), code, kAt, kAt})
                     ->i64("id");
    std::string path = (parent ? path_of(*parent) : std::string("/")) + std::to_string(id) + "/";
    c().execute("UPDATE units SET path = ? WHERE id = ?", {path, id});
    return id;
  }
  int64_t staff(const std::string& code, int64_t unit_id) {
    return c().query_one("INSERT INTO staff (employee_code, name, unit_id, search, created_at, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                         {code, "Staff " + code, unit_id, code, kAt, kAt})
        ->i64("id");
  }
  int64_t customer(const std::string& name, const std::string& phone, const std::string& category, bool consent) {
    return c().query_one("INSERT INTO customers (name, phone, category, consent_survey, search, created_at, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                         {name, phone, category, int64_t(consent ? 1 : 0), name, kAt, kAt})
        ->i64("id");
  }
  int64_t encounter(int64_t customer_id, int64_t unit_id, std::optional<int64_t> staff_id, const std::string& at) {
    return c().query_one("INSERT INTO encounters (customer_id, unit_id, staff_id, service, started_at, created_at) "
                         "VALUES (?, ?, ?, 'khám', ?, ?) RETURNING id",
                         {customer_id, unit_id, store::opt_value(staff_id), at, kAt})
        ->i64("id");
  }
  struct Resp {
    std::optional<int64_t> campaign, unit, staff;
    std::string channel = "link", category = "regular", at = "2026-03-10T03:00:00Z";
    std::optional<std::string> comment, external_id;
  };
  int64_t response(const Resp& r) {
    return c().query_one("INSERT INTO survey_responses (survey_id, campaign_id, external_id, channel, unit_id, staff_id, "
                         "category, submitted_at, lang, answers, comment_search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'vi', ?, ?) "
                         "RETURNING id",
                         {survey, store::opt_value(r.campaign), store::opt_value(r.external_id), r.channel, store::opt_value(r.unit),
                          store::opt_value(r.staff), r.category, r.at, R"({"nps":9})", store::opt_value(r.comment)})
        ->i64("id");
  }
  sv::NewInvitation invitation(const std::string& token, std::optional<int64_t> unit_id, std::optional<int64_t> staff_id,
                               std::optional<int64_t> customer_id, const std::string& category) {
    sv::NewInvitation v;
    v.campaign_id = campaign;
    v.token = token;
    v.customer_id = customer_id;
    v.unit_id = unit_id;
    v.staff_id = staff_id;
    v.category = category;
    v.encounter_at = "2026-03-02T02:00:00Z";
    v.created_at = kAt;
    return v;
  }

  UnitScope scope_all() { return scope_of(Role::quality, std::nullopt, std::nullopt); }
  UnitScope scope_head(int64_t unit_id) { return scope_of(Role::head, unit_id, std::nullopt); }
  UnitScope scope_staff(int64_t unit_id, int64_t staff_id) { return scope_of(Role::staff, unit_id, staff_id); }
  UnitScope scope_none() { return scope_of(Role::head, std::nullopt, std::nullopt); }
  UnitScope scope_of(Role role, std::optional<int64_t> unit_id, std::optional<int64_t> staff_id) {
    Actor x;
    x.role = role;
    x.unit_id = unit_id;
    if (unit_id) x.unit_path = path_of(*unit_id);
    x.staff_id = staff_id;
    return UnitScope::of(x);
  }

  int64_t root = 0, a = 0, a1 = 0, b = 0, staff_a1 = 0, staff_b = 0, cust_yes = 0, cust_no = 0, survey = 0, campaign = 0;

 private:
  std::optional<store::Lease> lease_;
};

class SurveysRepo : public SurveyRepoTest {};
SERVQ_STORE_TEST_SUITE(SurveysRepo);

TEST_P(SurveysRepo, InsertsVersionsFindsAndLists) {
  auto first = sv::find_survey(c(), survey);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->family_id, survey);  // a first version is its own family
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->title, "Khảo sát");
  EXPECT_EQ(first->status, "active");
  EXPECT_EQ(first->definition, R"({"title":"Khảo sát"})");
  EXPECT_EQ(first->created_by, "admin");
  EXPECT_EQ(first->updated_at, kAt);
  EXPECT_EQ(first->response_count, 0);
  EXPECT_TRUE(sv::survey_exists(c(), survey));
  EXPECT_FALSE(sv::survey_exists(c(), survey + 1000));
  EXPECT_FALSE(sv::find_survey(c(), survey + 1000));

  response({});
  EXPECT_EQ(sv::find_survey(c(), survey)->response_count, 1);

  EXPECT_EQ(sv::latest_version(c(), survey), 1);
  int64_t v2 = sv::insert_survey(c(), {survey, 2, "Khảo sát v2", "{}", "khao sat v2", "2026-03-05T00:00:00Z", "quality"});
  sv::archive_survey(c(), survey, "2026-03-05T00:00:00Z");
  EXPECT_EQ(sv::latest_version(c(), survey), 2);
  EXPECT_EQ(sv::find_survey(c(), v2)->family_id, survey);
  EXPECT_EQ(sv::find_survey(c(), survey)->status, "archived");
  EXPECT_EQ(sv::survey_stamp(c(), survey), "2026-03-05T00:00:00Z");
  int64_t other = sv::insert_survey(c(), {std::nullopt, 1, "Nội trú", "{}", "noi tru", kAt, "admin"});

  // Newest family first, newest version first.
  auto all = sv::list_surveys(c(), {}, {1, 2});
  EXPECT_EQ(all.total, 3);
  ASSERT_EQ(all.items.size(), 2u);
  EXPECT_EQ(all.items[0].id, other);
  EXPECT_EQ(all.items[1].id, v2);
  auto second = sv::list_surveys(c(), {}, {2, 2});
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].id, survey);

  sv::SurveyFilter archived;
  archived.status = "archived";
  auto a_page = sv::list_surveys(c(), archived, {1, 50});
  ASSERT_EQ(a_page.total, 1);
  EXPECT_EQ(a_page.items[0].id, survey);
  sv::SurveyFilter search;
  search.search = "%v2%";
  auto s_page = sv::list_surveys(c(), search, {1, 50});
  ASSERT_EQ(s_page.total, 1);
  EXPECT_EQ(s_page.items[0].id, v2);
}

TEST_P(SurveysRepo, UpdatesTheDefinitionAndReadsItBack) {
  sv::update_survey_definition(c(), survey, "Mới", R"({"pages":[]})", "moi", "2026-03-02T00:00:00Z");
  auto d = sv::find_definition(c(), survey);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->definition, R"({"pages":[]})");
  EXPECT_EQ(d->updated_at, "2026-03-02T00:00:00Z");
  auto s = sv::find_survey(c(), survey);
  EXPECT_EQ(s->title, "Mới");
  EXPECT_EQ(s->status, "active");
  EXPECT_FALSE(sv::find_definition(c(), survey + 1000));
  EXPECT_FALSE(sv::survey_stamp(c(), survey + 1000));
}

class CampaignsRepo : public SurveyRepoTest {};
SERVQ_STORE_TEST_SUITE(CampaignsRepo);

TEST_P(CampaignsRepo, InsertsFindsUpdatesAndCounts) {
  auto k = sv::find_campaign(c(), campaign);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->survey_id, survey);
  EXPECT_EQ(k->survey_title, "Khảo sát");
  EXPECT_EQ(k->name, "Tháng 3");
  EXPECT_EQ(k->channel, "link");
  EXPECT_EQ(k->closes_at, "2026-03-31T16:59:59Z");
  EXPECT_EQ(k->segment, "{}");
  EXPECT_EQ(k->invitations, 0);
  EXPECT_EQ(k->responses, 0);
  EXPECT_EQ(sv::campaign_survey_id(c(), campaign), survey);
  EXPECT_FALSE(sv::campaign_survey_id(c(), campaign + 1000));
  EXPECT_FALSE(sv::find_campaign(c(), campaign + 1000));

  sv::update_campaign(c(), campaign, {"Quý 1", "letter", "2026-01-01T00:00:00Z", std::nullopt, R"({"per":"customer"})"},
                      "2026-03-03T00:00:00Z");
  k = sv::find_campaign(c(), campaign);
  EXPECT_EQ(k->name, "Quý 1");
  EXPECT_EQ(k->channel, "letter");
  EXPECT_EQ(k->opens_at, "2026-01-01T00:00:00Z");
  EXPECT_FALSE(k->closes_at);
  EXPECT_EQ(k->segment, R"({"per":"customer"})");

  sv::insert_invitations(c(), {invitation("t-a1", a1, staff_a1, cust_yes, "regular"), invitation("t-b", b, staff_b, cust_no, "vip")});
  response({campaign, a1});
  response({campaign, b});
  response({campaign, b});
  k = sv::find_campaign(c(), campaign);
  EXPECT_EQ(k->invitations, 2);
  EXPECT_EQ(k->responses, 3);

  auto all = sv::campaign_counts(c(), scope_all(), campaign);
  EXPECT_EQ(all.invitations, 2);
  EXPECT_EQ(all.responses, 3);
  auto head_a = sv::campaign_counts(c(), scope_head(a), campaign);  // A's subtree holds A1
  EXPECT_EQ(head_a.invitations, 1);
  EXPECT_EQ(head_a.responses, 1);
  auto staff_in_b = sv::campaign_counts(c(), scope_staff(b, staff_b), campaign);  // figures of their unit
  EXPECT_EQ(staff_in_b.invitations, 1);
  EXPECT_EQ(staff_in_b.responses, 2);
  auto none = sv::campaign_counts(c(), scope_none(), campaign);
  EXPECT_EQ(none.invitations, 0);
  EXPECT_EQ(none.responses, 0);
}

TEST_P(CampaignsRepo, ListsWithFiltersNewestFirst) {
  int64_t closed = sv::insert_campaign(c(), survey, {"Tháng 1", "kiosk", "2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z", "{}"}, kAt, "admin");
  int64_t later = sv::insert_campaign(c(), survey, {"Tháng 5", "paper", "2026-05-01T00:00:00Z", std::nullopt, "{}"}, kAt, "admin");
  int64_t other_survey = sv::insert_survey(c(), {std::nullopt, 1, "Khác", "{}", "khac", kAt, "admin"});
  int64_t other = sv::insert_campaign(c(), other_survey, {"Khác", "link", "2026-02-01T00:00:00Z", std::nullopt, "{}"}, kAt, "admin");

  auto page1 = sv::list_campaigns(c(), {}, {1, 3});
  EXPECT_EQ(page1.total, 4);
  ASSERT_EQ(page1.items.size(), 3u);
  EXPECT_EQ(page1.items[0].id, other);
  EXPECT_EQ(page1.items[1].id, later);
  EXPECT_EQ(page1.items[2].id, closed);
  EXPECT_EQ(page1.items[0].survey_title, "Khác");
  auto page2 = sv::list_campaigns(c(), {}, {2, 3});
  ASSERT_EQ(page2.items.size(), 1u);
  EXPECT_EQ(page2.items[0].id, campaign);

  auto ids = [&](const sv::CampaignFilter& f) {
    std::vector<int64_t> out;
    for (const auto& k : sv::list_campaigns(c(), f, {1, 50}).items) out.push_back(k.id);
    return out;
  };
  using Status = sv::CampaignFilter::Status;
  sv::CampaignFilter f;
  f.now = "2026-03-15T00:00:00Z";
  f.status = Status::open;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{other, campaign}));
  f.status = Status::closed;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{closed}));
  f.status = Status::scheduled;
  EXPECT_EQ(ids(f), (std::vector<int64_t>{later}));
  sv::CampaignFilter by_survey;
  by_survey.survey_id = std::to_string(other_survey);
  EXPECT_EQ(ids(by_survey), (std::vector<int64_t>{other}));
  sv::CampaignFilter by_name;
  by_name.name = "%Tháng 1%";
  EXPECT_EQ(ids(by_name), (std::vector<int64_t>{closed}));
}

class InvitationsRepo : public SurveyRepoTest {};
SERVQ_STORE_TEST_SUITE(InvitationsRepo);

TEST_P(InvitationsRepo, SelectsTheSegmentsEncounters) {
  int64_t e1 = encounter(cust_yes, a1, staff_a1, "2026-02-01T02:00:00Z");
  int64_t e2 = encounter(cust_no, b, staff_b, "2026-02-02T02:00:00Z");
  int64_t e3 = encounter(cust_yes, a, std::nullopt, "2026-02-03T02:00:00Z");

  auto all = sv::segment_encounters(c(), {});
  ASSERT_EQ(all.size(), 3u);  // oldest first
  EXPECT_EQ(all[0].encounter_id, e1);
  EXPECT_EQ(all[0].customer_id, cust_yes);
  EXPECT_EQ(all[0].unit_id, a1);
  EXPECT_EQ(all[0].staff_id, staff_a1);
  EXPECT_EQ(all[0].category, "regular");
  EXPECT_EQ(all[0].started_at, "2026-02-01T02:00:00Z");
  EXPECT_TRUE(all[0].consent_survey);
  EXPECT_FALSE(all[1].consent_survey);
  EXPECT_EQ(all[1].category, "vip");
  EXPECT_FALSE(all[2].staff_id);

  sv::SegmentFilter in_a;
  in_a.unit_path = path_of(a);
  auto a_rows = sv::segment_encounters(c(), in_a);
  ASSERT_EQ(a_rows.size(), 2u);
  EXPECT_EQ(a_rows[0].encounter_id, e1);
  EXPECT_EQ(a_rows[1].encounter_id, e3);
  sv::SegmentFilter vip;
  vip.category = "vip";
  ASSERT_EQ(sv::segment_encounters(c(), vip).size(), 1u);
  EXPECT_EQ(sv::segment_encounters(c(), vip)[0].encounter_id, e2);
  sv::SegmentFilter window;
  window.from = "2026-02-02T02:00:00Z";  // both ends inclusive
  window.to = "2026-02-02T02:00:00Z";
  ASSERT_EQ(sv::segment_encounters(c(), window).size(), 1u);
  EXPECT_EQ(sv::segment_encounters(c(), window)[0].encounter_id, e2);

  // Who has been invited already.
  auto inv = invitation("t1", a1, staff_a1, cust_yes, "regular");
  inv.encounter_id = e1;
  sv::insert_invitations(c(), {inv});
  auto who = sv::invited(c(), campaign);
  EXPECT_EQ(who.encounters, (std::set<int64_t>{e1}));
  EXPECT_EQ(who.customers, (std::set<int64_t>{cust_yes}));
  EXPECT_TRUE(sv::invited(c(), campaign + 1000).encounters.empty());
}

TEST_P(InvitationsRepo, InsertsInBatchesAndListsWithinTheScope) {
  std::vector<sv::NewInvitation> rows;
  for (int i = 0; i < 301; ++i) rows.push_back(invitation("bulk-" + std::to_string(i), b, std::nullopt, std::nullopt, "regular"));
  rows.push_back(invitation("tok-a1", a1, staff_a1, cust_yes, "regular"));
  rows.push_back(invitation("tok-a1-other", a1, std::nullopt, cust_no, "vip"));
  sv::insert_invitations(c(), rows);  // more than one statement of 300 rows
  c().execute("UPDATE survey_invitations SET used_at = ?, response_id = 77 WHERE token = 'tok-a1'", {kAt});

  auto all = sv::list_invitations(c(), scope_all(), {campaign}, {1, 10});
  EXPECT_EQ(all.total, 303);
  ASSERT_EQ(all.items.size(), 10u);
  EXPECT_EQ(all.items[0].token, "bulk-0");  // in id order
  EXPECT_EQ(all.items[0].unit_code, "B");
  EXPECT_FALSE(all.items[0].customer_id);
  auto last = sv::list_invitations(c(), scope_all(), {campaign}, {31, 10});
  ASSERT_EQ(last.items.size(), 3u);
  const auto& mine = last.items[1];
  EXPECT_EQ(mine.token, "tok-a1");
  EXPECT_EQ(mine.customer_id, cust_yes);
  EXPECT_EQ(mine.customer_name, "Lan");
  EXPECT_EQ(mine.customer_phone, "+84901234567");
  EXPECT_EQ(mine.unit_code, "A1");
  EXPECT_EQ(mine.staff_code, "NV01");
  EXPECT_EQ(mine.encounter_at, "2026-03-02T02:00:00Z");
  EXPECT_EQ(mine.used_at, kAt);
  EXPECT_EQ(mine.response_id, 77);

  sv::InvitationFilter used{campaign, true, std::nullopt};
  EXPECT_EQ(sv::list_invitations(c(), scope_all(), used, {1, 50}).total, 1);
  sv::InvitationFilter unused{campaign, false, std::nullopt};
  EXPECT_EQ(sv::list_invitations(c(), scope_all(), unused, {1, 50}).total, 302);
  sv::InvitationFilter under_a{campaign, std::nullopt, path_of(a)};
  EXPECT_EQ(sv::list_invitations(c(), scope_all(), under_a, {1, 50}).total, 2);

  // A head sees its subtree; staff only the links of their own encounters; none nothing.
  EXPECT_EQ(sv::list_invitations(c(), scope_head(a), {campaign}, {1, 50}).total, 2);
  EXPECT_EQ(sv::list_invitations(c(), scope_head(b), {campaign}, {1, 500}).total, 301);
  auto own = sv::list_invitations(c(), scope_staff(a1, staff_a1), {campaign}, {1, 50});
  ASSERT_EQ(own.total, 1);
  EXPECT_EQ(own.items[0].token, "tok-a1");
  EXPECT_EQ(sv::list_invitations(c(), scope_none(), {campaign}, {1, 50}).total, 0);
  EXPECT_EQ(sv::list_invitations(c(), scope_all(), {campaign + 1000}, {1, 50}).total, 0);
}

TEST_P(InvitationsRepo, TokensAreUnique) {
  sv::insert_invitations(c(), {invitation("same", a1, std::nullopt, std::nullopt, "regular")});
  try {
    sv::insert_invitations(c(), {invitation("same", b, std::nullopt, std::nullopt, "regular")});
    FAIL() << "a second link with the same token was stored";
  } catch (const store::DbError& e) {
    EXPECT_EQ(e.kind, store::DbError::Kind::unique);
  }
}

TEST_P(InvitationsRepo, RatesPerUnitAndCategoryWithinTheScope) {
  sv::insert_invitations(c(), {invitation("r1", a1, std::nullopt, std::nullopt, "regular"),
                               invitation("r2", a1, std::nullopt, std::nullopt, "vip"),
                               invitation("r3", b, std::nullopt, std::nullopt, "vip")});
  c().execute("UPDATE survey_invitations SET used_at = ? WHERE token IN ('r1', 'r3')", {kAt});

  auto by_unit = sv::invitation_rates(c(), scope_all(), campaign, sv::RatesBy::unit);
  ASSERT_EQ(by_unit.size(), 2u);
  EXPECT_EQ(by_unit[0].key, "A1");
  EXPECT_EQ(by_unit[0].invitations, 2);
  EXPECT_EQ(by_unit[0].responses, 1);
  EXPECT_EQ(by_unit[1].key, "B");
  EXPECT_EQ(by_unit[1].responses, 1);
  auto by_category = sv::invitation_rates(c(), scope_all(), campaign, sv::RatesBy::category);
  ASSERT_EQ(by_category.size(), 2u);
  EXPECT_EQ(by_category[0].key, "regular");
  EXPECT_EQ(by_category[0].invitations, 1);
  EXPECT_EQ(by_category[1].key, "vip");
  EXPECT_EQ(by_category[1].invitations, 2);
  EXPECT_EQ(by_category[1].responses, 1);

  auto head_b = sv::invitation_rates(c(), scope_head(b), campaign, sv::RatesBy::unit);
  ASSERT_EQ(head_b.size(), 1u);
  EXPECT_EQ(head_b[0].key, "B");
  EXPECT_TRUE(sv::invitation_rates(c(), scope_none(), campaign, sv::RatesBy::unit).empty());
}

TEST_P(InvitationsRepo, FindsThePublicLinkOfATokenOrKioskCode) {
  sv::insert_invitations(c(), {invitation("public-token", a1, staff_a1, cust_yes, "regular")});
  auto t = sv::find_public_link(c(), sv::LinkKind::token, "public-token");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->survey_id, survey);
  EXPECT_EQ(t->campaign_id, campaign);
  EXPECT_TRUE(t->invitation_id);
  EXPECT_EQ(t->unit_id, a1);
  EXPECT_EQ(t->staff_id, staff_a1);
  EXPECT_EQ(t->customer_id, cust_yes);
  EXPECT_EQ(t->channel, "link");
  EXPECT_EQ(t->category, "regular");
  EXPECT_EQ(t->survey_updated_at, kAt);
  EXPECT_EQ(t->opens_at, "2026-03-01T00:00:00Z");
  EXPECT_EQ(t->closes_at, "2026-03-31T16:59:59Z");
  EXPECT_FALSE(t->used_at);
  EXPECT_EQ(t->unit_name, "Unit A1");
  EXPECT_EQ(t->survey_title, "Khảo sát");
  EXPECT_EQ(t->campaign_name, "Tháng 3");

  sv::insert_kiosk(c(), campaign, "kiosk-b", b, kAt);
  auto k = sv::find_public_link(c(), sv::LinkKind::kiosk, "kiosk-b");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->channel, "kiosk");
  EXPECT_EQ(k->unit_id, b);
  EXPECT_EQ(k->unit_name, "Unit B");
  EXPECT_FALSE(k->invitation_id);
  EXPECT_FALSE(k->staff_id);
  EXPECT_FALSE(k->customer_id);
  EXPECT_FALSE(k->category);
  EXPECT_FALSE(k->used_at);

  EXPECT_FALSE(sv::find_public_link(c(), sv::LinkKind::token, "kiosk-b"));
  EXPECT_FALSE(sv::find_public_link(c(), sv::LinkKind::kiosk, "public-token"));
  EXPECT_FALSE(sv::find_public_link(c(), sv::LinkKind::token, "nope"));
}

class KiosksRepo : public SurveyRepoTest {};
SERVQ_STORE_TEST_SUITE(KiosksRepo);

TEST_P(KiosksRepo, InsertsListsByUnitCodeAndRefusesASecondPerUnit) {
  int64_t kb = sv::insert_kiosk(c(), campaign, "code-b", b, kAt);
  int64_t ka = sv::insert_kiosk(c(), campaign, "code-a1", a1, "2026-03-02T00:00:00Z");
  EXPECT_TRUE(sv::kiosk_exists(c(), campaign, b));
  EXPECT_FALSE(sv::kiosk_exists(c(), campaign, a));
  response({campaign, b, std::nullopt, "kiosk"});
  response({campaign, b, std::nullopt, "kiosk"});
  response({campaign, b, std::nullopt, "link"});  // not a kiosk response
  response({campaign, a1, std::nullopt, "kiosk"});

  auto all = sv::list_kiosks(c(), scope_all(), campaign);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, ka);  // by unit code
  EXPECT_EQ(all[0].code, "code-a1");
  EXPECT_EQ(all[0].unit_code, "A1");
  EXPECT_EQ(all[0].unit_name, "Unit A1");
  EXPECT_EQ(all[0].created_at, "2026-03-02T00:00:00Z");
  EXPECT_EQ(all[0].responses, 1);
  EXPECT_EQ(all[1].id, kb);
  EXPECT_EQ(all[1].responses, 2);

  auto head_a = sv::list_kiosks(c(), scope_head(a), campaign);
  ASSERT_EQ(head_a.size(), 1u);
  EXPECT_EQ(head_a[0].id, ka);
  auto staff_b_sees = sv::list_kiosks(c(), scope_staff(b, staff_b), campaign);
  ASSERT_EQ(staff_b_sees.size(), 1u);
  EXPECT_EQ(staff_b_sees[0].id, kb);
  EXPECT_TRUE(sv::list_kiosks(c(), scope_none(), campaign).empty());

  try {
    sv::insert_kiosk(c(), campaign, "code-b2", b, kAt);
    FAIL() << "a second kiosk for one campaign and unit was stored";
  } catch (const store::DbError& e) {
    EXPECT_EQ(e.kind, store::DbError::Kind::unique);
  }
}

class ResponsesRepo : public SurveyRepoTest {};
SERVQ_STORE_TEST_SUITE(ResponsesRepo);

TEST_P(ResponsesRepo, ListsNewestFirstWithEachFilterAndTheScope) {
  int64_t r1 = response({campaign, a1, staff_a1, "link", "regular", "2026-03-01T03:00:00Z", "rat tot"});
  int64_t r2 = response({std::nullopt, b, staff_b, "paper", "vip", "2026-03-05T03:00:00Z", std::nullopt, "P-1"});
  int64_t r3 = response({campaign, a, std::nullopt, "kiosk", "regular", "2026-03-09T03:00:00Z", "cho doi lau"});
  int64_t other_survey = sv::insert_survey(c(), {std::nullopt, 1, "Khác", "{}", "khac", kAt, "admin"});
  c().execute("UPDATE survey_responses SET lang = 'en' WHERE id = ?", {r3});
  auto ids = [&](const UnitScope& scope, const sv::ResponseFilter& f) {
    std::vector<int64_t> out;
    for (const auto& r : sv::list_responses(c(), scope, f, {1, 50}).items) out.push_back(r.id);
    return out;
  };
  sv::ResponseFilter f;
  f.survey_id = survey;
  EXPECT_EQ(ids(scope_all(), f), (std::vector<int64_t>{r3, r2, r1}));
  auto page2 = sv::list_responses(c(), scope_all(), f, {2, 2});
  EXPECT_EQ(page2.total, 3);
  ASSERT_EQ(page2.items.size(), 1u);
  const auto& first = page2.items[0];
  EXPECT_EQ(first.id, r1);
  EXPECT_EQ(first.submitted_at, "2026-03-01T03:00:00Z");
  EXPECT_EQ(first.channel, "link");
  EXPECT_EQ(first.unit_code, "A1");
  EXPECT_EQ(first.staff_code, "NV01");
  EXPECT_EQ(first.campaign_id, campaign);
  EXPECT_EQ(first.lang, "vi");
  EXPECT_EQ(first.answers, R"({"nps":9})");
  EXPECT_FALSE(first.feedback_id);
  EXPECT_EQ(first.category, "regular");
  EXPECT_EQ(sv::list_responses(c(), scope_all(), f, {1, 1}).items[0].lang, "en");

  auto with = [&](auto set) {
    sv::ResponseFilter g;
    g.survey_id = survey;
    set(g);
    return ids(scope_all(), g);
  };
  EXPECT_EQ(with([&](auto& g) { g.unit_path = path_of(a); }), (std::vector<int64_t>{r3, r1}));
  EXPECT_EQ(with([&](auto& g) { g.staff_id = staff_b; }), (std::vector<int64_t>{r2}));
  EXPECT_EQ(with([&](auto& g) { g.category = "vip"; }), (std::vector<int64_t>{r2}));
  EXPECT_EQ(with([&](auto& g) { g.channel = "kiosk"; }), (std::vector<int64_t>{r3}));
  EXPECT_EQ(with([&](auto& g) { g.campaign_id = std::to_string(campaign); }), (std::vector<int64_t>{r3, r1}));
  EXPECT_EQ(with([&](auto& g) { g.from = "2026-03-05T03:00:00Z"; }), (std::vector<int64_t>{r3, r2}));
  EXPECT_EQ(with([&](auto& g) { g.to = "2026-03-05T03:00:00Z"; }), (std::vector<int64_t>{r2, r1}));
  EXPECT_EQ(with([&](auto& g) { g.with_comments = true; }), (std::vector<int64_t>{r3, r1}));
  EXPECT_EQ(with([&](auto& g) {
              g.with_comments = true;
              g.comment = "%doi%";
            }),
            (std::vector<int64_t>{r3}));
  sv::ResponseFilter elsewhere;
  elsewhere.survey_id = other_survey;
  EXPECT_TRUE(ids(scope_all(), elsewhere).empty());

  // The scope: a head's subtree, a staff member's unit (figures), none.
  EXPECT_EQ(ids(scope_head(a), f), (std::vector<int64_t>{r3, r1}));
  EXPECT_EQ(ids(scope_head(a1), f), (std::vector<int64_t>{r1}));
  EXPECT_EQ(ids(scope_staff(b, staff_b), f), (std::vector<int64_t>{r2}));
  EXPECT_TRUE(ids(scope_none(), f).empty());
  EXPECT_EQ(sv::list_responses(c(), scope_none(), f, {1, 50}).total, 0);

  EXPECT_EQ(sv::external_ids(c(), survey), (std::set<std::string>{"P-1"}));
  EXPECT_TRUE(sv::external_ids(c(), other_survey).empty());
}

TEST_P(ResponsesRepo, LooksUpStaffCustomersAndUnits) {
  EXPECT_EQ(sv::staff_id_by_code(c(), "NV02"), staff_b);
  EXPECT_FALSE(sv::staff_id_by_code(c(), "NV99"));
  auto cu = sv::customer_by_phone(c(), "+84907654321");
  ASSERT_TRUE(cu);
  EXPECT_EQ(cu->id, cust_no);
  EXPECT_EQ(cu->category, "vip");
  EXPECT_FALSE(sv::customer_by_phone(c(), "+84900000000"));
  auto units = store::org::unit_ids_by_code(c());
  EXPECT_EQ(units.size(), 4u);
  EXPECT_EQ(units["A1"], a1);
  auto staff_codes = store::org::staff_ids_by_code(c());
  EXPECT_EQ(staff_codes.size(), 2u);
  EXPECT_EQ(staff_codes["NV01"], staff_a1);
  EXPECT_EQ(sv::newest_unit_id(c()), b);
}

}  // namespace
