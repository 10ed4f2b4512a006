#include "core/json_input.h"

namespace servq::jsonin {

size_t nesting_depth(std::string_view text, size_t stop_above) {
  size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;  // skips the escaped character, a quote included
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stop_above) return deepest;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Result<nlohmann::json> parse_limited(std::string_view text, std::string_view what, size_t max_depth) {
  if (nesting_depth(text, max_depth) > max_depth)
    return Error{"http.json_too_deep",
                 std::string(what) + " nests arrays and objects more than " + std::to_string(max_depth) + " levels deep",
                 "", 400};
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return Error{"http.bad_json", std::string(what) + " is not valid JSON", "", 400};
  return j;
}

}  // namespace servq::jsonin
