#include "store/survey/intake_repo.h"

#include <algorithm>

#include "store/batch_insert.h"
#include "store/dialect.h"
#include "store/filter.h"

namespace servq::store::survey {

namespace {

constexpr size_t kChunk = 500;

// UPDATE table SET column = CASE id WHEN ? THEN ? ... END, ... WHERE id IN (...): a value per
// row and column, 500 rows per statement. `pg_type` types the values on PostgreSQL (its CASE
// does not infer parameter types), "" = text.
struct ColumnValues {
  const char* column;
  const char* pg_type;
  const std::vector<Value>* values;
};
void update_by_id(Connection& c, const std::string& table, const std::vector<int64_t>& ids,
                  const std::vector<ColumnValues>& columns) {
  const std::string id_param = dialect::typed_param(c, "bigint");
  for (size_t k = 0; k < ids.size(); k += kChunk) {
    size_t n = std::min(kChunk, ids.size() - k);
    std::string sql = "UPDATE " + table + " SET ";
    Params prm;
    for (size_t col = 0; col < columns.size(); ++col) {
      const auto& cv = columns[col];
      sql += std::string(col ? " END, " : "") + cv.column + " = CASE id";
      std::string when = " WHEN " + id_param + " THEN " + dialect::typed_param(c, cv.pg_type);
      for (size_t j = k; j < k + n; ++j) {
        sql += when;
        prm.emplace_back(ids[j]);
        prm.emplace_back((*cv.values)[j]);
      }
    }
    sql += " END WHERE id IN " + placeholders(n);
    for (size_t j = k; j < k + n; ++j) prm.emplace_back(ids[j]);
    c.execute(sql, prm);
  }
}

constexpr std::string_view kSelectSubmissions =
    "SELECT submission_id, id, survey_id, campaign_id, invitation_id, unit_id FROM survey_responses";

constexpr std::string_view kSelectFollowups =
    "SELECT id, survey_id, unit_id, staff_id, customer_id, submitted_at, answers, followup FROM survey_responses";

WaitingFollowup read_followup(const Row& r) {
  WaitingFollowup w;
  w.id = r.i64("id");
  w.survey_id = r.i64("survey_id");
  w.unit_id = r.opt_i64("unit_id");
  w.staff_id = r.opt_i64("staff_id");
  w.customer_id = r.opt_i64("customer_id");
  w.submitted_at = r.str("submitted_at");
  w.answers = r.str("answers");
  w.reason = r.str("followup");
  return w;
}

}  // namespace

std::vector<StoredSubmission> stored_submissions(Connection& c, const std::vector<std::string>& submission_ids) {
  std::vector<StoredSubmission> out;
  for (size_t i = 0; i < submission_ids.size(); i += kChunk) {
    size_t n = std::min(kChunk, submission_ids.size() - i);
    Params prm(submission_ids.begin() + static_cast<std::ptrdiff_t>(i),
               submission_ids.begin() + static_cast<std::ptrdiff_t>(i + n));
    auto rows = c.query(std::string(kSelectSubmissions) + " WHERE submission_id IN " + placeholders(n), prm);
    if (rows.empty()) continue;
    auto key = rows[0].col("submission_id"), id = rows[0].col("id"), survey = rows[0].col("survey_id"),
         campaign = rows[0].col("campaign_id"), invitation = rows[0].col("invitation_id"), unit = rows[0].col("unit_id");
    for (auto& r : rows)
      out.push_back({*r.at(key), *r.int_at(id), *r.int_at(survey), r.int_at(campaign), r.int_at(invitation), r.int_at(unit)});
  }
  return out;
}

std::set<int64_t> claim_invitations(Connection& c, const std::string& used_at, const std::vector<int64_t>& ids) {
  std::set<int64_t> claimed;
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    size_t n = std::min(kChunk, ids.size() - i);
    Params prm(n + 1);  // sized up front: no reallocation moves the string around
    prm[0] = used_at;
    for (size_t j = 0; j < n; ++j) prm[j + 1] = ids[i + j];
    for (auto& r : c.query("UPDATE survey_invitations SET used_at = ? WHERE used_at IS NULL AND id IN " + placeholders(n) +
                               " RETURNING id",
                           prm))
      claimed.insert(r.i64("id"));
  }
  return claimed;
}

std::vector<int64_t> reserve_response_ids(Connection& c, size_t n) {
  std::vector<int64_t> ids;
  if (n == 0) return ids;
  ids.reserve(n);
  if (!dialect::sqlite(c)) {
    for (auto& r : c.query("SELECT nextval(pg_get_serial_sequence('survey_responses', 'id')) AS id FROM generate_series(1, ?)",
                           {static_cast<int64_t>(n)}))
      ids.push_back(r.i64("id"));
    return ids;
  }
  // AUTOINCREMENT never reuses an id, so start after the highest ever given.
  int64_t next = std::max(c.scalar("SELECT MAX(id) FROM survey_responses"),
                          c.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'survey_responses'")) + 1;
  for (size_t k = 0; k < n; ++k) ids.push_back(next + static_cast<int64_t>(k));
  return ids;
}

void insert_responses(Connection& c, std::vector<NewResponse>&& rows) {
  BatchInsert ins(c,
                  "INSERT INTO survey_responses (id, survey_id, campaign_id, invitation_id, submission_id, external_id, "
                  "channel, unit_id, staff_id, customer_id, category, submitted_at, lang, answers, comment_search, "
                  "followup, folded)",
                  17, 200);
  for (auto& p : rows)
    ins.add({p.id, p.survey_id, opt_value(p.campaign_id), opt_value(p.invitation_id), opt_value(p.submission_id),
             opt_value(p.external_id), std::move(p.channel), opt_value(p.unit_id), opt_value(p.staff_id),
             opt_value(p.customer_id), std::move(p.category), std::move(p.submitted_at), std::move(p.lang),
             std::move(p.answers), opt_value(p.comment_search), opt_value(p.followup), int64_t{p.folded ? 1 : 0}});
  ins.flush();
}

void record_link_uses(Connection& c, const std::vector<LinkUse>& uses) {
  std::vector<int64_t> link_ids;
  std::vector<Value> response_ids, used_at;
  for (const auto& u : uses) {
    link_ids.push_back(u.invitation_id);
    response_ids.emplace_back(u.response_id);
    used_at.emplace_back(u.used_at);
  }
  update_by_id(c, "survey_invitations", link_ids, {{"response_id", "bigint", &response_ids}, {"used_at", "", &used_at}});
}

std::vector<WaitingFollowup> waiting_followups(Connection& c, int64_t limit) {
  std::vector<WaitingFollowup> out;
  for (auto& r : c.query(std::string(kSelectFollowups) +
                             " WHERE followup IS NOT NULL AND feedback_id IS NULL ORDER BY id LIMIT ?",
                         {limit}))
    out.push_back(read_followup(r));
  return out;
}

std::optional<CustomerContact> customer_contact(Connection& c, int64_t customer_id) {
  auto r = c.query_one("SELECT name, phone, address FROM customers WHERE id = ?", {customer_id});
  if (!r) return std::nullopt;
  return CustomerContact{r->opt("name"), r->opt("phone"), r->opt("address")};
}

void link_followup_cases(Connection& c, const std::vector<std::pair<int64_t, int64_t>>& response_cases) {
  std::vector<int64_t> response_ids;
  std::vector<Value> case_ids;
  for (const auto& [response, fcase] : response_cases) {
    response_ids.push_back(response);
    case_ids.emplace_back(fcase);
  }
  update_by_id(c, "survey_responses", response_ids, {{"feedback_id", "bigint", &case_ids}});
}

}  // namespace servq::store::survey
