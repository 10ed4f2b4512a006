#include "store/survey/surveys_repo.h"

#include "store/filter.h"

namespace servq::store::survey {

namespace {
constexpr std::string_view kSelect =
    "SELECT s.id, s.family_id, s.version, s.title, s.status, s.created_at, s.created_by, s.updated_at, s.definition, "
    "(SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) AS response_count FROM surveys s";

Survey read(const Row& r) {
  Survey s;
  s.id = r.i64("id");
  s.family_id = r.i64("family_id");
  s.version = r.i64("version");
  s.title = r.str("title");
  s.status = r.str("status");
  s.created_at = r.str("created_at");
  s.created_by = r.str("created_by");
  s.updated_at = r.str("updated_at");
  s.definition = r.str("definition");
  s.response_count = r.i64("response_count");
  return s;
}
}  // namespace

Page<Survey> list_surveys(Connection& c, const SurveyFilter& f, const PageRequest& page) {
  Where w;
  if (f.status) w.add("s.status = ?", {*f.status});
  if (f.search) w.add("s.search LIKE ? ESCAPE '\\'", {*f.search});
  Page<Survey> out;
  out.total = c.scalar("SELECT COUNT(*) FROM surveys s" + w.sql(), w.params());
  Params p = w.params();
  p.push_back(page.page_size);
  p.push_back(page.offset());
  for (auto& r : c.query(std::string(kSelect) + w.sql() + " ORDER BY s.family_id DESC, s.version DESC LIMIT ? OFFSET ?", p))
    out.items.push_back(read(r));
  return out;
}

std::optional<Survey> find_survey(Connection& c, int64_t id) {
  auto r = c.query_one(std::string(kSelect) + " WHERE s.id = ?", {id});
  if (!r) return std::nullopt;
  return read(*r);
}

bool survey_exists(Connection& c, int64_t id) { return c.query_one("SELECT 1 FROM surveys WHERE id = ?", {id}).has_value(); }

int64_t insert_survey(Connection& c, const NewSurvey& s) {
  int64_t id = c.query_one(
                    "INSERT INTO surveys (family_id, version, title, status, definition, search, created_at, created_by, "
                    "updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?) RETURNING id",
                    {opt_value(s.family_id), s.version, s.title, s.definition, s.search, s.at, s.by, s.at})
                   ->i64("id");
  if (!s.family_id) c.execute("UPDATE surveys SET family_id = ? WHERE id = ?", {id, id});
  return id;
}

int64_t latest_version(Connection& c, int64_t family_id) {
  return c.scalar("SELECT MAX(version) FROM surveys WHERE family_id = ?", {family_id});
}

void archive_survey(Connection& c, int64_t id, const std::string& at) {
  c.execute("UPDATE surveys SET status = 'archived', updated_at = ? WHERE id = ?", {at, id});
}

void update_survey_definition(Connection& c, int64_t id, const std::string& title, const std::string& definition,
                              const std::string& search, const std::string& updated_at) {
  c.execute("UPDATE surveys SET title = ?, definition = ?, search = ?, updated_at = ? WHERE id = ?",
            {title, definition, search, updated_at, id});
}

std::optional<std::string> survey_stamp(Connection& c, int64_t id) {
  auto r = c.query_one("SELECT updated_at FROM surveys WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return r->str("updated_at");
}

std::optional<SurveyDefinition> find_definition(Connection& c, int64_t id) {
  auto r = c.query_one("SELECT definition, updated_at FROM surveys WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return SurveyDefinition{r->str("definition"), r->str("updated_at")};
}

}  // namespace servq::store::survey
