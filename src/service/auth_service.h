// Accounts, sessions, API tokens and the audit log (issue 3 §4–5). Passwords are argon2id
// hashes; session and API tokens are 256-bit random secrets of which only a hash is stored.
#pragma once
#include "service/common.h"

namespace servq::service {

std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);
std::string random_token(size_t bytes = 32);  // URL-safe base64
std::string token_hash(const std::string& token);
// Compares two secrets in time that depends only on their lengths.
bool constant_time_equal(const std::string& a, const std::string& b);

struct LoginResult {
  json user;
  std::string session_token;
  std::string csrf_token;
};

struct ThrottlePolicy {
  int per_login = 5;     // failures per account
  int per_address = 20;  // failures per client address
  int per_account = 100;  // failures per account from all addresses (its known addresses exempt)
  int window_seconds = 900;
};

// Errors: auth.bad_credentials (401), auth.throttled (429).
Result<LoginResult> login(store::Database& db, const std::string& login, const std::string& password,
                          const std::string& address, const ThrottlePolicy& policy = {});
void logout(store::Database& db, const std::string& session_token);

struct Authenticated {
  Actor actor;
  std::string csrf_token;  // empty for API tokens
};
std::optional<Authenticated> authenticate_session(store::Database& db, const std::string& session_token);
std::optional<Authenticated> authenticate_token(store::Database& db, const std::string& bearer);
json user_json_for(store::Database& db, const Actor& a);
// Ends every other session of the account (all but `session_token`, the caller's own).
Status change_own_password(store::Database& db, const Actor& a, const json& body, const std::string& session_token);

Result<json> list_users(store::Database& db, const Actor& a, const ListQuery& q);
Result<json> get_user(store::Database& db, const Actor& a, int64_t id);
Result<json> create_user(store::Database& db, const Actor& a, const json& body);
Result<json> update_user(store::Database& db, const Actor& a, int64_t id, const json& body);

Result<json> list_tokens(store::Database& db, const Actor& a, const ListQuery& q);
Result<json> get_token(store::Database& db, const Actor& a, int64_t id);
Result<json> create_token(store::Database& db, const Actor& a, const json& body);
Status revoke_token(store::Database& db, const Actor& a, int64_t id);

Result<json> list_audit(store::Database& db, const Actor& a, const ListQuery& q);
Result<json> get_audit(store::Database& db, const Actor& a, int64_t id);

// For first start: true when no active admin exists.
bool has_admin(store::Database& db);

}  // namespace servq::service
