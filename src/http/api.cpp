#include "http/api.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/json_input.h"
#include "http/routes/route_kit.h"
#include "report/qr.h"
#include "report/table_export.h"
#include "service/feedback_service.h"
#include "service/settings/org_settings.h"
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

}  // namespace

Api::Api(store::Database& db, ApiConfig cfg) : db_(db), cfg_(std::move(cfg)) {
  intake_ = std::make_unique<service::IntakeWriter>(db_, cfg_.intake_per_response);
  register_routes();
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

// The system routes; every domain registers its own (http/routes/<domain>_routes.cpp).
void Api::register_routes() {
  auto& db = db_;
  router_.add("GET", "/api/v1/health", {"Liveness and storage backend", "system", "", "Health", 200, false},
              [&db](Request&) {
                db.acquire()->ping();
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

  RouteContext rc{db_, cfg_, router_, [this](const std::string& remote) { return kiosk_allowed(remote); },
                  intake_.get()};
  register_auth_routes(rc);
  register_org_routes(rc);
  register_feedback_routes(rc);
  register_settings_routes(rc);
  register_import_routes(rc);
  register_survey_routes(rc);
}

}  // namespace servq::http
