// Paper forms typed into a spreadsheet: the CSV import of a questionnaire's responses
// (POST /surveys/{id}/responses/import, `servq import responses`). Every line is read and checked
// first; nothing is stored unless all of them are valid.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/csv.h"
#include "core/org/records.h"
#include "core/text.h"
#include "core/time.h"
#include "service/import_line.h"
#include "service/settings/org_settings.h"
#include "service/survey_service.h"
#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"
#include "store/survey/responses_repo.h"

namespace servq::service {

namespace repo = store::survey;

namespace {

// The file's columns: the fixed ones by name, and (column, item) for each question's column.
struct ResponseColumns {
  ColumnIndex fixed;
  std::vector<std::pair<size_t, size_t>> items;
};

ResponseColumns map_columns(const survey::Questionnaire& q, const csv::Table& table, std::vector<org::LineError>& errors) {
  // Column → item, case-insensitively (the CSV reader lower-cases the header).
  std::map<std::string, size_t> item_by_lower;
  for (size_t i = 0; i < q.items.size(); ++i) {
    // Paper forms carry the top-level questions and matrix rows; nested answers (dynamic rows,
    // panels, rankings, multiple texts) and computed values have no column.
    if (!q.items[i].importable) continue;
    std::string n = q.items[i].name;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    item_by_lower[n] = i;
  }
  static const std::set<std::string> fixed = {"external_id", "submitted_at", "unit", "staff", "customer_phone"};
  ResponseColumns cols;
  for (size_t i = 0; i < table.header.size(); ++i) {
    const auto& h = table.header[i];
    if (fixed.count(h))
      cols.fixed[h] = i;
    else if (item_by_lower.count(h))
      cols.items.push_back({i, item_by_lower[h]});
    else
      errors.push_back({1, h, "import.unknown_column", "unknown column '" + h + "': not a question of this questionnaire"});
  }
  if (!cols.fixed.count("external_id"))
    errors.push_back({1, "external_id", "import.missing_column", "required column 'external_id' is missing"});
  if (cols.items.empty()) errors.push_back({1, "", "import.no_questions", "no column names a question of this questionnaire"});
  return cols;
}

// One cell's answer as the respondent page would have sent it, or the message why it is not one.
struct CellAnswer {
  json value;
  std::vector<std::string> errors;  // empty when the cell is an answer
};

CellAnswer scale_point(const survey::Item& it, const std::string& v) {
  try {
    size_t used = 0;
    double d = std::stod(v, &used);
    if (used != v.size()) throw std::invalid_argument("x");
    if (std::none_of(it.scale.begin(), it.scale.end(), [d](double p) { return std::fabs(p - d) < 1e-9; }))
      throw std::invalid_argument("off the scale");
    return {d == static_cast<double>(static_cast<int64_t>(d)) ? json(static_cast<int64_t>(d)) : json(d), {}};
  } catch (...) {
    return {nullptr, {it.name + " must be a point of its scale " + json(it.scale).dump()}};
  }
}

std::optional<json> choice_named(const survey::Item& it, const std::string& s) {
  for (const auto& ch : it.choices)
    if ((ch.is_string() ? ch.get<std::string>() : ch.dump()) == s) return ch;
  return std::nullopt;
}

std::string not_a_choice(const survey::Item& it, const std::string& v) {
  return it.name + ": '" + v + "' is not one of its choices";
}

// A list of choices separated by ';'; each unknown one is an error.
CellAnswer choice_list(const survey::Item& it, const std::string& v) {
  CellAnswer out{json::array(), {}};
  size_t start = 0;
  while (start <= v.size()) {
    size_t end = v.find(';', start);
    std::string part = text::trim(v.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!part.empty()) {
      if (auto m = choice_named(it, part)) out.value.push_back(*m);
      else out.errors.push_back(not_a_choice(it, part));
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

CellAnswer read_cell(const survey::Item& it, const std::string& v) {
  if (it.scored) return scale_point(it, v);
  if (it.type == "boolean") {
    // choices are [true, false] or the question's [valueTrue, valueFalse]
    if (v == "true" || v == "1" || v == "yes") return {it.choices[0], {}};
    if (v == "false" || v == "0" || v == "no") return {it.choices[1], {}};
    return {nullptr, {it.name + " must be true or false"}};
  }
  if (it.text) return {v, {}};
  if (it.multi) return choice_list(it, v);
  if (auto m = choice_named(it, v)) return {*m, {}};
  return {nullptr, {not_a_choice(it, v)}};
}

// What the whole import needs to read one line.
struct ImportContext {
  int64_t survey_id;
  std::shared_ptr<const survey::Questionnaire> q;
  ResponseColumns cols;
  const csv::Table& table;
  const ImportOptions& options;
  timeutil::Zone zone;  // submitted_at without offset is local time there
  std::string region, now;
  std::map<std::string, int64_t> units, staff;
  std::vector<org::LineError>& errors;
};

// The response's fields other than its answers.
PendingResponse response_fields(store::Connection& c, const ImportContext& x, ImportLine& line, const std::string& ext) {
  PendingResponse p;
  p.survey_id = x.survey_id;
  p.channel = "import";
  p.lang = "vi";
  p.external_id = ext;
  p.submitted_at = x.now;
  if (auto t = line.get("submitted_at"); !t.empty()) {
    // Typed dates (core/typed_date) under the user's date order; a bad one is reported there.
    auto typed = org::read_date_cell(line.record(), "submitted_at", t, x.options.date_order, x.errors);
    auto v = typed ? timeutil::normalize_iso8601(*typed, x.zone) : std::nullopt;
    if (!typed) {
    } else if (!v) line.err("submitted_at", "import.submitted_at_invalid", "submitted_at must be a date or date-time like 2026-03-01 08:30");
    else if (*v > x.now) line.err("submitted_at", "import.submitted_at_future", "submitted_at is in the future");
    else p.submitted_at = *v;
  }
  p.unit_id = line.code_id("unit", x.units);
  p.staff_id = line.code_id("staff", x.staff);
  if (auto number = line.phone("customer_phone", x.region)) {
    if (auto cu = repo::customer_by_phone(c, *number)) {
      p.customer_id = cu->id;
      p.category = cu->category;
    }
  }
  return p;
}

// The answers object the respondent page would have sent; nullopt after a bad cell (every cell
// of the line is still checked, so that the report names them all).
std::optional<json> response_answers(const ImportContext& x, ImportLine& line) {
  json answers = json::object();
  bool cell_error = false;
  const auto& fields = line.record().fields;
  for (auto [ci, ii] : x.cols.items) {
    if (ci >= fields.size()) continue;
    std::string v = text::trim(fields[ci]);
    if (v.empty()) continue;
    const auto& it = x.q->items[ii];
    auto cell = read_cell(it, v);
    if (!cell.errors.empty()) {
      for (const auto& e : cell.errors) line.err(it.name, "import.answer_invalid", e);
      cell_error = true;
      continue;
    }
    if (it.type == "matrix") {
      if (!answers.contains(it.question)) answers[it.question] = json::object();
      answers[it.question][it.row] = cell.value;
    } else {
      answers[it.question] = cell.value;
    }
  }
  if (cell_error) return std::nullopt;
  return answers;
}

// Stores the checked responses 1 000 at a time, opening their follow-up cases as it goes.
void store_in_chunks(store::Connection& c, std::vector<PendingResponse>& to_store, const Progress& progress) {
  for (size_t i = 0; i < to_store.size(); i += 1000) {
    const size_t end = std::min(to_store.size(), i + 1000);
    std::vector<PendingResponse> chunk(std::make_move_iterator(to_store.begin() + static_cast<std::ptrdiff_t>(i)),
                                       std::make_move_iterator(to_store.begin() + static_cast<std::ptrdiff_t>(end)));
    store_responses(c, chunk);
    while (open_followup_cases(c, 500) > 0) {
    }
    if (progress) progress("write", end, to_store.size());
  }
}

}  // namespace

Result<ImportOutcome> import_responses(store::Database& db, const Actor& a, int64_t survey_id, std::string_view data,
                                       bool dry_run, const Progress& progress, const ImportOptions& options) {
  auto table = read_import_file(a, data, progress, options);
  if (!table) return table.error();
  ImportOutcome out;
  auto& errors = out.errors;
  auto lease = db.acquire();
  auto& c = *lease;
  store::Tx tx(c);
  auto q = questionnaire_of(c, survey_id);
  if (!q) return not_found("survey");
  ImportContext x{survey_id, q, map_columns(*q, *table, errors), *table, options, org_zone(c), phone_region(c), now_iso(), {}, {}, errors};
  if (!errors.empty()) {
    org::number_rows(errors, *table);
    return out;
  }
  x.units = store::org::unit_ids_by_code(c);
  x.staff = store::org::staff_ids_by_code(c);
  const auto known = repo::external_ids(c, survey_id);
  std::set<std::string> seen;
  std::vector<PendingResponse> to_store;
  size_t unchanged = 0, n = 0;
  for (const auto& rec : table->rows) {
    if (progress && (++n % 1000 == 0 || n == table->rows.size())) progress("validate", n, table->rows.size());
    ImportLine line(rec, x.cols.fixed, errors);
    line.check_field_count(table->header.size());
    std::string ext = line.get("external_id");
    if (ext.empty()) line.err("external_id", "import.external_id_required", "external_id is required");
    else if (!seen.insert(ext).second) line.err("external_id", "import.duplicate_in_file", "external_id appears twice in the file");
    PendingResponse p = response_fields(c, x, line, ext);
    auto answers = response_answers(x, line);
    if (!answers) continue;
    auto s = survey::score(*q, *answers);
    if (!s) {
      line.err(s.error().field, "import." + s.error().code.substr(s.error().code.find('.') + 1), s.error().message);
      continue;
    }
    if (known.count(ext)) {
      ++unchanged;
      continue;
    }
    PendingResponse full = pending_from(q, *s, *answers);
    full.survey_id = p.survey_id;
    full.channel = p.channel;
    full.lang = p.lang;
    full.external_id = p.external_id;
    full.submitted_at = p.submitted_at;
    full.unit_id = p.unit_id;
    full.staff_id = p.staff_id;
    full.customer_id = p.customer_id;
    full.category = p.category;
    to_store.push_back(std::move(full));
  }
  if (!errors.empty()) {
    org::number_rows(errors, *table);
    return out;
  }
  if (!dry_run) {
    store_in_chunks(c, to_store, progress);
    audit(c, a, "import", "survey_response", std::to_string(survey_id), nullptr,
          {{"created", to_store.size()}, {"unchanged", unchanged}});
    tx.commit();
  }
  out.report = {{"kind", "responses"}, {"survey_id", survey_id}, {"total", table->rows.size()}, {"created", dry_run ? 0 : to_store.size()},
                {"unchanged", unchanged}, {"updated", 0}, {"dry_run", dry_run}, {"would_create", to_store.size()}};
  return out;
}

}  // namespace servq::service
