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

// The demo's year as unix seconds: from the first day of the month one year before `now`'s month
// (UTC) to an hour before `now`. Everything the demo makes happens inside it, so a database made
// today looks like a clinic that was busy up to this morning.
std::pair<int64_t, int64_t> demo_start_of_window(int64_t now);

// The demo's surveys (S1–S5): templates, three campaigns and a year of answers; called by
// create_demo. Returns counts.
Result<json> create_demo_surveys(store::Database& db, uint64_t seed);

}  // namespace servq::service
