#include "core/csv.h"

#include <csv.h>

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace servq::csv {
namespace {

struct ParseState {
  std::vector<std::vector<std::string>> records;
  std::vector<size_t> starts;
  std::vector<std::string> current;
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
  bool blank = st->current.empty() || (st->current.size() == 1 && st->current[0].empty());
  if (!blank) {
    if (st->records.size() > st->max_rows) {
      st->too_many = true;
    } else {
      st->records.push_back(std::move(st->current));
      st->starts.push_back(st->record_start);
    }
  }
  st->current.clear();
}

}  // namespace

Result<Table> parse(std::string_view data, size_t max_rows) {
  if (data.size() >= 3 && data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  if (!text::valid_utf8(data)) {
    // Find the first bad line so the user knows where to look.
    size_t line = 1, start = 0;
    for (size_t i = 0; i <= data.size(); ++i) {
      if (i == data.size() || data[i] == '\n') {
        if (!text::valid_utf8(data.substr(start, i - start))) break;
        ++line;
        start = i + 1;
      }
    }
    return Error{"csv.encoding", "line " + std::to_string(line) + " is not valid UTF-8; save the file as UTF-8",
                 std::to_string(line), 422};
  }
  csv_parser p{};
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
    return Error{"csv.internal", "could not start the CSV parser", "", 500};
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
  for (auto& h : st.records[0]) {
    std::string name = text::trim(h);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    t.header.push_back(name);
  }
  t.rows.reserve(st.records.size() - 1);
  for (size_t i = 1; i < st.records.size(); ++i)
    t.rows.push_back(Record{st.starts[i], std::move(st.records[i])});
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
