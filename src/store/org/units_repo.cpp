#include "store/org/units_repo.h"

#include "store/filter.h"

namespace servq::store::org {

namespace {
constexpr std::string_view kSelect =
    "SELECT u.id, u.code, u.name, u.path, u.parent_id, u.head_staff_id, h.employee_code AS head_code "
    "FROM units u LEFT JOIN staff h ON h.id = u.head_staff_id";

Unit read(const Row& r) {
  Unit u;
  u.id = r.i64("id");
  u.code = r.str("code");
  u.name = r.str("name");
  u.path = r.str("path");
  u.parent_id = r.opt_i64("parent_id");
  u.head_staff_id = r.opt_i64("head_staff_id");
  u.head_code = r.opt("head_code");
  return u;
}

void set_parent(Connection& c, int64_t id, std::optional<int64_t> parent_id) {
  Params p(2);  // assigned, not listed: GCC 12 -O3 warns falsely on a list of these variants here
  p[0] = opt_value(parent_id);
  p[1] = id;
  c.execute("UPDATE units SET parent_id = ? WHERE id = ?", p);
}

std::optional<Unit> find_one(Connection& c, const std::string& cond, const Params& params) {
  auto r = c.query_one(std::string(kSelect) + " WHERE " + cond, params);
  if (!r) return std::nullopt;
  return read(*r);
}
}  // namespace

std::vector<Unit> list_units(Connection& c) {
  std::vector<Unit> out;
  for (auto& r : c.query(std::string(kSelect) + " ORDER BY u.path")) out.push_back(read(r));
  return out;
}

std::optional<Unit> find_unit(Connection& c, int64_t id) {
  return find_one(c, "u.id = ?", {id});
}

std::optional<Unit> find_unit_by_code(Connection& c, const std::string& code) {
  return find_one(c, "u.code = ?", {code});
}

std::optional<std::string> unit_path(Connection& c, int64_t id) {
  auto r = c.query_one("SELECT path FROM units WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return r->str("path");
}

std::map<std::string, int64_t> unit_ids_by_code(Connection& c) {
  std::map<std::string, int64_t> out;
  for (auto& r : c.query("SELECT code, id FROM units")) out[r.str("code")] = r.i64("id");
  return out;
}

std::vector<int64_t> all_unit_ids(Connection& c) {
  std::vector<int64_t> out;
  for (auto& r : c.query("SELECT id FROM units ORDER BY id")) out.push_back(r.i64("id"));
  return out;
}

int64_t count_units(Connection& c, const UnitScope& scope) {
  Where w;
  restrict_to_figures(c, scope, "u.id", w);
  return c.scalar("SELECT COUNT(*) FROM units u" + w.sql(), w.params());
}

int64_t insert_unit(Connection& c, const UnitFields& f, const std::string& parent_path, const std::string& now) {
  int64_t id = c.query_one(
                    "INSERT INTO units (code, name, parent_id, path, head_staff_id, search, created_at, "
                    "updated_at) VALUES (?, ?, ?, '', ?, ?, ?, ?) RETURNING id",
                    {f.code, f.name, opt_value(f.parent_id), opt_value(f.head_staff_id), f.search, now, now})
                   ->i64("id");
  c.execute("UPDATE units SET path = ? WHERE id = ?", {parent_path + std::to_string(id) + "/", id});
  return id;
}

void move_unit(Connection& c, int64_t id, const std::string& old_path, const std::string& new_path,
               std::optional<int64_t> parent_id) {
  if (new_path != old_path)
    c.execute("UPDATE units SET path = ? || substr(path, ?) WHERE path LIKE ?",
              {new_path, static_cast<int64_t>(old_path.size() + 1), old_path + "%"});
  set_parent(c, id, parent_id);
}

void update_unit(Connection& c, int64_t id, const UnitFields& f, const std::string& now) {
  c.execute("UPDATE units SET name = ?, head_staff_id = ?, search = ?, updated_at = ? WHERE id = ?",
            {f.name, opt_value(f.head_staff_id), f.search, now, id});
}

}  // namespace servq::store::org
