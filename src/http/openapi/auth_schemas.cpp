// OpenAPI schemas: sessions, users, API tokens and the audit log.
#include "http/openapi/schema_kit.h"

namespace servq::http::openapi {

void add_auth_schemas(json& s) {
  const auto kRoles = {"admin", "quality", "director", "head", "staff", "auditor"};
  s["Login"] = input({{"login", str()}, {"password", str()}}, {"login", "password"});
  s["PasswordChange"] = input({{"current_password", str()}, {"new_password", {{"type", "string"}, {"minLength", 10}}}},
                              {"current_password", "new_password"});
  s["User"] = record({{"id", integer()},
                      {"login", str()},
                      {"name", str()},
                      {"role", enum_of(kRoles)},
                      {"unit", nstr()},
                      {"employee_code", nstr()},
                      {"active", boolean()},
                      {"created_at", ts()},
                      {"must_change_password", boolean()}});
  s["UserInput"] = input({{"login", str()},
                          {"name", str()},
                          {"role", enum_of(kRoles)},
                          {"unit", nstr()},
                          {"employee_code", nstr()},
                          {"password", str()},
                          {"active", boolean()},
                          {"must_change_password", boolean()}});
  s["Session"] = record({{"user", schema_ref("User")}, {"csrf_token", nstr()}});
  // `token` only in the answer that creates it: it is never shown again.
  s["ApiToken"] = record({{"id", integer()},
                          {"name", str()},
                          {"user", str()},
                          {"created_at", ts()},
                          {"last_used_at", nts()},
                          {"revoked_at", nts()},
                          {"token", str()}},
                         {"token"});
  s["ApiTokenInput"] = input({{"name", str()}, {"user", str()}}, {"name", "user"});
  s["AuditEntry"] = record({{"id", integer()},
                            {"at", ts()},
                            {"actor", str()},
                            {"action", str()},
                            {"entity", str()},
                            {"entity_id", nstr()},
                            {"before", any_value()},
                            {"after", any_value()}});
}

}  // namespace servq::http::openapi
