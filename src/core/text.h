// Text rules shared by every domain: search folding for Vietnamese and Chinese, phone and
// e-mail normalisation, UTF-8 checks. Pure functions.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace servq::text {

// Lower-cases, strips Vietnamese diacritics (đ→d) and collapses whitespace, so that
// "Thái Độ" and "thai do" fold to the same string. CJK and other letters pass unchanged.
std::string fold(std::string_view s);

// Digits only; a leading +84/84 country code becomes 0. Empty optional when the result does not
// have 8..15 digits.
std::optional<std::string> normalize_phone(std::string_view s);

// Lower-cased, trimmed; empty optional unless it looks like local@domain.tld.
std::optional<std::string> normalize_email(std::string_view s);

std::string trim(std::string_view s);
bool valid_utf8(std::string_view s);
// A code for units/staff: 1..40 chars of A-Z a-z 0-9 - _ .
bool valid_code(std::string_view s);

}  // namespace servq::text
