// Aggregates over the feedback cases in reach of a scope and matching a filter: case counts per
// attribute, unit or time bucket, and the complaint-handling measures (on-time resolution, first
// response, callbacks) per unit, staff member or time bucket. Time buckets are prefixes of the
// stored UTC text ("2026-03-01T08" for the hour); the caller folds them into local periods.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/feedback/cases_repo.h"

namespace servq::store::feedback {

// What the cases are grouped by. unit and staff group by id (as text); received_bucket by the
// first `bucket_chars` characters of received_at.
enum class CaseGroup { channel, kind, category, severity, status, unit, staff, received_bucket };
struct Grouping {
  CaseGroup by = CaseGroup::unit;
  size_t bucket_chars = 13;
};

struct CaseCount {
  std::optional<std::string> key;  // null: cases without a value (no unit ...)
  int64_t cases = 0;
};
// Largest group first, then by key; time buckets in no particular order.
std::vector<CaseCount> count_cases(Connection& c, const UnitScope& scope, const CaseFilter& f, const Grouping& g);

// How the complaints of one group were handled.
struct ComplaintHandling {
  std::optional<std::string> key;
  int64_t complaints = 0;
  int64_t resolved = 0;
  int64_t resolved_on_time = 0;
  int64_t due = 0;  // resolved, or still open past the resolve deadline at `now`
  int64_t callbacks_done = 0;
  int64_t first_responses = 0;         // cases with a first response
  int64_t first_response_seconds = 0;  // their sum
};
// Over the cases matching `f` (the caller restricts kinds to complaints), ordered by key.
std::vector<ComplaintHandling> complaint_handling(Connection& c, const UnitScope& scope, const CaseFilter& f,
                                                  const Grouping& g, const std::string& now);

}  // namespace servq::store::feedback
