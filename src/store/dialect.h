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
