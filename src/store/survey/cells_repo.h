// The survey cells: per-question counts folded from the responses by day and month of the
// organisation's calendar (written by the survey folder, read by the analysis).
#pragma once
#include "store/database.h"

namespace servq::store::survey {

// Drops every cell and marks every response unfolded, so the folder rebuilds the cells (after
// the organisation's time zone changed: day and month keys are cut in it).
void refold_all(Connection& c);

}  // namespace servq::store::survey
