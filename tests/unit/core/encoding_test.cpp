// core/encoding: BOMs, the detection rule and NFC. Byte strings below were produced by Python's
// codecs (gb18030, cp1258, utf-16-le), independent of ICU.
#include "core/encoding.h"

#include <gtest/gtest.h>

using namespace servq;

namespace {
std::string decoded(std::string_view b, std::string_view enc = "auto") {
  auto r = encoding::to_utf8(b, enc);
  return r ? r->encoding + ":" + r->text : r.error().code;
}
std::string param(const Error& e, const std::string& k) {
  for (const auto& [n, v] : e.params)
    if (n == k) return v;
  return "";
}
}  // namespace

TEST(Encoding, BomsDecide) {
  EXPECT_EQ(decoded("\xEF\xBB\xBF" "a,L\xC3\xAA"), "utf-8:a,Lê");
  EXPECT_EQ(decoded(std::string("\xFF\xFE" "a\0\t\0\xEA\0", 8)), "utf-16le:a\tê");
  EXPECT_EQ(decoded(std::string("\xFE\xFF\0a\0\t\0\xEA", 8)), "utf-16be:a\tê");
}

TEST(Encoding, AsciiAndPlainUtf8) {
  EXPECT_EQ(decoded("a,b\n"), "utf-8:a,b\n");
  // "Khám" (4b 68 c3 a1 6d): c3 a1 is also a GB2312 pair, but the UTF-8 reading is a Vietnamese word.
  EXPECT_EQ(decoded("\x4b\x68\xc3\xa1\x6d"), "utf-8:Khám");
  EXPECT_EQ(decoded("\xe5\xbc\xa0\xe4\xbc\x9f"), "utf-8:张伟");
}

TEST(Encoding, DecomposedUtf8IsComposed) {
  // "Nguyễn" typed on a Mac: e + U+0302 + U+0303; NFC makes it U+1EC5 (e1 bb 85).
  EXPECT_EQ(decoded("Nguye\xcc\x82\xcc\x83n"), "utf-8:Nguy\xe1\xbb\x85n");
}

TEST(Encoding, Gb18030ThatIsAlsoUtf8IsUncertain) {
  // 莫梅 in GB18030: c4 aa c3 b7, also the UTF-8 of "Ī÷".
  auto r = encoding::to_utf8("\xc4\xaa\xc3\xb7");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "import.encoding_uncertain");
  EXPECT_EQ(param(r.error(), "candidates"), "utf-8, gb18030");
  EXPECT_EQ(decoded("\xc4\xaa\xc3\xb7", "gb18030"), "gb18030:莫梅");
  EXPECT_EQ(decoded("\xc4\xaa\xc3\xb7", "utf-8"), "utf-8:Ī÷");
}

TEST(Encoding, Gb18030Detected) {
  EXPECT_EQ(decoded("\xd5\xc5\xce\xb0"), "gb18030:张伟");  // 张伟, not UTF-8
  EXPECT_EQ(decoded("\xd5\xc5\xce\xb0", "GBK"), "gb18030:张伟");
}

TEST(Encoding, Windows1258DetectedAndComposed) {
  // "Trần Văn Đức" as Windows-1258 stores it: â + U+0300 (e2 cc), ă (e3), Đ (d0), ư + U+0301 (fd ec).
  std::string b = "\x54\x72\xe2\xcc\x6e\x20\x56\xe3\x6e\x20\xd0\xfd\xec\x63";
  auto r = encoding::to_utf8(b);
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->encoding, "windows-1258");
  EXPECT_EQ(r->text, "Trần Văn Đức");  // NFC: ầ is one character U+1EA7
  EXPECT_NE(r->text.find("\xe1\xba\xa7"), std::string::npos);
}

TEST(Encoding, InvalidBytesNameTheLine) {
  auto r = encoding::to_utf8("a\nb\n\xd5\xc5\n", "utf-8");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "import.encoding_invalid");
  EXPECT_EQ(param(r.error(), "line"), "3");
  EXPECT_EQ(param(r.error(), "encoding"), "utf-8");
}

TEST(Encoding, UnknownNameRefused) {
  auto r = encoding::to_utf8("a", "ebcdic");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "import.encoding_unknown");
}

TEST(Encoding, Plausibility) {
  EXPECT_TRUE(encoding::gb2312_plausible("a\xd5\xc5"));
  EXPECT_FALSE(encoding::gb2312_plausible("abc"));
  EXPECT_FALSE(encoding::gb2312_plausible("\xe5\xbc\xa0"));
  EXPECT_TRUE(encoding::vietnamese_plausible("Nguyễn Thị Ánh"));
  EXPECT_FALSE(encoding::vietnamese_plausible("Ī÷"));
}
