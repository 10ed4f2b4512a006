#include "store/org/staff_repo.h"

#include "store/filter.h"
#include "store/org/paging.h"

namespace servq::store::org {

namespace {
constexpr std::string_view kFrom = " FROM staff s JOIN units u ON u.id = s.unit_id";
constexpr std::string_view kSelect =
    "SELECT s.id, s.employee_code, s.name, s.title, s.active, s.unit_id, u.code AS unit_code, u.path AS unit_path";

Staff read(const Row& r) {
  Staff s;
  s.id = r.i64("id");
  s.employee_code = r.str("employee_code");
  s.name = r.str("name");
  s.title = r.str("title");
  s.active = r.boolean("active");
  s.unit_id = r.i64("unit_id");
  s.unit_code = r.str("unit_code");
  s.unit_path = r.str("unit_path");
  return s;
}

std::optional<Staff> find_one(Connection& c, const std::string& cond, const Params& params) {
  auto r = c.query_one(std::string(kSelect) + std::string(kFrom) + " WHERE " + cond, params);
  if (!r) return std::nullopt;
  return read(*r);
}
}  // namespace

Page<Staff> list_staff(Connection& c, const UnitScope& scope, const StaffFilter& f, const PageRequest& page) {
  Where w;
  restrict_to_figures(c, scope, "s.unit_id", w);
  if (f.unit_path) {
    auto [in, ids] = unit_subtree_in(c, *f.unit_path);
    w.add("s.unit_id IN " + in, ids);
  }
  if (f.active) w.add("s.active = ?", {int64_t{*f.active}});
  if (f.search) w.add("s.search LIKE ? ESCAPE '\\'", {*f.search});
  Page<Staff> out;
  out.total = c.scalar("SELECT COUNT(*)" + std::string(kFrom) + w.sql(), w.params());
  const Params p = with_page(w.params(), page);
  for (auto& r :
       c.query(std::string(kSelect) + std::string(kFrom) + w.sql() + " ORDER BY s.employee_code LIMIT ? OFFSET ?", p))
    out.items.push_back(read(r));
  return out;
}

std::optional<Staff> find_staff(Connection& c, int64_t id) {
  return find_one(c, "s.id = ?", {id});
}

std::optional<Staff> find_staff_by_code(Connection& c, const std::string& employee_code) {
  return find_one(c, "s.employee_code = ?", {employee_code});
}

std::map<std::string, int64_t> staff_ids_by_code(Connection& c) {
  std::map<std::string, int64_t> out;
  for (auto& r : c.query("SELECT employee_code, id FROM staff")) out[r.str("employee_code")] = r.i64("id");
  return out;
}

int64_t count_staff(Connection& c, const UnitScope& scope) {
  Where w;
  restrict_to_figures(c, scope, "s.unit_id", w);
  return c.scalar("SELECT COUNT(*)" + std::string(kFrom) + w.sql(), w.params());
}

int64_t insert_staff(Connection& c, const StaffFields& f, const std::string& now) {
  return c
      .query_one(
          "INSERT INTO staff (employee_code, name, unit_id, title, active, search, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {f.employee_code, f.name, f.unit_id, f.title, int64_t{f.active}, f.search, now, now})
      ->i64("id");
}

void update_staff(Connection& c, int64_t id, const StaffFields& f, const std::string& now) {
  c.execute("UPDATE staff SET name = ?, title = ?, active = ?, unit_id = ?, search = ?, updated_at = ? WHERE id = ?",
            {f.name, f.title, int64_t{f.active}, f.unit_id, f.search, now, id});
}

}  // namespace servq::store::org
