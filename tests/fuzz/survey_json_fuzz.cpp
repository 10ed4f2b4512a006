// libFuzzer target for the questionnaire reader and the answer checker (core/survey): the input
// is "<SurveyJS JSON>\n<answers JSON>". Neither may crash, hang or read out of bounds, whatever
// the bytes; a questionnaire that parses must score and accumulate any answers it accepts.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/survey/questionnaire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto nl = in.find('\n');
  auto def = servq::survey::json::parse(in.substr(0, nl), nullptr, false);
  if (def.is_discarded()) return 0;
  auto q = servq::survey::parse(def);
  if (!q) return 0;
  if (nl == std::string_view::npos) return 0;
  auto answers = servq::survey::json::parse(in.substr(nl + 1), nullptr, false);
  if (answers.is_discarded()) return 0;
  auto s = servq::survey::score(*q, answers);
  if (!s) return 0;
  std::vector<double> cell(q->layout.size, 0.0);
  servq::survey::accumulate(*q, *s, cell);
  (void)servq::survey::followup_reason(*q, *s);
  return 0;
}
