#include "service/org_service.h"

#include <algorithm>
#include <unordered_map>

#include "core/org/records.h"
#include "core/phone.h"
#include "core/text.h"
#include "core/time.h"
#include "service/settings_service.h"

namespace servq::service {
namespace {

using store::Connection;
using store::Params;
using store::Row;
using store::Tx;
using store::Value;

// ---- units -------------------------------------------------------------------------------

struct UnitRow {
  int64_t id;
  std::string code, name, path;
  std::optional<int64_t> parent_id, head_staff_id;
};

struct UnitIndex {
  std::vector<UnitRow> rows;
  std::unordered_map<int64_t, size_t> by_id;
  std::unordered_map<int64_t, std::string> head_codes;
  explicit UnitIndex(Connection& c) {
    for (auto& r : c.query("SELECT id, code, name, path, parent_id, head_staff_id FROM units ORDER BY path")) {
      by_id[r.i64(0)] = rows.size();
      rows.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.opt_i64(4), r.opt_i64(5)});
    }
    for (auto& r : c.query(
             "SELECT s.id, s.employee_code FROM staff s JOIN units u ON u.head_staff_id = s.id"))
      head_codes[r.i64(0)] = r.str(1);
    // Depth-first, siblings by code: sort by the path of codes, not by creation order.
    std::vector<std::pair<std::string, size_t>> keys;
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string key;
      for (auto& code : code_path(rows[i])) key += code + '\x01';
      keys.push_back({key, i});
    }
    std::sort(keys.begin(), keys.end());
    std::vector<UnitRow> sorted;
    for (auto& [k, i] : keys) sorted.push_back(rows[i]);
    rows = std::move(sorted);
    by_id.clear();
    for (size_t i = 0; i < rows.size(); ++i) by_id[rows[i].id] = i;
  }
  std::vector<std::string> code_path(const UnitRow& u) const {
    std::vector<std::string> out;
    size_t start = 1;
    while (start < u.path.size()) {
      size_t end = u.path.find('/', start);
      if (end == std::string::npos) break;
      if (auto* p = get(std::stoll(u.path.substr(start, end - start)))) out.push_back(p->code);
      start = end + 1;
    }
    return out;
  }
  const UnitRow* get(int64_t id) const {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &rows[it->second];
  }
  json to_json(const UnitRow& u) const {
    json path = code_path(u);
    json j = {{"id", u.id}, {"code", u.code}, {"name", u.name}, {"parent", nullptr}, {"head", nullptr},
              {"path", path}};
    if (u.parent_id)
      if (auto* p = get(*u.parent_id)) j["parent"] = p->code;
    if (u.head_staff_id) {
      auto it = head_codes.find(*u.head_staff_id);
      if (it != head_codes.end()) j["head"] = it->second;
    }
    return j;
  }
};

Result<std::optional<int64_t>> resolve_staff_code(Connection& c, const json& body, const char* field,
                                                  const std::string& prefix) {
  if (!body.contains(field) || body[field].is_null()) return std::optional<int64_t>{};
  if (!body[field].is_string())
    return invalid(prefix + "." + field + "_invalid", field, std::string(field) + " must be an employee code");
  auto r = c.query_one("SELECT id FROM staff WHERE employee_code = ?", {body[field].get<std::string>()});
  if (!r)
    return invalid(prefix + "." + field + "_unknown", field,
                   std::string(field) + " '" + body[field].get<std::string>() + "' is not a staff member");
  return std::optional<int64_t>{r->i64(0)};
}

}  // namespace

std::optional<UnitRef> find_unit(Connection& c, const std::string& code) {
  auto r = c.query_one("SELECT id, code, path FROM units WHERE code = ?", {code});
  if (!r) return std::nullopt;
  return UnitRef{r->i64(0), r->str(1), r->str(2)};
}

Result<json> list_units(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  UnitIndex idx(*lease);
  std::string folded = text::fold(q.q);
  json items = json::array();
  std::vector<const UnitRow*> matches;
  for (const auto& u : idx.rows)
    if (folded.empty() || text::fold(u.code + " " + u.name).find(folded) != std::string::npos)
      matches.push_back(&u);
  if (q.get("tree") == "1" || q.get("tree") == "true") {
    for (auto* u : matches) items.push_back(idx.to_json(*u));
    return page_json(items, static_cast<int64_t>(matches.size()),
                     ListQuery{{}, "", 1, static_cast<int64_t>(std::max<size_t>(matches.size(), 1))});
  }
  size_t from = static_cast<size_t>((q.page - 1) * q.page_size);
  for (size_t i = from; i < matches.size() && i < from + static_cast<size_t>(q.page_size); ++i)
    items.push_back(idx.to_json(*matches[i]));
  return page_json(items, static_cast<int64_t>(matches.size()), q);
}

Result<json> get_unit(store::Database& db, const Actor& a, int64_t id) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  UnitIndex idx(*lease);
  auto* u = idx.get(id);
  if (!u) return not_found("unit");
  return idx.to_json(*u);
}

Result<json> create_unit(store::Database& db, const Actor& a, const json& body) {
  if (!access::can_manage_org(a)) return forbidden("only admin and quality manage the unit tree");
  auto code = require_string(body, "code", "unit", 40);
  if (!code) return code.error();
  if (!text::valid_code(*code))
    return invalid("unit.code_invalid", "code", "code may hold only letters, digits, '-', '_' and '.'");
  auto name = require_string(body, "name", "unit");
  if (!name) return name.error();
  if (!is_string_or_null(body, "parent"))
    return invalid("unit.parent_invalid", "parent", "parent must be a unit code");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  if (find_unit(c, *code)) return conflict("unit.duplicate", "code", "a unit with code " + *code + " exists");
  std::string parent_path = "/";
  std::optional<int64_t> parent_id;
  if (auto p = optional_string(body, "parent")) {
    auto pu = find_unit(c, *p);
    if (!pu) return invalid("unit.parent_unknown", "parent", "parent unit '" + *p + "' does not exist");
    parent_path = pu->path;
    parent_id = pu->id;
  }
  auto head = resolve_staff_code(c, body, "head", "unit");
  if (!head) return head.error();
  std::string now = now_iso();
  int64_t id = c.query_one(
                    "INSERT INTO units (code, name, parent_id, path, head_staff_id, search, created_at, "
                    "updated_at) VALUES (?, ?, ?, '', ?, ?, ?, ?) RETURNING id",
                    {*code, *name, store::opt_value(parent_id), store::opt_value(*head),
                     text::fold(*code + " " + *name), now, now})
                   ->i64(0);
  c.execute("UPDATE units SET path = ? WHERE id = ?", {parent_path + std::to_string(id) + "/", id});
  UnitIndex idx(c);
  json out = idx.to_json(*idx.get(id));
  audit(c, a, "create", "unit", std::to_string(id), nullptr, out);
  tx.commit();
  return out;
}

Result<json> update_unit(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!access::can_manage_org(a)) return forbidden("only admin and quality manage the unit tree");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  UnitIndex idx(c);
  auto* u = idx.get(id);
  if (!u) return not_found("unit");
  json before = idx.to_json(*u);
  std::string name = u->name;
  if (body.contains("name")) {
    auto n = require_string(body, "name", "unit");
    if (!n) return n.error();
    name = *n;
  }
  std::optional<int64_t> head = u->head_staff_id;
  if (body.contains("head")) {
    auto h = resolve_staff_code(c, body, "head", "unit");
    if (!h) return h.error();
    head = *h;
  }
  std::string now = now_iso();
  if (body.contains("parent")) {
    if (!is_string_or_null(body, "parent"))
      return invalid("unit.parent_invalid", "parent", "parent must be a unit code or null");
    std::optional<int64_t> parent_id;
    std::string parent_path = "/";
    if (auto p = optional_string(body, "parent")) {
      auto pu = find_unit(c, *p);
      if (!pu) return invalid("unit.parent_unknown", "parent", "parent unit '" + *p + "' does not exist");
      if (pu->path.rfind(u->path, 0) == 0)
        return invalid("unit.cycle", "parent", "a unit cannot move under itself or one of its sub-units");
      parent_id = pu->id;
      parent_path = pu->path;
    }
    std::string old_path = u->path;
    std::string new_path = parent_path + std::to_string(id) + "/";
    if (new_path != old_path) {
      c.execute("UPDATE units SET path = ? || substr(path, ?) WHERE path LIKE ?",
                {new_path, static_cast<int64_t>(old_path.size() + 1), old_path + "%"});
    }
    c.execute("UPDATE units SET parent_id = ? WHERE id = ?", {store::opt_value(parent_id), id});
  }
  c.execute("UPDATE units SET name = ?, head_staff_id = ?, search = ?, updated_at = ? WHERE id = ?",
            {name, store::opt_value(head), text::fold(u->code + " " + name), now, id});
  UnitIndex after_idx(c);
  json after = after_idx.to_json(*after_idx.get(id));
  audit(c, a, "update", "unit", std::to_string(id), before, after);
  tx.commit();
  return after;
}

// ---- staff -------------------------------------------------------------------------------

namespace {

const char* kStaffSelect =
    "SELECT s.id, s.employee_code, s.name, u.code, s.title, s.active, u.path FROM staff s "
    "JOIN units u ON u.id = s.unit_id";

json staff_json(const Row& r) {
  return {{"id", r.i64(0)},     {"employee_code", r.str(1)}, {"name", r.str(2)},
          {"unit", r.str(3)},   {"title", r.str(4)},         {"active", r.boolean(5)}};
}

void staff_scope(Connection& c, const Actor& a, Where& w) { restrict_to_figures(c, UnitScope::of(a), "s.unit_id", w); }

}  // namespace

Result<json> list_staff(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto& c = *lease;
  Where w;
  staff_scope(c, a, w);
  if (q.has("unit")) {
    auto u = find_unit(c, q.get("unit"));
    if (!u) return page_json(json::array(), 0, q);
    auto [in, ids] = unit_subtree_in(c, u->path);
    w.add("s.unit_id IN " + in, ids);
  }
  if (q.has("active")) w.add("s.active = ?", {int64_t{q.get("active") == "true" || q.get("active") == "1"}});
  if (!q.q.empty()) w.add("s.search LIKE ? ESCAPE '\\'", {like_pattern(text::fold(q.q))});
  int64_t total = c.scalar("SELECT COUNT(*) FROM staff s JOIN units u ON u.id = s.unit_id" + w.sql(), w.params());
  Params p = w.params();
  p.push_back(q.page_size);
  p.push_back((q.page - 1) * q.page_size);
  json items = json::array();
  for (auto& r : c.query(std::string(kStaffSelect) + w.sql() + " ORDER BY s.employee_code LIMIT ? OFFSET ?", p))
    items.push_back(staff_json(r));
  return page_json(items, total, q);
}

namespace {
std::optional<Row> load_staff(Connection& c, int64_t id) {
  return c.query_one(std::string(kStaffSelect) + " WHERE s.id = ?", {id});
}
}  // namespace

Result<json> get_staff(store::Database& db, const Actor& a, int64_t id) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto r = load_staff(*lease, id);
  if (!r || !UnitScope::of(a).figures_cover(r->str(6))) return not_found("staff");
  return staff_json(*r);
}

namespace {
bool may_write_in(const Actor& a, const std::string& unit_path) {
  if (access::can_manage_org(a)) return true;
  return a.role == Role::head && UnitScope::of(a).covers(unit_path);
}
}  // namespace

Result<json> create_staff(store::Database& db, const Actor& a, const json& body) {
  if (!access::can_write_staff(a)) return forbidden("your role cannot add staff");
  auto code = require_string(body, "employee_code", "staff", 40);
  if (!code) return code.error();
  if (!text::valid_code(*code))
    return invalid("staff.employee_code_invalid", "employee_code",
                   "employee_code may hold only letters, digits, '-', '_' and '.'");
  auto name = require_string(body, "name", "staff");
  if (!name) return name.error();
  auto unit = require_string(body, "unit", "staff", 40);
  if (!unit) return unit.error();
  if (!is_string_or_null(body, "title")) return invalid("staff.title_invalid", "title", "title must be a string");
  std::string title = optional_string(body, "title").value_or("");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto u = find_unit(c, *unit);
  if (!u) return invalid("staff.unit_unknown", "unit", "unit '" + *unit + "' does not exist");
  if (!may_write_in(a, u->path)) return forbidden("unit " + *unit + " is outside your unit");
  if (c.query_one("SELECT id FROM staff WHERE employee_code = ?", {*code}))
    return conflict("staff.duplicate", "employee_code", "employee_code " + *code + " exists");
  std::string now = now_iso();
  int64_t id = c.query_one(
                    "INSERT INTO staff (employee_code, name, unit_id, title, active, search, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?) RETURNING id",
                    {*code, *name, u->id, title, text::fold(*code + " " + *name + " " + title), now, now})
                   ->i64(0);
  json out = staff_json(*load_staff(c, id));
  audit(c, a, "create", "staff", std::to_string(id), nullptr, out);
  tx.commit();
  return out;
}

Result<json> update_staff(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!access::can_write_staff(a)) return forbidden("your role cannot change staff");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto r = load_staff(c, id);
  if (!r || !UnitScope::of(a).figures_cover(r->str(6))) return not_found("staff");
  if (!may_write_in(a, r->str(6))) return forbidden("this staff member is outside your unit");
  json before = staff_json(*r);
  std::string name = r->str(2), title = r->str(4);
  bool active = r->boolean(5);
  int64_t unit_id = find_unit(c, r->str(3))->id;
  if (body.contains("name")) {
    auto n = require_string(body, "name", "staff");
    if (!n) return n.error();
    name = *n;
  }
  if (body.contains("title")) {
    if (!is_string_or_null(body, "title")) return invalid("staff.title_invalid", "title", "title must be a string");
    title = optional_string(body, "title").value_or("");
  }
  if (body.contains("active")) {
    if (!body["active"].is_boolean()) return invalid("staff.active_invalid", "active", "active must be true or false");
    active = body["active"].get<bool>();
  }
  if (body.contains("unit")) {
    auto unit = require_string(body, "unit", "staff", 40);
    if (!unit) return unit.error();
    auto u = find_unit(c, *unit);
    if (!u) return invalid("staff.unit_unknown", "unit", "unit '" + *unit + "' does not exist");
    if (!may_write_in(a, u->path)) return forbidden("unit " + *unit + " is outside your unit");
    unit_id = u->id;
  }
  c.execute("UPDATE staff SET name = ?, title = ?, active = ?, unit_id = ?, search = ?, updated_at = ? WHERE id = ?",
            {name, title, int64_t{active}, unit_id, text::fold(r->str(1) + " " + name + " " + title), now_iso(), id});
  json out = staff_json(*load_staff(c, id));
  audit(c, a, "update", "staff", std::to_string(id), before, out);
  tx.commit();
  return out;
}

// ---- customers ---------------------------------------------------------------------------

namespace {

const char* kCustomerSelect =
    "SELECT c.id, c.external_id, c.name, c.phone, c.email, c.address, c.category, r.external_id, c.tier, "
    "c.consent_contact, c.consent_survey, "
    "(SELECT MIN(e.started_at) FROM encounters e WHERE e.customer_id = c.id), "
    "(SELECT MAX(e.started_at) FROM encounters e WHERE e.customer_id = c.id) "
    "FROM customers c LEFT JOIN customers r ON r.id = c.referred_by_id";

json opt_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json customer_json(const Row& r, bool pii) {
  json j = {{"id", r.i64(0)},
            {"external_id", opt_json(r.opt(1))},
            {"name", pii ? json(r.str(2)) : json(nullptr)},
            {"phone", pii ? opt_json(r.opt(3)) : json(nullptr)},
            {"email", pii ? opt_json(r.opt(4)) : json(nullptr)},
            {"address", pii ? opt_json(r.opt(5)) : json(nullptr)},
            {"category", r.str(6)},
            {"referred_by", opt_json(r.opt(7))},
            {"tier", opt_json(r.opt(8))},
            {"consent_contact", r.boolean(9)},
            {"consent_survey", r.boolean(10)},
            {"first_visit", opt_json(r.opt(11))},
            {"last_visit", opt_json(r.opt(12))},
            {"pii_masked", !pii}};
  return j;
}

// Customers a head or staff member may see: those who visited their unit subtree (or them), and
// those their unit registered.
void customer_scope(Connection& c, const Actor& a, Where& w) {
  auto scope = UnitScope::of(a);
  switch (scope.kind()) {
    case UnitScope::Kind::all: return;
    case UnitScope::Kind::subtree: {
      auto [in, ids] = unit_subtree_in(c, scope.unit_path());
      Params both = ids;
      both.insert(both.end(), ids.begin(), ids.end());
      w.add("c.id IN (SELECT e.customer_id FROM encounters e WHERE e.unit_id IN " + in + ") OR c.home_unit_id IN " + in,
            both);
      return;
    }
    case UnitScope::Kind::own:
      if (!scope.staff_id()) {
        w.add("1 = 0");
        return;
      }
      w.add("EXISTS (SELECT 1 FROM encounters e WHERE e.customer_id = c.id AND e.staff_id = ?)", {*scope.staff_id()});
      return;
    case UnitScope::Kind::none: w.add("1 = 0"); return;
  }
}

std::optional<Row> load_customer(Connection& c, const Actor& a, int64_t id) {
  Where w;
  w.add("c.id = ?", {id});
  customer_scope(c, a, w);
  return c.query_one(std::string(kCustomerSelect) + w.sql(), w.params());
}

// Names the field that collides with another customer, or nothing.
std::optional<Error> customer_conflict(Connection& c, const org::CustomerInput& in, int64_t self) {
  if (!in.external_id.empty() &&
      c.query_one("SELECT id FROM customers WHERE external_id = ? AND id <> ?", {in.external_id, self}))
    return conflict("customer.duplicate", "external_id", "another customer has this external_id");
  if (in.phone && c.query_one("SELECT id FROM customers WHERE phone = ? AND id <> ?", {*in.phone, self}))
    return conflict("customer.duplicate", "phone", "another customer has this phone number");
  if (in.email && c.query_one("SELECT id FROM customers WHERE email = ? AND id <> ?", {*in.email, self}))
    return conflict("customer.duplicate", "email", "another customer has this e-mail address");
  return std::nullopt;
}

Result<org::CustomerInput> customer_from_json(const json& b, org::CustomerInput c, std::string_view region) {
  for (const char* f : {"external_id", "name", "phone", "email", "address", "category", "referred_by", "tier"})
    if (!is_string_or_null(b, f)) return invalid(std::string("customer.") + f + "_invalid", f, std::string(f) + " must be a string");
  for (const char* f : {"consent_contact", "consent_survey"})
    if (b.contains(f) && !b[f].is_boolean())
      return invalid(std::string("customer.") + f + "_invalid", f, std::string(f) + " must be true or false");
  auto str = [&](const char* f, std::optional<std::string>& target) {
    if (b.contains(f)) target = optional_string(b, f);
  };
  if (b.contains("external_id")) c.external_id = optional_string(b, "external_id").value_or("");
  if (b.contains("name")) c.name = b["name"].is_string() ? b["name"].get<std::string>() : "";
  str("phone", c.phone);
  str("email", c.email);
  str("address", c.address);
  str("referred_by", c.referred_by);
  str("tier", c.tier);
  if (b.contains("category")) c.category = optional_string(b, "category").value_or("");
  if (b.contains("consent_contact")) c.consent_contact = b["consent_contact"].get<bool>();
  if (b.contains("consent_survey")) c.consent_survey = b["consent_survey"].get<bool>();
  auto errs = org::check_customer(c, region);
  if (!errs.empty()) return errs.front();
  return c;
}

Result<std::optional<int64_t>> resolve_referrer(Connection& c, const org::CustomerInput& in) {
  if (!in.referred_by) return std::optional<int64_t>{};
  auto r = c.query_one("SELECT id FROM customers WHERE external_id = ?", {*in.referred_by});
  if (!r)
    return invalid("customer.referred_by_unknown", "referred_by",
                   "referred_by '" + *in.referred_by + "' is not a known customer external_id");
  return std::optional<int64_t>{r->i64(0)};
}

Value opt_text(const std::string& s) { return s.empty() ? store::null_value() : Value(s); }

}  // namespace

std::optional<int64_t> visible_customer(Connection& c, const Actor& a, int64_t id) {
  Where w;
  w.add("c.id = ?", {id});
  customer_scope(c, a, w);
  auto r = c.query_one("SELECT c.id FROM customers c" + w.sql(), w.params());
  if (!r) return std::nullopt;
  return r->i64(0);
}

std::optional<int64_t> visible_customer_by_phone(Connection& c, const Actor& a, const std::string& phone) {
  Where w;
  w.add("c.phone = ?", {phone});
  customer_scope(c, a, w);
  auto r = c.query_one("SELECT c.id FROM customers c" + w.sql(), w.params());
  if (!r) return std::nullopt;
  return r->i64(0);
}

Result<json> list_customers(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto& c = *lease;
  Where w;
  customer_scope(c, a, w);
  if (q.has("category")) w.add("c.category = ?", {q.get("category")});
  if (!q.q.empty()) {
    if (access::sees_pii(a)) {
      std::string folded = text::fold(q.q);
      // A whole number in any written form finds its E.164 digits; part of one matches either
      // the E.164 or the national digits kept in `search`.
      const std::string region = phone_region(c);
      if (auto number = phone::query_number(q.q, region))
        folded = phone::search_key(*number, region);
      else if (auto digits = phone::partial_digits(q.q))
        folded = *digits;
      w.add("c.search LIKE ? ESCAPE '\\'", {like_pattern(folded)});
    } else {
      w.add("c.external_id = ?", {q.q});  // no searching by name or phone without the right to see them
    }
  }
  int64_t total = c.scalar("SELECT COUNT(*) FROM customers c" + w.sql(), w.params());
  Params p = w.params();
  p.push_back(q.page_size);
  p.push_back((q.page - 1) * q.page_size);
  json items = json::array();
  bool pii = access::sees_pii(a);
  for (auto& r : c.query(std::string(kCustomerSelect) + w.sql() + " ORDER BY c.id DESC LIMIT ? OFFSET ?", p))
    items.push_back(customer_json(r, pii));
  return page_json(items, total, q);
}

Result<json> get_customer(store::Database& db, const Actor& a, int64_t id) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto r = load_customer(*lease, a, id);
  if (!r) return not_found("customer");
  return customer_json(*r, access::sees_pii(a));
}

Result<json> create_customer(store::Database& db, const Actor& a, const json& body) {
  if (!access::can_write_customers(a)) return forbidden("your role cannot register customers");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  const std::string region = phone_region(c);
  auto in = customer_from_json(body, {}, region);
  if (!in) return in.error();
  if (auto e = customer_conflict(c, *in, 0)) return *e;
  auto ref = resolve_referrer(c, *in);
  if (!ref) return ref.error();
  std::string now = now_iso();
  std::optional<int64_t> home;
  if (a.role == Role::head || a.role == Role::staff) home = a.unit_id;
  int64_t id =
      c.query_one(
           "INSERT INTO customers (external_id, name, phone, email, address, category, referred_by_id, tier, "
           "consent_contact, consent_survey, home_unit_id, search, created_at, updated_at) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
           {opt_text(in->external_id), in->name, store::opt_value(in->phone), store::opt_value(in->email),
            store::opt_value(in->address), in->category, store::opt_value(*ref), store::opt_value(in->tier),
            int64_t{in->consent_contact}, int64_t{in->consent_survey}, store::opt_value(home),
            org::customer_search_text(*in, region), now, now})
          ->i64(0);
  json out = customer_json(*c.query_one(std::string(kCustomerSelect) + " WHERE c.id = ?", {id}), true);
  audit(c, a, "create", "customer", std::to_string(id), nullptr, out);
  tx.commit();
  if (!access::sees_pii(a)) out = customer_json(*lease->query_one(std::string(kCustomerSelect) + " WHERE c.id = ?", {id}), false);
  return out;
}

Result<json> update_customer(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!access::can_write_customers(a)) return forbidden("your role cannot change customers");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto r = load_customer(c, a, id);
  if (!r) return not_found("customer");
  json before = customer_json(*r, true);
  org::CustomerInput cur;
  cur.external_id = r->opt(1).value_or("");
  cur.name = r->str(2);
  cur.phone = r->opt(3);
  cur.email = r->opt(4);
  cur.address = r->opt(5);
  cur.category = r->str(6);
  cur.referred_by = r->opt(7);
  cur.tier = r->opt(8);
  cur.consent_contact = r->boolean(9);
  cur.consent_survey = r->boolean(10);
  const std::string region = phone_region(c);
  auto in = customer_from_json(body, cur, region);
  if (!in) return in.error();
  if (auto e = customer_conflict(c, *in, id)) return *e;
  auto ref = resolve_referrer(c, *in);
  if (!ref) return ref.error();
  if (*ref && **ref == id) return invalid("customer.referred_by_self", "referred_by", "a customer cannot refer themselves");
  c.execute(
      "UPDATE customers SET external_id = ?, name = ?, phone = ?, email = ?, address = ?, category = ?, "
      "referred_by_id = ?, tier = ?, consent_contact = ?, consent_survey = ?, search = ?, updated_at = ? WHERE id = ?",
      {opt_text(in->external_id), in->name, store::opt_value(in->phone), store::opt_value(in->email),
       store::opt_value(in->address), in->category, store::opt_value(*ref), store::opt_value(in->tier),
       int64_t{in->consent_contact}, int64_t{in->consent_survey}, org::customer_search_text(*in, region), now_iso(), id});
  json after = customer_json(*c.query_one(std::string(kCustomerSelect) + " WHERE c.id = ?", {id}), true);
  audit(c, a, "update", "customer", std::to_string(id), before, after);
  tx.commit();
  if (!access::sees_pii(a)) return customer_json(*lease->query_one(std::string(kCustomerSelect) + " WHERE c.id = ?", {id}), false);
  return after;
}

namespace {

// A customer as a merge decision needs it: who, the numbers, and what hangs on the record.
json duplicate_member(Connection& c, int64_t id, const std::string& region) {
  auto r = c.query_one(
      "SELECT c.id, c.external_id, c.name, c.phone, c.email, c.created_at, "
      "(SELECT COUNT(*) FROM encounters e WHERE e.customer_id = c.id), "
      "(SELECT COUNT(*) FROM feedback f WHERE f.customer_id = c.id), "
      "(SELECT COUNT(*) FROM survey_responses s WHERE s.customer_id = c.id) FROM customers c WHERE c.id = ?",
      {id});
  std::optional<std::string> stored = r->opt(3);
  return {{"id", r->i64(0)},
          {"external_id", opt_json(r->opt(1))},
          {"name", r->str(2)},
          {"phone", opt_json(stored)},
          {"phone_e164", stored && (*stored)[0] == '+'},
          {"phone_display", stored ? json(phone::display(*stored, region)) : json(nullptr)},
          {"email", opt_json(r->opt(4))},
          {"created_at", r->str(5)},
          {"encounters", r->i64(6)},
          {"feedback", r->i64(7)},
          {"responses", r->i64(8)}};
}

}  // namespace

Result<json> customer_duplicates(store::Database& db, const Actor& a) {
  if (!access::can_write_customers(a)) return forbidden("your role cannot merge customers");
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto& c = *lease;
  const std::string region = phone_region(c);
  // Every phone not in E.164 is an old form: read it, and group it with whoever holds the number.
  std::map<std::string, std::vector<int64_t>> by_number;
  std::vector<int64_t> unreadable;
  int64_t last = 0;
  for (;;) {
    auto rows = c.query("SELECT id, phone FROM customers WHERE id > ? AND phone IS NOT NULL AND phone NOT LIKE '+%' "
                        "ORDER BY id LIMIT 2000",
                        {last});
    if (rows.empty()) break;
    for (const auto& r : rows) {
      last = r.i64(0);
      if (auto e = phone::from_stored(r.str(1), region))
        by_number[*e].push_back(last);
      else
        unreadable.push_back(last);
    }
  }
  json groups = json::array();
  for (auto& [number, ids] : by_number) {
    std::vector<int64_t> members;
    if (auto holder = c.query_one("SELECT id FROM customers WHERE phone = ?", {number})) members.push_back(holder->i64(0));
    members.insert(members.end(), ids.begin(), ids.end());
    if (members.size() < 2) continue;
    json list = json::array();
    for (int64_t id : members) list.push_back(duplicate_member(c, id, region));
    groups.push_back({{"phone", number}, {"phone_display", phone::display(number, region)}, {"customers", list}});
  }
  json bad = json::array();
  for (int64_t id : unreadable) bad.push_back(duplicate_member(c, id, region));
  return json{{"region", region}, {"groups", groups}, {"unreadable", bad}};
}

Result<json> merge_customers(store::Database& db, const Actor& a, int64_t keep, const json& body) {
  if (!access::can_write_customers(a)) return forbidden("your role cannot merge customers");
  if (!body.is_object() || !body.contains("duplicate") || !body["duplicate"].is_number_integer())
    return invalid("customer.merge_duplicate_required", "duplicate", "duplicate must be the id of the customer to merge into this one");
  const int64_t dup = body["duplicate"].get<int64_t>();
  if (dup == keep) return invalid("customer.merge_self", "duplicate", "a customer cannot be merged with itself");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto kr = load_customer(c, a, keep);
  if (!kr) return not_found("customer");
  auto dr = load_customer(c, a, dup);
  if (!dr) return Error{"customer.not_found", "customer not found", "duplicate", 404};
  const std::string region = phone_region(c);
  json before = {{"customer", customer_json(*kr, true)}, {"duplicate", customer_json(*dr, true)}};
  auto raw = [&](int64_t id) {
    return *c.query_one("SELECT external_id, name, phone, email, address, tier, referred_by_id FROM customers WHERE id = ?", {id});
  };
  Row k = raw(keep), d = raw(dup);

  json moved = json::object();
  auto move = [&](const char* key, const std::string& sql) { moved[key] = c.execute(sql, {keep, dup}); };
  move("encounters", "UPDATE encounters SET customer_id = ? WHERE customer_id = ?");
  move("feedback", "UPDATE feedback SET customer_id = ? WHERE customer_id = ?");
  move("invitations", "UPDATE survey_invitations SET customer_id = ? WHERE customer_id = ?");
  move("responses", "UPDATE survey_responses SET customer_id = ? WHERE customer_id = ?");
  move("referrals", "UPDATE customers SET referred_by_id = ? WHERE referred_by_id = ?");
  // The kept record may have been referred by the duplicate (now itself): take the duplicate's referrer.
  int64_t referrer = k.opt_i64(6).value_or(0);  // 0: none (ids start at 1)
  if (referrer == dup || referrer == keep) referrer = d.opt_i64(6).value_or(0);
  if (referrer == dup || referrer == keep) referrer = 0;

  // The phone: an E.164 one wins over an old form; an old form is read again now that the
  // duplicate no longer holds its number.
  auto is_e164 = [](const std::optional<std::string>& p) { return p && !p->empty() && (*p)[0] == '+'; };
  std::optional<std::string> ph = k.opt(2);
  if (!is_e164(ph)) {
    if (is_e164(d.opt(2)))
      ph = d.opt(2);
    else if (ph || d.opt(2)) {
      const std::string old = ph ? *ph : *d.opt(2);
      auto e = phone::from_stored(old, region);
      ph = e ? *e : old;
    }
  }
  auto pick = [](const std::optional<std::string>& mine, const std::optional<std::string>& theirs) {
    return mine && !mine->empty() ? mine : theirs;
  };
  c.execute("DELETE FROM customers WHERE id = ?", {dup});
  if (ph && c.query_one("SELECT id FROM customers WHERE phone = ? AND id <> ?", {*ph, keep}))
    return conflict("customer.duplicate", "phone", "a third customer holds this phone number; merge that one too");
  org::CustomerInput merged;
  merged.external_id = pick(k.opt(0), d.opt(0)).value_or("");
  merged.name = k.str(1);
  merged.phone = ph;
  merged.email = pick(k.opt(3), d.opt(3));
  merged.address = pick(k.opt(4), d.opt(4));
  merged.tier = pick(k.opt(5), d.opt(5));
  c.execute("UPDATE customers SET external_id = ?, phone = ?, email = ?, address = ?, tier = ?, referred_by_id = ?, "
            "search = ?, updated_at = ? WHERE id = ?",
            {opt_text(merged.external_id), store::opt_value(merged.phone), store::opt_value(merged.email),
             store::opt_value(merged.address), store::opt_value(merged.tier),
             referrer ? Value(referrer) : store::null_value(),
             org::customer_search_text(merged, region), now_iso(), keep});
  json after = {{"customer", customer_json(*c.query_one(std::string(kCustomerSelect) + " WHERE c.id = ?", {keep}), true)},
                {"merged", dup},
                {"moved", moved}};
  audit(c, a, "merge", "customer", std::to_string(keep), before, after);
  tx.commit();
  return after;
}

// ---- encounters --------------------------------------------------------------------------

namespace {

const char* kEncounterSelect =
    "SELECT e.id, e.external_id, e.customer_id, c.name, u.code, s.employee_code, e.service, e.started_at, "
    "e.amount, e.converted, u.path, e.staff_id FROM encounters e JOIN units u ON u.id = e.unit_id "
    "JOIN customers c ON c.id = e.customer_id LEFT JOIN staff s ON s.id = e.staff_id";
const char* kEncounterFrom =
    " FROM encounters e JOIN units u ON u.id = e.unit_id LEFT JOIN staff s ON s.id = e.staff_id";

json encounter_json(const Row& r, bool pii) {
  return {{"id", r.i64(0)},          {"external_id", opt_json(r.opt(1))},
          {"customer", r.i64(2)},    {"customer_name", pii ? json(r.str(3)) : json(nullptr)},
          {"unit", r.str(4)},        {"staff", opt_json(r.opt(5))},
          {"service", r.str(6)},     {"started_at", r.str(7)},
          {"amount", r.i64(8)},      {"converted", r.boolean(9)}};
}

void encounter_scope(Connection& c, const Actor& a, Where& w) {
  auto scope = UnitScope::of(a);
  switch (scope.kind()) {
    case UnitScope::Kind::all: return;
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
    case UnitScope::Kind::none: w.add("1 = 0"); return;
  }
}

std::optional<Row> load_encounter(Connection& c, const Actor& a, int64_t id) {
  Where w;
  w.add("e.id = ?", {id});
  encounter_scope(c, a, w);
  return c.query_one(std::string(kEncounterSelect) + w.sql(), w.params());
}

// started_at without an offset is local time in `zone`, the organisation's.
Result<org::EncounterInput> encounter_from_json(const json& b, org::EncounterInput e, std::string_view region,
                                               const timeutil::Zone& zone) {
  for (const char* f : {"external_id", "customer_phone", "unit", "staff", "service", "started_at"})
    if (!is_string_or_null(b, f)) return invalid(std::string("encounter.") + f + "_invalid", f, std::string(f) + " must be a string");
  if (b.contains("external_id")) e.external_id = optional_string(b, "external_id").value_or("");
  if (b.contains("customer")) {
    if (!b["customer"].is_number_integer()) return invalid("encounter.customer_invalid", "customer", "customer must be a customer id");
    e.customer_id = b["customer"].get<int64_t>();
    e.customer_phone.reset();
  }
  if (b.contains("customer_phone")) e.customer_phone = optional_string(b, "customer_phone");
  if (b.contains("unit")) e.unit = optional_string(b, "unit").value_or("");
  if (b.contains("staff")) e.staff = optional_string(b, "staff");
  if (b.contains("service")) e.service = optional_string(b, "service").value_or("");
  if (b.contains("started_at")) e.started_at = optional_string(b, "started_at").value_or("");
  if (b.contains("amount")) {
    if (!b["amount"].is_number_integer()) return invalid("encounter.amount_invalid", "amount", "amount must be a whole number in the smallest currency unit");
    e.amount = b["amount"].get<int64_t>();
  }
  if (b.contains("converted")) {
    if (!b["converted"].is_boolean()) return invalid("encounter.converted_invalid", "converted", "converted must be true or false");
    e.converted = b["converted"].get<bool>();
  }
  auto errs = org::check_encounter(e, region, zone);
  if (!errs.empty()) return errs.front();
  return e;
}

struct ResolvedEncounter {
  int64_t customer_id;
  UnitRef unit;
  std::optional<int64_t> staff_id;
};

Result<ResolvedEncounter> resolve_encounter(Connection& c, const Actor& a, const org::EncounterInput& e) {
  ResolvedEncounter out{};
  // Customers are found only inside the caller's scope, and a customer outside it gets the same
  // answer as one that does not exist: the error must not tell whether a phone is known.
  if (e.customer_phone && !e.customer_id) {
    auto id = visible_customer_by_phone(c, a, *e.customer_phone);
    if (!id)
      return invalid("encounter.customer_unknown", "customer_phone", "no customer you can see has this phone number");
    out.customer_id = *id;
  } else {
    auto id = visible_customer(c, a, *e.customer_id);
    if (!id) return Error{"customer.not_found", "customer not found", "customer", 404};
    out.customer_id = *id;
  }
  auto u = find_unit(c, e.unit);
  if (!u) return invalid("encounter.unit_unknown", "unit", "unit '" + e.unit + "' does not exist");
  if (!access::can_manage_org(a) && !(a.role == Role::head && UnitScope::of(a).covers(u->path)))
    return forbidden("unit " + e.unit + " is outside your unit");
  out.unit = *u;
  if (e.staff) {
    auto s = c.query_one("SELECT s.id, u.path FROM staff s JOIN units u ON u.id = s.unit_id WHERE s.employee_code = ?",
                         {*e.staff});
    if (!s || !access::covers(a, s->str(1)))
      return invalid("encounter.staff_unknown", "staff", "staff '" + *e.staff + "' does not exist in your units");
    out.staff_id = s->i64(0);
  }
  return out;
}

}  // namespace

Result<json> list_encounters(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto& c = *lease;
  Where w;
  encounter_scope(c, a, w);
  if (q.has("unit")) {
    auto u = find_unit(c, q.get("unit"));
    if (!u) return page_json(json::array(), 0, q);
    auto [in, ids] = unit_subtree_in(c, u->path);
    w.add("e.unit_id IN " + in, ids);
  }
  if (q.has("staff")) w.add("s.employee_code = ?", {q.get("staff")});
  if (q.has("customer")) {
    try {
      w.add("e.customer_id = ?", {std::stoll(q.get("customer"))});
    } catch (...) {
      return invalid("encounter.customer_invalid", "customer", "customer must be a customer id");
    }
  }
  // A bare date is the start of that local day (`to` exclusive), as in the feedback filters.
  auto zone = org_zone(c);
  for (auto [param, op] : {std::pair{"from", ">="}, std::pair{"to", "<"}}) {
    if (!q.has(param)) continue;
    auto t = timeutil::normalize_iso8601(q.get(param), zone);
    if (!t) return invalid(std::string("encounter.") + param + "_invalid", param, std::string(param) + " must be a date");
    w.add(std::string("e.started_at ") + op + " ?", {*t});
  }
  if (!q.q.empty()) w.add("(e.external_id = ? OR lower(e.service) LIKE ? ESCAPE '\\')", {q.q, like_pattern(q.q)});
  int64_t total = c.scalar(std::string("SELECT COUNT(*)") + kEncounterFrom + w.sql(), w.params());
  Params p = w.params();
  p.push_back(q.page_size);
  p.push_back((q.page - 1) * q.page_size);
  json items = json::array();
  bool pii = access::sees_pii(a);
  for (auto& r : c.query(std::string(kEncounterSelect) + w.sql() + " ORDER BY e.started_at DESC, e.id DESC LIMIT ? OFFSET ?", p))
    items.push_back(encounter_json(r, pii));
  return page_json(items, total, q);
}

Result<json> get_encounter(store::Database& db, const Actor& a, int64_t id) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto r = load_encounter(*lease, a, id);
  if (!r) return not_found("encounter");
  return encounter_json(*r, access::sees_pii(a));
}

Result<json> create_encounter(store::Database& db, const Actor& a, const json& body) {
  if (!access::can_write_encounters(a)) return forbidden("your role cannot record encounters");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto in = encounter_from_json(body, {}, phone_region(c), org_zone(c));
  if (!in) return in.error();
  auto res = resolve_encounter(c, a, *in);
  if (!res) return res.error();
  if (!in->external_id.empty() && c.query_one("SELECT id FROM encounters WHERE external_id = ?", {in->external_id}))
    return conflict("encounter.duplicate", "external_id", "an encounter with this external_id exists");
  int64_t id = c.query_one(
                    "INSERT INTO encounters (external_id, customer_id, unit_id, staff_id, service, started_at, "
                    "amount, converted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    {opt_text(in->external_id), res->customer_id, res->unit.id, store::opt_value(res->staff_id),
                     in->service, in->started_at, in->amount, int64_t{in->converted}, now_iso()})
                   ->i64(0);
  json out = encounter_json(*c.query_one(std::string(kEncounterSelect) + " WHERE e.id = ?", {id}), true);
  audit(c, a, "create", "encounter", std::to_string(id), nullptr, out);
  tx.commit();
  if (!access::sees_pii(a)) out["customer_name"] = nullptr;
  return out;
}

Result<json> update_encounter(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!access::can_write_encounters(a)) return forbidden("your role cannot change encounters");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto r = load_encounter(c, a, id);
  if (!r) return not_found("encounter");
  json before = encounter_json(*r, true);
  org::EncounterInput cur;
  cur.external_id = r->opt(1).value_or("");
  cur.customer_id = r->i64(2);
  cur.unit = r->str(4);
  cur.staff = r->opt(5);
  cur.service = r->str(6);
  cur.started_at = r->str(7);
  cur.amount = r->i64(8);
  cur.converted = r->boolean(9);
  auto in = encounter_from_json(body, cur, phone_region(c), org_zone(c));
  if (!in) return in.error();
  auto res = resolve_encounter(c, a, *in);
  if (!res) return res.error();
  if (!in->external_id.empty() &&
      c.query_one("SELECT id FROM encounters WHERE external_id = ? AND id <> ?", {in->external_id, id}))
    return conflict("encounter.duplicate", "external_id", "an encounter with this external_id exists");
  c.execute(
      "UPDATE encounters SET external_id = ?, customer_id = ?, unit_id = ?, staff_id = ?, service = ?, "
      "started_at = ?, amount = ?, converted = ? WHERE id = ?",
      {opt_text(in->external_id), res->customer_id, res->unit.id, store::opt_value(res->staff_id), in->service,
       in->started_at, in->amount, int64_t{in->converted}, id});
  json after = encounter_json(*c.query_one(std::string(kEncounterSelect) + " WHERE e.id = ?", {id}), true);
  audit(c, a, "update", "encounter", std::to_string(id), before, after);
  tx.commit();
  if (!access::sees_pii(a)) after["customer_name"] = nullptr;
  return after;
}

// ---- overview ----------------------------------------------------------------------------

Result<json> overview(store::Database& db, const Actor& a) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto& c = *lease;
  json out;
  Where su;
  staff_scope(c, a, su);
  Where uw;
  restrict_to_figures(c, UnitScope::of(a), "u.id", uw);
  out["units"] = c.scalar("SELECT COUNT(*) FROM units u" + uw.sql(), uw.params());
  out["staff"] = c.scalar("SELECT COUNT(*) FROM staff s JOIN units u ON u.id = s.unit_id" + su.sql(), su.params());
  Where cw;
  customer_scope(c, a, cw);
  out["customers"] = c.scalar("SELECT COUNT(*) FROM customers c" + cw.sql(), cw.params());
  Where ew;
  encounter_scope(c, a, ew);
  out["encounters"] = c.scalar(std::string("SELECT COUNT(*)") + kEncounterFrom + ew.sql(), ew.params());
  json months = json::array();
  // The last 12 months that have encounters, in the organisation's calendar.
  LocalBuckets buckets(org_zone(c));
  std::string key = buckets.sql("e.started_at");
  std::map<std::string, std::pair<int64_t, int64_t>> by_month;
  for (auto& r : c.query("SELECT " + key + " AS m, COUNT(*), COALESCE(SUM(e.amount), 0)" + kEncounterFrom + ew.sql() +
                             " GROUP BY " + key,
                         ew.params())) {
    auto& m = by_month[buckets.month(r.str(0))];
    m.first += r.i64(1);
    m.second += r.i64(2);
  }
  size_t skip = by_month.size() > 12 ? by_month.size() - 12 : 0;
  for (auto& [month, m] : by_month) {
    if (skip) {
      --skip;
      continue;
    }
    months.push_back({{"month", month}, {"count", m.first}, {"amount", m.second}});
  }
  out["encounters_by_month"] = months;
  json cats = json::array();
  for (auto& r : c.query("SELECT c.category, COUNT(*) FROM customers c" + cw.sql() + " GROUP BY c.category ORDER BY c.category",
                         cw.params()))
    cats.push_back({{"category", r.str(0)}, {"count", r.i64(1)}});
  out["customers_by_category"] = cats;
  return out;
}

}  // namespace servq::service
