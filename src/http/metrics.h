// Prometheus metrics: request counts by route pattern, method and status; a latency histogram
// per route; error counts. Routes are patterns, never raw paths, so no identifiers leak.
#pragma once
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace servq::http {

class Metrics {
 public:
  void observe(const std::string& route, const std::string& method, int status, double seconds);
  std::string render(const std::string& db_backend) const;

 private:
  static constexpr double kBuckets[] = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  struct Histogram {
    std::vector<uint64_t> counts = std::vector<uint64_t>(std::size(kBuckets) + 1, 0);
    double sum = 0;
    uint64_t n = 0;
  };
  mutable std::mutex m_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace servq::http
