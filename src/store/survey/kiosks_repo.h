// Kiosk codes: one shared link per campaign and unit (a tablet at the unit's counter).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"

namespace servq::store::survey {

struct Kiosk {
  int64_t id = 0;
  std::string code;
  std::optional<std::string> unit_code, unit_name;
  std::string created_at;
  int64_t responses = 0;  // the campaign's kiosk responses at the kiosk's unit
};

// The campaign's kiosks within the scope's figures, by unit code.
std::vector<Kiosk> list_kiosks(Connection& c, const UnitScope& scope, int64_t campaign_id);
bool kiosk_exists(Connection& c, int64_t campaign_id, int64_t unit_id);
// Returns the new kiosk's id; the (campaign, unit) pair and the code are unique (DbError).
int64_t insert_kiosk(Connection& c, int64_t campaign_id, const std::string& code, int64_t unit_id, const std::string& at);

}  // namespace servq::store::survey
