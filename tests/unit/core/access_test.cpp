#include "core/access.h"

#include <gtest/gtest.h>

using namespace servq;

TEST(Access, HeadCoversOnlyItsSubtree) {
  Actor head;
  head.role = Role::head;
  head.unit_path = "/1/4/";
  EXPECT_TRUE(access::covers(head, "/1/4/"));
  EXPECT_TRUE(access::covers(head, "/1/4/9/"));
  EXPECT_FALSE(access::covers(head, "/1/40/"));
  EXPECT_FALSE(access::covers(head, "/1/5/"));
}

TEST(Access, HeadWithoutUnitSeesNothing) {
  Actor head;
  head.role = Role::head;
  EXPECT_EQ(access::read_scope(head), Scope::none);
  EXPECT_FALSE(access::covers(head, "/1/"));
}

TEST(Access, AuditorReadsAllButNeverPii) {
  Actor a;
  a.role = Role::auditor;
  EXPECT_EQ(access::read_scope(a), Scope::all);
  EXPECT_FALSE(access::sees_pii(a));
  EXPECT_FALSE(access::can_write_customers(a));
}

TEST(Access, OnlyAdminManagesUsers) {
  for (auto r : {Role::quality, Role::director, Role::head, Role::staff, Role::auditor}) {
    Actor a;
    a.role = r;
    EXPECT_FALSE(access::can_manage_users(a)) << role_name(r);
  }
  Actor admin;
  admin.role = Role::admin;
  EXPECT_TRUE(access::can_manage_users(admin));
}

TEST(Access, RoleNamesRoundTrip) {
  for (auto r : {Role::admin, Role::quality, Role::director, Role::head, Role::staff, Role::auditor})
    EXPECT_EQ(parse_role(role_name(r)), r);
  EXPECT_FALSE(parse_role("root"));
}
