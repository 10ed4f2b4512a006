#include "core/survey/questionnaire.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "core/html_sanitizer.h"

namespace servq::survey {
namespace {

Error bad(const std::string& code, const std::string& field, const std::string& msg) {
  return Error{code, msg, field, 422};
}

const std::set<std::string>& answerable_types() {
  static const std::set<std::string> t = {"rating", "radiogroup", "checkbox", "dropdown", "boolean",
                                          "text",   "comment",    "matrix"};
  return t;
}
const std::set<std::string>& display_types() {
  static const std::set<std::string> t = {"html", "expression", "image"};
  return t;
}

// The value of a choice-like entry: {value, text} objects or plain values.
json value_of(const json& entry) {
  if (entry.is_object() && entry.contains("value")) return entry["value"];
  return entry;
}

// A choice and an answer are the same value when survey-core would make one from the other: the
// same type (numbers compared as numbers), never "1" for 1. Only scalars: nothing is compared
// recursively.
bool same_value(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  if (a.is_string() && b.is_string()) return a.get_ref<const std::string&>() == b.get_ref<const std::string&>();
  if (a.is_boolean() && b.is_boolean()) return a.get<bool>() == b.get<bool>();
  return false;
}

bool is_scalar(const json& v) {
  return v.is_string() || v.is_number() || v.is_boolean();
}

// A value for a message: scalars as written, anything else by its type (never dumped whole).
std::string shown(const json& v) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    return s.size() > 60 ? s.substr(0, 60) + "..." : s;
  }
  if (v.is_number() || v.is_boolean() || v.is_null()) return v.dump();
  return v.is_array() ? "a list" : "an object";
}

constexpr size_t kMaxText = 10000;

std::string value_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// Typed reads of optional properties: a property of the wrong type is a clear problem, never an
// exception (the fuzzer found json::value() throwing on {"role": [...]}).
Result<std::string> string_prop(const json& e, const char* key, const std::string& def, const std::string& path) {
  if (!e.is_object() || !e.contains(key) || e[key].is_null()) return def;
  if (!e[key].is_string()) return bad("survey.property_invalid", path + "." + key, std::string(key) + " must be a string");
  return e[key].get<std::string>();
}
Result<bool> bool_prop(const json& e, const char* key, const std::string& path) {
  if (!e.is_object() || !e.contains(key) || e[key].is_null()) return false;
  if (!e[key].is_boolean()) return bad("survey.property_invalid", path + "." + key, std::string(key) + " must be true or false");
  return e[key].get<bool>();
}
bool flag(const json& e, const char* key) { return e.contains(key) && e[key].is_boolean() && e[key].get<bool>(); }

Error too_deep(const std::string& path) {
  return bad("survey.definition_too_deep", path,
             "the questionnaire nests panels, dynamic panels or matrices more than " +
                 std::to_string(kMaxContainerDepth) + " levels deep");
}

bool container_key(const std::string& k) {
  return k == "elements" || k == "questions" || k == "templateElements" || k == "detailElements";
}

// The properties whose strings survey-core renders as HTML.
bool html_key(const std::string& k) {
  return k == "html" || k == "completedHtml" || k == "completedBeforeHtml" || k == "loadingHtml";
}

// An HTML property's value made safe: a string sanitised, a localised object {lang: string}
// sanitised member by member (members that are not strings removed), numbers and booleans kept;
// anything else (a list, a nested object) becomes "", since survey-core would render its text.
void sanitize_html_value(json& v) {
  if (v.is_string()) {
    v = html::sanitize(v.get_ref<const std::string&>());
  } else if (v.is_object()) {
    json out = json::object();
    for (auto& [lang, text] : v.items())
      if (text.is_string()) out[lang] = html::sanitize(text.get_ref<const std::string&>());
    v = std::move(out);
  } else if (v.is_array()) {
    v = "";
  }
}

// Every HTML property anywhere in the definition (questions in panels, dynamic panels, matrix
// cells, completedHtmlOnCondition items). Recursive, but only after check_depth() has bounded
// the nesting.
void sanitize_definition(json& node) {
  if (node.is_object()) {
    for (auto& [k, v] : node.items()) {
      if (html_key(k))
        sanitize_html_value(v);
      else if (v.is_structured())
        sanitize_definition(v);
    }
  } else if (node.is_array()) {
    for (auto& v : node) sanitize_definition(v);
  }
}

// The depth of a JSON value, counted without recursion; stops counting past `limit`.
bool deeper_than(const json& root, size_t limit) {
  std::vector<std::pair<const json*, size_t>> todo{{&root, 1}};
  while (!todo.empty()) {
    auto [n, d] = todo.back();
    todo.pop_back();
    if (!n->is_structured()) continue;
    if (d > limit) return true;
    for (const auto& c : *n)
      if (c.is_structured()) todo.push_back({&c, d + 1});
  }
  return false;
}

struct Builder {
  Questionnaire q;
  std::set<std::string> names;

  Result<bool> add_item(Item it, const std::string& path) {
    if (!names.insert(it.name).second)
      return bad("survey.duplicate_name", path, "the name '" + it.name + "' is used twice; names must be unique");
    if (it.reverse && !it.scored)
      return bad("survey.reverse_unscored", path, "'" + it.name + "' is marked reverse but has no numeric scale");
    if (!it.role.empty()) {
      if (it.role != "overall" && it.role != "nps")
        return bad("survey.role_invalid", path, "role must be \"overall\" or \"nps\"");
      if (!it.scored) return bad("survey.role_invalid", path, "the " + it.role + " question must be a rating");
      if (it.role == "nps") {
        bool ok = it.scale.size() == 11 && it.scale.front() == 0 && it.scale.back() == 10;
        if (!ok) return bad("survey.nps_scale", path, "the nps question must be a rating from 0 to 10");
        if (q.nps) return bad("survey.overall_duplicate", path, "only one question may have role nps");
        q.nps = q.items.size();
      } else {
        if (q.overall) return bad("survey.overall_duplicate", path, "only one question may have role overall");
        q.overall = q.items.size();
      }
    }
    if (!it.dimension.empty()) {
      if (!it.scored) return bad("survey.dimension_unscored", path, "'" + it.name + "' has a dimension but no numeric scale");
      if (std::find(q.dimensions.begin(), q.dimensions.end(), it.dimension) == q.dimensions.end())
        q.dimensions.push_back(it.dimension);
    }
    q.item_index[it.name] = q.items.size();
    q.question_items[it.question].push_back(q.items.size());
    q.items.push_back(std::move(it));
    return true;
  }

  static Result<std::vector<double>> numeric_values(const json& list, const std::string& path, const char* what,
                                                    std::vector<std::string>* strings = nullptr) {
    std::vector<double> out;
    for (const auto& e : list) {
      json v = value_of(e);
      if (v.is_number())
        out.push_back(v.get<double>());
      else if (v.is_string()) {
        try {
          size_t used = 0;
          double d = std::stod(v.get<std::string>(), &used);
          if (used != v.get<std::string>().size()) throw std::invalid_argument("x");
          out.push_back(d);
          if (strings) strings->push_back(v.get<std::string>());
        } catch (...) {
          return bad(std::string("survey.") + what, path, std::string("the values of ") + (what == std::string("matrix_columns") ? "a matrix's columns" : "a rating") + " must be numbers");
        }
      } else {
        return bad(std::string("survey.") + what, path, "scale values must be numbers");
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  Result<bool> element(const json& e, const std::string& path, size_t depth) {
    if (!e.is_object()) return bad("survey.definition_invalid", path, "an element must be an object");
    auto type_r = string_prop(e, "type", "", path);
    if (!type_r) return bad("survey.unknown_type", path + ".type", "type must be a string");
    std::string type = *type_r;
    if (type == "panel" || type == "paneldynamic") {
      if (type == "paneldynamic") return bad("survey.unknown_type", path, "paneldynamic questions are not supported");
      if (e.contains("elements")) return elements(e["elements"], path + ".elements", depth + 1);
      return true;
    }
    if (type == "expression" && e.contains("name") && e["name"].is_string())
      q.computed.insert(e["name"].get<std::string>());
    if (display_types().count(type)) return true;
    if (!answerable_types().count(type))
      return bad("survey.unknown_type", path + ".type",
                 "question type '" + type +
                     "' is not supported; use rating, radiogroup, checkbox, dropdown, boolean, text, comment or matrix");
    if (!e.contains("name") || !e["name"].is_string() || e["name"].get<std::string>().empty())
      return bad("survey.name_required", path + ".name", "every question needs a name");
    std::string name = e["name"];
    if (name.find('.') != std::string::npos || name.find(';') != std::string::npos)
      return bad("survey.name_invalid", path + ".name", "question names may not contain '.' or ';'");
    Item it;
    it.name = name;
    it.question = name;
    it.type = type;
    it.title = e.contains("title") ? e["title"] : json(name);
    auto dim = string_prop(e, "dimension", "", path);
    if (!dim) return dim.error();
    auto rev = bool_prop(e, "reverse", path);
    if (!rev) return rev.error();
    auto role = string_prop(e, "role", "", path);
    if (!role) return role.error();
    it.dimension = *dim;
    it.reverse = *rev;
    it.role = *role;
    if (type == "rating") {
      it.scored = true;
      if (e.contains("rateValues") && e["rateValues"].is_array() && !e["rateValues"].empty()) {
        auto v = numeric_values(e["rateValues"], path + ".rateValues", "rating_scale_missing", &it.string_points);
        if (!v) return v.error();
        it.scale = *v;
      } else {
        auto num = [&](const char* k, double def) -> std::optional<double> {
          if (!e.contains(k)) return def;
          if (!e[k].is_number()) return std::nullopt;
          return e[k].get<double>();
        };
        auto lo = num("rateMin", 1), hi = num("rateMax", 5), step = num("rateStep", 1);
        if (!lo || !hi || !step || *step <= 0 || *hi <= *lo || std::fabs(*lo) > 1e6 || std::fabs(*hi) > 1e6 ||
            *step < 1e-6 || (*hi - *lo) / *step > 100)
          return bad("survey.rating_scale_missing", path,
                     "rating '" + name + "' needs numeric rateMin < rateMax (at most 100 steps) or rateValues");
        for (double x = *lo; x <= *hi + 1e-9; x += *step) it.scale.push_back(x);
      }
      if (it.scale.size() < 2)
        return bad("survey.rating_scale_missing", path, "rating '" + name + "' needs at least two scale points");
      return add_item(std::move(it), path);
    }
    if (type == "radiogroup" || type == "checkbox" || type == "dropdown") {
      if (!e.contains("choices") || !e["choices"].is_array() || e["choices"].empty())
        return bad("survey.choices_missing", path, "'" + name + "' needs a non-empty choices list");
      for (const auto& c : e["choices"]) it.choices.push_back(value_of(c));
      if (flag(e, "hasOther") || flag(e, "showOtherItem")) {
        it.choices.push_back("other");
        it.has_other = true;
      }
      if (flag(e, "hasNone") || flag(e, "showNoneItem")) it.choices.push_back("none");
      return add_item(std::move(it), path);
    }
    if (type == "boolean") {
      // survey-core answers valueTrue / valueFalse when the definition sets them.
      json yes = e.contains("valueTrue") && is_scalar(e["valueTrue"]) ? e["valueTrue"] : json(true);
      json no = e.contains("valueFalse") && is_scalar(e["valueFalse"]) ? e["valueFalse"] : json(false);
      if (same_value(yes, no))
        return bad("survey.property_invalid", path + ".valueFalse", "valueTrue and valueFalse must differ");
      it.choices = {yes, no};
      return add_item(std::move(it), path);
    }
    if (type == "text" || type == "comment") {
      it.text = true;
      auto input = string_prop(e, "inputType", "text", path);
      if (!input) return input.error();
      it.numeric_text = type == "text" && (*input == "number" || *input == "range");
      return add_item(std::move(it), path);
    }
    // matrix: one scored item per row
    if (!e.contains("rows") || !e["rows"].is_array() || e["rows"].empty())
      return bad("survey.matrix_rows", path, "matrix '" + name + "' needs rows");
    if (!e.contains("columns") || !e["columns"].is_array() || e["columns"].size() < 2)
      return bad("survey.matrix_columns", path, "matrix '" + name + "' needs at least two numeric columns");
    std::vector<std::string> string_cols;
    auto cols = numeric_values(e["columns"], path + ".columns", "matrix_columns", &string_cols);
    if (!cols) return cols.error();
    const auto& rows = e["rows"];
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      std::string rpath = path + ".rows[" + std::to_string(i) + "]";
      json v = value_of(r);
      if (!(v.is_string() || v.is_number()) || value_text(v).empty())
        return bad("survey.matrix_rows", rpath, "a matrix row needs a value");
      Item ri;
      ri.row = value_text(v);
      ri.name = name + "." + ri.row;
      ri.question = name;
      ri.type = "matrix";
      ri.title = r.is_object() && r.contains("text") ? r["text"] : json(ri.row);
      ri.scored = true;
      ri.scale = *cols;
      ri.string_points = string_cols;
      auto rdim = string_prop(r, "dimension", it.dimension, rpath);
      if (!rdim) return rdim.error();
      auto rrev = bool_prop(r, "reverse", rpath);
      if (!rrev) return rrev.error();
      auto rrole = string_prop(r, "role", "", rpath);
      if (!rrole) return rrole.error();
      ri.dimension = *rdim;
      ri.reverse = *rrev;
      ri.role = *rrole;
      auto ok = add_item(std::move(ri), rpath);
      if (!ok) return ok.error();
    }
    if (!names.insert(name).second)
      return bad("survey.duplicate_name", path, "the name '" + name + "' is used twice; names must be unique");
    return true;
  }

  Result<bool> elements(const json& list, const std::string& path, size_t depth) {
    if (depth > kMaxContainerDepth) return too_deep(path);
    if (!list.is_array()) return bad("survey.definition_invalid", path, "elements must be an array");
    for (size_t i = 0; i < list.size(); ++i) {
      auto r = element(list[i], path + "[" + std::to_string(i) + "]", depth);
      if (!r) return r.error();
    }
    return true;
  }
};

void build_layout(Questionnaire& q) {
  StatLayout& L = q.layout;
  L.size = 1;
  for (size_t i = 0; i < q.items.size(); ++i) {
    const auto& it = q.items[i];
    if (it.text) continue;
    size_t slots = it.scored ? it.scale.size() : it.choices.size();
    L.questions.push_back({i, L.size, slots});
    L.size += 4 + slots;
  }
  for (const auto& d : q.dimensions) {
    StatLayout::Dimension dim;
    dim.name = d;
    for (size_t i = 0; i < q.items.size(); ++i)
      if (q.items[i].dimension == d) dim.items.push_back(i);
    dim.offset = L.size;
    size_t k = dim.items.size();
    L.size += 1 + k + k * (k + 1) / 2;
    L.dimensions.push_back(std::move(dim));
  }
  if (q.overall && !L.dimensions.empty()) {
    L.drivers_offset = L.size;
    size_t k = L.dimensions.size() + 1;
    L.size += 1 + k + k * (k + 1) / 2;
  }
}

// Adds one observation to a serialised Moments block [n, sums, upper-triangle cross products].
void add_moments(std::span<double> block, const std::vector<double>& x) {
  size_t k = x.size();
  block[0] += 1;
  for (size_t i = 0; i < k; ++i) block[1 + i] += x[i];
  size_t p = 1 + k;
  for (size_t i = 0; i < k; ++i)
    for (size_t j = i; j < k; ++j) block[p++] += x[i] * x[j];
}

}  // namespace

std::optional<Error> check_depth(const json& def) {
  // Depth-first over the document with an explicit stack; each frame remembers its position.
  struct Frame {
    const json* node;
    json::const_iterator it;
    size_t index = 0;       // position of `it` in an array
    std::string segment;    // how the parent names this node: "key" or "[i]"
    size_t containers = 0;  // element lists enclosing (and including) this node
  };
  auto path_of = [](const std::vector<Frame>& st, const std::string& last) {
    std::string p;
    auto add = [&p](const std::string& seg) {
      if (!p.empty() && seg[0] != '[') p += '.';
      p += seg;
    };
    for (size_t i = 1; i < st.size(); ++i) add(st[i].segment);
    add(last);
    return p;
  };

  if (!def.is_structured()) return std::nullopt;
  std::vector<Frame> st;
  st.push_back({&def, def.cbegin(), 0, "", 0});
  while (!st.empty()) {
    Frame& top = st.back();
    if (top.it == top.node->cend()) {
      st.pop_back();
      continue;
    }
    bool obj = top.node->is_object();
    std::string seg;
    if (obj) {
      seg = top.it.key();
    } else {
      seg = '[';
      seg += std::to_string(top.index);
      seg += ']';
    }
    const json& child = *top.it;
    ++top.it;
    ++top.index;
    if (!child.is_structured()) continue;
    size_t containers = top.containers + (obj && container_key(seg) && child.is_array() ? 1 : 0);
    if (containers > kMaxContainerDepth) return too_deep(path_of(st, seg));
    if (st.size() + 1 > kMaxJsonDepth)
      return bad("survey.definition_too_deep", path_of(st, seg),
                 "the questionnaire's JSON is nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
    st.push_back({&child, child.cbegin(), 0, seg, containers});
  }
  return std::nullopt;
}

std::string text_of(const json& v, const std::string& lang) {
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_object()) return v.is_null() ? "" : v.dump();
  for (const std::string& k : {lang, std::string("default"), std::string("vi"), std::string("en")})
    if (v.contains(k) && v[k].is_string()) return v[k].get<std::string>();
  for (const auto& [k, x] : v.items())
    if (x.is_string()) return x.get<std::string>();
  return "";
}

Result<Questionnaire> parse(const json& def) {
  if (!def.is_object()) return bad("survey.definition_invalid", "definition", "the questionnaire must be a JSON object");
  if (auto e = check_depth(def)) return *e;
  Builder b;
  b.q.definition = def;
  sanitize_definition(b.q.definition);
  if (def.contains("calculatedValues") && def["calculatedValues"].is_array())
    for (const auto& cv : def["calculatedValues"])
      if (cv.is_object() && flag(cv, "includeIntoResult") && cv.contains("name") && cv["name"].is_string())
        b.q.computed.insert(cv["name"].get<std::string>());
  b.q.title = def.contains("title") ? text_of(def["title"], "default") : "";
  bool any = false;
  if (def.contains("pages")) {
    if (!def["pages"].is_array()) return bad("survey.definition_invalid", "pages", "pages must be an array");
    for (size_t i = 0; i < def["pages"].size(); ++i) {
      const auto& p = def["pages"][i];
      std::string path = "pages[" + std::to_string(i) + "]";
      if (!p.is_object()) return bad("survey.definition_invalid", path, "a page must be an object");
      if (p.contains("elements") || p.contains("questions")) {
        auto r = b.elements(p.contains("elements") ? p["elements"] : p["questions"], path + ".elements", 1);
        if (!r) return r.error();
        any = true;
      }
    }
  }
  if (def.contains("elements") || def.contains("questions")) {
    auto r = b.elements(def.contains("elements") ? def["elements"] : def["questions"], "elements", 1);
    if (!r) return r.error();
    any = true;
  }
  if (!any || b.q.items.empty())
    return bad("survey.definition_invalid", "pages", "the questionnaire has no questions");
  build_layout(b.q);
  return std::move(b.q);
}

double keyed(const Item& it, double raw) { return it.reverse ? it.min() + it.max() - raw : raw; }

Result<Scored> score(const Questionnaire& q, const json& answers, Check check) {
  if (!answers.is_object()) return bad("survey.answers_invalid", "answers", "answers must be an object {question name: value}");
  // No answer survey-core writes nests deeper than a few levels ({matrix: {row: value}}, dynamic
  // panels [{question: [choices]}]); refusing deeper input here bounds every later walk over it
  // (messages, storage).
  if (deeper_than(answers, 8)) return bad("survey.answers_invalid", "answers", "answers are nested too deeply");
  Scored s;
  s.values.assign(q.items.size(), std::nullopt);
  auto invalid = [](const std::string& name, const std::string& msg) { return bad("survey.answer_invalid", name, msg); };
  // A point of a numeric scale: a number equal to one of its points, or a string only when the
  // definition writes that point as a string (survey-core then answers the string).
  const bool stored = check == Check::stored;
  auto scale_point = [stored](const Item& it, const json& v) -> std::optional<double> {
    double x;
    if (v.is_number()) {
      x = v.get<double>();
    } else if (v.is_string() && std::find(it.string_points.begin(), it.string_points.end(),
                                          v.get_ref<const std::string&>()) != it.string_points.end()) {
      x = std::stod(v.get<std::string>());
    } else if (v.is_string() && stored) {
      // Responses stored before answers were checked strictly may hold numeric strings.
      try {
        size_t used = 0;
        x = std::stod(v.get<std::string>(), &used);
        if (used != v.get<std::string>().size()) return std::nullopt;
      } catch (...) {
        return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
    for (double p : it.scale)
      if (std::fabs(p - x) < 1e-9) return p;
    return std::nullopt;
  };
  auto scale_text = [](const Item& it) {
    std::ostringstream os;
    bool whole = std::all_of(it.scale.begin(), it.scale.end(), [](double p) { return p == std::floor(p); });
    bool steps = it.scale.size() > 2;
    for (size_t i = 1; steps && i + 1 < it.scale.size(); ++i)
      if (std::fabs((it.scale[i + 1] - it.scale[i]) - (it.scale[1] - it.scale[0])) > 1e-9) steps = false;
    if (whole && steps && it.scale[1] - it.scale[0] == 1)
      os << "an integer from " << it.scale.front() << " to " << it.scale.back();
    else
      os << "one of " << json(it.scale).dump();
    return os.str();
  };
  auto choice_index = [stored](const Item& it, const json& v) -> std::optional<size_t> {
    auto f = std::find_if(it.choices.begin(), it.choices.end(), [&](const json& ch) { return same_value(ch, v); });
    if (f == it.choices.end() && stored && (v.is_string() || v.is_number()))  // as once accepted: "1" for 1
      f = std::find_if(it.choices.begin(), it.choices.end(), [&](const json& ch) {
        return (ch.is_string() || ch.is_number()) && value_text(ch) == value_text(v);
      });
    if (f == it.choices.end()) return std::nullopt;
    return static_cast<size_t>(f - it.choices.begin());
  };
  auto choices_text = [](const Item& it) {
    std::string out;
    for (size_t i = 0; i < it.choices.size() && i < 20; ++i) out += (i ? ", " : "") + shown(it.choices[i]);
    if (it.choices.size() > 20) out += ", ...";
    return out;
  };
  for (const auto& kv : answers.items()) {
    // (no structured binding: lambdas below capture these, which clang 14 does not allow)
    const std::string& key = kv.key();
    const json& v = kv.value();
    if (v.is_null()) continue;
    auto qi = q.question_items.find(key);
    if (qi == q.question_items.end()) {
      // SurveyJS keeps the "other" text and free comments as "<name>-Comment".
      static const std::string suffix = "-Comment";
      if (key.size() > suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
        auto base = q.question_items.find(key.substr(0, key.size() - suffix.size()));
        if (base != q.question_items.end()) {
          if (!v.is_string()) return invalid(key, key + " must be text");
          if (v.get_ref<const std::string&>().size() > kMaxText)
            return invalid(key, key + " is longer than 10 000 bytes");
          if (!v.get<std::string>().empty()) s.texts.push_back({base->second.front(), v.get<std::string>()});
          continue;
        }
      }
      // Values survey-core computes itself (expression questions, calculated values kept in the
      // result): accepted as scalars, not scored.
      if (q.computed.count(key)) {
        if (!is_scalar(v) || (v.is_string() && v.get_ref<const std::string&>().size() > kMaxText))
          return invalid(key, key + " must be a number, text or true/false");
        continue;
      }
      return bad("survey.answer_unknown", key, "the questionnaire has no question named '" + key + "'");
    }
    const Item& first = q.items[qi->second.front()];
    if (first.type == "matrix") {
      if (!v.is_object()) return invalid(key, key + " must be an object {row: column value}");
      for (const auto& [row, cell] : v.items()) {
        auto ii = q.item_index.find(key + "." + row);
        if (ii == q.item_index.end()) return bad("survey.answer_unknown", key, key + " has no row '" + row + "'");
        if (cell.is_null()) continue;
        const Item& ri = q.items[ii->second];
        auto x = scale_point(ri, cell);
        if (!x) return invalid(key, key + "." + row + " must be " + scale_text(ri) + ", not " + shown(cell));
        s.values[ii->second] = *x;
        ++s.answered;
      }
      continue;
    }
    size_t idx = qi->second.front();
    const Item& it = q.items[idx];
    if (it.scored) {
      auto x = scale_point(it, v);
      if (!x) return invalid(key, key + " must be " + scale_text(it) + ", not " + shown(v));
      s.values[idx] = *x;
    } else if (it.text) {
      if (it.numeric_text && v.is_number()) {
        s.texts.push_back({idx, v.dump()});
        ++s.answered;
        continue;
      }
      if (!v.is_string()) return invalid(key, key + (it.numeric_text ? " must be a number or text" : " must be text"));
      if (v.get_ref<const std::string&>().size() > kMaxText) return invalid(key, key + " is longer than 10 000 bytes");
      if (v.get<std::string>().empty()) continue;
      s.texts.push_back({idx, v.get<std::string>()});
    } else if (it.type == "checkbox") {
      if (!v.is_array()) return invalid(key, key + " must be a list of its choices (" + choices_text(it) + ")");
      if (v.size() > it.choices.size() + (it.has_other ? 1 : 0))
        return invalid(key, key + " lists more answers than it has choices");
      std::vector<size_t> chosen;
      for (const auto& c : v) {
        auto ci = choice_index(it, c);
        if (!ci && it.has_other && c.is_string() && !c.get_ref<const std::string&>().empty() &&
            c.get_ref<const std::string&>().size() <= kMaxText) {
          // hasOther with storeOthersAsComment off: the other text itself is in the list.
          ci = choice_index(it, json("other"));
          s.texts.push_back({idx, c.get<std::string>()});
        }
        if (!ci) return invalid(key, key + ": " + shown(c) + " is not one of its choices (" + choices_text(it) + ")");
        if (std::find(chosen.begin(), chosen.end(), *ci) == chosen.end()) chosen.push_back(*ci);
      }
      if (chosen.empty()) continue;
      s.checked[idx] = chosen;
      s.values[idx] = static_cast<double>(chosen.size());
    } else {
      auto ci = choice_index(it, v);
      if (!ci && it.has_other && v.is_string() && !v.get_ref<const std::string&>().empty() &&
          v.get_ref<const std::string&>().size() <= kMaxText) {
        ci = choice_index(it, json("other"));
        s.texts.push_back({idx, v.get<std::string>()});
      }
      if (!ci) {
        if (it.type == "boolean")
          return invalid(
              key, key + " must be " + shown(it.choices[0]) + " or " + shown(it.choices[1]) + ", not " + shown(v));
        return invalid(key, key + ": " + shown(v) + " is not one of its choices (" + choices_text(it) + ")");
      }
      s.values[idx] = static_cast<double>(*ci);
    }
    ++s.answered;
  }
  if (s.answered == 0 && s.texts.empty()) return bad("survey.answers_empty", "answers", "the response answers no question");
  return s;
}

void accumulate(const Questionnaire& q, const Scored& s, std::span<double> cell) {
  const StatLayout& L = q.layout;
  cell[0] += 1;
  for (const auto& qb : L.questions) {
    const Item& it = q.items[qb.item];
    const auto& v = s.values[qb.item];
    if (!v) continue;
    double* b = &cell[qb.offset];
    b[0] += 1;
    if (it.scored) {
      double x = *v;
      b[1] += x;
      b[2] += x * x;
      if (x >= it.scale[it.scale.size() - 2]) b[3] += 1;
      size_t slot = static_cast<size_t>(std::lower_bound(it.scale.begin(), it.scale.end(), x - 1e-9) - it.scale.begin());
      if (slot < qb.values) b[4 + slot] += 1;
    } else if (it.type == "checkbox") {
      auto c = s.checked.find(qb.item);
      if (c != s.checked.end())
        for (size_t ci : c->second) b[4 + ci] += 1;
    } else {
      size_t ci = static_cast<size_t>(*v);
      if (ci < qb.values) b[4 + ci] += 1;
    }
  }
  std::vector<double> dim_sums;
  bool all_dims = true;
  std::vector<double> x;
  for (const auto& d : L.dimensions) {
    x.clear();
    bool complete = true;
    for (size_t i : d.items) {
      if (!s.values[i]) {
        complete = false;
        break;
      }
      x.push_back(keyed(q.items[i], *s.values[i]));
    }
    if (!complete) {
      all_dims = false;
      continue;
    }
    size_t k = d.items.size();
    add_moments(cell.subspan(d.offset, 1 + k + k * (k + 1) / 2), x);
    double sum = 0;
    for (double y : x) sum += y;
    dim_sums.push_back(sum);
  }
  if (L.drivers_offset && all_dims && s.values[*q.overall]) {
    dim_sums.push_back(*s.values[*q.overall]);
    size_t k = dim_sums.size();
    add_moments(cell.subspan(*L.drivers_offset, 1 + k + k * (k + 1) / 2), dim_sums);
  }
}

std::optional<std::string> followup_reason(const Questionnaire& q, const Scored& s) {
  if (q.nps && s.values[*q.nps] && *s.values[*q.nps] <= 6)
    return "nps " + std::to_string(static_cast<int>(*s.values[*q.nps]));
  if (q.overall && s.values[*q.overall]) {
    const Item& it = q.items[*q.overall];
    size_t low = it.scale.size() >= 5 ? 2 : 1;
    double x = *s.values[*q.overall];
    if (x <= it.scale[low - 1]) {
      std::ostringstream os;
      os << "overall " << x;
      return os.str();
    }
  }
  return std::nullopt;
}

}  // namespace servq::survey
