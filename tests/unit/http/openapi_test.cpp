#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <set>

#include "http/api.h"

using namespace servq;
using nlohmann::json;

namespace {
struct ScratchDb {
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;
  ScratchDb() {
    dir = std::filesystem::temp_directory_path() / ("servq-openapi-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    db = store::Database::open((dir / "t.sqlite").string(), 2);
  }
  ~ScratchDb() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
};
}  // namespace

TEST(OpenApi, DocumentsEveryRouteOfTheRouter) {
  ScratchDb s;
  http::Api api(*s.db, {});
  json doc = api.openapi();
  ASSERT_EQ(doc["openapi"], "3.1.0");
  size_t n = 0;
  for (const auto& r : api.router().routes()) {
    std::string m = r.method;
    for (auto& c : m) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(doc["paths"].contains(r.pattern)) << r.pattern;
    EXPECT_TRUE(doc["paths"][r.pattern].contains(m)) << r.method << " " << r.pattern;
    ++n;
  }
  // Conversely, the document lists nothing the router does not serve.
  size_t documented = 0;
  for (auto& [path, ops] : doc["paths"].items()) documented += ops.size();
  EXPECT_EQ(documented, n);
}

TEST(OpenApi, EverySchemaReferenceResolves) {
  ScratchDb s;
  http::Api api(*s.db, {});
  json doc = api.openapi();
  std::set<std::string> missing;
  std::function<void(const json&)> walk = [&](const json& j) {
    if (j.is_object()) {
      if (j.contains("$ref")) {
        std::string ref = j["$ref"];
        if (ref.rfind("#/", 0) != 0 || !doc.contains(json::json_pointer(ref.substr(1)))) missing.insert(ref);
      }
      for (auto& [k, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (auto& v : j) walk(v);
    }
  };
  walk(doc["paths"]);
  EXPECT_TRUE(missing.empty()) << *missing.begin();
}

namespace {
bool has_type(const json& schema, const std::string& t) {
  if (!schema.is_object() || !schema.contains("type")) return false;
  const json& type = schema["type"];
  if (type.is_string()) return type == t;
  for (const auto& x : type)
    if (x == t) return true;
  return false;
}
}  // namespace

// A list schema names its items by a schema object ({"$ref": ...} or an inline schema), never by a
// bare string such as "items": "Unit"; and every property is described by a schema object.
TEST(OpenApi, EveryListSchemaHasAnItemsSchemaObject) {
  ScratchDb s;
  http::Api api(*s.db, {});
  json doc = api.openapi();
  size_t lists = 0;
  std::vector<std::string> bad;
  std::function<void(const json&, const std::string&)> walk = [&](const json& j, const std::string& at) {
    if (j.is_object()) {
      if (has_type(j, "array")) {
        ++lists;
        if (!j.contains("items") || !j["items"].is_object()) bad.push_back(at + ": items is not a schema object");
      }
      if (j.contains("properties") && j["properties"].is_object())
        for (auto& [k, v] : j["properties"].items())
          if (!v.is_object()) bad.push_back(at + "/properties/" + k + " is not a schema object");
      for (auto& [k, v] : j.items()) walk(v, at + "/" + k);
    } else if (j.is_array()) {
      for (size_t i = 0; i < j.size(); ++i) walk(j[i], at + "/" + std::to_string(i));
    }
  };
  walk(doc, "#");
  EXPECT_GE(lists, 20u);  // every Page<...> answer and the arrays inside records were seen
  EXPECT_TRUE(bad.empty()) << bad.size() << " defects, first: " << bad.front();
}

// Lists answer {items, total, page, page_size}, all always present; page and page_size are
// whole numbers in the query too.
TEST(OpenApi, PagesAreTypedAndRequired) {
  ScratchDb s;
  http::Api api(*s.db, {});
  json doc = api.openapi();
  const json& list = doc["paths"]["/api/v1/units"]["get"];
  const json& page = list["responses"]["200"]["content"]["application/json"]["schema"];
  EXPECT_EQ(page["required"], json({"items", "page", "page_size", "total"}));
  EXPECT_EQ(page["properties"]["items"]["items"]["$ref"], "#/components/schemas/Unit");
  size_t seen = 0;
  for (auto& [path, ops] : doc["paths"].items())
    for (auto& [method, op] : ops.items())
      for (const auto& p : op.value("parameters", json::array()))
        if (p["name"] == "page" || p["name"] == "page_size") {
          EXPECT_EQ(p["schema"]["type"], "integer") << method << " " << path << " " << p["name"];
          ++seen;
        }
  EXPECT_GE(seen, 20u);
}

// Keys the server may send as null are declared nullable; keys it always sends are required.
TEST(OpenApi, NullableAndRequiredFieldsOfARecord) {
  ScratchDb s;
  http::Api api(*s.db, {});
  json unit = api.openapi()["components"]["schemas"]["Unit"];
  EXPECT_TRUE(has_type(unit["properties"]["parent"], "null"));
  EXPECT_FALSE(has_type(unit["properties"]["code"], "null"));
  EXPECT_EQ(unit["required"], json({"code", "head", "id", "name", "parent", "path"}));
  EXPECT_EQ(unit["additionalProperties"], false);
}

// CSV, XLSX and SVG answers declare their content type; every operation documents its
// refusals (any 4xx) as a problem.
TEST(OpenApi, ContentTypesAndProblems) {
  ScratchDb s;
  http::Api api(*s.db, {});
  json doc = api.openapi();
  const json& exp = doc["paths"]["/api/v1/feedback/export"]["get"]["responses"]["200"]["content"];
  EXPECT_TRUE(exp.contains("text/csv"));
  EXPECT_TRUE(exp.contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
  EXPECT_TRUE(doc["paths"]["/api/v1/campaigns/{id}/invitations/export"]["get"]["responses"]["200"]["content"].contains(
      "text/csv"));
  EXPECT_TRUE(doc["paths"]["/api/v1/qr.svg"]["get"]["responses"]["200"]["content"].contains("image/svg+xml"));
  EXPECT_EQ(doc["components"]["responses"]["Problem"]["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/Problem");
  for (auto& [path, ops] : doc["paths"].items())
    for (auto& [method, op] : ops.items()) {
      EXPECT_EQ(op["responses"]["4XX"]["$ref"], "#/components/responses/Problem") << method << " " << path;
      for (auto& [status, r] : op["responses"].items()) {
        if (status.front() == '2' && status != "204") {
          EXPECT_TRUE(r.contains("content")) << method << " " << path;
        }
      }
    }
}

TEST(Api, UnknownRouteIsAProblemNotAPage) {
  ScratchDb s;
  http::Api api(*s.db, {});
  http::Request req;
  req.method = "GET";
  req.path = "/api/v1/nothing-here";
  auto res = api.handle(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.content_type, "application/problem+json");
  EXPECT_EQ(json::parse(res.body)["code"], "http.not_found");
}

TEST(Api, WrongMethodIs405WithAllow) {
  ScratchDb s;
  http::Api api(*s.db, {});
  http::Request req;
  req.method = "DELETE";
  req.path = "/api/v1/units";
  auto res = api.handle(req);
  EXPECT_EQ(res.status, 405);
  bool allow = false;
  for (auto& [k, v] : res.headers) allow |= k == "Allow" && v.find("GET") != std::string::npos;
  EXPECT_TRUE(allow);
}
