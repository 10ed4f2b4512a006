#include "service/settings/org_settings.h"

#include "core/phone.h"
#include "core/text.h"
#include "store/settings/settings_repo.h"
#include "store/survey/cells_repo.h"

namespace servq::service {

OrgSettings read_org_settings(store::Connection& c) {
  OrgSettings s;
  auto stored = store::settings::get_many(c, {"time_zone", "phone_region"});
  if (stored.count("time_zone")) s.time_zone = stored["time_zone"];
  if (stored.count("phone_region")) s.phone_region = stored["phone_region"];
  return s;
}

namespace {
timeutil::Zone zone_named(const std::string& name) {
  if (auto z = timeutil::Zone::find(name)) return *z;
  if (auto z = timeutil::Zone::find(timeutil::kDefaultZone)) return *z;
  return timeutil::Zone::utc();  // no tzdata at all on this machine
}

// The audit log's record of the settings (its own document, kept stable whatever the API shows).
json audit_snapshot(const OrgSettings& s) { return {{"time_zone", s.time_zone}, {"phone_region", s.phone_region}}; }

// Two upper-case letters that libphonenumber knows as a region (VN, CN, ...).
bool region_like(const std::string& r) {
  return r.size() == 2 && r[0] >= 'A' && r[0] <= 'Z' && r[1] >= 'A' && r[1] <= 'Z' && phone::known_region(r);
}
}  // namespace

timeutil::Zone org_zone(store::Connection& c) {
  auto name = store::settings::get(c, "time_zone");
  return zone_named(name ? *name : std::string(timeutil::kDefaultZone));
}

timeutil::Zone org_zone(store::Database& db) {
  auto lease = db.acquire();
  return org_zone(*lease);
}

Error time_zone_invalid(const std::string& name, const std::string& shown) {
  return invalid("settings.time_zone_invalid", "time_zone",
                 "time_zone '" + name + "' is not an IANA time zone such as Asia/Ho_Chi_Minh or Asia/Shanghai")
      .with("value", shown);
}

Error phone_region_invalid(const std::string& shown) {
  return invalid("settings.phone_region_invalid", "phone_region",
                 "phone_region must be a known region code of two upper-case letters such as VN or CN")
      .with("value", shown);
}

Result<OrgSettings> get_org_settings(const Context& cx) {
  auto lease = cx.db.acquire();
  return read_org_settings(*lease);
}

std::optional<Error> refuse_settings_change(const Context& cx) {
  if (cx.actor.role != Role::admin) return forbidden("only an admin changes the organisation's settings");
  return std::nullopt;
}

Result<OrgSettings> put_org_settings(const Context& cx, const SettingsChange& change) {
  if (auto refused = refuse_settings_change(cx)) return *refused;
  auto lease = cx.db.acquire();
  auto& c = *lease;
  store::Tx tx(c);
  OrgSettings before = read_org_settings(c), after = before;
  if (change.time_zone) {
    std::string name = text::trim(*change.time_zone);
    // A link name (e.g. "Asia/Saigon") is kept as given; tzdata resolves it.
    if (!timeutil::Zone::find(name)) return time_zone_invalid(name, name);
    after.time_zone = name;
  }
  if (change.phone_region) {
    std::string r = text::trim(*change.phone_region);
    if (!region_like(r)) return phone_region_invalid(r);
    after.phone_region = r;
  }
  for (auto [key, value] : {std::pair{"time_zone", after.time_zone}, std::pair{"phone_region", after.phone_region}})
    store::settings::put(c, key, value);
  if (after.time_zone != before.time_zone) {
    // Survey cells hold day and month keys cut in the old zone: drop them and let the folder
    // rebuild them from the responses (analysis reads unfolded responses meanwhile).
    store::survey::refold_all(c);
  }
  audit(cx, c, "update", "settings", "", audit_snapshot(before), audit_snapshot(after));
  tx.commit();
  return after;
}

}  // namespace servq::service
