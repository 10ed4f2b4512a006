// The HTTP server: Boost.Beast over Asio with keep-alive, read timeouts, body-size limits and a
// graceful stop on SIGINT/SIGTERM (stop accepting, finish requests in flight, then exit).
#pragma once
#include <cstddef>
#include <functional>
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
};

using Handler = std::function<Response(Request&)>;

// Runs until SIGINT/SIGTERM. Prints "servq listening on http://ADDR:PORT" once bound.
int run_server(const ServerConfig& cfg, Handler handler);

}  // namespace servq::http
