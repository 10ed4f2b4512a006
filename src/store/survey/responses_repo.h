// Reading survey responses: the response and comment lists with their slice filters, the
// imported responses' external ids; and the few lookups of other domains' tables the survey
// use cases need (staff by employee code, customers by phone, unit and staff directories).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "core/scope.h"
#include "store/database.h"
#include "store/page.h"

namespace servq::store::survey {

struct Response {
  int64_t id = 0;
  std::string submitted_at, channel;
  std::optional<std::string> unit_code, staff_code;
  std::optional<int64_t> campaign_id;
  std::string lang;
  std::string answers;  // JSON text
  std::optional<int64_t> feedback_id;
  std::optional<std::string> category;
};

struct ResponseFilter {
  int64_t survey_id = 0;
  std::optional<std::string> unit_path;  // the unit's subtree
  std::optional<int64_t> staff_id;
  std::optional<std::string> category, channel;
  std::optional<std::string> campaign_id;  // as given (bound as text)
  std::optional<std::string> from, to;     // submitted_at, both inclusive
  bool with_comments = false;              // only responses with a text answer
  std::optional<std::string> comment;      // a LIKE pattern over the folded text answers
};

// Newest first, within the scope's figures.
Page<Response> list_responses(Connection& c, const UnitScope& scope, const ResponseFilter& f, const PageRequest& page);

// The external ids of a questionnaire's imported responses.
std::set<std::string> external_ids(Connection& c, int64_t survey_id);

// Other domains' tables, read by the survey use cases (narrow lookups; consolidated at merge).
std::optional<int64_t> staff_id_by_code(Connection& c, const std::string& employee_code);
struct CustomerRef {
  int64_t id = 0;
  std::string category;
};
std::optional<CustomerRef> customer_by_phone(Connection& c, const std::string& e164);
std::optional<int64_t> newest_unit_id(Connection& c);

}  // namespace servq::store::survey
