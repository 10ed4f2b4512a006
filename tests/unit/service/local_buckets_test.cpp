// Calendar periods of the organisation computed from UTC buckets (service/common.h LocalBuckets).
// Expected values by hand: Asia/Ho_Chi_Minh UTC+7, Asia/Kolkata UTC+5:30 (tz database).
#include <gtest/gtest.h>

#include "service/common.h"

using servq::service::LocalBuckets;
using servq::timeutil::Zone;

TEST(LocalBuckets, WholeHourZonesGroupByTheUtcHour) {
  LocalBuckets b(*Zone::find("Asia/Ho_Chi_Minh"));
  EXPECT_EQ(b.prefix_chars(), 13u);  // "2026-09-30T16": the hour
  EXPECT_EQ(b.month("2026-09-30T16"), "2026-09");  // 23:00 on 30 September in Hanoi
  EXPECT_EQ(b.month("2026-09-30T17"), "2026-10");  // 00:00 on 1 October
  EXPECT_EQ(b.date("2026-09-30T23"), "2026-10-01");
}

TEST(LocalBuckets, HalfHourZonesGroupByTheMinute) {
  LocalBuckets b(*Zone::find("Asia/Kolkata"));
  EXPECT_EQ(b.prefix_chars(), 16u);  // "2026-09-30T18:29": the minute
  EXPECT_EQ(b.month("2026-09-30T18:29"), "2026-09");  // 23:59 on 30 September in Kolkata
  EXPECT_EQ(b.month("2026-09-30T18:30"), "2026-10");  // 00:00 on 1 October
}
