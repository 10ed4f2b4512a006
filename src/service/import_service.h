// CSV import of customers and encounters (PRODUCT.md I1): every line is validated first, against
// the file itself and the database; on any error nothing is stored and every error is reported
// with its line and field. Rows whose external_id is already stored are left unchanged, so the
// same file imported twice adds its rows once. The write is one transaction: a crash mid-way
// leaves the database as it was.
#pragma once
#include <functional>

#include "core/org/records.h"
#include "service/common.h"

namespace servq::service {

// Called now and then with a phase ("parse", "validate", "write") and rows done / total.
using Progress = std::function<void(std::string_view phase, size_t done, size_t total)>;

// What the importing user says about the file: its encoding ("auto" detects, core/encoding) and
// the order of day, month and year in typed dates (core/typed_date).
struct ImportOptions {
  std::string encoding = "auto";
  typed_date::Order date_order = typed_date::Order::ymd;
};

// The file of an import by `a`: refused unless the role imports data; then read as CSV in the
// options' encoding (reporting the "parse" phase).
Result<csv::Table> read_import_file(const Actor& a, std::string_view data, const Progress& progress,
                                    const ImportOptions& options);

struct ImportOutcome {
  json report;                          // {kind,total,created,unchanged,dry_run} when it succeeded
  std::vector<org::LineError> errors;   // non-empty when nothing was stored
};

Result<ImportOutcome> import_customers(store::Database& db, const Actor& a, std::string_view csv_data,
                                       bool dry_run, const Progress& progress = {}, const ImportOptions& options = {});
Result<ImportOutcome> import_encounters(store::Database& db, const Actor& a, std::string_view csv_data,
                                        bool dry_run, const Progress& progress = {},
                                        const ImportOptions& options = {});

}  // namespace servq::service
