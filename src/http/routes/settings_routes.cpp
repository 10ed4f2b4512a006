// http/routes/settings_routes.cpp — the organisation's settings (time zone, phone region): the
// worked example of a typed use case (service/settings/org_settings.h + http/json/settings_json.h).
#include "http/json/settings_json.h"
#include "http/routes/route_kit.h"
#include "service/settings/org_settings.h"

namespace servq::http {

void register_settings_routes(RouteContext& rc) {
  auto& db = rc.db;
  auto authed = make_authed(db);
  rc.router.add("GET", "/api/v1/settings",
                {"The organisation's settings: time zone and phone region", "settings", "", "OrgSettings"},
                authed(use_case(db, service::get_org_settings, settings_json)));
  rc.router.add("PUT", "/api/v1/settings",
                {"Change the organisation's settings (admin)", "settings", "OrgSettingsInput", "OrgSettings"},
                authed(use_case_with_body(db, service::refuse_settings_change, settings_change_from,
                                          service::put_org_settings, settings_json)));
}

}  // namespace servq::http
