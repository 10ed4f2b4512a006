#include "core/json_input.h"

#include <gtest/gtest.h>

#include <string>

namespace servq::jsonin {
namespace {

TEST(JsonInput, DepthCountsContainersOutsideStringsOnly) {
  EXPECT_EQ(nesting_depth("{}"), 1u);
  EXPECT_EQ(nesting_depth(R"({"a":[1,{"b":[]}]})"), 4u);
  // brackets inside strings, escaped quotes and escaped backslashes do not count
  EXPECT_EQ(nesting_depth(R"({"a":"[[[{{{"})"), 1u);
  EXPECT_EQ(nesting_depth(R"({"a":"\"[[[","b":"\\","c":[1]})"), 2u);
  EXPECT_EQ(nesting_depth("\"just [ a string\""), 0u);
  EXPECT_EQ(nesting_depth("Phản hồi: [Khoa Nội] 内科"), 1u);
}

TEST(JsonInput, DepthStopsCountingAboveTheBound) {
  std::string deep(1'000'000, '[');
  EXPECT_EQ(nesting_depth(deep, 64), 65u);
}

TEST(JsonInput, ParseRefusesOneLevelOverTheBound) {
  std::string at = std::string(64, '[') + std::string(64, ']');
  std::string over = std::string(65, '[') + std::string(65, ']');
  EXPECT_TRUE(parse_limited(at).ok());
  auto r = parse_limited(over, "the body");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "http.json_too_deep");
  EXPECT_EQ(r.error().status, 400);
  EXPECT_NE(r.error().message.find("the body"), std::string::npos);
}

TEST(JsonInput, ParseReportsInvalidJson) {
  auto r = parse_limited("{\"a\":");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "http.bad_json");
  auto ok = parse_limited(R"({"tên":"Nguyễn Văn A","科室":"内科"})");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)["科室"], "内科");
}

}  // namespace
}  // namespace servq::jsonin
