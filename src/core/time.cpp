#include "core/time.h"

#include <date/tz.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <limits>

namespace servq::timeutil {

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's algorithm: days since 1970-01-01 in the proleptic Gregorian calendar.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

static void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

CivilTime civil_from_unix(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - days * 86400;
  CivilTime c;
  civil_from_days(days, c.year, c.month, c.day);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  return c;
}

static int64_t civil_seconds(const CivilTime& c) {  // the civil reading as if it were UTC
  return days_from_civil(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
}

std::string format_utc(int64_t t) {
  CivilTime c = civil_from_unix(t);
  char buf[64];  // room for any int64 year, so the compiler can prove nothing is cut
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(c.year), c.month,
                c.day, c.hour, c.minute, c.second);
  return buf;
}

// ---- zones --------------------------------------------------------------------------------

std::optional<Zone> Zone::find(std::string_view iana_name) {
  if (iana_name.empty() || iana_name.size() > 64) return std::nullopt;
  try {
    const date::time_zone* tz = date::locate_zone(iana_name);
    return Zone(tz, std::string(tz->name()));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Zone Zone::utc() { return Zone(nullptr, "UTC"); }

int64_t Zone::offset_at(int64_t t, int64_t* begin, int64_t* end) const {
  if (!tz_) {
    if (begin) *begin = std::numeric_limits<int64_t>::min();
    if (end) *end = std::numeric_limits<int64_t>::max();
    return 0;
  }
  auto info = tz_->get_info(date::sys_seconds{std::chrono::seconds{t}});
  if (begin) *begin = info.begin.time_since_epoch().count();
  if (end) *end = info.end.time_since_epoch().count();
  return info.offset.count();
}

CivilTime Zone::to_local(int64_t t) const { return civil_from_unix(t + offset_at(t)); }

namespace {
// The local_info of a civil reading in `tz`.
date::local_info info_of(const date::time_zone* tz, const CivilTime& c) {
  return tz->get_info(date::local_seconds{std::chrono::seconds{civil_seconds(c)}});
}
}  // namespace

std::optional<int64_t> Zone::to_utc(const CivilTime& c) const {
  int64_t local = civil_seconds(c);
  if (!tz_) return local;
  auto info = info_of(tz_, c);
  if (info.result == date::local_info::nonexistent) return std::nullopt;
  // unique: first holds; ambiguous: first is the earlier offset period, so the earlier instant.
  return local - info.first.offset.count();
}

int64_t Zone::first_instant_at_or_after(const CivilTime& c) const {
  int64_t local = civil_seconds(c);
  if (!tz_) return local;
  auto info = info_of(tz_, c);
  if (info.result == date::local_info::nonexistent) return info.first.end.time_since_epoch().count();
  return local - info.first.offset.count();
}

bool Zone::whole_hour_offsets(int64_t from, int64_t to) const {
  for (int64_t t = from;;) {
    int64_t b, e;
    if (offset_at(t, &b, &e) % 3600 != 0) return false;
    if (e > to || e <= t) return true;
    t = e;
  }
}

// ---- parsing ------------------------------------------------------------------------------

std::optional<ParsedTime> parse_iso8601(std::string_view s) {
  auto num = [&](size_t pos, size_t len, int& out) {
    if (pos + len > s.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, mo, d, h = 0, mi = 0, se = 0;
  if (!num(0, 4, y) || s.size() < 10 || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' || !num(8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || y < 1900 || y > 2999) return std::nullopt;
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap)) return std::nullopt;
  ParsedTime out;
  size_t p = 10;
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ')) {
    if (!num(p + 1, 2, h) || p + 3 >= s.size() || s[p + 3] != ':' || !num(p + 4, 2, mi)) return std::nullopt;
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!num(p + 1, 2, se)) return std::nullopt;
      p += 3;
      if (p < s.size() && s[p] == '.') {  // fractional seconds are dropped
        ++p;
        while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
      }
    }
    if (h > 23 || mi > 59 || se > 60) return std::nullopt;
    out.has_time = true;
  }
  if (p < s.size()) {
    if (s[p] == 'Z' || s[p] == 'z') {
      ++p;
      out.offset = 0;
    } else if (s[p] == '+' || s[p] == '-') {
      int oh, om = 0;
      if (!num(p + 1, 2, oh)) return std::nullopt;
      size_t q = p + 3;
      if (q < s.size() && s[q] == ':') ++q;
      if (q < s.size()) {
        if (!num(q, 2, om)) return std::nullopt;
        q += 2;
      }
      if (oh > 14 || om > 59) return std::nullopt;
      out.offset = (oh * 3600 + om * 60) * (s[p] == '+' ? 1 : -1);
      p = q;
    }
  }
  if (p != s.size()) return std::nullopt;
  out.civil = {y, static_cast<unsigned>(mo), static_cast<unsigned>(d), h, mi, se};
  return out;
}

std::optional<int64_t> parse_to_unix(std::string_view s, const Zone& zone) {
  auto p = parse_iso8601(s);
  if (!p) return std::nullopt;
  if (p->offset) return civil_seconds(p->civil) - *p->offset;
  // A bare date is the start of that local day, which exists even where midnight is skipped.
  if (!p->has_time) return zone.first_instant_at_or_after(p->civil);
  return zone.to_utc(p->civil);
}

std::optional<int64_t> parse_to_unix(std::string_view s) { return parse_to_unix(s, Zone::utc()); }

std::optional<std::string> normalize_iso8601(std::string_view s, const Zone& zone) {
  auto t = parse_to_unix(s, zone);
  if (!t) return std::nullopt;
  return format_utc(*t);
}

// ---- calendar -----------------------------------------------------------------------------

namespace {
std::string date_key(const CivilTime& c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
  return buf;
}
std::string month_key(const CivilTime& c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u", static_cast<long long>(c.year), c.month);
  return buf;
}
}  // namespace

std::string local_date(const Zone& zone, int64_t t) { return date_key(zone.to_local(t)); }
std::string local_month(const Zone& zone, int64_t t) { return month_key(zone.to_local(t)); }
int64_t local_year(const Zone& zone, int64_t t) { return zone.to_local(t).year; }

std::pair<int64_t, int64_t> day_bounds(const Zone& zone, int64_t y, unsigned m, unsigned d) {
  int64_t next = days_from_civil(y, m, d) + 1;
  CivilTime n;
  civil_from_days(next, n.year, n.month, n.day);
  return {zone.first_instant_at_or_after({y, m, d}), zone.first_instant_at_or_after(n)};
}

std::pair<int64_t, int64_t> month_bounds(const Zone& zone, int64_t y, unsigned m) {
  CivilTime next{m == 12 ? y + 1 : y, m == 12 ? 1u : m + 1, 1};
  return {zone.first_instant_at_or_after({y, m, 1}), zone.first_instant_at_or_after(next)};
}

std::pair<int64_t, int64_t> year_bounds(const Zone& zone, int64_t y) {
  return {zone.first_instant_at_or_after({y, 1, 1}), zone.first_instant_at_or_after({y + 1, 1, 1})};
}

CivilTime LocalCalendar::civil(int64_t t) {
  if (t < begin_ || t >= end_) offset_ = zone_.offset_at(t, &begin_, &end_);
  return civil_from_unix(t + offset_);
}
std::string LocalCalendar::date(int64_t t) { return date_key(civil(t)); }
std::string LocalCalendar::month(int64_t t) { return month_key(civil(t)); }

}  // namespace servq::timeutil
