// The servq HTTP application: the JSON API under /api/v1 (authentication, CSRF, role checks via
// service/), /metrics, the OpenAPI document, and the built web app with SPA fallback.
#pragma once
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "service/auth_service.h"
#include "service/survey/intake_writer.h"
#include "store/database.h"

namespace servq::http {

struct ApiConfig {
  std::string web_root;  // folder holding index.html; empty = API only
  service::ThrottlePolicy throttle;
  double kiosk_per_minute = 10;  // anonymous kiosk submissions per client address (0 = no limit)
  double kiosk_burst = 20;
  bool intake_per_response = false;  // one transaction per survey response (benchmark comparison)
  // Body limits, applied before the body is read (see Api::admit).
  size_t anonymous_body_limit = 16 * 1024;     // any request from a caller not signed in
  size_t public_body_limit = 64 * 1024;        // a survey response from a respondent
  size_t json_body_limit = 1024 * 1024;        // a JSON body from a signed-in user
  size_t survey_body_limit = 8 * 1024 * 1024;  // a questionnaire definition (may embed images)
  size_t upload_limit = 256 * 1024 * 1024;     // a CSV import
  std::string metrics_token;  // when set, /metrics answers only a bearer of it
  bool secure_cookies = false;  // mark the session cookie Secure even without X-Forwarded-Proto: https
};

class Api {
 public:
  Api(store::Database& db, ApiConfig cfg);
  ~Api();
  Response handle(Request& req);
  // The decision taken on the request line and headers alone, before the body is read: the
  // target is checked, the caller authenticated (kept in req.auth for handle), the origin,
  // CSRF token and content type checked, and the body limited per route.
  Admission admit(Request& req);
  const Router& router() const { return router_; }
  nlohmann::json openapi() const;

 private:
  void register_routes();
  bool kiosk_allowed(const std::string& remote);
  Response serve_static(const Request& req);
  Response serve_metrics(const Request& req);
  std::string route_of(Request& req) const;
  store::Database& db_;
  ApiConfig cfg_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<service::IntakeWriter> intake_;
  // GET /openapi.json: the document is made once (the routes do not change after start) and its
  // text served from then on; building it per request let one client keep a core busy.
  std::once_flag openapi_once_;
  std::string openapi_text_;
  std::mutex kiosk_mu_;
  struct Bucket {
    double tokens;
    double at;  // seconds, steady clock
  };
  std::map<std::string, Bucket> kiosk_buckets_;
};

// RFC 9457 problem response.
Response problem(int status, const std::string& code, const std::string& detail, const std::string& field = "",
                 const nlohmann::json& extra = nullptr);

}  // namespace servq::http
