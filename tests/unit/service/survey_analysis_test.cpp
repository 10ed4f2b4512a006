// The analysis read from the statistics cells must equal the analysis computed from the raw
// responses, for every kind of slice, whether the responses were folded in the intake
// transaction, by the background folder, or not yet at all.
#include "service/survey_analysis.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "service/demo_service.h"
#include "service/survey_service.h"
#include "scratch_db.h"

using namespace servq;
using servq::test_support::ScratchDb;

namespace {
// Numbers equal to 1e-9 (relative), everything else exactly.
void expect_same(const service::json& a, const service::json& b, const std::string& path) {
  if (a.is_number() && b.is_number()) {
    double x = a.get<double>(), y = b.get<double>();
    EXPECT_NEAR(x, y, 1e-9 * std::max(1.0, std::abs(x))) << path;
    return;
  }
  ASSERT_EQ(a.type(), b.type()) << path;
  if (a.is_object()) {
    ASSERT_EQ(a.size(), b.size()) << path;
    for (auto& [k, v] : a.items()) {
      ASSERT_TRUE(b.contains(k)) << path << "." << k;
      expect_same(v, b[k], path + "." + k);
    }
  } else if (a.is_array()) {
    ASSERT_EQ(a.size(), b.size()) << path;
    for (size_t i = 0; i < a.size(); ++i) expect_same(a[i], b[i], path + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(a, b) << path;
  }
}
}  // namespace

TEST(SurveyAnalysis, CellsEqualRawResponsesForEverySlice) {
  ScratchDb s("analysis", 4);
  ASSERT_TRUE(service::create_demo(*s.db).ok());
  // Responses written by the generator (folded as written) and a few the folder has not reached.
  auto sys = service::system_actor();
  ASSERT_TRUE(service::generate_responses(*s.db, 2, 2000, 8).ok());
  s.db->acquire()->execute(
      "INSERT INTO survey_responses (survey_id, channel, unit_id, staff_id, category, submitted_at, lang, answers, folded) "
      "SELECT survey_id, channel, unit_id, staff_id, category, submitted_at, lang, answers, 0 FROM survey_responses WHERE id % 97 = 0");
  std::vector<std::map<std::string, std::string>> slices = {
      {},
      {{"unit", "KHOA-NOI"}},
      {{"from", "2026-02-10"}, {"to", "2026-07-20"}},
      {{"from", "2026-03-01"}, {"to", "2026-03-31"}},
      {{"from", "2026-03-05"}, {"to", "2026-03-09"}, {"unit", "CN1"}},
      {{"category", "long_term"}},
      {{"staff", "NV0002"}},
      {{"staff", "NV0002"}, {"channel", "letter"}},
      {{"channel", "letter"}},
      {{"campaign", "1"}},
      {{"from", "2026-01-01"}, {"to", "2026-05-31"}, {"compare_from", "2026-06-01"}, {"compare_to", "2026-11-30"}},
  };
  for (int64_t survey = 1; survey <= 3; ++survey)
    for (const auto& f : slices) {
      service::ListQuery q;
      q.params = f;
      auto cells = service::analyze_survey(*s.db, sys, survey, q, false);
      auto naive = service::analyze_survey(*s.db, sys, survey, q, true);
      ASSERT_TRUE(cells.ok() && naive.ok());
      std::string label = "survey " + std::to_string(survey) + " " + service::json(f).dump();
      expect_same(*cells, *naive, label);
    }
  // The background folder leaves the figures unchanged.
  EXPECT_GT(service::fold_all(*s.db), 0);
  auto before = service::analyze_survey(*s.db, sys, 1, {}, false);
  s.db->acquire()->execute(
      "INSERT INTO survey_responses (survey_id, channel, unit_id, category, submitted_at, lang, answers, folded) "
      "VALUES (1, 'paper', 4, 'first_time', '2026-04-02T03:00:00Z', 'vi', '{\"overall\": 1, \"nps\": 0}', 0)");
  auto pending = service::analyze_survey(*s.db, sys, 1, {}, false);
  EXPECT_EQ(service::fold_all(*s.db), 1);
  auto folded = service::analyze_survey(*s.db, sys, 1, {}, false);
  ASSERT_TRUE(before.ok() && pending.ok() && folded.ok());
  EXPECT_EQ((*pending)["n"].get<int64_t>(), (*before)["n"].get<int64_t>() + 1);
  expect_same(*pending, *folded, "after folding");
}

TEST(SurveyAnalysis, SmallSlicesRevealNothing) {
  ScratchDb s("suppress", 4);
  ASSERT_TRUE(service::create_demo(*s.db).ok());
  service::ListQuery q;
  q.params = {{"from", "2026-03-02"}, {"to", "2026-03-02"}, {"unit", "KHOA-NOI"}, {"category", "referred"}};
  auto r = service::analyze_survey(*s.db, service::system_actor(), 1, q, false);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE((*r)["suppressed"].get<bool>());
  EXPECT_FALSE(r->contains("n"));
  EXPECT_FALSE(r->contains("csat"));
  q.params = {{"min_group", "2"}};
  auto low = service::analyze_survey(*s.db, service::system_actor(), 1, q, false);
  ASSERT_FALSE(low.ok());
  EXPECT_EQ(low.error().code, "survey.min_group_invalid");
}
