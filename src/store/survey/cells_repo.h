// The survey cells: per-question counts folded from the responses by day and month of the
// organisation's calendar (written by the survey folder, read by the analysis).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "store/database.h"

namespace servq::store::survey {

// Drops every cell and marks every response unfolded, so the folder rebuilds the cells (after
// the organisation's time zone changed: day and month keys are cut in it).
void refold_all(Connection& c);

// One cell: a survey's responses of one period ("m": "YYYY-MM", "d": "YYYY-MM-DD") for one
// unit, staff member, category, channel and campaign. 0 stands for "none" among the ids; "*"
// for "any" in category and channel (the roll-up cells).
struct CellKey {
  std::string grain, period;
  int64_t unit_id = 0, staff_id = 0;
  std::string category, channel;
  int64_t campaign_id = 0;
  int64_t survey_id = 0;
  auto tie() const { return std::tie(survey_id, grain, period, unit_id, staff_id, category, channel, campaign_id); }
  bool operator<(const CellKey& o) const { return tie() < o.tie(); }
};

// Writers of responses and of cells (intake, the folder) take turns: cells are read, added to
// and written back. Call first in the writing transaction.
void take_cell_writers_turn(Connection& c);

// The cell's encoded sums, nullopt when it has none yet.
std::optional<std::string> cell_data(Connection& c, const CellKey& k);
// Inserts or replaces the cell: `n` responses, sums encoded as text.
void put_cell(Connection& c, const CellKey& k, int64_t n, const std::string& data);

}  // namespace servq::store::survey
