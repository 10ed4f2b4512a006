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
  auto t = csv::parse("a,b\n1,2\n3,\xFF\n", 100, "utf-8");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "import.encoding_invalid");
  ASSERT_EQ(t.error().params.size(), 2u);
  EXPECT_EQ(t.error().params[1].second, "3");
}

TEST(Csv, DelimiterFromTheHeaderOutsideQuotes) {
  EXPECT_EQ(csv::detect_delimiter("a;b;c\n1,2;3"), ';');
  EXPECT_EQ(csv::detect_delimiter("a\tb\tc\n"), '\t');
  EXPECT_EQ(csv::detect_delimiter("\"x;y;z\",b\n"), ',');
  EXPECT_EQ(csv::detect_delimiter("single\n"), ',');
  auto t = csv::parse("name;address\nAn;\"1; 2\"\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->delimiter, ';');
  EXPECT_EQ(t->rows[0].fields[1], "1; 2");
}

TEST(Csv, TabKeepsEmptyCellsAndSpaces) {
  auto t = csv::parse("a\tb\tc\r\n1\t\t3\r\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows[0].fields.size(), 3u);
  EXPECT_EQ(t->rows[0].fields[1], "");
  EXPECT_EQ(t->rows[0].fields[2], "3");
}

TEST(Csv, ExcelTrailingEmptyColumnsAndRowsAreIgnored) {
  auto t = csv::parse("a,b,,,\r\n1,2,,,\r\n,,,,\r\n\r\n,,,,\r\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0].fields, (std::vector<std::string>{"1", "2"}));
}

TEST(Csv, RowsCountRecordsNotLines) {
  // Row 2 spans lines 2-3 (a quoted newline): the record on line 4 is row 3, as Excel shows it.
  auto t = csv::parse("a,b\n1,\"x\ny\"\n2,z\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].row, 2u);
  EXPECT_EQ(t->rows[1].line, 4u);
  EXPECT_EQ(t->rows[1].row, 3u);
  EXPECT_EQ(t->row_of_line(4), 3u);
}

TEST(Csv, EmptyFileIsAnError) { EXPECT_EQ(csv::parse("").error().code, "csv.empty"); }

TEST(Csv, QuoteEscapesOnlyWhenNeeded) {
  EXPECT_EQ(csv::quote("plain"), "plain");
  EXPECT_EQ(csv::quote("a,b"), "\"a,b\"");
  EXPECT_EQ(csv::quote("say \"hi\""), "\"say \"\"hi\"\"\"");
}
