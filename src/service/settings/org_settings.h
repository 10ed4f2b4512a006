// The organisation's settings (docs/api.md "Settings"): its IANA time zone, in which typed times
// without an offset are read and every calendar period is cut, and its default phone region.
// Read from the settings table on each use, so a change through PUT (on any instance sharing
// the database) holds for the next request.
#pragma once
#include <optional>
#include <string>

#include "core/time.h"
#include "service/common.h"
#include "service/context.h"

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

// What a change of the settings says; an absent field stays as it is. Values as typed (trimmed
// here): checked by put_org_settings.
struct SettingsChange {
  std::optional<std::string> time_zone, phone_region;
};

// Every signed-in caller reads them (the web app shows times and numbers in them).
Result<OrgSettings> get_org_settings(const Context& cx);
// Only an admin changes them: the refusal, or nothing when the caller may.
std::optional<Error> refuse_settings_change(const Context& cx);
// Admin only; audited. Changing the zone keeps stored UTC instants and re-folds the survey cells
// (their day and month keys are cut in the zone).
Result<OrgSettings> put_org_settings(const Context& cx, const SettingsChange& change);

// The problems of a bad value; `shown` is the value as the caller sent it (for the message's
// parameters: the text, or the JSON of a value that is not text).
Error time_zone_invalid(const std::string& name, const std::string& shown);
Error phone_region_invalid(const std::string& shown);

}  // namespace servq::service
