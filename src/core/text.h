// Text rules shared by every domain: search folding for Vietnamese and Chinese, phone and
// e-mail normalisation, UTF-8 checks. Pure functions.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace servq::text {

// Lower-cases, strips Vietnamese diacritics (đ→d) and collapses whitespace, so that
// "Thái Độ" and "thai do" fold to the same string. CJK and other letters pass unchanged.
std::string fold(std::string_view s);

// Digits only; a leading +84/84 country code becomes 0. Empty optional when the result does not
// have 8..15 digits.

// Lower-cased, trimmed; empty optional unless it looks like local@domain.tld.
std::optional<std::string> normalize_email(std::string_view s);

// Full-text search tokens (for an index that splits on spaces): the folded text's words, and
// each run of CJK characters as its overlapping bigrams ("护士态度" → "护士 士态 态度"), so that
// two-character Chinese words are found. A lone CJK character stays a token of its own.
std::vector<std::string> search_tokens(std::string_view s);

// A search query prepared for the index: its tokens, whether the last one may be a word still
// being typed (prefix match), and whether the index cannot answer it (a single CJK character),
// in which case callers fall back to a substring scan of the folded text.
struct SearchQuery {
  std::string folded;
  std::vector<std::string> tokens;
  bool last_is_prefix = false;
  bool needs_scan = false;
};
SearchQuery prepare_query(std::string_view q);

std::string trim(std::string_view s);
bool valid_utf8(std::string_view s);
// A code for units/staff: 1..40 chars of A-Z a-z 0-9 - _ .
bool valid_code(std::string_view s);

}  // namespace servq::text
