// http/routes/feedback_routes.cpp — Feedback cases (F1–F4, F6): lists, counts, measures, export, intake, transitions and
// notifications; SLA policies, token revocation and the overview.
#include <memory>
#include <string>
#include <vector>

#include "http/routes/route_kit.h"
#include "service/feedback_service.h"
#include "service/org_service.h"
#include "service/auth_service.h"
#include "report/table_export.h"
#include "servq_version.h"

namespace servq::http {

using nlohmann::json;
using service::ListQuery;

void register_feedback_routes(RouteContext& rc) {
  auto& db = rc.db;
  auto& router_ = rc.router;
  auto authed = make_authed(db);
  // ---- feedback (F1–F4, F6) ----
  const std::vector<std::string> feedback_filters = {"q", "page", "page_size", "status", "kind", "channel", "category",
                                                     "severity", "unit", "staff", "from", "to", "overdue", "mine", "sort"};
  router_.add("GET", "/api/v1/feedback/counts",
              {"Feedback counts by channel, kind, category, severity, status, unit or month", "feedback", "", "FeedbackCounts",
               200, true, {"by", "status", "kind", "channel", "category", "severity", "unit", "staff", "from", "to", "q"}},
              authed(with_query([&db](const Actor& a, const ListQuery& q) {
                return service::feedback_counts(db, a, q);
              })));
  router_.add("GET", "/api/v1/feedback/measures",
              {"Complaint-handling measures per unit, staff or month (on-time rate, first response, callbacks)", "feedback",
               "", "FeedbackMeasures", 200, true, {"group", "unit", "staff", "from", "to"}},
              authed(with_query([&db](const Actor& a, const ListQuery& q) {
                return service::feedback_measures(db, a, q);
              })));
  router_.add("GET", "/api/v1/feedback/export",
              {"The filtered feedback list as CSV or XLSX", "feedback", "", "", 200, true,
               [&] { auto f = feedback_filters; f.push_back("format"); return f; }()},
              authed([&db](Request& req, const Actor& a) {
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                std::string format = q->get("format").empty() ? "csv" : q->get("format");
                if (format != "csv" && format != "xlsx")
                  return problem(422, "feedback.format_invalid", "format must be csv or xlsx", "format");
                auto rows = service::export_feedback_rows(db, a, *q, 200000);
                if (!rows) return from_error(rows.error());
                report::Table t;
                t.sheet_name = "feedback";
                t.header = {"reference", "received_at", "channel", "kind", "status", "category", "severity", "unit",
                            "staff", "customer_name", "customer_phone", "content", "receiver", "resolution",
                            "acknowledged_at", "resolved_at", "closed_at", "overdue"};
                auto s = [](const json& v) -> report::Cell {
                  if (v.is_null()) return std::monostate{};
                  if (v.is_string()) return v.get<std::string>();
                  if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
                  if (v.is_number()) return v.get<double>();
                  return v.dump();
                };
                for (const auto& r : *rows)
                  t.rows.push_back({s(r["reference"]), s(r["received_at"]), s(r["channel"]), s(r["kind"]), s(r["status"]),
                                    s(r["category"]), s(r["severity"]), s(r["unit"]), s(r["staff"]),
                                    s(r["customer"]["name"]), s(r["customer"]["phone"]), s(r["content"]), s(r["receiver"]),
                                    s(r["resolution"]), s(r["acknowledged_at"]), s(r["resolved_at"]), s(r["closed_at"]),
                                    s(r["overdue"])});
                Response res;
                if (format == "csv") {
                  res.content_type = "text/csv; charset=utf-8";
                  res.body = report::to_csv(t);
                } else {
                  res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                  res.body = report::to_xlsx(t);
                }
                res.headers.push_back({"Content-Disposition", "attachment; filename=\"feedback." + format + "\""});
                res.headers.push_back({"Cache-Control", "no-store"});
                return res;
              }));
  router_.add("GET", "/api/v1/feedback", {"List and search feedback", "feedback", "", "Page<Feedback>", 200, true, feedback_filters},
              authed(with_query([&db](const Actor& a, const ListQuery& q) {
                return service::list_feedback(db, a, q);
              })));
  router_.add("POST", "/api/v1/feedback", {"Log feedback", "feedback", "FeedbackInput", "Feedback", 201},
              authed(with_body([&db](const Actor& a, const json& body) {
                return service::create_feedback(db, a, body);
              }, 201)));
  router_.add("GET", "/api/v1/feedback/{id}", {"One case with its timeline and notifications", "feedback", "", "Feedback"},
              authed(with_id("feedback", [&db](const Actor& a, int64_t id) {
                return service::get_feedback(db, a, id);
              })));
  router_.add("POST", "/api/v1/feedback/{id}/transitions",
              {"Move a case through the workflow (F2)", "feedback", "TransitionInput", "Feedback"},
              authed(with_id_body("feedback", [&db](const Actor& a, int64_t id, const json& body) {
                return service::transition_feedback(db, a, id, body);
              })));
  router_.add("POST", "/api/v1/feedback/{id}/notifications",
              {"Record what the customer was told (F6)", "feedback", "NotificationInput", "Notification", 201},
              authed(with_id_body("feedback", [&db](const Actor& a, int64_t id, const json& body) {
                return service::add_feedback_notification(db, a, id, body);
              }, 201)));
  router_.add("GET", "/api/v1/sla-policies", {"Service-level deadlines per kind and severity (F3)", "feedback", "", "SlaPolicies"},
              authed([&db](Request&, const Actor& a) { return from_result(service::get_sla_policies(db, a)); }));
  router_.add("PUT", "/api/v1/sla-policies", {"Replace service-level deadlines", "feedback", "SlaPolicies", "SlaPolicies"},
              authed(with_body([&db](const Actor& a, const json& body) {
                return service::put_sla_policies(db, a, body);
              })));

  router_.add("DELETE", "/api/v1/api-tokens/{id}", {"Revoke an API token", "accounts", "", "", 204},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "api_token");
                if (!id) return from_error(id.error());
                auto r = service::revoke_token(db, a, *id);
                return r ? no_content() : from_error(r.error());
              }));
  router_.add("GET", "/api/v1/overview", {"Counts and trends within the caller's scope", "organisation", "", "Overview"},
              authed([&db](Request&, const Actor& a) { return from_result(service::overview(db, a)); }));

}

}  // namespace servq::http
