#include "store/survey/generator_repo.h"

#include <algorithm>

#include "store/batch_insert.h"

namespace servq::store::survey {

namespace {
std::vector<int64_t> ids_of(Connection& c, std::string_view sql, const Params& p = {}) {
  std::vector<int64_t> out;
  auto rows = c.query(sql, p);
  if (rows.empty()) return out;
  auto id = rows[0].col("id");
  for (auto& r : rows) out.push_back(*r.int_at(id));
  return out;
}

constexpr std::string_view kSelectInvitations =
    "SELECT i.id, i.unit_id, i.staff_id, i.customer_id, i.category, i.encounter_at FROM survey_invitations i";

DemoInvitation read_invitation(const Row& r) {
  return {r.i64("id"), r.opt_i64("unit_id"), r.opt_i64("staff_id"), r.opt_i64("customer_id"),
          r.opt("category").value_or(""), r.str("encounter_at")};
}
}  // namespace

std::vector<int64_t> staffed_unit_ids(Connection& c) {
  return ids_of(c, "SELECT u.id FROM units u WHERE EXISTS (SELECT 1 FROM staff s WHERE s.unit_id = u.id) ORDER BY u.id");
}

std::vector<int64_t> unit_staff_ids(Connection& c, int64_t unit_id) {
  return ids_of(c, "SELECT id FROM staff WHERE unit_id = ? ORDER BY id", {unit_id});
}


int64_t insert_demo_survey(Connection& c, const std::string& title, const std::string& definition,
                           const std::string& search, const std::string& now) {
  int64_t id = c.query_one("INSERT INTO surveys (family_id, version, title, status, definition, search, created_at, created_by, "
                           "updated_at) VALUES (NULL, 1, ?, 'active', ?, ?, ?, 'demo', ?) RETURNING id",
                           {title, definition, search, now, now})
                   ->i64("id");
  c.execute("UPDATE surveys SET family_id = ? WHERE id = ?", {id, id});
  return id;
}

int64_t insert_demo_campaign(Connection& c, int64_t survey_id, const std::string& name, const std::string& channel,
                             const std::string& opens_at, const std::string& segment, const std::string& now) {
  return c.query_one("INSERT INTO survey_campaigns (survey_id, name, channel, opens_at, closes_at, segment, created_at, "
                     "created_by, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, 'quality', ?) RETURNING id",
                     {survey_id, name, channel, opens_at, segment, now, now})
      ->i64("id");
}

std::vector<DemoInvitation> campaign_invitations(Connection& c, int64_t campaign_id) {
  std::vector<DemoInvitation> out;
  for (auto& r : c.query(std::string(kSelectInvitations) + " WHERE i.campaign_id = ? ORDER BY i.id", {campaign_id}))
    out.push_back(read_invitation(r));
  return out;
}

void insert_generated(Connection& c, std::vector<GeneratedResponse>&& rows) {
  BatchInsert ins(c,
                  "INSERT INTO survey_responses (survey_id, channel, unit_id, staff_id, category, submitted_at, lang, "
                  "answers, comment_search, folded)",
                  10);
  for (auto& g : rows)
    ins.add({g.survey_id, std::move(g.channel), g.unit_id, opt_value(g.staff_id), std::move(g.category),
             std::move(g.submitted_at), std::move(g.lang), std::move(g.answers), opt_value(g.comment_search), int64_t{1}});
  ins.flush();
}

}  // namespace servq::store::survey
