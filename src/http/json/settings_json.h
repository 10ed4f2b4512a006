// The organisation's settings on the wire (docs/api.md "Settings"): OrgSettings as JSON, and a
// PUT body read into a SettingsChange.
#pragma once
#include <nlohmann/json.hpp>

#include "core/result.h"
#include "service/settings/org_settings.h"

namespace servq::http {

nlohmann::json settings_json(const service::OrgSettings& s);
// The body must be an object; time_zone and phone_region, when present, text (anything else is
// refused as that field's invalid value).
Result<service::SettingsChange> settings_change_from(const nlohmann::json& body);

}  // namespace servq::http
