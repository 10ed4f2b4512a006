// http/routes/auth_routes.cpp — Sign-in, sign-out, the current user and password changes.
#include <memory>
#include <string>
#include <vector>

#include "http/routes/route_kit.h"
#include "service/auth_service.h"
#include "servq_version.h"

namespace servq::http {

using nlohmann::json;
using service::ListQuery;

void register_auth_routes(RouteContext& rc) {
  auto& db = rc.db;
  auto& router_ = rc.router;
  auto authed = make_authed(db);
  auto throttle = rc.cfg.throttle;
  const ApiConfig& cfg_ = rc.cfg;
  // ---- auth ----
  router_.add("POST", "/api/v1/auth/login",
              {"Sign in; sets the session cookie and returns the CSRF token", "auth", "Login", "Session", 200, false},
              [&db, throttle, secure = cfg_.secure_cookies](Request& req) {
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                auto l = service::require_string(*body, "login", "auth", 64);
                if (!l) return from_error(l.error());
                if (!body->contains("password") || !(*body)["password"].is_string())
                  return problem(422, "auth.password_required", "password is required", "password");
                auto r = service::login(db, *l, (*body)["password"].get<std::string>(), req.remote, throttle);
                if (!r) return from_error(r.error());
                auto res = json_response({{"user", r->user}, {"csrf_token", r->csrf_token}});
                res.headers.push_back({"Set-Cookie", session_cookie(r->session_token, 12 * 3600,
                                                                    secure || req.header("x-forwarded-proto") == "https")});
                return res;
              });
  router_.add("POST", "/api/v1/auth/logout", {"Sign out", "auth", "", "", 204}, [&db, secure = cfg_.secure_cookies](Request& req) {
    auto who = service::authenticate_session(db, req.cookie("servq_session"));
    if (who && !service::constant_time_equal(req.header("x-csrf-token"), who->csrf_token))
      return problem(403, "auth.csrf", "the X-CSRF-Token header is missing or wrong");
    if (who) service::logout(db, req.cookie("servq_session"));
    auto r = no_content();
    r.headers.push_back({"Set-Cookie", session_cookie("", 0, secure || req.header("x-forwarded-proto") == "https")});
    return r;
  });
  router_.add("GET", "/api/v1/auth/me", {"The signed-in user and the session's CSRF token", "auth", "", "Session"},
              [&db](Request& req) {
                std::optional<service::Authenticated> who;
                std::string authz = req.header("authorization");
                if (authz.rfind("Bearer ", 0) == 0)
                  who = service::authenticate_token(db, authz.substr(7));
                else
                  who = service::authenticate_session(db, req.cookie("servq_session"));
                if (!who) return problem(401, "auth.required", "sign in first");
                return json_response({{"user", service::user_json_for(db, who->actor)},
                                      {"csrf_token", who->csrf_token.empty() ? json(nullptr) : json(who->csrf_token)}});
              });
  router_.add("POST", "/api/v1/auth/password", {"Change the signed-in user's password", "auth", "PasswordChange", "", 204},
              authed([&db](Request& req, const Actor& a) {
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                auto r = service::change_own_password(db, a, *body, req.cookie("servq_session"));
                return r ? no_content() : from_error(r.error());
              }));

}

}  // namespace servq::http
