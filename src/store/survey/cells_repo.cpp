#include "store/survey/cells_repo.h"

#include "store/dialect.h"

namespace servq::store::survey {

namespace {
// The advisory lock both writers of cells take on PostgreSQL.
constexpr int64_t kCellWriters = 5310001;

Params key_params(const CellKey& k) {
  return {k.survey_id, k.grain, k.period, k.unit_id, k.staff_id, k.category, k.channel, k.campaign_id};
}
}  // namespace

void refold_all(Connection& c) {
  c.execute("DELETE FROM survey_cells");
  c.execute("UPDATE survey_responses SET folded = 0 WHERE folded <> 0");
}

void take_cell_writers_turn(Connection& c) { dialect::take_turn(c, kCellWriters); }

std::optional<std::string> cell_data(Connection& c, const CellKey& k) {
  auto r = c.query_one(
      "SELECT data FROM survey_cells WHERE survey_id = ? AND grain = ? AND period = ? AND unit_id = ? AND staff_id = ? "
      "AND category = ? AND channel = ? AND campaign_id = ?",
      key_params(k));
  if (!r) return std::nullopt;
  return r->str("data");
}

void put_cell(Connection& c, const CellKey& k, int64_t n, const std::string& data) {
  c.execute(
      "INSERT INTO survey_cells (survey_id, grain, period, unit_id, staff_id, category, channel, campaign_id, n, data) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (survey_id, grain, staff_id, period, unit_id, category, channel, "
      "campaign_id) DO UPDATE SET n = excluded.n, data = excluded.data",
      {k.survey_id, k.grain, k.period, k.unit_id, k.staff_id, k.category, k.channel, k.campaign_id, n, data});
}

}  // namespace servq::store::survey
