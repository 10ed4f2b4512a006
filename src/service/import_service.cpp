#include "service/import_service.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "service/settings_service.h"

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

Result<csv::Table> parse_with_progress(std::string_view data, const Progress& progress, const ImportOptions& o) {
  if (progress) progress("parse", 0, 0);
  return csv::parse(data, 2'000'000, o.encoding);
}

}  // namespace

Result<ImportOutcome> import_customers(store::Database& db, const Actor& a, std::string_view data, bool dry_run,
                                       const Progress& progress, const ImportOptions& options) {
  if (!access::can_import(a)) return forbidden("only admin and quality import data");
  auto table = parse_with_progress(data, progress, options);
  if (!table) return table.error();
  ImportOutcome out;
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  const std::string region = phone_region(c);
  auto parsed = org::customers_from_csv(*table, region);
  // Serialise imports (and other writers of this table) so that validation sees what the
  // write will meet; SQLite's BEGIN IMMEDIATE already does this.
  if (c.backend() == store::Backend::postgresql) c.exec_script("LOCK TABLE customers IN SHARE ROW EXCLUSIVE MODE");
  // Existing customers: their current values, and the owners of each phone and e-mail.
  struct Stored {
    org::CustomerInput c;
  };
  std::unordered_map<std::string, Stored> stored;                          // by external_id
  std::unordered_map<std::string, std::string> phone_owner, email_owner;  // -> external_id or "#id"
  for (auto& r : c.query(
           "SELECT c.id, c.external_id, c.phone, c.email, c.name, c.address, c.category, r.external_id, c.tier, "
           "c.consent_contact, c.consent_survey FROM customers c LEFT JOIN customers r ON r.id = c.referred_by_id")) {
    std::string owner = r.opt(1) ? *r.opt(1) : "#" + r.str(0);
    if (r.opt(2)) phone_owner[*r.opt(2)] = owner;
    if (r.opt(3)) email_owner[*r.opt(3)] = owner;
    if (!r.opt(1)) continue;
    org::CustomerInput in;
    in.external_id = *r.opt(1);
    in.phone = r.opt(2);
    in.email = r.opt(3);
    in.name = r.str(4);
    in.address = r.opt(5);
    in.category = r.str(6);
    in.referred_by = r.opt(7);
    in.tier = r.opt(8);
    in.consent_contact = r.boolean(9);
    in.consent_survey = r.boolean(10);
    std::string key = in.external_id;
    stored.emplace(std::move(key), Stored{std::move(in)});
  }
  std::unordered_set<std::string> file_ids;
  for (const auto& row : parsed.rows) file_ids.insert(row.external_id);
  enum class Action { none, create, update };
  std::vector<Action> action(parsed.rows.size(), Action::none);
  size_t created = 0, updated = 0, unchanged = 0;
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    const auto& row = parsed.rows[i];
    size_t line = parsed.lines[i];
    tick(progress, "validate", i + 1, parsed.rows.size());
    auto it = stored.find(row.external_id);
    if (it != stored.end()) {
      const auto& old = it->second.c;
      bool same = old.name == row.name && old.phone == row.phone && old.email == row.email &&
                  old.address == row.address && old.category == row.category && old.referred_by == row.referred_by &&
                  old.tier == row.tier && old.consent_contact == row.consent_contact &&
                  old.consent_survey == row.consent_survey;
      if (same) {
        ++unchanged;
        continue;
      }
    }
    auto clash = [&](const std::unordered_map<std::string, std::string>& owners,
                     const std::optional<std::string>& key, const char* field) {
      if (!key) return;
      auto o = owners.find(*key);
      if (o != owners.end() && o->second != row.external_id)
        parsed.errors.push_back({line, field, "import.duplicate_in_database",
                                 std::string(field) + " already belongs to customer " + o->second});
    };
    clash(phone_owner, row.phone, "phone");
    clash(email_owner, row.email, "email");
    if (row.referred_by && !stored.count(*row.referred_by) && !file_ids.count(*row.referred_by))
      parsed.errors.push_back({line, "referred_by", "import.referred_by_unknown",
                               "referred_by '" + *row.referred_by + "' is neither stored nor in this file"});
    if (row.referred_by && *row.referred_by == row.external_id)
      parsed.errors.push_back({line, "referred_by", "import.referred_by_self", "a customer cannot refer themselves"});
    if (it == stored.end()) {
      action[i] = Action::create;
      ++created;
    } else {
      action[i] = Action::update;
      ++updated;
    }
  }
  if (!parsed.errors.empty()) {
    std::stable_sort(parsed.errors.begin(), parsed.errors.end(),
                     [](const auto& x, const auto& y) { return x.line < y.line; });
    org::number_rows(parsed.errors, *table);
    out.errors = std::move(parsed.errors);
    return out;  // the transaction rolls back: nothing stored
  }
  std::string now = now_iso();
  auto search = [&region](const org::CustomerInput& r) { return org::customer_search_text(r, region); };
  // Updates first, so that a phone or e-mail moved from one customer to another is free again.
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    if (action[i] != Action::update) continue;
    const auto& r = parsed.rows[i];
    c.execute(
        "UPDATE customers SET name = ?, phone = ?, email = ?, address = ?, category = ?, tier = ?, consent_contact = ?, "
        "consent_survey = ?, search = ?, updated_at = ? WHERE external_id = ?",
        {r.name, store::opt_value(r.phone), store::opt_value(r.email), store::opt_value(r.address), r.category,
         store::opt_value(r.tier), int64_t{r.consent_contact}, int64_t{r.consent_survey}, search(r), now, r.external_id});
  }
  BatchInsert ins(c,
                  "INSERT INTO customers (external_id, name, phone, email, address, category, tier, consent_contact, "
                  "consent_survey, search, created_at, updated_at)",
                  12);
  size_t written = 0;
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    if (action[i] != Action::create) continue;
    const auto& r = parsed.rows[i];
    ins.add({opt_text(r.external_id), r.name, store::opt_value(r.phone), store::opt_value(r.email),
             store::opt_value(r.address), r.category, store::opt_value(r.tier), int64_t{r.consent_contact},
             int64_t{r.consent_survey}, search(r), now, now});
    tick(progress, "write", ++written, created);
  }
  ins.flush();
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    const auto& r = parsed.rows[i];
    if (action[i] == Action::update || (action[i] == Action::create && r.referred_by))
      c.execute("UPDATE customers SET referred_by_id = (SELECT id FROM customers WHERE external_id = ?) "
                "WHERE external_id = ?",
                {r.referred_by ? Value(*r.referred_by) : store::null_value(), r.external_id});
  }
  out.report = {{"kind", "customers"}, {"total", parsed.rows.size()}, {"created", created},
                {"updated", updated},  {"unchanged", unchanged},     {"dry_run", dry_run}};
  if (!dry_run) {
    audit(c, a, "import", "customer", "", nullptr, out.report);
    tx.commit();
    store::refresh_statistics(c, {"customers"});
  }
  return out;
}

Result<ImportOutcome> import_encounters(store::Database& db, const Actor& a, std::string_view data, bool dry_run,
                                        const Progress& progress, const ImportOptions& options) {
  if (!access::can_import(a)) return forbidden("only admin and quality import data");
  auto table = parse_with_progress(data, progress, options);
  if (!table) return table.error();
  ImportOutcome out;
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  const std::string region = phone_region(c);
  auto parsed = org::encounters_from_csv(*table, region, org_zone(c), options.date_order);  // started_at without offset: local
  if (c.backend() == store::Backend::postgresql) c.exec_script("LOCK TABLE encounters IN SHARE ROW EXCLUSIVE MODE");
  std::unordered_map<std::string, int64_t> units, staff, phones;
  std::unordered_set<int64_t> customer_ids;
  for (auto& r : c.query("SELECT code, id FROM units")) units[r.str(0)] = r.i64(1);
  for (auto& r : c.query("SELECT employee_code, id FROM staff")) staff[r.str(0)] = r.i64(1);
  for (auto& r : c.query("SELECT id, phone FROM customers")) {
    customer_ids.insert(r.i64(0));
    if (r.opt(1)) phones[*r.opt(1)] = r.i64(0);
  }
  struct Resolved {
    int64_t customer = 0, unit = 0;
    std::optional<int64_t> staff;
    bool fresh = false;   // to insert
    bool update = false;  // stored under this external_id with other values
  };
  struct StoredEncounter {
    Resolved ids;
    std::string service, started_at;
    int64_t amount = 0;
    bool converted = false;
  };
  std::unordered_map<std::string, StoredEncounter> stored;
  for (auto& r : c.query("SELECT external_id, customer_id, unit_id, staff_id, service, started_at, amount, converted "
                         "FROM encounters WHERE external_id IS NOT NULL")) {
    stored[r.str(0)] = {{r.i64(1), r.i64(2), r.opt_i64(3)}, r.str(4), r.str(5), r.i64(6), r.boolean(7)};
  }
  std::vector<Resolved> res(parsed.rows.size());
  size_t created = 0, updated = 0, unchanged = 0;
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    const auto& row = parsed.rows[i];
    size_t line = parsed.lines[i];
    tick(progress, "validate", i + 1, parsed.rows.size());
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
    auto st = stored.find(row.external_id);
    if (st == stored.end()) {
      rv.fresh = true;
      ++created;
    } else if (st->second.ids.customer == rv.customer && st->second.ids.unit == rv.unit &&
               st->second.ids.staff == rv.staff && st->second.service == row.service &&
               st->second.started_at == row.started_at && st->second.amount == row.amount &&
               st->second.converted == row.converted) {
      ++unchanged;
    } else {
      rv.update = true;
      ++updated;
    }
  }
  if (!parsed.errors.empty()) {
    std::stable_sort(parsed.errors.begin(), parsed.errors.end(),
                     [](const auto& x, const auto& y) { return x.line < y.line; });
    org::number_rows(parsed.errors, *table);
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
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    if (!res[i].update) continue;
    const auto& r = parsed.rows[i];
    c.execute("UPDATE encounters SET customer_id = ?, unit_id = ?, staff_id = ?, service = ?, started_at = ?, amount = ?, "
              "converted = ? WHERE external_id = ?",
              {res[i].customer, res[i].unit, store::opt_value(res[i].staff), r.service, r.started_at, r.amount,
               int64_t{r.converted}, r.external_id});
  }
  out.report = {{"kind", "encounters"}, {"total", parsed.rows.size()}, {"created", created},
                {"updated", updated},   {"unchanged", unchanged},     {"dry_run", dry_run}};
  if (!dry_run) {
    audit(c, a, "import", "encounter", "", nullptr, out.report);
    tx.commit();
    store::refresh_statistics(c, {"encounters"});
  }
  return out;
}

}  // namespace servq::service
