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

// The text of a cell as written to CSV: formula-like text (=, +, -, @, tab, CR first) gets a
// leading apostrophe so that a spreadsheet shows it instead of evaluating it.
std::string neutralise_formula(const std::string& s);
// UTF-8 with a byte-order mark, so spreadsheet programs read Vietnamese and Chinese correctly.
// Text cells are neutralised (see above).
std::string to_csv(const Table& t);
// An .xlsx workbook with one sheet: a bold, frozen header row and auto-filter.
std::string to_xlsx(const Table& t);

}  // namespace servq::report
