// Questionnaires (PRODUCT.md S1): a SurveyJS JSON document read into the items servq scores,
// the checks run on upload and on every answer, the layout of the sufficient statistics kept
// per cell, and the F5 rule (which answers open a feedback case). Pure: no I/O, no clock.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace servq::survey {

using json = nlohmann::json;

// One answerable thing. A matrix contributes one item per row, named "<matrix>.<row value>".
struct Item {
  std::string name;      // unique item name
  std::string question;  // the SurveyJS question's name (the matrix's for rows)
  std::string row;       // the matrix row's value, empty otherwise
  std::string type;      // rating, radiogroup, checkbox, dropdown, boolean, text, comment, matrix
  json title;            // as given: a string or {"default", "vi", "zh-cn", "en"}
  bool scored = false;   // a numeric scale: rating and matrix rows
  std::vector<double> scale;  // the allowed numeric values, ascending (scored items)
  std::vector<json> choices;  // radiogroup, checkbox, dropdown values; boolean: [true, false]
                              // (or its valueTrue, valueFalse)
  std::vector<std::string> string_points;  // scale values the definition writes as strings ("5"):
                                           // survey-core answers those as strings
  bool has_other = false;                  // hasOther: a free-text answer stands for "other"
  bool numeric_text = false;               // text with inputType number or range: a number
  bool text = false;          // text and comment answers (verbatims)
  bool multi = false;         // a list of choices: checkbox, tagbox, imagepicker with multiSelect
  bool numeric = false;       // a number counted by its moments only: expressions, number items of
                              // multipletext (expression strings are kept as texts)
  bool open = false;          // choices not in the definition (choicesFromQuestion, choicesByUrl):
                              // any scalar, not counted per choice
  bool repeated = false;      // inside a matrixdynamic or paneldynamic: one value per row / panel
  bool importable = false;    // a column of the CSV import of paper forms (top-level or matrix row)
  std::string column;         // matrixdropdown / matrixdynamic cell: its column
  std::string input_type;     // text questions: "text", "number", "date", ...
  std::optional<double> min_number, max_number;  // number / range inputs: min and max
  std::string min_text, max_text;                // date-like inputs: ISO strings compared as text
  size_t max_length = 0;                         // text: maxLength (0 = 10 000 bytes)
  size_t min_selected = 0, max_selected = 0;     // multi: minSelectedChoices / maxSelectedChoices
  std::vector<json> exclusive;                   // multi: none / refused / dontknow (alone only)
  bool custom = false;         // allowCustomChoices: a value typed by the respondent is kept as text
  std::string value_property;  // checkbox valuePropertyName: chosen items are {that name: value}
  std::string dimension;
  bool reverse = false;
  std::string role;  // "overall", "nps" or empty
  double min() const { return scale.front(); }
  double max() const { return scale.back(); }
};

// Where each statistic sits in a cell's vector of doubles (all sums, so cells add up).
struct StatLayout {
  struct Question {
    size_t item;         // index into Questionnaire::items
    size_t offset;       // [n, sum, sum of squares, top-2 count, count per value or choice...]
    size_t values;       // number of distribution slots
  };
  struct Dimension {
    std::string name;
    std::vector<size_t> items;  // indexes into Questionnaire::items (scored, reversed as needed)
    size_t offset;              // stats::Moments of the items over respondents who answered all
  };
  std::vector<Question> questions;
  std::vector<Dimension> dimensions;
  std::optional<size_t> drivers_offset;  // Moments of [dimension sums..., overall], complete cases
  size_t size = 1;                       // [0] = number of responses
};

// How an answer's value is shaped (one node per question, top-level or nested): a leaf is one
// item; an object holds named children (matrix rows, multipletext items, matrixdropdown rows
// and their columns, the questions of a dynamic panel); a list repeats its one object child
// (matrixdynamic rows, paneldynamic panels); a ranking lists choices, one scored item per choice.
struct Node {
  enum class Kind { leaf, object, list, ranking } kind = Kind::leaf;
  std::string key;                     // the answer's key in its parent (a valueName if set)
  size_t item = 0;                     // leaf: its item; ranking: the first of its items
  size_t count = 0;                    // ranking: number of choices (items item..item+count-1)
  std::vector<json> choices;           // ranking: the choice values
  std::vector<Node> children;          // object: named children; list: one object
  const Node* child(const std::string& k) const {
    for (const auto& c : children)
      if (c.key == k) return &c;
    return nullptr;
  }
};

struct Questionnaire {
  json definition;
  std::string title;  // default-language title ("" when none)
  std::vector<Item> items;
  std::map<std::string, size_t> item_index;     // item name → index
  std::map<std::string, std::vector<size_t>> question_items;  // SurveyJS question name → items
  std::vector<Node> nodes;                      // the answer shape of each top-level question
  std::map<std::string, size_t> node_index;     // answer key → index into nodes
  std::vector<std::string> dimensions;          // in order of first appearance
  std::optional<size_t> overall, nps;           // item indexes
  std::set<std::string> computed;               // expression questions and calculatedValues with
                                                // includeIntoResult: survey-core puts them into its answers
  StatLayout layout;
  const Item* find(const std::string& name) const {
    auto it = item_index.find(name);
    return it == item_index.end() ? nullptr : &items[it->second];
  }
};

// Limits on what walks over a definition may meet: element lists (elements, questions,
// templateElements, detailElements) nested in one another, and JSON nesting overall.
inline constexpr size_t kMaxContainerDepth = 32;
inline constexpr size_t kMaxJsonDepth = 100;

// survey.definition_too_deep (422, field = the JSON path where the limit was hit) when the
// definition nests element lists deeper than kMaxContainerDepth or JSON deeper than
// kMaxJsonDepth. Iterative: safe on any input. parse() runs it first.
std::optional<Error> check_depth(const json& definition);

// Reads and checks a questionnaire, reporting every problem at once: the Error's `errors` lists
// each (field = its JSON path, params naming the question); the Error itself is the only
// problem when there is one, else survey.definition_invalid (field = the first path). Codes:
// 422 problems whose field is the JSON path of the
// offending element ("pages[0].elements[3]"): survey.definition_invalid, survey.unknown_type,
// survey.question_type_unsupported (params type, name: file, signaturepad, unknown types),
// survey.name_required, survey.duplicate_name, survey.rating_scale_missing, survey.nps_scale,
// survey.overall_duplicate, survey.matrix_columns, survey.reverse_unscored,
// survey.definition_too_deep. The returned Questionnaire::definition has every HTML string
// (html questions, completedHtml, completedBeforeHtml, loadingHtml, completedHtmlOnCondition,
// localised or not) sanitised by html::sanitize: store that, never the input.
Result<Questionnaire> parse(const json& definition);

// The localised text of a title-like value for `lang` ("vi", "zh-cn", "en"), falling back to
// "default" and then to any text.
std::string text_of(const json& localised, const std::string& lang);

// One response, checked and scored: a value per item (nullopt = not answered). Scored items
// hold the raw answer; choice items the index of the choice; checkbox items are in `checked`.
struct Scored {
  struct Repeat {  // one value of an item inside a matrixdynamic row or a dynamic panel
    size_t item;
    double value;
    std::vector<size_t> checked;
  };
  std::vector<std::optional<double>> values;
  std::vector<Repeat> repeats;
  std::map<size_t, std::vector<size_t>> checked;  // checkbox item → chosen choice indexes
  std::vector<std::pair<size_t, std::string>> texts;  // text/comment items (and "-Comment" notes)
  size_t answered = 0;
};

// Checks answers {question name: value} against the questionnaire: survey.answers_invalid (not
// an object, or nested deeper than any answer can be), survey.answer_unknown (no such question),
// survey.answer_invalid (wrong type or a value off the scale / not a choice), survey.answers_empty.
// Field = the question name. What survey-core produces is what is accepted: a rating or matrix
// cell is a number on the scale (a string only where the definition writes that point as a
// string), a choice one of the choices (or any text with hasOther), a checkbox an array of
// choices, a boolean true/false (or its valueTrue/valueFalse), text and comments strings of at
// most 10 000 bytes (a number for inputType number/range), expression values scalars.
// Check::stored re-reads a response already stored: it also takes what servq accepted before
// these checks were strict (numeric strings for scale points, "1" for the choice 1), so that
// older responses keep counting in the statistics.
enum class Check { submission, stored };
Result<Scored> score(const Questionnaire& q, const json& answers, Check check = Check::submission);

// Adds one response to a cell vector laid out by q.layout (cell.size() == q.layout.size).
void accumulate(const Questionnaire& q, const Scored& s, std::span<double> cell);

// The item's score for the dimension statistics: the raw value, or min + max − x when reverse.
double keyed(const Item& it, double raw);

// F5: why this response should open a feedback case, or nullopt. NPS 0–6; overall answer in
// the lowest two points of a scale of five or more points (lowest one point otherwise).
std::optional<std::string> followup_reason(const Questionnaire& q, const Scored& s);

}  // namespace servq::survey
