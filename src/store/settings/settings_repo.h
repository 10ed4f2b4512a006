// The settings table: organisation-wide key/value pairs (time zone, phone region, callback
// attempts, survey thresholds ...). Keys and their meaning belong to the services that use them.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace servq::store::settings {

std::optional<std::string> get(Connection& c, std::string_view key);
// The stored values of `keys` (absent keys are missing from the map).
std::map<std::string, std::string> get_many(Connection& c, const std::vector<std::string>& keys);
// Inserts or replaces.
void put(Connection& c, std::string_view key, const std::string& value);

}  // namespace servq::store::settings
