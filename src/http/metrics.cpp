#include "http/metrics.h"

#include <sstream>

#include "servq_version.h"

namespace servq::http {

void Metrics::observe(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(m_);
  ++requests_[{route, method, status}];
  auto& h = latency_[route];
  size_t i = 0;
  while (i < std::size(kBuckets) && seconds > kBuckets[i]) ++i;
  ++h.counts[i];
  h.sum += seconds;
  ++h.n;
}

std::string Metrics::render(const std::string& db_backend) const {
  std::lock_guard lock(m_);
  std::ostringstream o;
  o << "# HELP servq_info Build and storage information.\n# TYPE servq_info gauge\n";
  o << "servq_info{version=\"" << SERVQ_VERSION << "\",db=\"" << db_backend << "\"} 1\n";
  o << "# HELP servq_http_requests_total HTTP requests by route pattern, method and status.\n";
  o << "# TYPE servq_http_requests_total counter\n";
  uint64_t errors = 0;
  for (const auto& [k, v] : requests_) {
    const auto& [route, method, status] = k;
    o << "servq_http_requests_total{route=\"" << route << "\",method=\"" << method << "\",status=\"" << status
      << "\"} " << v << "\n";
    if (status >= 500) errors += v;
  }
  o << "# HELP servq_http_server_errors_total Responses with a 5xx status.\n";
  o << "# TYPE servq_http_server_errors_total counter\nservq_http_server_errors_total " << errors << "\n";
  o << "# HELP servq_http_request_duration_seconds Time to handle a request.\n";
  o << "# TYPE servq_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    uint64_t cum = 0;
    for (size_t i = 0; i < std::size(kBuckets); ++i) {
      cum += h.counts[i];
      o << "servq_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << kBuckets[i] << "\"} "
        << cum << "\n";
    }
    cum += h.counts.back();
    o << "servq_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << cum << "\n";
    o << "servq_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << "\n";
    o << "servq_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.n << "\n";
  }
  return o.str();
}

}  // namespace servq::http
