// Timestamps are stored and exchanged as UTC ISO-8601 strings "YYYY-MM-DDTHH:MM:SSZ", which
// sort correctly as text on both databases. Pure parsing/formatting; the clock lives in service/.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace servq::timeutil {

// Accepts "2026-03-01", "2026-03-01 08:30", "2026-03-01T08:30:00", with an optional "Z" or
// "+07:00" offset (no offset means UTC); returns the canonical UTC form or nothing.
std::optional<std::string> normalize_iso8601(std::string_view s);
std::string format_utc(int64_t unix_seconds);
std::optional<int64_t> parse_to_unix(std::string_view s);
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

}  // namespace servq::timeutil
