// The auth repositories (accounts, sessions, API tokens, sign-in attempts) on both backends.
#include <gtest/gtest.h>

#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"
#include "store/auth/login_attempts_repo.h"
#include "store/auth/sessions_repo.h"
#include "store/auth/tokens_repo.h"
#include "store/auth/users_repo.h"
#include "store_test_db.h"

using namespace servq;
using namespace servq::store::auth;
using servq::testing::StoreTest;

namespace {

constexpr const char* kAt = "2026-03-01T02:00:00Z";

// Two units (/1/ and its child /1/2/) and one staff member in the child, written directly: the
// org repositories are not this file's subject.
struct Org {
  int64_t hospital = 0, ward = 0, nurse = 0;
};
Org seed_org(store::Connection& c) {
  Org o;
  o.hospital = c.query_one(
                    "INSERT INTO units (code, name, parent_id, path, search, created_at, updated_at) "
                    "VALUES ('BV', 'Bệnh viện', NULL, '/1/', 'benh vien', ?, ?) RETURNING id",
                    {kAt, kAt})
                   ->i64("id");
  o.ward = c.query_one(
                "INSERT INTO units (code, name, parent_id, path, search, created_at, updated_at) "
                "VALUES ('NOI', 'Khoa Nội', ?, ?, 'khoa noi', ?, ?) RETURNING id",
                {o.hospital, "/" + std::to_string(o.hospital) + "/2/", kAt, kAt})
               ->i64("id");
  o.nurse = c.query_one(
                 "INSERT INTO staff (employee_code, name, unit_id, search, created_at, updated_at) "
                 "VALUES ('NV001', 'Lê Thị Hoa', ?, 'le thi hoa', ?, ?) RETURNING id",
                 {o.ward, kAt, kAt})
                ->i64("id");
  return o;
}

UserWrite account(const std::string& login, const std::string& role, std::optional<int64_t> unit = std::nullopt,
                  std::optional<int64_t> staff = std::nullopt) {
  UserWrite u;
  u.login = login;
  u.name = "Nhân viên";
  u.role = role;
  u.unit_id = unit;
  u.staff_id = staff;
  u.password_hash = "$argon2id$hash-of-" + login;
  u.updated_at = kAt;
  return u;
}

class AuthRepo : public StoreTest {};
SERVQ_STORE_TEST_SUITE(AuthRepo);

TEST_P(AuthRepo, UserIsReadBackWithItsUnitAndStaffRecordJoined) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o = seed_org(c);
  auto w = account("hoa", "staff", o.ward, o.nurse);
  w.must_change_password = true;
  int64_t id = insert_user(c, w);

  auto u = find_user(c, id);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->id, id);
  EXPECT_EQ(u->login, "hoa");
  EXPECT_EQ(u->name, "Nhân viên");
  EXPECT_EQ(u->role, "staff");
  EXPECT_EQ(u->unit_id, o.ward);
  EXPECT_EQ(u->unit_code, "NOI");
  EXPECT_EQ(u->unit_path, "/" + std::to_string(o.hospital) + "/2/");  // what the caller's UnitScope is built from
  EXPECT_EQ(u->staff_id, o.nurse);
  EXPECT_EQ(u->employee_code, "NV001");
  EXPECT_TRUE(u->active);
  EXPECT_TRUE(u->must_change_password);
  EXPECT_EQ(u->created_at, kAt);
  EXPECT_EQ(password_hash(c, id), "$argon2id$hash-of-hoa");

  auto by_login = find_user_by_login(c, "hoa");
  ASSERT_TRUE(by_login);
  EXPECT_EQ(by_login->id, id);
  EXPECT_FALSE(find_user_by_login(c, "HOA").has_value());  // logins match exactly
  EXPECT_FALSE(find_user(c, id + 1000).has_value());
  EXPECT_FALSE(password_hash(c, id + 1000).has_value());
}

TEST_P(AuthRepo, UserWithoutUnitReadsNullsFromTheJoins) {
  auto lease = db().acquire();
  auto& c = *lease;
  auto u = find_user(c, insert_user(c, account("quality", "quality")));
  ASSERT_TRUE(u);
  EXPECT_FALSE(u->unit_id.has_value());
  EXPECT_FALSE(u->unit_code.has_value());
  EXPECT_FALSE(u->unit_path.has_value());
  EXPECT_FALSE(u->staff_id.has_value());
  EXPECT_FALSE(u->employee_code.has_value());
  EXPECT_FALSE(u->must_change_password);
}

TEST_P(AuthRepo, DuplicateLoginIsAUniqueViolation) {
  auto lease = db().acquire();
  auto& c = *lease;
  insert_user(c, account("admin", "admin"));
  try {
    insert_user(c, account("admin", "quality"));
    FAIL() << "a second account with login admin was inserted";
  } catch (const store::DbError& e) {
    EXPECT_EQ(e.kind, store::DbError::Kind::unique);
  }
}

TEST_P(AuthRepo, ListsUsersByLoginWithTextAndRoleFiltersAndPaging) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o = seed_org(c);
  insert_user(c, account("dir", "director"));
  insert_user(c, account("bs.an", "head", o.ward));
  auto named = account("yta", "staff", o.ward);
  named.name = "y tá trưởng";
  insert_user(c, named);
  insert_user(c, account("admin", "admin"));

  auto first = list_users(c, {}, {1, 3});
  EXPECT_EQ(first.total, 4);
  ASSERT_EQ(first.items.size(), 3u);
  EXPECT_EQ(first.items[0].login, "admin");
  EXPECT_EQ(first.items[1].login, "bs.an");
  EXPECT_EQ(first.items[2].login, "dir");
  auto second = list_users(c, {}, {2, 3});
  EXPECT_EQ(second.total, 4);
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].login, "yta");
  EXPECT_EQ(second.items[0].unit_code, "NOI");

  UserFilter by_role;
  by_role.role = "head";
  auto heads = list_users(c, by_role, {1, 50});
  ASSERT_EQ(heads.total, 1);
  EXPECT_EQ(heads.items[0].login, "bs.an");

  UserFilter by_login;
  by_login.text = "%dm%";  // matches the login only
  auto admins = list_users(c, by_login, {1, 50});
  ASSERT_EQ(admins.total, 1);
  EXPECT_EQ(admins.items[0].login, "admin");

  UserFilter by_name;
  by_name.text = "%trưởng%";  // matches the name only
  auto found = list_users(c, by_name, {1, 50});
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items[0].login, "yta");

  UserFilter both;
  both.text = "%n%";  // every account's name: the login-or-name clause stays one group under AND
  both.role = "director";
  auto directors = list_users(c, both, {1, 50});
  ASSERT_EQ(directors.total, 1);
  EXPECT_EQ(directors.items[0].login, "dir");
}

TEST_P(AuthRepo, UpdateWritesRoleNameActiveUnitStaffAndPasswordButNotLogin) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o = seed_org(c);
  auto w = account("hoa", "staff", o.ward, o.nurse);
  w.must_change_password = true;
  int64_t id = insert_user(c, w);

  auto change = account("ignored", "head", o.hospital);
  change.name = "Lê Hoa";
  change.active = false;
  change.password_hash = "$argon2id$new";
  change.updated_at = "2026-03-02T00:00:00Z";
  update_user(c, id, change);

  auto u = find_user(c, id);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->login, "hoa");
  EXPECT_EQ(u->role, "head");
  EXPECT_EQ(u->name, "Lê Hoa");
  EXPECT_FALSE(u->active);
  EXPECT_EQ(u->unit_code, "BV");
  EXPECT_FALSE(u->staff_id.has_value());
  EXPECT_TRUE(u->must_change_password);  // only the user's own new password clears it
  EXPECT_EQ(u->created_at, kAt);
  EXPECT_EQ(password_hash(c, id), "$argon2id$new");

  set_own_password(c, id, "$argon2id$chosen", "2026-03-03T00:00:00Z");
  EXPECT_EQ(password_hash(c, id), "$argon2id$chosen");
  EXPECT_FALSE(find_user(c, id)->must_change_password);
}

TEST_P(AuthRepo, HasActiveAdminCountsOnlyActiveAdmins) {
  auto lease = db().acquire();
  auto& c = *lease;
  EXPECT_FALSE(has_active_admin(c));
  insert_user(c, account("quality", "quality"));
  EXPECT_FALSE(has_active_admin(c));
  auto w = account("admin", "admin");
  w.active = false;
  int64_t id = insert_user(c, w);
  EXPECT_FALSE(has_active_admin(c));
  w.active = true;
  update_user(c, id, w);
  EXPECT_TRUE(has_active_admin(c));
}

TEST_P(AuthRepo, SessionFindsItsActiveUnexpiredUserWithTheCsrfToken) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o = seed_org(c);
  int64_t hoa = insert_user(c, account("hoa", "staff", o.ward, o.nurse));
  insert_session(c, {"hash-a", hoa, "csrf-a", kAt, "2026-03-01T14:00:00Z"});

  auto s = find_active_user_by_session(c, "hash-a", "2026-03-01T13:59:59Z");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user.id, hoa);
  EXPECT_EQ(s->user.login, "hoa");
  EXPECT_EQ(s->user.unit_code, "NOI");
  EXPECT_EQ(s->csrf_token, "csrf-a");
  EXPECT_FALSE(find_active_user_by_session(c, "hash-a", "2026-03-01T14:00:00Z").has_value());  // expired
  EXPECT_FALSE(find_active_user_by_session(c, "hash-b", kAt).has_value());

  auto w = account("hoa", "staff", o.ward, o.nurse);
  w.active = false;
  update_user(c, hoa, w);
  EXPECT_FALSE(find_active_user_by_session(c, "hash-a", kAt).has_value());  // a disabled account
}

TEST_P(AuthRepo, SessionsAreDeletedOneByOneExpiredOrPerUserKeepingOne) {
  auto lease = db().acquire();
  auto& c = *lease;
  int64_t a = insert_user(c, account("a", "admin"));
  int64_t b = insert_user(c, account("b", "quality"));
  const std::string now = "2026-03-01T10:00:00Z", later = "2026-03-02T00:00:00Z";
  insert_session(c, {"a1", a, "x", kAt, later});
  insert_session(c, {"a2", a, "x", kAt, later});
  insert_session(c, {"a3", a, "x", kAt, later});
  insert_session(c, {"b1", b, "x", kAt, later});
  insert_session(c, {"b-old", b, "x", kAt, "2026-03-01T09:59:59Z"});
  auto alive = [&](const std::string& h) { return find_active_user_by_session(c, h, kAt).has_value(); };

  delete_expired_sessions(c, now);
  EXPECT_FALSE(alive("b-old"));
  EXPECT_TRUE(alive("b1"));

  delete_session(c, "a1");
  EXPECT_FALSE(alive("a1"));
  EXPECT_TRUE(alive("a2"));

  delete_sessions_of_user(c, a, std::string("a3"));
  EXPECT_FALSE(alive("a2"));
  EXPECT_TRUE(alive("a3"));
  EXPECT_TRUE(alive("b1"));

  delete_sessions_of_user(c, a);
  EXPECT_FALSE(alive("a3"));
  EXPECT_TRUE(alive("b1"));
}

TEST_P(AuthRepo, DuplicateSessionHashIsAUniqueViolation) {
  auto lease = db().acquire();
  auto& c = *lease;
  int64_t a = insert_user(c, account("a", "admin"));
  insert_session(c, {"same", a, "x", kAt, kAt});
  EXPECT_THROW(insert_session(c, {"same", a, "y", kAt, kAt}), store::DbError);
}

TEST_P(AuthRepo, TokensListNewestFirstWithNameFilterAndPaging) {
  auto lease = db().acquire();
  auto& c = *lease;
  int64_t admin = insert_user(c, account("admin", "admin"));
  int64_t bot = insert_user(c, account("his-bot", "quality"));
  int64_t t1 = insert_token(c, {"his import", "h1", bot, admin, "2026-03-01T01:00:00Z"});
  int64_t t2 = insert_token(c, {"kiosk sync", "h2", bot, std::nullopt, "2026-03-01T02:00:00Z"});
  int64_t t3 = insert_token(c, {"his export", "h3", admin, admin, "2026-03-01T03:00:00Z"});

  auto first = list_tokens(c, {}, {1, 2});
  EXPECT_EQ(first.total, 3);
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].id, t3);
  EXPECT_EQ(first.items[1].id, t2);
  auto second = list_tokens(c, {}, {2, 2});
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].id, t1);
  EXPECT_EQ(second.items[0].name, "his import");
  EXPECT_EQ(second.items[0].user_login, "his-bot");
  EXPECT_EQ(second.items[0].created_at, "2026-03-01T01:00:00Z");
  EXPECT_FALSE(second.items[0].last_used_at.has_value());
  EXPECT_FALSE(second.items[0].revoked_at.has_value());

  TokenFilter his;
  his.text = "%his%";
  auto found = list_tokens(c, his, {1, 50});
  EXPECT_EQ(found.total, 2);
  ASSERT_EQ(found.items.size(), 2u);
  EXPECT_EQ(found.items[0].id, t3);
  EXPECT_EQ(found.items[1].id, t1);
}

TEST_P(AuthRepo, TokenAuthenticatesItsActiveUserUntilRevoked) {
  auto lease = db().acquire();
  auto& c = *lease;
  int64_t bot = insert_user(c, account("his-bot", "quality"));
  int64_t id = insert_token(c, {"his import", "secret-hash", bot, std::nullopt, kAt});

  auto u = find_active_user_by_api_token(c, "secret-hash");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->login, "his-bot");
  EXPECT_FALSE(find_active_user_by_api_token(c, "other-hash").has_value());

  touch_token(c, "secret-hash", "2026-03-01T05:00:00Z");
  EXPECT_EQ(find_token(c, id)->last_used_at, "2026-03-01T05:00:00Z");

  revoke_token(c, id, "2026-03-01T06:00:00Z");
  revoke_token(c, id, "2026-03-01T07:00:00Z");  // the first revocation's time stays
  auto t = find_token(c, id);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->revoked_at, "2026-03-01T06:00:00Z");
  EXPECT_FALSE(find_active_user_by_api_token(c, "secret-hash").has_value());
  EXPECT_FALSE(find_token(c, id + 1000).has_value());
}

TEST_P(AuthRepo, TokenOfADisabledUserDoesNotAuthenticate) {
  auto lease = db().acquire();
  auto& c = *lease;
  auto w = account("his-bot", "quality");
  int64_t bot = insert_user(c, w);
  insert_token(c, {"his import", "secret-hash", bot, std::nullopt, kAt});
  w.active = false;
  update_user(c, bot, w);
  EXPECT_FALSE(find_active_user_by_api_token(c, "secret-hash").has_value());
}

TEST_P(AuthRepo, DuplicateTokenHashIsAUniqueViolation) {
  auto lease = db().acquire();
  auto& c = *lease;
  int64_t bot = insert_user(c, account("his-bot", "quality"));
  insert_token(c, {"one", "same", bot, std::nullopt, kAt});
  EXPECT_THROW(insert_token(c, {"two", "same", bot, std::nullopt, kAt}), store::DbError);
}

TEST_P(AuthRepo, FailuresAreCountedPerLoginPerAddressAndPerPairAfterSince) {
  auto lease = db().acquire();
  auto& c = *lease;
  store::Tx tx(c);
  lock_login_attempts(c);                                        // inside a write transaction, as the throttle calls it
  record_failure(c, "hoa", "10.0.0.1", "2026-03-01T00:59:00Z");  // before the window
  record_failure(c, "hoa", "10.0.0.1", "2026-03-01T01:01:00Z");
  record_failure(c, "hoa", "10.0.0.1", "2026-03-01T01:03:00Z");
  record_failure(c, "hoa", "10.0.0.2", "2026-03-01T01:02:00Z");
  record_failure(c, "an", "10.0.0.1", "2026-03-01T01:05:00Z");
  int64_t ok = record_failure(c, "an", "10.0.0.1", "2026-03-01T01:06:00Z");
  mark_success(c, ok);  // a success is no failure
  const std::string since = "2026-03-01T01:00:00Z";

  auto pair = count_failures(c, {"hoa", "10.0.0.1"}, since);
  EXPECT_EQ(pair.count, 2);
  EXPECT_EQ(pair.last_at, "2026-03-01T01:03:00Z");
  auto by_login = count_failures(c, {"hoa", std::nullopt}, since);
  EXPECT_EQ(by_login.count, 3);
  EXPECT_EQ(by_login.last_at, "2026-03-01T01:03:00Z");
  auto by_address = count_failures(c, {std::nullopt, "10.0.0.1"}, since);
  EXPECT_EQ(by_address.count, 3);
  EXPECT_EQ(by_address.last_at, "2026-03-01T01:05:00Z");
  auto none = count_failures(c, {"nobody", std::nullopt}, since);
  EXPECT_EQ(none.count, 0);
  EXPECT_EQ(none.last_at, "");
  EXPECT_EQ(count_failures(c, {"hoa", "10.0.0.1"}, "2026-03-01T01:03:00Z").count, 0);  // since is exclusive
  tx.commit();
}

TEST_P(AuthRepo, SuccessFromAnAddressIsFoundAfterSinceOnly) {
  auto lease = db().acquire();
  auto& c = *lease;
  mark_success(c, record_failure(c, "hoa", "10.0.0.1", "2026-03-01T01:00:00Z"));
  record_failure(c, "hoa", "10.0.0.2", "2026-03-01T01:00:00Z");
  EXPECT_TRUE(succeeded_from(c, "hoa", "10.0.0.1", "2026-02-01T00:00:00Z"));
  EXPECT_FALSE(succeeded_from(c, "hoa", "10.0.0.1", "2026-03-01T01:00:00Z"));
  EXPECT_FALSE(succeeded_from(c, "hoa", "10.0.0.2", "2026-02-01T00:00:00Z"));  // failures only there
  EXPECT_FALSE(succeeded_from(c, "an", "10.0.0.1", "2026-02-01T00:00:00Z"));
}

TEST_P(AuthRepo, UnitAndStaffAreFoundByTheirCodes) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o = seed_org(c);
  // Accounts name their unit and staff record by code; the org repositories find them.
  EXPECT_EQ(store::org::find_unit_by_code(c, "NOI")->id, o.ward);
  EXPECT_EQ(store::org::find_unit_by_code(c, "BV")->id, o.hospital);
  EXPECT_FALSE(store::org::find_unit_by_code(c, "KHAC").has_value());
  auto s = store::org::find_staff_by_code(c, "NV001");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->id, o.nurse);
  EXPECT_EQ(s->unit_id, o.ward);
  EXPECT_FALSE(store::org::find_staff_by_code(c, "NV999").has_value());
}

}  // namespace
