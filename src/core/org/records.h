// The organisation's records as they arrive from the API or a CSV line (PRODUCT.md O1–O4), and
// the rules that make them valid. check_* normalise in place (phone, e-mail, timestamps) and
// return every problem, each naming its field, so an import can report them all at once.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/result.h"
#include "core/typed_date.h"
#include "core/time.h"

namespace servq::org {

inline constexpr std::string_view kCategories[] = {"long_term", "referred", "first_time"};

struct CustomerInput {
  std::string external_id;
  std::string name;
  std::optional<std::string> phone, email, address, referred_by, tier;
  std::string category = "first_time";
  bool consent_contact = false;
  bool consent_survey = false;
};

struct EncounterInput {
  std::string external_id;
  std::optional<int64_t> customer_id;
  std::optional<std::string> customer_phone;
  std::string unit;                  // unit code
  std::optional<std::string> staff;  // employee code
  std::string service;
  std::string started_at;  // canonical UTC after check
  int64_t amount = 0;      // smallest currency unit
  bool converted = false;
};

std::optional<bool> parse_bool(std::string_view s);
std::optional<int64_t> parse_amount(std::string_view s);

// `region` is the organisation's default phone region (VN, CN): numbers written without a country
// code belong to it; phones come out in E.164.
std::vector<Error> check_customer(CustomerInput& c, std::string_view region);
// started_at without an offset is local time in `zone` (the organisation's).
// `started_at_refused`: the caller has already refused started_at itself (the CSV import does, with
// the cell's row and column), so it is not reported a second time.
std::vector<Error> check_encounter(EncounterInput& e, std::string_view region, const timeutil::Zone& zone,
                                   bool started_at_refused = false);

// The folded text a customer is found by: name, external id, the phone's E.164 and national
// digits, e-mail.
std::string customer_search_text(const CustomerInput& c, std::string_view region);

// A CSV line's problems, as the import report shows them.
struct LineError {
  size_t line;
  std::string field;
  std::string code;
  std::string message;
  // Values the message is made of (value, expected…), for the web app's translation; the API
  // adds row and column to every error.
  std::vector<std::pair<std::string, std::string>> params = {};
  size_t row = 0;  // spreadsheet row (header = 1); 0 until number_rows fills it
};

// Reads a typed date cell (core/typed_date) of `column`; on a bad value records an error naming
// row, column, value and the expected form, and returns nothing.
std::optional<std::string> read_date_cell(const csv::Record& r, const std::string& column, std::string_view value,
                                          typed_date::Order order, std::vector<LineError>& errors);

// Sets each error's spreadsheet row from its line.
void number_rows(std::vector<LineError>& errors, const csv::Table& t);

template <typename T>
struct ParsedRows {
  std::vector<T> rows;
  std::vector<size_t> lines;  // physical line of each row
  std::vector<LineError> errors;
};

// Maps CSV columns (named as the JSON fields) to inputs and checks each line; also flags an
// external_id, phone or e-mail that appears twice in the file.
ParsedRows<CustomerInput> customers_from_csv(const csv::Table& t, std::string_view region);
ParsedRows<EncounterInput> encounters_from_csv(const csv::Table& t, std::string_view region, const timeutil::Zone& zone,
                                             typed_date::Order order = typed_date::Order::ymd);

}  // namespace servq::org
