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
  EXPECT_EQ(code(with_element({{"type", "signaturepad"}, {"name", "x"}})), "survey.unknown_type @ elements[0].type");
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
  EXPECT_EQ(code(with_element({{"type", "matrix"}, {"name", "m"}, {"rows", {"a"}}, {"columns", {"low", "high"}}})),
            "survey.matrix_columns @ elements[0].columns");
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
  auto s = survey::score(*q, json::parse(R"({"m": {"a": 5, "b": 2}, "overall": "4", "nps": 9, "visit": "again",
                                              "why": ["staff", "place"], "return": false, "note": "tốt", "visit-Comment": "x"})"));
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(*s->values[q->item_index.at("m.a")], 5);
  EXPECT_FALSE(s->values[q->item_index.at("m.c")].has_value());
  EXPECT_EQ(*s->values[q->item_index.at("overall")], 4);  // numeric strings are accepted
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
  EXPECT_EQ(err(R"({"m": {"zz": 3}})"), "survey.answer_unknown @ m");
  EXPECT_EQ(err(R"({"m": 3})"), "survey.answer_invalid @ m");
  EXPECT_EQ(err(R"({"ghost": 1})"), "survey.answer_unknown @ ghost");
  EXPECT_EQ(err(R"({"visit": "never"})"), "survey.answer_invalid @ visit");
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
