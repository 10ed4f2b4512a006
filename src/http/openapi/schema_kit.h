// The vocabulary of servq's OpenAPI schemas, shared by http/openapi/*_schemas.cpp (one file per
// domain) and the document's assembly in http/openapi.cpp.
#pragma once
#include <nlohmann/json.hpp>

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace servq::http::openapi {

using nlohmann::json;

// ---- schema helpers --------------------------------------------------------------------------

inline json str() {
  return {{"type", "string"}};
}
inline json nstr() {
  return {{"type", json::array({"string", "null"})}};
}
// Timestamps are UTC ISO 8601 text with Z (timeutil::format_utc).
inline json ts() {
  return {{"type", "string"}, {"format", "date-time"}};
}
inline json nts() {
  return {{"type", json::array({"string", "null"})}, {"format", "date-time"}};
}
inline json integer() {
  return {{"type", "integer"}};
}
inline json ninteger() {
  return {{"type", json::array({"integer", "null"})}};
}
inline json number() {
  return {{"type", "number"}};
}
inline json nnumber() {
  return {{"type", json::array({"number", "null"})}};
}
inline json boolean() {
  return {{"type", "boolean"}};
}
inline json any_value() {
  return json::object();
}
inline json enum_of(std::initializer_list<const char*> values) {
  json e = json::array();
  for (const char* v : values) e.push_back(v);
  return {{"type", "string"}, {"enum", e}};
}
template <size_t N>
inline json enum_of(const std::string_view (&values)[N]) {
  json e = json::array();
  for (auto v : values) e.push_back(std::string(v));
  return {{"type", "string"}, {"enum", e}};
}
inline json array_of(json items) {
  return {{"type", "array"}, {"items", std::move(items)}};
}
// Not named `ref`: with a std::string argument, argument-dependent lookup would pick std::ref and
// the list schemas would say "items": "Unit" (the defect this replaced).
inline json schema_ref(const std::string& name) {
  return {{"$ref", "#/components/schemas/" + name}};
}
inline json nullable(json s) {
  return {{"anyOf", json::array({std::move(s), {{"type", "null"}}})}};
}
inline json open_object() {
  return {{"type", "object"}};
}
inline json nobject() {
  return {{"type", json::array({"object", "null"})}};
}

// A response record: every property listed is sent, except those named in `optional`; nothing
// else is.
inline json record(json props, std::set<std::string> optional = {}) {
  json req = json::array();
  for (auto& [k, v] : props.items())
    if (!optional.count(k)) req.push_back(k);
  json o = {{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
  if (!req.empty()) o["required"] = req;
  return o;
}
// A request body: the listed properties are read, `required` ones must be there; the server
// ignores keys it does not know.
inline json input(json props, std::vector<std::string> required = {}) {
  json o = {{"type", "object"}, {"properties", std::move(props)}};
  if (!required.empty()) o["required"] = required;
  return o;
}

// The schemas of each domain, added to the components of the document.
void add_system_schemas(json& s);    // problems, health, settings, imports, this document
void add_auth_schemas(json& s);      // sessions, users, API tokens, audit
void add_org_schemas(json& s);       // units, staff, customers, encounters, overview
void add_feedback_schemas(json& s);  // cases, notifications, counts, measures, SLA
void add_survey_schemas(json& s);    // questionnaires, campaigns, responses, analysis

}  // namespace servq::http::openapi
