#include "core/org/records.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

#include "core/phone.h"
#include "core/text.h"
#include "core/time.h"

namespace servq::org {
namespace {

std::optional<std::string> opt(std::string_view s) {
  std::string t = text::trim(s);
  if (t.empty()) return std::nullopt;
  return t;
}

bool too_long(const std::optional<std::string>& s, size_t n) { return s && s->size() > n; }

}  // namespace

std::optional<bool> parse_bool(std::string_view raw) {
  std::string s = text::fold(raw);
  if (s == "true" || s == "1" || s == "yes" || s == "y" || s == "co" || s == "x" || s == "是")
    return true;
  if (s == "false" || s == "0" || s == "no" || s == "n" || s == "khong" || s.empty() || s == "否")
    return false;
  return std::nullopt;
}

std::optional<int64_t> parse_amount(std::string_view raw) {
  std::string s = text::trim(raw);
  if (s.empty()) return 0;
  int64_t v = 0;
  bool neg = false;
  size_t i = 0;
  if (s[0] == '-') {
    neg = true;
    i = 1;
  }
  if (i == s.size()) return std::nullopt;
  for (; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    if (v > (INT64_MAX - 9) / 10) return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return neg ? -v : v;
}

std::vector<Error> check_customer(CustomerInput& c, std::string_view region) {
  std::vector<Error> errs;
  c.external_id = text::trim(c.external_id);
  c.name = text::trim(c.name);
  if (c.external_id.size() > 100)
    errs.push_back(invalid("customer.external_id_too_long", "external_id", "external_id is longer than 100 characters"));
  if (c.name.empty())
    errs.push_back(invalid("customer.name_required", "name", "name is required"));
  else if (c.name.size() > 200)
    errs.push_back(invalid("customer.name_too_long", "name", "name is longer than 200 characters"));
  if (c.phone) {
    phone::Refusal why;
    auto p = phone::to_e164(*c.phone, region, &why);
    if (!p)
      errs.push_back(phone::invalid_number("customer.phone_invalid", "phone", *c.phone, region, why));
    else
      c.phone = *p;
  }
  if (c.email) {
    auto e = text::normalize_email(*c.email);
    if (!e)
      errs.push_back(invalid("customer.email_invalid", "email", "email is not a valid e-mail address"));
    else
      c.email = *e;
  }
  if (std::find(std::begin(kCategories), std::end(kCategories), c.category) == std::end(kCategories))
    errs.push_back(invalid("customer.category_invalid", "category",
                           "category must be one of long_term, referred, first_time"));
  if (c.category == "referred" && !c.referred_by)
    errs.push_back(invalid("customer.referred_by_required", "referred_by",
                           "a referred customer needs referred_by (the referrer's external_id)"));
  if (too_long(c.address, 500))
    errs.push_back(invalid("customer.address_too_long", "address", "address is longer than 500 characters"));
  if (too_long(c.tier, 50))
    errs.push_back(invalid("customer.tier_too_long", "tier", "tier is longer than 50 characters"));
  return errs;
}

std::string customer_search_text(const CustomerInput& c, std::string_view region) {
  // Folded whole (PostgreSQL's LIKE is case-sensitive: "KH000123" must be found by "kh000123" too).
  return text::fold(c.name + " " + c.external_id + " " + c.email.value_or("")) + " " +
         (c.phone ? phone::search_text(*c.phone, region) : "");
}

std::vector<Error> check_encounter(EncounterInput& e, std::string_view region, const timeutil::Zone& zone,
                                   bool started_at_refused) {
  std::vector<Error> errs;
  e.external_id = text::trim(e.external_id);
  if (e.external_id.size() > 100)
    errs.push_back(invalid("encounter.external_id_too_long", "external_id", "external_id is longer than 100 characters"));
  if (!e.customer_id && !e.customer_phone)
    errs.push_back(invalid("encounter.customer_required", "customer", "customer or customer_phone is required"));
  if (e.customer_phone) {
    phone::Refusal why;
    auto p = phone::to_e164(*e.customer_phone, region, &why);
    if (!p)
      errs.push_back(phone::invalid_number("encounter.customer_phone_invalid", "customer_phone", *e.customer_phone, region, why));
    else
      e.customer_phone = *p;
  }
  e.unit = text::trim(e.unit);
  if (e.unit.empty()) errs.push_back(invalid("encounter.unit_required", "unit", "unit is required"));
  e.service = text::trim(e.service);
  if (e.service.empty())
    errs.push_back(invalid("encounter.service_required", "service", "service is required"));
  else if (e.service.size() > 200)
    errs.push_back(invalid("encounter.service_too_long", "service", "service is longer than 200 characters"));
  if (!started_at_refused) {
    auto t = timeutil::normalize_iso8601(text::trim(e.started_at), zone);
    if (!t)
      errs.push_back(invalid("encounter.started_at_invalid", "started_at",
                             "started_at must be a date-time like 2026-03-01T08:30:00+07:00"));
    else
      e.started_at = *t;
  }
  if (e.amount < 0) errs.push_back(invalid("encounter.amount_negative", "amount", "amount must not be negative"));
  return errs;
}

namespace {

struct Columns {
  std::map<std::string, size_t> index;
  std::vector<LineError> errors;
  const std::string* get(const csv::Record& r, const std::string& name) const {
    auto it = index.find(name);
    if (it == index.end() || it->second >= r.fields.size()) return nullptr;
    return &r.fields[it->second];
  }
  std::string str(const csv::Record& r, const std::string& name) const {
    auto* v = get(r, name);
    return v ? *v : std::string();
  }
};

Columns map_columns(const csv::Table& t, std::initializer_list<std::string_view> known,
                    std::initializer_list<std::string_view> required) {
  Columns c;
  for (size_t i = 0; i < t.header.size(); ++i) {
    const auto& h = t.header[i];
    if (std::find(known.begin(), known.end(), h) == known.end()) {
      c.errors.push_back({1, h, "import.unknown_column", "unknown column '" + h + "'"});
    } else if (c.index.count(h)) {
      c.errors.push_back({1, h, "import.duplicate_column", "column '" + h + "' appears twice"});
    } else {
      c.index[h] = i;
    }
  }
  for (auto r : required)
    if (!c.index.count(std::string(r)))
      c.errors.push_back({1, std::string(r), "import.missing_column", "required column '" + std::string(r) + "' is missing"});
  return c;
}

void check_width(const csv::Table& t, const csv::Record& r, std::vector<LineError>& errs) {
  if (r.fields.size() != t.header.size())
    errs.push_back({r.line, "", "import.field_count",
                    "has " + std::to_string(r.fields.size()) + " fields, the header has " +
                        std::to_string(t.header.size())});
}

void add_errors(std::vector<LineError>& to, size_t line, const std::vector<Error>& errs) {
  for (const auto& e : errs) to.push_back({line, e.field, e.code, e.message, e.params});
}

}  // namespace

ParsedRows<CustomerInput> customers_from_csv(const csv::Table& t, std::string_view region) {
  ParsedRows<CustomerInput> out;
  auto cols = map_columns(t,
                          {"external_id", "name", "phone", "email", "address", "category", "referred_by",
                           "tier", "consent_contact", "consent_survey"},
                          {"external_id", "name"});
  out.errors = cols.errors;
  if (!out.errors.empty()) return out;
  std::unordered_map<std::string, size_t> seen_id, seen_phone, seen_email;
  out.rows.reserve(t.rows.size());
  for (const auto& r : t.rows) {
    size_t before = out.errors.size();
    check_width(t, r, out.errors);
    CustomerInput c;
    c.external_id = cols.str(r, "external_id");
    c.name = cols.str(r, "name");
    c.phone = opt(cols.str(r, "phone"));
    c.email = opt(cols.str(r, "email"));
    c.address = opt(cols.str(r, "address"));
    c.referred_by = opt(cols.str(r, "referred_by"));
    c.tier = opt(cols.str(r, "tier"));
    auto cat = opt(cols.str(r, "category"));
    c.category = cat ? *cat : "first_time";
    for (auto [field, target] : {std::pair{"consent_contact", &c.consent_contact},
                                 std::pair{"consent_survey", &c.consent_survey}}) {
      auto b = parse_bool(cols.str(r, field));
      if (!b)
        out.errors.push_back({r.line, field, "import.bool_invalid", std::string(field) + " must be true or false"});
      else
        *target = *b;
    }
    if (c.external_id.empty() || text::trim(c.external_id).empty())
      out.errors.push_back({r.line, "external_id", "import.external_id_required", "external_id is required"});
    add_errors(out.errors, r.line, check_customer(c, region));
    auto dup = [&](std::unordered_map<std::string, size_t>& seen, const std::optional<std::string>& key,
                   const char* field) {
      if (!key || key->empty()) return;
      auto [it, fresh] = seen.emplace(*key, r.line);
      if (!fresh)
        out.errors.push_back({r.line, field, "import.duplicate_in_file",
                              std::string(field) + " repeats line " + std::to_string(it->second)});
    };
    if (out.errors.size() == before) {
      dup(seen_id, c.external_id, "external_id");
      dup(seen_phone, c.phone, "phone");
      dup(seen_email, c.email, "email");
    }
    out.rows.push_back(std::move(c));
    out.lines.push_back(r.line);
  }
  return out;
}

std::optional<std::string> read_date_cell(const csv::Record& r, const std::string& column, std::string_view value,
                                          typed_date::Order order, std::vector<LineError>& errors) {
  auto d = typed_date::read(value, order);
  if (d.error.empty()) return d.value;
  std::string v = text::trim(value);
  std::string exp = typed_date::expected(order);
  std::string why = d.error == "import.date_ambiguous"    ? "is ambiguous (write the year with four digits)"
                    : d.error == "import.date_impossible" ? "is not a date that exists"
                                                          : "is not a date";
  errors.push_back({r.line, column, d.error, column + " '" + v + "' " + why + "; expected " + exp,
                    {{"value", v}, {"expected", exp}, {"date_order", std::string(typed_date::order_name(order))}}});
  return std::nullopt;
}

void number_rows(std::vector<LineError>& errors, const csv::Table& t) {
  for (auto& e : errors)
    if (!e.row) e.row = t.row_of_line(e.line);
}

ParsedRows<EncounterInput> encounters_from_csv(const csv::Table& t, std::string_view region, const timeutil::Zone& zone,
                                             typed_date::Order order) {
  ParsedRows<EncounterInput> out;
  auto cols = map_columns(t,
                          {"external_id", "customer_phone", "customer", "unit", "staff", "service",
                           "started_at", "amount", "converted"},
                          {"external_id", "unit", "service", "started_at"});
  out.errors = cols.errors;
  if (!cols.index.count("customer_phone") && !cols.index.count("customer"))
    out.errors.push_back({1, "customer_phone", "import.missing_column",
                          "required column 'customer_phone' (or 'customer') is missing"});
  if (!out.errors.empty()) return out;
  std::unordered_map<std::string, size_t> seen_id;
  out.rows.reserve(t.rows.size());
  for (const auto& r : t.rows) {
    size_t before = out.errors.size();
    check_width(t, r, out.errors);
    EncounterInput e;
    e.external_id = cols.str(r, "external_id");
    e.customer_phone = opt(cols.str(r, "customer_phone"));
    if (auto cid = opt(cols.str(r, "customer"))) {
      auto v = parse_amount(*cid);
      if (!v || *v <= 0)
        out.errors.push_back({r.line, "customer", "import.customer_invalid", "customer must be a customer id"});
      else
        e.customer_id = *v;
    }
    e.unit = cols.str(r, "unit");
    e.staff = opt(cols.str(r, "staff"));
    e.service = cols.str(r, "service");
    e.started_at = cols.str(r, "started_at");
    // A typed date is read here, in the file's date order, and refused here with its row and
    // column (then check_encounter does not report it again); what it reads is then normalised
    // to UTC in the organisation's zone by check_encounter.
    bool date_refused = false;
    if (!text::trim(e.started_at).empty()) {
      auto d = read_date_cell(r, "started_at", e.started_at, order, out.errors);
      if (d)
        e.started_at = *d;
      else
        date_refused = true;
    }
    auto amount = parse_amount(cols.str(r, "amount"));
    if (!amount)
      out.errors.push_back({r.line, "amount", "import.amount_invalid", "amount must be a whole number"});
    else
      e.amount = *amount;
    auto conv = parse_bool(cols.str(r, "converted"));
    if (!conv)
      out.errors.push_back({r.line, "converted", "import.bool_invalid", "converted must be true or false"});
    else
      e.converted = *conv;
    if (text::trim(e.external_id).empty())
      out.errors.push_back({r.line, "external_id", "import.external_id_required", "external_id is required"});
    add_errors(out.errors, r.line, check_encounter(e, region, zone, date_refused));
    if (out.errors.size() == before) {
      auto [it, fresh] = seen_id.emplace(e.external_id, r.line);
      if (!fresh)
        out.errors.push_back({r.line, "external_id", "import.duplicate_in_file",
                              "external_id repeats line " + std::to_string(it->second)});
    }
    out.rows.push_back(std::move(e));
    out.lines.push_back(r.line);
  }
  return out;
}

}  // namespace servq::org
