#include "report/table_export.h"

#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/csv.h"

namespace servq::report {

// A text cell that a spreadsheet would read as a formula (=, +, -, @, or a tab or CR before one)
// is written with a leading apostrophe, which Excel and LibreOffice show as text (CSV injection).
std::string neutralise_formula(const std::string& s) {
  if (s.empty() || !(s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    return s;
  // A sign and digits only ("+84981234567", "-5") is a number to a spreadsheet, never a formula
  // that can call anything: left as it is, so that phone numbers in E.164 export unchanged.
  if ((s[0] == '+' || s[0] == '-') && s.size() > 1 &&
      std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return s;
  return "'" + s;
}

std::string to_csv(const Table& t) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const auto& cells, auto render) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += csv::quote(render(cells[i]));
    }
    out += "\r\n";
  };
  line(t.header, [](const std::string& s) { return s; });
  for (const auto& r : t.rows)
    line(r, [](const Cell& c) -> std::string {
      if (auto* s = std::get_if<std::string>(&c)) return neutralise_formula(*s);
      if (auto* d = std::get_if<double>(&c)) {
        std::ostringstream o;
        o << *d;
        return o.str();
      }
      return "";
    });
  return out;
}

std::string to_xlsx(const Table& t) {
  // libxlsxwriter writes to a file; use a private temporary one.
  auto dir = std::filesystem::temp_directory_path();
  std::string tmpl = (dir / "servq-export-XXXXXX.xlsx").string();
  int fd = mkstemps(tmpl.data(), 5);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the XLSX export");
  ::close(fd);
  auto path = tmpl;
  lxw_workbook_options opts = {};
  opts.constant_memory = LXW_TRUE;
  opts.tmpdir = nullptr;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
  if (!wb) throw std::runtime_error("cannot create the XLSX workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.sheet_name.substr(0, 31).c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (size_t c = 0; c < t.header.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.header[c].c_str(), bold);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 18, nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    for (size_t c = 0; c < t.rows[r].size(); ++c) {
      const auto& cell = t.rows[r][c];
      auto row = static_cast<lxw_row_t>(r + 1);
      auto col = static_cast<lxw_col_t>(c);
      if (auto* s = std::get_if<std::string>(&cell))  // always a string cell, never a formula
        worksheet_write_string(ws, row, col, s->c_str(), nullptr);
      else if (auto* d = std::get_if<double>(&cell))
        worksheet_write_number(ws, row, col, *d, nullptr);
    }
  }
  if (!t.header.empty())
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(t.rows.size()), static_cast<lxw_col_t>(t.header.size() - 1));
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::filesystem::remove(path);
    throw std::runtime_error(std::string("cannot write the XLSX workbook: ") + lxw_strerror(err));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

}  // namespace servq::report
