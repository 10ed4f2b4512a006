#include "store/auth/sessions_repo.h"

namespace servq::store::auth {

void insert_session(Connection& c, const Session& s) {
  c.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at});
}

void delete_session(Connection& c, const std::string& token_hash) {
  c.execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void delete_expired_sessions(Connection& c, const std::string& now) {
  c.execute("DELETE FROM sessions WHERE expires_at < ?", {now});
}

void delete_sessions_of_user(Connection& c, int64_t user_id, const std::optional<std::string>& keep) {
  if (keep)
    c.execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {user_id, *keep});
  else
    c.execute("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

}  // namespace servq::store::auth
