// Method + path-pattern routing ("/api/v1/units/{id}"). A path that matches with another method
// is a 405, one that matches nothing a 404. The route table also feeds the OpenAPI document.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace servq::http {

struct RouteDoc {
  std::string summary;
  std::string tag;
  std::string request_schema;   // component name or empty
  std::string response_schema;  // component name, "Page<Unit>" for lists, or empty (204)
  int success_status = 200;
  bool auth = true;
  std::vector<std::string> query;  // documented query parameters
  std::string request_content_type = "application/json";
};

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;
  RouteDoc doc;
  std::function<Response(Request&)> handler;
};

class Router {
 public:
  void add(const std::string& method, const std::string& pattern, RouteDoc doc,
           std::function<Response(Request&)> handler);
  struct Match {
    const Route* route = nullptr;
    bool path_matched = false;  // some route has this path, with another method
    std::vector<std::string> allowed;
  };
  Match match(Request& req) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace servq::http
