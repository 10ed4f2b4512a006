#include "service/import_service.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "service/settings/org_settings.h"
#include "store/dialect.h"
#include "store/org/customers_repo.h"
#include "store/org/encounters_repo.h"
#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"

namespace servq::service {
namespace {

using store::Tx;

namespace org_store = store::org;

std::optional<std::string> opt_text(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

void tick(const Progress& p, std::string_view phase, size_t done, size_t total) {
  if (p && (done % 10000 == 0 || done == total)) p(phase, done, total);
}

}  // namespace

Result<csv::Table> read_import_file(const Actor& a, std::string_view data, const Progress& progress,
                                    const ImportOptions& options) {
  if (!access::can_import(a)) return forbidden("only admin and quality import data");
  if (progress) progress("parse", 0, 0);
  return csv::parse(data, 2'000'000, options.encoding);
}

Result<ImportOutcome> import_customers(store::Database& db, const Actor& a, std::string_view data, bool dry_run,
                                       const Progress& progress, const ImportOptions& options) {
  auto table = read_import_file(a, data, progress, options);
  if (!table) return table.error();
  ImportOutcome out;
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  const std::string region = phone_region(c);
  auto parsed = org::customers_from_csv(*table, region);
  // Serialise imports (and other writers of this table) so that validation sees what the
  // write will meet; SQLite's BEGIN IMMEDIATE already does this.
  store::dialect::lock_for_writers(c, "customers");
  // Existing customers: their current values, and the owners of each phone and e-mail.
  struct Stored {
    org::CustomerInput c;
  };
  std::unordered_map<std::string, Stored> stored;                          // by external_id
  std::unordered_map<std::string, std::string> phone_owner, email_owner;  // -> external_id or "#id"
  for (auto& r : org_store::all_customer_records(c)) {
    std::string owner = r.external_id ? *r.external_id : std::string("#").append(std::to_string(r.id));
    if (r.phone) phone_owner[*r.phone] = owner;
    if (r.email) email_owner[*r.email] = owner;
    if (!r.external_id) continue;
    org::CustomerInput in;
    in.external_id = *r.external_id;
    in.phone = std::move(r.phone);
    in.email = std::move(r.email);
    in.name = std::move(r.name);
    in.address = std::move(r.address);
    in.category = std::move(r.category);
    in.referred_by = std::move(r.referred_by);
    in.tier = std::move(r.tier);
    in.consent_contact = r.consent_contact;
    in.consent_survey = r.consent_survey;
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
  auto fields = [&region](const org::CustomerInput& r) { return org_store::customer_fields(r, region); };
  // Updates first, so that a phone or e-mail moved from one customer to another is free again.
  for (size_t i = 0; i < parsed.rows.size(); ++i)
    if (action[i] == Action::update) org_store::update_customer_by_external_id(c, fields(parsed.rows[i]), now);
  org_store::CustomerWriter ins(c);
  size_t written = 0;
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    if (action[i] != Action::create) continue;
    ins.add(fields(parsed.rows[i]), now);
    tick(progress, "write", ++written, created);
  }
  ins.flush();
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    const auto& r = parsed.rows[i];
    if (action[i] == Action::update || (action[i] == Action::create && r.referred_by))
      org_store::set_referrer_by_external_id(c, r.external_id, r.referred_by);
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
  auto table = read_import_file(a, data, progress, options);
  if (!table) return table.error();
  ImportOutcome out;
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  const std::string region = phone_region(c);
  auto parsed = org::encounters_from_csv(*table, region, org_zone(c), options.date_order);  // started_at without offset: local
  store::dialect::lock_for_writers(c, "encounters");
  std::unordered_map<std::string, int64_t> phones;
  std::unordered_set<int64_t> customer_ids;
  const auto units = org_store::unit_ids_by_code(c);
  const auto staff = org_store::staff_ids_by_code(c);
  for (auto& [id, phone] : org_store::customer_phones(c)) {
    customer_ids.insert(id);
    if (phone) phones[*phone] = id;
  }
  struct Resolved {
    int64_t customer = 0, unit = 0;
    std::optional<int64_t> staff;
    bool fresh = false;   // to insert
    bool update = false;  // stored under this external_id with other values
  };
  std::unordered_map<std::string, org_store::EncounterFields> stored;
  for (auto& e : org_store::encounters_with_external_id(c)) {
    std::string key = *e.external_id;
    stored.emplace(std::move(key), std::move(e));
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
    } else if (st->second.customer_id == rv.customer && st->second.unit_id == rv.unit &&
               st->second.staff_id == rv.staff && st->second.service == row.service &&
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
  auto fields = [&](size_t i) {
    const auto& r = parsed.rows[i];
    return org_store::EncounterFields{opt_text(r.external_id),
                                      res[i].customer,
                                      res[i].unit,
                                      res[i].staff,
                                      r.service,
                                      r.started_at,
                                      r.amount,
                                      r.converted};
  };
  org_store::EncounterWriter ins(c);
  size_t written = 0;
  for (size_t i = 0; i < parsed.rows.size(); ++i) {
    if (!res[i].fresh) continue;
    ins.add(fields(i), now);
    tick(progress, "write", ++written, created);
  }
  ins.flush();
  for (size_t i = 0; i < parsed.rows.size(); ++i)
    if (res[i].update) org_store::update_encounter_by_external_id(c, fields(i));
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
