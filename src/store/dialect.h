// Where SQLite and PostgreSQL differ, in one place: repositories ask the dialect instead of
// branching on the backend themselves.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace servq::store::dialect {

inline bool sqlite(const Connection& c) { return c.backend() == Backend::sqlite; }

// Serialises writers of `table` for the rest of the transaction where the engine needs it told
// (PostgreSQL: SHARE ROW EXCLUSIVE; SQLite's write transaction already holds the database).
void lock_for_writers(Connection& c, std::string_view table);

// " FOR UPDATE OF <alias>" on PostgreSQL (row locks), "" on SQLite (the write transaction
// already excludes other writers).
std::string for_update(const Connection& c, std::string_view alias);

// A read transaction that sees one snapshot for all its statements (PostgreSQL: REPEATABLE
// READ; SQLite's read transactions already do). Call first inside the transaction.
void snapshot_reads(Connection& c);

// A text array literal for PostgreSQL ('{"a","b"}'), bound with CAST(? AS TEXT[]).
std::string text_array(const std::vector<std::string>& items);

}  // namespace servq::store::dialect

// ---- survey: intake, folding, analysis (helper ana) ----
namespace servq::store::dialect {

// Makes writers of survey responses and of the cells take turns for the rest of the
// transaction (PostgreSQL: a transaction-scoped advisory lock on `key`; SQLite's write
// transaction is exclusive already). Taking it again in the same transaction is free.
void take_turn(Connection& c, int64_t key);

// Prepares the intake writer's own connection. `group_commit`: the caller makes commits durable
// itself (fdatasync of the write-ahead log) and wants COMMIT to return once the log is written.
// Returns whether that applies (SQLite); otherwise COMMIT syncs as usual (PostgreSQL, or
// group_commit false). On SQLite the writer never checkpoints: checkpoint_wal() does, later.
bool prepare_intake_writer(Connection& c, bool group_commit);

// Copies the write-ahead log into the database file without blocking writers (SQLite); a
// no-op on PostgreSQL.
void checkpoint_wal(Connection& c);

// "?" on SQLite, "?::<type>" on PostgreSQL (whose CASE does not infer parameter types); an empty
// type stays "?" (text).
std::string typed_param(const Connection& c, std::string_view pg_type);

}  // namespace servq::store::dialect
