// Inserts rows in multi-row statements: far fewer round trips on PostgreSQL, fewer statements on
// SQLite. Used by the imports' writers; flush() before reading what was inserted.
#pragma once
#include <string>

#include "store/database.h"

namespace servq::store::org {

class BatchInsert {
 public:
  // `head`: "INSERT INTO table (a, b, ...)" naming `columns` columns.
  BatchInsert(Connection& c, std::string head, size_t columns) : c_(c), head_(std::move(head)), columns_(columns) {}
  void add(Params row);
  void flush();

 private:
  static constexpr size_t kBatch = 400;
  Connection& c_;
  std::string head_;
  size_t columns_;
  Params params_;
  size_t rows_ = 0;
};

}  // namespace servq::store::org
