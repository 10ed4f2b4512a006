#include "store/survey/kiosks_repo.h"

#include "store/filter.h"

namespace servq::store::survey {

namespace {
constexpr std::string_view kSelect =
    "SELECT k.id, k.code, u.code AS unit_code, u.name AS unit_name, k.created_at, "
    "(SELECT COUNT(*) FROM survey_responses r WHERE r.campaign_id = k.campaign_id AND r.channel = 'kiosk' "
    "AND r.unit_id = k.unit_id) AS responses FROM survey_kiosks k LEFT JOIN units u ON u.id = k.unit_id";

Kiosk read(const Row& r) {
  return {r.i64("id"), r.str("code"), r.opt("unit_code"), r.opt("unit_name"), r.str("created_at"), r.i64("responses")};
}
}  // namespace

std::vector<Kiosk> list_kiosks(Connection& c, const UnitScope& scope, int64_t campaign_id) {
  Where w;
  w.add("k.campaign_id = ?", {campaign_id});
  restrict_to_figures(c, scope, "k.unit_id", w);
  std::vector<Kiosk> out;
  for (auto& r : c.query(std::string(kSelect) + w.sql() + " ORDER BY u.code", w.params())) out.push_back(read(r));
  return out;
}

bool kiosk_exists(Connection& c, int64_t campaign_id, int64_t unit_id) {
  return c.query_one("SELECT 1 FROM survey_kiosks WHERE campaign_id = ? AND unit_id = ?", {campaign_id, unit_id}).has_value();
}

int64_t insert_kiosk(Connection& c, int64_t campaign_id, const std::string& code, int64_t unit_id, const std::string& at) {
  return c.query_one("INSERT INTO survey_kiosks (campaign_id, code, unit_id, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                     {campaign_id, code, unit_id, at})
      ->i64("id");
}

}  // namespace servq::store::survey
