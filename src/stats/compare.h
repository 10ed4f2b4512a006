// Comparing the Net Promoter Score of two independent samples (PRODUCT.md S4 "whether a change
// between two periods is significant").
#pragma once
#include <optional>

#include "stats/stats.h"

namespace servq::stats {

// z-test for the difference of two NPS values: z = (NPS₁ − NPS₂) / √(se₁² + se₂²), each se the
// trinomial standard error 100·√((pP + pD − (pP − pD)²)/n); two-sided normal p-value.
// diff = NPS₁ − NPS₂ (points). nullopt when either n is 0 or both standard errors are 0.
std::optional<Comparison> nps_difference(const Nps& a, double a_promoters, double a_detractors, const Nps& b,
                                         double b_promoters, double b_detractors);

}  // namespace servq::stats
