#include "store/org/customers_repo.h"

#include "store/filter.h"
#include "store/org/paging.h"

namespace servq::store::org {

namespace {

constexpr std::string_view kRecordFrom = " FROM customers c LEFT JOIN customers r ON r.id = c.referred_by_id";
constexpr std::string_view kRecordSelect =
    "SELECT c.id, c.external_id, c.name, c.phone, c.email, c.address, c.category, c.referred_by_id, "
    "r.external_id AS referred_by, c.tier, c.consent_contact, c.consent_survey";

CustomerRecord read_record(const Row& r) {
  CustomerRecord c;
  c.id = r.i64("id");
  c.external_id = r.opt("external_id");
  c.name = r.str("name");
  c.phone = r.opt("phone");
  c.email = r.opt("email");
  c.address = r.opt("address");
  c.category = r.str("category");
  c.referred_by_id = r.opt_i64("referred_by_id");
  c.referred_by = r.opt("referred_by");
  c.tier = r.opt("tier");
  c.consent_contact = r.boolean("consent_contact");
  c.consent_survey = r.boolean("consent_survey");
  return c;
}

constexpr std::string_view kVisitColumns =
    ", (SELECT MIN(e.started_at) FROM encounters e WHERE e.customer_id = c.id) AS first_visit"
    ", (SELECT MAX(e.started_at) FROM encounters e WHERE e.customer_id = c.id) AS last_visit";

Customer read(const Row& r) {
  Customer c;
  static_cast<CustomerRecord&>(c) = read_record(r);
  c.first_visit = r.opt("first_visit");
  c.last_visit = r.opt("last_visit");
  return c;
}

std::string select_customers() {
  return std::string(kRecordSelect) + std::string(kVisitColumns) + std::string(kRecordFrom);
}

// Customers a head or staff member may see: those who visited their unit subtree (or them), and
// those their unit registered.
void restrict_to_scope(Connection& c, const UnitScope& scope, Where& w) {
  switch (scope.kind()) {
    case UnitScope::Kind::all:
      return;
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
    case UnitScope::Kind::none:
      w.add("1 = 0");
      return;
  }
}

std::optional<int64_t> visible_id(Connection& c, const UnitScope& scope, const std::string& cond, const Params& params) {
  Where w;
  w.add(cond, params);
  restrict_to_scope(c, scope, w);
  auto r = c.query_one("SELECT c.id FROM customers c" + w.sql(), w.params());
  if (!r) return std::nullopt;
  return r->i64("id");
}

const char* key_column(CustomerKey k) {
  switch (k) {
    case CustomerKey::external_id:
      return "external_id";
    case CustomerKey::phone:
      return "phone";
    case CustomerKey::email:
      return "email";
  }
  return "id";
}

}  // namespace

Page<Customer> list_customers(Connection& c, const UnitScope& scope, const CustomerFilter& f, const PageRequest& page) {
  Where w;
  restrict_to_scope(c, scope, w);
  if (f.category) w.add("c.category = ?", {*f.category});
  if (f.search) w.add("c.search LIKE ? ESCAPE '\\'", {*f.search});
  if (f.external_id) w.add("c.external_id = ?", {*f.external_id});
  Page<Customer> out;
  out.total = c.scalar("SELECT COUNT(*) FROM customers c" + w.sql(), w.params());
  const Params p = with_page(w.params(), page);
  for (auto& r : c.query(select_customers() + w.sql() + " ORDER BY c.id DESC LIMIT ? OFFSET ?", p))
    out.items.push_back(read(r));
  return out;
}

std::optional<Customer> find_visible_customer(Connection& c, const UnitScope& scope, int64_t id) {
  Where w;
  w.add("c.id = ?", {id});
  restrict_to_scope(c, scope, w);
  auto r = c.query_one(select_customers() + w.sql(), w.params());
  if (!r) return std::nullopt;
  return read(*r);
}

std::optional<Customer> find_customer(Connection& c, int64_t id) {
  auto r = c.query_one(select_customers() + " WHERE c.id = ?", {id});
  if (!r) return std::nullopt;
  return read(*r);
}

std::optional<int64_t> visible_customer_id(Connection& c, const UnitScope& scope, int64_t id) {
  return visible_id(c, scope, "c.id = ?", {id});
}

std::optional<int64_t> visible_customer_id_by_phone(Connection& c, const UnitScope& scope, const std::string& phone) {
  return visible_id(c, scope, "c.phone = ?", {phone});
}

std::optional<int64_t> customer_id_by(Connection& c, CustomerKey key, const std::string& value, int64_t except_id) {
  auto r = c.query_one("SELECT id FROM customers WHERE " + std::string(key_column(key)) + " = ? AND id <> ?",
                       {value, except_id});
  if (!r) return std::nullopt;
  return r->i64("id");
}

int64_t count_customers(Connection& c, const UnitScope& scope) {
  Where w;
  restrict_to_scope(c, scope, w);
  return c.scalar("SELECT COUNT(*) FROM customers c" + w.sql(), w.params());
}

std::vector<CategoryCount> customers_by_category(Connection& c, const UnitScope& scope) {
  Where w;
  restrict_to_scope(c, scope, w);
  std::vector<CategoryCount> out;
  for (auto& r : c.query(
           "SELECT c.category, COUNT(*) AS n FROM customers c" + w.sql() + " GROUP BY c.category ORDER BY c.category",
           w.params()))
    out.push_back({r.str("category"), r.i64("n")});
  return out;
}

CustomerFields customer_fields(const servq::org::CustomerInput& in, std::string_view region) {
  CustomerFields f;
  if (!in.external_id.empty()) f.external_id = in.external_id;
  f.name = in.name;
  f.phone = in.phone;
  f.email = in.email;
  f.address = in.address;
  f.category = in.category;
  f.tier = in.tier;
  f.consent_contact = in.consent_contact;
  f.consent_survey = in.consent_survey;
  f.search = servq::org::customer_search_text(in, region);
  return f;
}

int64_t insert_customer(Connection& c, const CustomerFields& f, const std::string& now) {
  return c
      .query_one(
          "INSERT INTO customers (external_id, name, phone, email, address, category, referred_by_id, tier, "
          "consent_contact, consent_survey, home_unit_id, search, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {opt_value(f.external_id), f.name, opt_value(f.phone), opt_value(f.email), opt_value(f.address), f.category,
           opt_value(f.referred_by_id), opt_value(f.tier), int64_t{f.consent_contact}, int64_t{f.consent_survey},
           opt_value(f.home_unit_id), f.search, now, now})
      ->i64("id");
}

void update_customer(Connection& c, int64_t id, const CustomerFields& f, const std::string& now) {
  c.execute(
      "UPDATE customers SET external_id = ?, name = ?, phone = ?, email = ?, address = ?, category = ?, "
      "referred_by_id = ?, tier = ?, consent_contact = ?, consent_survey = ?, search = ?, updated_at = ? WHERE id = ?",
      {opt_value(f.external_id), f.name, opt_value(f.phone), opt_value(f.email), opt_value(f.address), f.category,
       opt_value(f.referred_by_id), opt_value(f.tier), int64_t{f.consent_contact}, int64_t{f.consent_survey}, f.search,
       now, id});
}

void delete_customer(Connection& c, int64_t id) {
  c.execute("DELETE FROM customers WHERE id = ?", {id});
}

std::vector<std::pair<int64_t, std::string>> phones_not_e164(Connection& c, int64_t after_id, int64_t limit) {
  std::vector<std::pair<int64_t, std::string>> out;
  for (auto& r : c.query("SELECT id, phone FROM customers WHERE id > ? AND phone IS NOT NULL AND phone NOT LIKE '+%' "
                         "ORDER BY id LIMIT ?",
                         {after_id, limit}))
    out.emplace_back(r.i64("id"), r.str("phone"));
  return out;
}

std::optional<CustomerHoldings> find_customer_holdings(Connection& c, int64_t id) {
  auto r = c.query_one(
      "SELECT c.id, c.external_id, c.name, c.phone, c.email, c.created_at, "
      "(SELECT COUNT(*) FROM encounters e WHERE e.customer_id = c.id) AS encounters, "
      "(SELECT COUNT(*) FROM feedback f WHERE f.customer_id = c.id) AS feedback, "
      "(SELECT COUNT(*) FROM survey_responses s WHERE s.customer_id = c.id) AS responses "
      "FROM customers c WHERE c.id = ?",
      {id});
  if (!r) return std::nullopt;
  return CustomerHoldings{r->i64("id"),         r->opt("external_id"), r->str("name"),
                          r->opt("phone"),      r->opt("email"),       r->str("created_at"),
                          r->i64("encounters"), r->i64("feedback"),    r->i64("responses")};
}

MovedRecords move_customer_records(Connection& c, int64_t from, int64_t to) {
  auto move = [&](const char* table, const char* column) {
    return c.execute("UPDATE " + std::string(table) + " SET " + column + " = ? WHERE " + column + " = ?", {to, from});
  };
  MovedRecords m;
  m.encounters = move("encounters", "customer_id");
  m.feedback = move("feedback", "customer_id");
  m.invitations = move("survey_invitations", "customer_id");
  m.responses = move("survey_responses", "customer_id");
  m.referrals = move("customers", "referred_by_id");
  return m;
}

std::vector<CustomerRecord> all_customer_records(Connection& c) {
  std::vector<CustomerRecord> out;
  for (auto& r : c.query(std::string(kRecordSelect) + std::string(kRecordFrom))) out.push_back(read_record(r));
  return out;
}

std::vector<std::pair<int64_t, std::optional<std::string>>> customer_phones(Connection& c) {
  std::vector<std::pair<int64_t, std::optional<std::string>>> out;
  for (auto& r : c.query("SELECT id, phone FROM customers")) out.emplace_back(r.i64("id"), r.opt("phone"));
  return out;
}

void update_customer_by_external_id(Connection& c, const CustomerFields& f, const std::string& now) {
  c.execute(
      "UPDATE customers SET name = ?, phone = ?, email = ?, address = ?, category = ?, tier = ?, consent_contact = ?, "
      "consent_survey = ?, search = ?, updated_at = ? WHERE external_id = ?",
      {f.name, opt_value(f.phone), opt_value(f.email), opt_value(f.address), f.category, opt_value(f.tier),
       int64_t{f.consent_contact}, int64_t{f.consent_survey}, f.search, now, opt_value(f.external_id)});
}

void set_referrer_by_external_id(Connection& c, const std::string& external_id,
                                 const std::optional<std::string>& referrer_external_id) {
  c.execute(
      "UPDATE customers SET referred_by_id = (SELECT id FROM customers WHERE external_id = ?) WHERE external_id = ?",
      {opt_value(referrer_external_id), external_id});
}

CustomerWriter::CustomerWriter(Connection& c)
    : batch_(c,
             "INSERT INTO customers (external_id, name, phone, email, address, category, tier, consent_contact, "
             "consent_survey, search, created_at, updated_at)",
             12) {}

void CustomerWriter::add(const CustomerFields& f, const std::string& now) {
  batch_.add({opt_value(f.external_id), f.name, opt_value(f.phone), opt_value(f.email), opt_value(f.address),
              f.category, opt_value(f.tier), int64_t{f.consent_contact}, int64_t{f.consent_survey}, f.search, now,
              now});
}

}  // namespace servq::store::org
