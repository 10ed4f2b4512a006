#include "store/survey/responses_repo.h"

#include "store/filter.h"

namespace servq::store::survey {

namespace {
constexpr std::string_view kSelect =
    "SELECT r.id, r.submitted_at, r.channel, u.code AS unit_code, s.employee_code AS staff_code, r.campaign_id, r.lang, "
    "r.answers, r.feedback_id, r.category FROM survey_responses r LEFT JOIN units u ON u.id = r.unit_id "
    "LEFT JOIN staff s ON s.id = r.staff_id";

Response read(const Row& r) {
  Response x;
  x.id = r.i64("id");
  x.submitted_at = r.str("submitted_at");
  x.channel = r.str("channel");
  x.unit_code = r.opt("unit_code");
  x.staff_code = r.opt("staff_code");
  x.campaign_id = r.opt_i64("campaign_id");
  x.lang = r.str("lang");
  x.answers = r.str("answers");
  x.feedback_id = r.opt_i64("feedback_id");
  x.category = r.opt("category");
  return x;
}
}  // namespace

Page<Response> list_responses(Connection& c, const UnitScope& scope, const ResponseFilter& f, const PageRequest& page) {
  Where w;
  w.add("r.survey_id = ?", {f.survey_id});
  restrict_to_figures(c, scope, "r.unit_id", w);
  if (f.unit_path) {
    auto [in, ids] = unit_subtree_in(c, *f.unit_path);
    w.add("r.unit_id IN " + in, ids);
  }
  if (f.staff_id) w.add("r.staff_id = ?", {*f.staff_id});
  if (f.category) w.add("r.category = ?", {*f.category});
  if (f.channel) w.add("r.channel = ?", {*f.channel});
  if (f.campaign_id) w.add("r.campaign_id = ?", {*f.campaign_id});
  if (f.from) w.add("r.submitted_at >= ?", {*f.from});
  if (f.to) w.add("r.submitted_at <= ?", {*f.to});
  if (f.with_comments) w.add("r.comment_search IS NOT NULL");
  if (f.comment) w.add("r.comment_search LIKE ? ESCAPE '\\'", {*f.comment});
  Page<Response> out;
  out.total = c.scalar("SELECT COUNT(*) FROM survey_responses r" + w.sql(), w.params());
  Params p = w.params();
  p.push_back(page.page_size);
  p.push_back(page.offset());
  for (auto& r : c.query(std::string(kSelect) + w.sql() + " ORDER BY r.submitted_at DESC, r.id DESC LIMIT ? OFFSET ?", p))
    out.items.push_back(read(r));
  return out;
}

std::set<std::string> external_ids(Connection& c, int64_t survey_id) {
  std::set<std::string> out;
  for (auto& r : c.query("SELECT external_id FROM survey_responses WHERE survey_id = ? AND external_id IS NOT NULL", {survey_id}))
    out.insert(r.str("external_id"));
  return out;
}

std::optional<int64_t> staff_id_by_code(Connection& c, const std::string& employee_code) {
  auto r = c.query_one("SELECT id FROM staff WHERE employee_code = ?", {employee_code});
  if (!r) return std::nullopt;
  return r->i64("id");
}

std::optional<CustomerRef> customer_by_phone(Connection& c, const std::string& e164) {
  auto r = c.query_one("SELECT id, category FROM customers WHERE phone = ?", {e164});
  if (!r) return std::nullopt;
  return CustomerRef{r->i64("id"), r->str("category")};
}

std::optional<int64_t> newest_unit_id(Connection& c) {
  auto r = c.query_one("SELECT id FROM units ORDER BY id DESC LIMIT 1");
  if (!r) return std::nullopt;
  return r->i64("id");
}

}  // namespace servq::store::survey
