#include "report/table_export.h"

#include <gtest/gtest.h>

namespace servq::report {
namespace {

// OWASP "CSV Injection": cells starting with = + - @ or a tab / carriage return are evaluated
// by Excel and LibreOffice; a leading apostrophe makes them text.
TEST(TableExport, FormulaLikeTextIsNeutralised) {
  EXPECT_EQ(neutralise_formula("=HYPERLINK(\"http://x\",\"y\")"), "'=HYPERLINK(\"http://x\",\"y\")");
  EXPECT_EQ(neutralise_formula("+84 98 123 4567"), "'+84 98 123 4567");
  EXPECT_EQ(neutralise_formula("-2+3"), "'-2+3");
  // A sign and digits only is a number, never a formula: E.164 phones export as they are.
  EXPECT_EQ(neutralise_formula("+84981234567"), "+84981234567");
  EXPECT_EQ(neutralise_formula("-5"), "-5");
  EXPECT_EQ(neutralise_formula("+"), "'+");
  EXPECT_EQ(neutralise_formula("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
  EXPECT_EQ(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(neutralise_formula("\t=1"), "'\t=1");
  EXPECT_EQ(neutralise_formula("\r=1"), "'\r=1");
}

TEST(TableExport, OrdinaryTextIsUnchanged) {
  EXPECT_EQ(neutralise_formula("Nguyễn Văn A"), "Nguyễn Văn A");
  EXPECT_EQ(neutralise_formula("等候时间太长了 = 差"), "等候时间太长了 = 差");
  EXPECT_EQ(neutralise_formula(""), "");
}

TEST(TableExport, CsvNeutralisesTextCellsButNotNumbers) {
  Table t;
  t.header = {"a", "b"};
  t.rows = {{std::string("=1+1"), -5.0}};
  std::string csv = to_csv(t);
  EXPECT_NE(csv.find("'=1+1"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",-5\r\n"), std::string::npos) << csv;
}

}  // namespace
}  // namespace servq::report
