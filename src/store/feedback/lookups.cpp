#include "store/feedback/lookups.h"

#include <type_traits>

namespace servq::store::feedback {

namespace {
// key column → value column of every row of a small table.
template <class V>
std::map<std::string, V> pairs(Connection& c, const std::string& sql) {
  std::map<std::string, V> out;
  auto rows = c.query(sql);
  if (rows.empty()) return out;
  auto key = rows[0].col("k"), value = rows[0].col("v");
  for (auto& r : rows) {
    if constexpr (std::is_same_v<V, int64_t>)
      out[*r.at(key)] = *r.int_at(value);
    else
      out[*r.at(key)] = *r.at(value);
  }
  return out;
}
}  // namespace

std::optional<CustomerContact> customer_contact(Connection& c, int64_t customer_id) {
  auto r = c.query_one("SELECT id, name, phone, address FROM customers WHERE id = ?", {customer_id});
  if (!r) return std::nullopt;
  return CustomerContact{r->i64("id"), r->opt("name"), r->opt("phone"), r->opt("address")};
}

std::map<std::string, int64_t> customer_ids_by_phone(Connection& c) {
  return pairs<int64_t>(c, "SELECT phone AS k, id AS v FROM customers WHERE phone IS NOT NULL");
}
std::map<std::string, std::string> unit_codes_by_id(Connection& c) {
  return pairs<std::string>(c, "SELECT id AS k, code AS v FROM units");
}
std::map<std::string, std::string> staff_codes_by_id(Connection& c) {
  return pairs<std::string>(c, "SELECT id AS k, employee_code AS v FROM staff");
}

}  // namespace servq::store::feedback
