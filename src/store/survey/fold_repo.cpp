#include "store/survey/fold_repo.h"

#include <algorithm>

#include "store/filter.h"

namespace servq::store::survey {

namespace {
constexpr std::string_view kSelectUnfolded =
    "SELECT id, survey_id, unit_id, staff_id, campaign_id, category, channel, submitted_at, answers "
    "FROM survey_responses";

// Reads the rows of kSelectUnfolded, moving the answers out of them.
std::vector<UnfoldedResponse> read_unfolded(std::vector<Row>& rows) {
  std::vector<UnfoldedResponse> out;
  if (rows.empty()) return out;
  out.reserve(rows.size());
  const Row& f = rows.front();
  auto id = f.col("id"), survey = f.col("survey_id"), unit = f.col("unit_id"), staff = f.col("staff_id"),
       campaign = f.col("campaign_id"), category = f.col("category"), channel = f.col("channel"),
       submitted = f.col("submitted_at"), answers = f.col("answers");
  for (auto& r : rows) {
    UnfoldedResponse u;
    u.id = *r.int_at(id);
    u.survey_id = *r.int_at(survey);
    u.unit_id = r.int_at(unit);
    u.staff_id = r.int_at(staff);
    u.campaign_id = r.int_at(campaign);
    u.category = r.at(category).value_or("");
    u.channel = *r.at(channel);
    u.submitted_at = *r.at(submitted);
    u.answers = std::move(*r.cols.at(answers.i));
    out.push_back(std::move(u));
  }
  return out;
}
}  // namespace

std::vector<UnfoldedResponse> unfolded_responses(Connection& c, int64_t limit) {
  auto rows = c.query(std::string(kSelectUnfolded) + " WHERE folded = 0 ORDER BY id LIMIT ?", {limit});
  return read_unfolded(rows);
}

void mark_folded(Connection& c, const std::vector<int64_t>& ids) {
  for (size_t i = 0; i < ids.size(); i += 500) {
    size_t n = std::min<size_t>(500, ids.size() - i);
    Params p(ids.begin() + static_cast<std::ptrdiff_t>(i), ids.begin() + static_cast<std::ptrdiff_t>(i + n));
    c.execute("UPDATE survey_responses SET folded = 1 WHERE id IN " + placeholders(n), p);
  }
}

}  // namespace servq::store::survey
