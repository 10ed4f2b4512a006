#include "store/feedback/measures_repo.h"

namespace servq::store::feedback {

namespace {
std::string group_key(const Grouping& g) {
  switch (g.by) {
    case CaseGroup::channel:
      return "f.channel";
    case CaseGroup::kind:
      return "f.kind";
    case CaseGroup::category:
      return "f.category";
    case CaseGroup::severity:
      return "f.severity";
    case CaseGroup::status:
      return "f.status";
    case CaseGroup::unit:
      return "f.unit_id";
    case CaseGroup::staff:
      return "f.staff_id";
    case CaseGroup::received_bucket:
      return "substr(f.received_at, 1, " + std::to_string(g.bucket_chars) + ")";
  }
  return "f.unit_id";
}
}  // namespace

std::vector<CaseCount> count_cases(Connection& c, const UnitScope& scope, const CaseFilter& f, const Grouping& g) {
  Where w = case_conditions(c, scope, f);
  std::string key = group_key(g);
  std::string sql = "SELECT " + key + " AS k, COUNT(*) AS n FROM feedback f" + w.sql() + " GROUP BY " + key;
  if (g.by != CaseGroup::received_bucket) sql += " ORDER BY COUNT(*) DESC, k";
  std::vector<CaseCount> out;
  for (auto& r : c.query(sql, w.params())) out.push_back({r.opt("k"), r.i64("n")});
  return out;
}

std::vector<ComplaintHandling> complaint_handling(Connection& c, const UnitScope& scope, const CaseFilter& f,
                                                  const Grouping& g, const std::string& now) {
  Where w = case_conditions(c, scope, f);
  std::string key = group_key(g);
  Params p = {now};
  p.insert(p.end(), w.params().begin(), w.params().end());
  std::string sql = "SELECT " + key +
                    " AS k, COUNT(*) AS complaints, "
                    "SUM(CASE WHEN f.resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS resolved, "
                    "SUM(CASE WHEN f.resolved_on_time = 1 THEN 1 ELSE 0 END) AS on_time, "
                    "SUM(CASE WHEN f.resolved_at IS NOT NULL OR (f.status IN ('received', 'verifying', 'in_progress') "
                    "AND f.resolve_due < ?) THEN 1 ELSE 0 END) AS due, "
                    "SUM(f.first_response_seconds) AS response_seconds, "
                    "SUM(CASE WHEN f.callback_done_at IS NOT NULL THEN 1 ELSE 0 END) AS callbacks, "
                    "COUNT(f.first_response_seconds) AS responses "
                    "FROM feedback f" +
                    w.sql() + " GROUP BY " + key + " ORDER BY k";
  std::vector<ComplaintHandling> out;
  for (auto& r : c.query(sql, p)) {
    ComplaintHandling m;
    m.key = r.opt("k");
    m.complaints = r.i64("complaints");
    m.resolved = r.i64("resolved");
    m.resolved_on_time = r.i64("on_time");
    m.due = r.i64("due");
    m.first_response_seconds = r.opt_i64("response_seconds").value_or(0);
    m.callbacks_done = r.i64("callbacks");
    m.first_responses = r.i64("responses");
    out.push_back(m);
  }
  return out;
}

}  // namespace servq::store::feedback
