#include "http/api.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/json_input.h"
#include "report/qr.h"
#include "report/table_export.h"
#include "service/feedback_service.h"
#include "service/settings_service.h"
#include "service/import_service.h"
#include "service/org_service.h"
#include "service/survey_analysis.h"
#include "service/survey_service.h"
#include "servq_version.h"

namespace servq::http {

using nlohmann::json;
using service::ListQuery;

namespace {

const char* status_title(int s) {
  switch (s) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return s >= 500 ? "Internal Server Error" : "Error";
  }
}

Response json_response(const json& body, int status = 200) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  r.headers.push_back({"Cache-Control", "no-store"});
  return r;
}

json params_json(const std::vector<std::pair<std::string, std::string>>& params) {
  json p = json::object();
  for (const auto& [k, v] : params) p[k] = v;
  return p;
}

Response from_error(const Error& e) {
  json extra = json::object();
  if (!e.params.empty()) extra["params"] = params_json(e.params);
  if (!e.errors.empty()) {
    // Every problem of a refused questionnaire: its JSON path, code, params and message.
    json list = json::array();
    for (const auto& x : e.errors)
      list.push_back({{"path", x.field}, {"code", x.code}, {"params", params_json(x.params)}, {"message", x.message}});
    extra["errors"] = list;
    extra["error_count"] = e.errors.size();
  }
  if (e.retry_after > 0) extra["retry_after"] = e.retry_after;
  auto r = problem(e.status, e.code, e.message, e.field, extra);
  if (e.retry_after > 0) r.headers.push_back({"Retry-After", std::to_string(e.retry_after)});
  return r;
}

template <typename T>
Response from_result(const Result<T>& r, int status = 200) {
  if (!r) return from_error(r.error());
  return json_response(r.value(), status);
}

Response no_content() {
  Response r;
  r.status = 204;
  r.content_type = "application/json";
  return r;
}

Result<ListQuery> list_query(const Request& req) {
  ListQuery q;
  for (const auto& [k, v] : req.query) {
    if (k == "q")
      q.q = v;
    else if (k != "page" && k != "page_size")
      q.params[k] = v;
  }
  auto num = [&](const char* name, int64_t def, int64_t max) -> Result<int64_t> {
    auto it = req.query.find(name);
    if (it == req.query.end() || it->second.empty()) return def;
    try {
      size_t used = 0;
      int64_t v = std::stoll(it->second, &used);
      if (used != it->second.size() || v < 1 || v > max) throw std::out_of_range("range");
      return v;
    } catch (...) {
      return invalid(std::string("query.") + name + "_invalid", name,
                     std::string(name) + " must be a whole number from 1 to " + std::to_string(max));
    }
  };
  auto page = num("page", 1, 1'000'000);
  if (!page) return page.error();
  auto size = num("page_size", 50, 500);
  if (!size) return size.error();
  q.page = *page;
  q.page_size = *size;
  return q;
}

Result<int64_t> path_id(const Request& req, const std::string& resource) {
  try {
    size_t used = 0;
    int64_t v = std::stoll(req.params.at("id"), &used);
    if (used == req.params.at("id").size() && v > 0) return v;
  } catch (...) {
  }
  return not_found(resource);
}

// Every JSON body goes through here: nesting bounded before parsing (core/json_input.h), size
// bounded by the admission step before it was read.
Result<json> json_body(const Request& req, size_t max_depth = jsonin::kMaxDepth) {
  auto j = jsonin::parse_limited(req.body, "the request body", max_depth);
  if (!j) return j.error();
  if (!j->is_object()) return Error{"http.bad_json", "the request body must be a JSON object", "", 400};
  return j;
}

// The session cookie; Secure when servq is reached over https (configured, or said by the proxy).
std::string session_cookie(const std::string& token, int max_age, bool secure) {
  return "servq_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

const char* content_type_for(const std::string& ext) {
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

Response problem(int status, const std::string& code, const std::string& detail, const std::string& field,
                 const json& extra) {
  json p = {{"type", "about:blank"}, {"title", status_title(status)}, {"status", status}, {"code", code},
            {"detail", detail}};
  if (!field.empty()) p["field"] = field;
  if (extra.is_object())
    for (auto& [k, v] : extra.items()) p[k] = v;
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = p.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

std::string Api::route_of(Request& req) const {
  auto m = router_.match(req);
  return m.route ? m.route->pattern : "unmatched";
}

namespace {
std::string duplicate_code(const std::string& route) {
  static const std::pair<const char*, const char*> names[] = {
      {"/api/v1/units", "unit"},           {"/api/v1/staff", "staff"},     {"/api/v1/customers", "customer"},
      {"/api/v1/encounters", "encounter"}, {"/api/v1/users", "user"},      {"/api/v1/api-tokens", "api_token"},
      {"/api/v1/imports", "import"}};
  for (auto [prefix, name] : names)
    if (route.rfind(prefix, 0) == 0) return std::string(name) + ".duplicate";
  return "conflict.duplicate";
}

// The answer to a CSV import: the report, or one 422 problem listing every bad line (the first
// 1 000) — the same for every kind of import.
Response import_response(Result<service::ImportOutcome> r) {
  if (!r) {
    const auto& e = r.error();
    if (e.code.rfind("import.encoding_", 0) == 0) {
      json params = json::object();
      for (const auto& [k, v] : e.params) params[k] = v;
      return problem(e.status, e.code, e.message, e.field, {{"params", params}});
    }
    if (!e.field.empty() && e.code.rfind("csv.", 0) == 0) {
      json extra = {{"errors", json::array({{{"line", std::stoll(e.field)}, {"field", ""}, {"code", e.code}, {"detail", e.message}}})}};
      return problem(e.status, "import.invalid", e.message, "", extra);
    }
    return from_error(e);
  }
  if (r->errors.empty()) return json_response(r->report);
  json errs = json::array();
  for (size_t i = 0; i < r->errors.size() && i < 1000; ++i) {
    const auto& le = r->errors[i];
    // Every error names its row as a spreadsheet shows it and its column, for the web app.
    size_t row = le.row ? le.row : le.line;
    json params = {{"row", std::to_string(row)}, {"column", le.field}};
    for (const auto& [k, v] : le.params) params[k] = v;
    errs.push_back({{"line", le.line}, {"row", row}, {"field", le.field}, {"code", le.code}, {"detail", le.message},
                    {"params", params}});
  }
  const auto& first = r->errors.front();
  std::string msg = std::to_string(r->errors.size()) + " error(s); nothing was imported. First: row " +
                    std::to_string(first.row ? first.row : first.line) + (first.field.empty() ? "" : ", " + first.field) + ": " + first.message;
  return problem(422, "import.invalid", msg, first.field, {{"errors", errs}, {"error_count", r->errors.size()}});
}

// The import options of a request: ?encoding= and ?date_order= (without it, day-first for a
// Vietnamese Accept-Language, year-first otherwise).
Result<service::ImportOptions> import_options(const Request& req) {
  service::ImportOptions o;
  if (req.query.count("encoding")) o.encoding = req.query.at("encoding");
  if (req.query.count("date_order") && !req.query.at("date_order").empty()) {
    auto d = typed_date::parse_order(req.query.at("date_order"));
    if (!d)
      return Error{"import.date_order_invalid", "date_order must be dmy, mdy or ymd", "date_order", 422}
          .with("value", req.query.at("date_order"))
          .with("expected", "dmy, mdy, ymd");
    o.date_order = *d;
  } else {
    std::string lang = req.header("accept-language");
    o.date_order = lang.rfind("vi", 0) == 0 ? typed_date::Order::dmy : typed_date::Order::ymd;
  }
  return o;
}

Response options_problem(const Error& e) {
  json params = json::object();
  for (const auto& [k, v] : e.params) params[k] = v;
  return problem(e.status, e.code, e.message, e.field, {{"params", params}});
}

// Wraps a handler that needs a signed-in caller: session cookie (plus CSRF on mutations) or a
// bearer API token.
// Who the caller is: a bearer API token, or the session cookie (the CSRF token is checked on
// mutations by the caller of this function).
std::optional<service::Authenticated> authenticate(store::Database& db, const Request& req) {
  std::string authz = req.header("authorization");
  if (authz.rfind("Bearer ", 0) == 0) return service::authenticate_token(db, authz.substr(7));
  return service::authenticate_session(db, req.cookie("servq_session"));
}

bool is_mutating(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// The admission step's answer for a signed-in route, or nothing when the caller may go on.
std::optional<Response> check_signed_in(const Request& req, const std::optional<service::Authenticated>& who) {
  bool bearer = req.header("authorization").rfind("Bearer ", 0) == 0;
  if (!who)
    return bearer ? problem(401, "auth.required", "the API token is unknown or revoked")
                  : problem(401, "auth.required", "sign in first");
  if (!bearer && is_mutating(req.method) && !service::constant_time_equal(req.header("x-csrf-token"), who->csrf_token))
    return problem(403, "auth.csrf", "the X-CSRF-Token header is missing or wrong");
  if (who->actor.must_change_password && req.path != "/api/v1/auth/password")
    return problem(403, "auth.password_change_required",
                   "this account signed in with a one-time password; set a new one first");
  return std::nullopt;
}

// Wraps a handler that needs a signed-in caller: session cookie (plus CSRF on mutations) or a
// bearer API token. The admission step has usually authenticated the caller already.
auto make_authed(store::Database& db) {
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

}  // namespace

Api::Api(store::Database& db, ApiConfig cfg) : db_(db), cfg_(std::move(cfg)) {
  intake_ = std::make_unique<service::IntakeWriter>(db_, cfg_.intake_per_response);
  register_routes();
  register_survey_routes();
}

Api::~Api() = default;

bool Api::kiosk_allowed(const std::string& remote) {
  if (cfg_.kiosk_per_minute <= 0) return true;
  double now = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  std::lock_guard lk(kiosk_mu_);
  if (kiosk_buckets_.size() > 100000) kiosk_buckets_.clear();  // bounded memory under address spraying
  auto [it, fresh] = kiosk_buckets_.try_emplace(remote, Bucket{cfg_.kiosk_burst, now});
  auto& b = it->second;
  b.tokens = std::min(cfg_.kiosk_burst, b.tokens + (now - b.at) * cfg_.kiosk_per_minute / 60.0);
  b.at = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

namespace {

// A request target that could name something outside the web root, or that clients and servers
// may read differently: encoded slashes, backslashes or NULs, "." or ".." segments, doubled
// slashes. Checked on the raw target, before and after decoding.
bool suspicious_target(const std::string& raw_path) {
  std::string lower = raw_path;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower.empty() || lower[0] != '/') return true;
  for (const char* bad : {"%2f", "%5c", "%00", "%2e", "\\", "//"})
    if (lower.find(bad) != std::string::npos) return true;
  std::string decoded = percent_decode(raw_path, false);
  if (decoded.find('\0') != std::string::npos || decoded.find('\\') != std::string::npos) return true;
  size_t pos = 0;
  while (pos < decoded.size()) {
    size_t end = decoded.find('/', pos + 1);
    if (end == std::string::npos) end = decoded.size();
    std::string seg = decoded.substr(pos + 1, end - pos - 1);
    if (seg == "." || seg == "..") return true;
    pos = end;
  }
  return false;
}

// The media type of a Content-Type header, lower-case, without parameters.
std::string media_type(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  while (!t.empty() && t.front() == ' ') t.erase(0, 1);
  for (auto& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return t;
}

bool has_body(const Request& req) {
  if (!req.header("transfer-encoding").empty()) return true;
  auto len = req.header("content-length");
  return !len.empty() && len != "0";
}

// A state-changing request from a browser must come from this site: Sec-Fetch-Site says so
// when the browser sends it (set by the browser, not by the page; a proxy that rewrites Host
// does not change it), otherwise Origin must name the host the request was sent to. Requests
// without either (curl, scripts, API tokens) are not cross-site browser requests.
bool cross_site(const Request& req) {
  auto site = req.header("sec-fetch-site");
  if (!site.empty()) return site != "same-origin" && site != "none";
  auto origin = req.header("origin");
  if (origin.empty()) return false;
  if (origin == "null") return true;
  auto scheme_end = origin.find("://");
  std::string host = scheme_end == std::string::npos ? origin : origin.substr(scheme_end + 3);
  auto forwarded = req.header("x-forwarded-host");
  return host != req.header("host") && (forwarded.empty() || host != forwarded);
}

}  // namespace

Admission Api::admit(Request& req) {
  Admission out;
  std::string raw_path = req.target.substr(0, req.target.find('?'));
  if (suspicious_target(raw_path)) {
    out.reject = problem(400, "http.bad_target", "the request path is not allowed");
    return out;
  }
  out.body_limit = cfg_.anonymous_body_limit;
  if (req.path.rfind("/api/", 0) != 0) return out;  // the web app and /metrics: GET only
  auto m = router_.match(req);
  if (!m.route) return out;  // 404/405 are answered by handle()
  const auto& doc = m.route->doc;
  bool json_route = doc.request_content_type == "application/json";
  if (is_mutating(req.method) && req.header("authorization").rfind("Bearer ", 0) != 0 && cross_site(req)) {
    out.reject = problem(403, "http.bad_origin", "the request did not come from this site");
    return out;
  }
  if (is_mutating(req.method) && json_route && has_body(req) && media_type(req.header("content-type")) != "application/json") {
    out.reject = problem(415, "http.unsupported_media_type", "send the request body as application/json", "content-type");
    return out;
  }
  size_t route_limit = !json_route ? cfg_.upload_limit
                       : m.route->pattern == "/api/v1/public/responses" ? cfg_.public_body_limit
                       : m.route->pattern.rfind("/api/v1/surveys", 0) == 0 ? cfg_.survey_body_limit
                                                                            : cfg_.json_body_limit;
  if (!doc.auth) {
    if (m.route->pattern == "/api/v1/public/responses") out.body_limit = cfg_.public_body_limit;
    return out;
  }
  auto who = authenticate(db_, req);
  if (m.route->pattern == "/api/v1/auth/logout" || m.route->pattern == "/api/v1/auth/me") {
    if (who) req.auth = *who;
    return out;  // these answer for themselves without a session
  }
  if (auto refused = check_signed_in(req, who)) {
    out.reject = std::move(*refused);
    return out;
  }
  if (!json_route && !access::can_import(who->actor)) {
    out.reject = problem(403, "auth.forbidden", "only administrators and quality staff import files");
    return out;
  }
  req.auth = *who;
  out.body_limit = route_limit;
  out.to_file = !json_route;  // imports: a file body, read to a temporary file
  return out;
}

namespace {

// Structured access log: method, route pattern, status and time only — no query strings, bodies
// or ids, so no customer data reaches the log. Built by the JSON library, so always valid JSON.
void log_request(const std::string& method, const std::string& route, int status, double secs) {
  if (!spdlog::should_log(spdlog::level::info)) return;
  json line = {{"event", "request"}, {"method", method}, {"route", route}, {"status", status},
               {"ms", std::round(secs * 100000) / 100}};
  spdlog::info("{}", line.dump(-1, ' ', false, json::error_handler_t::replace));
}

// The web app's policy: its own scripts only (no inline script, no eval), inline styles (Element
// Plus and SurveyJS set them), images from itself or data:/blob: URLs, no plugins, no framing.
constexpr const char* kAppPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

void add_security_headers(Response& r) {
  bool html = r.content_type.rfind("text/html", 0) == 0;
  r.headers.push_back({"Content-Security-Policy", html ? kAppPolicy : "default-src 'none'; frame-ancestors 'none'"});
  r.headers.push_back({"Referrer-Policy", "no-referrer"});  // survey links carry their token in the path
  r.headers.push_back({"X-Frame-Options", "DENY"});
  r.headers.push_back({"Cross-Origin-Opener-Policy", "same-origin"});
}

bool is_loopback(const std::string& address) {
  return address == "127.0.0.1" || address == "::1" || address.rfind("127.", 0) == 0 || address == "::ffff:127.0.0.1";
}

}  // namespace

// Prometheus metrics: with a metrics token configured, only for a bearer of it; without one,
// only for clients on this machine that do not come through a proxy (no X-Forwarded-For).
Response Api::serve_metrics(const Request& req) {
  if (req.method != "GET" && req.method != "HEAD") return problem(405, "http.method_not_allowed", "only GET here");
  if (!cfg_.metrics_token.empty()) {
    auto authz = req.header("authorization");
    if (authz.rfind("Bearer ", 0) != 0 || !service::constant_time_equal(authz.substr(7), cfg_.metrics_token))
      return problem(401, "metrics.token_required", "send the metrics token as a bearer token");
  } else if (!is_loopback(req.remote) || !req.header("x-forwarded-for").empty()) {
    return problem(403, "metrics.forbidden", "metrics are served to this machine only, or with --metrics-token");
  }
  Response res;
  res.content_type = "text/plain; version=0.0.4";
  res.body = metrics_.render(std::string(db_.backend_name()));
  res.headers.push_back({"Cache-Control", "no-store"});
  return res;
}

Response Api::handle(Request& req) {
  auto started = std::chrono::steady_clock::now();
  Response res;
  try {
    if (req.path.rfind("/api/", 0) == 0) {
      auto m = router_.match(req);
      if (m.route) {
        res = m.route->handler(req);
        res.route = m.route->pattern;
      } else if (m.path_matched) {
        std::string allow;
        for (auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
        res = problem(405, "http.method_not_allowed", req.method + " is not allowed here; use " + allow);
        res.headers.push_back({"Allow", allow});
      } else {
        res = problem(404, "http.not_found", "no API route matches this path");
      }
    } else if (req.path == "/metrics") {
      res = serve_metrics(req);
      res.route = "/metrics";
    } else {
      res = serve_static(req);
      res.route = "static";
    }
  } catch (const store::DbError& e) {
    res.route = route_of(req);
    if (e.kind == store::DbError::Kind::unique) {
      // Two writers raced past the service's own duplicate check; the database kept the first.
      res = problem(409, duplicate_code(res.route),
                    (e.column.empty() ? std::string("this record") : e.column) +
                        " was stored by another request at the same moment; reload and retry",
                    e.column);
    } else {
      spdlog::error("{}", json{{"event", "db_error"}, {"route", res.route}, {"what", e.what()}}.dump(
                              -1, ' ', false, json::error_handler_t::replace));
      res = e.kind == store::DbError::Kind::busy || e.kind == store::DbError::Kind::connection
                ? problem(503, "server.db_unavailable", "the database is busy or unreachable; try again")
                : problem(500, "server.internal", "an unexpected database error occurred");
    }
    res.route = route_of(req);
  } catch (const std::exception& e) {
    res.route = route_of(req);
    spdlog::error("{}", json{{"event", "exception"}, {"route", res.route}, {"what", e.what()}}.dump(
                            -1, ' ', false, json::error_handler_t::replace));
    res = problem(500, "server.internal", "an unexpected error occurred");
    res.route = route_of(req);
  }
  add_security_headers(res);
  if (res.deferred) {
    // Metrics and the access log are written when the deferred answer is ready.
    auto inner = std::move(res.deferred);
    res.deferred = [this, inner = std::move(inner), started, method = req.method, route = res.route](
                       std::function<void(Response)> done) {
      inner([this, done = std::move(done), started, method, route](Response r) {
        r.route = route;
        add_security_headers(r);
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        metrics_.observe(route, method, r.status, secs);
        log_request(method, route, r.status, secs);
        done(std::move(r));
      });
    };
    return res;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.observe(res.route, req.method, res.status, secs);
  // Structured access log: route pattern and status only — no query strings, bodies or ids,
  // so no customer data reaches the log.
  log_request(req.method, res.route, res.status, secs);
  return res;
}

// Serves a file of the built web app, and index.html for the client router's paths. Only regular
// files whose resolved path lies inside the web root are served; admit() has already refused
// targets with encoded slashes, dot segments, NULs and doubled slashes.
Response Api::serve_static(const Request& req) {
  if (req.method != "GET" && req.method != "HEAD") return problem(405, "http.method_not_allowed", "only GET here");
  namespace fs = std::filesystem;
  if (cfg_.web_root.empty()) return problem(404, "http.not_found", "no web app is configured");
  if (suspicious_target(req.target.substr(0, req.target.find('?'))) || req.path.find("..") != std::string::npos ||
      req.path.find('\0') != std::string::npos || req.path.empty() || req.path[0] != '/')
    return problem(404, "http.not_found", "not found");
  std::error_code ec;
  fs::path root = fs::canonical(cfg_.web_root, ec);
  if (ec) return problem(404, "http.not_found", "the web app is not built (run make run)");
  bool is_asset = req.path.rfind("/assets/", 0) == 0;
  fs::path file = root / "index.html";
  if (req.path != "/") {
    fs::path wanted = fs::weakly_canonical(root / fs::path(req.path).relative_path(), ec);
    auto [rend, wend] = std::mismatch(root.begin(), root.end(), wanted.begin(), wanted.end());
    bool inside = !ec && rend == root.end() && wend != wanted.end();
    if (inside && fs::is_regular_file(wanted, ec))
      file = wanted;
    else if (is_asset || fs::path(req.path).has_extension())
      return problem(404, "http.not_found", "file not found");
    // otherwise: the SPA's own path, answered with index.html
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return problem(404, "http.not_found", "the web app is not built (run make run)");
  std::ostringstream ss;
  ss << in.rdbuf();
  Response r;
  r.content_type = content_type_for(file.extension().string());
  r.body = ss.str();
  r.headers.push_back({"Cache-Control", is_asset ? "public, max-age=31536000, immutable" : "no-cache"});
  return r;
}

void Api::register_routes() {
  auto& db = db_;
  auto throttle = cfg_.throttle;

  auto authed = make_authed(db);
  // ---- public ----
  router_.add("GET", "/api/v1/health", {"Liveness and storage backend", "system", "", "Health", 200, false},
              [&db](Request&) {
                db.acquire()->scalar("SELECT 1");
                return json_response({{"status", "ok"}, {"db", db.backend_name()}, {"version", SERVQ_VERSION}});
              });
  router_.add("GET", "/api/v1/openapi.json", {"This OpenAPI document", "system", "", "", 200, false},
              [this](Request&) {
                std::call_once(openapi_once_, [this] { openapi_text_ = openapi().dump(); });
                Response r;
                r.status = 200;
                r.body = openapi_text_;
                r.headers.push_back({"Cache-Control", "no-store"});
                return r;
              });

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

  // ---- resources following one convention ----
  using ListFn = Result<json> (*)(store::Database&, const Actor&, const ListQuery&);
  using GetFn = Result<json> (*)(store::Database&, const Actor&, int64_t);
  using CreateFn = Result<json> (*)(store::Database&, const Actor&, const json&);
  using UpdateFn = Result<json> (*)(store::Database&, const Actor&, int64_t, const json&);
  struct Resource {
    const char* path;
    const char* schema;
    const char* resource;  // error code prefix for not_found
    const char* tag;
    ListFn list;
    GetFn get;
    CreateFn create;
    UpdateFn update;
    std::vector<std::string> filters;
  };
  const std::vector<Resource> resources = {
      {"units", "Unit", "unit", "organisation", service::list_units, service::get_unit, service::create_unit,
       service::update_unit, {"tree"}},
      {"staff", "Staff", "staff", "organisation", service::list_staff, service::get_staff, service::create_staff,
       service::update_staff, {"unit", "active"}},
      {"customers", "Customer", "customer", "customers", service::list_customers, service::get_customer,
       service::create_customer, service::update_customer, {"category"}},
      {"encounters", "Encounter", "encounter", "customers", service::list_encounters, service::get_encounter,
       service::create_encounter, service::update_encounter, {"unit", "staff", "customer", "from", "to"}},
      {"users", "User", "user", "accounts", service::list_users, service::get_user, service::create_user,
       service::update_user, {"role"}},
      {"api-tokens", "ApiToken", "api_token", "accounts", service::list_tokens, service::get_token,
       service::create_token, nullptr, {}},
      {"audit", "AuditEntry", "audit", "audit", service::list_audit, service::get_audit, nullptr, nullptr,
       {"entity", "entity_id", "actor", "action", "from", "to"}},
  };
  // Before the resource routes: "/customers/duplicates" is not "/customers/{id}".
  router_.add("GET", "/api/v1/customers/duplicates",
              {"Customers who are one person: old phone forms that read as another's number, and unreadable phones",
               "customers", "", "CustomerDuplicates"},
              authed([&db](Request&, const Actor& a) { return from_result(service::customer_duplicates(db, a)); }));
  router_.add("POST", "/api/v1/customers/{id}/merge",
              {"Merge a duplicate into this customer (references moved, duplicate deleted, audited)", "customers",
               "CustomerMergeInput", "CustomerMerge"},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "customer");
                if (!id) return from_error(id.error());
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                return from_result(service::merge_customers(db, a, *id, *body));
              }));
  for (const auto& res : resources) {
    std::string base = std::string("/api/v1/") + res.path;
    std::vector<std::string> q = {"q", "page", "page_size"};
    q.insert(q.end(), res.filters.begin(), res.filters.end());
    router_.add("GET", base, {std::string("List ") + res.path, res.tag, "", std::string("Page<") + res.schema + ">", 200, true, q},
                authed([&db, fn = res.list](Request& req, const Actor& a) {
                  auto q = list_query(req);
                  if (!q) return from_error(q.error());
                  return from_result(fn(db, a, *q));
                }));
    router_.add("GET", base + "/{id}", {std::string("Get one of ") + res.path, res.tag, "", res.schema},
                authed([&db, fn = res.get, name = std::string(res.resource)](Request& req, const Actor& a) {
                  auto id = path_id(req, name);
                  if (!id) return from_error(id.error());
                  return from_result(fn(db, a, *id));
                }));
    if (res.create)
      router_.add("POST", base, {std::string("Create in ") + res.path, res.tag, std::string(res.schema) + "Input", res.schema, 201},
                  authed([&db, fn = res.create](Request& req, const Actor& a) {
                    auto body = json_body(req);
                    if (!body) return from_error(body.error());
                    return from_result(fn(db, a, *body), 201);
                  }));
    if (res.update)
      router_.add("PATCH", base + "/{id}", {std::string("Change one of ") + res.path, res.tag, std::string(res.schema) + "Input", res.schema},
                  authed([&db, fn = res.update, name = std::string(res.resource)](Request& req, const Actor& a) {
                    auto id = path_id(req, name);
                    if (!id) return from_error(id.error());
                    auto body = json_body(req);
                    if (!body) return from_error(body.error());
                    return from_result(fn(db, a, *id, *body));
                  }));
  }
  // ---- feedback (F1–F4, F6) ----
  const std::vector<std::string> feedback_filters = {"q", "page", "page_size", "status", "kind", "channel", "category",
                                                     "severity", "unit", "staff", "from", "to", "overdue", "mine", "sort"};
  router_.add("GET", "/api/v1/feedback/counts",
              {"Feedback counts by channel, kind, category, severity, status, unit or month", "feedback", "", "FeedbackCounts",
               200, true, {"by", "status", "kind", "channel", "category", "severity", "unit", "staff", "from", "to", "q"}},
              authed([&db](Request& req, const Actor& a) {
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                return from_result(service::feedback_counts(db, a, *q));
              }));
  router_.add("GET", "/api/v1/feedback/measures",
              {"Complaint-handling measures per unit, staff or month (on-time rate, first response, callbacks)", "feedback",
               "", "FeedbackMeasures", 200, true, {"group", "unit", "staff", "from", "to"}},
              authed([&db](Request& req, const Actor& a) {
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                return from_result(service::feedback_measures(db, a, *q));
              }));
  router_.add("GET", "/api/v1/feedback/export",
              {"The filtered feedback list as CSV or XLSX", "feedback", "", "", 200, true,
               [&] { auto f = feedback_filters; f.push_back("format"); return f; }()},
              authed([&db](Request& req, const Actor& a) {
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                std::string format = q->get("format").empty() ? "csv" : q->get("format");
                if (format != "csv" && format != "xlsx")
                  return problem(422, "feedback.format_invalid", "format must be csv or xlsx", "format");
                auto rows = service::export_feedback_rows(db, a, *q, 200000);
                if (!rows) return from_error(rows.error());
                report::Table t;
                t.sheet_name = "feedback";
                t.header = {"reference", "received_at", "channel", "kind", "status", "category", "severity", "unit",
                            "staff", "customer_name", "customer_phone", "content", "receiver", "resolution",
                            "acknowledged_at", "resolved_at", "closed_at", "overdue"};
                auto s = [](const json& v) -> report::Cell {
                  if (v.is_null()) return std::monostate{};
                  if (v.is_string()) return v.get<std::string>();
                  if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
                  if (v.is_number()) return v.get<double>();
                  return v.dump();
                };
                for (const auto& r : *rows)
                  t.rows.push_back({s(r["reference"]), s(r["received_at"]), s(r["channel"]), s(r["kind"]), s(r["status"]),
                                    s(r["category"]), s(r["severity"]), s(r["unit"]), s(r["staff"]),
                                    s(r["customer"]["name"]), s(r["customer"]["phone"]), s(r["content"]), s(r["receiver"]),
                                    s(r["resolution"]), s(r["acknowledged_at"]), s(r["resolved_at"]), s(r["closed_at"]),
                                    s(r["overdue"])});
                Response res;
                if (format == "csv") {
                  res.content_type = "text/csv; charset=utf-8";
                  res.body = report::to_csv(t);
                } else {
                  res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                  res.body = report::to_xlsx(t);
                }
                res.headers.push_back({"Content-Disposition", "attachment; filename=\"feedback." + format + "\""});
                res.headers.push_back({"Cache-Control", "no-store"});
                return res;
              }));
  router_.add("GET", "/api/v1/feedback", {"List and search feedback", "feedback", "", "Page<Feedback>", 200, true, feedback_filters},
              authed([&db](Request& req, const Actor& a) {
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                return from_result(service::list_feedback(db, a, *q));
              }));
  router_.add("POST", "/api/v1/feedback", {"Log feedback", "feedback", "FeedbackInput", "Feedback", 201},
              authed([&db](Request& req, const Actor& a) {
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                return from_result(service::create_feedback(db, a, *body), 201);
              }));
  router_.add("GET", "/api/v1/feedback/{id}", {"One case with its timeline and notifications", "feedback", "", "Feedback"},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "feedback");
                if (!id) return from_error(id.error());
                return from_result(service::get_feedback(db, a, *id));
              }));
  router_.add("POST", "/api/v1/feedback/{id}/transitions",
              {"Move a case through the workflow (F2)", "feedback", "TransitionInput", "Feedback"},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "feedback");
                if (!id) return from_error(id.error());
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                return from_result(service::transition_feedback(db, a, *id, *body));
              }));
  router_.add("POST", "/api/v1/feedback/{id}/notifications",
              {"Record what the customer was told (F6)", "feedback", "NotificationInput", "Notification", 201},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "feedback");
                if (!id) return from_error(id.error());
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                return from_result(service::add_feedback_notification(db, a, *id, *body), 201);
              }));
  router_.add("GET", "/api/v1/sla-policies", {"Service-level deadlines per kind and severity (F3)", "feedback", "", "SlaPolicies"},
              authed([&db](Request&, const Actor& a) { return from_result(service::get_sla_policies(db, a)); }));
  router_.add("PUT", "/api/v1/sla-policies", {"Replace service-level deadlines", "feedback", "SlaPolicies", "SlaPolicies"},
              authed([&db](Request& req, const Actor& a) {
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                return from_result(service::put_sla_policies(db, a, *body));
              }));
  router_.add("GET", "/api/v1/settings", {"The organisation's settings: time zone and phone region", "settings", "", "OrgSettings"},
              authed([&db](Request&, const Actor& a) { return from_result(service::get_org_settings(db, a)); }));
  router_.add("PUT", "/api/v1/settings", {"Change the organisation's settings (admin)", "settings", "OrgSettingsInput", "OrgSettings"},
              authed([&db](Request& req, const Actor& a) {
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                return from_result(service::put_org_settings(db, a, *body));
              }));

  router_.add("DELETE", "/api/v1/api-tokens/{id}", {"Revoke an API token", "accounts", "", "", 204},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "api_token");
                if (!id) return from_error(id.error());
                auto r = service::revoke_token(db, a, *id);
                return r ? no_content() : from_error(r.error());
              }));
  router_.add("GET", "/api/v1/overview", {"Counts and trends within the caller's scope", "organisation", "", "Overview"},
              authed([&db](Request&, const Actor& a) { return from_result(service::overview(db, a)); }));

  // ---- imports ----
  for (std::string kind : {"customers", "encounters", "feedback"}) {
    RouteDoc doc{"Import " + kind + " from CSV (all or nothing)", "imports", "CsvFile", "ImportReport", 200, true,
                 {"dry_run", "encoding", "date_order"}, "text/csv"};
    router_.add("POST", "/api/v1/imports/" + kind, doc, authed([&db, kind](Request& req, const Actor& a) {
                  bool dry = req.query.count("dry_run") && (req.query.at("dry_run") == "1" || req.query.at("dry_run") == "true");
                  auto opts = import_options(req);
                  if (!opts) return options_problem(opts.error());
                  auto r = kind == "customers"    ? service::import_customers(db, a, req.body_view(), dry, {}, *opts)
                           : kind == "encounters" ? service::import_encounters(db, a, req.body_view(), dry, {}, *opts)
                                                  : service::import_feedback(db, a, req.body_view(), dry, {}, *opts);
                  return import_response(r);
                }));
  }
}

}  // namespace servq::http

// ---- surveys (S1–S5, F5) ----
namespace servq::http {

void Api::register_survey_routes() {
  auto& db = db_;
  auto authed = make_authed(db);
  const std::vector<std::string> slice = {"from", "to", "unit", "staff", "category", "channel", "campaign"};
  auto with = [&](std::vector<std::string> extra) {
    auto v = slice;
    v.insert(v.end(), extra.begin(), extra.end());
    return v;
  };

  router_.add("GET", "/api/v1/survey-templates", {"Questionnaire templates (SERVQUAL, after-service letter, kiosk)", "surveys", "", "SurveyTemplates"},
              authed([](Request&, const Actor&) { return json_response(service::survey_templates()); }));
  router_.add("GET", "/api/v1/surveys", {"List questionnaires", "surveys", "", "Page<Survey>", 200, true, {"q", "page", "page_size", "status"}},
              authed([&db](Request& req, const Actor& a) {
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                return from_result(service::list_surveys(db, a, *q));
              }));
  router_.add("POST", "/api/v1/surveys", {"Upload a questionnaire (SurveyJS JSON)", "surveys", "SurveyInput", "Survey", 201},
              authed([&db](Request& req, const Actor& a) {
                auto body = json_body(req, jsonin::kMaxDefinitionDepth);
                if (!body) return from_error(body.error());
                return from_result(service::create_survey(db, a, *body), 201);
              }));
  router_.add("GET", "/api/v1/surveys/{id}", {"One questionnaire with its definition and scored items", "surveys", "", "Survey"},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "survey");
                if (!id) return from_error(id.error());
                return from_result(service::get_survey(db, a, *id));
              }));
  router_.add("PUT", "/api/v1/surveys/{id}",
              {"Replace a questionnaire without responses, or make a new version (201) of one with responses", "surveys",
               "SurveyInput", "Survey"},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "survey");
                if (!id) return from_error(id.error());
                auto body = json_body(req, jsonin::kMaxDefinitionDepth);
                if (!body) return from_error(body.error());
                auto r = service::update_survey(db, a, *id, *body);
                if (!r) return from_error(r.error());
                return json_response(r->survey, r->created ? 201 : 200);
              }));
  router_.add("GET", "/api/v1/surveys/{id}/analysis",
              {"Satisfaction analysis of a slice: CSAT, NPS, questions, reliability, drivers, IPA, trend, comparison", "surveys",
               "", "SurveyAnalysis", 200, true, with({"compare_from", "compare_to", "min_group"})},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "survey");
                if (!id) return from_error(id.error());
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                return from_result(service::analyze_survey(db, a, *id, *q));
              }));
  router_.add("GET", "/api/v1/surveys/{id}/ranking", {"Units or staff ranked by CSAT", "surveys", "", "SurveyRanking", 200, true, with({"by", "min_group"})},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "survey");
                if (!id) return from_error(id.error());
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                return from_result(service::survey_ranking(db, a, *id, *q));
              }));
  router_.add("GET", "/api/v1/surveys/{id}/responses", {"Responses of a questionnaire", "surveys", "", "Page<SurveyResponse>", 200, true, with({"page", "page_size"})},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "survey");
                if (!id) return from_error(id.error());
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                return from_result(service::list_responses(db, a, *id, *q));
              }));
  router_.add("POST", "/api/v1/surveys/{id}/responses", {"Type in a paper form", "surveys", "PaperResponseInput", "ResponseAck", 201},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "survey");
                if (!id) return from_error(id.error());
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                return from_result(service::create_paper_response(db, a, *id, *body), 201);
              }));
  router_.add("GET", "/api/v1/surveys/{id}/comments", {"Verbatim comments, searchable", "surveys", "", "Page<SurveyComment>", 200, true, with({"q", "page", "page_size"})},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "survey");
                if (!id) return from_error(id.error());
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                return from_result(service::list_comments(db, a, *id, *q));
              }));

  // campaigns
  router_.add("GET", "/api/v1/campaigns", {"List campaigns", "surveys", "", "Page<Campaign>", 200, true, {"q", "page", "page_size", "survey", "status"}},
              authed([&db](Request& req, const Actor& a) {
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                return from_result(service::list_campaigns(db, a, *q));
              }));
  router_.add("POST", "/api/v1/campaigns", {"Create a campaign", "surveys", "CampaignInput", "Campaign", 201},
              authed([&db](Request& req, const Actor& a) {
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                return from_result(service::create_campaign(db, a, *body), 201);
              }));
  router_.add("GET", "/api/v1/campaigns/{id}", {"One campaign with counts and response rate", "surveys", "", "Campaign"},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "campaign");
                if (!id) return from_error(id.error());
                return from_result(service::get_campaign(db, a, *id));
              }));
  router_.add("PATCH", "/api/v1/campaigns/{id}", {"Change a campaign", "surveys", "CampaignInput", "Campaign"},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "campaign");
                if (!id) return from_error(id.error());
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                return from_result(service::update_campaign(db, a, *id, *body));
              }));
  router_.add("POST", "/api/v1/campaigns/{id}/invitations", {"Create the personal links of the campaign's segment", "surveys", "", "InvitationResult"},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "campaign");
                if (!id) return from_error(id.error());
                return from_result(service::create_invitations(db, a, *id));
              }));
  router_.add("GET", "/api/v1/campaigns/{id}/invitations", {"Personal links of a campaign", "surveys", "", "Page<Invitation>", 200, true, {"page", "page_size", "used", "unit"}},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "campaign");
                if (!id) return from_error(id.error());
                auto q = list_query(req);
                if (!q) return from_error(q.error());
                return from_result(service::list_invitations(db, a, *id, *q));
              }));
  router_.add("GET", "/api/v1/campaigns/{id}/invitations/export", {"Personal links as CSV for a mail-merge or SMS gateway", "surveys", "", ""},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "campaign");
                if (!id) return from_error(id.error());
                auto rows = service::export_invitations(db, a, *id);
                if (!rows) return from_error(rows.error());
                report::Table t;
                t.sheet_name = "links";
                t.header = {"token", "url", "customer_name", "customer_phone", "unit", "staff", "encounter_at", "used_at"};
                auto s = [](const json& v) -> report::Cell {
                  if (v.is_string()) return v.get<std::string>();
                  return std::monostate{};
                };
                for (const auto& r : *rows) {
                  json cu = r["customer"].is_object() ? r["customer"] : json::object();
                  t.rows.push_back({s(r["token"]), s(r["url"]), s(cu.value("name", json(nullptr))), s(cu.value("phone", json(nullptr))),
                                    s(r["unit"]), s(r["staff"]), s(r["encounter_at"]), s(r["used_at"])});
                }
                Response res;
                res.content_type = "text/csv; charset=utf-8";
                res.body = report::to_csv(t);
                res.headers.push_back({"Content-Disposition", "attachment; filename=\"campaign-" + std::to_string(*id) + "-links.csv\""});
                res.headers.push_back({"Cache-Control", "no-store"});
                return res;
              }));
  router_.add("GET", "/api/v1/campaigns/{id}/kiosks", {"Kiosk codes of a campaign", "surveys", "", "KioskList"},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "campaign");
                if (!id) return from_error(id.error());
                return from_result(service::list_kiosks(db, a, *id));
              }));
  router_.add("POST", "/api/v1/campaigns/{id}/kiosks", {"Create a kiosk code for a unit", "surveys", "KioskInput", "Kiosk", 201},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "campaign");
                if (!id) return from_error(id.error());
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                return from_result(service::create_kiosk(db, a, *id, *body), 201);
              }));
  router_.add("GET", "/api/v1/campaigns/{id}/rates", {"Response rate per unit or customer category", "surveys", "", "ResponseRates", 200, true, {"by"}},
              authed([&db](Request& req, const Actor& a) {
                auto id = path_id(req, "campaign");
                if (!id) return from_error(id.error());
                std::string by = req.query.count("by") ? req.query.at("by") : "unit";
                return from_result(service::campaign_rates(db, a, *id, by));
              }));
  router_.add("GET", "/api/v1/qr.svg", {"A QR code (SVG) of the given text, for kiosk links and letters", "surveys", "", "", 200, true, {"data"}},
              authed([](Request& req, const Actor&) {
                std::string data = req.query.count("data") ? req.query.at("data") : "";
                if (data.empty() || data.size() > 1000)
                  return problem(422, "qr.data_invalid", "data must hold 1 to 1000 bytes", "data");
                auto svg = report::qr_svg(data);
                if (!svg) return problem(422, "qr.data_invalid", "this text does not fit a QR code", "data");
                Response r;
                r.content_type = "image/svg+xml";
                r.body = *svg;
                r.headers.push_back({"Cache-Control", "private, max-age=3600"});
                return r;
              }));

  // public respondent API: no login
  for (std::string kind : {"token", "kiosk"}) {
    std::string param = kind == "token" ? "{token}" : "{code}";
    router_.add("GET", "/api/v1/public/surveys/" + kind + "/" + param,
                {"The questionnaire behind a personal link or kiosk code (no login)", "public", "", "PublicSurvey", 200, false},
                [&db, kind](Request& req) {
                  auto key = req.params.count("token") ? req.params.at("token") : req.params.count("code") ? req.params.at("code") : "";
                  return from_result(service::public_survey(db, kind, key));
                });
  }
  router_.add("POST", "/api/v1/public/responses",
              {"Submit a response (no login); 201 only once it is committed", "public", "PublicResponseInput", "ResponseAck", 201, false},
              [this](Request& req) {
                auto body = json_body(req);
                if (!body) return from_error(body.error());
                if (body->contains("kiosk") && !kiosk_allowed(req.remote)) {
                  auto r = problem(429, "survey.rate_limited", "too many answers from this device; wait a minute and send again");
                  r.headers.push_back({"Retry-After", "60"});
                  return r;
                }
                auto submission = service::read_public_submission(*body);
                if (!submission) return from_error(submission.error());
                Response deferred;
                auto pending = std::make_shared<service::PublicSubmission>(std::move(*submission));
                deferred.deferred = [this, pending](std::function<void(Response)> done) {
                  // Runs on the intake writer's thread for every response of a batch: kept small.
                  intake_->submit(std::move(*pending), [done = std::move(done)](service::IntakeResult r) {
                    if (r.status == 201 || r.status == 200) {
                      Response ok;
                      ok.status = r.status;
                      ok.body = "{\"id\":" + std::to_string(r.id) + "}";
                      ok.headers.push_back({"Cache-Control", "no-store"});
                      done(std::move(ok));
                    } else {
                      done(from_error(r.error));
                    }
                  });
                };
                return deferred;
              });

  // paper forms from CSV
  router_.add("POST", "/api/v1/imports/responses",
              {"Import paper survey forms from CSV (all or nothing)", "imports", "CsvFile", "ImportReport", 200, true,
               {"survey", "dry_run", "encoding", "date_order"}, "text/csv"},
              authed([&db](Request& req, const Actor& a) {
                int64_t survey = 0;
                try {
                  survey = std::stoll(req.query.count("survey") ? req.query.at("survey") : "");
                } catch (...) {
                  return problem(422, "import.survey_required", "give the questionnaire's id as ?survey=ID", "survey");
                }
                bool dry = req.query.count("dry_run") && (req.query.at("dry_run") == "1" || req.query.at("dry_run") == "true");
                auto opts = import_options(req);
                if (!opts) return options_problem(opts.error());
                return import_response(service::import_responses(db, a, survey, req.body_view(), dry, {}, *opts));
              }));
}

}  // namespace servq::http
