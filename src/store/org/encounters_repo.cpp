#include "store/org/encounters_repo.h"

#include "store/filter.h"
#include "store/org/paging.h"

namespace servq::store::org {

namespace {

constexpr std::string_view kFrom =
    " FROM encounters e JOIN units u ON u.id = e.unit_id LEFT JOIN staff s ON s.id = e.staff_id";
constexpr std::string_view kSelect =
    "SELECT e.id, e.external_id, e.customer_id, c.name AS customer_name, e.unit_id, u.code AS unit_code, "
    "u.path AS unit_path, e.staff_id, s.employee_code AS staff_code, e.service, e.started_at, e.amount, e.converted "
    "FROM encounters e JOIN units u ON u.id = e.unit_id JOIN customers c ON c.id = e.customer_id "
    "LEFT JOIN staff s ON s.id = e.staff_id";

constexpr std::string_view kFieldsSelect =
    "SELECT external_id, customer_id, unit_id, staff_id, service, started_at, amount, converted FROM encounters";

EncounterFields read_fields(const Row& r) {
  EncounterFields f;
  f.external_id = r.opt("external_id");
  f.customer_id = r.i64("customer_id");
  f.unit_id = r.i64("unit_id");
  f.staff_id = r.opt_i64("staff_id");
  f.service = r.str("service");
  f.started_at = r.str("started_at");
  f.amount = r.i64("amount");
  f.converted = r.boolean("converted");
  return f;
}

Encounter read(const Row& r) {
  Encounter e;
  static_cast<EncounterFields&>(e) = read_fields(r);
  e.id = r.i64("id");
  e.customer_name = r.str("customer_name");
  e.unit_code = r.str("unit_code");
  e.unit_path = r.str("unit_path");
  e.staff_code = r.opt("staff_code");
  return e;
}

// A head reaches the encounters of their unit subtree, a staff member their own.
void restrict_to_scope(Connection& c, const UnitScope& scope, Where& w) {
  switch (scope.kind()) {
    case UnitScope::Kind::all:
      return;
    case UnitScope::Kind::subtree: {
      auto [in, ids] = unit_subtree_in(c, scope.unit_path());
      w.add("e.unit_id IN " + in, ids);
      return;
    }
    case UnitScope::Kind::own:
      if (scope.staff_id())
        w.add("e.staff_id = ?", {*scope.staff_id()});
      else
        w.add("1 = 0");
      return;
    case UnitScope::Kind::none:
      w.add("1 = 0");
      return;
  }
}

// The fields in the order of the INSERT and UPDATE statements, then `last` (created_at or id).
Params fields_params(const EncounterFields& f, Value last) {
  return {opt_value(f.external_id), f.customer_id,  f.unit_id, opt_value(f.staff_id), f.service, f.started_at, f.amount,
          int64_t{f.converted},     std::move(last)};
}

}  // namespace

Page<Encounter> list_encounters(Connection& c, const UnitScope& scope, const EncounterFilter& f,
                                const PageRequest& page) {
  Where w;
  restrict_to_scope(c, scope, w);
  if (f.unit_path) {
    auto [in, ids] = unit_subtree_in(c, *f.unit_path);
    w.add("e.unit_id IN " + in, ids);
  }
  if (f.staff_code) w.add("s.employee_code = ?", {*f.staff_code});
  if (f.customer_id) w.add("e.customer_id = ?", {*f.customer_id});
  if (f.from) w.add("e.started_at >= ?", {*f.from});
  if (f.to) w.add("e.started_at < ?", {*f.to});
  if (f.text) w.add("(e.external_id = ? OR lower(e.service) LIKE ? ESCAPE '\\')", {*f.text, like_pattern(*f.text)});
  Page<Encounter> out;
  out.total = c.scalar("SELECT COUNT(*)" + std::string(kFrom) + w.sql(), w.params());
  const Params p = with_page(w.params(), page);
  for (auto& r : c.query(std::string(kSelect) + w.sql() + " ORDER BY e.started_at DESC, e.id DESC LIMIT ? OFFSET ?", p))
    out.items.push_back(read(r));
  return out;
}

std::optional<Encounter> find_visible_encounter(Connection& c, const UnitScope& scope, int64_t id) {
  Where w;
  w.add("e.id = ?", {id});
  restrict_to_scope(c, scope, w);
  auto r = c.query_one(std::string(kSelect) + w.sql(), w.params());
  if (!r) return std::nullopt;
  return read(*r);
}

std::optional<Encounter> find_encounter(Connection& c, int64_t id) {
  auto r = c.query_one(std::string(kSelect) + " WHERE e.id = ?", {id});
  if (!r) return std::nullopt;
  return read(*r);
}

std::optional<int64_t> encounter_id_by_external_id(Connection& c, const std::string& external_id, int64_t except_id) {
  auto r = c.query_one("SELECT id FROM encounters WHERE external_id = ? AND id <> ?", {external_id, except_id});
  if (!r) return std::nullopt;
  return r->i64("id");
}

int64_t count_encounters(Connection& c, const UnitScope& scope) {
  Where w;
  restrict_to_scope(c, scope, w);
  return c.scalar("SELECT COUNT(*)" + std::string(kFrom) + w.sql(), w.params());
}

std::vector<EncounterTotals> encounter_totals(Connection& c, const UnitScope& scope, size_t bucket_chars) {
  Where w;
  restrict_to_scope(c, scope, w);
  const std::string key = "substr(e.started_at, 1, " + std::to_string(bucket_chars) + ")";
  std::vector<EncounterTotals> out;
  for (auto& r : c.query("SELECT " + key + " AS bucket, COUNT(*) AS n, COALESCE(SUM(e.amount), 0) AS amount" +
                             std::string(kFrom) + w.sql() + " GROUP BY " + key,
                         w.params()))
    out.push_back({r.str("bucket"), r.i64("n"), r.i64("amount")});
  return out;
}

int64_t insert_encounter(Connection& c, const EncounterFields& f, const std::string& now) {
  Params p = fields_params(f, now);
  return c
      .query_one(
          "INSERT INTO encounters (external_id, customer_id, unit_id, staff_id, service, started_at, amount, "
          "converted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          p)
      ->i64("id");
}

void update_encounter(Connection& c, int64_t id, const EncounterFields& f) {
  Params p = fields_params(f, id);
  c.execute(
      "UPDATE encounters SET external_id = ?, customer_id = ?, unit_id = ?, staff_id = ?, service = ?, "
      "started_at = ?, amount = ?, converted = ? WHERE id = ?",
      p);
}

std::vector<EncounterFields> encounters_with_external_id(Connection& c) {
  std::vector<EncounterFields> out;
  for (auto& r : c.query(std::string(kFieldsSelect) + " WHERE external_id IS NOT NULL")) out.push_back(read_fields(r));
  return out;
}

void update_encounter_by_external_id(Connection& c, const EncounterFields& f) {
  c.execute(
      "UPDATE encounters SET customer_id = ?, unit_id = ?, staff_id = ?, service = ?, started_at = ?, amount = ?, "
      "converted = ? WHERE external_id = ?",
      {f.customer_id, f.unit_id, opt_value(f.staff_id), f.service, f.started_at, f.amount, int64_t{f.converted},
       opt_value(f.external_id)});
}

EncounterWriter::EncounterWriter(Connection& c)
    : batch_(c,
             "INSERT INTO encounters (external_id, customer_id, unit_id, staff_id, service, started_at, amount, "
             "converted, created_at)",
             9) {}

void EncounterWriter::add(const EncounterFields& f, const std::string& now) {
  Params p = fields_params(f, now);
  batch_.add(std::move(p));
}

}  // namespace servq::store::org
