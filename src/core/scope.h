// The caller's reach over the organisation's records (ARCHITECTURE.md "One scope"): computed from
// the actor once, at the top of a use case, and handed to every query that reads unit-owned
// records, instead of each use case re-deriving it from the role. Pure.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/access.h"

namespace servq {

class UnitScope {
 public:
  // all: admin, quality, director, auditor; subtree: a head with a unit; own: staff (their own
  // records, and the figures of their unit); none: an account that reaches no unit.
  enum class Kind { all, subtree, own, none };

  static UnitScope of(const Actor& a);

  Kind kind() const { return kind_; }
  bool all() const { return kind_ == Kind::all; }
  // The caller's unit ("/1/4/"), empty when none.
  const std::string& unit_path() const { return unit_path_; }
  std::optional<int64_t> staff_id() const { return staff_id_; }
  int64_t user_id() const { return user_id_; }

  // Records kept per unit (cases, encounters): true when a record of the unit at `path` is in
  // reach — every unit for `all`, the unit's subtree for `subtree`; none for `own` and `none`,
  // whose records are reached by person, not by unit.
  bool covers(std::string_view path) const;

  // Who works where and aggregated figures (staff lists, survey results, campaign counts) reach
  // the caller's unit subtree for `own` too. nullopt: every unit; "": no unit at all; otherwise
  // the subtree of that path.
  std::optional<std::string> figures_path() const;
  bool figures_cover(std::string_view path) const;

 private:
  Kind kind_ = Kind::none;
  std::string unit_path_;
  std::optional<int64_t> staff_id_;
  int64_t user_id_ = 0;
};

}  // namespace servq
