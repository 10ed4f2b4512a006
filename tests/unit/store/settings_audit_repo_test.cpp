// The settings and audit repositories on both backends.
#include <gtest/gtest.h>

#include "store/audit/audit_repo.h"
#include "store/settings/settings_repo.h"
#include "store_test_db.h"

using namespace servq;
using servq::testing::StoreTest;

namespace {

class SettingsRepo : public StoreTest {};
SERVQ_STORE_TEST_SUITE(SettingsRepo);

TEST_P(SettingsRepo, PutReplacesAndGetReadsBack) {
  auto lease = db().acquire();
  auto& c = *lease;
  EXPECT_FALSE(store::settings::get(c, "servq_test_key").has_value());
  store::settings::put(c, "servq_test_key", "one");
  store::settings::put(c, "servq_test_key", "two");  // an upsert, not a second row
  EXPECT_EQ(store::settings::get(c, "servq_test_key"), "two");
  store::settings::put(c, "servq_other", "x");
  auto many = store::settings::get_many(c, {"servq_test_key", "servq_other", "servq_absent"});
  EXPECT_EQ(many.size(), 2u);
  EXPECT_EQ(many["servq_test_key"], "two");
  EXPECT_EQ(many["servq_other"], "x");
  EXPECT_TRUE(store::settings::get_many(c, {}).empty());
}

class AuditRepo : public StoreTest {};
SERVQ_STORE_TEST_SUITE(AuditRepo);

store::audit::Entry entry(const std::string& at, const std::string& actor, const std::string& entity) {
  store::audit::Entry e;
  e.at = at;
  e.actor = actor;
  e.action = "update";
  e.entity = entity;
  e.entity_id = "7";
  e.after_json = R"({"name":"Khoa Nội"})";
  return e;
}

TEST_P(AuditRepo, AppendsAndListsNewestFirstWithFiltersAndPaging) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::audit::append(c, entry("2026-03-01T01:00:00Z", "admin", "unit"));
  store::audit::append(c, entry("2026-03-02T01:00:00Z", "quality", "feedback"));
  store::audit::append(c, entry("2026-03-03T01:00:00Z", "admin", "feedback"));

  auto all = store::audit::list(c, {}, {1, 2});
  EXPECT_EQ(all.total, 3);
  ASSERT_EQ(all.items.size(), 2u);
  EXPECT_EQ(all.items[0].at, "2026-03-03T01:00:00Z");
  EXPECT_EQ(all.items[1].at, "2026-03-02T01:00:00Z");
  auto second = store::audit::list(c, {}, {2, 2});
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].entity, "unit");

  store::audit::Filter f;
  f.actor = "admin";
  f.from = "2026-03-02T00:00:00Z";  // inclusive
  auto admin = store::audit::list(c, f, {1, 50});
  ASSERT_EQ(admin.total, 1);
  EXPECT_EQ(admin.items[0].entity, "feedback");

  store::audit::Filter text;
  text.text = "%qual%";
  EXPECT_EQ(store::audit::list(c, text, {1, 50}).total, 1);
  store::audit::Filter until;
  until.to = "2026-03-02T01:00:00Z";  // exclusive
  EXPECT_EQ(store::audit::list(c, until, {1, 50}).total, 1);

  auto found = store::audit::find(c, all.items[0].id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->after_json, R"({"name":"Khoa Nội"})");
  EXPECT_FALSE(found->before_json.has_value());
  EXPECT_FALSE(found->actor_id.has_value());
  EXPECT_FALSE(store::audit::find(c, 999999).has_value());
}

}  // namespace
