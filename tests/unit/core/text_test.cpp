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

TEST(Phone, VietnameseCountryCodeBecomesLeadingZero) {
  EXPECT_EQ(normalize_phone("+84 912 345 678").value(), "0912345678");
  EXPECT_EQ(normalize_phone("84912345678").value(), "0912345678");
  EXPECT_EQ(normalize_phone("0912.345.678").value(), "0912345678");
}

TEST(Phone, RejectsLettersAndWrongLengths) {
  EXPECT_FALSE(normalize_phone("0912abc678"));
  EXPECT_FALSE(normalize_phone("12345"));
  EXPECT_FALSE(normalize_phone("1234567890123456"));
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
