#include "store/auth/users_repo.h"

#include "store/filter.h"

namespace servq::store::auth {

namespace {

constexpr std::string_view kSelect =
    "SELECT usr.id, usr.login, usr.name, usr.role, usr.unit_id, u.code AS unit_code, u.path AS unit_path, "
    "usr.staff_id, s.employee_code, usr.active, usr.must_change_password, usr.created_at "
    "FROM users usr LEFT JOIN units u ON u.id = usr.unit_id LEFT JOIN staff s ON s.id = usr.staff_id";

User read(const Row& r) {
  User u;
  u.id = r.i64("id");
  u.login = r.str("login");
  u.name = r.str("name");
  u.role = r.str("role");
  u.unit_id = r.opt_i64("unit_id");
  u.unit_code = r.opt("unit_code");
  u.unit_path = r.opt("unit_path");
  u.staff_id = r.opt_i64("staff_id");
  u.employee_code = r.opt("employee_code");
  u.active = r.boolean("active");
  u.must_change_password = r.boolean("must_change_password");
  u.created_at = r.str("created_at");
  return u;
}

std::optional<User> find_one(Connection& c, std::string_view where, const Params& params) {
  auto r = c.query_one(std::string(kSelect) + std::string(where), params);
  if (!r) return std::nullopt;
  return read(*r);
}

}  // namespace

std::optional<User> find_user(Connection& c, int64_t id) {
  return find_one(c, " WHERE usr.id = ?", {id});
}

std::optional<User> find_user_by_login(Connection& c, const std::string& login) {
  return find_one(c, " WHERE usr.login = ?", {login});
}

Page<User> list_users(Connection& c, const UserFilter& f, const PageRequest& page) {
  Where w;
  if (f.text) w.add("lower(usr.login) LIKE ? ESCAPE '\\' OR lower(usr.name) LIKE ? ESCAPE '\\'", {*f.text, *f.text});
  if (f.role) w.add("usr.role = ?", {*f.role});
  Page<User> out;
  out.total = c.scalar("SELECT COUNT(*) FROM users usr" + w.sql(), w.params());
  auto p = w.params();
  p.push_back(page.page_size);
  p.push_back(page.offset());
  for (auto& r : c.query(std::string(kSelect) + w.sql() + " ORDER BY usr.login LIMIT ? OFFSET ?", p))
    out.items.push_back(read(r));
  return out;
}

std::optional<SessionUser> find_active_user_by_session(Connection& c, const std::string& session_hash,
                                                       const std::string& now) {
  // kSelect's columns plus the session's CSRF token.
  std::string sql = std::string(kSelect);
  sql.insert(sql.find(" FROM users usr"), ", ses.csrf_token");
  auto r = c.query_one(sql +
                           " JOIN sessions ses ON ses.user_id = usr.id WHERE ses.token_hash = ? AND "
                           "ses.expires_at > ? AND usr.active = 1",
                       {session_hash, now});
  if (!r) return std::nullopt;
  return SessionUser{read(*r), r->str("csrf_token")};
}

std::optional<User> find_active_user_by_api_token(Connection& c, const std::string& token_hash) {
  return find_one(c,
                  " JOIN api_tokens t ON t.user_id = usr.id WHERE t.token_hash = ? AND t.revoked_at IS NULL AND "
                  "usr.active = 1",
                  {token_hash});
}

std::optional<std::string> password_hash(Connection& c, int64_t user_id) {
  auto r = c.query_one("SELECT password_hash FROM users WHERE id = ?", {user_id});
  if (!r) return std::nullopt;
  return r->str("password_hash");
}

int64_t insert_user(Connection& c, const UserWrite& u) {
  return c
      .query_one(
          "INSERT INTO users (login, name, role, unit_id, staff_id, password_hash, must_change_password, active, "
          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {u.login, u.name, u.role, opt_value(u.unit_id), opt_value(u.staff_id), u.password_hash,
           int64_t{u.must_change_password}, int64_t{u.active}, u.updated_at, u.updated_at})
      ->i64("id");
}

void update_user(Connection& c, int64_t id, const UserWrite& u) {
  c.execute(
      "UPDATE users SET role = ?, name = ?, active = ?, unit_id = ?, staff_id = ?, password_hash = ?, updated_at = ? "
      "WHERE id = ?",
      {u.role, u.name, int64_t{u.active}, opt_value(u.unit_id), opt_value(u.staff_id), u.password_hash, u.updated_at,
       id});
}

void set_own_password(Connection& c, int64_t id, const std::string& password_hash, const std::string& at) {
  c.execute("UPDATE users SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?",
            {password_hash, at, id});
}

bool has_active_admin(Connection& c) {
  return c.scalar("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1") > 0;
}

}  // namespace servq::store::auth
