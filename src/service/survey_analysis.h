// Survey analysis (PRODUCT.md S4; docs/api.md "Analysis"). Responses are folded into
// survey_cells — sufficient statistics per survey × month/day × unit × staff × category ×
// channel × campaign — by a background job; an analysis adds up the cells of its slice plus the
// few responses not folded yet, and turns the sums into figures with src/stats. Nothing here
// re-reads the raw responses of a slice unless asked to (`naive`, for comparison and tests).
#pragma once
#include <memory>

#include "core/survey/questionnaire.h"
#include "service/common.h"

namespace servq::service {

// Sums of responses per cell, added to survey_cells by flush() (inside the caller's transaction).
// The folder and the bulk generators use it.
class CellBatch {
 public:
  // Day and month keys are cut in `zone`, the organisation's.
  explicit CellBatch(timeutil::Zone zone);
  ~CellBatch();
  void add(const survey::Questionnaire& q, int64_t survey_id, std::optional<int64_t> unit_id, std::optional<int64_t> staff_id,
           const std::string& category, const std::string& channel, std::optional<int64_t> campaign_id,
           const std::string& submitted_at, const survey::Scored& s);
  void flush(store::Connection& c);
  size_t cells() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Folds up to `limit` unfolded responses into survey_cells in one transaction; returns how many.
int64_t fold_responses(store::Database& db, int64_t limit = 20000);
// Copies the SQLite write-ahead log into the database file without blocking writers (the
// intake writer leaves that to this background call); a no-op on PostgreSQL.
void checkpoint(store::Database& db);
// Folds until nothing is left.
int64_t fold_all(store::Database& db);

// The analysis JSON of docs/api.md. Filters in q: from, to, unit, staff, category, channel,
// campaign, compare_from, compare_to, min_group. `naive` computes from the raw responses.
Result<json> analyze_survey(store::Database& db, const Actor& a, int64_t survey_id, const ListQuery& q,
                            bool naive = false);
// Per unit or staff: n, csat, nps, mean of the overall question; suppressed below min_group.
Result<json> survey_ranking(store::Database& db, const Actor& a, int64_t survey_id, const ListQuery& q);

}  // namespace servq::service
