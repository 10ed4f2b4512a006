#include "service/auth_service.h"

#include <argon2.h>
#include <sodium.h>

#include <cstring>

#include "core/text.h"
#include "core/time.h"
#include "service/settings/org_settings.h"
#include "store/audit/audit_repo.h"
#include "store/auth/login_attempts_repo.h"
#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"
#include "store/auth/sessions_repo.h"
#include "store/auth/tokens_repo.h"
#include "store/auth/users_repo.h"

namespace servq::service {
namespace {

using store::Tx;
using store::auth::User;

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
constexpr uint32_t kArgonTime = 2;
constexpr uint32_t kArgonMemoryKiB = 19 * 1024;
constexpr uint32_t kArgonLanes = 1;
constexpr int64_t kSessionSeconds = int64_t{12} * 3600;

void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

json opt_json(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json user_json(const User& u) {
  return {{"id", u.id},
          {"login", u.login},
          {"name", u.name},
          {"role", u.role},
          {"unit", opt_json(u.unit_code)},
          {"employee_code", opt_json(u.employee_code)},
          {"active", u.active},
          {"created_at", u.created_at},
          {"must_change_password", u.must_change_password}};
}

Actor actor_from(const User& u) {
  Actor a;
  a.user_id = u.id;
  a.login = u.login;
  a.role = parse_role(u.role).value_or(Role::staff);
  a.unit_id = u.unit_id;
  a.unit_path = u.unit_path.value_or("");
  a.staff_id = u.staff_id;
  a.must_change_password = u.must_change_password;
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
int64_t backoff_seconds(const store::auth::Failures& f, int64_t free_attempts, int window) {
  if (f.count < free_attempts || f.last_at.empty()) return 0;
  int64_t exponent = std::min<int64_t>(f.count - free_attempts, 20);
  int64_t wait = std::min<int64_t>(int64_t{30} << exponent, window);
  int64_t until = timeutil::parse_to_unix(f.last_at).value_or(0) + wait;
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
    store::auth::lock_login_attempts(c);
    auto pair = store::auth::count_failures(c, {login, address}, since);
    auto by_addr = store::auth::count_failures(c, {std::nullopt, address}, since);
    auto by_login = store::auth::count_failures(c, {login, std::nullopt}, since);
    int64_t wait = std::max(backoff_seconds(pair, policy.per_login, policy.window_seconds),
                            backoff_seconds(by_addr, policy.per_address, policy.window_seconds));
    int64_t account_wait = backoff_seconds(by_login, policy.per_account, policy.window_seconds);
    if (account_wait > 0 &&
        !store::auth::succeeded_from(c, login, address, timeutil::format_utc(now_unix() - 30 * 86400)))
      wait = std::max(wait, account_wait);
    if (wait > 0) {
      Error e{"auth.throttled", "too many failed sign-ins; wait " + std::to_string(wait) + " seconds and try again", "",
              429};
      e.retry_after = static_cast<int>(wait);
      return e;
    }
    attempt_id = store::auth::record_failure(c, login, address, now_iso());
    tx.commit();
  }
  auto user = [&] {
    Tx tx(c, false);
    return store::auth::find_user_by_login(c, login);
  }();
  std::string hash;
  if (user) hash = store::auth::password_hash(c, user->id).value_or("");
  // Verify even for unknown logins so response time does not reveal which logins exist.
  static const std::string dummy = hash_password("servq-timing-equaliser");
  bool ok = verify_password(hash.empty() ? dummy : hash, password) && user && user->active;
  if (!ok) return Error{"auth.bad_credentials", "login or password is wrong", "password", 401};
  Tx tx(c);
  store::auth::mark_success(c, attempt_id);
  LoginResult out;
  out.session_token = random_token();
  out.csrf_token = random_token();
  store::auth::insert_session(c, {token_hash(out.session_token), user->id, out.csrf_token, now_iso(),
                                  timeutil::format_utc(now_unix() + kSessionSeconds)});
  store::auth::delete_expired_sessions(c, now_iso());
  Actor a = actor_from(*user);
  audit(c, a, "login", "session", "", nullptr, nullptr);
  tx.commit();
  out.user = user_json(*user);
  return out;
}

void logout(store::Database& db, const std::string& session_token) {
  auto lease = db.acquire();
  Tx tx(*lease);
  store::auth::delete_session(*lease, token_hash(session_token));
  tx.commit();
}

std::optional<Authenticated> authenticate_session(store::Database& db, const std::string& session_token) {
  if (session_token.empty()) return std::nullopt;
  auto lease = db.acquire();
  auto s = store::auth::find_active_user_by_session(*lease, token_hash(session_token), now_iso());
  if (!s) return std::nullopt;
  return Authenticated{actor_from(s->user), s->csrf_token};
}

std::optional<Authenticated> authenticate_token(store::Database& db, const std::string& bearer) {
  if (bearer.empty()) return std::nullopt;
  auto lease = db.acquire();
  std::string h = token_hash(bearer);
  auto u = store::auth::find_active_user_by_api_token(*lease, h);
  if (!u) return std::nullopt;
  store::auth::touch_token(*lease, h, now_iso());
  Authenticated out{actor_from(*u), ""};
  out.actor.via_token = true;
  return out;
}

json user_json_for(store::Database& db, const Actor& a) {
  auto lease = db.acquire();
  auto u = store::auth::find_user(*lease, a.user_id);
  return u ? user_json(*u) : json(nullptr);
}

Status change_own_password(store::Database& db, const Actor& a, const json& body, const std::string& session_token) {
  auto cur = require_string(body, "current_password", "user", 1000);
  if (!cur) return cur.error();
  if (!body.contains("new_password") || !body["new_password"].is_string() ||
      body["new_password"].get<std::string>().size() < 10)
    return invalid("user.password_too_short", "new_password", "the new password needs at least 10 characters");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto h = store::auth::password_hash(*lease, a.user_id);
  if (!h || !verify_password(*h, *cur))
    return invalid("user.current_password_wrong", "current_password", "the current password is wrong");
  store::auth::set_own_password(*lease, a.user_id, hash_password(body["new_password"].get<std::string>()), now_iso());
  // Whoever else holds a session of this account (a stolen cookie, a forgotten PC) is signed out.
  store::auth::delete_sessions_of_user(*lease, a.user_id, token_hash(session_token));
  audit(*lease, a, "password", "user", std::to_string(a.user_id), nullptr, nullptr);
  tx.commit();
  return ok_status();
}

// ---- users -------------------------------------------------------------------------------

Result<json> list_users(store::Database& db, const Actor& a, const ListQuery& q) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages users");
  auto lease = db.acquire();
  store::auth::UserFilter f;
  if (!q.q.empty()) f.text = like_pattern(text::fold(q.q));
  if (q.has("role")) f.role = q.get("role");
  auto page = store::auth::list_users(*lease, f, {q.page, q.page_size});
  json items = json::array();
  for (auto& u : page.items) items.push_back(user_json(u));
  return page_json(items, page.total, q);
}

Result<json> get_user(store::Database& db, const Actor& a, int64_t id) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages users");
  auto lease = db.acquire();
  auto u = store::auth::find_user(*lease, id);
  if (!u) return not_found("user");
  return user_json(*u);
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
      if (auto u = store::org::find_unit_by_code(c, *code)) cur.unit_id = u->id;
      if (!cur.unit_id) return invalid("user.unit_unknown", "unit", "unit '" + *code + "' does not exist");
    }
  }
  if (body.contains("employee_code")) {
    if (!is_string_or_null(body, "employee_code"))
      return invalid("user.employee_code_invalid", "employee_code", "employee_code must be a string");
    cur.staff_id.reset();
    if (auto code = optional_string(body, "employee_code")) {
      auto s = store::org::find_staff_by_code(c, *code);
      if (!s) return invalid("user.employee_code_unknown", "employee_code", "no staff member has this employee code");
      cur.staff_id = s->id;
      if (!cur.unit_id) cur.unit_id = s->unit_id;
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
  if (store::auth::find_user_by_login(c, *login))
    return conflict("user.duplicate", "login", "login " + *login + " exists");
  auto refs = resolve_user_refs(c, body, *role, {});
  if (!refs) return refs.error();
  int64_t id = store::auth::insert_user(
      c, {*login, name, *role_s, refs->unit_id, refs->staff_id, hash_password(body["password"].get<std::string>()),
          body.value("must_change_password", false), true, now_iso()});
  json out = user_json(*store::auth::find_user(c, id));
  audit(c, a, "create", "user", std::to_string(id), nullptr, out);
  tx.commit();
  return out;
}

Result<json> update_user(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages users");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto& c = *lease;
  auto r = store::auth::find_user(c, id);
  if (!r) return not_found("user");
  json before = user_json(*r);
  std::string role_s = r->role, name = r->name;
  bool active = r->active;
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
  auto refs = resolve_user_refs(c, body, *parse_role(role_s), {r->unit_id, r->staff_id});
  if (!refs) return refs.error();
  std::string hash = store::auth::password_hash(c, id).value_or("");
  if (body.contains("password")) {
    if (!body["password"].is_string() || body["password"].get<std::string>().size() < 10)
      return invalid("user.password_too_short", "password", "password needs at least 10 characters");
    hash = hash_password(body["password"].get<std::string>());
  }
  store::auth::update_user(c, id,
                           {r->login, name, role_s, refs->unit_id, refs->staff_id, hash, r->must_change_password,
                            active, now_iso()});
  // A new password, a disabled account, another role or unit: the user's sessions end (they sign
  // in again and get what their account now allows).
  bool scope_changed = role_s != r->role || refs->unit_id != r->unit_id || refs->staff_id != r->staff_id;
  if (!active || body.contains("password") || scope_changed) store::auth::delete_sessions_of_user(c, id);
  json after = user_json(*store::auth::find_user(c, id));
  audit(c, a, "update", "user", std::to_string(id), before, after);
  tx.commit();
  return after;
}

// ---- API tokens --------------------------------------------------------------------------

namespace {
json token_json(const store::auth::ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"user", t.user_login},
          {"created_at", t.created_at},
          {"last_used_at", opt_json(t.last_used_at)},
          {"revoked_at", opt_json(t.revoked_at)}};
}
}  // namespace

Result<json> list_tokens(store::Database& db, const Actor& a, const ListQuery& q) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages API tokens");
  auto lease = db.acquire();
  store::auth::TokenFilter f;
  if (!q.q.empty()) f.text = like_pattern(text::fold(q.q));
  auto page = store::auth::list_tokens(*lease, f, {q.page, q.page_size});
  json items = json::array();
  for (auto& t : page.items) items.push_back(token_json(t));
  return page_json(items, page.total, q);
}

Result<json> get_token(store::Database& db, const Actor& a, int64_t id) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages API tokens");
  auto lease = db.acquire();
  auto t = store::auth::find_token(*lease, id);
  if (!t) return not_found("api_token");
  return token_json(*t);
}

Result<json> create_token(store::Database& db, const Actor& a, const json& body) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages API tokens");
  auto name = require_string(body, "name", "api_token", 100);
  if (!name) return name.error();
  auto user = require_string(body, "user", "api_token", 64);
  if (!user) return user.error();
  auto lease = db.acquire();
  Tx tx(*lease);
  auto u = store::auth::find_user_by_login(*lease, *user);
  if (!u || !u->active) return invalid("api_token.user_unknown", "user", "no active user has login " + *user);
  std::string secret = "sq_" + random_token();
  int64_t id = store::auth::insert_token(*lease, {*name, token_hash(secret), u->id,
                                                  a.user_id ? std::optional<int64_t>(a.user_id) : std::nullopt,
                                                  now_iso()});
  json out = token_json(*store::auth::find_token(*lease, id));
  audit(*lease, a, "create", "api_token", std::to_string(id), nullptr, out);
  tx.commit();
  out["token"] = secret;
  return out;
}

Status revoke_token(store::Database& db, const Actor& a, int64_t id) {
  if (!access::can_manage_users(a)) return forbidden("only an admin manages API tokens");
  auto lease = db.acquire();
  Tx tx(*lease);
  auto t = store::auth::find_token(*lease, id);
  if (!t) return not_found("api_token");
  json before = token_json(*t);
  store::auth::revoke_token(*lease, id, now_iso());
  audit(*lease, a, "revoke", "api_token", std::to_string(id), before,
        token_json(*store::auth::find_token(*lease, id)));
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
  return store::auth::has_active_admin(*lease);
}

}  // namespace servq::service
