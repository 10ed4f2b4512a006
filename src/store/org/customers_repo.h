// Customers (PRODUCT.md O3): who they are, how to reach them, their consents. A head or staff
// member reaches the customers who visited their unit subtree (or them) and those their unit
// registered; every scoped read applies that rule in SQL.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/org/records.h"
#include "core/scope.h"
#include "store/database.h"
#include "store/batch_insert.h"
#include "store/page.h"

namespace servq::store::org {

// A customer's stored fields.
struct CustomerRecord {
  int64_t id = 0;
  std::optional<std::string> external_id;
  std::string name;
  std::optional<std::string> phone, email, address;
  std::string category;
  std::optional<int64_t> referred_by_id;
  std::optional<std::string> referred_by;  // the referrer's external_id
  std::optional<std::string> tier;
  bool consent_contact = false, consent_survey = false;
};

// With the first and last encounter's start.
struct Customer : CustomerRecord {
  std::optional<std::string> first_visit, last_visit;
};

struct CustomerFilter {
  std::optional<std::string> category;
  std::optional<std::string> search;       // a LIKE pattern over the folded search text
  std::optional<std::string> external_id;  // exact
};

// Newest first.
Page<Customer> list_customers(Connection& c, const UnitScope& scope, const CustomerFilter& f, const PageRequest& page);
std::optional<Customer> find_visible_customer(Connection& c, const UnitScope& scope, int64_t id);
// Unscoped: for reading back what the caller has just written.
std::optional<Customer> find_customer(Connection& c, int64_t id);
// The id of a customer the scope reaches, by id or by stored phone.
std::optional<int64_t> visible_customer_id(Connection& c, const UnitScope& scope, int64_t id);
std::optional<int64_t> visible_customer_id_by_phone(Connection& c, const UnitScope& scope, const std::string& phone);

// The unique keys of a customer.
enum class CustomerKey { external_id, phone, email };
// The customer holding `value` under `key`, other than `except_id` (0: none excepted).
std::optional<int64_t> customer_id_by(Connection& c, CustomerKey key, const std::string& value, int64_t except_id = 0);

int64_t count_customers(Connection& c, const UnitScope& scope);
struct CategoryCount {
  std::string category;
  int64_t count = 0;
};
// Ordered by category.
std::vector<CategoryCount> customers_by_category(Connection& c, const UnitScope& scope);

struct CustomerFields {
  std::optional<std::string> external_id;
  std::string name;
  std::optional<std::string> phone, email, address;
  std::string category;
  std::optional<int64_t> referred_by_id;
  std::optional<std::string> tier;
  bool consent_contact = false, consent_survey = false;
  std::optional<int64_t> home_unit_id;  // the unit that registered the customer (insert only)
  std::string search;                   // org::customer_search_text
};
// The fields of a checked customer input, with its search text; no referrer, no home unit.
CustomerFields customer_fields(const servq::org::CustomerInput& in, std::string_view region);
int64_t insert_customer(Connection& c, const CustomerFields& f, const std::string& now);
// Every field but the home unit.
void update_customer(Connection& c, int64_t id, const CustomerFields& f, const std::string& now);
void delete_customer(Connection& c, int64_t id);

// ---- duplicates and merging ----
// Stored phones not in E.164 (an old form), by id after `after_id`, at most `limit`.
std::vector<std::pair<int64_t, std::string>> phones_not_e164(Connection& c, int64_t after_id, int64_t limit);
// A customer with what hangs on the record, as a merge decision needs it.
struct CustomerHoldings {
  int64_t id = 0;
  std::optional<std::string> external_id;
  std::string name;
  std::optional<std::string> phone, email;
  std::string created_at;
  int64_t encounters = 0, feedback = 0, responses = 0;
};
std::optional<CustomerHoldings> find_customer_holdings(Connection& c, int64_t id);
// How many records moved from one customer to another, per kind.
struct MovedRecords {
  int64_t encounters = 0, feedback = 0, invitations = 0, responses = 0, referrals = 0;
};
// Moves every encounter, feedback case, survey invitation and response, and referral of customer
// `from` to customer `to`.
MovedRecords move_customer_records(Connection& c, int64_t from, int64_t to);

// ---- imports ----
// Every customer's stored fields.
std::vector<CustomerRecord> all_customer_records(Connection& c);
// Every customer's id with its stored phone.
std::vector<std::pair<int64_t, std::optional<std::string>>> customer_phones(Connection& c);
// Updates the customer stored under f.external_id: every field but the referrer and home unit.
void update_customer_by_external_id(Connection& c, const CustomerFields& f, const std::string& now);
// Sets the referrer of the customer stored under `external_id` to the customer stored under
// `referrer_external_id` (none when nothing or nobody).
void set_referrer_by_external_id(Connection& c, const std::string& external_id,
                                 const std::optional<std::string>& referrer_external_id);
// Inserts customers in batches (no referrer, no home unit); flush() at the end.
class CustomerWriter {
 public:
  explicit CustomerWriter(Connection& c);
  void add(const CustomerFields& f, const std::string& now);
  void flush() { batch_.flush(); }

 private:
  BatchInsert batch_;
};

}  // namespace servq::store::org
