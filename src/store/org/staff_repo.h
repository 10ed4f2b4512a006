// Staff members (PRODUCT.md O2): who works in which unit. Other domains find staff here by
// employee code; lists and counts reach the units whose figures the caller's scope reaches.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/scope.h"
#include "store/database.h"
#include "store/page.h"

namespace servq::store::org {

struct Staff {
  int64_t id = 0;
  std::string employee_code, name, title;
  bool active = true;
  int64_t unit_id = 0;
  std::string unit_code, unit_path;
};

struct StaffFilter {
  std::optional<std::string> unit_path;  // the staff of this unit's subtree
  std::optional<bool> active;
  std::optional<std::string> search;  // a LIKE pattern over the folded search text
};

// Ordered by employee code.
Page<Staff> list_staff(Connection& c, const UnitScope& scope, const StaffFilter& f, const PageRequest& page);
// Unscoped: the caller decides what the scope lets it see (UnitScope::figures_cover(unit_path)).
std::optional<Staff> find_staff(Connection& c, int64_t id);
std::optional<Staff> find_staff_by_code(Connection& c, const std::string& employee_code);
// Staff id by employee code, for resolving many rows at once (imports).
std::map<std::string, int64_t> staff_ids_by_code(Connection& c);
int64_t count_staff(Connection& c, const UnitScope& scope);

struct StaffFields {
  std::string employee_code, name, title;
  int64_t unit_id = 0;
  bool active = true;
  std::string search;  // folded "code name title"
};
int64_t insert_staff(Connection& c, const StaffFields& f, const std::string& now);
// Everything but the employee code, which never changes.
void update_staff(Connection& c, int64_t id, const StaffFields& f, const std::string& now);

}  // namespace servq::store::org
