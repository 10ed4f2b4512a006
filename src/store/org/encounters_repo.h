// Service encounters (PRODUCT.md O4): a customer served in a unit, perhaps by a staff member, at
// a time, for an amount (smallest currency unit). A head reaches the encounters of their unit
// subtree, a staff member their own; every scoped read applies that rule in SQL.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/batch_insert.h"
#include "store/page.h"

namespace servq::store::org {

// What an encounter records: the columns its writers set.
struct EncounterFields {
  std::optional<std::string> external_id;
  int64_t customer_id = 0, unit_id = 0;
  std::optional<int64_t> staff_id;
  std::string service, started_at;
  int64_t amount = 0;
  bool converted = false;
};

// An encounter as lists and detail pages show it: its fields and the labels of what it refers to.
struct Encounter : EncounterFields {
  int64_t id = 0;
  std::string customer_name;
  std::string unit_code, unit_path;
  std::optional<std::string> staff_code;
};

struct EncounterFilter {
  std::optional<std::string> unit_path;  // the encounters of this unit's subtree
  std::optional<std::string> staff_code;
  std::optional<int64_t> customer_id;
  std::optional<std::string> from, to;  // ISO-8601 UTC; `to` exclusive
  std::optional<std::string> text;      // the external_id, or part of the service (lower case)
};

// Newest first.
Page<Encounter> list_encounters(Connection& c, const UnitScope& scope, const EncounterFilter& f,
                                const PageRequest& page);
std::optional<Encounter> find_visible_encounter(Connection& c, const UnitScope& scope, int64_t id);
// Unscoped: for reading back what the caller has just written.
std::optional<Encounter> find_encounter(Connection& c, int64_t id);
// The encounter stored under this external_id, other than `except_id` (0: none excepted).
std::optional<int64_t> encounter_id_by_external_id(Connection& c, const std::string& external_id,
                                                   int64_t except_id = 0);

int64_t count_encounters(Connection& c, const UnitScope& scope);
struct EncounterTotals {
  std::string bucket;
  int64_t count = 0, amount = 0;
};
// Counts and amounts grouped by the first `bucket_chars` characters of started_at (stored UTC
// text: 13 = the hour); the service folds the buckets into the organisation's calendar
// (LocalBuckets, which knows its time zone).
std::vector<EncounterTotals> encounter_totals(Connection& c, const UnitScope& scope, size_t bucket_chars);

int64_t insert_encounter(Connection& c, const EncounterFields& f, const std::string& now);
void update_encounter(Connection& c, int64_t id, const EncounterFields& f);

// ---- imports ----
// The encounters stored under an external_id.
std::vector<EncounterFields> encounters_with_external_id(Connection& c);
// Updates the encounter stored under f.external_id.
void update_encounter_by_external_id(Connection& c, const EncounterFields& f);
// Inserts encounters in batches; flush() at the end.
class EncounterWriter {
 public:
  explicit EncounterWriter(Connection& c);
  void add(const EncounterFields& f, const std::string& now);
  void flush() { batch_.flush(); }

 private:
  BatchInsert batch_;
};

}  // namespace servq::store::org
