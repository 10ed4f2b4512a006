// Dates and times as people type them into a spreadsheet (issue 11 §2), read under a date
// order the importing user chose: dmy (Vietnam), ymd (China), mdy.
//   01/10/2026   1/10/2026 06:30   01-10-2026   1.10.2026 06:30:15   (order decides day/month)
//   2026-10-01 06:30   2026/10/01   2026-10-01T06:30:00   (a four-digit first part: always y-m-d)
//   2026年10月1日   2026年10月1日 06:30
// A four-digit year is required: `01/10/26` is ambiguous, never guessed. Under ymd, a
// day/month/year value is read only when one reading alone is a valid date (25/10/2026), else it
// is ambiguous. A date that does not exist (31/02/2026, 25/13/2026) or a time past 23:59:59 is
// impossible. The result is offsetless "YYYY-MM-DDTHH:MM:SS" (local time, handed to the time
// normaliser); a value with an explicit offset or `Z` keeps it ("...T06:30:00+07:00").
// Pure.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace servq::typed_date {

enum class Order { dmy, mdy, ymd };

std::optional<Order> parse_order(std::string_view s);  // "dmy" | "mdy" | "ymd"
std::string_view order_name(Order o);
// The form expected under an order, for messages: "DD/MM/YYYY [HH:MM[:SS]]".
std::string expected(Order o);

struct Outcome {
  std::string value;  // the ISO string when error is empty
  std::string error;  // "", "import.date_invalid", "import.date_ambiguous", "import.date_impossible"
};

Outcome read(std::string_view text, Order order);

}  // namespace servq::typed_date
