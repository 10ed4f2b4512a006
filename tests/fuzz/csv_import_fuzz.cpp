// libFuzzer target: arbitrary bytes through the CSV reader and both import row mappers. They
// must never crash, hang or read out of bounds, whatever the file holds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/csv.h"
#include "core/org/records.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto table = servq::csv::parse(in, 10000);
  if (!table) return 0;
  auto customers = servq::org::customers_from_csv(*table, "VN");
  static const auto zone = *servq::timeutil::Zone::find("Asia/Ho_Chi_Minh");
  auto encounters = servq::org::encounters_from_csv(*table, "VN", zone);
  for (const auto& e : customers.errors)
    if (e.line == 0) __builtin_trap();  // every error must name a line
  (void)encounters;
  return 0;
}
