#include "core/csv.h"

#include <csv.h>

#include <algorithm>
#include <cctype>

#include "core/encoding.h"
#include "core/text.h"

namespace servq::csv {
namespace {

struct ParseState {
  std::vector<std::vector<std::string>> records;
  std::vector<size_t> starts;
  std::vector<size_t> rows;
  std::vector<std::string> current;
  size_t embedded = 0;      // newlines inside quoted fields of the records so far
  size_t line = 1;          // physical line being fed
  size_t record_start = 1;  // line where the current record began
  bool too_many = false;
  size_t max_rows = 0;
};

void on_field(void* s, size_t len, void* data) {
  auto* st = static_cast<ParseState*>(data);
  if (s) {
    st->current.emplace_back(static_cast<const char*>(s), len);
  } else {
    st->current.emplace_back();
  }
}

void on_record(int, void* data) {
  auto* st = static_cast<ParseState*>(data);
  // Excel writes `,,,,` for rows whose cells were once used: such a row is blank too.
  bool blank = std::all_of(st->current.begin(), st->current.end(),
                           [](const std::string& f) { return text::trim(f).empty(); });
  size_t row = st->record_start - st->embedded;
  if (st->line > st->record_start) st->embedded += st->line - st->record_start;
  if (!blank) {
    if (st->records.size() > st->max_rows) {
      st->too_many = true;
    } else {
      st->records.push_back(std::move(st->current));
      st->starts.push_back(st->record_start);
      st->rows.push_back(row);
    }
  }
  st->current.clear();
}

int only_space(unsigned char c) { return c == ' ' ? 1 : 0; }

}  // namespace

char detect_delimiter(std::string_view text) {
  size_t comma = 0, semi = 0, tab = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++comma;
    if (c == ';') ++semi;
    if (c == '\t') ++tab;
  }
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}

size_t Table::row_of_line(size_t line) const {
  if (line <= 1) return line;
  auto it = std::lower_bound(rows.begin(), rows.end(), line, [](const Record& r, size_t l) { return r.line < l; });
  if (it != rows.end() && it->line == line) return it->row;
  return line;
}

Result<Table> parse(std::string_view raw, size_t max_rows, std::string_view encoding) {
  auto decoded = encoding::to_utf8(raw, encoding);
  if (!decoded) return decoded.error();
  std::string_view data = decoded->text;
  char delim = detect_delimiter(data);
  csv_parser p{};
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
    return Error{"csv.internal", "could not start the CSV parser", "", 500};
  csv_set_delim(&p, delim);
  if (delim == '\t') csv_set_space_func(&p, only_space);
  ParseState st;
  st.max_rows = max_rows;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    size_t end = nl == std::string_view::npos ? data.size() : nl + 1;
    if (p.pstate == 0 && st.current.empty()) st.record_start = st.line;  // between records
    if (csv_parse(&p, data.data() + pos, end - pos, on_field, on_record, &st) != end - pos) {
      csv_free(&p);
      return Error{"csv.malformed", "line " + std::to_string(st.line) + ": " + csv_strerror(csv_error(&p)),
                   std::to_string(st.line), 422};
    }
    if (st.too_many) break;
    pos = end;
    ++st.line;
  }
  --st.line;  // the last fed line
  if (csv_fini(&p, on_field, on_record, &st) != 0) {
    size_t at = st.record_start;
    csv_free(&p);
    return Error{"csv.malformed",
                 "line " + std::to_string(at) + ": a quoted field is never closed", std::to_string(at),
                 422};
  }
  csv_free(&p);
  if (st.too_many)
    return Error{"csv.too_many_rows", "the file has more than " + std::to_string(max_rows) + " rows",
                 "", 413};
  if (st.records.empty()) return Error{"csv.empty", "the file is empty; it needs a header line", "", 422};
  Table t;
  t.encoding = decoded->encoding;
  t.delimiter = delim;
  for (auto& h : st.records[0]) {
    std::string name = text::trim(h);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    t.header.push_back(name);
  }
  // Blank header cells at the end (a column once used in Excel) are no columns.
  while (!t.header.empty() && t.header.back().empty()) t.header.pop_back();
  t.rows.reserve(st.records.size() - 1);
  for (size_t i = 1; i < st.records.size(); ++i) {
    auto& f = st.records[i];
    while (f.size() > t.header.size() && text::trim(f.back()).empty()) f.pop_back();
    t.rows.push_back(Record{st.starts[i], st.rows[i], std::move(f)});
  }
  return t;
}

std::string quote(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace servq::csv
