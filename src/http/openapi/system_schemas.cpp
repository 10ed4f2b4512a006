// OpenAPI schemas: problems, health, the organisation's settings, import reports, this document.
#include "http/openapi/schema_kit.h"

namespace servq::http::openapi {

void add_system_schemas(json& s) {
  // RFC 9457 problem: the fields every servq problem has, and the extras some carry. Other
  // keys may be added (`params` for the web app's messages), so the object stays open.
  s["Problem"] = {
      {"type", "object"},
      {"description", "RFC 9457 problem; `code` is stable and translated by the web app"},
      {"properties",
       {{"type", str()},
        {"title", str()},
        {"status", {{"type", "integer"}, {"minimum", 400}, {"maximum", 599}}},
        {"code", str()},
        {"detail", str()},
        {"field", str()},
        {"params", open_object()},
        {"error_count", integer()},
        // Imports list their bad lines; a refused questionnaire lists every problem with the JSON
        // path inside the definition (e.g. "pages[0].elements[3]"), its code and params.
        {"errors",
         array_of({{"anyOf",
                    json::array({record({{"line", integer()},
                                         {"row", integer()},
                                         {"field", str()},
                                         {"code", str()},
                                         {"detail", str()},
                                         {"params", open_object()}}),
                                 record({{"path", str()},
                                         {"code", str()},
                                         {"params", {{"type", "object"}, {"additionalProperties", str()}}},
                                         {"message", str()}})})}})}}},
      {"required", {"type", "title", "status", "code", "detail"}}};
  s["Health"] = record({{"status", enum_of({"ok"})}, {"db", enum_of({"sqlite", "postgresql"})}, {"version", str()}});
  // survey_id and would_create: imports of paper survey forms only.
  s["ImportReport"] = record({{"kind", enum_of({"customers", "encounters", "feedback", "responses"})},
                              {"survey_id", integer()},
                              {"total", integer()},
                              {"created", integer()},
                              {"updated", integer()},
                              {"unchanged", integer()},
                              {"would_create", integer()},
                              {"dry_run", boolean()}},
                             {"survey_id", "would_create"});
  s["CsvFile"] = {{"type", "string"},
                  {"description", "CSV as Excel writes it: UTF-8 (BOM or not), UTF-16 with BOM, GB18030 or Windows-1258 (see `encoding`); delimiter `,` `;` or tab; the header names the JSON fields"}};
  // The organisation's settings: an IANA zone name (typed times without offset are local there,
  // calendar periods are cut there) and the default phone region.
  json iana_zone = {{"type", "string"}, {"minLength", 1}, {"maxLength", 64}, {"description", "an IANA time zone name, e.g. Asia/Ho_Chi_Minh or Asia/Shanghai"}};
  json region = {{"type", "string"}, {"pattern", "^[A-Z]{2}$"}, {"description", "ISO 3166-1 alpha-2, e.g. VN or CN"}};
  s["OrgSettings"] = record({{"time_zone", iana_zone}, {"phone_region", region}});
  s["OrgSettingsInput"] = input({{"time_zone", iana_zone}, {"phone_region", region}});
  s["OpenApiDocument"] = {{"type", "object"},
                          {"description", "This document"},
                          {"required", {"openapi", "info", "paths"}},
                          {"properties", {{"openapi", str()}, {"info", open_object()}, {"paths", open_object()}}}};
}

}  // namespace servq::http::openapi
