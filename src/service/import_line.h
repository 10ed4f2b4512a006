#pragma once
// One line of a CSV import being checked (feedback cases, survey responses): its cells by column
// name, the errors it adds to the report, and the checks every such import makes the same way
// (field count, unit and staff codes, phone numbers).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/csv.h"
#include "core/org/records.h"

namespace servq::service {

// The file's columns by (lower-case) header name.
using ColumnIndex = std::map<std::string, size_t>;

class ImportLine {
 public:
  ImportLine(const csv::Record& rec, const ColumnIndex& cols, std::vector<org::LineError>& errors)
      : rec_(rec), cols_(cols), errors_(errors) {}

  const csv::Record& record() const { return rec_; }
  // The trimmed cell of `column`; "" when the file has no such column or the line is short.
  std::string get(const std::string& column) const;
  void err(const std::string& field, const std::string& code, const std::string& message);

  // "has N fields, the header has M" when the line's field count differs from the header's.
  void check_field_count(size_t header_size);
  // The id of the code in `column` (unit, staff) looked up in `ids`; an unknown code is reported
  // as import.<column>_unknown. nullopt when the cell is empty or unknown.
  std::optional<int64_t> code_id(const std::string& column, const std::map<std::string, int64_t>& ids);
  // The number in `column` in E.164 (read in `region` when it has no country code); an invalid
  // one is reported as import.<column>_invalid. nullopt when the cell is empty or invalid.
  std::optional<std::string> phone(const std::string& column, const std::string& region);

 private:
  const csv::Record& rec_;
  const ColumnIndex& cols_;
  std::vector<org::LineError>& errors_;
};

}  // namespace servq::service
