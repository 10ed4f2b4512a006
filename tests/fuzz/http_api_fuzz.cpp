// libFuzzer target for the whole JSON API through the real request handler (Api::handle, after
// Api::admit when the Api has one), on a scratch SQLite clinic with one session per role
// (api_fixture.h). Each input is one request, as text so that seeds are written by hand:
//
//   ROLE METHOD TARGET [CONTENT-TYPE]\n
//   BODY...
//
// ROLE: admin, head, auditor, staff; anything else is a caller without a session.
// METHOD: GET, POST, ... as is; or a number N, which picks the router's N-th route (modulo the
//   number of routes) with its own method, TARGET then being the value for the route's {id},
//   {token} or {code} followed by an optional ?query ("N 3?page=2").
// TARGET: a path with an optional query; "{id}" is replaced by 1, "{token}" and "{code}" by the
//   fixture's personal-link token and kiosk code. In BODY, {token} and {kiosk} are replaced too.
// CONTENT-TYPE: defaults to the route's documented request content type.
//
// The harness keeps its own sessions alive: logout and password changes are sent without a
// session, and a change to one of the harness's users is sent to a spare user instead.
// Invariants (api_fixture.h): nothing escapes handle(), statuses in 200..599, every refusal a
// problem with the answer's status and a code, no 500, a deferred answer (survey intake)
// completes within 20 s.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api_fixture.h"

namespace {

using servq::fuzz::Fixture;
using servq::fuzz::Session;

void replace_all(std::string& s, std::string_view from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

std::string next_word(std::string_view& line) {
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  size_t end = line.find(' ');
  std::string w(line.substr(0, end));
  line.remove_prefix(end == std::string_view::npos ? line.size() : end);
  return w;
}

// The route pattern with its placeholders filled by `value`.
std::string fill(const std::string& pattern, const std::string& value) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      size_t close = pattern.find('}', i);
      if (close != std::string::npos) {
        out += value;
        i = close;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Fixture::get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto& fx = Fixture::get();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string_view line = in.substr(0, nl);
  std::string body(nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1));
  std::string role = next_word(line), method = next_word(line), target = next_word(line), ctype = next_word(line);
  if (method.empty() || method.size() > 16) return 0;

  const auto& routes = fx.api->router().routes();
  std::string pattern;
  if (method.find_first_not_of("0123456789") == std::string::npos) {
    const auto& r = routes[std::strtoull(method.substr(0, 9).c_str(), nullptr, 10) % routes.size()];
    method = r.method;
    auto q = target.find('?');
    std::string value = target.substr(0, q);
    target = fill(r.pattern, value.empty() ? "1" : value) + (q == std::string::npos ? "" : target.substr(q));
  } else {
    if (target.empty() || target[0] != '/') target = "/" + target;
    replace_all(target, "{id}", "1");
  }
  replace_all(target, "{token}", fx.token);
  replace_all(target, "{code}", fx.kiosk);
  replace_all(body, "{token}", fx.token);
  replace_all(body, "{kiosk}", fx.kiosk);

  // Which route this is, to keep the harness's sessions alive and to send the route's content type.
  servq::http::Request probe;
  probe.method = method;
  probe.path = servq::http::percent_decode(target.substr(0, target.find('?')), false);
  auto m = fx.api->router().match(probe);
  const Session* s = role == "admin"     ? &fx.admin
                     : role == "head"    ? &fx.head
                     : role == "auditor" ? &fx.auditor
                     : role == "staff"   ? &fx.staff
                                         : nullptr;
  if (m.route) {
    const auto& p = m.route->pattern;
    if (p == "/api/v1/auth/logout" || p == "/api/v1/auth/password") s = nullptr;
    if (p == "/api/v1/users/{id}" && method != "GET" && probe.params.count("id")) {
      // Whatever spelling of the number the handler accepts (" 1", "+01" ...) counts.
      long long id = std::strtoll(probe.params.at("id").c_str(), nullptr, 10);
      for (const auto& own : fx.own_user_ids)
        if (std::to_string(id) == own) {
          auto q = target.find('?');
          target = "/api/v1/users/" + fx.spare_user_id + (q == std::string::npos ? "" : target.substr(q));
        }
    }
    if (ctype.empty()) ctype = m.route->doc.request_content_type;
  }
  if (ctype.empty()) ctype = "application/json";
  fx.call(s, method, target, body, ctype);

  // Now and then: the harness's admin session still works (a fuzz input must not end it).
  static uint64_t runs = 0;
  if (++runs % 4096 == 0) {
    auto me = fx.call(&fx.admin, "GET", "/api/v1/auth/me", "");
    if (me.status != 200) {
      std::fprintf(stderr, "fuzz harness: the admin session ended (%d %s)\n", me.status, me.body.c_str());
      std::abort();
    }
  }
  return 0;
}
