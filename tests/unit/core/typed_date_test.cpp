// core/typed_date: dates as people type them. Expected values written by hand from the calendar
// (2026 is not a leap year, 2024 is).
#include "core/typed_date.h"

#include <gtest/gtest.h>

using namespace servq::typed_date;

namespace {
std::string rd(std::string_view s, Order o) {
  auto r = read(s, o);
  return r.error.empty() ? r.value : r.error;
}
}  // namespace

TEST(TypedDate, DayFirst) {
  EXPECT_EQ(rd("01/10/2026", Order::dmy), "2026-10-01T00:00:00");
  EXPECT_EQ(rd("1/10/2026 06:30", Order::dmy), "2026-10-01T06:30:00");
  EXPECT_EQ(rd("01-10-2026", Order::dmy), "2026-10-01T00:00:00");
  EXPECT_EQ(rd("1.10.2026", Order::dmy), "2026-10-01T00:00:00");
  EXPECT_EQ(rd("1.10.2026 6:30:15", Order::dmy), "2026-10-01T06:30:15");
  EXPECT_EQ(rd(" 29/02/2024 ", Order::dmy), "2024-02-29T00:00:00");
}

TEST(TypedDate, YearFirstWhateverTheOrder) {
  for (auto o : {Order::dmy, Order::mdy, Order::ymd}) {
    EXPECT_EQ(rd("2026-10-01 06:30", o), "2026-10-01T06:30:00");
    EXPECT_EQ(rd("2026/10/01", o), "2026-10-01T00:00:00");
    EXPECT_EQ(rd("2026-10-01T06:30:00", o), "2026-10-01T06:30:00");
    EXPECT_EQ(rd("2026年10月1日", o), "2026-10-01T00:00:00");
    EXPECT_EQ(rd("2026年10月1日 06:30", o), "2026-10-01T06:30:00");
    EXPECT_EQ(rd("2026年10月1日06:30:05", o), "2026-10-01T06:30:05");
  }
}

TEST(TypedDate, MonthFirst) {
  EXPECT_EQ(rd("10/1/2026 06:30", Order::mdy), "2026-10-01T06:30:00");
  EXPECT_EQ(rd("10/25/2026", Order::mdy), "2026-10-25T00:00:00");
  EXPECT_EQ(rd("25/10/2026", Order::mdy), "import.date_impossible");
}

TEST(TypedDate, YmdReadsDayMonthYearOnlyWhenOneReadingExists) {
  EXPECT_EQ(rd("25/10/2026", Order::ymd), "2026-10-25T00:00:00");
  EXPECT_EQ(rd("10/25/2026", Order::ymd), "2026-10-25T00:00:00");
  EXPECT_EQ(rd("01/10/2026", Order::ymd), "import.date_ambiguous");
  EXPECT_EQ(rd("05/05/2026", Order::ymd), "2026-05-05T00:00:00");
}

TEST(TypedDate, OffsetsKept) {
  EXPECT_EQ(rd("2026-10-01T06:30:00+07:00", Order::dmy), "2026-10-01T06:30:00+07:00");
  EXPECT_EQ(rd("2026-10-01 06:30Z", Order::dmy), "2026-10-01T06:30:00Z");
  EXPECT_EQ(rd("01/10/2026 06:30 +0800", Order::dmy), "2026-10-01T06:30:00+08:00");
}

TEST(TypedDate, AmbiguousImpossibleInvalid) {
  EXPECT_EQ(rd("01/10/26", Order::dmy), "import.date_ambiguous");
  EXPECT_EQ(rd("26年10月1日", Order::ymd), "import.date_ambiguous");
  EXPECT_EQ(rd("31/02/2026", Order::dmy), "import.date_impossible");
  EXPECT_EQ(rd("29/02/2026", Order::dmy), "import.date_impossible");
  EXPECT_EQ(rd("25/13/2026", Order::dmy), "import.date_impossible");
  EXPECT_EQ(rd("2026-02-30", Order::ymd), "import.date_impossible");
  EXPECT_EQ(rd("1/10/2026 24:00", Order::dmy), "import.date_impossible");
  EXPECT_EQ(rd("1/10/2026 06:60", Order::dmy), "import.date_impossible");
  EXPECT_EQ(rd("", Order::dmy), "import.date_invalid");
  EXPECT_EQ(rd("hôm qua", Order::dmy), "import.date_invalid");
  EXPECT_EQ(rd("01/10-2026", Order::dmy), "import.date_invalid");
  EXPECT_EQ(rd("2026-10-01 06:30 sáng", Order::dmy), "import.date_invalid");
  EXPECT_EQ(rd("1/10/2026 6:3", Order::dmy), "import.date_invalid");
}
