// The two look-ups of the organisation's tables that account administration needs (a unit and a
// staff record named by their codes), kept narrow here until the org repositories offer them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"

namespace servq::store::auth {

std::optional<int64_t> unit_id_by_code(Connection& c, const std::string& code);

struct StaffRef {
  int64_t id = 0;
  int64_t unit_id = 0;
};
std::optional<StaffRef> staff_by_employee_code(Connection& c, const std::string& employee_code);

}  // namespace servq::store::auth
