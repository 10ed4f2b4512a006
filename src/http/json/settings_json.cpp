#include "http/json/settings_json.h"

namespace servq::http {

using nlohmann::json;

json settings_json(const service::OrgSettings& s) {
  return {{"time_zone", s.time_zone}, {"phone_region", s.phone_region}};
}

Result<service::SettingsChange> settings_change_from(const json& body) {
  if (!body.is_object()) return invalid("settings.body_invalid", "", "the body must be an object");
  service::SettingsChange change;
  if (body.contains("time_zone")) {
    const auto& v = body["time_zone"];
    if (!v.is_string()) return service::time_zone_invalid("", v.dump());
    change.time_zone = v.get<std::string>();
  }
  if (body.contains("phone_region")) {
    const auto& v = body["phone_region"];
    if (!v.is_string()) return service::phone_region_invalid(v.dump());
    change.phone_region = v.get<std::string>();
  }
  return change;
}

}  // namespace servq::http
