#include "service/auth_service.h"

#include <argon2.h>
#include <sodium.h>

#include <cstring>

#include "core/text.h"
#include "core/time.h"
#include "service/org_service.h"
#include "service/settings_service.h"
#include "store/audit/audit_repo.h"

namespace servq::service {
namespace {

using store::Row;
using store::Tx;

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
constexpr uint32_t kArgonTime = 2;
constexpr uint32_t kArgonMemoryKiB = 19 * 1024;
constexpr uint32_t kArgonLanes = 1;
constexpr int64_t kSessionSeconds = int64_t{12} * 3600;

void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

const char* kUserSelect =
    "SELECT usr.id, usr.login, usr.name, usr.role, u.code, s.employee_code, usr.active, usr.created_at, "
    "usr.unit_id, u.path, usr.staff_id, usr.must_change_password FROM users usr LEFT JOIN units u ON u.id = usr.unit_id "
    "LEFT JOIN staff s ON s.id = usr.staff_id";

json user_json(const Row& r) {
  return {{"id", r.i64(0)},
          {"login", r.str(1)},
          {"name", r.str(2)},
          {"role", r.str(3)},
          {"unit", r.opt(4) ? json(*r.opt(4)) : json(nullptr)},
          {"employee_code", r.opt(5) ? json(*r.opt(5)) : json(nullptr)},
          {"active", r.boolean(6)},
          {"created_at", r.str(7)},
          {"must_change_password", r.boolean(11)}};
}

Actor actor_from(const Row& r) {
  Actor a;
  a.user_id = r.i64(0);
  a.login = r.str(1);
  a.role = parse_role(r.str(3)).value_or(Role::staff);
  a.unit_id = r.opt_i64(8);
  a.unit_path = r.opt(9).value_or("");
  a.staff_id = r.opt_i64(10);
  a.must_change_password = r.boolean(11);
  return a;
}

}  // namespace

std::string hash_password(const std::string& password) {
  ensure_sodium();
  unsigned char salt[16];
  randombytes_buf(salt, sizeof salt);
  size_t len = argon2_encodedlen(kArgonTime, kArgonMemoryKiB, kArgonLanes, sizeof salt, 32, Argon2_id);
  std::string encoded(len, '\0');
  int rc = argon2id_hash_encoded(kArgonTime, kArgonMemoryKiB, kArgonLanes, password.data(), password.size(), salt,
                                 sizeof salt, 32, encoded.data(), len);
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2: ") + argon2_error_message(rc));
  encoded.resize(std::strlen(encoded.c_str()));
  return encoded;
}

bool verify_password(const std::string& hash, const std::string& password) {
  return argon2id_verify(hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string random_token(size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool constant_time_equal(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string token_hash(const std::string& token) {
  ensure_sodium();
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

namespace {

// Seconds the caller must still wait after `failures` failed attempts, the last at `last_at`:
// none up to `free_attempts`, then 30 s doubling with each further failure, at most the window.
int64_t backoff_seconds(int64_t failures, int64_t free_attempts, const std::string& last_at, int window) {
  if (failures < free_attempts || last_at.empty()) return 0;
  int64_t exponent = std::min<int64_t>(failures - free_attempts, 20);
  int64_t wait = std::min<int64_t>(int64_t{30} << exponent, window);
  int64_t until = timeutil::parse_to_unix(last_at).value_or(0) + wait;
  return std::max<int64_t>(0, until - now_unix());
}

}  // namespace

// The sign-in throttle (docs/operations.md "Sign-in throttle"). Counted over the window:
//  - failures for this account from this address: after per_login, each further attempt from
//    here waits 30 s, doubling, at most the window;
//  - failures from this address for any account: the same after per_address;
//  - failures for this account from everywhere: after per_account the account waits too, but
//    not for addresses it signed in from successfully within 30 days — so nobody can lock a user
//    out of their own workstation by failing from elsewhere.
// The attempt is recorded as a failure in the same write transaction that counts (the table
// locked on PostgreSQL; SQLite's write transactions are serial), before the password is checked,
// so attempts in parallel cannot pass the limit together. A success then marks its row.
Result<LoginResult> login(store::Database& db, const std::string& login_name, const std::string& password,
                          const std::string& address, const ThrottlePolicy& policy) {
  std::string login = text::trim(login_name);
  auto lease = db.acquire();
  auto& c = *lease;
  std::string since = timeutil::format_utc(now_unix() - policy.window_seconds);
  int64_t attempt_id = 0;
  {
    Tx tx(c);
    if (c.backend() == store::Backend::postgresql) c.exec_script("LOCK TABLE login_attempts IN SHARE ROW EXCLUSIVE MODE");
    auto pair = c.query_one(
        "SELECT COUNT(*), COALESCE(MAX(at), '') FROM login_attempts WHERE login = ? AND address = ? AND at > ? AND success = 0",
        {login, address, since});
    auto by_addr = c.query_one(
        "SELECT COUNT(*), COALESCE(MAX(at), '') FROM login_attempts WHERE address = ? AND at > ? AND success = 0",
        {address, since});
    auto by_login = c.query_one(
        "SELECT COUNT(*), COALESCE(MAX(at), '') FROM login_attempts WHERE login = ? AND at > ? AND success = 0",
        {login, since});
    int64_t wait = std::max(backoff_seconds(pair->i64(0), policy.per_login, pair->str(1), policy.window_seconds),
                            backoff_seconds(by_addr->i64(0), policy.per_address, by_addr->str(1), policy.window_seconds));
    int64_t account_wait = backoff_seconds(by_login->i64(0), policy.per_account, by_login->str(1), policy.window_seconds);
    if (account_wait > 0 &&
        !c.query_one("SELECT 1 FROM login_attempts WHERE login = ? AND address = ? AND success = 1 AND at > ?",
                     {login, address, timeutil::format_utc(now_unix() - 30 * 86400)}))
      wait = std::max(wait, account_wait);
    if (wait > 0) {
      Error e{"auth.throttled", "too many failed sign-ins; wait " + std::to_string(wait) + " seconds and try again", "",
              429};
      e.retry_after = static_cast<int>(wait);
      return e;
    }
    attempt_id = c.query_one("INSERT INTO login_attempts (login, address, at, success) VALUES (?, ?, ?, 0) RETURNING id",
                             {login, address, now_iso()})
                     ->i64(0);
    tx.commit();
  }
  auto row = [&] {
    Tx tx(c, false);
    return c.query_one(std::string(kUserSelect) + " WHERE usr.login = ?", {login});
  }();
  std::string hash;
  if (row) hash = c.query_one("SELECT password_hash FROM users WHERE id = ?", {row->i64(0)})->str(0);
  // Verify even for unknown logins so response time does not reveal which logins exist.
  static const std::string dummy = hash_password("servq-timing-equaliser");
  bool ok = verify_password(hash.empty() ? dummy : hash, password) && row && row->boolean(6);
  if (!ok) return Error{"auth.bad_credentials", "login or password is wrong", "password", 401};
  Tx tx(c);
  c.execute("UPDATE login_attempts SET success = 1 WHERE id = ?", {attempt_id});
  LoginResult out;
  out.session_token = random_token();
  out.csrf_token = random_token();
  c.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            {token_hash(out.session_token), row->i64(0), out.csrf_token, now_iso(),
             timeutil::format_utc(now_unix() + kSessionSeconds)});
  c.execute("DELETE FROM sessions WHERE expires_at < ?", {now_iso()});
  Actor a = actor_from(*row);
  audit(c, a, "login", "session", "", nullptr, nullptr);
  tx.commit();
  out.user = user_json(*row);
  return out;
}

void logout(store::Database& db, const std::string& session_token) {
  auto lease = db.acquire();
  Tx tx(*lease);
  lease->execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash(session_token)});
  tx.commit();
}

std::optional<Authenticated> authenticate_session(store::Database& db, const std::string& session_token) {
  if (session_token.empty()) return std::nullopt;
  auto lease = db.acquire();
  auto r = lease->query_one(std::string(kUserSelect) +
                                " JOIN sessions ses ON ses.user_id = usr.id WHERE ses.token_hash = ? AND "
                                "ses.expires_at > ? AND usr.active = 1",
                            {token_hash(session_token), now_iso()});
  if (!r) return std::nullopt;
  auto csrf = lease->query_one("SELECT csrf_token FROM sessions WHERE token_hash = ?", {token_hash(session_token)});
  if (!csrf) return std::nullopt;
  return Authenticated{actor_from(*r), csrf->str(0)};
}

std::optional<Authenticated> authenticate_token(store::Database& db, const std::string& bearer) {
  if (bearer.empty()) return std::nullopt;
  auto lease = db.acquire();
  std::string h = token_hash(bearer);
  auto r = lease->query_one(std::string(kUserSelect) +
                                " JOIN api_tokens t ON t.user_id = usr.id WHERE t.token_hash = ? AND "
                                "t.revoked_at IS NULL AND usr.active = 1",
                            {h});
  if (!r) return std::nullopt;
  lease->execute("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?", {now_iso(), h});
  Authenticated out{actor_from(*r), ""};
  out.actor.via_token = true;
  return out;
}

json user_json_for(store::Database& db, const Actor& a) {
  auto lease = db.acquire();
  auto r = lease->query_one(std::string(kUserSelect) + " WHERE usr.id = ?", {a.user_id});
  return r ? user_json(*r) : json(nullptr);
}

Status change_own_password(store::Database& db, const Actor& a, const json& body, const std::string& session_token) {
  auto cur = require_string(body, "current_password", "user", 1000);
  if (!cur) return cur.error();
  if (!body.contains("new_password") || !body["new_password"].is_string() ||
      body["new_password"].get<std::string>().size() < 10)
    return invalid("user.password_too_short", "new_password", "the new password needs at least 10 characters");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto h = lease->query_one("SELECT password_hash FROM users WHERE id = ?", {a.user_id});
  if (!h || !verify_password(h->str(0), *cur))
    return invalid("user.current_password_wrong", "current_password", "the current password is wrong");
  lease->execute("UPDATE users SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?",
                 {hash_password(body["new_password"].get<std::string>()), now_iso(), a.user_id});
  // Whoever else holds a session of this account (a stolen cookie, a forgotten PC) is signed out.
  lease->execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {a.user_id, token_hash(session_token)});
  audit(*lease, a, "password", "user", std::to_string(a.user_id), nullptr, nullptr);
  tx.commit();
  return ok_status();
}

// ---- users -------------------------------------------------------------------------------

Result<json> list_users(store::Database& db, const Actor& a, const ListQuery& q) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages users");
  auto lease = db.acquire();
  Where w;
  if (!q.q.empty()) w.add("lower(usr.login) LIKE ? ESCAPE '\\' OR lower(usr.name) LIKE ? ESCAPE '\\'",
                          {like_pattern(text::fold(q.q)), like_pattern(text::fold(q.q))});
  if (q.has("role")) w.add("usr.role = ?", {q.get("role")});
  int64_t total = lease->scalar("SELECT COUNT(*) FROM users usr" + w.sql(), w.params());
  auto p = w.params();
  p.push_back(q.page_size);
  p.push_back((q.page - 1) * q.page_size);
  json items = json::array();
  for (auto& r : lease->query(std::string(kUserSelect) + w.sql() + " ORDER BY usr.login LIMIT ? OFFSET ?", p))
    items.push_back(user_json(r));
  return page_json(items, total, q);
}

Result<json> get_user(store::Database& db, const Actor& a, int64_t id) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages users");
  auto lease = db.acquire();
  auto r = lease->query_one(std::string(kUserSelect) + " WHERE usr.id = ?", {id});
  if (!r) return not_found("user");
  return user_json(*r);
}

namespace {

struct UserRefs {
  std::optional<int64_t> unit_id, staff_id;
};

Result<UserRefs> resolve_user_refs(store::Connection& c, const json& body, Role role, UserRefs cur) {
  if (body.contains("unit")) {
    if (!is_string_or_null(body, "unit")) return invalid("user.unit_invalid", "unit", "unit must be a unit code");
    cur.unit_id.reset();
    if (auto code = optional_string(body, "unit")) {
      auto u = find_unit(c, *code);
      if (!u) return invalid("user.unit_unknown", "unit", "unit '" + *code + "' does not exist");
      cur.unit_id = u->id;
    }
  }
  if (body.contains("employee_code")) {
    if (!is_string_or_null(body, "employee_code"))
      return invalid("user.employee_code_invalid", "employee_code", "employee_code must be a string");
    cur.staff_id.reset();
    if (auto code = optional_string(body, "employee_code")) {
      auto s = c.query_one("SELECT id, unit_id FROM staff WHERE employee_code = ?", {*code});
      if (!s) return invalid("user.employee_code_unknown", "employee_code", "no staff member has this employee code");
      cur.staff_id = s->i64(0);
      if (!cur.unit_id) cur.unit_id = s->i64(1);
    }
  }
  if ((role == Role::head || role == Role::staff) && !cur.unit_id)
    return invalid("user.unit_required", "unit", "a head or staff account needs a unit");
  return cur;
}

}  // namespace

Result<json> create_user(store::Database& db, const Actor& a, const json& body) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages users");
  auto login = require_string(body, "login", "user", 64);
  if (!login) return login.error();
  if (!text::valid_code(*login))
    return invalid("user.login_invalid", "login", "login may hold only letters, digits, '-', '_' and '.'");
  auto role_s = require_string(body, "role", "user", 20);
  if (!role_s) return role_s.error();
  auto role = parse_role(*role_s);
  if (!role) return invalid("user.role_invalid", "role", "role must be admin, quality, director, head, staff or auditor");
  if (!body.contains("password") || !body["password"].is_string() || body["password"].get<std::string>().size() < 10)
    return invalid("user.password_too_short", "password", "password needs at least 10 characters");
  std::string name = optional_string(body, "name").value_or(*login);
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  if (c.query_one("SELECT id FROM users WHERE login = ?", {*login}))
    return conflict("user.duplicate", "login", "login " + *login + " exists");
  auto refs = resolve_user_refs(c, body, *role, {});
  if (!refs) return refs.error();
  std::string now = now_iso();
  int64_t id = c.query_one(
                    "INSERT INTO users (login, name, role, unit_id, staff_id, password_hash, must_change_password, "
                    "active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                    {*login, name, *role_s, store::opt_value(refs->unit_id), store::opt_value(refs->staff_id),
                     hash_password(body["password"].get<std::string>()),
                     int64_t{body.value("must_change_password", false)}, now, now})
                   ->i64(0);
  json out = user_json(*c.query_one(std::string(kUserSelect) + " WHERE usr.id = ?", {id}));
  audit(c, a, "create", "user", std::to_string(id), nullptr, out);
  tx.commit();
  return out;
}

Result<json> update_user(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages users");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto r = c.query_one(std::string(kUserSelect) + " WHERE usr.id = ?", {id});
  if (!r) return not_found("user");
  json before = user_json(*r);
  std::string role_s = r->str(3), name = r->str(2);
  bool active = r->boolean(6);
  if (body.contains("role")) {
    auto rs = require_string(body, "role", "user", 20);
    if (!rs) return rs.error();
    if (!parse_role(*rs)) return invalid("user.role_invalid", "role", "role must be admin, quality, director, head, staff or auditor");
    role_s = *rs;
  }
  if (body.contains("name")) {
    auto n = require_string(body, "name", "user");
    if (!n) return n.error();
    name = *n;
  }
  if (body.contains("active")) {
    if (!body["active"].is_boolean()) return invalid("user.active_invalid", "active", "active must be true or false");
    active = body["active"].get<bool>();
  }
  if (id == a.user_id && (!active || role_s != "admin"))
    return invalid("user.self_lockout", body.contains("active") ? "active" : "role",
                   "you cannot deactivate or demote your own account");
  auto refs = resolve_user_refs(c, body, *parse_role(role_s), {r->opt_i64(8), r->opt_i64(10)});
  if (!refs) return refs.error();
  std::string hash = c.query_one("SELECT password_hash FROM users WHERE id = ?", {id})->str(0);
  if (body.contains("password")) {
    if (!body["password"].is_string() || body["password"].get<std::string>().size() < 10)
      return invalid("user.password_too_short", "password", "password needs at least 10 characters");
    hash = hash_password(body["password"].get<std::string>());
  }
  c.execute("UPDATE users SET role = ?, name = ?, active = ?, unit_id = ?, staff_id = ?, password_hash = ?, "
            "updated_at = ? WHERE id = ?",
            {role_s, name, int64_t{active}, store::opt_value(refs->unit_id), store::opt_value(refs->staff_id), hash,
             now_iso(), id});
  // A new password, a disabled account, another role or unit: the user's sessions end (they sign
  // in again and get what their account now allows).
  bool scope_changed = role_s != r->str(3) || refs->unit_id != r->opt_i64(8) || refs->staff_id != r->opt_i64(10);
  if (!active || body.contains("password") || scope_changed) c.execute("DELETE FROM sessions WHERE user_id = ?", {id});
  json after = user_json(*c.query_one(std::string(kUserSelect) + " WHERE usr.id = ?", {id}));
  audit(c, a, "update", "user", std::to_string(id), before, after);
  tx.commit();
  return after;
}

// ---- API tokens --------------------------------------------------------------------------

namespace {
const char* kTokenSelect =
    "SELECT t.id, t.name, usr.login, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t "
    "JOIN users usr ON usr.id = t.user_id";
json token_json(const Row& r) {
  auto o = [&](size_t i) { return r.opt(i) ? json(*r.opt(i)) : json(nullptr); };
  return {{"id", r.i64(0)}, {"name", r.str(1)}, {"user", r.str(2)}, {"created_at", r.str(3)},
          {"last_used_at", o(4)}, {"revoked_at", o(5)}};
}
}  // namespace

Result<json> list_tokens(store::Database& db, const Actor& a, const ListQuery& q) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages API tokens");
  auto lease = db.acquire();
  Where w;
  if (!q.q.empty()) w.add("lower(t.name) LIKE ? ESCAPE '\\'", {like_pattern(text::fold(q.q))});
  int64_t total = lease->scalar("SELECT COUNT(*) FROM api_tokens t" + w.sql(), w.params());
  auto p = w.params();
  p.push_back(q.page_size);
  p.push_back((q.page - 1) * q.page_size);
  json items = json::array();
  for (auto& r : lease->query(std::string(kTokenSelect) + w.sql() + " ORDER BY t.id DESC LIMIT ? OFFSET ?", p))
    items.push_back(token_json(r));
  return page_json(items, total, q);
}

Result<json> get_token(store::Database& db, const Actor& a, int64_t id) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages API tokens");
  auto lease = db.acquire();
  auto r = lease->query_one(std::string(kTokenSelect) + " WHERE t.id = ?", {id});
  if (!r) return not_found("api_token");
  return token_json(*r);
}

Result<json> create_token(store::Database& db, const Actor& a, const json& body) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages API tokens");
  auto name = require_string(body, "name", "api_token", 100);
  if (!name) return name.error();
  auto user = require_string(body, "user", "api_token", 64);
  if (!user) return user.error();
  auto lease = db.acquire();
  Tx tx(*lease);
  auto u = lease->query_one("SELECT id FROM users WHERE login = ? AND active = 1", {*user});
  if (!u) return invalid("api_token.user_unknown", "user", "no active user has login " + *user);
  std::string secret = "sq_" + random_token();
  int64_t id = lease->query_one(
                        "INSERT INTO api_tokens (name, token_hash, user_id, created_by, created_at) VALUES (?, ?, ?, ?, ?) "
                        "RETURNING id",
                        {*name, token_hash(secret), u->i64(0), a.user_id ? store::Value(a.user_id) : store::null_value(),
                         now_iso()})
                   ->i64(0);
  json out = token_json(*lease->query_one(std::string(kTokenSelect) + " WHERE t.id = ?", {id}));
  audit(*lease, a, "create", "api_token", std::to_string(id), nullptr, out);
  tx.commit();
  out["token"] = secret;
  return out;
}

Status revoke_token(store::Database& db, const Actor& a, int64_t id) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages API tokens");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto r = lease->query_one(std::string(kTokenSelect) + " WHERE t.id = ?", {id});
  if (!r) return not_found("api_token");
  json before = token_json(*r);
  lease->execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {now_iso(), id});
  audit(*lease, a, "revoke", "api_token", std::to_string(id), before,
        token_json(*lease->query_one(std::string(kTokenSelect) + " WHERE t.id = ?", {id})));
  tx.commit();
  return ok_status();
}

// ---- audit -------------------------------------------------------------------------------

namespace {
json audit_json(const store::audit::Entry& e) {
  auto parse = [](const std::optional<std::string>& t) { return t ? json::parse(*t, nullptr, false) : json(nullptr); };
  return {{"id", e.id},         {"at", e.at},
          {"actor", e.actor},   {"action", e.action},
          {"entity", e.entity}, {"entity_id", e.entity_id ? json(*e.entity_id) : json(nullptr)},
          {"before", parse(e.before_json)}, {"after", parse(e.after_json)}};
}
}  // namespace

Result<json> list_audit(store::Database& db, const Actor& a, const ListQuery& q) {
  if (!access::can_read_audit(a)) return forbidden("only admin and quality read the audit log");
  auto lease = db.acquire();
  store::audit::Filter f;
  if (q.has("entity")) f.entity = q.get("entity");
  if (q.has("actor")) f.actor = q.get("actor");
  if (q.has("action")) f.action = q.get("action");
  if (q.has("entity_id")) f.entity_id = q.get("entity_id");
  auto zone = org_zone(*lease);  // a bare date is the start of that local day (`to` exclusive)
  for (auto [param, bound] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
    if (!q.has(param)) continue;
    auto t = timeutil::normalize_iso8601(q.get(param), zone);
    if (!t) return invalid(std::string("audit.") + param + "_invalid", param, std::string(param) + " must be a date");
    *bound = *t;
  }
  if (!q.q.empty()) f.text = like_pattern(q.q);
  auto page = store::audit::list(*lease, f, {q.page, q.page_size});
  json items = json::array();
  for (auto& e : page.items) items.push_back(audit_json(e));
  return page_json(items, page.total, q);
}

Result<json> get_audit(store::Database& db, const Actor& a, int64_t id) {
  if (!access::can_read_audit(a)) return forbidden("only admin and quality read the audit log");
  auto lease = db.acquire();
  auto e = store::audit::find(*lease, id);
  if (!e) return not_found("audit");
  return audit_json(*e);
}

bool has_admin(store::Database& db) {
  auto lease = db.acquire();
  return lease->scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1") > 0;
}

}  // namespace servq::service
