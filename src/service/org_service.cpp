#include "service/org_service.h"

#include <algorithm>
#include <unordered_map>

#include "core/org/records.h"
#include "core/phone.h"
#include "core/text.h"
#include "core/time.h"
#include "service/settings/org_settings.h"
#include "store/org/customers_repo.h"
#include "store/org/encounters_repo.h"
#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"

namespace servq::service {
namespace {

using store::Connection;
using store::Tx;
namespace org_store = store::org;

// ---- units -------------------------------------------------------------------------------

struct UnitIndex {
  std::vector<org_store::Unit> rows;
  std::unordered_map<int64_t, size_t> by_id;
  explicit UnitIndex(Connection& c) {
    rows = org_store::list_units(c);
    for (size_t i = 0; i < rows.size(); ++i) by_id[rows[i].id] = i;
    // Depth-first, siblings by code: sort by the path of codes, not by creation order.
    std::vector<std::pair<std::string, size_t>> keys;
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string key;
      for (auto& code : code_path(rows[i])) key += code + '\x01';
      keys.push_back({key, i});
    }
    std::sort(keys.begin(), keys.end());
    std::vector<org_store::Unit> sorted;
    for (auto& [k, i] : keys) sorted.push_back(rows[i]);
    rows = std::move(sorted);
    by_id.clear();
    for (size_t i = 0; i < rows.size(); ++i) by_id[rows[i].id] = i;
  }
  std::vector<std::string> code_path(const org_store::Unit& u) const {
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
  const org_store::Unit* get(int64_t id) const {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &rows[it->second];
  }
  json to_json(const org_store::Unit& u) const {
    json path = code_path(u);
    json j = {{"id", u.id}, {"code", u.code}, {"name", u.name}, {"parent", nullptr}, {"head", nullptr},
              {"path", path}};
    if (u.parent_id)
      if (auto* p = get(*u.parent_id)) j["parent"] = p->code;
    if (u.head_code) j["head"] = *u.head_code;
    return j;
  }
};

Result<std::optional<int64_t>> resolve_staff_code(Connection& c, const json& body, const char* field,
                                                  const std::string& prefix) {
  if (!body.contains(field) || body[field].is_null()) return std::optional<int64_t>{};
  if (!body[field].is_string())
    return invalid(prefix + "." + field + "_invalid", field, std::string(field) + " must be an employee code");
  auto s = org_store::find_staff_by_code(c, body[field].get<std::string>());
  if (!s)
    return invalid(prefix + "." + field + "_unknown", field,
                   std::string(field) + " '" + body[field].get<std::string>() + "' is not a staff member");
  return std::optional<int64_t>{s->id};
}

}  // namespace

std::optional<UnitRef> find_unit(Connection& c, const std::string& code) {
  auto u = org_store::find_unit_by_code(c, code);
  if (!u) return std::nullopt;
  return UnitRef{u->id, u->code, u->path};
}

Result<json> list_units(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  UnitIndex idx(*lease);
  std::string folded = text::fold(q.q);
  json items = json::array();
  std::vector<const org_store::Unit*> matches;
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
  if (org_store::find_unit_by_code(c, *code))
    return conflict("unit.duplicate", "code", "a unit with code " + *code + " exists");
  std::string parent_path = "/";
  org_store::UnitFields f{*code, *name, std::nullopt, std::nullopt, text::fold(*code + " " + *name)};
  if (auto p = optional_string(body, "parent")) {
    auto pu = org_store::find_unit_by_code(c, *p);
    if (!pu) return invalid("unit.parent_unknown", "parent", "parent unit '" + *p + "' does not exist");
    parent_path = pu->path;
    f.parent_id = pu->id;
  }
  auto head = resolve_staff_code(c, body, "head", "unit");
  if (!head) return head.error();
  f.head_staff_id = *head;
  int64_t id = org_store::insert_unit(c, f, parent_path, now_iso());
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
  org_store::UnitFields f{u->code, u->name, u->parent_id, u->head_staff_id, ""};
  if (body.contains("name")) {
    auto n = require_string(body, "name", "unit");
    if (!n) return n.error();
    f.name = *n;
  }
  if (body.contains("head")) {
    auto h = resolve_staff_code(c, body, "head", "unit");
    if (!h) return h.error();
    f.head_staff_id = *h;
  }
  std::string now = now_iso();
  if (body.contains("parent")) {
    if (!is_string_or_null(body, "parent"))
      return invalid("unit.parent_invalid", "parent", "parent must be a unit code or null");
    std::optional<int64_t> parent_id;
    std::string parent_path = "/";
    if (auto p = optional_string(body, "parent")) {
      auto pu = org_store::find_unit_by_code(c, *p);
      if (!pu) return invalid("unit.parent_unknown", "parent", "parent unit '" + *p + "' does not exist");
      if (pu->path.rfind(u->path, 0) == 0)
        return invalid("unit.cycle", "parent", "a unit cannot move under itself or one of its sub-units");
      parent_id = pu->id;
      parent_path = pu->path;
    }
    org_store::move_unit(c, id, u->path, parent_path + std::to_string(id) + "/", parent_id);
  }
  f.search = text::fold(u->code + " " + f.name);
  org_store::update_unit(c, id, f, now);
  UnitIndex after_idx(c);
  json after = after_idx.to_json(*after_idx.get(id));
  audit(c, a, "update", "unit", std::to_string(id), before, after);
  tx.commit();
  return after;
}

// ---- staff -------------------------------------------------------------------------------

namespace {

json staff_json(const org_store::Staff& s) {
  return {{"id", s.id},       {"employee_code", s.employee_code},
          {"name", s.name},   {"unit", s.unit_code},
          {"title", s.title}, {"active", s.active}};
}

// Admin and quality write anywhere, a head inside their unit subtree.
bool may_write_in(const Actor& a, const UnitScope& scope, const std::string& unit_path) {
  if (access::can_manage_org(a)) return true;
  return a.role == Role::head && scope.covers(unit_path);
}

std::string staff_search(const std::string& code, const std::string& name, const std::string& title) {
  return text::fold(code + " " + name + " " + title);
}

}  // namespace

Result<json> list_staff(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto& c = *lease;
  org_store::StaffFilter f;
  if (q.has("unit")) {
    auto u = org_store::find_unit_by_code(c, q.get("unit"));
    if (!u) return page_json(json::array(), 0, q);
    f.unit_path = u->path;
  }
  if (q.has("active")) f.active = q.get("active") == "true" || q.get("active") == "1";
  if (!q.q.empty()) f.search = like_pattern(text::fold(q.q));
  auto page = org_store::list_staff(c, UnitScope::of(a), f, {q.page, q.page_size});
  json items = json::array();
  for (const auto& s : page.items) items.push_back(staff_json(s));
  return page_json(items, page.total, q);
}

Result<json> get_staff(store::Database& db, const Actor& a, int64_t id) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto s = org_store::find_staff(*lease, id);
  if (!s || !UnitScope::of(a).figures_cover(s->unit_path)) return not_found("staff");
  return staff_json(*s);
}

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
  const auto scope = UnitScope::of(a);
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto u = org_store::find_unit_by_code(c, *unit);
  if (!u) return invalid("staff.unit_unknown", "unit", "unit '" + *unit + "' does not exist");
  if (!may_write_in(a, scope, u->path)) return forbidden("unit " + *unit + " is outside your unit");
  if (org_store::find_staff_by_code(c, *code))
    return conflict("staff.duplicate", "employee_code", "employee_code " + *code + " exists");
  int64_t id =
      org_store::insert_staff(c, {*code, *name, title, u->id, true, staff_search(*code, *name, title)}, now_iso());
  json out = staff_json(*org_store::find_staff(c, id));
  audit(c, a, "create", "staff", std::to_string(id), nullptr, out);
  tx.commit();
  return out;
}

Result<json> update_staff(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!access::can_write_staff(a)) return forbidden("your role cannot change staff");
  const auto scope = UnitScope::of(a);
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto s = org_store::find_staff(c, id);
  if (!s || !scope.figures_cover(s->unit_path)) return not_found("staff");
  if (!may_write_in(a, scope, s->unit_path)) return forbidden("this staff member is outside your unit");
  json before = staff_json(*s);
  org_store::StaffFields f{s->employee_code, s->name, s->title, s->unit_id, s->active, ""};
  if (body.contains("name")) {
    auto n = require_string(body, "name", "staff");
    if (!n) return n.error();
    f.name = *n;
  }
  if (body.contains("title")) {
    if (!is_string_or_null(body, "title")) return invalid("staff.title_invalid", "title", "title must be a string");
    f.title = optional_string(body, "title").value_or("");
  }
  if (body.contains("active")) {
    if (!body["active"].is_boolean()) return invalid("staff.active_invalid", "active", "active must be true or false");
    f.active = body["active"].get<bool>();
  }
  if (body.contains("unit")) {
    auto unit = require_string(body, "unit", "staff", 40);
    if (!unit) return unit.error();
    auto u = org_store::find_unit_by_code(c, *unit);
    if (!u) return invalid("staff.unit_unknown", "unit", "unit '" + *unit + "' does not exist");
    if (!may_write_in(a, scope, u->path)) return forbidden("unit " + *unit + " is outside your unit");
    f.unit_id = u->id;
  }
  f.search = staff_search(s->employee_code, f.name, f.title);
  org_store::update_staff(c, id, f, now_iso());
  json out = staff_json(*org_store::find_staff(c, id));
  audit(c, a, "update", "staff", std::to_string(id), before, out);
  tx.commit();
  return out;
}

// ---- customers ---------------------------------------------------------------------------

namespace {

json opt_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
std::optional<std::string> opt_text(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

json customer_json(const org_store::Customer& r, bool pii) {
  json j = {{"id", r.id},
            {"external_id", opt_json(r.external_id)},
            {"name", pii ? json(r.name) : json(nullptr)},
            {"phone", pii ? opt_json(r.phone) : json(nullptr)},
            {"email", pii ? opt_json(r.email) : json(nullptr)},
            {"address", pii ? opt_json(r.address) : json(nullptr)},
            {"category", r.category},
            {"referred_by", opt_json(r.referred_by)},
            {"tier", opt_json(r.tier)},
            {"consent_contact", r.consent_contact},
            {"consent_survey", r.consent_survey},
            {"first_visit", opt_json(r.first_visit)},
            {"last_visit", opt_json(r.last_visit)},
            {"pii_masked", !pii}};
  return j;
}

// Names the field that collides with another customer, or nothing.
std::optional<Error> customer_conflict(Connection& c, const org::CustomerInput& in, int64_t self) {
  using org_store::CustomerKey;
  if (!in.external_id.empty() && org_store::customer_id_by(c, CustomerKey::external_id, in.external_id, self))
    return conflict("customer.duplicate", "external_id", "another customer has this external_id");
  if (in.phone && org_store::customer_id_by(c, CustomerKey::phone, *in.phone, self))
    return conflict("customer.duplicate", "phone", "another customer has this phone number");
  if (in.email && org_store::customer_id_by(c, CustomerKey::email, *in.email, self))
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
  auto id = org_store::customer_id_by(c, org_store::CustomerKey::external_id, *in.referred_by);
  if (!id)
    return invalid("customer.referred_by_unknown", "referred_by",
                   "referred_by '" + *in.referred_by + "' is not a known customer external_id");
  return std::optional<int64_t>{*id};
}

org::CustomerInput customer_input(const org_store::CustomerRecord& r) {
  org::CustomerInput in;
  in.external_id = r.external_id.value_or("");
  in.name = r.name;
  in.phone = r.phone;
  in.email = r.email;
  in.address = r.address;
  in.category = r.category;
  in.referred_by = r.referred_by;
  in.tier = r.tier;
  in.consent_contact = r.consent_contact;
  in.consent_survey = r.consent_survey;
  return in;
}

org_store::CustomerFields customer_fields(const org::CustomerInput& in, std::optional<int64_t> referrer,
                                          std::string_view region) {
  auto f = org_store::customer_fields(in, region);
  f.referred_by_id = referrer;
  return f;
}

}  // namespace

std::optional<int64_t> visible_customer(Connection& c, const Actor& a, int64_t id) {
  return org_store::visible_customer_id(c, UnitScope::of(a), id);
}

std::optional<int64_t> visible_customer_by_phone(Connection& c, const Actor& a, const std::string& phone) {
  return org_store::visible_customer_id_by_phone(c, UnitScope::of(a), phone);
}

Result<json> list_customers(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto& c = *lease;
  const bool pii = access::sees_pii(a);
  org_store::CustomerFilter f;
  if (q.has("category")) f.category = q.get("category");
  if (!q.q.empty()) {
    if (pii) {
      std::string folded = text::fold(q.q);
      // A whole number in any written form finds its E.164 digits; part of one matches either
      // the E.164 or the national digits kept in `search`.
      const std::string region = phone_region(c);
      if (auto number = phone::query_number(q.q, region))
        folded = phone::search_key(*number, region);
      else if (auto digits = phone::partial_digits(q.q))
        folded = *digits;
      f.search = like_pattern(folded);
    } else {
      f.external_id = q.q;  // no searching by name or phone without the right to see them
    }
  }
  auto page = org_store::list_customers(c, UnitScope::of(a), f, {q.page, q.page_size});
  json items = json::array();
  for (const auto& r : page.items) items.push_back(customer_json(r, pii));
  return page_json(items, page.total, q);
}

Result<json> get_customer(store::Database& db, const Actor& a, int64_t id) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto r = org_store::find_visible_customer(*lease, UnitScope::of(a), id);
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
  auto f = customer_fields(*in, *ref, region);
  if (a.role == Role::head || a.role == Role::staff) f.home_unit_id = a.unit_id;
  int64_t id = org_store::insert_customer(c, f, now_iso());
  auto stored = org_store::find_customer(c, id);
  json out = customer_json(*stored, true);
  audit(c, a, "create", "customer", std::to_string(id), nullptr, out);
  tx.commit();
  if (!access::sees_pii(a)) out = customer_json(*stored, false);
  return out;
}

Result<json> update_customer(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!access::can_write_customers(a)) return forbidden("your role cannot change customers");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto r = org_store::find_visible_customer(c, UnitScope::of(a), id);
  if (!r) return not_found("customer");
  json before = customer_json(*r, true);
  const std::string region = phone_region(c);
  auto in = customer_from_json(body, customer_input(*r), region);
  if (!in) return in.error();
  if (auto e = customer_conflict(c, *in, id)) return *e;
  auto ref = resolve_referrer(c, *in);
  if (!ref) return ref.error();
  if (*ref && **ref == id) return invalid("customer.referred_by_self", "referred_by", "a customer cannot refer themselves");
  org_store::update_customer(c, id, customer_fields(*in, *ref, region), now_iso());
  auto stored = org_store::find_customer(c, id);
  json after = customer_json(*stored, true);
  audit(c, a, "update", "customer", std::to_string(id), before, after);
  tx.commit();
  if (!access::sees_pii(a)) return customer_json(*stored, false);
  return after;
}

namespace {

// A customer as a merge decision needs it: who, the numbers, and what hangs on the record.
json duplicate_member(Connection& c, int64_t id, const std::string& region) {
  auto r = org_store::find_customer_holdings(c, id);
  const std::optional<std::string>& stored = r->phone;
  return {{"id", r->id},
          {"external_id", opt_json(r->external_id)},
          {"name", r->name},
          {"phone", opt_json(stored)},
          {"phone_e164", stored && (*stored)[0] == '+'},
          {"phone_display", stored ? json(phone::display(*stored, region)) : json(nullptr)},
          {"email", opt_json(r->email)},
          {"created_at", r->created_at},
          {"encounters", r->encounters},
          {"feedback", r->feedback},
          {"responses", r->responses}};
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
    auto rows = org_store::phones_not_e164(c, last, 2000);
    if (rows.empty()) break;
    for (const auto& [id, stored] : rows) {
      last = id;
      if (auto e = phone::from_stored(stored, region))
        by_number[*e].push_back(last);
      else
        unreadable.push_back(last);
    }
  }
  json groups = json::array();
  for (auto& [number, ids] : by_number) {
    std::vector<int64_t> members;
    if (auto holder = org_store::customer_id_by(c, org_store::CustomerKey::phone, number)) members.push_back(*holder);
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
  const auto scope = UnitScope::of(a);
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto kr = org_store::find_visible_customer(c, scope, keep);
  if (!kr) return not_found("customer");
  auto dr = org_store::find_visible_customer(c, scope, dup);
  if (!dr) return Error{"customer.not_found", "customer not found", "duplicate", 404};
  const std::string region = phone_region(c);
  json before = {{"customer", customer_json(*kr, true)}, {"duplicate", customer_json(*dr, true)}};
  const org_store::Customer &k = *kr, &d = *dr;

  auto m = org_store::move_customer_records(c, dup, keep);
  json moved = {{"encounters", m.encounters},
                {"feedback", m.feedback},
                {"invitations", m.invitations},
                {"responses", m.responses},
                {"referrals", m.referrals}};
  // The kept record may have been referred by the duplicate (now itself): take the duplicate's referrer.
  int64_t referrer = k.referred_by_id.value_or(0);  // 0: none (ids start at 1)
  if (referrer == dup || referrer == keep) referrer = d.referred_by_id.value_or(0);
  if (referrer == dup || referrer == keep) referrer = 0;

  // The phone: an E.164 one wins over an old form; an old form is read again now that the
  // duplicate no longer holds its number.
  auto is_e164 = [](const std::optional<std::string>& p) { return p && !p->empty() && (*p)[0] == '+'; };
  std::optional<std::string> ph = k.phone;
  if (!is_e164(ph)) {
    if (is_e164(d.phone))
      ph = d.phone;
    else if (ph || d.phone) {
      const std::string old = ph ? *ph : *d.phone;
      auto e = phone::from_stored(old, region);
      ph = e ? *e : old;
    }
  }
  auto pick = [](const std::optional<std::string>& mine, const std::optional<std::string>& theirs) {
    return mine && !mine->empty() ? mine : theirs;
  };
  org_store::delete_customer(c, dup);
  if (ph && org_store::customer_id_by(c, org_store::CustomerKey::phone, *ph, keep))
    return conflict("customer.duplicate", "phone", "a third customer holds this phone number; merge that one too");
  org::CustomerInput merged;
  merged.external_id = pick(k.external_id, d.external_id).value_or("");
  merged.name = k.name;
  merged.phone = ph;
  merged.email = pick(k.email, d.email);
  merged.address = pick(k.address, d.address);
  merged.tier = pick(k.tier, d.tier);
  // Name, category and consents stay the kept record's.
  auto f = customer_fields(merged, referrer ? std::optional<int64_t>(referrer) : std::nullopt, region);
  f.category = k.category;
  f.consent_contact = k.consent_contact;
  f.consent_survey = k.consent_survey;
  org_store::update_customer(c, keep, f, now_iso());
  json after = {
      {"customer", customer_json(*org_store::find_customer(c, keep), true)}, {"merged", dup}, {"moved", moved}};
  audit(c, a, "merge", "customer", std::to_string(keep), before, after);
  tx.commit();
  return after;
}

// ---- encounters --------------------------------------------------------------------------

namespace {

json encounter_json(const org_store::Encounter& e, bool pii) {
  return {{"id", e.id},
          {"external_id", opt_json(e.external_id)},
          {"customer", e.customer_id},
          {"customer_name", pii ? json(e.customer_name) : json(nullptr)},
          {"unit", e.unit_code},
          {"staff", opt_json(e.staff_code)},
          {"service", e.service},
          {"started_at", e.started_at},
          {"amount", e.amount},
          {"converted", e.converted}};
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

// The stored fields of a checked encounter: its customer, unit and staff resolved within the
// caller's scope.
Result<org_store::EncounterFields> resolve_encounter(Connection& c, const Actor& a, const UnitScope& scope,
                                                     const org::EncounterInput& e) {
  org_store::EncounterFields out;
  // Customers are found only inside the caller's scope, and a customer outside it gets the same
  // answer as one that does not exist: the error must not tell whether a phone is known.
  if (e.customer_phone && !e.customer_id) {
    auto id = org_store::visible_customer_id_by_phone(c, scope, *e.customer_phone);
    if (!id)
      return invalid("encounter.customer_unknown", "customer_phone", "no customer you can see has this phone number");
    out.customer_id = *id;
  } else {
    auto id = org_store::visible_customer_id(c, scope, *e.customer_id);
    if (!id) return Error{"customer.not_found", "customer not found", "customer", 404};
    out.customer_id = *id;
  }
  auto u = org_store::find_unit_by_code(c, e.unit);
  if (!u) return invalid("encounter.unit_unknown", "unit", "unit '" + e.unit + "' does not exist");
  if (!may_write_in(a, scope, u->path)) return forbidden("unit " + e.unit + " is outside your unit");
  out.unit_id = u->id;
  if (e.staff) {
    auto s = org_store::find_staff_by_code(c, *e.staff);
    if (!s || !scope.covers(s->unit_path))
      return invalid("encounter.staff_unknown", "staff", "staff '" + *e.staff + "' does not exist in your units");
    out.staff_id = s->id;
  }
  out.external_id = opt_text(e.external_id);
  out.service = e.service;
  out.started_at = e.started_at;
  out.amount = e.amount;
  out.converted = e.converted;
  return out;
}

}  // namespace

Result<json> list_encounters(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto& c = *lease;
  org_store::EncounterFilter f;
  if (q.has("unit")) {
    auto u = org_store::find_unit_by_code(c, q.get("unit"));
    if (!u) return page_json(json::array(), 0, q);
    f.unit_path = u->path;
  }
  if (q.has("staff")) f.staff_code = q.get("staff");
  if (q.has("customer")) {
    try {
      f.customer_id = std::stoll(q.get("customer"));
    } catch (...) {
      return invalid("encounter.customer_invalid", "customer", "customer must be a customer id");
    }
  }
  // A bare date is the start of that local day (`to` exclusive), as in the feedback filters.
  auto zone = org_zone(c);
  for (auto [param, bound] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
    if (!q.has(param)) continue;
    auto t = timeutil::normalize_iso8601(q.get(param), zone);
    if (!t) return invalid(std::string("encounter.") + param + "_invalid", param, std::string(param) + " must be a date");
    *bound = *t;
  }
  if (!q.q.empty()) f.text = q.q;
  auto page = org_store::list_encounters(c, UnitScope::of(a), f, {q.page, q.page_size});
  json items = json::array();
  bool pii = access::sees_pii(a);
  for (const auto& e : page.items) items.push_back(encounter_json(e, pii));
  return page_json(items, page.total, q);
}

Result<json> get_encounter(store::Database& db, const Actor& a, int64_t id) {
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto r = org_store::find_visible_encounter(*lease, UnitScope::of(a), id);
  if (!r) return not_found("encounter");
  return encounter_json(*r, access::sees_pii(a));
}

Result<json> create_encounter(store::Database& db, const Actor& a, const json& body) {
  if (!access::can_write_encounters(a)) return forbidden("your role cannot record encounters");
  const auto scope = UnitScope::of(a);
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto in = encounter_from_json(body, {}, phone_region(c), org_zone(c));
  if (!in) return in.error();
  auto res = resolve_encounter(c, a, scope, *in);
  if (!res) return res.error();
  if (!in->external_id.empty() && org_store::encounter_id_by_external_id(c, in->external_id))
    return conflict("encounter.duplicate", "external_id", "an encounter with this external_id exists");
  int64_t id = org_store::insert_encounter(c, *res, now_iso());
  json out = encounter_json(*org_store::find_encounter(c, id), true);
  audit(c, a, "create", "encounter", std::to_string(id), nullptr, out);
  tx.commit();
  if (!access::sees_pii(a)) out["customer_name"] = nullptr;
  return out;
}

Result<json> update_encounter(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!access::can_write_encounters(a)) return forbidden("your role cannot change encounters");
  const auto scope = UnitScope::of(a);
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto r = org_store::find_visible_encounter(c, scope, id);
  if (!r) return not_found("encounter");
  json before = encounter_json(*r, true);
  org::EncounterInput cur;
  cur.external_id = r->external_id.value_or("");
  cur.customer_id = r->customer_id;
  cur.unit = r->unit_code;
  cur.staff = r->staff_code;
  cur.service = r->service;
  cur.started_at = r->started_at;
  cur.amount = r->amount;
  cur.converted = r->converted;
  auto in = encounter_from_json(body, cur, phone_region(c), org_zone(c));
  if (!in) return in.error();
  auto res = resolve_encounter(c, a, scope, *in);
  if (!res) return res.error();
  if (!in->external_id.empty() && org_store::encounter_id_by_external_id(c, in->external_id, id))
    return conflict("encounter.duplicate", "external_id", "an encounter with this external_id exists");
  org_store::update_encounter(c, id, *res);
  json after = encounter_json(*org_store::find_encounter(c, id), true);
  audit(c, a, "update", "encounter", std::to_string(id), before, after);
  tx.commit();
  if (!access::sees_pii(a)) after["customer_name"] = nullptr;
  return after;
}

// ---- overview ----------------------------------------------------------------------------

Result<json> overview(store::Database& db, const Actor& a) {
  const auto scope = UnitScope::of(a);
  auto lease = db.acquire();
  Tx tx(*lease, false);
  auto& c = *lease;
  json out;
  out["units"] = org_store::count_units(c, scope);
  out["staff"] = org_store::count_staff(c, scope);
  out["customers"] = org_store::count_customers(c, scope);
  out["encounters"] = org_store::count_encounters(c, scope);
  json months = json::array();
  // The last 12 months that have encounters, in the organisation's calendar.
  LocalBuckets buckets(org_zone(c));
  std::map<std::string, std::pair<int64_t, int64_t>> by_month;
  for (const auto& t : org_store::encounter_totals(c, scope, buckets.prefix_chars())) {
    auto& m = by_month[buckets.month(t.bucket)];
    m.first += t.count;
    m.second += t.amount;
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
  for (const auto& cc : org_store::customers_by_category(c, scope))
    cats.push_back({{"category", cc.category}, {"count", cc.count}});
  out["customers_by_category"] = cats;
  return out;
}

}  // namespace servq::service
