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

// ---- survey: intake, folding, analysis (helper ana) ----
namespace servq::store::dialect {

void take_turn(Connection& c, int64_t key) {
  if (!sqlite(c)) c.query("SELECT pg_advisory_xact_lock(" + std::to_string(key) + ")");
}

bool prepare_intake_writer(Connection& c, bool group_commit) {
  if (!sqlite(c)) return false;
  c.exec_script(group_commit ? "PRAGMA wal_autocheckpoint=0; PRAGMA synchronous=NORMAL" : "PRAGMA wal_autocheckpoint=0");
  return group_commit;
}

void checkpoint_wal(Connection& c) {
  if (sqlite(c)) c.query("PRAGMA wal_checkpoint(PASSIVE)");
}

std::string typed_param(const Connection& c, std::string_view pg_type) {
  if (sqlite(c) || pg_type.empty()) return "?";
  return "?::" + std::string(pg_type);
}

}  // namespace servq::store::dialect
