// Exports a table (a header and rows of text or numbers) as CSV or XLSX: every list's export
// (PRODUCT.md I2) goes through here.
#pragma once
#include <string>
#include <variant>
#include <vector>

namespace servq::report {

using Cell = std::variant<std::monostate, std::string, double>;

struct Table {
  std::string sheet_name = "servq";
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

// UTF-8 with a byte-order mark, so spreadsheet programs read Vietnamese and Chinese correctly.
std::string to_csv(const Table& t);
// An .xlsx workbook with one sheet: a bold, frozen header row and auto-filter.
std::string to_xlsx(const Table& t);

}  // namespace servq::report
