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
#include "service/auth_service.h"
#include "service/survey_service.h"
#include "store/database.h"

namespace servq::http {

struct ApiConfig {
  std::string web_root;  // folder holding index.html; empty = API only
  service::ThrottlePolicy throttle;
  double kiosk_per_minute = 10;  // anonymous kiosk submissions per client address (0 = no limit)
  double kiosk_burst = 20;
  bool intake_per_response = false;  // one transaction per survey response (benchmark comparison)
};

class Api {
 public:
  Api(store::Database& db, ApiConfig cfg);
  ~Api();
  Response handle(Request& req);
  const Router& router() const { return router_; }
  nlohmann::json openapi() const;

 private:
  void register_routes();
  void register_survey_routes();
  bool kiosk_allowed(const std::string& remote);
  Response serve_static(const Request& req);
  std::string route_of(Request& req) const;
  store::Database& db_;
  ApiConfig cfg_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<service::IntakeWriter> intake_;
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
