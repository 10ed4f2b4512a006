#include "http/router.h"

namespace servq::http {
namespace {
std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  if (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}
}  // namespace

void Router::add(const std::string& method, const std::string& pattern, RouteDoc doc,
                 std::function<Response(Request&)> handler) {
  routes_.push_back({method, pattern, split(pattern), std::move(doc), std::move(handler)});
}

Router::Match Router::match(Request& req) const {
  Match m;
  auto segs = split(req.path);
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}')
        params[p.substr(1, p.size() - 2)] = segs[i];
      else
        ok = p == segs[i];
    }
    if (!ok) continue;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      m.route = &r;
      req.params = std::move(params);
      return m;
    }
    m.path_matched = true;
    m.allowed.push_back(r.method);
  }
  return m;
}

}  // namespace servq::http
