#include "store/auth/org_refs.h"

namespace servq::store::auth {

std::optional<int64_t> unit_id_by_code(Connection& c, const std::string& code) {
  auto r = c.query_one("SELECT id FROM units WHERE code = ?", {code});
  if (!r) return std::nullopt;
  return r->i64("id");
}

std::optional<StaffRef> staff_by_employee_code(Connection& c, const std::string& employee_code) {
  auto r = c.query_one("SELECT id, unit_id FROM staff WHERE employee_code = ?", {employee_code});
  if (!r) return std::nullopt;
  return StaffRef{r->i64("id"), r->i64("unit_id")};
}

}  // namespace servq::store::auth
