#include "stats/compare.h"

#include <cmath>

namespace servq::stats {

std::optional<Comparison> nps_difference(const Nps& a, double a_promoters, double a_detractors, const Nps& b,
                                         double b_promoters, double b_detractors) {
  if (a.n <= 0 || b.n <= 0) return std::nullopt;
  auto var = [](double n, double p, double d) {
    double pp = p / n, pd = d / n;
    return 100.0 * 100.0 * (pp + pd - (pp - pd) * (pp - pd)) / n;
  };
  double se = std::sqrt(var(a.n, a_promoters, a_detractors) + var(b.n, b_promoters, b_detractors));
  if (!(se > 0)) return std::nullopt;
  Comparison c;
  c.diff = a.value - b.value;
  c.statistic = c.diff / se;
  c.p_value = two_sided_p_normal(c.statistic);
  return c;
}

}  // namespace servq::stats
