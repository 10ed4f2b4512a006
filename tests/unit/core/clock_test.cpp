#include "core/clock.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace servq;

TEST(Clock, FixedClockReadsTheInstantItWasGivenWithItsOffset) {
  // 2026-12-01 09:00 in Ho Chi Minh City (+07:00) is 02:00 UTC; 1796090400 by `date -d`.
  auto c = fixed_clock_at("2026-12-01T09:00:00+07:00");
  ASSERT_TRUE(c);
  EXPECT_EQ((*c)->now_unix(), 1796090400);
  EXPECT_EQ((*c)->now_iso(), "2026-12-01T02:00:00Z");
}

TEST(Clock, FixedClockStandsStillUntilMoved) {
  FixedClock c(1796090400);
  EXPECT_EQ(c.now_unix(), c.now_unix());
  c.advance(3600);
  EXPECT_EQ(c.now_iso(), "2026-12-01T03:00:00Z");
  c.set(0);
  EXPECT_EQ(c.now_iso(), "1970-01-01T00:00:00Z");
}

TEST(Clock, FixedClockRefusesATimeWithoutOffsetOrWithoutTime) {
  // Without an offset the instant would depend on the zone of whoever reads it.
  EXPECT_FALSE(fixed_clock_at("2026-12-01T09:00:00"));
  EXPECT_FALSE(fixed_clock_at("2026-12-01"));
  EXPECT_FALSE(fixed_clock_at("tomorrow"));
  EXPECT_FALSE(fixed_clock_at(""));
}

TEST(Clock, SystemClockReadsTheSystemTime) {
  SystemClock c;
  auto sys = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_LE(std::abs(c.now_unix() - sys), 2);
}
