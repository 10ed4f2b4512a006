#include "core/csv.h"

#include <gtest/gtest.h>

using namespace servq;

TEST(Csv, QuotedFieldsWithCommasAndNewlinesKeepTheirStartLine) {
  auto t = csv::parse("external_id,name,address\nA1,\"Lê, Văn\",\"12 Phố Huế\nHà Nội\"\nA2,Trần,x\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].line, 2u);
  EXPECT_EQ(t->rows[0].fields[1], "Lê, Văn");
  EXPECT_EQ(t->rows[0].fields[2], "12 Phố Huế\nHà Nội");
  EXPECT_EQ(t->rows[1].line, 4u);  // the quoted newline pushed it one line down
}

TEST(Csv, ByteOrderMarkIsIgnoredAndHeaderLowerCased) {
  auto t = csv::parse("\xEF\xBB\xBF" "External_ID,Name\r\nA1,An\r\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header[0], "external_id");
  EXPECT_EQ(t->rows[0].fields[1], "An");
}

TEST(Csv, BlankLinesAreSkippedButCounted) {
  auto t = csv::parse("a,b\n\n1,2\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0].line, 3u);
}

TEST(Csv, UnterminatedQuoteIsMalformed) {
  auto t = csv::parse("a,b\n1,\"open\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "csv.malformed");
}

TEST(Csv, InvalidUtf8NamesTheLine) {
  auto t = csv::parse("a,b\n1,2\n3,\xFF\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "csv.encoding");
  EXPECT_EQ(t.error().field, "3");
}

TEST(Csv, EmptyFileIsAnError) { EXPECT_EQ(csv::parse("").error().code, "csv.empty"); }

TEST(Csv, QuoteEscapesOnlyWhenNeeded) {
  EXPECT_EQ(csv::quote("plain"), "plain");
  EXPECT_EQ(csv::quote("a,b"), "\"a,b\"");
  EXPECT_EQ(csv::quote("say \"hi\""), "\"say \"\"hi\"\"\"");
}
