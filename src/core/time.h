// Timestamps are stored and exchanged as UTC ISO-8601 strings "YYYY-MM-DDTHH:MM:SSZ", which
// sort correctly as text on both databases. What people type and every calendar period (day,
// month, year) is in the organisation's time zone: `Zone` wraps an IANA zone of the system
// tzdata (Howard Hinnant's date/tz, Debian's libdate-tz built with USE_OS_TZDB). Pure: no clock.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace date {
class time_zone;
}

namespace servq::timeutil {

// A wall-clock reading without a zone.
struct CivilTime {
  int64_t year = 1970;
  unsigned month = 1, day = 1;
  int hour = 0, minute = 0, second = 0;
};

// One IANA zone, resolved once; cheap to copy. Offsets are seconds east of UTC.
class Zone {
 public:
  // The zone named `iana_name` ("Asia/Ho_Chi_Minh"), or nothing when tzdata does not know it.
  static std::optional<Zone> find(std::string_view iana_name);
  static Zone utc();
  const std::string& name() const { return name_; }

  // The offset at an instant; with `begin`/`end`, also the UTC range [begin, end) it holds for.
  int64_t offset_at(int64_t unix_seconds, int64_t* begin = nullptr, int64_t* end = nullptr) const;
  CivilTime to_local(int64_t unix_seconds) const;
  // Local civil time → UTC. A time that does not exist (skipped by a DST change, e.g.
  // Europe/Berlin 2026-03-29 02:30) gives nothing; an ambiguous one (repeated when clocks go
  // back, e.g. Europe/Berlin 2026-10-25 02:30) gives the earlier instant.
  std::optional<int64_t> to_utc(const CivilTime& t) const;
  // The first instant at or after local time `t` (the transition itself when `t` falls in a
  // gap; the earlier instant when ambiguous): the start of a local day always exists this way.
  int64_t first_instant_at_or_after(const CivilTime& t) const;
  // Whether every offset in effect during [from, to] is a whole number of hours (true for Vietnam,
  // China, Berlin; false for India): then an hour of UTC never straddles a local period.
  bool whole_hour_offsets(int64_t from, int64_t to) const;

 private:
  Zone(const date::time_zone* tz, std::string name) : tz_(tz), name_(std::move(name)) {}
  const date::time_zone* tz_ = nullptr;  // null: UTC
  std::string name_;
};

// The organisation's default zone (Vietnam; no DST since 1975).
inline constexpr const char* kDefaultZone = "Asia/Ho_Chi_Minh";

// A typed date or date-time: "2026-03-01", "2026-03-01 08:30", "2026-03-01T08:30:00", with an
// optional "Z" or "+07:00" offset.
struct ParsedTime {
  CivilTime civil;
  std::optional<int64_t> offset;  // seconds east of UTC, when the text carried one
  bool has_time = false;          // false for a bare date
};
std::optional<ParsedTime> parse_iso8601(std::string_view s);

// The canonical UTC form of a typed time; a time without offset is local time in `zone`, a bare
// date the first instant of that local day. Nothing for malformed text and for a local time that
// does not exist in `zone`.
std::optional<std::string> normalize_iso8601(std::string_view s, const Zone& zone);
std::optional<int64_t> parse_to_unix(std::string_view s, const Zone& zone);

// For text this program stored (canonical UTC with Z); an offsetless string is read as UTC.
std::optional<int64_t> parse_to_unix(std::string_view s);
std::string format_utc(int64_t unix_seconds);
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
CivilTime civil_from_unix(int64_t unix_seconds);  // in UTC

// Calendar keys of an instant in `zone`: "2026-10-01", "2026-10", 2026.
std::string local_date(const Zone& zone, int64_t unix_seconds);
std::string local_month(const Zone& zone, int64_t unix_seconds);
int64_t local_year(const Zone& zone, int64_t unix_seconds);

// UTC bounds [start, end) of a local day, month or year in `zone`.
std::pair<int64_t, int64_t> day_bounds(const Zone& zone, int64_t y, unsigned m, unsigned d);
std::pair<int64_t, int64_t> month_bounds(const Zone& zone, int64_t y, unsigned m);
std::pair<int64_t, int64_t> year_bounds(const Zone& zone, int64_t y);

// Converts many instants of one zone, remembering the offset period of the last one: bucketing a
// million rows costs one tz lookup per DST period, not one per row.
class LocalCalendar {
 public:
  explicit LocalCalendar(Zone zone) : zone_(std::move(zone)) {}
  CivilTime civil(int64_t unix_seconds);
  std::string date(int64_t unix_seconds);   // "YYYY-MM-DD"
  std::string month(int64_t unix_seconds);  // "YYYY-MM"
  const Zone& zone() const { return zone_; }

 private:
  Zone zone_;
  int64_t begin_ = 1, end_ = 0, offset_ = 0;  // the cached offset holds in [begin_, end_)
};

}  // namespace servq::timeutil
