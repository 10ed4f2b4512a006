// The HTTP request and response as the handlers see them, free of Boost.Beast so that handler
// files compile quickly and can be tested without a socket.
#pragma once
#include <any>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace servq::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw target, with query
  std::string path;    // percent-decoded path without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  // A body read into a temporary file (an import): its bytes mapped read-only, kept alive by
  // body_storage. Handlers that take large bodies read body_view(), which is either.
  std::shared_ptr<const void> body_storage;
  std::string_view body_mapped;
  std::string_view body_view() const { return body_storage ? body_mapped : std::string_view(body); }
  std::string remote;  // client address
  std::map<std::string, std::string> params;  // from the route pattern: {id}
  std::any auth;  // who the caller is, once the admission step has authenticated them

  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string cookie(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string route = "unmatched";  // route pattern, for metrics and logs (never the raw path)
  // Set by handlers that answer later (the survey intake answers once its batch is committed):
  // the server calls it with a completion that sends the final response; the connection waits.
  std::function<void(std::function<void(Response)>)> deferred;
};

std::string percent_decode(const std::string& s, bool plus_is_space);
std::map<std::string, std::string> parse_query(const std::string& q);

}  // namespace servq::http
