// The accounts table (users), read with the caller's unit and staff record joined in: the unit's
// path is what the caller's UnitScope is computed from. Password hashes travel as opaque text
// (argon2id is computed and checked in the service).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"
#include "store/page.h"

namespace servq::store::auth {

struct User {
  int64_t id = 0;
  std::string login, name, role;  // role as stored: admin, quality, director, head, staff, auditor
  std::optional<int64_t> unit_id, staff_id;
  std::optional<std::string> unit_code, unit_path;  // of unit_id
  std::optional<std::string> employee_code;         // of staff_id
  bool active = true;
  bool must_change_password = false;
  std::string created_at;
};

struct UserFilter {
  std::optional<std::string> text;  // a LIKE pattern over the folded login and name
  std::optional<std::string> role;
};

// The columns an account is created or changed with (everything but its id and created_at).
struct UserWrite {
  std::string login, name, role;
  std::optional<int64_t> unit_id, staff_id;
  std::string password_hash;
  bool must_change_password = false;
  bool active = true;
  std::string updated_at;
};

std::optional<User> find_user(Connection& c, int64_t id);
std::optional<User> find_user_by_login(Connection& c, const std::string& login);
// Ordered by login.
Page<User> list_users(Connection& c, const UserFilter& f, const PageRequest& page);

// The active account holding the session `session_hash` that has not expired at `now`, with the
// session's CSRF token.
struct SessionUser {
  User user;
  std::string csrf_token;
};
std::optional<SessionUser> find_active_user_by_session(Connection& c, const std::string& session_hash,
                                                       const std::string& now);
// The active account of the API token `token_hash`, unless the token is revoked.
std::optional<User> find_active_user_by_api_token(Connection& c, const std::string& token_hash);

std::optional<std::string> password_hash(Connection& c, int64_t user_id);

// Inserts with created_at = updated_at; throws DbError (unique) for a login that exists.
int64_t insert_user(Connection& c, const UserWrite& u);
// Writes role, name, active, unit, staff record and password hash (not login nor
// must_change_password).
void update_user(Connection& c, int64_t id, const UserWrite& u);
// A password the user chose: clears must_change_password.
void set_own_password(Connection& c, int64_t id, const std::string& password_hash, const std::string& at);

bool has_active_admin(Connection& c);

}  // namespace servq::store::auth
