#include "core/org/records.h"

#include <gtest/gtest.h>

using namespace servq;

TEST(CustomerCsv, EveryBadLineIsReportedWithLineAndField) {
  auto t = csv::parse(
      "external_id,name,phone,category\n"
      "K1,An,0912345678,long_term\n"
      "K2,,0912345679,first_time\n"
      "K3,Bình,12ab,vip\n");
  ASSERT_TRUE(t.ok());
  auto p = org::customers_from_csv(*t, "VN");
  ASSERT_EQ(p.errors.size(), 3u);
  EXPECT_EQ(p.errors[0].line, 3u);
  EXPECT_EQ(p.errors[0].field, "name");
  EXPECT_EQ(p.errors[1].line, 4u);
  EXPECT_EQ(p.errors[1].field, "phone");
  EXPECT_EQ(p.errors[2].field, "category");
}

TEST(CustomerCsv, DuplicatePhoneInsideTheFileNamesTheFirstLine) {
  auto t = csv::parse("external_id,name,phone\nK1,An,0912345678\nK2,Bình,+84912345678\n");
  auto p = org::customers_from_csv(*t, "VN");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].line, 3u);
  EXPECT_EQ(p.errors[0].field, "phone");
  EXPECT_NE(p.errors[0].message.find("line 2"), std::string::npos);
}

TEST(CustomerCsv, UnknownAndMissingColumnsAreHeaderErrors) {
  auto t = csv::parse("external_id,nme\nK1,An\n");
  auto p = org::customers_from_csv(*t, "VN");
  ASSERT_GE(p.errors.size(), 2u);
  EXPECT_EQ(p.errors[0].line, 1u);
}

TEST(CustomerCsv, ReferredCustomerNeedsReferrer) {
  auto t = csv::parse("external_id,name,category\nK1,An,referred\n");
  auto p = org::customers_from_csv(*t, "VN");
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].field, "referred_by");
}

TEST(EncounterCsv, TimesAreNormalisedAndAmountsChecked) {
  auto t = csv::parse(
      "external_id,customer_phone,unit,service,started_at,amount,converted\n"
      "E1,0912345678,KHOA-NOI,Khám,2026-03-01 08:30+07:00,350000,yes\n"
      "E2,0912345678,KHOA-NOI,Khám,2026-03-01,12.5,no\n");
  auto p = org::encounters_from_csv(*t, "VN", *servq::timeutil::Zone::find("Asia/Ho_Chi_Minh"));
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].line, 3u);
  EXPECT_EQ(p.errors[0].field, "amount");
  EXPECT_EQ(p.rows[0].started_at, "2026-03-01T01:30:00Z");
  EXPECT_TRUE(p.rows[0].converted);
}

TEST(Bool, AcceptsCommonSpellings) {
  EXPECT_EQ(org::parse_bool("Yes"), true);
  EXPECT_EQ(org::parse_bool("có"), true);
  EXPECT_EQ(org::parse_bool("0"), false);
  EXPECT_EQ(org::parse_bool(""), false);
  EXPECT_FALSE(org::parse_bool("maybe"));
}
