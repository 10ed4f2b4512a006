#include "store/survey/analysis_repo.h"

#include <set>

#include "store/filter.h"

namespace servq::store::survey {

namespace {

void add_in(Where& w, const std::string& column, const std::vector<int64_t>& ids) {
  if (ids.empty()) {
    w.add("1 = 0");
    return;
  }
  Params p(ids.begin(), ids.end());
  w.add(column + " IN " + placeholders(ids.size()), p);
}

constexpr std::string_view kSelectCells = "SELECT period, data, unit_id, staff_id FROM survey_cells";

std::vector<SliceCell> read_cells(std::vector<Row>& rows) {
  std::vector<SliceCell> out;
  if (rows.empty()) return out;
  out.reserve(rows.size());
  const Row& f = rows.front();
  auto period = f.col("period"), data = f.col("data"), unit = f.col("unit_id"), staff = f.col("staff_id");
  for (auto& r : rows)
    out.push_back({*r.at(period), std::move(*r.cols.at(data.i)), *r.int_at(unit), *r.int_at(staff)});
  return out;
}

constexpr std::string_view kSelectResponses =
    "SELECT r.submitted_at, r.answers, r.unit_id, r.staff_id, r.category, r.channel, r.campaign_id "
    "FROM survey_responses r";

std::vector<Label> read_labels(const std::vector<Row>& rows) {
  std::vector<Label> out;
  if (rows.empty()) return out;
  out.reserve(rows.size());
  auto id = rows[0].col("id"), key = rows[0].col("label_key"), name = rows[0].col("name");
  for (auto& r : rows) out.push_back({*r.int_at(id), *r.at(key), *r.at(name)});
  return out;
}

}  // namespace

std::vector<SliceCell> slice_cells(Connection& c, int64_t survey_id, const SliceFilter& f, bool staff_cells,
                                   const std::string& grain,
                                   const std::optional<std::pair<std::string, std::string>>& periods) {
  Where w;
  w.add("survey_id = ?", {survey_id});
  w.add("grain = ?", {grain});
  bool filtered = f.category || f.channel || f.campaign_id;
  if (staff_cells) {
    if (f.staff_id)
      w.add("staff_id = ?", {*f.staff_id});
    else
      w.add("staff_id <> 0");
  } else if (!filtered) {
    w.add("staff_id = 0 AND category = '*' AND channel = '*' AND campaign_id = 0");
  } else {
    w.add("staff_id = 0 AND category <> '*'");
  }
  if (f.unit_ids) add_in(w, "unit_id", *f.unit_ids);
  if (f.category) w.add("category = ?", {*f.category});
  if (f.channel) w.add("channel = ?", {*f.channel});
  if (f.campaign_id) w.add("campaign_id = ?", {*f.campaign_id});
  if (periods) w.add("period >= ? AND period <= ?", {periods->first, periods->second});
  auto rows = c.query(std::string(kSelectCells) + w.sql(), w.params());
  return read_cells(rows);
}

std::vector<SliceResponse> slice_responses(Connection& c, int64_t survey_id, const SliceFilter& f,
                                           const std::optional<std::string>& from, const std::optional<std::string>& to,
                                           bool unfolded_only) {
  Where w;
  w.add("r.survey_id = ?", {survey_id});
  if (unfolded_only) {
    w.add("r.folded = 0");
  } else {
    if (f.unit_ids) add_in(w, "r.unit_id", *f.unit_ids);
    if (f.staff_id) w.add("r.staff_id = ?", {*f.staff_id});
    if (f.category) w.add("r.category = ?", {*f.category});
    if (f.channel) w.add("r.channel = ?", {*f.channel});
    if (f.campaign_id) w.add("r.campaign_id = ?", {*f.campaign_id});
    if (from) w.add("r.submitted_at >= ?", {*from});
    if (to) w.add("r.submitted_at <= ?", {*to});
  }
  auto rows = c.query(std::string(kSelectResponses) + w.sql(), w.params());
  std::vector<SliceResponse> out;
  if (rows.empty()) return out;
  const Row& first = rows.front();
  auto submitted = first.col("submitted_at"), answers = first.col("answers"), unit = first.col("unit_id"),
       staff = first.col("staff_id"), category = first.col("category"), channel = first.col("channel"),
       campaign = first.col("campaign_id");
  std::set<int64_t> units;
  if (unfolded_only && f.unit_ids) units.insert(f.unit_ids->begin(), f.unit_ids->end());
  out.reserve(rows.size());
  for (auto& r : rows) {
    auto u = r.int_at(unit), s = r.int_at(staff);
    const std::string& at = *r.at(submitted);
    if (unfolded_only) {
      if (f.unit_ids && (!u || !units.count(*u))) continue;
      if (f.staff_id && s != f.staff_id) continue;
      if (f.category && r.at(category).value_or("") != *f.category) continue;
      if (f.channel && *r.at(channel) != *f.channel) continue;
      if (f.campaign_id && r.int_at(campaign) != f.campaign_id) continue;
      if (from && at < *from) continue;
      if (to && at > *to) continue;
    }
    out.push_back({at, std::move(*r.cols.at(answers.i)), u, s});
  }
  return out;
}

std::optional<std::string> unit_code(Connection& c, int64_t unit_id) {
  auto r = c.query_one("SELECT code FROM units WHERE id = ?", {unit_id});
  if (!r) return std::nullopt;
  return r->str("code");
}

std::optional<std::vector<int64_t>> figure_subtree(Connection& c, const UnitScope& scope, const std::string& code) {
  Where w;
  w.add("u.code = ?", {code});
  restrict_to_figures(c, scope, "u.id", w);
  auto u = c.query_one("SELECT u.path FROM units u" + w.sql(), w.params());
  if (!u) return std::nullopt;
  std::vector<int64_t> ids;
  auto rows = c.query("SELECT id FROM units WHERE path LIKE ?", {u->str("path") + "%"});
  if (!rows.empty()) {
    auto id = rows[0].col("id");
    for (auto& r : rows) ids.push_back(*r.int_at(id));
  }
  return ids;
}

std::optional<SliceStaff> find_slice_staff(Connection& c, const UnitScope& scope, const std::string& employee_code) {
  auto r = c.query_one("SELECT id, unit_id FROM staff WHERE employee_code = ?", {employee_code});
  if (!r) return std::nullopt;
  SliceStaff s{r->i64("id"), true};
  if (scope.figures_path()) {
    auto unit = r->opt_i64("unit_id");
    if (!unit) return SliceStaff{s.id, false};
    Where w;
    w.add("u.id = ?", {*unit});
    restrict_to_figures(c, scope, "u.id", w);
    s.in_scope = c.scalar("SELECT COUNT(*) AS n FROM units u" + w.sql(), w.params()) > 0;
  }
  return s;
}

std::vector<Label> unit_labels(Connection& c) {
  return read_labels(c.query("SELECT id, code AS label_key, name FROM units"));
}

std::vector<Label> staff_labels(Connection& c) {
  return read_labels(c.query("SELECT id, employee_code AS label_key, name FROM staff"));
}

}  // namespace servq::store::survey
