// The unit tree (PRODUCT.md O1): each unit knows its parent and its path of ids ("/1/4/"), which
// scoped queries match by prefix. Other domains find units here (by code, by id, their path).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"

namespace servq::store::org {

struct Unit {
  int64_t id = 0;
  std::string code, name;
  std::string path;  // "/1/4/": the ids from the root down to this unit
  std::optional<int64_t> parent_id, head_staff_id;
  std::optional<std::string> head_code;  // the head's employee code
};

// Every unit, ordered by path.
std::vector<Unit> list_units(Connection& c);
std::optional<Unit> find_unit(Connection& c, int64_t id);
std::optional<Unit> find_unit_by_code(Connection& c, const std::string& code);
// The path ("/1/4/") of the unit with this id.
std::optional<std::string> unit_path(Connection& c, int64_t id);
// Unit id by code, for resolving many rows at once (imports).
std::map<std::string, int64_t> unit_ids_by_code(Connection& c);
// Every unit's id, in id order (the generators spread records over them).
std::vector<int64_t> all_unit_ids(Connection& c);
// Units whose figures the scope reaches.
int64_t count_units(Connection& c, const UnitScope& scope);

struct UnitFields {
  std::string code, name;
  std::optional<int64_t> parent_id, head_staff_id;
  std::string search;  // folded "code name"
};
// Inserts a unit under `parent_path` ("/" for a root) and sets its path; returns its id.
int64_t insert_unit(Connection& c, const UnitFields& f, const std::string& parent_path, const std::string& now);
// Moves the unit at `old_path` with its whole subtree under `new_path` (its own new path) and
// sets its parent.
void move_unit(Connection& c, int64_t id, const std::string& old_path, const std::string& new_path,
               std::optional<int64_t> parent_id);
// Name, head and search text.
void update_unit(Connection& c, int64_t id, const UnitFields& f, const std::string& now);

}  // namespace servq::store::org
