#include "core/clock.h"

#include <chrono>

#include "core/time.h"

namespace servq {

std::string Clock::now_iso() const { return timeutil::format_utc(now_unix()); }

int64_t SystemClock::now_unix() const {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<std::shared_ptr<FixedClock>> fixed_clock_at(std::string_view spec) {
  auto parsed = timeutil::parse_iso8601(spec);
  if (!parsed || !parsed->offset || !parsed->has_time) return std::nullopt;
  auto t = timeutil::parse_to_unix(spec);
  if (!t) return std::nullopt;
  return std::make_shared<FixedClock>(*t);
}

}  // namespace servq
