// The feedback cases table (PRODUCT.md F1–F4): typed case rows, the list filters, the caller's
// reach over cases applied in SQL, inserts (with the search index), the workflow's updates, the
// overdue sweep's claims and the per-year reference numbers.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/scope.h"
#include "core/text.h"
#include "store/database.h"
#include "store/filter.h"
#include "store/page.h"

namespace servq::store::feedback {

// One case as the API shows it, with the codes and path of its unit and staff.
struct FeedbackCase {
  int64_t id = 0;
  std::string reference;
  std::optional<std::string> external_id;
  std::string received_at, channel, kind;
  std::optional<int64_t> customer_id;
  std::optional<std::string> customer_name, customer_phone, customer_address;
  std::string content;
  std::optional<std::string> unit_code, staff_code, unit_path;
  std::string category, severity, status, handler, receiver;
  std::optional<std::string> resolution, unfounded_explanation;
  int64_t callback_attempts = 0, reopen_count = 0;
  std::optional<std::string> acknowledged_at, resolved_at, closed_at, ack_due, resolve_due, callback_due;
  std::optional<int64_t> receiver_id, staff_id;
};

// The case list's filters; every one is optional. Enumerated values are checked by the caller.
struct CaseFilter {
  std::vector<std::string> statuses, kinds, channels, categories, severities;
  std::optional<std::string> unit_path;   // the unit's subtree
  std::optional<std::string> staff_code;  // employee code
  std::optional<std::string> from, to;    // received_at, ISO-8601 UTC; `to` exclusive
  std::optional<std::string> overdue_at;  // past a due time at this instant
  // "My queue": cases the user received and still handles (or must call back), the open cases
  // escalated to the heads of `head_subtree`, and for quality every resolved case.
  struct Mine {
    int64_t user_id = 0;
    std::optional<std::string> head_subtree;
    bool all_resolved = false;
  };
  std::optional<Mine> mine;
  // Search terms (core/text prepare_query); `public_only` searches reference and content only.
  std::optional<text::SearchQuery> search;
  bool public_only = true;
};

enum class CaseOrder { newest_first, oldest_first, next_due };

// Adds the caller's reach over cases to `w`: the cases of the units in scope and always those the
// caller received (`own`: also those naming their staff record).
void restrict_to_cases_in_reach(Connection& c, const UnitScope& scope, Where& w);
// The WHERE of `scope` and `f` together (counts and measures group over it).
Where case_conditions(Connection& c, const UnitScope& scope, const CaseFilter& f);

Page<FeedbackCase> list(Connection& c, const UnitScope& scope, const CaseFilter& f, CaseOrder order,
                        const PageRequest& page);
// Every match, newest first, at most `limit` (exports).
std::vector<FeedbackCase> list_all(Connection& c, const UnitScope& scope, const CaseFilter& f, int64_t limit);
// The case when the scope reaches it; `lock_for_update` row-locks it for the transaction.
std::optional<FeedbackCase> find(Connection& c, const UnitScope& scope, int64_t id, bool lock_for_update = false);
bool external_id_taken(Connection& c, const std::string& external_id);
std::set<std::string> external_ids(Connection& c);

// What a new case stores; the search columns are the folded texts (core/text.h).
struct CaseRecord {
  std::string reference;
  std::optional<std::string> external_id;
  std::string received_at, channel, kind;
  std::optional<int64_t> customer_id;
  std::optional<std::string> customer_name, customer_phone, customer_address;
  std::string content;
  std::optional<int64_t> unit_id, staff_id;
  std::string category, severity, status = "received", handler = "receiver";
  std::optional<int64_t> receiver_id;
  std::string receiver;
  std::optional<std::string> ack_due, resolve_due, acknowledged_at, resolved_at, closed_at;
  std::optional<int64_t> resolved_on_time, first_response_seconds;
  std::string search, search_public, created_at, updated_at;
};
// Inserts cases one statement each and indexes them for search (SQLite: the FTS rows last, in few
// statements, as FTS5 flushes its pending terms at each later statement). Returns their ids.
std::vector<int64_t> insert(Connection& c, const std::vector<CaseRecord>& cases);
// The same with multi-row statements (benchmark data); ids are not returned.
void insert_bulk(Connection& c, const std::vector<CaseRecord>& cases);

// A workflow step's changes to one case; unset fields stay as they are.
struct CaseUpdate {
  std::string status, handler;
  int64_t callback_attempts = 0;
  std::string updated_at;
  std::optional<std::string> acknowledged_at;  // with first_response_seconds
  int64_t first_response_seconds = 0;
  std::optional<std::string> unfounded_explanation;
  struct Resolution {
    std::string text, resolved_at, callback_due;
    bool on_time = false;
  };
  std::optional<Resolution> resolution;
  std::optional<std::string> callback_done_at;  // kept when already set
  bool reopened = false;                        // counts one more reopening
  std::optional<std::string> closed_at;
};
void update(Connection& c, int64_t id, const CaseUpdate& u);

// The imported state of a case from a legacy book (acknowledged on receipt).
struct ImportedState {
  std::string status;
  std::optional<std::string> resolution, resolved_at, closed_at;
  std::optional<int64_t> resolved_on_time;
};
void set_imported_state(Connection& c, int64_t id, const ImportedState& s);

// One step of a case's past, written at the time it happened (the demo replays a year of cases):
// only the fields set change. Unlike update(), it leaves updated_at and callback_attempts as they
// are, and a resolution may come without a callback due (a praise closed at once).
struct PastStep {
  std::optional<std::string> status, handler;
  std::optional<std::string> acknowledged_at;  // with first_response_seconds
  int64_t first_response_seconds = 0;
  std::optional<std::string> unfounded_explanation;
  std::optional<std::string> resolution, resolved_at, callback_due;
  std::optional<bool> resolved_on_time;
  std::optional<std::string> callback_done_at;  // kept when already set
  bool reopened = false;                        // counts one more reopening
  std::optional<std::string> closed_at;
};
// Does nothing for a step that sets nothing.
void write_past_step(Connection& c, int64_t id, const PastStep& s);

// The deadline sweep: cases past a due time at `now` not yet escalated, at most `limit`.
struct OverdueCase {
  int64_t id = 0;
  std::string status, handler;
  std::optional<std::string> ack_due, resolve_due, callback_due;
};
std::vector<OverdueCase> overdue_not_escalated(Connection& c, const std::string& now, int64_t limit);
// Marks the case escalated (to the unit head while open and with a unit); false when another
// sweep claimed it first.
bool claim_escalation(Connection& c, int64_t id, const std::string& now);

// Reference numbers: the next number of (prefix, year), counted and locked in one statement.
int64_t next_reference_number(Connection& c, const std::string& prefix, int64_t year);
int64_t last_reference_number(Connection& c, const std::string& prefix);  // over all years, 0 if none
void set_reference_number(Connection& c, const std::string& prefix, int64_t year, int64_t last);

}  // namespace servq::store::feedback
