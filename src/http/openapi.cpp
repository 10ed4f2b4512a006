// The OpenAPI 3.1 document, built from the route table so it cannot miss a route. The schemas
// (http/openapi/<domain>_schemas.cpp, one file per domain) describe what the services really answer (src/service/*.cpp build each object): every
// key the server always sends is `required`, a key that may be null has a type array with
// "null", and response records admit no undocumented key (additionalProperties: false), so
// tests/api/harness.mjs — which validates every response of the API suite against this
// document — notices when a service and the document drift apart. Knowledge of a route that
// its RouteDoc in api.cpp does not carry (non-JSON answers, extra success statuses, query
// parameter types) lives here, in the tables below.
#include <map>
#include <set>

#include "http/api.h"
#include "http/openapi/schema_kit.h"
#include "servq_version.h"

namespace servq::http {

using nlohmann::json;

namespace {

using namespace openapi;

json schemas() {
  json s;
  add_system_schemas(s);
  add_auth_schemas(s);
  add_org_schemas(s);
  add_feedback_schemas(s);
  add_survey_schemas(s);
  return s;
}

// ---- what a route's RouteDoc does not say ----------------------------------------------------

// Answers that are not JSON: the success content per "METHOD pattern".
json non_json_content(const std::string& op) {
  json csv = {{"text/csv", {{"schema", {{"type", "string"}, {"description", "CSV, UTF-8 with BOM"}}}}}};
  if (op == "GET /api/v1/feedback/export")
    return {{"text/csv", csv["text/csv"]},
            {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
  if (op == "GET /api/v1/campaigns/{id}/invitations/export") return csv;
  if (op == "GET /api/v1/qr.svg") return {{"image/svg+xml", {{"schema", str()}}}};
  if (op == "GET /api/v1/openapi.json") return {{"application/json", {{"schema", schema_ref("OpenApiDocument")}}}};
  return nullptr;
}

// Success answers besides the RouteDoc's status, per "METHOD pattern".
std::vector<std::pair<int, std::string>> extra_success(const std::string& op) {
  if (op == "PUT /api/v1/surveys/{id}") return {{201, "A new version (the questionnaire had responses)"}};
  if (op == "POST /api/v1/public/responses") return {{200, "This submission_id was stored before: the same id again"}};
  return {};
}

// Query parameters by name; a few names mean different things on different routes.
json query_schema(const std::string& op, const std::string& name) {
  static const std::set<std::string> flags = {"dry_run", "overdue", "mine", "active", "used", "tree"};
  if (name == "page") return {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000000}, {"default", 1}};
  if (name == "page_size") return {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}, {"default", 50}};
  if (flags.count(name)) return boolean();
  if (name == "min_group") return {{"type", "integer"}, {"minimum", 0}};
  if (name == "survey" || name == "campaign") return {{"type", "integer"}, {"minimum", 1}};
  if (name == "customer" && op.find("/encounters") != std::string::npos) return {{"type", "integer"}, {"minimum", 1}};
  if (name == "format") return enum_of({"csv", "xlsx"});
  if (name == "date_order")
    return {{"type", "string"},
            {"enum", {"dmy", "mdy", "ymd"}},
            {"description", "order of day, month and year in typed dates; without it dmy when Accept-Language "
                            "starts with vi, else ymd"}};
  if (name == "encoding")
    return {{"type", "string"},
            {"description", "auto (default: BOM, then the detection rule of docs/api.md), utf-8, utf-16, utf-16le, "
                            "utf-16be, gb18030 (gbk), windows-1258"}};
  if (name == "group") return enum_of({"unit", "staff", "month"});
  if (name == "data") return {{"type", "string"}, {"minLength", 1}, {"maxLength", 1000}};
  if (name == "by") {
    if (op.find("/feedback/counts") != std::string::npos)
      return enum_of({"channel", "kind", "category", "severity", "status", "unit", "month"});
    if (op.find("/ranking") != std::string::npos) return enum_of({"unit", "staff"});
    if (op.find("/rates") != std::string::npos) return enum_of({"unit", "category"});
  }
  if (name == "from" || name == "to" || name == "compare_from" || name == "compare_to")
    return {{"type", "string"}, {"description", "a date (YYYY-MM-DD) or a date-time"}};
  return str();
}

std::string operation_id(const std::string& method, const std::string& pattern) {
  std::string id = method;
  for (auto& ch : id) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::string path = pattern.rfind("/api/v1", 0) == 0 ? pattern.substr(7) : pattern;
  bool sep = true;
  for (char ch : path) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      if (sep) id += '_';
      id += ch;
      sep = false;
    } else {
      sep = true;
    }
  }
  return id;
}

json success_content(const RouteDoc& doc, const std::string& op) {
  json content = non_json_content(op);
  if (!content.is_null()) return content;
  if (doc.response_schema.empty()) return nullptr;
  json schema;
  const std::string& name = doc.response_schema;
  if (name.rfind("Page<", 0) == 0) {
    std::string item = name.substr(5, name.size() - 6);
    schema = record({{"items", array_of(schema_ref(item))},
                     {"total", {{"type", "integer"}, {"minimum", 0}}},
                     {"page", {{"type", "integer"}, {"minimum", 1}}},
                     {"page_size", {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}}}});
  } else {
    schema = schema_ref(name);
  }
  return {{"application/json", {{"schema", schema}}}};
}

}  // namespace

json Api::openapi() const {
  json doc = {{"openapi", "3.1.0"},
              {"info",
               {{"title", "servq API"},
                {"version", SERVQ_VERSION},
                {"description", "Customer satisfaction and service-quality management. See docs/api.md."}}},
              {"servers", json::array({{{"url", "/"}, {"description", "the servq server that serves this document"}}})},
              {"paths", json::object()}};
  std::set<std::string> tags;
  for (const auto& r : router_.routes()) {
    const std::string key = r.method + " " + r.pattern;
    tags.insert(r.doc.tag);
    json op = {{"summary", r.doc.summary}, {"tags", {r.doc.tag}}, {"operationId", operation_id(r.method, r.pattern)}};
    json params = json::array();
    for (const auto& seg : r.segments)
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", seg == "{id}" ? json{{"type", "integer"}, {"minimum", 1}} : str()}});
    for (const auto& q : r.doc.query)
      params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", query_schema(key, q)}});
    if (!params.empty()) op["parameters"] = params;
    if (!r.doc.request_schema.empty())
      op["requestBody"] = {{"required", true},
                           {"content", {{r.doc.request_content_type, {{"schema", schema_ref(r.doc.request_schema)}}}}}};
    json responses;
    json ok = {{"description", r.doc.success_status == 204 ? "Done; no content" : "Success"}};
    json content = success_content(r.doc, key);
    if (!content.is_null() && r.doc.success_status != 204) ok["content"] = content;
    responses[std::to_string(r.doc.success_status)] = ok;
    for (const auto& [status, why] : extra_success(key)) {
      json extra = {{"description", why}};
      if (!content.is_null()) extra["content"] = content;
      responses[std::to_string(status)] = extra;
    }
    // Every refusal is a problem, whatever its 4xx status (new ones need no edit here); 5xx
    // are 500 server.internal and 503 server.db_unavailable.
    responses["4XX"] = {{"$ref", "#/components/responses/Problem"}};
    responses["5XX"] = {{"$ref", "#/components/responses/Problem"}};
    op["responses"] = responses;
    if (!r.doc.auth) op["security"] = json::array();
    std::string m = r.method;
    for (auto& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    doc["paths"][r.pattern][m] = op;
  }
  static const std::map<std::string, std::string> tag_text = {{"system", "Health and this document"},
                                                              {"auth", "Sessions and passwords"},
                                                              {"organisation", "Units, staff and the overview"},
                                                              {"customers", "Customers and their encounters"},
                                                              {"accounts", "Users and API tokens"},
                                                              {"audit", "The audit log"},
                                                              {"settings", "The organisation's time zone and phone region"},
                                                              {"feedback", "Feedback and complaint cases"},
                                                              {"imports", "CSV imports (all or nothing)"},
                                                              {"surveys", "Questionnaires, campaigns and analysis"},
                                                              {"public", "What respondents use, without a login"}};
  json tag_list = json::array();
  for (const auto& t : tags) {
    auto it = tag_text.find(t);
    tag_list.push_back({{"name", t}, {"description", it == tag_text.end() ? t : it->second}});
  }
  doc["tags"] = tag_list;
  doc["components"] = {
      {"schemas", schemas()},
      {"responses",
       {{"Problem",
         {{"description", "A problem (RFC 9457) with a stable code"},
          {"content", {{"application/problem+json", {{"schema", schema_ref("Problem")}}}}}}}}},
      {"securitySchemes",
       {{"session",
         {{"type", "apiKey"},
          {"in", "cookie"},
          {"name", "servq_session"},
          {"description", "The session cookie of POST /api/v1/auth/login; mutations also send X-CSRF-Token"}}},
        {"token",
         {{"type", "http"}, {"scheme", "bearer"}, {"description", "An API token (POST /api/v1/api-tokens)"}}}}}};
  doc["security"] = json::array({{{"session", json::array()}}, {{"token", json::array()}}});
  return doc;
}

}  // namespace servq::http
