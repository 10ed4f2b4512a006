// Use cases of the feedback log and its closed loop (PRODUCT.md F1–F4, F6; docs/api.md
// "Feedback"): logging, the F2 workflow with its timeline, deadlines and the overdue sweep,
// search, counts and KPI measures, customer notifications and the legacy-book import.
#pragma once
#include "service/common.h"
#include "service/import_service.h"

namespace servq::service {

Result<json> list_feedback(store::Database& db, const Actor& a, const ListQuery& q);
// Every row matching the filters (no paging, at most `limit`), for exports.
Result<json> export_feedback_rows(store::Database& db, const Actor& a, const ListQuery& q, int64_t limit);
Result<json> get_feedback(store::Database& db, const Actor& a, int64_t id);
Result<json> create_feedback(store::Database& db, const Actor& a, const json& body);
Result<json> transition_feedback(store::Database& db, const Actor& a, int64_t id, const json& body);
Result<json> add_feedback_notification(store::Database& db, const Actor& a, int64_t id, const json& body);
Result<json> feedback_counts(store::Database& db, const Actor& a, const ListQuery& q);
Result<json> feedback_measures(store::Database& db, const Actor& a, const ListQuery& q);

Result<json> get_sla_policies(store::Database& db, const Actor& a);
Result<json> put_sla_policies(store::Database& db, const Actor& a, const json& body);

// The deadline job: flags cases past a due time and escalates them to the unit head, once per
// case. Safe to run from several servq instances at once. Returns how many it escalated.
int64_t sweep_overdue(store::Database& db, const std::string& now);

Result<ImportOutcome> import_feedback(store::Database& db, const Actor& a, std::string_view csv_data, bool dry_run,
                                      const Progress& progress = {}, const ImportOptions& options = {});

// Inserts one case inside the caller's transaction (demo and import use it too). `events`
// are appended to its timeline in order.
struct NewCase {
  std::string received_at, channel, kind, content, category = "other", severity = "medium";
  std::optional<std::string> external_id, customer_name, customer_phone, customer_address;
  std::optional<int64_t> customer_id, unit_id, staff_id, receiver_id;
  std::string receiver;
  std::string handler = "receiver";  // "unit_head" puts a new case straight in the head's queue (F5)
};
int64_t insert_case(store::Connection& c, const NewCase& n);
// Several at once (F5 cases of a batch of survey responses): the search index in one statement.
std::vector<int64_t> insert_cases(store::Connection& c, const std::vector<NewCase>& cases);
// Appends one line to a case's timeline (demo and import replay history with it).
void add_case_event(store::Connection& c, int64_t id, const Actor& a, const std::string& action, const std::string& from,
                    const std::string& to, const std::string& note, const json& data, const std::string& at);

}  // namespace servq::service

namespace servq::service {
// Synthetic cases for benchmarks: `count` cases spread over the last two years across the
// existing units, Vietnamese and Chinese texts, mixed statuses; multi-row inserts, one
// transaction per 10 000. Needs at least one unit.
Result<int64_t> generate_feedback(store::Database& db, int64_t count, uint64_t seed, const Progress& progress = {});
}  // namespace servq::service
