#include "core/time.h"

#include <gtest/gtest.h>

using namespace servq::timeutil;

namespace {
Zone zone(const char* name) {
  auto z = Zone::find(name);
  EXPECT_TRUE(z) << name;
  return z ? *z : Zone::utc();
}
int64_t utc(const char* iso) { return parse_to_unix(iso).value(); }
}  // namespace

TEST(Time, OffsetsAreConvertedToUtc) {
  const Zone u = Zone::utc();
  EXPECT_EQ(normalize_iso8601("2026-03-01T08:30:00+07:00", u).value(), "2026-03-01T01:30:00Z");
  EXPECT_EQ(normalize_iso8601("2026-03-01 08:30", u).value(), "2026-03-01T08:30:00Z");
  EXPECT_EQ(normalize_iso8601("2026-03-01", u).value(), "2026-03-01T00:00:00Z");
  EXPECT_EQ(normalize_iso8601("2026-01-01T05:00:00+07:00", u).value(), "2025-12-31T22:00:00Z");
}

TEST(Time, RejectsImpossibleDates) {
  const Zone u = Zone::utc();
  EXPECT_FALSE(normalize_iso8601("2026-02-29", u));
  EXPECT_FALSE(normalize_iso8601("2026-13-01", u));
  EXPECT_FALSE(normalize_iso8601("01/03/2026", u));
  EXPECT_FALSE(normalize_iso8601("2026-03-01T25:00", u));
  EXPECT_TRUE(normalize_iso8601("2024-02-29", u));
}

TEST(Time, FormatsUnixEpoch) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
  // 1 700 000 000 s is 2023-11-14 22:13:20 UTC (date -u -d @1700000000)
  EXPECT_EQ(format_utc(1700000000), "2023-11-14T22:13:20Z");
}

// Expected values by hand from the tz database (tzdata 2025b, zone files asia and europe):
// Asia/Ho_Chi_Minh is UTC+7 without DST since 1975-06-13; Asia/Shanghai UTC+8 without DST since
// 1991; Europe/Berlin CET (+1) / CEST (+2), clocks forward 2026-03-29 02:00 → 03:00 local and back
// 2026-10-25 03:00 → 02:00 local (EU rule: last Sunday of March / October at 01:00 UTC).

TEST(TimeZone, UnknownNamesAreRefused) {
  EXPECT_FALSE(Zone::find("Asia/Hanoi"));
  EXPECT_FALSE(Zone::find("Mars/Olympus_Mons"));
  EXPECT_FALSE(Zone::find(""));
  EXPECT_TRUE(Zone::find("Asia/Saigon"));  // a link kept by tzdata ("backward")
}

TEST(TimeZone, TimeWithoutOffsetIsLocalInTheZone) {
  EXPECT_EQ(normalize_iso8601("2026-10-01T06:30:00", zone("Asia/Ho_Chi_Minh")).value(), "2026-09-30T23:30:00Z");
  EXPECT_EQ(normalize_iso8601("2026-10-01 06:30", zone("Asia/Ho_Chi_Minh")).value(), "2026-09-30T23:30:00Z");
  EXPECT_EQ(normalize_iso8601("2026-10-01T06:30:00", zone("Asia/Shanghai")).value(), "2026-09-30T22:30:00Z");
  // a bare date is the start of that local day
  EXPECT_EQ(normalize_iso8601("2026-10-01", zone("Asia/Ho_Chi_Minh")).value(), "2026-09-30T17:00:00Z");
  // an explicit offset wins over the zone
  EXPECT_EQ(normalize_iso8601("2026-10-01T06:30:00Z", zone("Asia/Ho_Chi_Minh")).value(), "2026-10-01T06:30:00Z");
  EXPECT_EQ(normalize_iso8601("2026-10-01T06:30:00+08:00", zone("Asia/Ho_Chi_Minh")).value(), "2026-09-30T22:30:00Z");
}

TEST(TimeZone, LocalTimeInADstGapDoesNotExist) {
  const Zone berlin = zone("Europe/Berlin");
  EXPECT_FALSE(berlin.to_utc({2026, 3, 29, 2, 30, 0}));
  EXPECT_FALSE(normalize_iso8601("2026-03-29T02:30:00", berlin));
  // either side of the gap: 01:59:59 CET = 00:59:59Z, 03:00 CEST = 01:00Z
  EXPECT_EQ(normalize_iso8601("2026-03-29T01:59:59", berlin).value(), "2026-03-29T00:59:59Z");
  EXPECT_EQ(normalize_iso8601("2026-03-29T03:00:00", berlin).value(), "2026-03-29T01:00:00Z");
  // the first instant at or after the skipped reading is the transition itself
  EXPECT_EQ(format_utc(berlin.first_instant_at_or_after({2026, 3, 29, 2, 30, 0})), "2026-03-29T01:00:00Z");
}

TEST(TimeZone, AmbiguousLocalTimeTakesTheEarlierInstant) {
  const Zone berlin = zone("Europe/Berlin");
  // 02:30 happens twice: at +02:00 (00:30Z) and at +01:00 (01:30Z); the earlier is chosen
  EXPECT_EQ(normalize_iso8601("2026-10-25T02:30:00", berlin).value(), "2026-10-25T00:30:00Z");
  EXPECT_EQ(normalize_iso8601("2026-10-25T02:30:00+01:00", berlin).value(), "2026-10-25T01:30:00Z");
  EXPECT_EQ(berlin.offset_at(utc("2026-10-25T00:30:00Z")), 7200);
  EXPECT_EQ(berlin.offset_at(utc("2026-10-25T01:30:00Z")), 3600);
}

TEST(TimeZone, CalendarKeysAreLocal) {
  const Zone hcm = zone("Asia/Ho_Chi_Minh");
  int64_t t = utc("2026-09-30T23:30:00Z");  // 06:30 on 1 October in Hanoi
  EXPECT_EQ(local_date(hcm, t), "2026-10-01");
  EXPECT_EQ(local_month(hcm, t), "2026-10");
  EXPECT_EQ(local_date(Zone::utc(), t), "2026-09-30");
  // 00:30 on 1 January 2027 in Hanoi is 17:30Z on 31 December 2026
  EXPECT_EQ(local_year(hcm, utc("2026-12-31T17:30:00Z")), 2027);
  EXPECT_EQ(local_year(hcm, utc("2026-12-31T16:59:59Z")), 2026);
  EXPECT_EQ(local_year(zone("Asia/Shanghai"), utc("2026-12-31T16:30:00Z")), 2027);
}

TEST(TimeZone, BoundsOfLocalPeriods) {
  const Zone hcm = zone("Asia/Ho_Chi_Minh");
  auto [db, de] = day_bounds(hcm, 2026, 10, 1);
  EXPECT_EQ(format_utc(db), "2026-09-30T17:00:00Z");
  EXPECT_EQ(format_utc(de), "2026-10-01T17:00:00Z");
  auto [mb, me] = month_bounds(hcm, 2026, 12);
  EXPECT_EQ(format_utc(mb), "2026-11-30T17:00:00Z");
  EXPECT_EQ(format_utc(me), "2026-12-31T17:00:00Z");
  auto [yb, ye] = year_bounds(zone("Asia/Shanghai"), 2026);
  EXPECT_EQ(format_utc(yb), "2025-12-31T16:00:00Z");
  EXPECT_EQ(format_utc(ye), "2026-12-31T16:00:00Z");
  // Berlin's DST days are 23 and 25 hours long
  auto [gb, ge] = day_bounds(zone("Europe/Berlin"), 2026, 3, 29);
  EXPECT_EQ(format_utc(gb), "2026-03-28T23:00:00Z");
  EXPECT_EQ(ge - gb, 23 * 3600);
  auto [ob, oe] = day_bounds(zone("Europe/Berlin"), 2026, 10, 25);
  EXPECT_EQ(format_utc(ob), "2026-10-24T22:00:00Z");
  EXPECT_EQ(oe - ob, 25 * 3600);
}

TEST(TimeZone, LocalCalendarFollowsOffsetChanges) {
  LocalCalendar cal(zone("Europe/Berlin"));
  EXPECT_EQ(cal.date(utc("2026-10-24T22:30:00Z")), "2026-10-25");  // 00:30 CEST
  EXPECT_EQ(cal.civil(utc("2026-10-25T00:30:00Z")).hour, 2);        // 02:30 CEST
  EXPECT_EQ(cal.civil(utc("2026-10-25T01:30:00Z")).hour, 2);        // 02:30 CET, after the change
  EXPECT_EQ(cal.civil(utc("2026-10-25T12:00:00Z")).hour, 13);
  EXPECT_EQ(cal.month(utc("2026-03-31T22:30:00Z")), "2026-04");  // 00:30 CEST on 1 April
  EXPECT_EQ(cal.month(utc("2026-03-31T21:30:00Z")), "2026-03");
}

TEST(TimeZone, WholeHourOffsets) {
  EXPECT_TRUE(zone("Asia/Ho_Chi_Minh").whole_hour_offsets(0, 4102444800));
  EXPECT_TRUE(zone("Europe/Berlin").whole_hour_offsets(0, 4102444800));
  EXPECT_FALSE(zone("Asia/Kolkata").whole_hour_offsets(0, 4102444800));  // +05:30
}

TEST(TimeZone, BareDateIsTheFirstInstantOfTheLocalDayEvenWhenMidnightIsSkipped) {
  // America/Santiago moves from -04 to -03 at 04:00Z on 2026-09-06 (zdump -v -c 2026,2027):
  // local midnight of 6 September does not exist, the day starts at 01:00 local = 04:00Z.
  const Zone santiago = zone("America/Santiago");
  EXPECT_EQ(normalize_iso8601("2026-09-06", santiago).value(), "2026-09-06T04:00:00Z");
  EXPECT_FALSE(normalize_iso8601("2026-09-06T00:30:00", santiago));
  EXPECT_EQ(format_utc(day_bounds(santiago, 2026, 9, 6).first), "2026-09-06T04:00:00Z");
}
