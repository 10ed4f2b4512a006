// http/routes/import_routes.cpp — CSV imports of customers, encounters and feedback (all or nothing).
#include <memory>
#include <string>
#include <vector>

#include "http/routes/route_kit.h"
#include "service/import_service.h"
#include "service/feedback_service.h"
#include "servq_version.h"

namespace servq::http {

using nlohmann::json;
using service::ListQuery;

void register_import_routes(RouteContext& rc) {
  auto& db = rc.db;
  auto& router_ = rc.router;
  auto authed = make_authed(db);
  // ---- imports ----
  for (std::string kind : {"customers", "encounters", "feedback"}) {
    RouteDoc doc{"Import " + kind + " from CSV (all or nothing)", "imports", "CsvFile", "ImportReport", 200, true,
                 {"dry_run", "encoding", "date_order"}, "text/csv"};
    router_.add("POST", "/api/v1/imports/" + kind, doc, authed([&db, kind](Request& req, const Actor& a) {
                  bool dry = req.query.count("dry_run") && (req.query.at("dry_run") == "1" || req.query.at("dry_run") == "true");
                  auto opts = import_options(req);
                  if (!opts) return options_problem(opts.error());
                  auto r = kind == "customers"    ? service::import_customers(db, a, req.body_view(), dry, {}, *opts)
                           : kind == "encounters" ? service::import_encounters(db, a, req.body_view(), dry, {}, *opts)
                                                  : service::import_feedback(db, a, req.body_view(), dry, {}, *opts);
                  return import_response(r);
                }));
  }
}

}  // namespace servq::http
