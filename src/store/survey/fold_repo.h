// The folder's side of survey_responses: the responses not yet added to survey_cells, and the
// mark that they have been (the cells themselves: cells_repo).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace servq::store::survey {

struct UnfoldedResponse {
  int64_t id = 0, survey_id = 0;
  std::optional<int64_t> unit_id, staff_id, campaign_id;
  std::string category;  // "" when none
  std::string channel, submitted_at;
  std::string answers;  // JSON text
};

// Up to `limit` responses not folded yet, oldest id first.
std::vector<UnfoldedResponse> unfolded_responses(Connection& c, int64_t limit);

// Marks the responses folded (500 ids per statement).
void mark_folded(Connection& c, const std::vector<int64_t>& ids);

}  // namespace servq::store::survey
