#include "store/survey/campaigns_repo.h"

#include "store/filter.h"

namespace servq::store::survey {

namespace {
constexpr std::string_view kSelect =
    "SELECT c.id, c.survey_id, s.title AS survey_title, c.name, c.channel, c.opens_at, c.closes_at, c.segment, c.created_at, "
    "(SELECT COUNT(*) FROM survey_invitations i WHERE i.campaign_id = c.id) AS invitations, "
    "(SELECT COUNT(*) FROM survey_responses r WHERE r.campaign_id = c.id) AS responses "
    "FROM survey_campaigns c JOIN surveys s ON s.id = c.survey_id";

Campaign read(const Row& r) {
  Campaign k;
  k.id = r.i64("id");
  k.survey_id = r.i64("survey_id");
  k.survey_title = r.str("survey_title");
  k.name = r.str("name");
  k.channel = r.str("channel");
  k.opens_at = r.str("opens_at");
  k.closes_at = r.opt("closes_at");
  k.segment = r.str("segment");
  k.created_at = r.str("created_at");
  k.invitations = r.i64("invitations");
  k.responses = r.i64("responses");
  return k;
}
}  // namespace

Page<Campaign> list_campaigns(Connection& c, const CampaignFilter& f, const PageRequest& page) {
  using Status = CampaignFilter::Status;
  Where w;
  if (f.survey_id) w.add("c.survey_id = ?", {*f.survey_id});
  if (f.status == Status::open) w.add("c.opens_at <= ? AND (c.closes_at IS NULL OR c.closes_at >= ?)", {f.now, f.now});
  if (f.status == Status::closed) w.add("c.closes_at < ?", {f.now});
  if (f.status == Status::scheduled) w.add("c.opens_at > ?", {f.now});
  if (f.name) w.add("c.name LIKE ? ESCAPE '\\'", {*f.name});
  Page<Campaign> out;
  out.total = c.scalar("SELECT COUNT(*) FROM survey_campaigns c" + w.sql(), w.params());
  Params p = w.params();
  p.push_back(page.page_size);
  p.push_back(page.offset());
  for (auto& r : c.query(std::string(kSelect) + w.sql() + " ORDER BY c.id DESC LIMIT ? OFFSET ?", p)) out.items.push_back(read(r));
  return out;
}

std::optional<Campaign> find_campaign(Connection& c, int64_t id) {
  auto r = c.query_one(std::string(kSelect) + " WHERE c.id = ?", {id});
  if (!r) return std::nullopt;
  return read(*r);
}

std::optional<int64_t> campaign_survey_id(Connection& c, int64_t id) {
  auto r = c.query_one("SELECT survey_id FROM survey_campaigns WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return r->i64("survey_id");
}

int64_t insert_campaign(Connection& c, int64_t survey_id, const CampaignFields& f, const std::string& at, const std::string& by) {
  return c.query_one(
              "INSERT INTO survey_campaigns (survey_id, name, channel, opens_at, closes_at, segment, created_at, "
              "created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {survey_id, f.name, f.channel, f.opens_at, opt_value(f.closes_at), f.segment, at, by, at})
      ->i64("id");
}

void update_campaign(Connection& c, int64_t id, const CampaignFields& f, const std::string& at) {
  c.execute("UPDATE survey_campaigns SET name = ?, channel = ?, opens_at = ?, closes_at = ?, segment = ?, updated_at = ? WHERE id = ?",
            {f.name, f.channel, f.opens_at, opt_value(f.closes_at), f.segment, at, id});
}

CampaignCounts campaign_counts(Connection& c, const UnitScope& scope, int64_t campaign_id) {
  Where w;
  restrict_to_figures(c, scope, "unit_id", w);
  w.add("campaign_id = ?", {campaign_id});
  return {c.scalar("SELECT COUNT(*) FROM survey_invitations" + w.sql(), w.params()),
          c.scalar("SELECT COUNT(*) FROM survey_responses" + w.sql(), w.params())};
}

}  // namespace servq::store::survey
