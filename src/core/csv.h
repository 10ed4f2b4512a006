// RFC 4180 CSV reading on top of libcsv: quoted fields, embedded commas and newlines, UTF-8
// with or without a BOM. Each record remembers the physical line it starts on, so import errors
// can name the line a user sees in a text editor. Pure: parses a buffer.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace servq::csv {

struct Record {
  size_t line = 0;  // 1-based physical line where the record starts (the header is line 1)
  std::vector<std::string> fields;
};

struct Table {
  std::vector<std::string> header;  // trimmed, lower-cased column names
  std::vector<Record> rows;         // data records; blank lines are skipped
};

// Errors: "csv.empty", "csv.malformed" (unterminated quote), "csv.encoding" (not UTF-8),
// "csv.too_many_rows". Error::field holds the line number as text for malformed input.
Result<Table> parse(std::string_view data, size_t max_rows = 2'000'000);

// Quotes a value for writing when it holds a comma, quote or newline.
std::string quote(std::string_view v);

}  // namespace servq::csv
