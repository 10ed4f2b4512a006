// The analysis JSON — answers stored as responses, folded into the statistics cells, read back
// through analyze_survey — equals R's figures to 1e-9. The data sets and the R values are those
// of tests/unit/stats/stats_test.cpp (R commands there and in tests/unit/stats/reference.R):
//   alpha, std alpha, r.drop, alpha.drop: psych::alpha(d, check.keys = FALSE), d = the 30 × 5
//     Likert answers with item 4 reverse-keyed (6 − x);
//   relative weights, r, R²: Johnson's weights computed by hand in R from the 40 × 6 driver data
//     (eigen(cor(X)), solve), R² also summary(lm(y ~ X))$r.squared;
//   NPS 34 and its interval from 52 promoters, 30 passives, 18 detractors.
#include <gtest/gtest.h>

#include <array>
#include <filesystem>

#include "service/org_service.h"
#include "service/survey_analysis.h"
#include "service/survey_service.h"

using namespace servq;
using service::json;

namespace {
struct ScratchDb {
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;
  explicit ScratchDb(const std::string& name) {
    dir = std::filesystem::temp_directory_path() / ("servq-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = store::Database::open((dir / "t.sqlite").string(), 4);
    EXPECT_TRUE(service::create_unit(*db, service::system_actor(), {{"code", "U"}, {"name", "Unit"}}).ok());
  }
  ~ScratchDb() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  int64_t survey(const json& def) {
    auto r = service::create_survey(*db, service::system_actor(), {{"definition", def}, {"title", "t"}});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r->at("id").get<int64_t>();
  }
  void answer(int64_t survey, const json& answers) {
    auto r = service::create_paper_response(*db, service::system_actor(), survey,
                                            {{"answers", answers}, {"unit", "U"}, {"submitted_at", "2026-03-10"}});
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  json analysis(int64_t survey, bool naive = false) {
    auto r = service::analyze_survey(*db, service::system_actor(), survey, {}, naive);
    EXPECT_TRUE(r.ok());
    return *r;
  }
};

// R: raw (tests/unit/stats/stats_test.cpp kLikert), item 4 reverse-keyed as stored.
const std::vector<std::array<int, 5>> kLikert = {
    {1, 2, 3, 4, 1}, {3, 2, 1, 3, 3}, {3, 2, 2, 4, 3}, {4, 3, 3, 4, 3}, {2, 4, 2, 3, 4}, {4, 3, 4, 3, 3},
    {4, 5, 3, 1, 4}, {4, 4, 4, 1, 4}, {4, 3, 3, 4, 2}, {1, 2, 1, 3, 1}, {3, 2, 3, 2, 4}, {2, 3, 3, 3, 1},
    {3, 5, 3, 2, 5}, {2, 2, 2, 5, 2}, {2, 3, 3, 1, 3}, {2, 3, 3, 4, 2}, {3, 2, 4, 3, 2}, {3, 4, 3, 3, 3},
    {2, 2, 4, 2, 4}, {3, 2, 2, 4, 3}, {4, 3, 4, 2, 5}, {3, 2, 2, 4, 3}, {5, 2, 4, 3, 2}, {2, 3, 3, 4, 2},
    {2, 2, 4, 2, 2}, {2, 2, 1, 4, 1}, {2, 3, 2, 5, 3}, {4, 3, 2, 3, 3}, {4, 4, 3, 3, 3}, {1, 3, 3, 3, 2}};

// R: D (kDrivers): five dimension sums (of 2, 3, 2, 3, 2 items) and the overall rating.
const std::vector<std::array<int, 6>> kDrivers = {
    {3, 3, 2, 7, 5, 3},   {2, 8, 3, 9, 2, 1},  {2, 12, 4, 12, 4, 1}, {3, 6, 8, 9, 4, 2},  {6, 4, 7, 6, 7, 3},
    {6, 10, 7, 11, 9, 5}, {9, 8, 7, 8, 5, 3},  {5, 5, 8, 11, 5, 3},  {4, 8, 4, 4, 4, 3},  {3, 12, 5, 13, 3, 2},
    {8, 12, 8, 13, 5, 5}, {5, 11, 6, 9, 5, 3}, {6, 10, 8, 4, 4, 3},  {4, 5, 4, 11, 3, 1}, {5, 7, 8, 8, 4, 2},
    {4, 7, 6, 10, 5, 3},  {6, 5, 7, 4, 7, 3},  {6, 7, 6, 10, 4, 2},  {7, 10, 9, 11, 5, 3}, {6, 12, 9, 4, 4, 3},
    {7, 3, 5, 7, 4, 2},   {7, 3, 2, 7, 4, 1},  {9, 9, 7, 14, 7, 4},  {4, 8, 2, 7, 3, 2},  {7, 8, 3, 7, 7, 2},
    {6, 13, 7, 7, 6, 3},  {5, 8, 3, 4, 6, 3},  {4, 6, 5, 8, 5, 2},   {6, 8, 5, 14, 4, 3}, {6, 13, 6, 12, 7, 3},
    {6, 11, 2, 4, 4, 2},  {6, 14, 9, 7, 10, 4}, {6, 4, 4, 10, 5, 2}, {5, 9, 5, 7, 5, 3},  {8, 15, 6, 14, 5, 4},
    {7, 14, 7, 5, 8, 4},  {6, 8, 3, 11, 5, 2}, {4, 5, 5, 6, 2, 1},   {10, 12, 5, 9, 6, 4}, {3, 7, 7, 9, 6, 2}};

constexpr double kAbs = 1e-9;
}  // namespace

TEST(SurveyReference, ReliabilityOfADimensionEqualsPsychAlpha) {
  ScratchDb s("ref-alpha");
  json rows = json::array();
  for (int i = 1; i <= 5; ++i) {
    json r = {{"value", "i" + std::to_string(i)}, {"dimension", "d"}};
    if (i == 4) r["reverse"] = true;
    rows.push_back(r);
  }
  int64_t id = s.survey({{"elements", {{{"type", "matrix"}, {"name", "m"}, {"columns", {1, 2, 3, 4, 5}}, {"rows", rows}}}}});
  for (const auto& row : kLikert) {
    json cells;
    for (int i = 0; i < 5; ++i) cells["i" + std::to_string(i + 1)] = row[static_cast<size_t>(i)];
    s.answer(id, {{"m", cells}});
  }
  json a = s.analysis(id);
  ASSERT_EQ(a["dimensions"].size(), 1u);
  const json& d = a["dimensions"][0];
  EXPECT_EQ(d["n"].get<int64_t>(), 30);
  EXPECT_NEAR(d["alpha"].get<double>(), 0.7446001428061406, kAbs);     // R: a5$total$raw_alpha
  EXPECT_NEAR(d["std_alpha"].get<double>(), 0.743167675374572, kAbs);  // R: a5$total$std.alpha
  // R: a5$item.stats$r.drop and a5$alpha.drop$raw_alpha
  const double r_drop[5] = {0.4451195831447647, 0.4887262846425089, 0.43460852561843, 0.560437450317125, 0.6202063961668121};
  const double alpha_drop[5] = {0.7240549828178695, 0.7076910428741727, 0.7251405622489959, 0.6793225386190209,
                                0.6540363244725117};
  for (size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(d["items"][i]["r_drop"].get<double>(), r_drop[i], kAbs);
    EXPECT_NEAR(d["items"][i]["alpha_if_deleted"].get<double>(), alpha_drop[i], kAbs);
  }
  // The dimension's mean is the mean of the respondents' item means, reverse item keyed: 6 − x.
  double total = 0;
  for (const auto& row : kLikert) total += row[0] + row[1] + row[2] + (6 - row[3]) + row[4];
  EXPECT_NEAR(d["mean"].get<double>(), total / 150.0, kAbs);
  EXPECT_EQ(a, s.analysis(id, true));  // the same from the raw responses
}

TEST(SurveyReference, DriversEqualJohnsonsWeightsAndNpsItsInterval) {
  ScratchDb s("ref-drivers");
  // Five dimensions of 2, 3, 2, 3, 2 rating items, whose sums are the driver scores.
  const int items[5] = {2, 3, 2, 3, 2};
  json elements = json::array();
  for (int d = 0; d < 5; ++d)
    for (int k = 0; k < items[d]; ++k)
      elements.push_back({{"type", "rating"}, {"name", "d" + std::to_string(d) + "_" + std::to_string(k)},
                          {"dimension", "dim" + std::to_string(d)}});
  elements.push_back({{"type", "rating"}, {"name", "overall"}, {"role", "overall"}});
  int64_t id = s.survey({{"elements", elements}});
  for (const auto& row : kDrivers) {
    json ans;
    for (int d = 0; d < 5; ++d) {
      int sum = row[static_cast<size_t>(d)];  // spread the sum over the items, each 1..5
      for (int k = 0; k < items[d]; ++k) {
        int left = items[d] - k, v = (sum + left - 1) / left;
        ans["d" + std::to_string(d) + "_" + std::to_string(k)] = v;
        sum -= v;
      }
    }
    ans["overall"] = row[5];
    s.answer(id, ans);
  }
  json a = s.analysis(id);
  const json& dr = a["drivers"];
  ASSERT_TRUE(dr.is_object()) << a.dump();
  EXPECT_EQ(dr["n"].get<int64_t>(), 40);
  EXPECT_NEAR(dr["r2"].get<double>(), 0.6571220781359006, kAbs);  // R: summary(lm(y ~ X))$r.squared
  const double r[5] = {0.5662273797839508, 0.4958181614756263, 0.5116678652146084, 0.1277668482938508,
                       0.6720492524349684};  // R: as.vector(rxy)
  const double eps[5] = {0.16220045071301142, 0.11569879754487988, 0.11917374341524986, 0.008402462866673217,
                         0.25164662359608586};  // R: as.vector(eps)
  for (size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(dr["items"][i]["r"].get<double>(), r[i], kAbs);
    EXPECT_NEAR(dr["items"][i]["relative_weight"].get<double>(), eps[i], kAbs);
  }
  EXPECT_EQ(a, s.analysis(id, true));

  // NPS: 52 promoters, 30 passives, 18 detractors. R: nps(52, 30, 18) (reference.R).
  int64_t nid = s.survey({{"elements", {{{"type", "rating"}, {"name", "nps"}, {"rateMin", 0}, {"rateMax", 10}, {"role", "nps"}}}}});
  for (int i = 0; i < 100; ++i) s.answer(nid, {{"nps", i < 52 ? 9 + i % 2 : i < 82 ? 7 + i % 2 : i % 7}});
  json n = s.analysis(nid)["nps"];
  EXPECT_NEAR(n["value"].get<double>(), 34.0, kAbs);
  EXPECT_NEAR(n["ci95"][0].get<double>(), 19.01684767876384, kAbs);
  EXPECT_NEAR(n["ci95"][1].get<double>(), 48.98315232123616, kAbs);
  EXPECT_EQ(n["promoters"].get<int64_t>(), 52);
  EXPECT_EQ(n["detractors"].get<int64_t>(), 18);
}
