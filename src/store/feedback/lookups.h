// What the feedback use cases read of other domains' tables (units, staff, customers) outside a
// JOIN: narrow look-ups, to be consolidated into those domains' repositories.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace servq::store::feedback {

struct CustomerContact {
  int64_t id = 0;
  std::optional<std::string> name, phone, address;
};
std::optional<CustomerContact> customer_contact(Connection& c, int64_t customer_id);

std::map<std::string, int64_t> customer_ids_by_phone(Connection& c);
// id (as text, the way grouped rows carry it) → code, to name groups counted by id.
std::map<std::string, std::string> unit_codes_by_id(Connection& c);
std::map<std::string, std::string> staff_codes_by_id(Connection& c);

}  // namespace servq::store::feedback
