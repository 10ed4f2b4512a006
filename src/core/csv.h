// RFC 4180 CSV reading on top of libcsv, for files as Excel writes them: any encoding
// core/encoding reads (UTF-8 with or without BOM, UTF-16 with BOM, GB18030, Windows-1258),
// delimiter `,` `;` or tab detected from the header line (outside quotes; the most frequent
// wins, a tie or none means `,`), quoted fields with embedded delimiters and newlines, CRLF.
// Rows whose cells are all empty (`,,,,`) and blank lines are skipped; trailing empty header
// cells and trailing empty cells beyond the header are dropped. Each record remembers the
// physical line it starts on and its row as a spreadsheet shows it (header = row 1), so import
// errors can name both. Pure: parses a buffer.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace servq::csv {

struct Record {
  size_t line = 0;  // 1-based physical line where the record starts (the header is line 1)
  size_t row = 0;   // 1-based row as a spreadsheet shows it (quoted newlines do not count)
  std::vector<std::string> fields;
};

struct Table {
  std::vector<std::string> header;  // trimmed, lower-cased column names
  std::vector<Record> rows;         // data records; blank lines are skipped
  std::string encoding = "utf-8";   // what the file was read as
  char delimiter = ',';

  // The spreadsheet row of the record starting on physical line `line` (the line itself when
  // no record starts there).
  size_t row_of_line(size_t line) const;
};

// Errors: "csv.empty", "csv.malformed" (unterminated quote), "csv.too_many_rows", and the
// encoding errors of core/encoding (import.encoding_*). Error::field holds the line number as
// text for malformed input. `encoding` is the caller's option ("auto" detects).
Result<Table> parse(std::string_view data, size_t max_rows = 2'000'000, std::string_view encoding = "auto");

// The delimiter of a header line: the most frequent of `,` `;` tab outside quotes; `,` on a tie.
char detect_delimiter(std::string_view text);

// Quotes a value for writing when it holds a comma, quote or newline.
std::string quote(std::string_view v);

}  // namespace servq::csv
