// http/routes/org_routes.cpp — Units, staff, customers (with duplicates and merge), encounters, users, API tokens and the
// audit log: the resources that follow one list/get/create/change convention.
#include <memory>
#include <string>
#include <vector>

#include "http/routes/route_kit.h"
#include "service/org_service.h"
#include "service/auth_service.h"
#include "servq_version.h"

namespace servq::http {

using nlohmann::json;
using service::ListQuery;

void register_org_routes(RouteContext& rc) {
  auto& db = rc.db;
  auto& router_ = rc.router;
  auto authed = make_authed(db);
  // ---- resources following one convention ----
  using ListFn = Result<json> (*)(store::Database&, const Actor&, const ListQuery&);
  using GetFn = Result<json> (*)(store::Database&, const Actor&, int64_t);
  using CreateFn = Result<json> (*)(store::Database&, const Actor&, const json&);
  using UpdateFn = Result<json> (*)(store::Database&, const Actor&, int64_t, const json&);
  struct Resource {
    const char* path;
    const char* schema;
    const char* resource;  // error code prefix for not_found
    const char* tag;
    ListFn list;
    GetFn get;
    CreateFn create;
    UpdateFn update;
    std::vector<std::string> filters;
  };
  const std::vector<Resource> resources = {
      {"units", "Unit", "unit", "organisation", service::list_units, service::get_unit, service::create_unit,
       service::update_unit, {"tree"}},
      {"staff", "Staff", "staff", "organisation", service::list_staff, service::get_staff, service::create_staff,
       service::update_staff, {"unit", "active"}},
      {"customers", "Customer", "customer", "customers", service::list_customers, service::get_customer,
       service::create_customer, service::update_customer, {"category"}},
      {"encounters", "Encounter", "encounter", "customers", service::list_encounters, service::get_encounter,
       service::create_encounter, service::update_encounter, {"unit", "staff", "customer", "from", "to"}},
      {"users", "User", "user", "accounts", service::list_users, service::get_user, service::create_user,
       service::update_user, {"role"}},
      {"api-tokens", "ApiToken", "api_token", "accounts", service::list_tokens, service::get_token,
       service::create_token, nullptr, {}},
      {"audit", "AuditEntry", "audit", "audit", service::list_audit, service::get_audit, nullptr, nullptr,
       {"entity", "entity_id", "actor", "action", "from", "to"}},
  };
  // Before the resource routes: "/customers/duplicates" is not "/customers/{id}".
  router_.add("GET", "/api/v1/customers/duplicates",
              {"Customers who are one person: old phone forms that read as another's number, and unreadable phones",
               "customers", "", "CustomerDuplicates"},
              authed([&db](Request&, const Actor& a) { return from_result(service::customer_duplicates(db, a)); }));
  router_.add("POST", "/api/v1/customers/{id}/merge",
              {"Merge a duplicate into this customer (references moved, duplicate deleted, audited)", "customers",
               "CustomerMergeInput", "CustomerMerge"},
              authed(with_id_body("customer", [&db](const Actor& a, int64_t id, const json& body) {
                return service::merge_customers(db, a, id, body);
              })));
  for (const auto& res : resources) {
    std::string base = std::string("/api/v1/") + res.path;
    std::vector<std::string> q = {"q", "page", "page_size"};
    q.insert(q.end(), res.filters.begin(), res.filters.end());
    router_.add("GET", base, {std::string("List ") + res.path, res.tag, "", std::string("Page<") + res.schema + ">", 200, true, q},
                authed([&db, fn = res.list](Request& req, const Actor& a) {
                  auto q = list_query(req);
                  if (!q) return from_error(q.error());
                  return from_result(fn(db, a, *q));
                }));
    router_.add("GET", base + "/{id}", {std::string("Get one of ") + res.path, res.tag, "", res.schema},
                authed([&db, fn = res.get, name = std::string(res.resource)](Request& req, const Actor& a) {
                  auto id = path_id(req, name);
                  if (!id) return from_error(id.error());
                  return from_result(fn(db, a, *id));
                }));
    if (res.create)
      router_.add("POST", base, {std::string("Create in ") + res.path, res.tag, std::string(res.schema) + "Input", res.schema, 201},
                  authed([&db, fn = res.create](Request& req, const Actor& a) {
                    auto body = json_body(req);
                    if (!body) return from_error(body.error());
                    return from_result(fn(db, a, *body), 201);
                  }));
    if (res.update)
      router_.add("PATCH", base + "/{id}", {std::string("Change one of ") + res.path, res.tag, std::string(res.schema) + "Input", res.schema},
                  authed([&db, fn = res.update, name = std::string(res.resource)](Request& req, const Actor& a) {
                    auto id = path_id(req, name);
                    if (!id) return from_error(id.error());
                    auto body = json_body(req);
                    if (!body) return from_error(body.error());
                    return from_result(fn(db, a, *id, *body));
                  }));
  }
}

}  // namespace servq::http
