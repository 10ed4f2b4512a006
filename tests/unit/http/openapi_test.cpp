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
        std::string name = ref.substr(ref.rfind('/') + 1);
        if (!doc["components"]["schemas"].contains(name)) missing.insert(ref);
      }
      for (auto& [k, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (auto& v : j) walk(v);
    }
  };
  walk(doc["paths"]);
  EXPECT_TRUE(missing.empty()) << *missing.begin();
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
