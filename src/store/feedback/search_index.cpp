#include "store/feedback/search_index.h"

#include <algorithm>

#include "store/dialect.h"

namespace servq::store::feedback::search_index {

namespace {
// The FTS5 row's text: the search tokens separated by spaces.
std::string fts_text(const std::string& search) {
  std::string joined;
  for (auto& t : text::search_tokens(search)) joined += (joined.empty() ? "" : " ") + t;
  return joined;
}
}  // namespace

// The LIKE decides (the index holds a superset of both searchable texts); the index narrows the
// candidates first.
void add_conditions(Connection& c, const text::SearchQuery& q, bool public_only, Where& w) {
  if (q.folded.empty()) return;
  Value pattern = like_pattern(q.folded);
  w.add(public_only ? "f.search_public LIKE ? ESCAPE '\\'" : "f.search LIKE ? ESCAPE '\\'", {pattern});
  if (q.needs_scan) return;
  if (dialect::sqlite(c)) {
    std::string phrase = "\"";
    for (size_t i = 0; i < q.tokens.size(); ++i) phrase += (i ? " " : "") + q.tokens[i];
    phrase += "\"";
    if (q.last_is_prefix) phrase += " *";
    Value match = phrase;
    w.add("f.id IN (SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH ?)", {match});
    return;
  }
  // Whole tokens must all be present (GIN); the last may still be typed, so LIKE checks it.
  size_t whole = q.tokens.size() - (q.last_is_prefix ? 1 : 0);
  if (whole == 0) return;
  std::vector<std::string> tokens(q.tokens.begin(), q.tokens.begin() + static_cast<long>(whole));
  Value all_of = dialect::text_array(tokens);
  w.add("f.search_tokens @> CAST(? AS TEXT[])", {all_of});
}

std::optional<std::string> token_array(const Connection& c, const std::string& search) {
  if (dialect::sqlite(c)) return std::nullopt;
  auto tokens = text::search_tokens(search);
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return dialect::text_array(tokens);
}

void index_new_cases(Connection& c, const std::vector<int64_t>& ids, const std::vector<std::string>& searches) {
  if (!dialect::sqlite(c)) return;
  for (size_t k = 0; k < ids.size(); k += 400) {
    size_t n = std::min<size_t>(400, ids.size() - k);
    std::string sql = "INSERT INTO feedback_fts (rowid, tokens) VALUES ";
    Params prm;
    for (size_t j = k; j < k + n; ++j) {
      sql += j > k ? ", (?, ?)" : "(?, ?)";
      prm.emplace_back(std::in_place_type<int64_t>, ids[j]);
      prm.emplace_back(std::in_place_type<std::string>, fts_text(searches[j]));
    }
    c.execute(sql, prm);
  }
}

}  // namespace servq::store::feedback::search_index
