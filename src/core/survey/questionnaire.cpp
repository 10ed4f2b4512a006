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
  // Creator may write boolean properties as the strings "true" / "false".
  if (e[key].is_string() && (e[key] == "true" || e[key] == "false")) return e[key] == "true";
  if (!e[key].is_boolean()) return bad("survey.property_invalid", path + "." + key, std::string(key) + " must be true or false");
  return e[key].get<bool>();
}
bool flag(const json& e, const char* key) {
  if (!e.is_object() || !e.contains(key)) return false;
  const json& v = e[key];
  return (v.is_boolean() && v.get<bool>()) || (v.is_string() && v == "true");
}

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

  // ---- elements and questions --------------------------------------------------------------
  // Every problem is collected (errs) and the walk goes on with the next element, so that a
  // definition's problems are all reported at once.
  std::vector<Error> errs;

  static Error unsupported(const std::string& type, const std::string& name, const std::string& path) {
    Error e = bad("survey.question_type_unsupported", path,
                  "question '" + name + "' has type '" + type +
                      "', which servq does not accept (it cannot be answered and analysed here: files, signatures "
                      "and unknown types)");
    e.params = {{"type", type}, {"name", name}};
    return e;
  }

  // Numbers as survey-core reads them from JSON: numbers, or numeric strings.
  static std::optional<double> number_of(const json& v) {
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) {
      try {
        size_t used = 0;
        double d = std::stod(v.get<std::string>(), &used);
        if (used == v.get<std::string>().size() && std::isfinite(d)) return d;
      } catch (...) {
      }
    }
    return std::nullopt;
  }
  static std::optional<double> num_prop(const json& e, const char* k) {
    if (!e.is_object() || !e.contains(k)) return std::nullopt;
    return number_of(e[k]);
  }

  // The choices of a choice question: its list, or survey-core's numeric range choicesMin ..
  // choicesMax (step choicesStep) when the list is empty, plus other / none / refused / dontknow.
  Result<bool> choices_of(const json& e, Item& it, const std::string& path, bool required) {
    if (e.contains("choices") && !e["choices"].is_array())
      return bad("survey.choices_missing", path + ".choices", "choices must be a list");
    if (e.contains("choices"))
      for (const auto& c : e["choices"]) {
        json v = value_of(c);
        if (!is_scalar(v)) return bad("survey.choices_missing", path + ".choices", "a choice's value must be a number or text");
        it.choices.push_back(v);
      }
    {  // survey-core adds choicesMin..choicesMax (defaults 0, 0; step 1) after the listed choices
      double lo = num_prop(e, "choicesMin").value_or(0), hi = num_prop(e, "choicesMax").value_or(0);
      auto st = num_prop(e, "choicesStep");
      double step = st && *st > 0 ? *st : 1;
      if (hi > lo && (hi - lo) / step <= 1000)
        for (double x = lo; x <= hi + 1e-9; x += step) {
          json v = x == std::floor(x) ? json(static_cast<int64_t>(x)) : json(x);
          if (std::none_of(it.choices.begin(), it.choices.end(), [&](const json& c) { return same_value(c, v); }))
            it.choices.push_back(v);
        }
    }
    if (it.choices.empty()) {
      if (e.contains("choicesFromQuestion") || e.contains("choicesByUrl")) {
        it.open = true;
        return true;
      }
      if (required) {
        Error er = bad("survey.choices_missing", path, "'" + it.name + "' needs a non-empty choices list");
        er.params = {{"name", it.name}};
        return er;
      }
    }
    if (flag(e, "hasOther") || flag(e, "showOtherItem")) {
      it.choices.push_back("other");
      it.has_other = true;
    }
    for (auto [on1, on2, value] : {std::tuple{"hasNone", "showNoneItem", "none"}, std::tuple{"hasRefuse", "showRefuseItem", "refused"},
                                   std::tuple{"hasDontKnow", "showDontKnowItem", "dontknow"}})
      if (flag(e, on1) || flag(e, on2)) {
        it.choices.push_back(value);
        it.exclusive.push_back(value);
      }
    return true;
  }

  // A question answered by one value (also a matrix cell, a multipletext item): its item.
  Result<Item> leaf(const json& e, const std::string& type, const std::string& item_name, const std::string& top,
                    const std::string& path, bool cell = false) {
    Item it;
    it.name = item_name;
    it.question = top;
    it.type = type;
    it.title = e.contains("title") ? e["title"] : json(item_name);
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
          return number_of(e[k]);
        };
        auto lo = num("rateMin", 1), hi = num("rateMax", 5), step = num("rateStep", 1);
        if (!lo || !hi || !step || *step <= 0 || *hi <= *lo || std::fabs(*lo) > 1e6 || std::fabs(*hi) > 1e6 ||
            *step < 1e-6 || (*hi - *lo) / *step > 100)
          return bad("survey.rating_scale_missing", path,
                     "rating '" + item_name + "' needs numeric rateMin < rateMax (at most 100 steps) or rateValues");
        for (double x = *lo; x <= *hi + 1e-9; x += *step) it.scale.push_back(x);
      }
      if (it.scale.size() < 2)
        return bad("survey.rating_scale_missing", path, "rating '" + item_name + "' needs at least two scale points");
      return it;
    }
    if (type == "radiogroup" || type == "checkbox" || type == "dropdown" || type == "tagbox" || type == "imagepicker" ||
        type == "buttongroup") {
      it.custom = flag(e, "allowCustomChoices");
      if (type == "checkbox" && e.contains("valuePropertyName") && e["valuePropertyName"].is_string())
        it.value_property = e["valuePropertyName"].get<std::string>();
      it.multi = type == "checkbox" || type == "tagbox" || (type == "imagepicker" && flag(e, "multiSelect"));
      auto c = choices_of(e, it, path, !cell);
      if (!c) return c.error();
      if (it.multi) {
        it.min_selected = static_cast<size_t>(std::max(0.0, num_prop(e, "minSelectedChoices").value_or(0)));
        it.max_selected = static_cast<size_t>(std::max(0.0, num_prop(e, "maxSelectedChoices").value_or(0)));
      }
      return it;
    }
    if (type == "boolean") {
      // survey-core answers valueTrue / valueFalse when the definition sets them.
      json yes = e.contains("valueTrue") && is_scalar(e["valueTrue"]) ? e["valueTrue"] : json(true);
      json no = e.contains("valueFalse") && is_scalar(e["valueFalse"]) ? e["valueFalse"] : json(false);
      if (same_value(yes, no))
        return bad("survey.property_invalid", path + ".valueFalse", "valueTrue and valueFalse must differ");
      it.choices = {yes, no};
      return it;
    }
    if (type == "expression") {
      it.numeric = true;
      return it;
    }
    // text, comment, a multipletext item
    it.text = true;
    auto input = string_prop(e, "inputType", "text", path);
    if (!input) return input.error();
    it.input_type = *input;
    it.numeric_text = type != "comment" && (*input == "number" || *input == "range");
    if (it.numeric_text) {
      it.min_number = num_prop(e, "min");
      it.max_number = num_prop(e, "max");
      if (*input == "range") {  // survey-core's range input defaults to 0..100
        if (!it.min_number) it.min_number = 0;
        if (!it.max_number) it.max_number = 100;
      }
    } else if (*input == "date" || *input == "datetime-local" || *input == "month" || *input == "time" ||
               *input == "week") {
      if (e.contains("min") && e["min"].is_string()) it.min_text = e["min"].get<std::string>();
      if (e.contains("max") && e["max"].is_string()) it.max_text = e["max"].get<std::string>();
    }
    if (auto ml = num_prop(e, "maxLength"); ml && *ml > 0 && *ml < static_cast<double>(kMaxText))
      it.max_length = static_cast<size_t>(*ml);
    if (type == "multipletext" && it.numeric_text) {
      it.text = false;
      it.numeric = true;
    }
    return it;
  }

  // Adds an item (its checks), naming it after its place; returns its index.
  Result<size_t> add_leaf(Item it, const std::string& path, bool repeated, bool importable) {
    it.repeated = repeated;
    it.importable = importable && !repeated && !it.numeric && !it.open;
    if (repeated && (!it.role.empty() || !it.dimension.empty()))
      return bad("survey.property_invalid", path,
                 "'" + it.name + "' repeats (dynamic panel or matrix row): it cannot have a role or a dimension");
    size_t idx = q.items.size();
    auto ok = add_item(std::move(it), path);
    if (!ok) return ok.error();
    return idx;
  }

  static const std::set<std::string>& leaf_types() {
    static const std::set<std::string> t = {"rating",  "radiogroup", "checkbox", "dropdown",   "tagbox",
                                            "imagepicker", "boolean", "text",     "comment", "expression", "buttongroup"};
    return t;
  }
  static const std::set<std::string>& cell_types() {
    static const std::set<std::string> t = {"dropdown", "checkbox", "radiogroup", "tagbox", "text",
                                            "comment",  "boolean",  "expression", "rating"};
    return t;
  }

  // The cells of a matrixdropdown row or a matrixdynamic row: one leaf per column.
  Result<bool> columns(const json& e, const std::string& name, const std::string& prefix, const std::string& top,
                       const std::string& path, bool repeated, Node& row) {
    if (!e.contains("columns") || !e["columns"].is_array() || e["columns"].empty())
      return bad("survey.matrix_columns", path, "matrix '" + name + "' needs columns");
    std::string default_cell = "dropdown";
    if (e.contains("cellType") && e["cellType"].is_string() && e["cellType"] != "default") default_cell = e["cellType"];
    const auto& cols = e["columns"];
    for (size_t i = 0; i < cols.size(); ++i) {
      const auto& c = cols[i];
      std::string cpath = path + ".columns[" + std::to_string(i) + "]";
      if (!c.is_object() || !c.contains("name") || !c["name"].is_string() || c["name"].get<std::string>().empty())
        return bad("survey.name_required", cpath + ".name", "every column needs a name");
      std::string cname = c["name"];
      if (cname.find('.') != std::string::npos || cname.find(';') != std::string::npos)
        return bad("survey.name_invalid", cpath + ".name", "column names may not contain '.' or ';'");
      std::string type = default_cell;
      if (c.contains("cellType") && c["cellType"].is_string() && c["cellType"] != "default") type = c["cellType"];
      if (!cell_types().count(type)) return unsupported(type, name + "." + cname, cpath);
      json cell = c;
      for (const char* k : {"choices", "choicesMin", "choicesMax", "choicesStep", "hasOther", "showOtherItem", "hasNone",
                            "showNoneItem", "inputType"})
        if (!cell.contains(k) && e.contains(k)) cell[k] = e[k];
      if (row.child(cname)) return bad("survey.duplicate_name", cpath, "the column name '" + cname + "' is used twice");
      auto it = leaf(cell, type, prefix + "." + cname, top, cpath, true);
      if (!it) return it.error();
      it->column = cname;
      auto idx = add_leaf(std::move(*it), cpath, repeated, false);
      if (!idx) return idx.error();
      Node n;
      n.key = cname;
      n.item = *idx;
      row.children.push_back(std::move(n));
    }
    return true;
  }

  // Where a question sits: its names and path, for the per-type readers below.
  struct QuestionAt {
    const std::string& ename;   // the question's name
    const std::string& iname;   // its item name (prefix + value name)
    const std::string& top;     // the top-level question it belongs to
    const std::string& path;    // JSON path inside the definition
    const std::string& top_in;  // empty for a top-level question
    size_t depth;
    bool repeated;
  };

  // One question (not a panel): its node, or nothing for display elements.
  Result<std::optional<Node>> question(const json& e, const std::string& type, const std::string& path, size_t depth,
                                       const std::string& prefix, const std::string& top_in, bool repeated) {
    std::string ename = e.contains("name") && e["name"].is_string() ? e["name"].get<std::string>() : "";
    if (type == "html" || type == "image") return std::optional<Node>{};
    static const std::set<std::string> containers = {"matrix",       "matrixdropdown", "matrixdynamic",
                                                     "paneldynamic", "multipletext",   "ranking"};
    if (!leaf_types().count(type) && !containers.count(type)) return unsupported(type, ename, path);
    if (ename.empty()) return bad("survey.name_required", path + ".name", "every question needs a name");
    if (ename.find('.') != std::string::npos || ename.find(';') != std::string::npos)
      return bad("survey.name_invalid", path + ".name", "question names may not contain '.' or ';'");
    std::string key = ename;
    if (e.contains("valueName") && e["valueName"].is_string() && !e["valueName"].get<std::string>().empty()) {
      key = e["valueName"].get<std::string>();
      if (key.find('.') != std::string::npos || key.find(';') != std::string::npos)
        return bad("survey.name_invalid", path + ".valueName", "value names may not contain '.' or ';'");
    }
    std::string top = top_in.empty() ? key : top_in;
    std::string iname = prefix + key;
    const QuestionAt at{ename, iname, top, path, top_in, depth, repeated};
    Node n;
    n.key = key;
    n.item = q.items.size();  // containers: their first item
    if (leaf_types().count(type)) {
      auto it = leaf(e, type, iname, top, path);
      if (!it) return it.error();
      auto idx = add_leaf(std::move(*it), path, repeated, top_in.empty());
      if (!idx) return idx.error();
      n.item = *idx;
      return std::optional<Node>(std::move(n));
    }
    n.kind = Node::Kind::object;
    if (type == "ranking") return ranking_node(e, std::move(n), at);
    if (type == "multipletext") return multipletext_node(e, std::move(n), at);
    if (type == "matrix") return matrix_node(e, std::move(n), at);
    if (type == "matrixdropdown") return matrixdropdown_node(e, std::move(n), at);
    return dynamic_node(e, std::move(n), type, at);
  }

  // A ranking: one scored item per choice, its rank.
  Result<std::optional<Node>> ranking_node(const json& e, Node n, const QuestionAt& at) {
    const std::string &ename = at.ename, &iname = at.iname, &top = at.top, &path = at.path;
    const bool repeated = at.repeated;
    n.kind = Node::Kind::ranking;
    Item probe;
    probe.name = iname;
    auto c = choices_of(e, probe, path, true);
    if (!c) return c.error();
    if (probe.open || probe.choices.size() < 2)
      return bad("survey.choices_missing", path, "ranking '" + ename + "' needs at least two choices");
    n.choices = probe.choices;
    n.count = probe.choices.size();
    n.item = q.items.size();
    for (size_t i = 0; i < probe.choices.size(); ++i) {
      Item it;
      it.row = value_text(probe.choices[i]);
      it.name = iname + "." + it.row;
      it.question = top;
      it.type = "ranking";
      it.title = it.row;
      it.scored = true;
      for (size_t r = 1; r <= probe.choices.size(); ++r) it.scale.push_back(static_cast<double>(r));
      auto idx = add_leaf(std::move(it), path + ".choices[" + std::to_string(i) + "]", repeated, false);
      if (!idx) return idx.error();
    }
    return std::optional<Node>(std::move(n));
  }

  // A multipletext: one text item per item.
  Result<std::optional<Node>> multipletext_node(const json& e, Node n, const QuestionAt& at) {
    const std::string &ename = at.ename, &iname = at.iname, &top = at.top, &path = at.path;
    const bool repeated = at.repeated;
    if (!e.contains("items") || !e["items"].is_array() || e["items"].empty())
      return bad("survey.items_missing", path, "multipletext '" + ename + "' needs items");
    for (size_t i = 0; i < e["items"].size(); ++i) {
      const auto& x = e["items"][i];
      std::string ipath = path + ".items[" + std::to_string(i) + "]";
      if (!x.is_object() || !x.contains("name") || !x["name"].is_string() || x["name"].get<std::string>().empty())
        return bad("survey.name_required", ipath + ".name", "every item needs a name");
      std::string xn = x["name"];
      if (xn.find('.') != std::string::npos || n.child(xn))
        return bad("survey.name_invalid", ipath + ".name", "item names must be unique and may not contain '.'");
      auto it = leaf(x, "multipletext", iname + "." + xn, top, ipath);
      if (!it) return it.error();
      it->row = xn;
      auto idx = add_leaf(std::move(*it), ipath, repeated, false);
      if (!idx) return idx.error();
      Node c;
      c.key = xn;
      c.item = *idx;
      n.children.push_back(std::move(c));
    }
    return std::optional<Node>(std::move(n));
  }

  // A matrix: one item per row, scored when the columns are numbers.
  Result<std::optional<Node>> matrix_node(const json& e, Node n, const QuestionAt& at) {
    const std::string &ename = at.ename, &iname = at.iname, &top = at.top, &path = at.path, &top_in = at.top_in;
    const bool repeated = at.repeated;
    if (!e.contains("rows") || !e["rows"].is_array() || e["rows"].empty())
      return bad("survey.matrix_rows", path, "matrix '" + ename + "' needs rows");
    if (!e.contains("columns") || !e["columns"].is_array() || e["columns"].size() < 2)
      return bad("survey.matrix_columns", path, "matrix '" + ename + "' needs at least two columns");
    std::vector<std::string> string_cols;
    auto cols = numeric_values(e["columns"], path + ".columns", "matrix_columns", &string_cols);
    std::vector<json> col_values;
    for (const auto& c : e["columns"]) col_values.push_back(value_of(c));
    Item base;
    {
      auto dim = string_prop(e, "dimension", "", path);
      if (!dim) return dim.error();
      base.dimension = *dim;
    }
    const auto& rows = e["rows"];
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      std::string rpath = path + ".rows[" + std::to_string(i) + "]";
      json v = value_of(r);
      if (!(v.is_string() || v.is_number()) || value_text(v).empty())
        return bad("survey.matrix_rows", rpath, "a matrix row needs a value");
      Item ri;
      ri.row = value_text(v);
      ri.name = iname + "." + ri.row;
      ri.question = top;
      ri.type = "matrix";
      ri.title = r.is_object() && r.contains("text") ? r["text"] : json(ri.row);
      if (cols) {  // numeric columns: a scale per row
        ri.scored = true;
        ri.scale = *cols;
        ri.string_points = string_cols;
      } else {  // columns named by text: each row is a choice among them
        ri.choices = col_values;
      }
      auto rdim = string_prop(r, "dimension", base.dimension, rpath);
      if (!rdim) return rdim.error();
      auto rrev = bool_prop(r, "reverse", rpath);
      if (!rrev) return rrev.error();
      auto rrole = string_prop(r, "role", "", rpath);
      if (!rrole) return rrole.error();
      ri.dimension = *rdim;
      ri.reverse = *rrev;
      ri.role = *rrole;
      if (n.child(ri.row)) return bad("survey.duplicate_name", rpath, "the row '" + ri.row + "' is listed twice");
      Node c;
      c.key = ri.row;
      auto idx = add_leaf(std::move(ri), rpath, repeated, top_in.empty());
      if (!idx) return idx.error();
      c.item = *idx;
      n.children.push_back(std::move(c));
    }
    return std::optional<Node>(std::move(n));
  }

  // A matrixdropdown: per row, one item per column.
  Result<std::optional<Node>> matrixdropdown_node(const json& e, Node n, const QuestionAt& at) {
    const std::string &ename = at.ename, &iname = at.iname, &top = at.top, &path = at.path;
    const bool repeated = at.repeated;
    if (!e.contains("rows") || !e["rows"].is_array() || e["rows"].empty())
      return bad("survey.matrix_rows", path, "matrix '" + ename + "' needs rows");
    const auto& rows = e["rows"];
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string rpath = path + ".rows[" + std::to_string(i) + "]";
      json v = value_of(rows[i]);
      if (!(v.is_string() || v.is_number()) || value_text(v).empty())
        return bad("survey.matrix_rows", rpath, "a matrix row needs a value");
      Node row;
      row.kind = Node::Kind::object;
      row.key = value_text(v);
      if (n.child(row.key)) return bad("survey.duplicate_name", rpath, "the row '" + row.key + "' is listed twice");
      size_t first = q.items.size();
      auto c = columns(e, ename, iname + "." + row.key, top, path, repeated, row);
      if (!c) return c.error();
      for (size_t k = first; k < q.items.size(); ++k) q.items[k].row = row.key;
      n.children.push_back(std::move(row));
    }
    return std::optional<Node>(std::move(n));
  }

  // matrixdynamic and paneldynamic: a list of rows / panels.
  Result<std::optional<Node>> dynamic_node(const json& e, Node n, const std::string& type, const QuestionAt& at) {
    const std::string &ename = at.ename, &iname = at.iname, &top = at.top, &path = at.path;
    const size_t depth = at.depth;
    n.kind = Node::Kind::list;
    Node row;
    row.kind = Node::Kind::object;
    if (type == "matrixdynamic") {
      auto c = columns(e, ename, iname, top, path, true, row);
      if (!c) return c.error();
      if (e.contains("detailElements")) {
        size_t before = errs.size();
        elements(e["detailElements"], path + ".detailElements", depth + 1, row, iname + ".", top, true);
        if (errs.size() > before) return std::optional<Node>{};
      }
    } else {
      if (e.contains("templateElements")) {
        size_t before = errs.size();
        elements(e["templateElements"], path + ".templateElements", depth + 1, row, iname + ".", top, true);
        if (errs.size() > before) return std::optional<Node>{};
      }
    }
    n.children.push_back(std::move(row));
    return std::optional<Node>(std::move(n));
  }

  // The elements of a page, panel, dynamic panel template or matrix detail: their answer
  // nodes go into `into` (panels are flat in the answers). Problems go to errs.
  void elements(const json& list, const std::string& path, size_t depth, Node& into, const std::string& prefix,
                const std::string& top, bool repeated) {
    if (depth > kMaxContainerDepth) {
      errs.push_back(too_deep(path));
      return;
    }
    if (!list.is_array()) {
      errs.push_back(bad("survey.definition_invalid", path, "elements must be an array"));
      return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      const json& e = list[i];
      std::string epath = path + "[" + std::to_string(i) + "]";
      if (!e.is_object()) {
        errs.push_back(bad("survey.definition_invalid", epath, "an element must be an object"));
        continue;
      }
      if (!e.contains("type") || !e["type"].is_string()) {
        errs.push_back(bad("survey.unknown_type", epath + ".type", "type must be a string"));
        continue;
      }
      std::string type = e["type"];
      if (type == "panel" || type == "flowpanel") {
        if (e.contains("elements")) elements(e["elements"], epath + ".elements", depth + 1, into, prefix, top, repeated);
        continue;
      }
      auto r = question(e, type, epath, depth, prefix, top, repeated);
      if (!r) {
        Error er = r.error();
        if (er.params.empty() && e.contains("name") && e["name"].is_string()) er.params = {{"name", e["name"].get<std::string>()}};
        errs.push_back(std::move(er));
        continue;
      }
      if (!*r) continue;
      if (into.child((*r)->key)) {
        Error er = bad("survey.duplicate_name", epath, "the name '" + (*r)->key + "' is used twice; names must be unique");
        er.params = {{"name", (*r)->key}};
        errs.push_back(std::move(er));
        continue;
      }
      into.children.push_back(std::move(**r));
    }
  }
};

void build_layout(Questionnaire& q) {
  StatLayout& L = q.layout;
  L.size = 1;
  for (size_t i = 0; i < q.items.size(); ++i) {
    const auto& it = q.items[i];
    if (it.text || it.open) continue;
    size_t slots = it.scored ? it.scale.size() : it.numeric ? 0 : it.choices.size();
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
  // Values survey-core writes into the answers without a question: triggers that set or copy
  // a value (setToName), kept as scalars.
  if (def.contains("triggers") && def["triggers"].is_array())
    for (const auto& t : def["triggers"])
      if (t.is_object() && t.contains("setToName") && t["setToName"].is_string())
        b.q.computed.insert(t["setToName"].get<std::string>());
  Node root;
  root.kind = Node::Kind::object;
  bool any = false;
  if (def.contains("pages")) {
    if (!def["pages"].is_array()) {
      b.errs.push_back(bad("survey.definition_invalid", "pages", "pages must be an array"));
    } else {
      for (size_t i = 0; i < def["pages"].size(); ++i) {
        const auto& p = def["pages"][i];
        std::string path = "pages[" + std::to_string(i) + "]";
        if (!p.is_object()) {
          b.errs.push_back(bad("survey.definition_invalid", path, "a page must be an object"));
          continue;
        }
        if (p.contains("elements") || p.contains("questions")) {
          b.elements(p.contains("elements") ? p["elements"] : p["questions"], path + ".elements", 1, root, "", "", false);
          any = true;
        }
      }
    }
  }
  if (def.contains("elements") || def.contains("questions")) {
    b.elements(def.contains("elements") ? def["elements"] : def["questions"], "elements", 1, root, "", "", false);
    any = true;
  }
  if (b.errs.empty() && (!any || b.q.items.empty()))
    b.errs.push_back(bad("survey.definition_invalid", "pages", "the questionnaire has no questions"));
  if (!b.errs.empty()) {
    Error out = b.errs.size() == 1 ? b.errs.front()
                                   : bad("survey.definition_invalid", b.errs.front().field,
                                         std::to_string(b.errs.size()) + " problems; the first: " + b.errs.front().message);
    if (b.errs.size() > 1) out.params = {{"count", std::to_string(b.errs.size())}};
    out.errors = std::move(b.errs);
    if (out.errors.size() > 200) out.errors.resize(200);
    return out;
  }
  for (size_t i = 0; i < root.children.size(); ++i) b.q.node_index[root.children[i].key] = i;
  b.q.nodes = std::move(root.children);
  build_layout(b.q);
  return std::move(b.q);
}

double keyed(const Item& it, double raw) { return it.reverse ? it.min() + it.max() - raw : raw; }

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// An ISO date-like text (date, datetime-local, month, time, week inputs): digits and separators.
bool date_like(const std::string& s) {
  if (s.empty() || s.size() > 40) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == ':' || c == 'T' || c == 'W' || c == '.'; });
}

struct Checker {
  const Questionnaire& q;
  bool stored;
  Scored& s;

  static Error invalid(const std::string& name, const std::string& msg) { return bad("survey.answer_invalid", name, msg); }

  std::optional<double> scale_point(const Item& it, const json& v) const {
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
  }
  static std::string scale_text(const Item& it) {
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
  }
  std::optional<size_t> choice_index(const Item& it, const json& v) const {
    auto f = std::find_if(it.choices.begin(), it.choices.end(), [&](const json& ch) { return same_value(ch, v); });
    if (f == it.choices.end() && stored && (v.is_string() || v.is_number()))  // as once accepted: "1" for 1
      f = std::find_if(it.choices.begin(), it.choices.end(), [&](const json& ch) {
        return (ch.is_string() || ch.is_number()) && value_text(ch) == value_text(v);
      });
    if (f == it.choices.end()) return std::nullopt;
    return static_cast<size_t>(f - it.choices.begin());
  }
  static std::string choices_text(const Item& it) {
    std::string out;
    for (size_t i = 0; i < it.choices.size() && i < 20; ++i) out += (i ? ", " : "") + shown(it.choices[i]);
    if (it.choices.size() > 20) out += ", ...";
    return out;
  }
  static Result<std::string> text_value(const std::string& name, const json& v) {
    if (!v.is_string()) return invalid(name, name + " must be text");
    if (v.get_ref<const std::string&>().size() > kMaxText) return invalid(name, name + " is longer than 10 000 bytes");
    return v.get<std::string>();
  }

  void observe(size_t idx, double value, std::vector<size_t> checked) {
    const Item& it = q.items[idx];
    if (it.repeated) {
      s.repeats.push_back({idx, value, std::move(checked)});
    } else {
      s.values[idx] = value;
      if (!checked.empty()) s.checked[idx] = std::move(checked);
    }
    ++s.answered;
  }

  // One value for one item (a question, a matrix cell, a multipletext item).
  Result<bool> leaf(const Item& it, const std::string& name, const json& v) {
    if (it.scored) {
      auto x = scale_point(it, v);
      if (!x) return invalid(name, name + " must be " + scale_text(it) + ", not " + shown(v));
      observe(q.item_index.at(it.name), *x, {});
      return true;
    }
    size_t idx = q.item_index.at(it.name);
    if (it.numeric) {
      if (v.is_number()) {
        double x = v.get<double>();
        if (!std::isfinite(x)) return invalid(name, name + " must be a finite number");
        observe(idx, x, {});
        return true;
      }
      if (it.type == "expression" && (v.is_string() || v.is_boolean())) {  // an expression may compute text
        auto t = v.is_string() ? text_value(name, v) : Result<std::string>(v.dump());
        if (!t) return t.error();
        if (!t->empty()) s.texts.push_back({idx, *t});
        return true;
      }
      return invalid(name, name + " must be a number");
    }
    if (it.open) {
      if (!is_scalar(v) || (v.is_string() && v.get_ref<const std::string&>().size() > kMaxText))
        return invalid(name, name + " must be a number or text");
      s.texts.push_back({idx, value_text(v)});
      ++s.answered;
      return true;
    }
    if (it.text) return text_leaf(it, name, v, idx);
    if (it.multi) return multi_leaf(it, name, v, idx);
    auto ci = choice_index(it, v);
    if (!ci && (it.has_other || it.custom) && v.is_string() && !v.get_ref<const std::string&>().empty() &&
        v.get_ref<const std::string&>().size() <= kMaxText) {
      s.texts.push_back({idx, v.get<std::string>()});
      if (it.has_other) ci = choice_index(it, json("other"));
      if (!ci) {  // a custom choice: kept as text only
        ++s.answered;
        return true;
      }
    }
    if (!ci) {
      if (it.type == "boolean")
        return invalid(name, name + " must be " + shown(it.choices[0]) + " or " + shown(it.choices[1]) + ", not " + shown(v));
      return invalid(name, name + ": " + shown(v) + " is not one of its choices (" + choices_text(it) + ")");
    }
    observe(idx, static_cast<double>(*ci), {});
    return true;
  }

  // A text item: free text, a number typed as text, or a date within its bounds.
  Result<bool> text_leaf(const Item& it, const std::string& name, const json& v, size_t idx) {
    if (it.numeric_text && v.is_number()) {
      double x = v.get<double>();
      if ((it.min_number && x < *it.min_number - 1e-9) || (it.max_number && x > *it.max_number + 1e-9)) {
        std::ostringstream os;
        os << name << " must be";
        if (it.min_number) os << " at least " << *it.min_number;
        if (it.min_number && it.max_number) os << " and";
        if (it.max_number) os << " at most " << *it.max_number;
        return invalid(name, os.str() + ", not " + shown(v));
      }
      s.texts.push_back({idx, v.dump()});
      ++s.answered;
      return true;
    }
    if (!v.is_string()) return invalid(name, name + (it.numeric_text ? " must be a number" : " must be text"));
    const auto& t = v.get_ref<const std::string&>();
    if (t.size() > kMaxText) return invalid(name, name + " is longer than 10 000 bytes");
    if (it.max_length && t.size() > it.max_length * 4)  // maxLength counts characters; UTF-8 takes up to 4 bytes each
      return invalid(name, name + " is longer than " + std::to_string(it.max_length) + " characters");
    if (t.empty()) return true;
    if (!it.min_text.empty() || !it.max_text.empty() || it.input_type == "date") {
      if (!date_like(t)) return invalid(name, name + " must be a date (yyyy-mm-dd), not " + shown(v));
      if (!it.min_text.empty() && date_like(it.min_text) && t < it.min_text)
        return invalid(name, name + " must not be before " + it.min_text);
      if (!it.max_text.empty() && date_like(it.max_text) && t > it.max_text)
        return invalid(name, name + " must not be after " + it.max_text);
    }
    s.texts.push_back({idx, t});
    return true;
  }

  // A multiple-choice item: the list of chosen values (with their comments or other text).
  Result<bool> multi_leaf(const Item& it, const std::string& name, const json& v, size_t idx) {
    if (!v.is_array()) return invalid(name, name + " must be a list of its choices (" + choices_text(it) + ")");
    if (v.size() > it.choices.size() + (it.has_other ? 1 : 0)) return invalid(name, name + " lists more answers than it has choices");
    std::vector<size_t> chosen;
    for (const auto& c0 : v) {
      // With per-choice comments survey-core writes {value, comment} for each chosen item.
      const json* c = &c0;
      if (!it.value_property.empty()) {  // valuePropertyName: [{name: value}]
        if (!c0.is_object() || !c0.contains(it.value_property) || c0.size() != 1)
          return invalid(name, name + ": each chosen item must be {\"" + it.value_property + "\": value}");
        c = &c0[it.value_property];
      } else if (c0.is_object()) {
        if (!c0.contains("value")) return invalid(name, name + ": a chosen item must have a value");
        for (const auto& [k, x] : c0.items())
          if (k != "value" && !(k == "comment" && x.is_string() && x.get_ref<const std::string&>().size() <= kMaxText))
            return invalid(name, name + ": a chosen item holds only its value and a comment");
        if (c0.contains("comment") && !c0["comment"].get<std::string>().empty())
          s.texts.push_back({idx, c0["comment"].get<std::string>()});
        c = &c0["value"];
      }
      auto ci = choice_index(it, *c);
      if (!ci && (it.has_other || it.custom) && c->is_string() && !c->get_ref<const std::string&>().empty() &&
          c->get_ref<const std::string&>().size() <= kMaxText) {
        // hasOther with storeOthersAsComment off: the other text itself is in the list (a
        // custom choice the same); kept as text.
        s.texts.push_back({idx, c->get<std::string>()});
        if (it.has_other) ci = choice_index(it, json("other"));
        if (!ci) continue;
      }
      if (!ci) return invalid(name, name + ": " + shown(*c) + " is not one of its choices (" + choices_text(it) + ")");
      if (std::find(chosen.begin(), chosen.end(), *ci) == chosen.end()) chosen.push_back(*ci);
    }
    if (chosen.empty()) return true;
    for (const auto& ex : it.exclusive)
      if (chosen.size() > 1 && std::any_of(chosen.begin(), chosen.end(), [&](size_t c) { return same_value(it.choices[c], ex); }))
        return invalid(name, name + ": " + shown(ex) + " cannot be chosen with other answers");
    if (it.max_selected && chosen.size() > it.max_selected)
      return invalid(name, name + " allows at most " + std::to_string(it.max_selected) + " answers");
    if (it.min_selected && chosen.size() < it.min_selected && !stored)
      return invalid(name, name + " needs at least " + std::to_string(it.min_selected) + " answers");
    double n = static_cast<double>(chosen.size());
    observe(idx, n, std::move(chosen));
    return true;
  }

  // A "-Comment" / "-other" key beside a known key: the comment or other text.
  bool side_text(const Node& parent, const std::string& key, const json& v, Result<bool>& out) {
    for (const std::string suffix : {"-Comment", "-other"}) {
      if (!ends_with(key, suffix)) continue;
      const Node* base = parent.child(key.substr(0, key.size() - suffix.size()));
      if (!base) continue;
      auto t = text_value(key, v);
      if (!t) {
        out = t.error();
        return true;
      }
      if (!t->empty()) s.texts.push_back({base->kind == Node::Kind::leaf ? base->item : base->item, *t});
      out = true;
      return true;
    }
    return false;
  }

  Result<bool> node(const Node& n, const std::string& name, const json& v) {
    if (v.is_null()) return true;
    switch (n.kind) {
      case Node::Kind::leaf:
        return leaf(q.items[n.item], name, v);
      case Node::Kind::ranking: {
        if (!v.is_array()) return invalid(name, name + " must be the list of its choices in rank order");
        if (v.size() > n.count) return invalid(name, name + " ranks more answers than it has choices");
        std::vector<bool> seen(n.count, false);
        for (size_t pos = 0; pos < v.size(); ++pos) {
          auto f = std::find_if(n.choices.begin(), n.choices.end(), [&](const json& ch) { return same_value(ch, v[pos]); });
          if (f == n.choices.end())
            return invalid(name, name + ": " + shown(v[pos]) + " is not one of its choices");
          size_t ci = static_cast<size_t>(f - n.choices.begin());
          if (seen[ci]) return invalid(name, name + ": " + shown(v[pos]) + " is ranked twice");
          seen[ci] = true;
          observe(n.item + ci, static_cast<double>(pos + 1), {});
        }
        return true;
      }
      case Node::Kind::list: {
        if (!v.is_array()) return invalid(name, name + " must be a list of rows (objects)");
        if (v.size() > 1000) return invalid(name, name + " has more than 1 000 rows");
        for (const auto& row : v) {
          if (row.is_object() && row.empty()) continue;
          auto r = node(n.children.front(), name, row);
          if (!r) return r;
        }
        return true;
      }
      case Node::Kind::object:
        break;
    }
    if (!v.is_object()) return invalid(name, name + " must be an object");
    for (const auto& kv : v.items()) {
      const std::string& key = kv.key();
      const Node* c = n.child(key);
      if (!c) {
        Result<bool> side = true;
        if (side_text(n, key, kv.value(), side)) {
          if (!side) return side;
          continue;
        }
        return bad("survey.answer_unknown", name, name + " has no part named '" + key + "'");
      }
      auto r = node(*c, name + "." + key, kv.value());
      if (!r) return r;
    }
    return true;
  }
};

}  // namespace

Result<Scored> score(const Questionnaire& q, const json& answers, Check check) {
  if (!answers.is_object()) return bad("survey.answers_invalid", "answers", "answers must be an object {question name: value}");
  // No answer survey-core writes nests deeper than a few levels ({matrix: {row: {column: value}}},
  // dynamic panels [{question: [choices]}]); refusing deeper input here bounds every later walk
  // over it (messages, storage).
  if (deeper_than(answers, 12)) return bad("survey.answers_invalid", "answers", "answers are nested too deeply");
  Scored s;
  s.values.assign(q.items.size(), std::nullopt);
  Checker ck{q, check == Check::stored, s};
  Node root;  // the top-level questions, looked up through node_index
  for (const auto& kv : answers.items()) {
    const std::string& key = kv.key();
    const json& v = kv.value();
    if (v.is_null()) continue;
    auto ni = q.node_index.find(key);
    if (ni == q.node_index.end()) {
      // SurveyJS keeps the "other" text and free comments as "<name>-Comment" (or "-other").
      bool side = false;
      for (const std::string suffix : {"-Comment", "-other"}) {
        if (!ends_with(key, suffix)) continue;
        auto base = q.node_index.find(key.substr(0, key.size() - suffix.size()));
        if (base == q.node_index.end()) continue;
        auto t = Checker::text_value(key, v);
        if (!t) return t.error();
        const Node& bn = q.nodes[base->second];
        if (!t->empty()) s.texts.push_back({bn.item, *t});
        side = true;
        break;
      }
      if (side) continue;
      // Values survey-core computes itself (calculated values kept in the result, trigger
      // targets): accepted as scalars, not scored.
      if (q.computed.count(key)) {
        if (!is_scalar(v) || (v.is_string() && v.get_ref<const std::string&>().size() > kMaxText))
          return bad("survey.answer_invalid", key, key + " must be a number, text or true/false");
        continue;
      }
      return bad("survey.answer_unknown", key, "the questionnaire has no question named '" + key + "'");
    }
    auto r = ck.node(q.nodes[ni->second], key, v);
    if (!r) {
      Error e = r.error();
      // The problem names the question (its top-level key); the message says which part.
      e.params = {{"name", key}};
      e.field = key;
      return e;
    }
  }
  if (s.answered == 0 && s.texts.empty()) return bad("survey.answers_empty", "answers", "the response answers no question");
  return s;
}

namespace {
// Adds one observation of an item to its block [n, sum, sum of squares, top-2, slots...].
void add_to_block(const Item& it, const StatLayout::Question& qb, double x, const std::vector<size_t>* checked,
                  double* b) {
  b[0] += 1;
  if (it.scored) {
    b[1] += x;
    b[2] += x * x;
    if (x >= it.scale[it.scale.size() - 2]) b[3] += 1;
    size_t slot = static_cast<size_t>(std::lower_bound(it.scale.begin(), it.scale.end(), x - 1e-9) - it.scale.begin());
    if (slot < qb.values) b[4 + slot] += 1;
  } else if (it.numeric) {
    b[1] += x;
    b[2] += x * x;
  } else if (it.multi) {
    if (checked)
      for (size_t ci : *checked)
        if (ci < qb.values) b[4 + ci] += 1;
  } else {
    size_t ci = static_cast<size_t>(x);
    if (ci < qb.values) b[4 + ci] += 1;
  }
}
}  // namespace

void accumulate(const Questionnaire& q, const Scored& s, std::span<double> cell) {
  const StatLayout& L = q.layout;
  cell[0] += 1;
  for (const auto& qb : L.questions) {
    const Item& it = q.items[qb.item];
    const auto& v = s.values[qb.item];
    if (!v) continue;
    auto c = s.checked.find(qb.item);
    add_to_block(it, qb, *v, c == s.checked.end() ? nullptr : &c->second, &cell[qb.offset]);
  }
  for (const auto& r : s.repeats) {
    auto qb = std::lower_bound(L.questions.begin(), L.questions.end(), r.item,
                               [](const StatLayout::Question& b, size_t item) { return b.item < item; });
    if (qb == L.questions.end() || qb->item != r.item) continue;
    add_to_block(q.items[r.item], *qb, r.value, &r.checked, &cell[qb->offset]);
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
