// Phone numbers as people write them (issue 11 §2): "+84 (0) 98 123 4567", "0084 98 123 4567",
// "098 123 4567" and "(+86) 138 0013 8000" are read with libphonenumber against the
// organisation's default region (a setting, VN or CN) and stored in E.164 ("+84981234567"), the
// one form customers and encounters are matched on. Pure: no I/O.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace servq::phone {

inline constexpr std::string_view kDefaultRegion = "VN";

// True when libphonenumber knows the region ("VN", "CN", ...; upper case, two letters).
bool known_region(std::string_view region);

// Why a number was refused: "phone.not_a_number" (no digits, letters), "phone.invalid" (not a
// number that exists in the numbering plan), "phone.extension" (an extension cannot be stored).
struct Refusal {
  std::string reason;
};

// The number in E.164, or why not. `region` is used for numbers written without a country code.
std::optional<std::string> to_e164(std::string_view input, std::string_view region, Refusal* why = nullptr);

// A phone as servq stored it before E.164 (digits, national "0981234567" or international without
// its "+", "8613800138000") in E.164; nothing when it reads as no valid number.
std::optional<std::string> from_stored(std::string_view stored, std::string_view region);

// The validation error for a refused number, naming `field` and carrying the value and region as
// params: code is `code` (e.g. "customer.phone_invalid"), the message says what was expected.
Error invalid_number(const std::string& code, const std::string& field, std::string_view input,
                     std::string_view region, const Refusal& why);

// How the number is shown: national form ("098 123 45 67") when it belongs to `region`,
// international ("+86 138 0013 8000") otherwise; the input unchanged when it is not E.164.
std::string display(std::string_view e164, std::string_view region);

// The text a search index keeps for a number: its E.164 digits and its national digits
// ("84981234567 0981234567"), so that a clerk finds it by any part of either form.
std::string search_text(std::string_view e164, std::string_view region);

// The digits a whole number is searched by: its national digits when it belongs to `region`
// (records stored before E.164 hold only those), its E.164 digits otherwise.
std::string search_key(std::string_view e164, std::string_view region);

// A search query that is a whole phone number, in E.164; nothing otherwise.
std::optional<std::string> query_number(std::string_view q, std::string_view region);

// The digits of a query written only with digits, spaces and phone punctuation ("098 123",
// "+84 98"), so that part of a number matches the digits kept in `search`; nothing otherwise.
std::optional<std::string> partial_digits(std::string_view q);

}  // namespace servq::phone
