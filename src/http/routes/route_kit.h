// What every route file shares (http/routes/<domain>_routes.cpp): the context routes are
// registered with, the answers built from results and errors, and the parsing of ids, bodies,
// list queries and import options that each route used to repeat.
#pragma once
#include <nlohmann/json.hpp>

#include <any>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/json_input.h"
#include "core/result.h"
#include "http/api.h"
#include "http/message.h"
#include "http/router.h"
#include "service/auth_service.h"
#include "service/common.h"
#include "service/context.h"
#include "service/import_service.h"
#include "store/database.h"

namespace servq::http {

// What a route file registers its routes with.
struct RouteContext {
  store::Database& db;
  const ApiConfig& cfg;
  Router& router;
  // Anonymous kiosk answers per client address (the public responses route).
  std::function<bool(const std::string&)> kiosk_allowed;
  service::IntakeWriter* intake;
};

void register_auth_routes(RouteContext& rc);
void register_org_routes(RouteContext& rc);
void register_feedback_routes(RouteContext& rc);
void register_import_routes(RouteContext& rc);
void register_survey_routes(RouteContext& rc);
void register_settings_routes(RouteContext& rc);

Response json_response(const nlohmann::json& body, int status = 200);
nlohmann::json params_json(const std::vector<std::pair<std::string, std::string>>& params);
// The problem answer for an expected failure (status, code, field, params, every sub-problem).
Response from_error(const Error& e);
template <typename T>
Response from_result(const Result<T>& r, int status = 200) {
  if (!r) return from_error(r.error());
  return json_response(r.value(), status);
}
Response no_content();
// Paging (page, page_size) checked, every other parameter kept as a filter.
Result<service::ListQuery> list_query(const Request& req);
// The {id} of the path, or 404 `<resource>.not_found`.
Result<int64_t> path_id(const Request& req, const std::string& resource);
// Every JSON body goes through here: nesting bounded before parsing (core/json_input.h), size
// bounded by the admission step before it was read.
Result<nlohmann::json> json_body(const Request& req, size_t max_depth = jsonin::kMaxDepth);
// The session cookie; Secure when servq is reached over https (configured, or said by the proxy).
std::string session_cookie(const std::string& token, int max_age, bool secure);
// The answer to a CSV import: the report, or one 422 problem listing every bad line (the first
// 1 000) — the same for every kind of import.
Response import_response(Result<service::ImportOutcome> r);
// ?encoding= and ?date_order= (without it, day-first for a Vietnamese Accept-Language).
Result<service::ImportOptions> import_options(const Request& req);
Response options_problem(const Error& e);
// Who the caller is: a bearer API token, or the session cookie.
std::optional<service::Authenticated> authenticate(store::Database& db, const Request& req);
bool is_mutating(const std::string& method);
// The admission step's answer for a signed-in route, or nothing when the caller may go on.
std::optional<Response> check_signed_in(const Request& req, const std::optional<service::Authenticated>& who);

// Wraps a handler that needs a signed-in caller: session cookie (plus CSRF on mutations) or a
// bearer API token. The admission step has usually authenticated the caller already.
inline auto make_authed(store::Database& db) {
  return [&db](auto fn) {
    return [&db, fn](Request& req) -> Response {
      std::optional<service::Authenticated> who;
      if (auto* seen = std::any_cast<service::Authenticated>(&req.auth))
        who = *seen;
      else
        who = authenticate(db, req);
      if (auto refused = check_signed_in(req, who)) return *refused;
      return fn(req, who->actor);
    };
  };
}

// Handler adapters for the shapes most routes share: they read the path's {id}, the list query
// and/or the JSON body, answer the problem when one is refused, and otherwise call
// `fn(actor, ...)` and answer its Result with `status`.
template <typename F>
auto with_query(F fn) {
  return [fn](Request& req, const Actor& a) -> Response {
    auto q = list_query(req);
    if (!q) return from_error(q.error());
    return from_result(fn(a, *q));
  };
}
template <typename F>
auto with_id(std::string resource, F fn, int status = 200) {
  return [resource, fn, status](Request& req, const Actor& a) -> Response {
    auto id = path_id(req, resource);
    if (!id) return from_error(id.error());
    return from_result(fn(a, *id), status);
  };
}
template <typename F>
auto with_id_query(std::string resource, F fn) {
  return [resource, fn](Request& req, const Actor& a) -> Response {
    auto id = path_id(req, resource);
    if (!id) return from_error(id.error());
    auto q = list_query(req);
    if (!q) return from_error(q.error());
    return from_result(fn(a, *id, *q));
  };
}
template <typename F>
auto with_body(F fn, int status = 200, size_t max_depth = jsonin::kMaxDepth) {
  return [fn, status, max_depth](Request& req, const Actor& a) -> Response {
    auto body = json_body(req, max_depth);
    if (!body) return from_error(body.error());
    return from_result(fn(a, *body), status);
  };
}
template <typename F>
auto with_id_body(std::string resource, F fn, int status = 200, size_t max_depth = jsonin::kMaxDepth) {
  return [resource, fn, status, max_depth](Request& req, const Actor& a) -> Response {
    auto id = path_id(req, resource);
    if (!id) return from_error(id.error());
    auto body = json_body(req, max_depth);
    if (!body) return from_error(body.error());
    return from_result(fn(a, *id, *body), status);
  };
}

// Adapters for typed use cases (ARCHITECTURE.md "Types at the boundaries"): the route makes the
// caller's context, the use case works on typed values, and http/json/ reads the body and writes
// the result. `run(cx)` → Result<T>; `out(T)` → the JSON answered with `status`.
template <typename Run, typename Out>
auto use_case(store::Database& db, Run run, Out out, int status = 200) {
  return [&db, run, out, status](Request&, const Actor& a) -> Response {
    auto r = run(service::Context::of(db, a));
    if (!r) return from_error(r.error());
    return json_response(out(*r), status);
  };
}
// With a body: its JSON syntax (400), then the caller's right (`refuse(cx)`, 403 — before anything
// is said about the body), then the body read into the use case's input (`parse(json)`, 422), then
// `run(cx, input)`.
template <typename Refuse, typename Parse, typename Run, typename Out>
auto use_case_with_body(store::Database& db, Refuse refuse, Parse parse, Run run, Out out, int status = 200) {
  return [&db, refuse, parse, run, out, status](Request& req, const Actor& a) -> Response {
    auto body = json_body(req);
    if (!body) return from_error(body.error());
    const auto cx = service::Context::of(db, a);
    if (std::optional<Error> refused = refuse(cx)) return from_error(*refused);
    auto input = parse(*body);
    if (!input) return from_error(input.error());
    auto r = run(cx, *input);
    if (!r) return from_error(r.error());
    return json_response(out(*r), status);
  };
}

}  // namespace servq::http
