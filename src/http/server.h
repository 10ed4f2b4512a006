// The HTTP server: Boost.Beast over Asio with keep-alive, read timeouts, body-size limits and a
// graceful stop on SIGINT/SIGTERM (stop accepting, finish requests in flight, then exit).
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "http/message.h"

namespace servq::http {

struct ServerConfig {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port; the chosen one is printed
  int threads = 0;             // 0 = max(4, 2 × cores): handlers block on the database
  size_t body_limit = 8 * 1024 * 1024;          // JSON bodies
  size_t upload_limit = 256 * 1024 * 1024;      // CSV imports under /api/v1/imports/
  int read_timeout_seconds = 30;
  int drain_seconds = 10;  // how long requests in flight may finish after a stop signal
  std::string banner;      // printed on stdout right after the "listening" line
  std::string upload_dir;  // where bodies admitted `to_file` are written; empty = the system temp dir
};

using Handler = std::function<Response(Request&)>;

// What the application decides once the request's line and headers are read, before any of the
// body: either an answer now (401, 403, 404, 414, 415 ...; the connection is closed after it,
// since the body is left unread) or the most body bytes it will read for this request.
struct Admission {
  std::optional<Response> reject;
  size_t body_limit = 0;
  // Read the body into a temporary file (ServerConfig::upload_dir) instead of memory; the handler
  // sees it as Request::body_view(), mapped from the file (file-backed pages, not the heap).
  bool to_file = false;
};
using Admitter = std::function<Admission(Request&)>;

// Runs until SIGINT/SIGTERM. Prints "servq listening on http://ADDR:PORT" once bound. `admit`
// sees each request without its body (Request::body empty) and may keep what it learnt in the
// request (Request::auth) for `handler`, which gets the same request with its body.
int run_server(const ServerConfig& cfg, Handler handler, Admitter admit = {});

}  // namespace servq::http
