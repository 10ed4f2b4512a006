// API tokens: a name, the account it acts as, and only a hash of the secret. A revoked token
// stays listed with its revoked_at.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"
#include "store/page.h"

namespace servq::store::auth {

struct ApiToken {
  int64_t id = 0;
  std::string name;
  std::string user_login;  // the account it acts as
  std::string created_at;
  std::optional<std::string> last_used_at, revoked_at;
};

struct TokenFilter {
  std::optional<std::string> text;  // a LIKE pattern over the folded name
};

struct NewToken {
  std::string name, token_hash;
  int64_t user_id = 0;
  std::optional<int64_t> created_by;
  std::string created_at;
};

// Newest first.
Page<ApiToken> list_tokens(Connection& c, const TokenFilter& f, const PageRequest& page);
std::optional<ApiToken> find_token(Connection& c, int64_t id);
// Throws DbError (unique) for a hash that exists.
int64_t insert_token(Connection& c, const NewToken& t);
// Sets revoked_at unless the token is revoked already (the first revocation's time stays).
void revoke_token(Connection& c, int64_t id, const std::string& at);
void touch_token(Connection& c, const std::string& token_hash, const std::string& at);

}  // namespace servq::store::auth
