// libFuzzer target for the query-string parsers and the list filters. The input is
//   ROLE TARGET
// e.g. "auditor /api/v1/feedback?q=0912&status=received&from=2026-01-01". The whole input also
// goes to percent_decode and parse_query directly (decoding never grows a string; encoding every
// byte as %XX and decoding gives the bytes back). TARGET's path picks a GET route of the API: the
// route it names, or else one chosen from the path's bytes, its {id} being 1; the query is kept.
// ROLE: admin, head, auditor, staff; anything else is a caller without a session.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "api_fixture.h"

namespace {

std::vector<std::string>& get_routes() {
  static std::vector<std::string> paths = [] {
    std::vector<std::string> out;
    auto& fx = servq::fuzz::Fixture::get();
    for (const auto& r : fx.api->router().routes()) {
      if (r.method != "GET") continue;
      std::string p;
      for (size_t i = 0; i < r.pattern.size(); ++i) {
        if (r.pattern[i] == '{') {
          auto close = r.pattern.find('}', i);
          std::string name = r.pattern.substr(i, close - i + 1);
          p += name == "{token}" ? fx.token : name == "{code}" ? fx.kiosk : "1";
          i = close;
        } else {
          p += r.pattern[i];
        }
      }
      out.push_back(p);
    }
    return out;
  }();
  return paths;
}

void check_decoders(const std::string& s) {
  using servq::http::percent_decode;
  for (bool plus : {false, true})
    if (percent_decode(s, plus).size() > s.size()) {
      std::fprintf(stderr, "percent_decode grew its input\n");
      std::abort();
    }
  static const char* hex = "0123456789ABCDEF";
  std::string enc;
  for (unsigned char c : s) {
    enc += '%';
    enc += hex[c >> 4];
    enc += hex[c & 15];
  }
  if (percent_decode(enc, true) != s) {
    std::fprintf(stderr, "percent_decode(percent-encoded bytes) differs from the bytes\n");
    std::abort();
  }
  auto q = servq::http::parse_query(s);
  for (const auto& [k, v] : q)
    if (k.size() > s.size() || v.size() > s.size()) {
      std::fprintf(stderr, "parse_query produced a key or value longer than the query\n");
      std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  get_routes();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  check_decoders(in);
  auto& fx = servq::fuzz::Fixture::get();
  auto sp = in.find(' ');
  std::string role = in.substr(0, sp);
  std::string target = sp == std::string::npos ? "" : in.substr(sp + 1);
  auto qpos = target.find('?');
  std::string path = target.substr(0, qpos), query = qpos == std::string::npos ? "" : target.substr(qpos);
  const auto& routes = get_routes();
  bool known = false;
  for (const auto& r : routes) known = known || r == path;
  if (!known) {
    uint32_t h = 2166136261u;
    for (unsigned char c : path) h = (h ^ c) * 16777619u;
    path = routes[h % routes.size()];
  }
  const servq::fuzz::Session* s = role == "admin"     ? &fx.admin
                                  : role == "head"    ? &fx.head
                                  : role == "auditor" ? &fx.auditor
                                  : role == "staff"   ? &fx.staff
                                                      : nullptr;
  fx.call(s, "GET", path + query, "");
  return 0;
}
