// Browser sessions: only a hash of the session token is stored, with the CSRF token and the
// expiry. The account a session belongs to is read through users_repo
// (find_active_user_by_session).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"

namespace servq::store::auth {

struct Session {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at, expires_at;  // ISO-8601 UTC
};

void insert_session(Connection& c, const Session& s);
void delete_session(Connection& c, const std::string& token_hash);
// Removes the sessions that expired before `now`.
void delete_expired_sessions(Connection& c, const std::string& now);
// Ends every session of the account, except the one whose hash is `keep` when given.
void delete_sessions_of_user(Connection& c, int64_t user_id, const std::optional<std::string>& keep = std::nullopt);

}  // namespace servq::store::auth
