#include "core/scope.h"

#include <gtest/gtest.h>

using namespace servq;

namespace {
Actor actor(Role role, std::string path = "", std::optional<int64_t> staff = std::nullopt) {
  Actor a;
  a.user_id = 7;
  a.role = role;
  a.unit_path = std::move(path);
  if (!a.unit_path.empty()) a.unit_id = 4;
  a.staff_id = staff;
  return a;
}
}  // namespace

TEST(UnitScope, QualityDirectorAndAuditorReachEveryUnit) {
  for (Role r : {Role::admin, Role::quality, Role::director, Role::auditor}) {
    auto s = UnitScope::of(actor(r, "/1/4/"));
    EXPECT_TRUE(s.all());
    EXPECT_TRUE(s.covers("/1/5/"));
    EXPECT_FALSE(s.figures_path().has_value());
  }
}

TEST(UnitScope, AHeadReachesItsSubtreeOnlyNotASiblingWithTheSamePrefixDigits) {
  auto s = UnitScope::of(actor(Role::head, "/1/4/"));
  EXPECT_EQ(s.kind(), UnitScope::Kind::subtree);
  EXPECT_TRUE(s.covers("/1/4/"));
  EXPECT_TRUE(s.covers("/1/4/9/"));
  EXPECT_FALSE(s.covers("/1/40/"));
  EXPECT_FALSE(s.covers("/1/"));
  EXPECT_EQ(s.figures_path(), "/1/4/");
  EXPECT_FALSE(s.figures_cover("/1/5/"));
}

TEST(UnitScope, AHeadWithoutAUnitReachesNothing) {
  auto s = UnitScope::of(actor(Role::head));
  EXPECT_EQ(s.kind(), UnitScope::Kind::none);
  EXPECT_FALSE(s.covers("/1/"));
  EXPECT_EQ(s.figures_path(), "");
  EXPECT_FALSE(s.figures_cover("/1/"));
}

TEST(UnitScope, StaffReachTheirOwnRecordsByPersonAndTheFiguresOfTheirUnit) {
  auto s = UnitScope::of(actor(Role::staff, "/1/4/", 12));
  EXPECT_EQ(s.kind(), UnitScope::Kind::own);
  EXPECT_FALSE(s.covers("/1/4/")) << "a unit's cases are not a staff member's";
  EXPECT_EQ(s.staff_id(), 12);
  EXPECT_EQ(s.user_id(), 7);
  EXPECT_TRUE(s.figures_cover("/1/4/9/"));
  EXPECT_FALSE(s.figures_cover("/1/5/"));
}
