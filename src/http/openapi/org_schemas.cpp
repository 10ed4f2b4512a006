// OpenAPI schemas: units, staff, customers, encounters and the overview.
#include "http/openapi/schema_kit.h"

namespace servq::http::openapi {

void add_org_schemas(json& s) {
  s["Unit"] = record({{"id", integer()},
                      {"code", str()},
                      {"name", str()},
                      {"parent", nstr()},
                      {"head", nstr()},
                      {"path", array_of(str())}});
  s["UnitInput"] = input({{"code", str()}, {"name", str()}, {"parent", nstr()}, {"head", nstr()}});
  s["Staff"] = record({{"id", integer()},
                       {"employee_code", str()},
                       {"name", str()},
                       {"unit", str()},
                       {"title", str()},
                       {"active", boolean()}});
  s["StaffInput"] =
      input({{"employee_code", str()}, {"name", str()}, {"unit", str()}, {"title", str()}, {"active", boolean()}});
  json category = enum_of({"long_term", "referred", "first_time"});
  // name, phone, email and address are null when the caller may not see personal data
  // (pii_masked).
  s["Customer"] = record({{"id", integer()},
                          {"external_id", nstr()},
                          {"name", nstr()},
                          {"phone", nstr()},
                          {"email", nstr()},
                          {"address", nstr()},
                          {"category", category},
                          {"referred_by", nstr()},
                          {"tier", nstr()},
                          {"consent_contact", boolean()},
                          {"consent_survey", boolean()},
                          {"first_visit", nts()},
                          {"last_visit", nts()},
                          {"pii_masked", boolean()}});
  s["CustomerInput"] = input({{"external_id", nstr()},
                              {"name", str()},
                              {"phone", nstr()},
                              {"email", nstr()},
                              {"address", nstr()},
                              {"category", category},
                              {"referred_by", nstr()},
                              {"tier", nstr()},
                              {"consent_contact", boolean()},
                              {"consent_survey", boolean()}});
  // A customer as a merge decision needs it (GET /customers/duplicates; admin and quality).
  json dup_member = record({{"id", integer()},
                            {"external_id", nstr()},
                            {"name", str()},
                            {"phone", nstr()},
                            {"phone_e164", boolean()},
                            {"phone_display", nstr()},
                            {"email", nstr()},
                            {"created_at", ts()},
                            {"encounters", integer()},
                            {"feedback", integer()},
                            {"responses", integer()}});
  s["CustomerDuplicates"] = record(
      {{"region", str()},
       {"groups", array_of(record({{"phone", str()}, {"phone_display", str()}, {"customers", array_of(dup_member)}}))},
       {"unreadable", array_of(dup_member)}});
  s["CustomerMergeInput"] = input({{"duplicate", integer()}}, {"duplicate"});
  s["CustomerMerge"] = record({{"customer", schema_ref("Customer")},
                               {"merged", integer()},
                               {"moved", record({{"encounters", integer()},
                                                 {"feedback", integer()},
                                                 {"invitations", integer()},
                                                 {"responses", integer()},
                                                 {"referrals", integer()}})}});
  s["Encounter"] = record({{"id", integer()},
                           {"external_id", nstr()},
                           {"customer", integer()},
                           {"customer_name", nstr()},
                           {"unit", str()},
                           {"staff", nstr()},
                           {"service", str()},
                           {"started_at", ts()},
                           {"amount", integer()},
                           {"converted", boolean()}});
  s["EncounterInput"] = input({{"external_id", nstr()},
                               {"customer", integer()},
                               {"customer_phone", nstr()},
                               {"unit", str()},
                               {"staff", nstr()},
                               {"service", str()},
                               {"started_at", str()},
                               {"amount", integer()},
                               {"converted", boolean()}});
  s["Overview"] = record(
      {{"units", integer()},
       {"staff", integer()},
       {"customers", integer()},
       {"encounters", integer()},
       {"encounters_by_month", array_of(record({{"month", str()}, {"count", integer()}, {"amount", integer()}}))},
       {"customers_by_category", array_of(record({{"category", category}, {"count", integer()}}))}});
}

}  // namespace servq::http::openapi
