// The feedback search index, where the engines differ: SQLite keeps the cases' search tokens in
// an FTS5 table (feedback_fts, rowid = case id), PostgreSQL in a GIN-indexed token array
// (feedback.search_tokens). Tokens are core/text's folded words and CJK bigrams.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/text.h"
#include "store/database.h"
#include "store/filter.h"

namespace servq::store::feedback::search_index {

// Search terms as conditions on `f` (the feedback table): the folded text must occur in the
// searchable text (`public_only`: reference and content only), narrowed by the token index.
void add_conditions(Connection& c, const text::SearchQuery& q, bool public_only, Where& w);

// PostgreSQL: the value of feedback.search_tokens for a case's search text (bound with
// CAST(? AS TEXT[])); nullopt on SQLite, whose index is a table of its own.
std::optional<std::string> token_array(const Connection& c, const std::string& search);

// SQLite: adds new cases to the FTS5 table, few statements for many cases; nothing on PostgreSQL
// (the tokens went in with the row).
void index_new_cases(Connection& c, const std::vector<int64_t>& ids, const std::vector<std::string>& searches);

}  // namespace servq::store::feedback::search_index
