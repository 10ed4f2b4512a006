// JSON received from outside (request bodies, definitions sent as strings, stored documents
// re-read) is parsed only after a lexical pass has bounded its nesting: nothing that walks a
// parsed document recursively can then exhaust the stack. Pure.
#pragma once
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

#include "core/result.h"

namespace servq::jsonin {

// Containers ([ or {) may nest this deep in anything servq accepts.
constexpr size_t kMaxDepth = 64;
// A questionnaire (SurveyJS panels nest in two JSON levels each) may nest this deep as JSON, so
// that the questionnaire reader, not this bound, names where a too-deep definition goes wrong.
constexpr size_t kMaxDefinitionDepth = 128;

// The deepest nesting of arrays and objects in `text`, counting only brackets outside strings;
// stops counting once `stop_above` is exceeded (returns a value > stop_above then).
size_t nesting_depth(std::string_view text, size_t stop_above = kMaxDepth);

// Parses `text` as JSON. Errors: http.json_too_deep (400) when nested deeper than max_depth,
// http.bad_json (400) when it is not JSON. `what` names the input in the message.
Result<nlohmann::json> parse_limited(std::string_view text, std::string_view what = "the request body",
                                     size_t max_depth = kMaxDepth);

}  // namespace servq::jsonin
