// Shared pieces of the use cases: the clock, list paging, SQL filter building, audit records.
// Service functions take the caller (Actor), run inside one transaction and return Result<json>
// shaped exactly as the API documents (docs/api.md); http/ only serialises them.
#pragma once
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "core/access.h"
#include "core/clock.h"
#include "core/scope.h"
#include "core/result.h"
#include "core/time.h"
#include "store/database.h"
#include "store/filter.h"
#include "service/context.h"

namespace servq::service {

using json = nlohmann::json;

// The service layer's clock: the system clock unless the process set another (SERVQ_NOW, tests).
// Every use case reads the time through it; set it once at start-up, before serving.
const Clock& clock();
void set_clock(std::shared_ptr<const Clock> c);
std::string now_iso();
int64_t now_unix();

struct ListQuery {
  std::map<std::string, std::string> params;  // every query parameter except paging
  std::string q;
  int64_t page = 1;
  int64_t page_size = 50;
  std::string get(const std::string& k) const {
    auto it = params.find(k);
    return it == params.end() ? std::string() : it->second;
  }
  bool has(const std::string& k) const { return params.count(k) && !params.at(k).empty(); }
};

// Query building lives in the store (store/filter.h); these names stay for the services that
// still assemble filters while their SQL moves into repositories.
using store::like_pattern;
using store::restrict_to_figures;
using store::unit_subtree_in;
using store::Where;

// Grouping by the organisation's calendar without backend-specific SQL: the SQL groups stored UTC
// text by a prefix — the hour, or the minute in a zone whose offset is not a whole number of
// hours — and C++ folds those buckets into local months or days (an hour never straddles two).
class LocalBuckets {
 public:
  explicit LocalBuckets(timeutil::Zone zone);
  // How many leading characters of the stored UTC text make one bucket: 13 (the hour) or 16
  // (the minute, in a zone whose offset is not a whole number of hours). Repositories group by
  // that prefix (store::org::encounter_totals, store::feedback::count_cases).
  size_t prefix_chars() const { return prefix_; }
  std::string month(const std::string& bucket);      // "YYYY-MM" local, of the bucket's start
  std::string date(const std::string& bucket);       // "YYYY-MM-DD" local

 private:
  int64_t start_of(const std::string& bucket) const;
  timeutil::LocalCalendar cal_;
  size_t prefix_;
};

json page_json(json items, int64_t total, const ListQuery& q);

// The organisation's default phone region (setting `phone_region`, VN unless changed): numbers
// written without a country code belong to it.
std::string phone_region(store::Connection& c);

// Appends one line to the append-only audit log, inside the caller's transaction.
void audit(store::Connection& c, const Actor& who, const std::string& action, const std::string& entity,
           const std::string& entity_id, const json& before, const json& after);
// The same by the context's actor at the context's clock.
void audit(const Context& cx, store::Connection& c, const std::string& action, const std::string& entity,
           const std::string& entity_id, const json& before, const json& after);

// Expected-failure helpers for request bodies.
Result<std::string> require_string(const json& body, const char* field, const std::string& code_prefix,
                                   size_t max_len = 200);
std::optional<std::string> optional_string(const json& body, const char* field);
bool is_string_or_null(const json& body, const char* field);

// A system actor for the CLI and background jobs.
Actor system_actor(const std::string& name = "system");

}  // namespace servq::service
