#include "core/text.h"

#include <gtest/gtest.h>

using namespace servq::text;

TEST(TextFold, VietnameseWithAndWithoutDiacriticsFoldTheSame) {
  EXPECT_EQ(fold("Thái độ nhân viên không tốt"), "thai do nhan vien khong tot");
  EXPECT_EQ(fold("THÁI ĐỘ"), fold("thai do"));
  EXPECT_EQ(fold("Đặng Thị Hương"), "dang thi huong");
}

TEST(TextFold, ChinesePassesUnchangedAndSpacesCollapse) {
  EXPECT_EQ(fold("护士态度很差"), "护士态度很差");
  EXPECT_EQ(fold("  a \t  b  "), "a b");
}

TEST(TextFold, CombiningMarksTypedInNfdAreDropped) {
  // "Thái" typed as T h a U+0301 i (NFD)
  EXPECT_EQ(fold("Tha\xCC\x81i"), "thai");
}

TEST(Email, LowerCasedAndChecked) {
  EXPECT_EQ(normalize_email(" An.Nguyen@Example.VN ").value(), "an.nguyen@example.vn");
  EXPECT_FALSE(normalize_email("no-at-sign.vn"));
  EXPECT_FALSE(normalize_email("a@b"));
  EXPECT_FALSE(normalize_email("a@@b.vn"));
}

TEST(Utf8, DetectsInvalidSequences) {
  EXPECT_TRUE(valid_utf8("Nguyễn 王伟"));
  EXPECT_FALSE(valid_utf8("\xC3\x28"));
  EXPECT_FALSE(valid_utf8("abc\xFF"));
}

TEST(SearchTokens, VietnameseWordsAreFoldedAndCjkRunsBecomeBigrams) {
  EXPECT_EQ(search_tokens("Thái độ nhân viên"), (std::vector<std::string>{"thai", "do", "nhan", "vien"}));
  EXPECT_EQ(search_tokens("护士态度很差！"), (std::vector<std::string>{"护士", "士态", "态度", "度很", "很差"}));
  EXPECT_EQ(search_tokens("BS 王 khám"), (std::vector<std::string>{"bs", "王", "kham"}));
}

TEST(SearchQuery, TwoCharacterChineseIsOneIndexedToken) {
  auto q = prepare_query("态度");
  EXPECT_EQ(q.tokens, (std::vector<std::string>{"态度"}));
  EXPECT_FALSE(q.needs_scan);
  EXPECT_FALSE(q.last_is_prefix);
}

TEST(SearchQuery, LastLatinWordMayStillBeTyped) {
  auto q = prepare_query("thái đ");
  EXPECT_EQ(q.tokens, (std::vector<std::string>{"thai", "d"}));
  EXPECT_TRUE(q.last_is_prefix);
  EXPECT_EQ(prepare_query("thai do ").last_is_prefix, false);
}

TEST(SearchQuery, SingleChineseCharacterNeedsAScan) {
  EXPECT_TRUE(prepare_query("态").needs_scan);
  EXPECT_TRUE(prepare_query("  ").needs_scan);
}
