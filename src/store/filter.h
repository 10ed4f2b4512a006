// Building blocks of the repositories' queries: parameterised WHERE clauses, the caller's unit
// scope applied in SQL, LIKE patterns. Only src/store/ writes SQL; services hand these their
// typed filters and the UnitScope computed once per request.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/scope.h"
#include "store/database.h"

namespace servq::store {

// Accumulates "cond AND cond" with its parameters, so filters stay parameterised.
class Where {
 public:
  void add(std::string cond, Params values = {}) {
    parts_.push_back(std::move(cond));
    for (auto& v : values) params_.push_back(std::move(v));
  }
  std::string sql() const;  // " WHERE (a) AND (b)", or "" when empty
  const Params& params() const { return params_; }
  bool empty() const { return parts_.empty(); }

 private:
  std::vector<std::string> parts_;
  Params params_;
};

// The ids of the units under `path` (inclusive) as "(?, ?, ...)" with its parameters: scoped
// queries then use the unit_id indexes instead of matching paths row by row.
std::pair<std::string, Params> unit_subtree_in(Connection& c, const std::string& path);

// Limits `column` (a unit id) to the units whose figures the scope reaches
// (UnitScope::figures_path): nothing added for every unit, "1 = 0" for none.
void restrict_to_figures(Connection& c, const UnitScope& scope, const std::string& column, Where& w);

// "%" + escaped(folded text) + "%" for `LIKE ? ESCAPE '\'`.
std::string like_pattern(const std::string& folded);

// "(?, ?, ?)" for n values (n > 0), "(NULL)" for none.
std::string placeholders(size_t n);

}  // namespace servq::store
