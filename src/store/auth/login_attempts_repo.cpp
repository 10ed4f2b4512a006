#include "store/auth/login_attempts_repo.h"

#include "store/dialect.h"
#include "store/filter.h"

namespace servq::store::auth {

void lock_login_attempts(Connection& c) {
  dialect::lock_for_writers(c, "login_attempts");
}

Failures count_failures(Connection& c, const AttemptKey& key, const std::string& since) {
  Where w;
  if (key.login) w.add("login = ?", {*key.login});
  if (key.address) w.add("address = ?", {*key.address});
  w.add("at > ?", {since});
  w.add("success = 0");
  auto r =
      c.query_one("SELECT COUNT(*) AS n, COALESCE(MAX(at), '') AS last_at FROM login_attempts" + w.sql(), w.params());
  return {r->i64("n"), r->str("last_at")};
}

bool succeeded_from(Connection& c, const std::string& login, const std::string& address, const std::string& since) {
  return c
      .query_one("SELECT 1 AS found FROM login_attempts WHERE login = ? AND address = ? AND success = 1 AND at > ?",
                 {login, address, since})
      .has_value();
}

int64_t record_failure(Connection& c, const std::string& login, const std::string& address, const std::string& at) {
  return c
      .query_one("INSERT INTO login_attempts (login, address, at, success) VALUES (?, ?, ?, 0) RETURNING id",
                 {login, address, at})
      ->i64("id");
}

void mark_success(Connection& c, int64_t attempt_id) {
  c.execute("UPDATE login_attempts SET success = 1 WHERE id = ?", {attempt_id});
}

}  // namespace servq::store::auth
