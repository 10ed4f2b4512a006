#include "store/settings/settings_repo.h"

#include "store/filter.h"

namespace servq::store::settings {

std::optional<std::string> get(Connection& c, std::string_view key) {
  auto r = c.query_one("SELECT value FROM settings WHERE key = ?", {std::string(key)});
  if (!r) return std::nullopt;
  return r->opt("value");
}

std::map<std::string, std::string> get_many(Connection& c, const std::vector<std::string>& keys) {
  std::map<std::string, std::string> out;
  if (keys.empty()) return out;
  Params p(keys.begin(), keys.end());
  for (auto& r : c.query("SELECT key, value FROM settings WHERE key IN " + placeholders(keys.size()), p))
    if (auto v = r.opt("value")) out[r.str("key")] = *v;
  return out;
}

void put(Connection& c, std::string_view key, const std::string& value) {
  c.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {std::string(key), value});
}

}  // namespace servq::store::settings
