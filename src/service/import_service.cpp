#include "service/import_service.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"

namespace servq::service {
namespace {

using store::Params;
using store::Tx;
using store::Value;

constexpr size_t kBatch = 400;

Value opt_text(const std::string& s) { return s.empty() ? store::null_value() : Value(s); }

// Inserts rows in multi-row statements: far fewer round trips on PostgreSQL, fewer statements
// on SQLite.
class BatchInsert {
 public:
  BatchInsert(store::Connection& c, std::string head, size_t columns)
      : c_(c), head_(std::move(head)), columns_(columns) {}
  void add(Params row) {
    for (auto& v : row) params_.push_back(std::move(v));
    if (++rows_ == kBatch) flush();
  }
  void flush() {
    if (!rows_) return;
    std::string tuple = "(";
    for (size_t i = 0; i < columns_; ++i) tuple += i ? ", ?" : "?";
    tuple += ")";
    std::string sql = head_ + " VALUES ";
    for (size_t i = 0; i < rows_; ++i) sql += (i ? ", " : "") + tuple;
    c_.execute(sql, params_);
    params_.clear();
    rows_ = 0;
  }

 private:
  store::Connection& c_;
  std::string head_;
  size_t columns_;
  Params params_;
  size_t rows_ = 0;
};

void tick(const Progress& p, std::string_view phase, size_t done, size_t total) {
  if (p && (done % 10000 == 0 || done == total)) p(phase, done, total);
}

Result<csv::Table> parse_with_progress(std::string_view data, const Progress& progress) {
  if (progress) progress("parse", 0, 0);
  return csv::parse(data);
}

}  // namespace

Result<ImportOutcome> import_customers(store::Database& db, const Actor& a, std::string_view data, bool dry_run,
                                       const Progress& progress) {
  if (!access::can_import(a)) return forbidden("only admin and quality import data");
  auto table = parse_with_progress(data, progress);
  if (!table) return table.error();
  auto parsed = org::customers_from_csv(*table);
  ImportOutcome out;
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  // Existing customers, by the keys a new row may collide on.
  std::unordered_map<std::string, std::string> phone_owner, email_owner;  // -> external_id or "#id"
  std::unordered_set<std::string> known_ids;
  for (auto& r : c.query("SELECT id, external_id, phone, email FROM customers")) {
    std::string owner = r.opt(1) ? *r.opt(1) : "#" + r.str(0);
    if (r.opt(1)) known_ids.insert(*r.opt(1));
    if (r.opt(2)) phone_owner[*r.opt(2)] = owner;
    if (r.opt(3)) email_owner[*r.opt(3)] = owner;
  }
  std::unordered_set<std::string> file_ids;
  for (const auto& row : parsed.rows) file_ids.insert(row.external_id);
  std::vector<bool> fresh(parsed.rows.size(), false);
  size_t created = 0, unchanged = 0;
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    const auto& row = parsed.rows[i];
    size_t line = parsed.lines[i];
    tick(progress, "validate", i + 1, parsed.rows.size());
    if (known_ids.count(row.external_id)) {
      ++unchanged;
      continue;
    }
    auto clash = [&](const std::unordered_map<std::string, std::string>& owners,
                     const std::optional<std::string>& key, const char* field) {
      if (!key) return;
      auto it = owners.find(*key);
      if (it != owners.end())
        parsed.errors.push_back({line, field, "import.duplicate_in_database",
                                 std::string(field) + " already belongs to customer " + it->second});
    };
    clash(phone_owner, row.phone, "phone");
    clash(email_owner, row.email, "email");
    if (row.referred_by && !known_ids.count(*row.referred_by) && !file_ids.count(*row.referred_by))
      parsed.errors.push_back({line, "referred_by", "import.referred_by_unknown",
                               "referred_by '" + *row.referred_by + "' is neither stored nor in this file"});
    if (row.referred_by && *row.referred_by == row.external_id)
      parsed.errors.push_back({line, "referred_by", "import.referred_by_self", "a customer cannot refer themselves"});
    fresh[i] = true;
    ++created;
  }
  if (!parsed.errors.empty()) {
    std::stable_sort(parsed.errors.begin(), parsed.errors.end(),
                     [](const auto& x, const auto& y) { return x.line < y.line; });
    out.errors = std::move(parsed.errors);
    return out;  // the transaction rolls back: nothing stored
  }
  std::string now = now_iso();
  BatchInsert ins(c,
                  "INSERT INTO customers (external_id, name, phone, email, address, category, tier, consent_contact, "
                  "consent_survey, search, created_at, updated_at)",
                  12);
  size_t written = 0;
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    if (!fresh[i]) continue;
    const auto& r = parsed.rows[i];
    ins.add({opt_text(r.external_id), r.name, store::opt_value(r.phone), store::opt_value(r.email),
             store::opt_value(r.address), r.category, store::opt_value(r.tier), int64_t{r.consent_contact},
             int64_t{r.consent_survey},
             text::fold(r.name) + " " + r.external_id + " " + r.phone.value_or("") + " " + r.email.value_or(""), now,
             now});
    tick(progress, "write", ++written, created);
  }
  ins.flush();
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    const auto& r = parsed.rows[i];
    if (fresh[i] && r.referred_by)
      c.execute("UPDATE customers SET referred_by_id = (SELECT id FROM customers WHERE external_id = ?) "
                "WHERE external_id = ?",
                {*r.referred_by, r.external_id});
  }
  out.report = {{"kind", "customers"}, {"total", parsed.rows.size()}, {"created", created},
                {"updated", 0},        {"unchanged", unchanged},     {"dry_run", dry_run}};
  if (!dry_run) {
    audit(c, a, "import", "customer", "", nullptr, out.report);
    tx.commit();
  }
  return out;
}

Result<ImportOutcome> import_encounters(store::Database& db, const Actor& a, std::string_view data, bool dry_run,
                                        const Progress& progress) {
  if (!access::can_import(a)) return forbidden("only admin and quality import data");
  auto table = parse_with_progress(data, progress);
  if (!table) return table.error();
  auto parsed = org::encounters_from_csv(*table);
  ImportOutcome out;
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  std::unordered_map<std::string, int64_t> units, staff, phones;
  std::unordered_set<int64_t> customer_ids;
  std::unordered_set<std::string> known;
  for (auto& r : c.query("SELECT code, id FROM units")) units[r.str(0)] = r.i64(1);
  for (auto& r : c.query("SELECT employee_code, id FROM staff")) staff[r.str(0)] = r.i64(1);
  for (auto& r : c.query("SELECT id, phone FROM customers")) {
    customer_ids.insert(r.i64(0));
    if (r.opt(1)) phones[*r.opt(1)] = r.i64(0);
  }
  for (auto& r : c.query("SELECT external_id FROM encounters WHERE external_id IS NOT NULL")) known.insert(r.str(0));
  struct Resolved {
    int64_t customer = 0, unit = 0;
    std::optional<int64_t> staff;
    bool fresh = false;
  };
  std::vector<Resolved> res(parsed.rows.size());
  size_t created = 0, unchanged = 0;
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    const auto& row = parsed.rows[i];
    size_t line = parsed.lines[i];
    tick(progress, "validate", i + 1, parsed.rows.size());
    if (known.count(row.external_id)) {
      ++unchanged;
      continue;
    }
    auto& rv = res[i];
    if (row.customer_id) {
      if (!customer_ids.count(*row.customer_id))
        parsed.errors.push_back({line, "customer", "import.customer_unknown", "no customer has this id"});
      rv.customer = *row.customer_id;
    } else if (row.customer_phone) {
      auto it = phones.find(*row.customer_phone);
      if (it == phones.end())
        parsed.errors.push_back({line, "customer_phone", "import.customer_unknown",
                                 "no customer has this phone number; import the customers first"});
      else
        rv.customer = it->second;
    }
    auto u = units.find(row.unit);
    if (u == units.end())
      parsed.errors.push_back({line, "unit", "import.unit_unknown", "unit '" + row.unit + "' does not exist"});
    else
      rv.unit = u->second;
    if (row.staff) {
      auto s = staff.find(*row.staff);
      if (s == staff.end())
        parsed.errors.push_back({line, "staff", "import.staff_unknown", "staff '" + *row.staff + "' does not exist"});
      else
        rv.staff = s->second;
    }
    rv.fresh = true;
    ++created;
  }
  if (!parsed.errors.empty()) {
    std::stable_sort(parsed.errors.begin(), parsed.errors.end(),
                     [](const auto& x, const auto& y) { return x.line < y.line; });
    out.errors = std::move(parsed.errors);
    return out;
  }
  std::string now = now_iso();
  BatchInsert ins(c,
                  "INSERT INTO encounters (external_id, customer_id, unit_id, staff_id, service, started_at, amount, "
                  "converted, created_at)",
                  9);
  size_t written = 0;
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    if (!res[i].fresh) continue;
    const auto& r = parsed.rows[i];
    ins.add({opt_text(r.external_id), res[i].customer, res[i].unit, store::opt_value(res[i].staff), r.service,
             r.started_at, r.amount, int64_t{r.converted}, now});
    tick(progress, "write", ++written, created);
  }
  ins.flush();
  out.report = {{"kind", "encounters"}, {"total", parsed.rows.size()}, {"created", created},
                {"updated", 0},         {"unchanged", unchanged},     {"dry_run", dry_run}};
  if (!dry_run) {
    audit(c, a, "import", "encounter", "", nullptr, out.report);
    tx.commit();
  }
  return out;
}

}  // namespace servq::service
