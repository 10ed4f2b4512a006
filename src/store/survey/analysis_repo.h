// What a survey analysis reads: the folded cells of a slice, the raw responses of a slice (all
// of them, or only those the folder has not reached), the units and staff a slice names (within
// the caller's scope) and the labels of a ranking's rows.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/scope.h"
#include "store/database.h"

namespace servq::store::survey {

// Which responses a slice holds, besides its survey and period.
struct SliceFilter {
  std::optional<std::vector<int64_t>> unit_ids;  // a unit's subtree
  std::optional<int64_t> staff_id;
  std::optional<std::string> category, channel;
  std::optional<int64_t> campaign_id;
};

// ---- cells ----

struct SliceCell {
  std::string period, data;  // data: the encoded sums
  int64_t unit_id = 0, staff_id = 0;
};

// The cells of `grain` ("m" or "d") of a slice, within [first, last] periods when given. The
// cells read are the narrowest roll-up that answers the filter: per staff member when
// `staff_cells` (a staff filter, or a ranking by staff), else the roll-up over category, channel
// and campaign when none of those is filtered, else the per-filter cells.
std::vector<SliceCell> slice_cells(Connection& c, int64_t survey_id, const SliceFilter& f, bool staff_cells,
                                   const std::string& grain,
                                   const std::optional<std::pair<std::string, std::string>>& periods = std::nullopt);

// ---- raw responses ----

struct SliceResponse {
  std::string submitted_at, answers;  // answers: JSON text
  std::optional<int64_t> unit_id, staff_id;
};

// The responses of a slice submitted within [from, to] (UTC ISO-8601, either end optional).
// `unfolded_only`: just those the folder has not reached yet — found through the partial index
// on folded alone and filtered here, so that no other index tempts the planner into reading the
// whole slice.
std::vector<SliceResponse> slice_responses(Connection& c, int64_t survey_id, const SliceFilter& f,
                                           const std::optional<std::string>& from, const std::optional<std::string>& to,
                                           bool unfolded_only);

// ---- what a slice names (org tables, narrowly) ----

// The code of the unit with this id.
std::optional<std::string> unit_code(Connection& c, int64_t unit_id);

// The ids of the subtree of the unit `code` when the scope's figures reach that unit; nullopt
// when there is no such unit or it is out of reach.
std::optional<std::vector<int64_t>> figure_subtree(Connection& c, const UnitScope& scope, const std::string& code);

struct SliceStaff {
  int64_t id = 0;
  bool in_scope = false;  // the scope's figures reach the staff member's unit
};
std::optional<SliceStaff> find_slice_staff(Connection& c, const UnitScope& scope, const std::string& employee_code);

// A ranking row's label: unit code and name, or employee code and name.
struct Label {
  int64_t id = 0;
  std::string key, name;
};
std::vector<Label> unit_labels(Connection& c);
std::vector<Label> staff_labels(Connection& c);

}  // namespace servq::store::survey
