// Use cases of the organisation and its customers (PRODUCT.md O1–O4): units, staff, customers,
// service encounters, and the overview counts. Each call runs in one transaction, checks the
// caller's role and unit scope, records mutations in the audit log, and returns API-shaped JSON.
#pragma once
#include "service/common.h"

namespace servq::service {

Result<json> list_units(store::Database& db, const Actor& a, const ListQuery& q);
Result<json> get_unit(store::Database& db, const Actor& a, int64_t id);
Result<json> create_unit(store::Database& db, const Actor& a, const json& body);
Result<json> update_unit(store::Database& db, const Actor& a, int64_t id, const json& body);

Result<json> list_staff(store::Database& db, const Actor& a, const ListQuery& q);
Result<json> get_staff(store::Database& db, const Actor& a, int64_t id);
Result<json> create_staff(store::Database& db, const Actor& a, const json& body);
Result<json> update_staff(store::Database& db, const Actor& a, int64_t id, const json& body);

Result<json> list_customers(store::Database& db, const Actor& a, const ListQuery& q);
Result<json> get_customer(store::Database& db, const Actor& a, int64_t id);
Result<json> create_customer(store::Database& db, const Actor& a, const json& body);
Result<json> update_customer(store::Database& db, const Actor& a, int64_t id, const json& body);

// Customers who are one person: stored phones that read as the same E.164 number (numbers kept
// in their old form by the E.164 migration because another customer held the number), and
// stored phones that cannot be read as a number of any region. Admin and quality.
Result<json> customer_duplicates(store::Database& db, const Actor& a);
// Merges customer body.duplicate into customer `keep`: every encounter, case, invitation,
// response and referral moves to `keep`; fields `keep` lacks are taken from the duplicate (the
// E.164 phone over an old form); consents stay `keep`'s; the duplicate is deleted; audited with
// both records. Admin and quality.
Result<json> merge_customers(store::Database& db, const Actor& a, int64_t keep, const json& body);

Result<json> list_encounters(store::Database& db, const Actor& a, const ListQuery& q);
Result<json> get_encounter(store::Database& db, const Actor& a, int64_t id);
Result<json> create_encounter(store::Database& db, const Actor& a, const json& body);
Result<json> update_encounter(store::Database& db, const Actor& a, int64_t id, const json& body);

Result<json> overview(store::Database& db, const Actor& a);

// The customer with this id when the caller's scope covers it, inside a transaction: every
// customer id or phone a request body names is resolved through this (nothing when not visible).
std::optional<int64_t> visible_customer(store::Connection& c, const Actor& a, int64_t id);
std::optional<int64_t> visible_customer_by_phone(store::Connection& c, const Actor& a, const std::string& phone);

// Looks a unit up by code inside a transaction; used by imports and the CLI as well.
struct UnitRef {
  int64_t id;
  std::string code;
  std::string path;
};
std::optional<UnitRef> find_unit(store::Connection& c, const std::string& code);

}  // namespace servq::service
