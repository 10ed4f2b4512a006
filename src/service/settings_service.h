// The organisation's settings (docs/api.md "Settings"): its IANA time zone, in which typed times
// without an offset are read and every calendar period is cut, and its default phone region.
// Read from the settings table on each use, so a change through PUT (on any instance sharing
// the database) holds for the next request.
#pragma once
#include "core/time.h"
#include "service/common.h"

namespace servq::service {

struct OrgSettings {
  std::string time_zone = timeutil::kDefaultZone;
  std::string phone_region = "VN";
};

OrgSettings read_org_settings(store::Connection& c);
// The organisation's zone, inside the caller's transaction; the default zone if the stored name
// is unknown to this machine's tzdata.
timeutil::Zone org_zone(store::Connection& c);
timeutil::Zone org_zone(store::Database& db);

Result<json> get_org_settings(store::Database& db, const Actor& a);
// Admin only; audited. Changing the zone keeps stored UTC instants and re-folds the survey cells
// (their day and month keys are cut in the zone).
Result<json> put_org_settings(store::Database& db, const Actor& a, const json& body);

}  // namespace servq::service
