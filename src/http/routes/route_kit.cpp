#include "http/routes/route_kit.h"

#include "core/typed_date.h"

namespace servq::http {

using nlohmann::json;
using service::ListQuery;

Response json_response(const json& body, int status) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  r.headers.push_back({"Cache-Control", "no-store"});
  return r;
}

json params_json(const std::vector<std::pair<std::string, std::string>>& params) {
  json p = json::object();
  for (const auto& [k, v] : params) p[k] = v;
  return p;
}

Response from_error(const Error& e) {
  json extra = json::object();
  if (!e.params.empty()) extra["params"] = params_json(e.params);
  if (!e.errors.empty()) {
    // Every problem of a refused questionnaire: its JSON path, code, params and message.
    json list = json::array();
    for (const auto& x : e.errors)
      list.push_back({{"path", x.field}, {"code", x.code}, {"params", params_json(x.params)}, {"message", x.message}});
    extra["errors"] = list;
    extra["error_count"] = e.errors.size();
  }
  if (e.retry_after > 0) extra["retry_after"] = e.retry_after;
  auto r = problem(e.status, e.code, e.message, e.field, extra);
  if (e.retry_after > 0) r.headers.push_back({"Retry-After", std::to_string(e.retry_after)});
  return r;
}


Response no_content() {
  Response r;
  r.status = 204;
  r.content_type = "application/json";
  return r;
}

Result<ListQuery> list_query(const Request& req) {
  ListQuery q;
  for (const auto& [k, v] : req.query) {
    if (k == "q")
      q.q = v;
    else if (k != "page" && k != "page_size")
      q.params[k] = v;
  }
  auto num = [&](const char* name, int64_t def, int64_t max) -> Result<int64_t> {
    auto it = req.query.find(name);
    if (it == req.query.end() || it->second.empty()) return def;
    try {
      size_t used = 0;
      int64_t v = std::stoll(it->second, &used);
      if (used != it->second.size() || v < 1 || v > max) throw std::out_of_range("range");
      return v;
    } catch (...) {
      return invalid(std::string("query.") + name + "_invalid", name,
                     std::string(name) + " must be a whole number from 1 to " + std::to_string(max));
    }
  };
  auto page = num("page", 1, 1'000'000);
  if (!page) return page.error();
  auto size = num("page_size", 50, 500);
  if (!size) return size.error();
  q.page = *page;
  q.page_size = *size;
  return q;
}

Result<int64_t> path_id(const Request& req, const std::string& resource) {
  try {
    size_t used = 0;
    int64_t v = std::stoll(req.params.at("id"), &used);
    if (used == req.params.at("id").size() && v > 0) return v;
  } catch (...) {
  }
  return not_found(resource);
}

// Every JSON body goes through here: nesting bounded before parsing (core/json_input.h), size
// bounded by the admission step before it was read.
Result<json> json_body(const Request& req, size_t max_depth) {
  auto j = jsonin::parse_limited(req.body, "the request body", max_depth);
  if (!j) return j.error();
  if (!j->is_object()) return Error{"http.bad_json", "the request body must be a JSON object", "", 400};
  return j;
}

// The session cookie; Secure when servq is reached over https (configured, or said by the proxy).
std::string session_cookie(const std::string& token, int max_age, bool secure) {
  return "servq_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

// The answer to a CSV import: the report, or one 422 problem listing every bad line (the first
// 1 000) — the same for every kind of import.
Response import_response(Result<service::ImportOutcome> r) {
  if (!r) {
    const auto& e = r.error();
    if (e.code.rfind("import.encoding_", 0) == 0) {
      json params = json::object();
      for (const auto& [k, v] : e.params) params[k] = v;
      return problem(e.status, e.code, e.message, e.field, {{"params", params}});
    }
    if (!e.field.empty() && e.code.rfind("csv.", 0) == 0) {
      json extra = {{"errors", json::array({{{"line", std::stoll(e.field)}, {"field", ""}, {"code", e.code}, {"detail", e.message}}})}};
      return problem(e.status, "import.invalid", e.message, "", extra);
    }
    return from_error(e);
  }
  if (r->errors.empty()) return json_response(r->report);
  json errs = json::array();
  for (size_t i = 0; i < r->errors.size() && i < 1000; ++i) {
    const auto& le = r->errors[i];
    // Every error names its row as a spreadsheet shows it and its column, for the web app.
    size_t row = le.row ? le.row : le.line;
    json params = {{"row", std::to_string(row)}, {"column", le.field}};
    for (const auto& [k, v] : le.params) params[k] = v;
    errs.push_back({{"line", le.line}, {"row", row}, {"field", le.field}, {"code", le.code}, {"detail", le.message},
                    {"params", params}});
  }
  const auto& first = r->errors.front();
  std::string msg = std::to_string(r->errors.size()) + " error(s); nothing was imported. First: row " +
                    std::to_string(first.row ? first.row : first.line) + (first.field.empty() ? "" : ", " + first.field) + ": " + first.message;
  return problem(422, "import.invalid", msg, first.field, {{"errors", errs}, {"error_count", r->errors.size()}});
}

// The import options of a request: ?encoding= and ?date_order= (without it, day-first for a
// Vietnamese Accept-Language, year-first otherwise).
Result<service::ImportOptions> import_options(const Request& req) {
  service::ImportOptions o;
  if (req.query.count("encoding")) o.encoding = req.query.at("encoding");
  if (req.query.count("date_order") && !req.query.at("date_order").empty()) {
    auto d = typed_date::parse_order(req.query.at("date_order"));
    if (!d)
      return Error{"import.date_order_invalid", "date_order must be dmy, mdy or ymd", "date_order", 422}
          .with("value", req.query.at("date_order"))
          .with("expected", "dmy, mdy, ymd");
    o.date_order = *d;
  } else {
    std::string lang = req.header("accept-language");
    o.date_order = lang.rfind("vi", 0) == 0 ? typed_date::Order::dmy : typed_date::Order::ymd;
  }
  return o;
}

Response options_problem(const Error& e) {
  json params = json::object();
  for (const auto& [k, v] : e.params) params[k] = v;
  return problem(e.status, e.code, e.message, e.field, {{"params", params}});
}

// Who the caller is: a bearer API token, or the session cookie (the CSRF token is checked on
// mutations by the caller of this function).
std::optional<service::Authenticated> authenticate(store::Database& db, const Request& req) {
  std::string authz = req.header("authorization");
  if (authz.rfind("Bearer ", 0) == 0) return service::authenticate_token(db, authz.substr(7));
  return service::authenticate_session(db, req.cookie("servq_session"));
}

bool is_mutating(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// The admission step's answer for a signed-in route, or nothing when the caller may go on.
std::optional<Response> check_signed_in(const Request& req, const std::optional<service::Authenticated>& who) {
  bool bearer = req.header("authorization").rfind("Bearer ", 0) == 0;
  if (!who)
    return bearer ? problem(401, "auth.required", "the API token is unknown or revoked")
                  : problem(401, "auth.required", "sign in first");
  if (!bearer && is_mutating(req.method) && !service::constant_time_equal(req.header("x-csrf-token"), who->csrf_token))
    return problem(403, "auth.csrf", "the X-CSRF-Token header is missing or wrong");
  if (who->actor.must_change_password && req.path != "/api/v1/auth/password")
    return problem(403, "auth.password_change_required",
                   "this account signed in with a one-time password; set a new one first");
  return std::nullopt;
}

}  // namespace servq::http
