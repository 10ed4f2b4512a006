#include "store/auth/tokens_repo.h"

#include "store/filter.h"

namespace servq::store::auth {

namespace {

constexpr std::string_view kSelect =
    "SELECT t.id, t.name, usr.login AS user_login, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t "
    "JOIN users usr ON usr.id = t.user_id";

ApiToken read(const Row& r) {
  ApiToken t;
  t.id = r.i64("id");
  t.name = r.str("name");
  t.user_login = r.str("user_login");
  t.created_at = r.str("created_at");
  t.last_used_at = r.opt("last_used_at");
  t.revoked_at = r.opt("revoked_at");
  return t;
}

}  // namespace

Page<ApiToken> list_tokens(Connection& c, const TokenFilter& f, const PageRequest& page) {
  Where w;
  if (f.text) w.add("lower(t.name) LIKE ? ESCAPE '\\'", {*f.text});
  Page<ApiToken> out;
  out.total = c.scalar("SELECT COUNT(*) FROM api_tokens t" + w.sql(), w.params());
  auto p = w.params();
  p.push_back(page.page_size);
  p.push_back(page.offset());
  for (auto& r : c.query(std::string(kSelect) + w.sql() + " ORDER BY t.id DESC LIMIT ? OFFSET ?", p))
    out.items.push_back(read(r));
  return out;
}

std::optional<ApiToken> find_token(Connection& c, int64_t id) {
  auto r = c.query_one(std::string(kSelect) + " WHERE t.id = ?", {id});
  if (!r) return std::nullopt;
  return read(*r);
}

int64_t insert_token(Connection& c, const NewToken& t) {
  return c
      .query_one(
          "INSERT INTO api_tokens (name, token_hash, user_id, created_by, created_at) VALUES (?, ?, ?, ?, ?) "
          "RETURNING id",
          {t.name, t.token_hash, t.user_id, opt_value(t.created_by), t.created_at})
      ->i64("id");
}

void revoke_token(Connection& c, int64_t id, const std::string& at) {
  c.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {at, id});
}

void touch_token(Connection& c, const std::string& token_hash, const std::string& at) {
  c.execute("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?", {at, token_hash});
}

}  // namespace servq::store::auth
