#include "store/dialect.h"

namespace servq::store::dialect {

void lock_for_writers(Connection& c, std::string_view table) {
  if (!sqlite(c)) c.exec_script("LOCK TABLE " + std::string(table) + " IN SHARE ROW EXCLUSIVE MODE");
}

std::string for_update(const Connection& c, std::string_view alias) {
  return sqlite(c) ? std::string() : " FOR UPDATE OF " + std::string(alias);
}

void snapshot_reads(Connection& c) {
  if (!sqlite(c)) c.exec_script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
}

std::string text_array(const std::vector<std::string>& items) {
  std::string arr = "{";
  for (size_t i = 0; i < items.size(); ++i) arr += (i ? ",\"" : "\"") + items[i] + "\"";
  return arr + "}";
}

}  // namespace servq::store::dialect
