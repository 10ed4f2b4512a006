// libFuzzer target: arbitrary bytes through the CSV reader (its encoding detection and
// conversion included), both import row mappers and the typed-date reader. They must never
// crash, hang or read out of bounds, whatever the file holds. The first byte picks the declared
// encoding and the date order.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/csv.h"
#include "core/encoding.h"
#include "core/org/records.h"
#include "core/typed_date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view encoding = "auto";
  auto order = servq::typed_date::Order::ymd;
  if (!in.empty()) {
    auto pick = static_cast<unsigned char>(in[0]);
    constexpr size_t n = std::size(servq::encoding::kNames);
    if (pick >= 0xF0) encoding = servq::encoding::kNames[pick % n];
    order = static_cast<servq::typed_date::Order>(pick % 3);
  }
  auto table = servq::csv::parse(in, 10000, encoding);
  if (!table) return 0;
  auto customers = servq::org::customers_from_csv(*table, "VN");
  static const auto zone = *servq::timeutil::Zone::find("Asia/Ho_Chi_Minh");
  auto encounters = servq::org::encounters_from_csv(*table, "VN", zone, order);
  for (const auto& r : table->rows)
    for (const auto& f : r.fields) {
      auto d = servq::typed_date::read(f, order);
      if (d.error.empty() && d.value.size() < 19) __builtin_trap();  // always YYYY-MM-DDTHH:MM:SS…
    }
  for (const auto& e : customers.errors)
    if (e.line == 0) __builtin_trap();  // every error must name a line
  (void)encounters;
  return 0;
}
