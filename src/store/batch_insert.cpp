#include "store/batch_insert.h"

#include "store/filter.h"

namespace servq::store {

void BatchInsert::add(Params row) {
  for (auto& v : row) params_.push_back(std::move(v));
  if (++rows_ == per_statement_) flush();
}

void BatchInsert::flush() {
  if (!rows_) return;
  const std::string tuple = placeholders(columns_);
  std::string sql = head_ + " VALUES ";
  for (size_t i = 0; i < rows_; ++i) sql += (i ? ", " : "") + tuple;
  c_.execute(sql, params_);
  params_.clear();
  rows_ = 0;
}

}  // namespace servq::store
