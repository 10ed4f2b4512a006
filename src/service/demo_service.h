// The demo data set (PRODUCT.md P2): a deterministic clinic group with two branches, ten
// departments, ~120 staff, ~5 000 customers and a year of encounters, plus one login per role.
#pragma once
#include "service/common.h"

namespace servq::service {

struct DemoLogin {
  std::string login, role, unit, password;
};

// Fills an empty database; refuses (demo.not_empty) when units already exist.
Result<std::vector<DemoLogin>> create_demo(store::Database& db);

// The demo's surveys (S1–S5): templates, three campaigns and a year of answers; called by
// create_demo. Returns counts.
Result<json> create_demo_surveys(store::Database& db, uint64_t seed);

}  // namespace servq::service
