// Load generator for bench/intake.sh: N keep-alive connections to the public intake endpoint,
// each sending the next 22-item SERVQUAL response as soon as the previous one is answered
// (closed loop, like wrk), every response with its own personal-link token. One thread and
// epoll, the requests formatted before the clock starts, so that on a 2-core machine the
// generator takes as little as possible of the CPU the server is measured on (wrk with a Lua
// script costs about three times as much per request here; bench/intake.sh runs both).
//
//   servq-intake-load --url http://127.0.0.1:PORT --tokens FILE [--connections 64]
//                     [--seconds 10] [--seed 1]
//
// Prints requests/s over the measured interval, latency percentiles (every request's latency
// is kept and sorted: no histogram buckets), and the count per HTTP status.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "servq-intake-load: %s\n", what.c_str());
  std::exit(2);
}

// A realistic mix, as bench/lib/intake.lua: about one response in ten is a detractor and opens
// a feedback case (F5).
std::string answers(std::mt19937& rng) {
  static const std::vector<std::pair<const char*, std::vector<const char*>>> rows = {
      {"tangibles", {"T1", "T2", "T3", "T4"}},
      {"reliability", {"RL1", "RL2", "RL3", "RL4", "RL5"}},
      {"responsiveness", {"RS1", "RS2", "RS3", "RS4"}},
      {"assurance", {"A1", "A2", "A3", "A4"}},
      {"empathy", {"E1", "E2", "E3", "E4", "E5"}},
  };
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_int_distribution<int> jitter(-1, 1);
  double r = u(rng);
  int mood = r < 0.04 ? 2 : r < 0.18 ? 3 : r < 0.6 ? 4 : 5;
  std::string s = "{";
  for (const auto& [matrix, items] : rows) {
    s += '"';  // appended piecewise: GCC 12 warns (-Wrestrict, a false positive) on "\"" + string
    s += matrix;
    s += "\":{";
    for (size_t i = 0; i < items.size(); ++i) {
      int v = std::clamp(mood + jitter(rng), 1, 5);
      s += (i ? ",\"" : "\"") + std::string(items[i]) + "\":" + std::to_string(v);
    }
    s += "},";
  }
  int nps = std::clamp(mood * 2 + jitter(rng), 0, 10);
  s += "\"overall\":" + std::to_string(mood) + ",\"nps\":" + std::to_string(nps) + "}";
  return s;
}

struct Conn {
  int fd = -1;
  std::string out;  // the request being sent
  size_t sent = 0;
  std::string in;  // the response being read
  Clock::time_point started;
  bool busy = false;
};

// Returns the length of a complete response at the start of `in` (0: not complete yet) and its
// status.
size_t complete(const std::string& in, int& status) {
  size_t head = in.find("\r\n\r\n");
  if (head == std::string::npos) return 0;
  if (in.size() < 12) return 0;
  status = std::atoi(in.c_str() + 9);
  size_t len = 0;
  // Header names are case-insensitive; Beast writes "Content-Length".
  for (size_t p = 0; p < head;) {
    size_t e = in.find("\r\n", p);
    if (e == std::string::npos || e > head) e = head;
    if (e - p > 15 && strncasecmp(in.c_str() + p, "content-length:", 15) == 0) len = std::strtoul(in.c_str() + p + 15, nullptr, 10);
    p = e + 2;
  }
  if (in.size() < head + 4 + len) return 0;
  return head + 4 + len;
}

}  // namespace

int main(int argc, char** argv) {
  std::string url, tokens_file;
  int connections = 64;
  double seconds = 10;
  unsigned seed = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value for " + a);
      return argv[++i];
    };
    if (a == "--url") url = next();
    else if (a == "--tokens") tokens_file = next();
    else if (a == "--connections") connections = std::stoi(next());
    else if (a == "--seconds") seconds = std::stod(next());
    else if (a == "--seed") seed = static_cast<unsigned>(std::stoul(next()));
    else die("unknown option " + a);
  }
  if (url.rfind("http://", 0) != 0) die("--url http://HOST:PORT is required");
  std::string hostport = url.substr(7);
  if (auto slash = hostport.find('/'); slash != std::string::npos) hostport.resize(slash);
  auto colon = hostport.rfind(':');
  if (colon == std::string::npos) die("--url needs a port");
  std::string host = hostport.substr(0, colon);
  int port = std::stoi(hostport.substr(colon + 1));

  std::vector<std::string> tokens;
  {
    std::ifstream f(tokens_file);
    if (!f) die("cannot read --tokens " + tokens_file);
    for (std::string line; std::getline(f, line);)
      if (!line.empty()) tokens.push_back(line);
  }
  // Every request formatted in advance: the clock measures the server, not string building.
  std::mt19937 rng(seed);
  std::vector<std::string> bodies(1024);
  for (auto& b : bodies) b = answers(rng);
  std::vector<std::string> requests;
  requests.reserve(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string body = "{\"token\":\"" + tokens[i] + "\",\"lang\":\"vi\",\"answers\":" + bodies[i % bodies.size()] + "}";
    requests.push_back("POST /api/v1/public/responses HTTP/1.1\r\nHost: " + hostport +
                       "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }

  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) die("--url host must be an IPv4 address");
  int ep = epoll_create1(EPOLL_CLOEXEC);
  std::vector<Conn> conns(static_cast<size_t>(connections));
  for (size_t i = 0; i < conns.size(); ++i) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("cannot connect to " + url + ": " + std::strerror(errno));
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    conns[i].fd = fd;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  }

  size_t next_request = 0;
  std::vector<double> latencies;  // ms
  latencies.reserve(tokens.size());
  std::map<int, long> statuses;
  long errors = 0;
  auto t0 = Clock::now();
  auto deadline = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));

  auto send_more = [&](Conn& c) -> bool {  // false: the connection failed
    while (c.sent < c.out.size()) {
      ssize_t n = ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
      if (n > 0) {
        c.sent += static_cast<size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT;
        ev.data.u64 = static_cast<uint64_t>(&c - conns.data());
        epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
        return true;
      } else {
        return false;
      }
    }
    return true;
  };
  auto start = [&](Conn& c) {
    if (Clock::now() >= deadline || next_request >= requests.size()) {
      c.busy = false;
      return;
    }
    c.out = requests[next_request++];
    c.sent = 0;
    c.started = Clock::now();
    c.busy = true;
    if (!send_more(c)) {
      ++errors;
      c.busy = false;
    }
  };
  for (auto& c : conns) start(c);

  std::vector<epoll_event> events(conns.size());
  char buf[16384];
  for (;;) {
    bool any = false;
    for (auto& c : conns) any = any || c.busy;
    if (!any) break;
    int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 1000);
    for (int k = 0; k < n; ++k) {
      Conn& c = conns[events[static_cast<size_t>(k)].data.u64];
      if (events[static_cast<size_t>(k)].events & EPOLLOUT) {
        if (!send_more(c)) {
          ++errors;
          c.busy = false;
          continue;
        }
        if (c.sent == c.out.size()) {
          epoll_event ev{};
          ev.events = EPOLLIN;
          ev.data.u64 = events[static_cast<size_t>(k)].data.u64;
          epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
        }
      }
      if (!(events[static_cast<size_t>(k)].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
      for (;;) {
        ssize_t r = ::recv(c.fd, buf, sizeof buf, 0);
        if (r > 0) {
          c.in.append(buf, static_cast<size_t>(r));
          continue;
        }
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (c.busy) ++errors;  // closed or failed in the middle of a request
        c.busy = false;
        epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
        break;
      }
      int status = 0;
      if (size_t len = c.busy ? complete(c.in, status) : 0) {
        auto now = Clock::now();
        latencies.push_back(std::chrono::duration<double, std::milli>(now - c.started).count());
        ++statuses[status];
        c.in.erase(0, len);
        start(c);
      }
    }
  }
  double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    if (latencies.empty()) return 0.0;
    size_t i = static_cast<size_t>(p / 100 * static_cast<double>(latencies.size() - 1) + 0.5);
    return latencies[std::min(i, latencies.size() - 1)];
  };
  long non2xx = 0;
  for (auto& [s, count] : statuses)
    if (s < 200 || s > 299) non2xx += count;
  std::printf("requests %zu in %.2fs\n", latencies.size(), elapsed);
  std::printf("Requests/sec: %.2f\n", static_cast<double>(latencies.size()) / elapsed);
  std::printf("latency ms: p50 %.2f p90 %.2f p99 %.2f max %.2f\n", pct(50), pct(90), pct(99), latencies.empty() ? 0.0 : latencies.back());
  std::printf("statuses:");
  for (auto& [s, count] : statuses) std::printf(" %d=%ld", s, count);
  std::printf("\nnon-2xx %ld, connection errors %ld\n", non2xx, errors);
  if (next_request >= requests.size()) std::printf("warning: the tokens ran out before the time did\n");
  return errors > 0 ? 1 : 0;
}
