// The settings use cases as typed calls (the worked example of service/context.h): a context with
// a fixed clock, typed input and result, against a real SQLite file.
#include "service/settings/org_settings.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/audit/audit_repo.h"
#include "../scratch_db.h"

using namespace servq;
using servq::test_support::ScratchDb;

namespace {
Actor admin() {
  Actor a;
  a.user_id = 0;
  a.login = "root";
  a.role = Role::admin;
  return a;
}

// 2026-12-01T02:00:00Z — 09:00 in Ho Chi Minh City.
const FixedClock kAt(1796090400);
}  // namespace

TEST(OrgSettings, AnAdminsChangeIsTrimmedStoredAndAuditedAtTheContextsClock) {
  ScratchDb s("settings");
  const auto cx = service::Context::of(*s.db, admin(), kAt);
  auto before = service::get_org_settings(cx);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->phone_region, "VN");
  auto after = service::put_org_settings(cx, {" Asia/Shanghai ", "CN"});
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->time_zone, "Asia/Shanghai");
  EXPECT_EQ(after->phone_region, "CN");
  EXPECT_EQ(service::get_org_settings(cx)->time_zone, "Asia/Shanghai");
  auto lease = s.db->acquire();
  auto log = store::audit::list(*lease, {}, {1, 10});
  ASSERT_EQ(log.total, 1);
  EXPECT_EQ(log.items[0].at, "2026-12-01T02:00:00Z");
  EXPECT_EQ(log.items[0].actor, "root");
  EXPECT_EQ(log.items[0].entity, "settings");
}

TEST(OrgSettings, AnAbsentFieldStaysAsItIs) {
  ScratchDb s("settings");
  const auto cx = service::Context::of(*s.db, admin(), kAt);
  ASSERT_TRUE(service::put_org_settings(cx, {std::nullopt, "CN"}).ok());
  auto now = service::get_org_settings(cx);
  EXPECT_EQ(now->time_zone, std::string(timeutil::kDefaultZone));
  EXPECT_EQ(now->phone_region, "CN");
}

TEST(OrgSettings, OnlyAnAdminChangesThem) {
  ScratchDb s("settings");
  Actor head = admin();
  head.role = Role::head;
  const auto cx = service::Context::of(*s.db, head, kAt);
  ASSERT_TRUE(service::refuse_settings_change(cx).has_value());
  auto r = service::put_org_settings(cx, {"Asia/Shanghai", std::nullopt});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 403);
  EXPECT_EQ(service::get_org_settings(cx)->time_zone, std::string(timeutil::kDefaultZone));
  EXPECT_FALSE(service::refuse_settings_change(service::Context::of(*s.db, admin(), kAt)).has_value());
}

TEST(OrgSettings, AnUnknownZoneOrRegionIsRefusedNamingTheFieldAndValue) {
  ScratchDb s("settings");
  const auto cx = service::Context::of(*s.db, admin(), kAt);
  auto zone = service::put_org_settings(cx, {"Mars/Olympus_Mons", std::nullopt});
  ASSERT_FALSE(zone.ok());
  EXPECT_EQ(zone.error().code, "settings.time_zone_invalid");
  EXPECT_EQ(zone.error().field, "time_zone");
  ASSERT_EQ(zone.error().params.size(), 1u);
  EXPECT_EQ(zone.error().params[0].second, "Mars/Olympus_Mons");
  auto region = service::put_org_settings(cx, {std::nullopt, "vn"});
  ASSERT_FALSE(region.ok());
  EXPECT_EQ(region.error().code, "settings.phone_region_invalid");
  EXPECT_EQ(region.error().field, "phone_region");
  // Nothing was stored by either refusal.
  EXPECT_EQ(service::get_org_settings(cx)->phone_region, "VN");
}
