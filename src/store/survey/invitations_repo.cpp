#include "store/survey/invitations_repo.h"

#include <algorithm>

#include "store/filter.h"

namespace servq::store::survey {

namespace {
constexpr std::string_view kSelect =
    "SELECT i.id, i.token, i.customer_id, cu.name AS customer_name, cu.phone AS customer_phone, u.code AS unit_code, "
    "s.employee_code AS staff_code, i.encounter_at, i.used_at, i.response_id FROM survey_invitations i "
    "LEFT JOIN customers cu ON cu.id = i.customer_id LEFT JOIN units u ON u.id = i.unit_id "
    "LEFT JOIN staff s ON s.id = i.staff_id";

Invitation read(const Row& r) {
  Invitation i;
  i.id = r.i64("id");
  i.token = r.str("token");
  i.customer_id = r.opt_i64("customer_id");
  i.customer_name = r.opt("customer_name");
  i.customer_phone = r.opt("customer_phone");
  i.unit_code = r.opt("unit_code");
  i.staff_code = r.opt("staff_code");
  i.encounter_at = r.opt("encounter_at");
  i.used_at = r.opt("used_at");
  i.response_id = r.opt_i64("response_id");
  return i;
}
}  // namespace

Page<Invitation> list_invitations(Connection& c, const UnitScope& scope, const InvitationFilter& f, const PageRequest& page) {
  Where w;
  w.add("i.campaign_id = ?", {f.campaign_id});
  if (scope.kind() == UnitScope::Kind::own)
    w.add("i.staff_id = ?", {opt_value(scope.staff_id())});
  else
    restrict_to_figures(c, scope, "i.unit_id", w);
  if (f.used) w.add(*f.used ? "i.used_at IS NOT NULL" : "i.used_at IS NULL");
  if (f.unit_path) {
    auto [in, ids] = unit_subtree_in(c, *f.unit_path);
    w.add("i.unit_id IN " + in, ids);
  }
  Page<Invitation> out;
  out.total = c.scalar("SELECT COUNT(*) FROM survey_invitations i" + w.sql(), w.params());
  Params p = w.params();
  p.push_back(page.page_size);
  p.push_back(page.offset());
  for (auto& r : c.query(std::string(kSelect) + w.sql() + " ORDER BY i.id LIMIT ? OFFSET ?", p)) out.items.push_back(read(r));
  return out;
}

void insert_invitations(Connection& c, const std::vector<NewInvitation>& rows) {
  constexpr size_t kBatch = 300;
  for (size_t i = 0; i < rows.size(); i += kBatch) {
    std::string sql =
        "INSERT INTO survey_invitations (campaign_id, token, customer_id, encounter_id, unit_id, staff_id, category, "
        "encounter_at, created_at) VALUES ";
    Params p;
    for (size_t j = i; j < std::min(rows.size(), i + kBatch); ++j) {
      sql += j == i ? "(?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?)";
      const auto& v = rows[j];
      p.insert(p.end(), {v.campaign_id, v.token, opt_value(v.customer_id), opt_value(v.encounter_id), opt_value(v.unit_id),
                         opt_value(v.staff_id), opt_value(v.category), opt_value(v.encounter_at), v.created_at});
    }
    c.execute(sql, p);
  }
}

Invited invited(Connection& c, int64_t campaign_id) {
  Invited out;
  auto rows = c.query("SELECT encounter_id, customer_id FROM survey_invitations WHERE campaign_id = ?", {campaign_id});
  if (rows.empty()) return out;
  auto enc = rows[0].col("encounter_id"), cust = rows[0].col("customer_id");
  for (auto& r : rows) {
    if (auto e = r.int_at(enc)) out.encounters.insert(*e);
    if (auto cu = r.int_at(cust)) out.customers.insert(*cu);
  }
  return out;
}

std::vector<SegmentEncounter> segment_encounters(Connection& c, const SegmentFilter& f) {
  Where w;
  if (f.category) w.add("cu.category = ?", {*f.category});
  if (f.unit_path) {
    auto [in, ids] = unit_subtree_in(c, *f.unit_path);
    w.add("e.unit_id IN " + in, ids);
  }
  if (f.from) w.add("e.started_at >= ?", {*f.from});
  if (f.to) w.add("e.started_at <= ?", {*f.to});
  auto rows = c.query(
      "SELECT e.id, e.customer_id, e.unit_id, e.staff_id, cu.category, e.started_at, cu.consent_survey "
      "FROM encounters e JOIN customers cu ON cu.id = e.customer_id" +
          w.sql() + " ORDER BY e.started_at, e.id",
      w.params());
  std::vector<SegmentEncounter> out;
  if (rows.empty()) return out;
  const auto& h = rows[0];
  auto id = h.col("id"), customer = h.col("customer_id"), unit = h.col("unit_id"), staff = h.col("staff_id"),
       category = h.col("category"), started = h.col("started_at"), consent = h.col("consent_survey");
  out.reserve(rows.size());
  for (auto& r : rows)
    out.push_back({*r.int_at(id), *r.int_at(customer), *r.int_at(unit), r.int_at(staff), *r.at(category), *r.at(started),
                   r.int_at(consent).value_or(0) != 0});
  return out;
}

std::vector<RateRow> invitation_rates(Connection& c, const UnitScope& scope, int64_t campaign_id, RatesBy by) {
  Where w;
  w.add("i.campaign_id = ?", {campaign_id});
  restrict_to_figures(c, scope, "i.unit_id", w);
  std::string key = by == RatesBy::unit ? "u.code" : "i.category";
  std::vector<RateRow> out;
  for (auto& r : c.query("SELECT " + key + " AS rate_key, COUNT(*) AS invitations, "
                         "SUM(CASE WHEN i.used_at IS NULL THEN 0 ELSE 1 END) AS responses FROM survey_invitations i "
                         "LEFT JOIN units u ON u.id = i.unit_id" + w.sql() + " GROUP BY " + key + " ORDER BY " + key,
                         w.params()))
    out.push_back({r.opt("rate_key"), r.i64("invitations"), r.opt_i64("responses").value_or(0)});
  return out;
}

namespace {
// The link's campaign, questionnaire and unit; the key (token or kiosk code) comes last.
constexpr std::string_view kTokenLink =
    "SELECT c.survey_id, c.id AS campaign_id, i.id AS invitation_id, i.unit_id, i.staff_id, i.customer_id, c.channel, "
    "i.category, s.updated_at AS survey_updated_at, c.opens_at, c.closes_at, i.used_at, u.name AS unit_name, "
    "s.title AS survey_title, c.name AS campaign_name FROM survey_invitations i "
    "JOIN survey_campaigns c ON c.id = i.campaign_id JOIN surveys s ON s.id = c.survey_id "
    "LEFT JOIN units u ON u.id = i.unit_id WHERE i.token = ?";
constexpr std::string_view kKioskLink =
    "SELECT c.survey_id, c.id AS campaign_id, NULL AS invitation_id, k.unit_id, NULL AS staff_id, NULL AS customer_id, "
    "'kiosk' AS channel, NULL AS category, s.updated_at AS survey_updated_at, c.opens_at, c.closes_at, NULL AS used_at, "
    "u.name AS unit_name, s.title AS survey_title, c.name AS campaign_name FROM survey_kiosks k "
    "JOIN survey_campaigns c ON c.id = k.campaign_id JOIN surveys s ON s.id = c.survey_id "
    "LEFT JOIN units u ON u.id = k.unit_id WHERE k.code = ?";

PublicLink read_link(const Row& r) {
  PublicLink t;
  t.survey_id = r.i64("survey_id");
  t.campaign_id = r.i64("campaign_id");
  t.invitation_id = r.opt_i64("invitation_id");
  t.unit_id = r.opt_i64("unit_id");
  t.staff_id = r.opt_i64("staff_id");
  t.customer_id = r.opt_i64("customer_id");
  t.channel = r.str("channel");
  t.category = r.opt("category");
  t.survey_updated_at = r.str("survey_updated_at");
  t.opens_at = r.str("opens_at");
  t.closes_at = r.opt("closes_at");
  t.used_at = r.opt("used_at");
  t.unit_name = r.opt("unit_name");
  t.survey_title = r.str("survey_title");
  t.campaign_name = r.str("campaign_name");
  return t;
}
}  // namespace

std::optional<PublicLink> find_public_link(Connection& c, LinkKind kind, const std::string& key) {
  auto r = c.query_one(kind == LinkKind::token ? kTokenLink : kKioskLink, {key});
  if (!r) return std::nullopt;
  return read_link(*r);
}

namespace {
constexpr std::string_view kTokenIntake =
    "SELECT c.survey_id, c.id AS campaign_id, i.id AS invitation_id, i.unit_id, i.staff_id, i.customer_id, c.channel, "
    "i.category, '' AS survey_updated_at, c.opens_at, c.closes_at, i.used_at, NULL AS unit_name, '' AS survey_title, "
    "'' AS campaign_name, i.token AS link_key FROM survey_invitations i "
    "JOIN survey_campaigns c ON c.id = i.campaign_id WHERE i.token IN ";
constexpr std::string_view kKioskIntake =
    "SELECT c.survey_id, c.id AS campaign_id, NULL AS invitation_id, k.unit_id, NULL AS staff_id, NULL AS customer_id, "
    "'kiosk' AS channel, NULL AS category, '' AS survey_updated_at, c.opens_at, c.closes_at, NULL AS used_at, "
    "NULL AS unit_name, '' AS survey_title, '' AS campaign_name, k.code AS link_key FROM survey_kiosks k "
    "JOIN survey_campaigns c ON c.id = k.campaign_id WHERE k.code IN ";
}  // namespace

std::map<std::string, PublicLink> find_intake_links(Connection& c, LinkKind kind, const std::vector<std::string>& keys) {
  std::map<std::string, PublicLink> out;
  const size_t chunk = 500;
  for (size_t i = 0; i < keys.size(); i += chunk) {
    size_t n = std::min(chunk, keys.size() - i);
    Params prm(keys.begin() + static_cast<std::ptrdiff_t>(i), keys.begin() + static_cast<std::ptrdiff_t>(i + n));
    for (auto& r : c.query(std::string(kind == LinkKind::token ? kTokenIntake : kKioskIntake) + placeholders(n), prm))
      out.emplace(r.str("link_key"), read_link(r));
  }
  return out;
}

}  // namespace servq::store::survey
