// Survey statistics (PRODUCT.md S4) as pure functions over counts and sufficient statistics.
// Nothing here does I/O or knows about surveys: the callers (service/survey_analysis) turn
// responses into counts and Moments, and these functions turn those into figures.
//
// Every function is checked against an independent reference (R's stats and psych packages;
// the R commands sit next to the expected values in tests/unit/stats/).
//
// Sufficient statistics: servq stores, per cell (survey × unit × day × ...), the count, the sums
// and the cross-product sums of the scored answers. Scores are whole numbers (rating points,
// reverse-keyed items as min+max−x, dimension sums), so the sums are exact in double precision
// and cells merge by plain addition; means, covariances, alpha and regressions then follow
// exactly without re-reading responses.
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace servq::stats {

struct Interval {
  double lo = 0;
  double hi = 0;
};

// ---- distributions (Boost.Math) ----
// Arguments outside the domain (level ∉ (0, 1), df ≤ 0, NaN) give NaN; nothing here throws.
// Two-sided critical value of the standard normal for confidence `level` (0.95 → 1.959963984540054).
// R: qnorm((1 + level)/2).
double normal_critical(double level = 0.95);
// Two-sided critical value of Student's t with `df` degrees of freedom (qt(0.975, df) for 0.95;
// df = +∞ gives the normal value). R: qt((1 + level)/2, df).
double t_critical(double df, double level = 0.95);
// Upper-tail helpers for p-values: two-sided p of a z statistic, of a t statistic with df.
// R: 2*pnorm(-abs(z)), 2*pt(-abs(t), df).
double two_sided_p_normal(double z);
double two_sided_p_t(double t, double df);

// ---- proportions ----
// Wilson score interval for `successes` out of `n` (n > 0). R: prop.test(x, n, correct=FALSE)$conf.int.
// With p̂ = x/n and z = normal_critical(level): (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²))/(1 + z²/n); the
// ends are exactly 0 for x = 0 and 1 for x = n. n ≤ 0 or x ∉ [0, n] → {NaN, NaN}.
Interval wilson(double successes, double n, double level = 0.95);

// Net Promoter Score from the counts of promoters (9–10), passives (7–8) and detractors (0–6).
// value = 100·(pP − pD) in −100..100. Interval: normal approximation with the trinomial
// variance (pP + pD − (pP − pD)²)/n, times 100, clamped to [−100, 100]. n = 0 → value 0, ci {0,0}.
struct Nps {
  double value = 0;
  Interval ci;
  double n = 0;
};
Nps nps(double promoters, double passives, double detractors, double level = 0.95);

// ---- one variable ----
// From n, Σx and Σx²: mean, sample sd (n − 1), t interval for the mean. n < 2 → sd and the
// interval are NaN (the caller prints null); n = 0 → the mean is NaN too.
// sd² = (nΣx² − (Σx)²)/(n(n − 1)); ci = mean ± t_critical(n − 1, level)·sd/√n.
// R: mean(x), sd(x), t.test(x, conf.level = level)$conf.int.
struct MeanSummary {
  double n = 0;
  double mean = 0;
  double sd = 0;
  Interval ci;
};
MeanSummary mean_summary(double n, double sum, double sum_squares, double level = 0.95);

// ---- several variables ----
// Count, sums and cross-product sums of k variables over complete observations. Merges by
// addition. Stored as doubles: [n, Σx_0..Σx_{k−1}, Σx_i·x_j for i ≤ j in row-major upper order].
// Centred quantities are computed as (nΣxy − ΣxΣy)/…, exact for whole-number scores. mean() is
// NaN for n = 0, covariance() for n < 2, correlation() also when either variable is constant.
// Mismatched sizes (add, merge, write, read, add_serialized) throw std::invalid_argument, an
// out-of-range index in select() std::out_of_range.
class Moments {
 public:
  Moments() = default;
  explicit Moments(size_t k);
  size_t dim() const { return k_; }
  double n() const { return n_; }
  void add(std::span<const double> x);  // one observation, x.size() == dim()
  void merge(const Moments& other);     // other.dim() == dim()
  double sum(size_t i) const { return sums_[i]; }
  double cross(size_t i, size_t j) const;  // Σ x_i·x_j (symmetric)
  double mean(size_t i) const;
  double covariance(size_t i, size_t j) const;   // sample covariance (n − 1); R: cov()
  double correlation(size_t i, size_t j) const;  // Pearson r; R: cor()
  // The moments of a subset of the variables, in the given order.
  Moments select(std::span<const size_t> vars) const;
  // Serialisation for storage: size() doubles, see above.
  static size_t serialized_size(size_t k) { return 1 + k + k * (k + 1) / 2; }
  void write(std::span<double> out) const;  // out.size() == serialized_size(dim())
  static Moments read(std::span<const double> in, size_t k);
  // Adds a serialised block to another serialised block of the same k (cells merge this way).
  static void add_serialized(std::span<double> into, std::span<const double> from);

 private:
  size_t k_ = 0;
  double n_ = 0;
  std::vector<double> sums_;
  std::vector<double> cross_;  // upper triangle, row-major, i ≤ j
  size_t index(size_t i, size_t j) const;
};

// ---- reliability (psych::alpha with check.keys = FALSE on complete data) ----
// Reverse-keyed items must already be reversed (min + max − x) in the moments.
struct ItemReliability {
  double r_drop = 0;            // corrected item–total correlation: r(item, sum of the other items)
  double alpha_if_deleted = 0;  // raw alpha of the other items ("alpha.drop$raw_alpha"); with two
                                // items psych reports C_ij/C_jj (j the remaining item), and so do we
};
struct Reliability {
  double alpha = 0;      // raw alpha: k/(k−1)·(1 − tr(C)/ΣC), C the covariance matrix
  double std_alpha = 0;  // the same on the correlation matrix: k/(k−1)·(1 − k/ΣR)
  std::vector<ItemReliability> items;
};
// Needs dim() ≥ 2 and n() ≥ 2; otherwise std::nullopt. Items with zero variance give NaN
// correlations (r_drop, std_alpha; the caller prints null); a zero total variance gives NaN alpha.
std::optional<Reliability> cronbach(const Moments& m);

// ---- key drivers ----
// Johnson's (2000) relative weights of predictors x_0..x_{p−1} for the outcome y, from their
// moments (the last variable of `m` is y). With R_xx = V D Vᵀ, L = R_xx^{1/2} = V D^{1/2} Vᵀ,
// β = L⁻¹ r_xy and ε_j = Σ_k L_jk² β_k²; Σ ε_j = βᵀβ = R² of the regression of y on all x.
// Eigen's SelfAdjointEigenSolver does the decomposition. nullopt when there is no predictor,
// n < p + 2, a variable has zero variance, or R_xx is singular (smallest eigenvalue ≤ 1e-10·p).
struct Drivers {
  double r2 = 0;
  std::vector<double> r;                 // Pearson r of each x with y
  std::vector<double> relative_weights;  // sum to r2
};
std::optional<Drivers> relative_weights(const Moments& m);

// ---- comparing two periods ----
// Two-proportion z-test with the pooled proportion (R: prop.test(c(x1,x2), c(n1,n2),
// correct=FALSE); its X-squared = z²). diff = p1 − p2, z = diff/√(p̂(1−p̂)(1/n1 + 1/n2)), df = 0.
// nullopt when a group is empty, a count lies outside [0, n], or the pooled p̂ is 0 or 1.
struct Comparison {
  double diff = 0;
  double statistic = 0;  // z or t
  double df = 0;         // Welch only
  double p_value = 1;
};
std::optional<Comparison> two_proportion_z(double x1, double n1, double x2, double n2);
// Welch's t-test from summaries (R: t.test(a, b) with var.equal = FALSE). diff = mean1 − mean2,
// t = diff/√(s1²/n1 + s2²/n2), Welch–Satterthwaite df. Uses n, mean and sd of each summary.
// nullopt when a group has n < 2 or both are (essentially) constant, where R's t.test stops.
std::optional<Comparison> welch_t(const MeanSummary& a, const MeanSummary& b);

}  // namespace servq::stats
