// Survey statistics: see stats.h for the contract of every function and the R reference it is
// checked against (tests/unit/stats/reference.R prints every expected value of the unit tests).
#include "stats/stats.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

// Eigen 3.4's self-adjoint matrix-vector product trips a false -Wmaybe-uninitialized in g++ 12
// when Eigen is included with -I rather than -isystem.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <Eigen/Dense>
#pragma GCC diagnostic pop

namespace servq::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Out-of-domain arguments (df ≤ 0, level outside (0, 1), NaN) give NaN or ±∞ instead of
// throwing: these are pure numeric functions and the callers print null for non-finite figures.
using Policy =
    boost::math::policies::policy<boost::math::policies::domain_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
                                  boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;
using Normal = boost::math::normal_distribution<double, Policy>;
using StudentT = boost::math::students_t_distribution<double, Policy>;

bool valid_level(double level) {
  return level > 0 && level < 1;
}

// n·Σxy − Σx·Σy: n(n−1) times the sample covariance. With whole-number scores every term is an
// integer below 2^53, so the subtraction is exact and the covariance is correctly rounded.
double centered_cross(double n, double sxy, double sx, double sy) {
  return n * sxy - sx * sy;
}

}  // namespace

// ---- distributions ----

// z_{(1+level)/2}: the upper (1 − level)/2 quantile of N(0, 1). R: qnorm((1 + level)/2).
double normal_critical(double level) {
  if (!valid_level(level)) return kNaN;
  return boost::math::quantile(boost::math::complement(Normal(), (1 - level) / 2));
}

// t_{(1+level)/2, df}. R: qt((1 + level)/2, df). df = +∞ gives the normal value.
double t_critical(double df, double level) {
  if (!valid_level(level) || !(df > 0)) return kNaN;
  return boost::math::quantile(boost::math::complement(StudentT(df), (1 - level) / 2));
}

// 2·P(Z > |z|). R: 2*pnorm(-abs(z)).
double two_sided_p_normal(double z) {
  if (std::isnan(z)) return kNaN;
  if (std::isinf(z)) return 0;
  return 2 * boost::math::cdf(boost::math::complement(Normal(), std::fabs(z)));
}

// 2·P(T_df > |t|). R: 2*pt(-abs(t), df).
double two_sided_p_t(double t, double df) {
  if (std::isnan(t) || !(df > 0)) return kNaN;
  if (std::isinf(t)) return 0;
  return 2 * boost::math::cdf(boost::math::complement(StudentT(df), std::fabs(t)));
}

// ---- proportions ----

// Wilson (1927) score interval, p̂ = x/n, z = normal_critical(level):
//   (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n),
// with the lower end 0 when x = 0 and the upper end 1 when x = n, exactly as R's prop.test
// (correct = FALSE) computes it. n ≤ 0 or x outside [0, n] → {NaN, NaN}.
Interval wilson(double successes, double n, double level) {
  if (!(n > 0) || !(successes >= 0) || !(successes <= n)) return {kNaN, kNaN};
  const double z = normal_critical(level);
  const double p = successes / n;
  const double z22n = z * z / (2 * n);
  const double half = z * std::sqrt(p * (1 - p) / n + z22n / (2 * n));
  Interval ci;
  ci.lo = p <= 0 ? 0 : (p + z22n - half) / (1 + 2 * z22n);
  ci.hi = p >= 1 ? 1 : (p + z22n + half) / (1 + 2 * z22n);
  return ci;
}

// value = 100(pP − pD); se = √((pP + pD − (pP − pD)²)/n) is the standard error of pP − pD under
// the trinomial model; ci = value ± z·100·se, clamped to [−100, 100].
Nps nps(double promoters, double passives, double detractors, double level) {
  Nps r;
  r.n = promoters + passives + detractors;
  if (!(r.n > 0)) {
    r.n = 0;
    return r;
  }
  const double pp = promoters / r.n;
  const double pd = detractors / r.n;
  const double d = pp - pd;
  r.value = 100 * d;
  const double se = std::sqrt(std::max(0.0, (pp + pd - d * d) / r.n));
  const double half = normal_critical(level) * 100 * se;
  r.ci.lo = std::clamp(r.value - half, -100.0, 100.0);
  r.ci.hi = std::clamp(r.value + half, -100.0, 100.0);
  return r;
}

// ---- one variable ----

// mean = Σx/n; sd² = (nΣx² − (Σx)²)/(n(n − 1)); ci = mean ± t_{(1+level)/2, n−1}·sd/√n.
// R: mean(x), sd(x), t.test(x, conf.level = level)$conf.int. n = 0 → mean NaN as well.
MeanSummary mean_summary(double n, double sum, double sum_squares, double level) {
  MeanSummary r;
  r.n = n;
  r.mean = n > 0 ? sum / n : kNaN;
  if (!(n >= 2)) {
    r.sd = kNaN;
    r.ci = {kNaN, kNaN};
    return r;
  }
  const double var = std::max(0.0, centered_cross(n, sum_squares, sum, sum) / (n * (n - 1)));
  r.sd = std::sqrt(var);
  const double half = t_critical(n - 1, level) * r.sd / std::sqrt(n);
  r.ci = {r.mean - half, r.mean + half};
  return r;
}

// ---- Moments ----

Moments::Moments(size_t k) : k_(k), sums_(k, 0.0), cross_(k * (k + 1) / 2, 0.0) {}

size_t Moments::index(size_t i, size_t j) const {
  if (i > j) std::swap(i, j);
  // Row i of the upper triangle starts after rows 0..i−1, which hold k, k−1, ..., k−i+1 entries.
  return i * k_ - i * (i - 1) / 2 + (j - i);
}

void Moments::add(std::span<const double> x) {
  if (x.size() != k_) throw std::invalid_argument("Moments::add: observation size differs from dim()");
  n_ += 1;
  size_t c = 0;
  for (size_t i = 0; i < k_; ++i) {
    sums_[i] += x[i];
    for (size_t j = i; j < k_; ++j) cross_[c++] += x[i] * x[j];
  }
}

void Moments::merge(const Moments& other) {
  if (other.k_ != k_) throw std::invalid_argument("Moments::merge: dimensions differ");
  n_ += other.n_;
  for (size_t i = 0; i < sums_.size(); ++i) sums_[i] += other.sums_[i];
  for (size_t i = 0; i < cross_.size(); ++i) cross_[i] += other.cross_[i];
}

double Moments::cross(size_t i, size_t j) const {
  return cross_[index(i, j)];
}

double Moments::mean(size_t i) const {
  return n_ > 0 ? sums_[i] / n_ : kNaN;
}

// (nΣx_i x_j − Σx_i Σx_j) / (n(n − 1)). R: cov(). n < 2 → NaN.
double Moments::covariance(size_t i, size_t j) const {
  if (!(n_ >= 2)) return kNaN;
  return centered_cross(n_, cross(i, j), sums_[i], sums_[j]) / (n_ * (n_ - 1));
}

// (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)). R: cor(). Zero variance or n < 2 → NaN.
double Moments::correlation(size_t i, size_t j) const {
  if (!(n_ >= 2)) return kNaN;
  const double sxx = centered_cross(n_, cross(i, i), sums_[i], sums_[i]);
  const double syy = centered_cross(n_, cross(j, j), sums_[j], sums_[j]);
  if (!(sxx > 0) || !(syy > 0)) return kNaN;
  if (i == j) return 1;
  const double r = centered_cross(n_, cross(i, j), sums_[i], sums_[j]) / std::sqrt(sxx * syy);
  return std::clamp(r, -1.0, 1.0);
}

Moments Moments::select(std::span<const size_t> vars) const {
  for (size_t v : vars)
    if (v >= k_) throw std::out_of_range("Moments::select: variable index out of range");
  Moments r(vars.size());
  r.n_ = n_;
  size_t c = 0;
  for (size_t a = 0; a < vars.size(); ++a) {
    r.sums_[a] = sums_[vars[a]];
    for (size_t b = a; b < vars.size(); ++b) r.cross_[c++] = cross(vars[a], vars[b]);
  }
  return r;
}

void Moments::write(std::span<double> out) const {
  if (out.size() != serialized_size(k_)) throw std::invalid_argument("Moments::write: wrong buffer size");
  out[0] = n_;
  std::copy(sums_.begin(), sums_.end(), out.begin() + 1);
  std::copy(cross_.begin(), cross_.end(), out.begin() + 1 + static_cast<std::ptrdiff_t>(k_));
}

Moments Moments::read(std::span<const double> in, size_t k) {
  if (in.size() != serialized_size(k)) throw std::invalid_argument("Moments::read: wrong buffer size");
  Moments m(k);
  m.n_ = in[0];
  std::copy(in.begin() + 1, in.begin() + 1 + static_cast<std::ptrdiff_t>(k), m.sums_.begin());
  std::copy(in.begin() + 1 + static_cast<std::ptrdiff_t>(k), in.end(), m.cross_.begin());
  return m;
}

void Moments::add_serialized(std::span<double> into, std::span<const double> from) {
  if (into.size() != from.size()) throw std::invalid_argument("Moments::add_serialized: sizes differ");
  for (size_t i = 0; i < into.size(); ++i) into[i] += from[i];
}

// ---- reliability ----

namespace {
// Raw alpha k/(k−1)·(1 − tr(C)/ΣC) over the variables flagged in `keep` (psych's alpha.1).
double raw_alpha(const Eigen::MatrixXd& c, const std::vector<bool>& keep) {
  double tr = 0, total = 0, k = 0;
  for (Eigen::Index i = 0; i < c.rows(); ++i) {
    if (!keep[static_cast<size_t>(i)]) continue;
    k += 1;
    tr += c(i, i);
    for (Eigen::Index j = 0; j < c.cols(); ++j)
      if (keep[static_cast<size_t>(j)]) total += c(i, j);
  }
  if (!(k >= 2) || !(total > 0)) return kNaN;
  return k / (k - 1) * (1 - tr / total);
}
}  // namespace

// As psych::alpha(x, check.keys = FALSE) computes it (psych 2.2.9, complete data), with C the
// sample covariance matrix and R = cov2cor(C):
//   alpha     = k/(k−1)·(1 − tr(C)/ΣC)            ("total$raw_alpha")
//   std_alpha = k/(k−1)·(1 − k/ΣR)                ("total$std.alpha")
//   r_drop_i  = (ΣC_·i − C_ii)/√(C_ii·ΣC_{−i,−i})  ("item.stats$r.drop")
//   alpha_if_deleted_i = raw alpha of C_{−i,−i}    ("alpha.drop$raw_alpha").
// A single remaining item has no alpha; for k = 2 psych reports C_ij/C_jj instead (j the item that
// remains: the slope of the dropped item on it), and so do we, to stay comparable.
std::optional<Reliability> cronbach(const Moments& m) {
  const size_t k = m.dim();
  if (k < 2 || !(m.n() >= 2)) return std::nullopt;
  const auto ki = static_cast<Eigen::Index>(k);
  Eigen::MatrixXd c(ki, ki), r(ki, ki);
  for (size_t i = 0; i < k; ++i)
    for (size_t j = 0; j < k; ++j) {
      c(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = m.covariance(i, j);
      r(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = m.correlation(i, j);
    }
  const double kd = static_cast<double>(k);
  Reliability out;
  std::vector<bool> keep(k, true);
  out.alpha = raw_alpha(c, keep);
  const double sum_r = r.sum();  // NaN when an item has zero variance
  out.std_alpha = kd / (kd - 1) * (1 - kd / sum_r);
  out.items.resize(k);
  for (size_t i = 0; i < k; ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    keep[i] = false;
    ItemReliability& item = out.items[i];
    double rest_var = 0;  // Σ C_{−i,−i}: variance of the sum of the other items
    for (size_t a = 0; a < k; ++a)
      for (size_t b = 0; b < k; ++b)
        if (keep[a] && keep[b]) rest_var += c(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b));
    const double cov_rest = c.col(ii).sum() - c(ii, ii);  // cov(item, sum of the other items)
    const double denom = c(ii, ii) * rest_var;
    item.r_drop = denom > 0 ? cov_rest / std::sqrt(denom) : kNaN;
    if (k == 2) {
      const Eigen::Index j = 1 - ii;
      item.alpha_if_deleted = c(j, j) > 0 ? c(ii, j) / c(j, j) : kNaN;
    } else {
      item.alpha_if_deleted = raw_alpha(c, keep);
    }
    keep[i] = true;
  }
  return out;
}

// ---- key drivers ----

// Johnson (2000), "A heuristic method for estimating the relative weight of predictor variables in
// multiple regression", Multivariate Behavioral Research 35(1):1–19. With R_xx = V D Vᵀ (Eigen's
// SelfAdjointEigenSolver) and L = V D^{1/2} Vᵀ the symmetric square root, β = L⁻¹ r_xy =
// V D^{−1/2} Vᵀ r_xy are the weights of y on the orthogonal counterparts Z = X L⁻¹ of the
// predictors, and ε_j = Σ_k L_jk² β_k². Since Σ_j L_jk² = (L²)_kk = 1, Σ ε_j = Σ β_k² = r_xyᵀ R_xx⁻¹ r_xy,
// the R² of the least-squares regression of y on all x (reported as r2).
// nullopt when there is no predictor, n < p + 2, a variable has zero variance, or R_xx is
// singular (smallest eigenvalue ≤ 1e-10 · p, i.e. a predictor is (nearly) a linear combination of
// the others).
std::optional<Drivers> relative_weights(const Moments& m) {
  if (m.dim() < 2) return std::nullopt;
  const size_t p = m.dim() - 1;
  const size_t y = p;
  if (!(m.n() >= static_cast<double>(p) + 2)) return std::nullopt;
  const auto pi = static_cast<Eigen::Index>(p);
  Eigen::MatrixXd rxx(pi, pi);
  Eigen::VectorXd rxy(pi);
  for (size_t i = 0; i < p; ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    rxy(ii) = m.correlation(i, y);
    for (size_t j = 0; j < p; ++j) rxx(ii, static_cast<Eigen::Index>(j)) = m.correlation(i, j);
  }
  if (!rxx.allFinite() || !rxy.allFinite()) return std::nullopt;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(rxx);
  if (eig.info() != Eigen::Success) return std::nullopt;
  const Eigen::VectorXd& d = eig.eigenvalues();  // ascending
  if (!(d.minCoeff() > 1e-10 * static_cast<double>(p))) return std::nullopt;
  const Eigen::MatrixXd& v = eig.eigenvectors();
  const Eigen::MatrixXd l = v * d.cwiseSqrt().asDiagonal() * v.transpose();
  const Eigen::VectorXd beta = v * d.cwiseSqrt().cwiseInverse().asDiagonal() * (v.transpose() * rxy);
  const Eigen::VectorXd eps = l.cwiseAbs2() * beta.cwiseAbs2();
  Drivers out;
  out.r2 = beta.squaredNorm();
  out.r.assign(rxy.data(), rxy.data() + pi);
  out.relative_weights.assign(eps.data(), eps.data() + pi);
  return out;
}

// ---- comparing two periods ----

// p̂ = (x1 + x2)/(n1 + n2), z = (x1/n1 − x2/n2)/√(p̂(1 − p̂)(1/n1 + 1/n2)), p = 2·P(Z > |z|).
// R: prop.test(c(x1, x2), c(n1, n2), correct = FALSE): statistic = z², same p.value.
// nullopt when a group is empty, a count lies outside [0, n], or p̂ is 0 or 1 (no variance).
std::optional<Comparison> two_proportion_z(double x1, double n1, double x2, double n2) {
  if (!(n1 > 0) || !(n2 > 0) || !(x1 >= 0 && x1 <= n1) || !(x2 >= 0 && x2 <= n2)) return std::nullopt;
  const double pooled = (x1 + x2) / (n1 + n2);
  if (!(pooled > 0 && pooled < 1)) return std::nullopt;
  Comparison c;
  c.diff = x1 / n1 - x2 / n2;
  c.statistic = c.diff / std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  c.df = 0;
  c.p_value = two_sided_p_normal(c.statistic);
  return c;
}

// se² = s1²/n1 + s2²/n2, t = (m1 − m2)/se, Welch–Satterthwaite
// df = se⁴ / ((s1²/n1)²/(n1 − 1) + (s2²/n2)²/(n2 − 1)), p = 2·P(T_df > |t|).
// R: t.test(a, b) (var.equal = FALSE). nullopt when a group has n < 2 or the data are essentially
// constant (se < 10·ε·max(|m1|, |m2|), where R stops with an error, or se = 0).
std::optional<Comparison> welch_t(const MeanSummary& a, const MeanSummary& b) {
  if (!(a.n >= 2) || !(b.n >= 2) || !std::isfinite(a.sd) || !std::isfinite(b.sd) || !std::isfinite(a.mean) ||
      !std::isfinite(b.mean))
    return std::nullopt;
  const double va = a.sd * a.sd / a.n;
  const double vb = b.sd * b.sd / b.n;
  const double se = std::sqrt(va + vb);
  if (!(se > 0) || se < 10 * std::numeric_limits<double>::epsilon() * std::max(std::fabs(a.mean), std::fabs(b.mean)))
    return std::nullopt;
  Comparison c;
  c.diff = a.mean - b.mean;
  c.statistic = c.diff / se;
  c.df = (va + vb) * (va + vb) / (va * va / (a.n - 1) + vb * vb / (b.n - 1));
  c.p_value = two_sided_p_t(c.statistic, c.df);
  return c;
}

}  // namespace servq::stats
