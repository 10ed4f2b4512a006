// Unit tests of src/stats against values computed independently in R (r-base-core 4.2, psych 2.2.9).
// Every expected value carries the R expression that produced it; tests/unit/stats/reference.R
// evaluates all of them on the same literal data (`Rscript tests/unit/stats/reference.R`).
#include "stats/stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace st = servq::stats;

namespace {

// |actual − expected| ≤ tol·max(1, |expected|): relative for large values, absolute near zero.
void ExpectClose(double actual, double expected, double tol = 1e-9) {
  EXPECT_NEAR(actual, expected, tol * std::max(1.0, std::fabs(expected))) << "expected " << expected;
}
void ExpectRelative(double actual, double expected, double tol = 1e-9) {
  EXPECT_NEAR(actual, expected, tol * std::fabs(expected)) << "expected " << expected;
}
constexpr double kAbs = 1e-9;

// ---- data, identical to tests/unit/stats/reference.R ----

// R: a, b (two samples of 1..5 ratings).
const std::vector<double> kA = {4, 2, 4, 2, 4, 3, 3, 1, 4, 4, 4, 2, 5, 5, 4, 4, 3, 2, 5, 4, 3, 3, 5};
const std::vector<double> kB = {4, 5, 4, 3, 4, 5, 3, 1, 3, 3, 3, 4, 4, 2, 4, 3,
                                5, 2, 5, 1, 2, 3, 5, 4, 2, 5, 1, 3, 5, 1, 2};

// R: D. 40 respondents: five driver scores (sums of 2, 3, 2, 3, 2 Likert items), then the
// overall rating 1..5 (the outcome y, last column).
const std::vector<std::array<double, 6>> kDrivers = {
    // clang-format off
    {3, 3, 2, 7, 5, 3},
    {2, 8, 3, 9, 2, 1},
    {2, 12, 4, 12, 4, 1},
    {3, 6, 8, 9, 4, 2},
    {6, 4, 7, 6, 7, 3},
    {6, 10, 7, 11, 9, 5},
    {9, 8, 7, 8, 5, 3},
    {5, 5, 8, 11, 5, 3},
    {4, 8, 4, 4, 4, 3},
    {3, 12, 5, 13, 3, 2},
    {8, 12, 8, 13, 5, 5},
    {5, 11, 6, 9, 5, 3},
    {6, 10, 8, 4, 4, 3},
    {4, 5, 4, 11, 3, 1},
    {5, 7, 8, 8, 4, 2},
    {4, 7, 6, 10, 5, 3},
    {6, 5, 7, 4, 7, 3},
    {6, 7, 6, 10, 4, 2},
    {7, 10, 9, 11, 5, 3},
    {6, 12, 9, 4, 4, 3},
    {7, 3, 5, 7, 4, 2},
    {7, 3, 2, 7, 4, 1},
    {9, 9, 7, 14, 7, 4},
    {4, 8, 2, 7, 3, 2},
    {7, 8, 3, 7, 7, 2},
    {6, 13, 7, 7, 6, 3},
    {5, 8, 3, 4, 6, 3},
    {4, 6, 5, 8, 5, 2},
    {6, 8, 5, 14, 4, 3},
    {6, 13, 6, 12, 7, 3},
    {6, 11, 2, 4, 4, 2},
    {6, 14, 9, 7, 10, 4},
    {6, 4, 4, 10, 5, 2},
    {5, 9, 5, 7, 5, 3},
    {8, 15, 6, 14, 5, 4},
    {7, 14, 7, 5, 8, 4},
    {6, 8, 3, 11, 5, 2},
    {4, 5, 5, 6, 2, 1},
    {10, 12, 5, 9, 6, 4},
    {3, 7, 7, 9, 6, 2},
    // clang-format on
};

// R: raw. 30 respondents × 5 items (1..5); item 4 (index 3) is reverse-keyed in this raw form.
const std::vector<std::array<double, 5>> kLikert = {
    // clang-format off
    {1, 2, 3, 4, 1},
    {3, 2, 1, 3, 3},
    {3, 2, 2, 4, 3},
    {4, 3, 3, 4, 3},
    {2, 4, 2, 3, 4},
    {4, 3, 4, 3, 3},
    {4, 5, 3, 1, 4},
    {4, 4, 4, 1, 4},
    {4, 3, 3, 4, 2},
    {1, 2, 1, 3, 1},
    {3, 2, 3, 2, 4},
    {2, 3, 3, 3, 1},
    {3, 5, 3, 2, 5},
    {2, 2, 2, 5, 2},
    {2, 3, 3, 1, 3},
    {2, 3, 3, 4, 2},
    {3, 2, 4, 3, 2},
    {3, 4, 3, 3, 3},
    {2, 2, 4, 2, 4},
    {3, 2, 2, 4, 3},
    {4, 3, 4, 2, 5},
    {3, 2, 2, 4, 3},
    {5, 2, 4, 3, 2},
    {2, 3, 3, 4, 2},
    {2, 2, 4, 2, 2},
    {2, 2, 1, 4, 1},
    {2, 3, 2, 5, 3},
    {4, 3, 2, 3, 3},
    {4, 4, 3, 3, 3},
    {1, 3, 3, 3, 2},
    // clang-format on
};

struct Summary {
  double n = 0, sum = 0, sum_squares = 0;
};
Summary Summarise(const std::vector<double>& x) {
  Summary s;
  for (double v : x) {
    s.n += 1;
    s.sum += v;
    s.sum_squares += v * v;
  }
  return s;
}

template <size_t K>
st::Moments MomentsOf(const std::vector<std::array<double, K>>& rows, size_t from = 0, size_t to = SIZE_MAX) {
  st::Moments m(K);
  for (size_t i = from; i < std::min(to, rows.size()); ++i) m.add(rows[i]);
  return m;
}

// R: d <- raw; d[, 4] <- 6 - d[, 4]. Reverse-keying is the caller's job (min + max − x).
st::Moments ReversedLikertMoments() {
  st::Moments m(5);
  for (auto row : kLikert) {
    row[3] = 6 - row[3];
    m.add(row);
  }
  return m;
}

}  // namespace

// ---------------------------------------------------------------- distributions

TEST(StatsDistributions, NormalCritical) {
  ExpectRelative(st::normal_critical(), 1.9599639845400536);      // R: qnorm(0.975)
  ExpectRelative(st::normal_critical(0.95), 1.9599639845400536);  // R: qnorm(0.975)
  ExpectRelative(st::normal_critical(0.90), 1.6448536269514715);  // R: qnorm(0.95)
  ExpectRelative(st::normal_critical(0.99), 2.5758293035489);     // R: qnorm(0.995)
}

TEST(StatsDistributions, TCritical) {
  ExpectRelative(st::t_critical(1), 12.706204736174694);         // R: qt(0.975, 1)
  ExpectRelative(st::t_critical(5), 2.5705818356363137);         // R: qt(0.975, 5)
  ExpectRelative(st::t_critical(29), 2.0452296421327034);        // R: qt(0.975, 29)
  ExpectRelative(st::t_critical(12.5), 2.169185942712541);       // R: qt(0.975, 12.5)
  ExpectRelative(st::t_critical(10, 0.90), 1.8124611228116756);  // R: qt(0.95, 10)
  ExpectRelative(st::t_critical(INFINITY), 1.9599639845400536);  // R: qt(0.975, Inf)
}

TEST(StatsDistributions, TwoSidedPValues) {
  ExpectRelative(st::two_sided_p_normal(1.96), 0.049995790296440856);  // R: 2 * pnorm(-abs(1.96))
  ExpectRelative(st::two_sided_p_normal(-2.5), 0.01241933065155227);   // R: 2 * pnorm(-abs(-2.5))
  ExpectRelative(st::two_sided_p_normal(0), 1.0);                      // R: 2 * pnorm(-abs(0))
  ExpectRelative(st::two_sided_p_normal(6), 1.973175290075396e-09);    // R: 2 * pnorm(-abs(6))
  ExpectRelative(st::two_sided_p_t(2.1, 7), 0.0738711962129226);       // R: 2 * pt(-abs(2.1), 7)
  ExpectRelative(st::two_sided_p_t(-0.7, 30.25), 0.4892761626042563);  // R: 2 * pt(-abs(-0.7), 30.25)
  ExpectRelative(st::two_sided_p_t(4, 3), 0.02800845601014617);        // R: 2 * pt(-abs(4), 3)
}

TEST(StatsDistributions, OutOfDomainGivesNaNNotAnException) {
  EXPECT_TRUE(std::isnan(st::normal_critical(0)));
  EXPECT_TRUE(std::isnan(st::normal_critical(1)));
  EXPECT_TRUE(std::isnan(st::normal_critical(NAN)));
  EXPECT_TRUE(std::isnan(st::t_critical(0)));
  EXPECT_TRUE(std::isnan(st::t_critical(-3)));
  EXPECT_TRUE(std::isnan(st::t_critical(NAN)));
  EXPECT_TRUE(std::isnan(st::t_critical(10, 1.5)));
  EXPECT_TRUE(std::isnan(st::two_sided_p_normal(NAN)));
  EXPECT_TRUE(std::isnan(st::two_sided_p_t(1, 0)));
  EXPECT_TRUE(std::isnan(st::two_sided_p_t(NAN, 5)));
  EXPECT_EQ(st::two_sided_p_normal(INFINITY), 0);
  EXPECT_EQ(st::two_sided_p_t(-INFINITY, 4), 0);
}

// ---------------------------------------------------------------- proportions

TEST(StatsWilson, MatchesPropTestWithoutContinuityCorrection) {
  // R: prop.test(7, 20, correct = FALSE)$conf.int
  auto ci = st::wilson(7, 20);
  ExpectClose(ci.lo, 0.18119182410108206);
  ExpectClose(ci.hi, 0.5671457233147637);
  // R: prop.test(1, 1000, correct = FALSE)$conf.int
  ci = st::wilson(1, 1000);
  ExpectRelative(ci.lo, 0.00017654637062607817);
  ExpectRelative(ci.hi, 0.005642558597957934);
  // R: prop.test(45, 60, correct = FALSE, conf.level = 0.9)$conf.int
  ci = st::wilson(45, 60, 0.90);
  ExpectClose(ci.lo, 0.648624241268694);
  ExpectClose(ci.hi, 0.829802359434671);
}

TEST(StatsWilson, AllOrNothingEndsExactlyAtZeroAndOne) {
  // R: prop.test(0, 12, correct = FALSE)$conf.int
  auto ci = st::wilson(0, 12);
  EXPECT_EQ(ci.lo, 0.0);
  ExpectClose(ci.hi, 0.2424940066552408);
  // R: prop.test(12, 12, correct = FALSE)$conf.int
  ci = st::wilson(12, 12);
  ExpectClose(ci.lo, 0.7575059933447592);
  EXPECT_EQ(ci.hi, 1.0);
}

TEST(StatsWilson, EmptyOrInvalidCountsGiveNaN) {
  for (auto ci : {st::wilson(0, 0), st::wilson(3, 2), st::wilson(-1, 5)}) {
    EXPECT_TRUE(std::isnan(ci.lo));
    EXPECT_TRUE(std::isnan(ci.hi));
  }
}

// R (reference.R): nps(P, A, D, level) computes value = 100*(pP - pD),
// se = sqrt((pP + pD - (pP - pD)^2)/n), ci = value -/+ qnorm((1 + level)/2)*100*se clamped to ±100.
TEST(StatsNps, ValueAndNormalInterval) {
  auto r = st::nps(52, 30, 18);
  EXPECT_EQ(r.n, 100);
  EXPECT_NEAR(r.value, 34.0, kAbs);               // R: nps(52, 30, 18)[1]
  EXPECT_NEAR(r.ci.lo, 19.01684767876384, kAbs);  // R: nps(52, 30, 18)[2]
  EXPECT_NEAR(r.ci.hi, 48.98315232123616, kAbs);  // R: nps(52, 30, 18)[3]
  r = st::nps(52, 30, 18, 0.90);
  EXPECT_NEAR(r.value, 34.0, kAbs);                // R: nps(52, 30, 18, level = 0.9)[1]
  EXPECT_NEAR(r.ci.lo, 21.425742190596864, kAbs);  // R: nps(52, 30, 18, level = 0.9)[2]
  EXPECT_NEAR(r.ci.hi, 46.574257809403136, kAbs);  // R: nps(52, 30, 18, level = 0.9)[3]
}

TEST(StatsNps, IntervalIsClampedToPlusMinus100) {
  auto r = st::nps(4, 0, 1);
  EXPECT_NEAR(r.value, 60.00000000000001, kAbs);    // R: nps(4, 0, 1)[1]
  EXPECT_NEAR(r.ci.lo, -10.121803246126497, kAbs);  // R: nps(4, 0, 1)[2]
  EXPECT_EQ(r.ci.hi, 100.0);                        // R: nps(4, 0, 1)[3] (clamped)
  r = st::nps(1, 0, 4);
  EXPECT_NEAR(r.value, -60.00000000000001, kAbs);  // R: nps(1, 0, 4)[1]
  EXPECT_EQ(r.ci.lo, -100.0);                      // R: nps(1, 0, 4)[2] (clamped)
  EXPECT_NEAR(r.ci.hi, 10.121803246126497, kAbs);  // R: nps(1, 0, 4)[3]
}

TEST(StatsNps, DegenerateCounts) {
  auto r = st::nps(5, 0, 0);  // R: nps(5, 0, 0) = 100 100 100
  EXPECT_EQ(r.value, 100.0);
  EXPECT_EQ(r.ci.lo, 100.0);
  EXPECT_EQ(r.ci.hi, 100.0);
  r = st::nps(0, 10, 0);  // R: nps(0, 10, 0) = 0 0 0
  EXPECT_EQ(r.value, 0.0);
  EXPECT_EQ(r.ci.lo, 0.0);
  EXPECT_EQ(r.ci.hi, 0.0);
  r = st::nps(0, 0, 0);  // R: nps(0, 0, 0) = 0 0 0 (n = 0 by definition in stats.h)
  EXPECT_EQ(r.n, 0.0);
  EXPECT_EQ(r.value, 0.0);
  EXPECT_EQ(r.ci.lo, 0.0);
  EXPECT_EQ(r.ci.hi, 0.0);
}

// ---------------------------------------------------------------- one variable

TEST(StatsMeanSummary, MatchesMeanSdAndTTest) {
  const Summary s = Summarise(kA);
  // R: c(length(a), sum(a), sum(a^2))
  ASSERT_EQ(s.n, 23.0);
  ASSERT_EQ(s.sum, 80.0);
  ASSERT_EQ(s.sum_squares, 306.0);
  auto m = st::mean_summary(s.n, s.sum, s.sum_squares);
  EXPECT_EQ(m.n, 23);
  ExpectRelative(m.mean, 3.4782608695652173);   // R: mean(a)
  ExpectRelative(m.sd, 1.122884484360431);      // R: sd(a)
  ExpectRelative(m.ci.lo, 2.9926892060982246);  // R: t.test(a)$conf.int[1]
  ExpectRelative(m.ci.hi, 3.9638325330322095);  // R: t.test(a)$conf.int[2]
  m = st::mean_summary(s.n, s.sum, s.sum_squares, 0.99);
  ExpectRelative(m.ci.lo, 2.8182840896764785);  // R: t.test(a, conf.level = 0.99)$conf.int[1]
  ExpectRelative(m.ci.hi, 4.138237649453956);   // R: t.test(a, conf.level = 0.99)$conf.int[2]

  const Summary sb = Summarise(kB);
  m = st::mean_summary(sb.n, sb.sum, sb.sum_squares);
  ExpectRelative(m.mean, 3.2580645161290325);   // R: mean(b)
  ExpectRelative(m.sd, 1.3408390889161874);     // R: sd(b)
  ExpectRelative(m.ci.lo, 2.766240767640922);   // R: t.test(b)$conf.int[1]
  ExpectRelative(m.ci.hi, 3.7498882646171423);  // R: t.test(b)$conf.int[2]
}

TEST(StatsMeanSummary, FewerThanTwoObservations) {
  auto m = st::mean_summary(1, 4, 16);
  EXPECT_EQ(m.mean, 4.0);
  EXPECT_TRUE(std::isnan(m.sd));
  EXPECT_TRUE(std::isnan(m.ci.lo));
  EXPECT_TRUE(std::isnan(m.ci.hi));
  m = st::mean_summary(0, 0, 0);
  EXPECT_EQ(m.n, 0.0);
  EXPECT_TRUE(std::isnan(m.mean));
  EXPECT_TRUE(std::isnan(m.sd));
  EXPECT_TRUE(std::isnan(m.ci.lo));
  EXPECT_TRUE(std::isnan(m.ci.hi));
}

TEST(StatsMeanSummary, ConstantDataHasZeroSdAndAPointInterval) {
  // R: sd(c(3, 3, 3, 3, 3)) = 0; the interval collapses onto the mean.
  auto m = st::mean_summary(5, 15, 45);
  EXPECT_EQ(m.mean, 3.0);
  EXPECT_EQ(m.sd, 0.0);
  EXPECT_EQ(m.ci.lo, 3.0);
  EXPECT_EQ(m.ci.hi, 3.0);
}

// ---------------------------------------------------------------- Moments

TEST(StatsMoments, MeansCovariancesAndCorrelationsMatchR) {
  const st::Moments m = MomentsOf(kDrivers);
  ASSERT_EQ(m.dim(), 6u);
  EXPECT_EQ(m.n(), 40);
  // R: colMeans(D)
  const double means[6] = {5.55, 8.5, 5.6, 8.575, 5.075, 2.675};
  // R: cov(D)
  const double cov[6][6] = {
      {3.4846153846153847, 1.5897435897435896, 1.0461538461538462, 0.4705128205128205, 1.3423076923076922,
       1.0807692307692307},
      {1.5897435897435896, 10.974358974358974, 2.1794871794871793, 1.8846153846153846, 1.7564102564102564,
       1.6794871794871795},
      {1.0461538461538462, 2.1794871794871793, 4.4, 0.6717948717948717, 1.3384615384615384, 1.0974358974358975},
      {0.4705128205128205, 1.8846153846153846, 0.6717948717948717, 9.225, -0.17243589743589743, 0.3967948717948718},
      {1.3423076923076922, 1.7564102564102564, 1.3384615384615384, -0.17243589743589743, 2.942948717948718,
       1.1788461538461539},
      {1.0807692307692307, 1.6794871794871795, 1.0974358974358975, 0.3967948717948718, 1.1788461538461539,
       1.0455128205128206},
  };
  // R: cor(D)
  const double cor[6][6] = {
      {1.0, 0.25707513741755683, 0.26717252380039513, 0.08298714986243225, 0.4191633541509166, 0.5662273797839508},
      {0.25707513741755683, 1.0, 0.3136450222922627, 0.18730525569897583, 0.30906159122615545, 0.4958181614756263},
      {0.26717252380039513, 0.3136450222922627, 1.0, 0.10544528346083666, 0.371953123886822, 0.5116678652146084},
      {0.08298714986243225, 0.18730525569897583, 0.10544528346083666, 1.0, -0.03309429600414106, 0.1277668482938508},
      {0.4191633541509166, 0.30906159122615545, 0.371953123886822, -0.03309429600414106, 1.0, 0.6720492524349684},
      {0.5662273797839508, 0.4958181614756263, 0.5116678652146084, 0.1277668482938508, 0.6720492524349684, 1.0},
  };
  for (size_t i = 0; i < 6; ++i) {
    ExpectRelative(m.mean(i), means[i]);
    for (size_t j = 0; j < 6; ++j) {
      SCOPED_TRACE(testing::Message() << "i=" << i << " j=" << j);
      ExpectClose(m.covariance(i, j), cov[i][j]);
      EXPECT_NEAR(m.correlation(i, j), cor[i][j], kAbs);
      EXPECT_EQ(m.cross(i, j), m.cross(j, i));
    }
  }
}

TEST(StatsMoments, MergingTwoHalvesEqualsAddingAll) {
  const st::Moments all = MomentsOf(kDrivers);
  st::Moments first = MomentsOf(kDrivers, 0, 17);
  const st::Moments second = MomentsOf(kDrivers, 17);
  ExpectClose(first.covariance(1, 3), 3.8933823529411766);  // R: cov(half1)[2, 4], half1 <- D[1:17, ]
  first.merge(second);
  EXPECT_EQ(first.n(), all.n());
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(first.sum(i), all.sum(i));  // whole-number scores: sums are exact
    for (size_t j = 0; j < 6; ++j) EXPECT_EQ(first.cross(i, j), all.cross(i, j));
  }
  // Merging an empty block changes nothing.
  first.merge(st::Moments(6));
  EXPECT_EQ(first.n(), all.n());
  EXPECT_EQ(first.covariance(2, 5), all.covariance(2, 5));
}

TEST(StatsMoments, SelectReordersVariables) {
  const st::Moments all = MomentsOf(kDrivers);
  const std::vector<size_t> vars = {5, 1, 3};
  const st::Moments s = all.select(vars);
  ASSERT_EQ(s.dim(), 3u);
  EXPECT_EQ(s.n(), all.n());
  // R: cov(D[, c(6, 2, 4)])
  const double cov[3][3] = {
      {1.0455128205128206, 1.6794871794871795, 0.3967948717948718},
      {1.6794871794871795, 10.974358974358974, 1.8846153846153846},
      {0.3967948717948718, 1.8846153846153846, 9.225},
  };
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(s.sum(i), all.sum(vars[i]));
    for (size_t j = 0; j < 3; ++j) ExpectClose(s.covariance(i, j), cov[i][j]);
  }
}

TEST(StatsMoments, SerialisedLayoutIsCountSumsThenUpperTriangle) {
  st::Moments m(3);
  const double x[3] = {1, 2, 3};
  const double y[3] = {4, 5, 6};
  m.add(x);
  m.add(y);
  ASSERT_EQ(st::Moments::serialized_size(3), 10u);
  std::vector<double> buf(10);
  m.write(buf);
  // n; Σx0 Σx1 Σx2; Σx0x0 Σx0x1 Σx0x2 Σx1x1 Σx1x2 Σx2x2
  const std::vector<double> expected = {2, 5, 7, 9, 17, 22, 27, 29, 36, 45};
  EXPECT_EQ(buf, expected);
}

TEST(StatsMoments, WriteReadAndAddSerializedRoundTrip) {
  const st::Moments all = MomentsOf(kDrivers);
  const size_t size = st::Moments::serialized_size(6);
  std::vector<double> a(size), b(size), whole(size);
  MomentsOf(kDrivers, 0, 25).write(a);
  MomentsOf(kDrivers, 25).write(b);
  all.write(whole);
  st::Moments::add_serialized(a, b);
  EXPECT_EQ(a, whole);
  const st::Moments back = st::Moments::read(a, 6);
  ASSERT_EQ(back.dim(), 6u);
  EXPECT_EQ(back.n(), 40);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(back.sum(i), all.sum(i));
    for (size_t j = 0; j < 6; ++j) EXPECT_EQ(back.covariance(i, j), all.covariance(i, j));
  }
}

TEST(StatsMoments, DegenerateInput) {
  st::Moments m(2);
  EXPECT_EQ(m.n(), 0.0);
  EXPECT_TRUE(std::isnan(m.mean(0)));
  EXPECT_TRUE(std::isnan(m.covariance(0, 1)));
  EXPECT_TRUE(std::isnan(m.correlation(0, 1)));
  const double x[2] = {3, 1};
  m.add(x);
  EXPECT_EQ(m.mean(0), 3.0);
  EXPECT_TRUE(std::isnan(m.covariance(0, 0)));  // n − 1 = 0
  const double y[2] = {3, 4};
  m.add(y);
  EXPECT_EQ(m.covariance(0, 0), 0.0);
  EXPECT_TRUE(std::isnan(m.correlation(0, 1)));  // variable 0 is constant
  EXPECT_TRUE(std::isnan(m.correlation(0, 0)));
  EXPECT_EQ(m.correlation(1, 1), 1.0);
  // Contract violations throw rather than corrupt memory.
  const double three[3] = {1, 2, 3};
  EXPECT_THROW(m.add(three), std::invalid_argument);
  EXPECT_THROW(m.merge(st::Moments(3)), std::invalid_argument);
  std::vector<double> small(3);
  EXPECT_THROW(m.write(small), std::invalid_argument);
  EXPECT_THROW(st::Moments::read(small, 2), std::invalid_argument);
  const std::vector<size_t> bad = {2};
  EXPECT_THROW((void)m.select(bad), std::out_of_range);
  // Default-constructed: zero variables.
  st::Moments none;
  EXPECT_EQ(none.dim(), 0u);
  std::vector<double> one(1);
  none.write(one);
  EXPECT_EQ(one[0], 0.0);
}

// ---------------------------------------------------------------- reliability

TEST(StatsCronbach, FiveItemsMatchPsychAlpha) {
  // R: a5 <- psych::alpha(d, check.keys = FALSE)
  const auto r = st::cronbach(ReversedLikertMoments());
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->alpha, 0.7446001428061406, kAbs);     // R: a5$total$raw_alpha
  EXPECT_NEAR(r->std_alpha, 0.743167675374572, kAbs);  // R: a5$total$std.alpha
  // R: a5$item.stats$r.drop
  const double r_drop[5] = {0.4451195831447647, 0.4887262846425089, 0.43460852561843, 0.560437450317125,
                            0.6202063961668121};
  // R: a5$alpha.drop$raw_alpha
  const double alpha_drop[5] = {0.7240549828178695, 0.7076910428741727, 0.7251405622489959, 0.6793225386190209,
                                0.6540363244725117};
  ASSERT_EQ(r->items.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(r->items[i].r_drop, r_drop[i], kAbs);
    EXPECT_NEAR(r->items[i].alpha_if_deleted, alpha_drop[i], kAbs);
  }
}

TEST(StatsCronbach, ReverseKeyingIsTheCallersJob) {
  // Fed the raw (unreversed) item 4, alpha drops and that item correlates negatively with the rest.
  const auto raw = st::cronbach(MomentsOf(kLikert));
  const auto reversed = st::cronbach(ReversedLikertMoments());
  ASSERT_TRUE(raw && reversed);
  EXPECT_LT(raw->alpha, reversed->alpha);
  EXPECT_LT(raw->items[3].r_drop, 0);
}

TEST(StatsCronbach, ThreeItemsInSelectedOrder) {
  // R: a3 <- psych::alpha(d[, c(5, 1, 3)], check.keys = FALSE)
  const std::vector<size_t> vars = {4, 0, 2};
  const auto r = st::cronbach(ReversedLikertMoments().select(vars));
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->alpha, 0.6227720696162719, kAbs);      // R: a3$total$raw_alpha
  EXPECT_NEAR(r->std_alpha, 0.6204941241431201, kAbs);  // R: a3$total$std.alpha
  // R: a3$item.stats$r.drop
  const double r_drop[3] = {0.44399928437509506, 0.5108661660867893, 0.35051212615491734};
  // R: a3$alpha.drop$raw_alpha
  const double alpha_drop[3] = {0.5077720207253886, 0.40336134453781525, 0.6279771888627976};
  ASSERT_EQ(r->items.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(r->items[i].r_drop, r_drop[i], kAbs);
    EXPECT_NEAR(r->items[i].alpha_if_deleted, alpha_drop[i], kAbs);
  }
}

TEST(StatsCronbach, TwoItemsFollowPsychConventions) {
  // R: a2 <- psych::alpha(d[, 1:2], check.keys = FALSE)
  const std::vector<size_t> vars = {0, 1};
  const auto r = st::cronbach(ReversedLikertMoments().select(vars));
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->alpha, 0.43855641845591586, kAbs);      // R: a2$total$raw_alpha
  EXPECT_NEAR(r->std_alpha, 0.44254718869251364, kAbs);  // R: a2$total$std.alpha
  ASSERT_EQ(r->items.size(), 2u);
  // With two items, r.drop is the inter-item correlation. R: cor(d[, 1], d[, 2])
  EXPECT_NEAR(r->items[0].r_drop, 0.28414805603066345, kAbs);
  EXPECT_NEAR(r->items[0].r_drop, 0.28414805603066356, kAbs);  // R: a2$item.stats$r.drop[1]
  EXPECT_NEAR(r->items[1].r_drop, 0.28414805603066345, kAbs);  // R: a2$item.stats$r.drop[2]
  // psych reports C[1,2]/C[2,2] and C[1,2]/C[1,1] here (one item has no alpha).
  EXPECT_NEAR(r->items[0].alpha_if_deleted, 0.3310344827586207, kAbs);   // R: a2$alpha.drop$raw_alpha[1]
  EXPECT_NEAR(r->items[1].alpha_if_deleted, 0.24390243902439024, kAbs);  // R: a2$alpha.drop$raw_alpha[2]
}

TEST(StatsCronbach, ConstantItemGivesNaNCorrelationsButARawAlpha) {
  st::Moments m(6);
  for (auto row : kLikert) {
    const double x[6] = {row[0], row[1], row[2], 6 - row[3], row[4], 3};
    m.add(x);
  }
  const auto r = st::cronbach(m);
  ASSERT_TRUE(r.has_value());
  // R: C6 <- cov(cbind(d, 3)); 6/5 * (1 - sum(diag(C6))/sum(C6))
  EXPECT_NEAR(r->alpha, 0.714816137093895, kAbs);
  EXPECT_TRUE(std::isnan(r->std_alpha));
  EXPECT_TRUE(std::isnan(r->items[5].r_drop));
  EXPECT_TRUE(std::isfinite(r->items[0].r_drop));
}

TEST(StatsCronbach, NotEnoughItemsOrRespondents) {
  EXPECT_FALSE(st::cronbach(st::Moments()).has_value());
  EXPECT_FALSE(st::cronbach(st::Moments(3)).has_value());  // n = 0
  const std::vector<size_t> one = {0};
  EXPECT_FALSE(st::cronbach(ReversedLikertMoments().select(one)).has_value());  // k = 1
  st::Moments single(5);
  single.add(kLikert[0]);
  EXPECT_FALSE(st::cronbach(single).has_value());  // n = 1
  // Every item constant: nothing is defined, but nothing crashes either.
  st::Moments flat(3);
  const double x[3] = {2, 2, 2};
  flat.add(x);
  flat.add(x);
  const auto r = st::cronbach(flat);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(std::isnan(r->alpha));
  EXPECT_TRUE(std::isnan(r->std_alpha));
  EXPECT_TRUE(std::isnan(r->items[0].r_drop));
  EXPECT_TRUE(std::isnan(r->items[0].alpha_if_deleted));
}

// ---------------------------------------------------------------- key drivers

// R (reference.R, Johnson 2000 by hand): X <- D[, 1:5]; y <- D[, 6]; R <- cor(X); rxy <- cor(X, y);
// e <- eigen(R); L <- e$vectors %*% diag(sqrt(e$values)) %*% t(e$vectors); beta <- solve(L, rxy);
// eps <- (L^2) %*% (beta^2)
TEST(StatsRelativeWeights, MatchJohnsonByHandInR) {
  const auto d = st::relative_weights(MomentsOf(kDrivers));
  ASSERT_TRUE(d.has_value());
  // R: as.vector(rxy)
  const double r[5] = {0.5662273797839508, 0.4958181614756263, 0.5116678652146084, 0.1277668482938508,
                       0.6720492524349684};
  // R: as.vector(eps)
  const double eps[5] = {0.16220045071301142, 0.11569879754487988, 0.11917374341524986, 0.008402462866673217,
                         0.25164662359608586};
  ASSERT_EQ(d->r.size(), 5u);
  ASSERT_EQ(d->relative_weights.size(), 5u);
  double total = 0;
  for (size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(d->r[i], r[i], kAbs);
    EXPECT_NEAR(d->relative_weights[i], eps[i], kAbs);
    total += d->relative_weights[i];
  }
  EXPECT_NEAR(d->r2, 0.6571220781359006, kAbs);  // R: summary(lm(y ~ X))$r.squared
  EXPECT_NEAR(d->r2, 0.6571220781359003, kAbs);  // R: sum(eps)
  EXPECT_NEAR(total, d->r2, 1e-12);
}

TEST(StatsRelativeWeights, SubsetOfDrivers) {
  // R: X3 <- D[, 1:3]; R3 <- cor(X3); r3 <- cor(X3, y); e3 <- eigen(R3);
  //    L3 <- e3$vectors %*% diag(sqrt(e3$values)) %*% t(e3$vectors); eps3 <- (L3^2) %*% (solve(L3, r3)^2)
  const std::vector<size_t> vars = {0, 1, 2, 5};
  const auto d = st::relative_weights(MomentsOf(kDrivers).select(vars));
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->relative_weights.size(), 3u);
  EXPECT_NEAR(d->relative_weights[0], 0.2246562689399732, kAbs);   // R: as.vector(eps3)[1]
  EXPECT_NEAR(d->relative_weights[1], 0.1493323912415118, kAbs);   // R: as.vector(eps3)[2]
  EXPECT_NEAR(d->relative_weights[2], 0.16139997383646684, kAbs);  // R: as.vector(eps3)[3]
  EXPECT_NEAR(d->r2, 0.5353886340179519, kAbs);                    // R: summary(lm(y ~ X3))$r.squared
}

TEST(StatsRelativeWeights, OneDriverGetsItsSquaredCorrelation) {
  const std::vector<size_t> vars = {4, 5};
  const auto d = st::relative_weights(MomentsOf(kDrivers).select(vars));
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->relative_weights.size(), 1u);
  EXPECT_NEAR(d->relative_weights[0], 0.45165019769839987, kAbs);  // R: cor(D[, 5], y)^2
  EXPECT_NEAR(d->r2, 0.45165019769839987, kAbs);                   // R: cor(D[, 5], y)^2
}

TEST(StatsRelativeWeights, SingularOrTooSmallGivesNullopt) {
  // A sixth driver that is the sum of the first two: R_xx is singular.
  st::Moments collinear(7);
  for (const auto& row : kDrivers) {
    const double x[7] = {row[0], row[1], row[2], row[3], row[4], row[0] + row[1], row[5]};
    collinear.add(x);
  }
  EXPECT_FALSE(st::relative_weights(collinear).has_value());
  // n < p + 2: five drivers need at least 7 respondents.
  EXPECT_FALSE(st::relative_weights(MomentsOf(kDrivers, 0, 6)).has_value());
  EXPECT_TRUE(st::relative_weights(MomentsOf(kDrivers, 0, 7)).has_value());
  // A constant driver, a constant outcome, no driver at all.
  st::Moments constant(3);
  for (const auto& row : kDrivers) {
    const double x[3] = {row[0], 4, row[5]};
    constant.add(x);
  }
  EXPECT_FALSE(st::relative_weights(constant).has_value());
  const std::vector<size_t> flat_y = {0, 2, 1};
  EXPECT_FALSE(st::relative_weights(constant.select(flat_y)).has_value());
  const std::vector<size_t> only_y = {5};
  EXPECT_FALSE(st::relative_weights(MomentsOf(kDrivers).select(only_y)).has_value());
  EXPECT_FALSE(st::relative_weights(st::Moments()).has_value());
}

// ---------------------------------------------------------------- comparing two periods

TEST(StatsTwoProportionZ, MatchesPropTest) {
  auto c = st::two_proportion_z(45, 120, 30, 110);
  ASSERT_TRUE(c.has_value());
  EXPECT_NEAR(c->diff, 0.10227272727272729, 1e-15);  // R: 45/120 - 30/110
  // R: sign(45/120 - 30/110) * sqrt(prop.test(c(45, 30), c(120, 110), correct = FALSE)$statistic)
  ExpectRelative(c->statistic, 1.6527769221078203);
  // R: prop.test(c(45, 30), c(120, 110), correct = FALSE)$statistic
  ExpectRelative(c->statistic * c->statistic, 2.7316715542522);
  // R: prop.test(c(45, 30), c(120, 110), correct = FALSE)$p.value
  ExpectRelative(c->p_value, 0.09837627253195226);

  c = st::two_proportion_z(10, 50, 22, 60);
  ASSERT_TRUE(c.has_value());
  EXPECT_NEAR(c->diff, -0.16666666666666663, 1e-15);  // R: 10/50 - 22/60
  // R: sign(10/50 - 22/60) * sqrt(prop.test(c(10, 22), c(50, 60), correct = FALSE)$statistic)
  ExpectRelative(c->statistic, -1.9163879395995833);
  // R: prop.test(c(10, 22), c(50, 60), correct = FALSE)$statistic
  ExpectRelative(c->statistic * c->statistic, 3.672542735042736);
  // R: prop.test(c(10, 22), c(50, 60), correct = FALSE)$p.value
  ExpectRelative(c->p_value, 0.05531573478788006);
}

TEST(StatsTwoProportionZ, UndefinedCasesGiveNullopt) {
  EXPECT_FALSE(st::two_proportion_z(3, 0, 2, 10).has_value());     // empty group
  EXPECT_FALSE(st::two_proportion_z(3, 10, 0, 0).has_value());     // empty group
  EXPECT_FALSE(st::two_proportion_z(0, 10, 0, 20).has_value());    // pooled p = 0
  EXPECT_FALSE(st::two_proportion_z(10, 10, 20, 20).has_value());  // pooled p = 1
  EXPECT_FALSE(st::two_proportion_z(11, 10, 2, 20).has_value());   // x > n
}

TEST(StatsWelchT, MatchesTTest) {
  const Summary sa = Summarise(kA), sb = Summarise(kB);
  const auto ma = st::mean_summary(sa.n, sa.sum, sa.sum_squares);
  const auto mb = st::mean_summary(sb.n, sb.sum, sb.sum_squares);
  // R: w <- t.test(a, b)
  auto c = st::welch_t(ma, mb);
  ASSERT_TRUE(c.has_value());
  ExpectRelative(c->diff, 0.22019635343618482);     // R: mean(a) - mean(b)
  ExpectRelative(c->statistic, 0.655579887091136);  // R: w$statistic
  ExpectRelative(c->df, 51.17179007234569);         // R: w$parameter
  ExpectRelative(c->p_value, 0.5150312049118821);   // R: w$p.value
  // R: w2 <- t.test(b, a)
  c = st::welch_t(mb, ma);
  ASSERT_TRUE(c.has_value());
  ExpectRelative(c->statistic, -0.655579887091136);  // R: w2$statistic
  ExpectRelative(c->p_value, 0.5150312049118821);    // R: w2$p.value
}

TEST(StatsWelchT, UndefinedCasesGiveNullopt) {
  const auto one = st::mean_summary(1, 4, 16);
  const auto some = st::mean_summary(3, 9, 29);
  const auto flat = st::mean_summary(4, 12, 36);
  const auto flat2 = st::mean_summary(5, 10, 20);
  EXPECT_FALSE(st::welch_t(one, some).has_value());
  EXPECT_FALSE(st::welch_t(some, one).has_value());
  EXPECT_FALSE(st::welch_t(flat, flat2).has_value());  // R: t.test stops, "data are essentially constant"
  EXPECT_FALSE(st::welch_t(st::mean_summary(0, 0, 0), some).has_value());
  // One constant group is fine: the other one carries the variance.
  const auto c = st::welch_t(flat, some);
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(std::isfinite(c->statistic));
  EXPECT_NEAR(c->df, 2.0, 1e-12);  // all the variance comes from the 3-observation group
}
