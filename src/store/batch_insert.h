// Inserts rows in multi-row statements: far fewer round trips on PostgreSQL, fewer statements on
// SQLite. Used by the imports' writers, the survey intake and the generators; flush() before
// reading what was inserted.
#pragma once
#include <string>

#include "store/database.h"

namespace servq::store {

class BatchInsert {
 public:
  // `head`: "INSERT INTO table (a, b, ...)" naming `columns` columns; a statement carries at most
  // `rows_per_statement` rows (their parameters stay under SQLite's limit of 32 766).
  BatchInsert(Connection& c, std::string head, size_t columns, size_t rows_per_statement = 400)
      : c_(c), head_(std::move(head)), columns_(columns), per_statement_(rows_per_statement) {}
  void add(Params row);
  void flush();

 private:
  Connection& c_;
  std::string head_;
  size_t columns_, per_statement_;
  Params params_;
  size_t rows_ = 0;
};

}  // namespace servq::store
