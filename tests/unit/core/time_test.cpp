#include "core/time.h"

#include <gtest/gtest.h>

using namespace servq::timeutil;

TEST(Time, OffsetsAreConvertedToUtc) {
  EXPECT_EQ(normalize_iso8601("2026-03-01T08:30:00+07:00").value(), "2026-03-01T01:30:00Z");
  EXPECT_EQ(normalize_iso8601("2026-03-01 08:30").value(), "2026-03-01T08:30:00Z");
  EXPECT_EQ(normalize_iso8601("2026-03-01").value(), "2026-03-01T00:00:00Z");
  EXPECT_EQ(normalize_iso8601("2026-01-01T05:00:00+07:00").value(), "2025-12-31T22:00:00Z");
}

TEST(Time, RejectsImpossibleDates) {
  EXPECT_FALSE(normalize_iso8601("2026-02-29"));
  EXPECT_FALSE(normalize_iso8601("2026-13-01"));
  EXPECT_FALSE(normalize_iso8601("01/03/2026"));
  EXPECT_FALSE(normalize_iso8601("2026-03-01T25:00"));
  EXPECT_TRUE(normalize_iso8601("2024-02-29"));
}

TEST(Time, FormatsUnixEpoch) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
  // 1 700 000 000 s is 2023-11-14 22:13:20 UTC (date -u -d @1700000000)
  EXPECT_EQ(format_utc(1700000000), "2023-11-14T22:13:20Z");
}
