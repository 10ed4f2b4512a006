// Service-level deadlines per kind and severity of case (sla_policies), in minutes.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace servq::store::feedback {

struct SlaPolicy {
  std::string kind, severity;
  double acknowledge_minutes = 0, resolve_minutes = 0, callback_minutes = 0;
};

std::vector<SlaPolicy> sla_policies(Connection& c);  // by kind, severity
std::optional<SlaPolicy> find_sla_policy(Connection& c, const std::string& kind, const std::string& severity);
// Inserts or replaces the policy of its kind and severity.
void put_sla_policy(Connection& c, const SlaPolicy& p);

}  // namespace servq::store::feedback
