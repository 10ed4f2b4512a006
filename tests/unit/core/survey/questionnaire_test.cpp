// core/survey: reading SurveyJS questionnaires, checking answers, the cell layout and the F5 rule.
#include "core/survey/questionnaire.h"

#include <gtest/gtest.h>

using namespace servq;
using survey::json;

namespace {
json small() {
  return json::parse(R"({
    "title": {"default": "Khảo sát", "zh-cn": "调查", "en": "Survey"},
    "pages": [{"elements": [
      {"type": "matrix", "name": "m", "columns": [1, 2, 3, 4, 5],
       "rows": [{"value": "a", "dimension": "d1"}, {"value": "b", "dimension": "d1", "reverse": true},
                {"value": "c", "dimension": "d2"}]},
      {"type": "panel", "elements": [{"type": "rating", "name": "overall", "role": "overall"}]},
      {"type": "rating", "name": "nps", "rateMin": 0, "rateMax": 10, "role": "nps"},
      {"type": "radiogroup", "name": "visit", "choices": ["first", {"value": "again", "text": "Again"}], "hasOther": true},
      {"type": "checkbox", "name": "why", "choices": ["price", "staff", "place"]},
      {"type": "boolean", "name": "return"},
      {"type": "comment", "name": "note"},
      {"type": "html", "name": "intro"}
    ]}]})");
}
json with_element(json el) { return json{{"elements", json::array({el})}}; }
}  // namespace

TEST(SurveyParse, ReadsItemsDimensionsRolesAndLayout) {
  auto q = survey::parse(small());
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_EQ(q->title, "Khảo sát");
  ASSERT_NE(q->find("m.a"), nullptr);
  EXPECT_TRUE(q->find("m.b")->reverse);
  EXPECT_EQ(q->find("m.c")->dimension, "d2");
  EXPECT_EQ(q->find("overall")->scale, (std::vector<double>{1, 2, 3, 4, 5}));  // SurveyJS default 1..5
  EXPECT_EQ(q->find("nps")->scale.size(), 11u);
  EXPECT_EQ(q->dimensions, (std::vector<std::string>{"d1", "d2"}));
  ASSERT_TRUE(q->overall && q->nps);
  EXPECT_EQ(q->items[*q->overall].name, "overall");
  EXPECT_EQ(q->find("visit")->choices.size(), 3u);  // + "other"
  EXPECT_EQ(q->find("intro"), nullptr);             // display-only elements are not items
  // Layout: every non-text item has a block of 4 + slots; dimensions d1 (k=2) and d2 (k=1); drivers k=3.
  size_t expected = 1 + (4 + 5) * 3 + (4 + 5) + (4 + 11) + (4 + 3) + (4 + 3) + (4 + 2);
  expected += (1 + 2 + 3) + (1 + 1 + 1) + (1 + 3 + 6);
  EXPECT_EQ(q->layout.size, expected);
}

TEST(SurveyParse, RejectsWithStableCodesAndPaths) {
  auto code = [](const json& def) {
    auto q = survey::parse(def);
    return q.ok() ? std::string("ok") : q.error().code + " @ " + q.error().field;
  };
  EXPECT_EQ(code(with_element({{"type", "signaturepad"}, {"name", "x"}})), "survey.question_type_unsupported @ elements[0]");
  EXPECT_EQ(code(with_element({{"type", "rating"}, {"name", "x"}, {"rateMin", 5}, {"rateMax", 1}})),
            "survey.rating_scale_missing @ elements[0]");
  EXPECT_EQ(code(with_element({{"type", "rating"}, {"name", "x"}, {"rateValues", {"bad", "worse"}}})),
            "survey.rating_scale_missing @ elements[0].rateValues");
  EXPECT_EQ(code(with_element({{"type", "rating"}, {"name", "n"}, {"role", "nps"}})), "survey.nps_scale @ elements[0]");
  EXPECT_EQ(code(with_element({{"type", "text"}})), "survey.name_required @ elements[0].name");
  EXPECT_EQ(code(with_element({{"type", "text"}, {"name", "a"}, {"reverse", true}})), "survey.reverse_unscored @ elements[0]");
  json dup = {{"pages", {{{"elements", {{{"type", "text"}, {"name", "a"}}}}}, {{"elements", {{{"type", "comment"}, {"name", "a"}}}}}}}};
  EXPECT_EQ(code(dup), "survey.duplicate_name @ pages[1].elements[0]");
  json two = {{"elements", {{{"type", "rating"}, {"name", "o1"}, {"role", "overall"}}, {{"type", "rating"}, {"name", "o2"}, {"role", "overall"}}}}};
  EXPECT_EQ(code(two), "survey.overall_duplicate @ elements[1]");
  EXPECT_EQ(code(with_element({{"type", "matrix"}, {"name", "m"}, {"rows", {"a"}}, {"columns", {"low"}}})),
            "survey.matrix_columns @ elements[0]");
  EXPECT_EQ(code(json::object()), "survey.definition_invalid @ pages");
  // Properties of the wrong type are problems, not exceptions (found by tests/fuzz/survey_json_fuzz.cpp).
  EXPECT_EQ(code(with_element({{"type", "rating"}, {"name", "x"}, {"role", {1, 2}}})), "survey.property_invalid @ elements[0].role");
  EXPECT_EQ(code(with_element({{"type", "rating"}, {"name", "x"}, {"reverse", "yes"}})), "survey.property_invalid @ elements[0].reverse");
  EXPECT_EQ(code(with_element({{"type", 5}, {"name", "x"}})), "survey.unknown_type @ elements[0].type");
  EXPECT_EQ(code(with_element({{"type", "matrix"}, {"name", "m"}, {"columns", {1, 2}}, {"rows", {{{"value", "a"}, {"dimension", 3}}}}})),
            "survey.property_invalid @ elements[0].rows[0].dimension");
  EXPECT_EQ(code(with_element({{"type", "rating"}, {"name", "x"}, {"rateMin", 1e17}, {"rateMax", 1e17 + 64}})),
            "survey.rating_scale_missing @ elements[0]");
  EXPECT_EQ(code(with_element({{"type", "rating"}, {"name", "r"}, {"rateValues", {1, 3, 5}}})), "ok");
}

TEST(SurveyScore, ChecksEveryAnswer) {
  auto q = survey::parse(small());
  ASSERT_TRUE(q.ok());
  auto s = survey::score(*q, json::parse(R"({"m": {"a": 5, "b": 2}, "overall": 4, "nps": 9, "visit": "again",
                                              "why": ["staff", "place"], "return": false, "note": "tốt", "visit-Comment": "x"})"));
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(*s->values[q->item_index.at("m.a")], 5);
  EXPECT_FALSE(s->values[q->item_index.at("m.c")].has_value());
  EXPECT_EQ(*s->values[q->item_index.at("overall")], 4);
  EXPECT_EQ(*s->values[q->item_index.at("visit")], 1);    // index of the choice
  EXPECT_EQ(s->checked.at(q->item_index.at("why")), (std::vector<size_t>{1, 2}));
  EXPECT_EQ(*s->values[q->item_index.at("return")], 1);   // [true, false] → false is index 1
  EXPECT_EQ(s->texts.size(), 2u);
  auto err = [&](const char* answers) {
    auto r = survey::score(*q, json::parse(answers));
    return r.ok() ? std::string("ok") : r.error().code + " @ " + r.error().field;
  };
  EXPECT_EQ(err(R"({"overall": 6})"), "survey.answer_invalid @ overall");
  EXPECT_EQ(err(R"({"overall": 2.5})"), "survey.answer_invalid @ overall");
  EXPECT_EQ(err(R"({"overall": "4"})"), "survey.answer_invalid @ overall");  // survey-core answers numbers
  EXPECT_EQ(err(R"({"m": {"zz": 3}})"), "survey.answer_unknown @ m");
  EXPECT_EQ(err(R"({"m": 3})"), "survey.answer_invalid @ m");
  EXPECT_EQ(err(R"({"ghost": 1})"), "survey.answer_unknown @ ghost");
  EXPECT_EQ(err(R"({"visit": "never"})"), "ok");  // hasOther: a text of one's own is "other"
  EXPECT_EQ(err(R"({"visit": 3})"), "survey.answer_invalid @ visit");
  EXPECT_EQ(err(R"({"why": ["never"]})"), "survey.answer_invalid @ why");
  EXPECT_EQ(err(R"({"why": "staff"})"), "survey.answer_invalid @ why");
  EXPECT_EQ(err(R"({"note": 5})"), "survey.answer_invalid @ note");
  EXPECT_EQ(err(R"({})"), "survey.answers_empty @ answers");
  EXPECT_EQ(err(R"([1])"), "survey.answers_invalid @ answers");
}

TEST(SurveyAccumulate, SumsAreThoseOfTheAnswersWithReverseKeying) {
  auto q = survey::parse(small());
  ASSERT_TRUE(q.ok());
  std::vector<double> cell(q->layout.size, 0.0);
  for (const char* a : {R"({"m": {"a": 5, "b": 2, "c": 4}, "overall": 5, "nps": 10})", R"({"m": {"a": 3, "b": 4, "c": 2}, "overall": 2, "nps": 6})",
                        R"({"m": {"a": 4}, "overall": 4})"}) {
    auto s = survey::score(*q, json::parse(a));
    ASSERT_TRUE(s.ok());
    survey::accumulate(*q, *s, cell);
  }
  EXPECT_EQ(cell[0], 3);
  const auto& qa = q->layout.questions[0];  // m.a: n, Σx, Σx², top-2, counts of 1..5
  EXPECT_EQ(cell[qa.offset + 0], 3);
  EXPECT_EQ(cell[qa.offset + 1], 12);
  EXPECT_EQ(cell[qa.offset + 2], 25 + 9 + 16);
  EXPECT_EQ(cell[qa.offset + 3], 2);  // 5 and 4 are the top two points
  EXPECT_EQ(cell[qa.offset + 4 + 2], 1);
  // d1 = {a, b reversed (6 − b)}: complete for the first two respondents: (5, 4) and (3, 2).
  const auto& d1 = q->layout.dimensions[0];
  EXPECT_EQ(cell[d1.offset + 0], 2);
  EXPECT_EQ(cell[d1.offset + 1], 8);   // Σa
  EXPECT_EQ(cell[d1.offset + 2], 6);   // Σ(6 − b)
  EXPECT_EQ(cell[d1.offset + 3], 34);  // Σa²
  EXPECT_EQ(cell[d1.offset + 4], 26);  // Σa(6 − b) = 20 + 6
  EXPECT_EQ(cell[d1.offset + 5], 20);  // Σ(6 − b)²
  // Drivers: [d1 sum, d2 sum, overall] for respondents complete on every dimension and overall.
  size_t dr = *q->layout.drivers_offset;
  EXPECT_EQ(cell[dr + 0], 2);
  EXPECT_EQ(cell[dr + 1], 9 + 5);  // d1 sums 9 and 5
  EXPECT_EQ(cell[dr + 3], 7);      // overall 5 + 2
}

TEST(SurveyFollowup, NpsDetractorsAndTheLowestOverallPointsOpenACase) {
  auto q = survey::parse(small());
  ASSERT_TRUE(q.ok());
  auto reason = [&](const char* a) { return survey::followup_reason(*q, *survey::score(*q, json::parse(a))).value_or("none"); };
  EXPECT_EQ(reason(R"({"nps": 6, "overall": 5})"), "nps 6");
  EXPECT_EQ(reason(R"({"nps": 7, "overall": 2})"), "overall 2");
  EXPECT_EQ(reason(R"({"nps": 7, "overall": 3})"), "none");
  EXPECT_EQ(reason(R"({"note": "ok"})"), "none");
  // A three-point overall scale: only its lowest point.
  auto q3 = survey::parse(with_element({{"type", "rating"}, {"name", "o"}, {"rateMax", 3}, {"role", "overall"}}));
  ASSERT_TRUE(q3.ok());
  EXPECT_TRUE(survey::followup_reason(*q3, *survey::score(*q3, json{{"o", 1}})));
  EXPECT_FALSE(survey::followup_reason(*q3, *survey::score(*q3, json{{"o", 2}})));
}

namespace {
// `levels` panels, each the only element of the one before; a rating at the bottom.
// (Built as text: building it as json values copies each level into the next.)
json nested_panels(size_t levels, const std::string& type = "panel", const std::string& list = "elements") {
  std::string text = R"({"pages": [{"name": "page1", "elements": )";
  for (size_t i = 0; i < levels; ++i)
    text += R"([{"type": ")" + type + R"(", "name": "p)" + std::to_string(i) + R"(", ")" + list + R"(": )";
  text += R"([{"type": "rating", "name": "deep"}])";
  for (size_t i = 0; i < levels; ++i) text += "}]";
  return json::parse(text + "}]}");
}
std::string code_of(const json& def) {
  auto q = survey::parse(def);
  return q.ok() ? std::string("ok") : q.error().code;
}
}  // namespace

TEST(SurveyParse, RefusesDefinitionsNestedTooDeep) {
  // 4 000 nested panels crashed the server (unbounded recursion): refused with the path of the
  // element list where the limit was hit.
  auto q = survey::parse(nested_panels(4000));
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().code, "survey.definition_too_deep");
  EXPECT_EQ(q.error().status, 422);
  std::string expected = "pages[0].elements";
  for (size_t i = 1; i < survey::kMaxContainerDepth + 1; ++i) expected += "[0].elements";
  EXPECT_EQ(q.error().field, expected);
  // The limit itself: 31 panels inside a page (32 element lists) are fine, 32 are not.
  EXPECT_EQ(code_of(nested_panels(survey::kMaxContainerDepth - 1)), "ok");
  EXPECT_EQ(code_of(nested_panels(survey::kMaxContainerDepth)), "survey.definition_too_deep");
  // Dynamic panels and matrix detail panels count too, wherever they sit.
  EXPECT_EQ(code_of(nested_panels(40, "paneldynamic", "templateElements")), "survey.definition_too_deep");
  EXPECT_EQ(code_of(nested_panels(40, "matrixdropdown", "detailElements")), "survey.definition_too_deep");
  // Any JSON nesting beyond the limit, even where no element list is (a title), and far beyond
  // any stack: refused, without recursion.
  std::string title = std::string(200000, '[') + "\"x\"" + std::string(200000, ']');
  auto t = survey::parse(json::parse(R"({"elements": [{"type": "rating", "name": "r", "title": )" + title + "}]}"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "survey.definition_too_deep");
  EXPECT_EQ(t.error().field.rfind("elements[0].title[0]", 0), 0u) << t.error().field;
}

TEST(SurveyScore, AnswersMatchTheirQuestionAsSurveyCoreWritesThem) {
  auto q = survey::parse(json::parse(R"({"elements": [
    {"type": "rating", "name": "r"},
    {"type": "rating", "name": "half", "rateMin": 1, "rateMax": 3, "rateStep": 0.5},
    {"type": "rating", "name": "labels", "rateValues": [{"value": "1", "text": "Kém"}, {"value": "2", "text": "Tốt"}]},
    {"type": "rating", "name": "nps", "rateMin": 0, "rateMax": 10},
    {"type": "radiogroup", "name": "rg", "choices": [1, 2, 3]},
    {"type": "dropdown", "name": "dd", "choices": ["a", "b"], "hasOther": true},
    {"type": "checkbox", "name": "cb", "choices": ["x", "y"], "hasOther": true},
    {"type": "checkbox", "name": "cb2", "choices": ["x", "y"]},
    {"type": "boolean", "name": "b"},
    {"type": "boolean", "name": "yn", "valueTrue": "yes", "valueFalse": "no"},
    {"type": "text", "name": "t"},
    {"type": "text", "name": "age", "inputType": "number"},
    {"type": "comment", "name": "c"},
    {"type": "expression", "name": "total", "expression": "{r} + {nps}"},
    {"type": "matrix", "name": "m", "rows": ["a"], "columns": ["1", "2", "3"]}
  ], "calculatedValues": [{"name": "kept", "expression": "1", "includeIntoResult": true},
                          {"name": "dropped", "expression": "1"}]})"));
  ASSERT_TRUE(q.ok()) << q.error().message;
  auto err = [&](const std::string& answers) {
    auto r = survey::score(*q, json::parse(answers));
    return r.ok() ? std::string("ok") : r.error().code + " @ " + r.error().field;
  };
  // What survey-core produces is accepted.
  EXPECT_EQ(err(R"({"r": 5, "half": 2.5, "labels": "2", "nps": 0, "rg": 2, "dd": "b", "cb": ["x", "y"], "b": true,
                   "yn": "no", "t": "Xin chào", "age": 42, "c": "很好", "total": 5, "kept": 1, "m": {"a": "3"}})"),
            "ok");
  EXPECT_EQ(err(R"({"dd": "other", "dd-Comment": "Người nhà"})"), "ok");
  EXPECT_EQ(err(R"({"dd": "Người nhà"})"), "ok");  // hasOther, storeOthersAsComment: false
  EXPECT_EQ(err(R"({"cb": ["x", "tự ghi"]})"), "ok");
  EXPECT_EQ(err(R"({"age": "42"})"), "ok");
  EXPECT_EQ(err(R"({"r": 4.0})"), "ok");
  // Ratings: a number on the scale, never a string or a point off the scale.
  EXPECT_EQ(err(R"({"r": "5"})"), "survey.answer_invalid @ r");
  EXPECT_EQ(err(R"({"r": 4.5})"), "survey.answer_invalid @ r");
  EXPECT_EQ(err(R"({"r": 0})"), "survey.answer_invalid @ r");
  EXPECT_EQ(err(R"({"r": 6})"), "survey.answer_invalid @ r");
  EXPECT_EQ(err(R"({"r": true})"), "survey.answer_invalid @ r");
  EXPECT_EQ(err(R"({"r": [5]})"), "survey.answer_invalid @ r");
  EXPECT_EQ(err(R"({"half": 2.25})"), "survey.answer_invalid @ half");
  EXPECT_EQ(err(R"({"labels": "3"})"), "survey.answer_invalid @ labels");
  EXPECT_EQ(err(R"({"labels": " 2"})"), "survey.answer_invalid @ labels");
  EXPECT_EQ(err(R"({"nps": 11})"), "survey.answer_invalid @ nps");
  EXPECT_EQ(err(R"({"nps": -1})"), "survey.answer_invalid @ nps");
  EXPECT_EQ(err(R"({"m": {"a": 4}})"), "survey.answer_invalid @ m");
  EXPECT_EQ(err(R"({"m": {"a": [1]}})"), "survey.answer_invalid @ m");
  // Choices: the choice's own value, of its own type.
  EXPECT_EQ(err(R"({"rg": "2"})"), "survey.answer_invalid @ rg");
  EXPECT_EQ(err(R"({"rg": 4})"), "survey.answer_invalid @ rg");
  EXPECT_EQ(err(R"({"rg": "Người nhà"})"), "survey.answer_invalid @ rg");  // no hasOther
  EXPECT_EQ(err(R"({"dd": 1})"), "survey.answer_invalid @ dd");
  EXPECT_EQ(err(R"({"dd": {"a": 1}})"), "survey.answer_invalid @ dd");
  EXPECT_EQ(err(R"({"cb2": ["x", "z"]})"), "survey.answer_invalid @ cb2");
  EXPECT_EQ(err(R"({"cb2": "x"})"), "survey.answer_invalid @ cb2");
  EXPECT_EQ(err(R"({"cb2": [["x"]]})"), "survey.answer_invalid @ cb2");
  EXPECT_EQ(err(R"({"b": "true"})"), "survey.answer_invalid @ b");
  EXPECT_EQ(err(R"({"b": 1})"), "survey.answer_invalid @ b");
  EXPECT_EQ(err(R"({"yn": true})"), "survey.answer_invalid @ yn");
  // Text: strings of bounded length; numbers only for numeric inputs.
  EXPECT_EQ(err(R"({"t": 5})"), "survey.answer_invalid @ t");
  EXPECT_EQ(err(R"({"c": ["a"]})"), "survey.answer_invalid @ c");
  EXPECT_EQ(err(R"({"age": [42]})"), "survey.answer_invalid @ age");
  EXPECT_EQ(err(R"({"t": ")" + std::string(10001, 'a') + R"("})"), "survey.answer_invalid @ t");
  EXPECT_EQ(err(R"({"t": "ok", "t-Comment": 5})"), "survey.answer_invalid @ t-Comment");
  // Computed values: scalars only; unknown names refused.
  EXPECT_EQ(err(R"({"total": {"x": 1}})"), "survey.answer_invalid @ total");
  EXPECT_EQ(err(R"({"dropped": 1})"), "survey.answer_unknown @ dropped");
  EXPECT_EQ(err(R"({"r": 5, "ghost": 1})"), "survey.answer_unknown @ ghost");
  // The message says what was expected.
  auto r = survey::score(*q, json{{"r", "5"}});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("an integer from 1 to 5"), std::string::npos) << r.error().message;
}

TEST(SurveyScore, RefusesAnswersNestedDeeperThanAnyQuestion) {
  auto q = survey::parse(small());
  ASSERT_TRUE(q.ok());
  auto r = survey::score(*q, json::parse(R"({"why": )" + std::string(200000, '[') + std::string(200000, ']') + "}"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "survey.answers_invalid");
}

TEST(SurveyParse, SanitisesEveryHtmlStringOfTheDefinition) {
  auto q = survey::parse(json::parse(R"({
    "completedHtml": "<h3>Cảm ơn!</h3><script>alert(1)</script>",
    "completedBeforeHtml": {"default": "<b onclick=x()>Đã trả lời</b>", "zh-cn": "<b>已回答</b><iframe src=x></iframe>", "n": 5},
    "loadingHtml": "<meta http-equiv=refresh content=0>Đang tải",
    "completedHtmlOnCondition": [{"expression": "{r} < 3", "html": {"vi": "<a href='javascript:alert(1)'>Liên hệ</a>"}}],
    "pages": [{"elements": [
      {"type": "html", "name": "intro", "html": "<img src=x onerror=alert(1)><b>Xin chào</b>"},
      {"type": "panel", "elements": [{"type": "html", "name": "i2", "html": ["<script>x</script>"]}]},
      {"type": "rating", "name": "r", "title": "<b>Đánh giá</b>"}]}]})"));
  ASSERT_TRUE(q.ok()) << q.error().message;
  const json& d = q->definition;
  EXPECT_EQ(d["completedHtml"], "<h3>Cảm ơn!</h3>");
  EXPECT_EQ(d["completedBeforeHtml"], (json{{"default", "<b>Đã trả lời</b>"}, {"zh-cn", "<b>已回答</b>"}}));
  EXPECT_EQ(d["loadingHtml"], "Đang tải");
  EXPECT_EQ(d["completedHtmlOnCondition"][0]["html"]["vi"], "<a>Liên hệ</a>");
  EXPECT_EQ(d["completedHtmlOnCondition"][0]["expression"], "{r} < 3");
  EXPECT_EQ(d["pages"][0]["elements"][0]["html"], "<img><b>Xin chào</b>");
  EXPECT_EQ(d["pages"][0]["elements"][1]["elements"][0]["html"], "");
  EXPECT_EQ(d["pages"][0]["elements"][2]["title"], "<b>Đánh giá</b>");  // not HTML in survey-core: untouched
}

TEST(SurveyScore, StoredResponsesKeepCountingAsTheyWereAccepted) {
  // Responses stored before the checks were strict may hold "4" for 4 or "1" for the choice 1;
  // re-reading them for the statistics (Check::stored) still counts them, a new one is refused.
  auto q = survey::parse(json::parse(R"({"elements": [{"type": "rating", "name": "r"},
                                                      {"type": "radiogroup", "name": "g", "choices": [1, 2]}]})"));
  ASSERT_TRUE(q.ok());
  json old = {{"r", "4"}, {"g", "2"}};
  EXPECT_FALSE(survey::score(*q, old).ok());
  auto s = survey::score(*q, old, survey::Check::stored);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(*s->values[q->item_index.at("r")], 4);
  EXPECT_EQ(*s->values[q->item_index.at("g")], 1);
  EXPECT_FALSE(survey::score(*q, json{{"r", "4.5"}}, survey::Check::stored).ok());
}

// Issue 11 §2: the answers survey-core writes for the question types SurveyJS Creator adds
// (checked in node against survey-core 3.0.0: survey.data after filling), accepted; anything
// outside the definition refused naming the question.
TEST(SurveyScore, CreatorTypesAcceptWhatSurveyCoreWritesAndNothingElse) {
  auto q = survey::parse(json::parse(R"({"elements": [
    {"type": "ranking", "name": "rk", "choices": ["wait", "price", "staff"]},
    {"type": "tagbox", "name": "tb", "choices": ["a", "b", "c"], "maxSelectedChoices": 2},
    {"type": "imagepicker", "name": "ip", "choices": [{"value": "x", "imageLink": "x.png"}, {"value": "y", "imageLink": "y.png"}]},
    {"type": "multipletext", "name": "mt", "items": [{"name": "n"}, {"name": "age", "inputType": "number"}]},
    {"type": "matrixdropdown", "name": "md", "choices": [1, 2, 3], "rows": ["r1", "r2"],
     "columns": [{"name": "s"}, {"name": "ok", "cellType": "boolean"}, {"name": "w", "cellType": "checkbox", "choices": ["p", "q"], "showOtherItem": true}]},
    {"type": "matrixdynamic", "name": "dyn", "columns": [{"name": "drug", "cellType": "text"}, {"name": "dose", "choices": [1, 2]}]},
    {"type": "paneldynamic", "name": "pd", "templateElements": [{"type": "rating", "name": "sc"}, {"type": "text", "name": "who"}]},
    {"type": "dropdown", "name": "dd", "choicesMin": 1, "choicesMax": 5},
    {"type": "checkbox", "name": "cb", "choices": ["x", "y"], "showNoneItem": "true", "showSelectAllItem": true},
    {"type": "text", "name": "age", "inputType": "number", "min": 0, "max": "120"},
    {"type": "text", "name": "day", "inputType": "date", "min": "2020-01-01", "max": "2030-12-31"},
    {"type": "expression", "name": "e", "expression": "1 + 1"},
    {"type": "buttongroup", "name": "bg", "choices": ["l", "r"]},
    {"type": "file", "name": "f"}
  ]})"));
  ASSERT_FALSE(q.ok());  // the file question
  EXPECT_EQ(q.error().code, "survey.question_type_unsupported");
  EXPECT_EQ(q.error().field, "elements[13]");
  ASSERT_EQ(q.error().params.size(), 2u);
  EXPECT_EQ(q.error().params[0], (std::pair<std::string, std::string>{"type", "file"}));
  q = survey::parse(json::parse(R"({"elements": [
    {"type": "ranking", "name": "rk", "choices": ["wait", "price", "staff"]},
    {"type": "tagbox", "name": "tb", "choices": ["a", "b", "c"], "maxSelectedChoices": 2},
    {"type": "imagepicker", "name": "ip", "choices": [{"value": "x", "imageLink": "x.png"}, {"value": "y", "imageLink": "y.png"}]},
    {"type": "multipletext", "name": "mt", "items": [{"name": "n"}, {"name": "age", "inputType": "number"}]},
    {"type": "matrixdropdown", "name": "md", "choices": [1, 2, 3], "rows": ["r1", "r2"],
     "columns": [{"name": "s"}, {"name": "ok", "cellType": "boolean"}, {"name": "w", "cellType": "checkbox", "choices": ["p", "q"], "showOtherItem": true}]},
    {"type": "matrixdynamic", "name": "dyn", "columns": [{"name": "drug", "cellType": "text"}, {"name": "dose", "choices": [1, 2]}]},
    {"type": "paneldynamic", "name": "pd", "templateElements": [{"type": "rating", "name": "sc"}, {"type": "text", "name": "who"}]},
    {"type": "dropdown", "name": "dd", "choicesMin": 1, "choicesMax": 5},
    {"type": "checkbox", "name": "cb", "choices": ["x", "y"], "showNoneItem": "true", "showSelectAllItem": true},
    {"type": "text", "name": "age", "inputType": "number", "min": 0, "max": "120"},
    {"type": "text", "name": "day", "inputType": "date", "min": "2020-01-01", "max": "2030-12-31"},
    {"type": "expression", "name": "e", "expression": "1 + 1"},
    {"type": "buttongroup", "name": "bg", "choices": ["l", "r"]}
  ]})"));
  ASSERT_TRUE(q.ok()) << q.error().message;
  auto err = [&](const std::string& answers) {
    auto r = survey::score(*q, json::parse(answers));
    return r.ok() ? std::string("ok") : r.error().code + " @ " + r.error().field;
  };
  EXPECT_EQ(err(R"({"rk": ["staff", "wait", "price"], "tb": ["a", "c"], "ip": "y", "mt": {"n": "An", "age": 40},
                   "md": {"r1": {"s": 2, "ok": true, "w": ["p", "other"], "w-Comment": "khác"}, "r2": {"s": 3}},
                   "dyn": [{"drug": "Paracetamol", "dose": 2}, {"dose": 1}], "pd": [{"sc": 5, "who": "Mẹ"}, {"sc": 4}],
                   "dd": 5, "cb": ["none"], "age": 120, "day": "2026-03-10", "e": 2, "bg": "l"})"),
            "ok");
  EXPECT_EQ(err(R"({"rk": ["staff", "staff"]})"), "survey.answer_invalid @ rk");
  EXPECT_EQ(err(R"({"rk": ["nope"]})"), "survey.answer_invalid @ rk");
  EXPECT_EQ(err(R"({"tb": ["a", "b", "c"]})"), "survey.answer_invalid @ tb");  // above maxSelectedChoices
  EXPECT_EQ(err(R"({"mt": {"age": "forty"}})"), "survey.answer_invalid @ mt");
  EXPECT_EQ(err(R"({"mt": {"zzz": "x"}})"), "survey.answer_unknown @ mt");
  EXPECT_EQ(err(R"({"md": {"r1": {"s": 9}}})"), "survey.answer_invalid @ md");
  EXPECT_EQ(err(R"({"md": {"r9": {"s": 1}}})"), "survey.answer_unknown @ md");
  EXPECT_EQ(err(R"({"dyn": {"drug": "x"}})"), "survey.answer_invalid @ dyn");
  EXPECT_EQ(err(R"({"pd": [{"sc": 6}]})"), "survey.answer_invalid @ pd");
  EXPECT_EQ(err(R"({"dd": 6})"), "survey.answer_invalid @ dd");  // above choicesMax
  EXPECT_EQ(err(R"({"cb": ["none", "x"]})"), "survey.answer_invalid @ cb");
  EXPECT_EQ(err(R"({"age": 121})"), "survey.answer_invalid @ age");
  EXPECT_EQ(err(R"({"age": -1})"), "survey.answer_invalid @ age");
  EXPECT_EQ(err(R"({"day": "2019-12-31"})"), "survey.answer_invalid @ day");
  EXPECT_EQ(err(R"({"day": "hôm qua"})"), "survey.answer_invalid @ day");
  EXPECT_EQ(err(R"({"e": [1]})"), "survey.answer_invalid @ e");

  // Statistics: a ranking counts each choice's rank; a dynamic panel's rating once per panel.
  auto s = survey::score(*q, json::parse(R"({"rk": ["staff", "wait", "price"], "pd": [{"sc": 5}, {"sc": 3}]})"));
  ASSERT_TRUE(s.ok());
  std::vector<double> cell(q->layout.size, 0.0);
  survey::accumulate(*q, *s, cell);
  auto block = [&](const std::string& item) {
    size_t idx = q->item_index.at(item);
    for (const auto& b : q->layout.questions)
      if (b.item == idx) return std::vector<double>(cell.begin() + static_cast<long>(b.offset), cell.begin() + static_cast<long>(b.offset + 4 + b.values));
    return std::vector<double>{};
  };
  // staff ranked first: n 1, sum 1, squares 1, top-2 count 0 (ranks 2..3 are the top of 1..3), slots [1,0,0].
  EXPECT_EQ(block("rk.staff"), (std::vector<double>{1, 1, 1, 0, 1, 0, 0}));
  EXPECT_EQ(block("rk.price"), (std::vector<double>{1, 3, 9, 1, 0, 0, 1}));
  // pd.sc: two panels, 5 and 3 on 1..5: n 2, sum 8, squares 34, top-2 (4, 5) 1, slots [0,0,1,0,1].
  EXPECT_EQ(block("pd.sc"), (std::vector<double>{2, 8, 34, 1, 0, 0, 1, 0, 1}));
}
