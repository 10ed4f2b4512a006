#include "store/filter.h"

namespace servq::store {

std::string Where::sql() const {
  if (parts_.empty()) return "";
  std::string s = " WHERE ";
  for (size_t i = 0; i < parts_.size(); ++i) {
    if (i) s += " AND ";
    s += "(" + parts_[i] + ")";
  }
  return s;
}

std::string placeholders(size_t n) {
  if (n == 0) return "(NULL)";
  std::string sql = "(";
  for (size_t i = 0; i < n; ++i) sql += i ? ", ?" : "?";
  return sql + ")";
}

std::pair<std::string, Params> unit_subtree_in(Connection& c, const std::string& path) {
  Params ids;
  for (auto& r : c.query("SELECT id FROM units WHERE path LIKE ?", {path + "%"})) ids.push_back(r.i64("id"));
  if (ids.empty()) return {"(NULL)", {}};
  return {placeholders(ids.size()), ids};
}

void restrict_to_figures(Connection& c, const UnitScope& scope, const std::string& column, Where& w) {
  auto path = scope.figures_path();
  if (!path) return;
  if (path->empty()) {
    w.add("1 = 0");
    return;
  }
  auto [in, ids] = unit_subtree_in(c, *path);
  w.add(column + " IN " + in, ids);
}

std::string like_pattern(const std::string& folded) {
  std::string p = "%";
  for (char ch : folded) {
    if (ch == '%' || ch == '_' || ch == '\\') p += '\\';
    p += ch;
  }
  return p + "%";
}

}  // namespace servq::store
