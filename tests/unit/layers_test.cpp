// The shape of the code (issue 12, ARCHITECTURE.md "Layout"), checked on the source tree: the
// include graph follows the dependency rule, and the counts the restructuring drives to zero (SQL
// outside src/store/, rows read by column position) never grow. The build enforces the rule too
// (each layer compiles against build/layers/<layer>/); this test also catches a relative path.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kSrc = fs::path(SERVQ_SOURCE_DIR) / "src";

// Which layers each layer may include (itself included).
const std::map<std::string, std::set<std::string>> kMayInclude = {
    {"core", {"core"}},
    {"stats", {"stats"}},
    {"store", {"store", "core"}},
    {"service", {"service", "store", "stats", "core"}},
    {"report", {"report", "service", "store", "stats", "core"}},
    {"http", {"http", "report", "service", "store", "stats", "core"}},
    {"cli", {"cli", "http", "report", "service", "store", "stats", "core"}},
};

struct SourceLine {
  std::string layer;  // first folder under src/
  std::string file;   // relative to src/
  int number;
  std::string text;
};

std::vector<SourceLine> source_lines() {
  std::vector<SourceLine> out;
  for (const auto& e : fs::recursive_directory_iterator(kSrc)) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension();
    if (ext != ".h" && ext != ".cpp") continue;
    auto rel = fs::relative(e.path(), kSrc);
    std::ifstream in(e.path());
    std::string line;
    int n = 0;
    while (std::getline(in, line)) out.push_back({rel.begin()->string(), rel.string(), ++n, line});
  }
  return out;
}

}  // namespace

TEST(Layers, EveryIncludeFollowsTheDependencyRule) {
  static const std::regex include(R"re(^\s*#\s*include\s*"([^"/]+)/)re");
  static const std::regex relative(R"re(^\s*#\s*include\s*"\.)re");
  std::vector<std::string> wrong;
  for (const auto& l : source_lines()) {
    auto allowed = kMayInclude.find(l.layer);
    ASSERT_NE(allowed, kMayInclude.end()) << "src/" << l.layer << " is no layer of ARCHITECTURE.md";
    std::smatch m;
    if (std::regex_search(l.text, relative))
      wrong.push_back(l.file + ":" + std::to_string(l.number) + " includes by a relative path: " + l.text);
    else if (std::regex_search(l.text, m, include) && kMayInclude.count(m[1]) && !allowed->second.count(m[1]))
      wrong.push_back(l.file + ":" + std::to_string(l.number) + " (" + l.layer + ") includes " + std::string(m[1]) +
                      ": " + l.text);
  }
  EXPECT_TRUE(wrong.empty()) << [&] {
    std::string s;
    for (const auto& w : wrong) s += "  " + w + "\n";
    return s;
  }();
}

// The counts the restructuring drove to zero (issue 12 §2) stay there: on main when it began
// (f9f5450, 2026-12-07) 269 lines outside src/store/ held SQL in a string literal and rows were
// read by column position 396 times (`r.str(15)`, `r.opt_i64(i)`, `r.i64(k++)`); the demo writer
// held the last of both until 2026-12-08. Each failure lists the offending lines.

namespace {
std::string listed(const std::vector<std::string>& offenders) {
  std::string s;
  for (const auto& o : offenders) s += "  " + o + "\n";
  return s;
}
}  // namespace

TEST(CodeShape, NoSqlOutsideTheStore) {
  static const std::regex literal(R"re("([^"\\]|\\.)*")re");
  static const std::regex sql(
      R"re(\b(SELECT\s|INSERT\s+INTO|UPDATE\s+[a-z_]+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|ALTER\s+TABLE|DROP\s+TABLE|LOCK\s+TABLE|PRAGMA\s|ON\s+CONFLICT|FOR\s+UPDATE))re");
  std::vector<std::string> offenders;
  for (const auto& l : source_lines()) {
    if (l.layer == "store") continue;
    for (std::sregex_iterator it(l.text.begin(), l.text.end(), literal), end; it != end; ++it)
      if (std::regex_search(it->str(), sql)) {
        offenders.push_back(l.file + ":" + std::to_string(l.number) + ": " + l.text);
        break;
      }
  }
  RecordProperty("sql_lines_outside_store", static_cast<int>(offenders.size()));
  EXPECT_TRUE(offenders.empty()) << offenders.size()
                                 << " lines outside src/store/ hold SQL in a string literal (SQL belongs in a "
                                    "repository of src/store/<domain>/):\n"
                                 << listed(offenders);
}

TEST(CodeShape, NoRowIsReadByPosition) {
  // `r.str(0)` and `r->str(0)` alike. src/store/database.h defines the Row and its scalar()
  // helper, whose contract is "the first column".
  static const std::regex positional(
      R"re((?:\.|->)(str|opt|i64|opt_i64|boolean|is_null)\((\d+|[a-z_]\w*(\s*\+\+|\s*\+\s*\d+)?)\))re");
  std::vector<std::string> offenders;
  for (const auto& l : source_lines()) {
    if (l.file == fs::path("store/database.h").string()) continue;
    if (std::regex_search(l.text, positional))
      offenders.push_back(l.file + ":" + std::to_string(l.number) + ": " + l.text);
  }
  RecordProperty("lines_reading_by_position", static_cast<int>(offenders.size()));
  EXPECT_TRUE(offenders.empty()) << offenders.size()
                                 << " lines read a row by column position (read it by name: r.str(\"code\")):\n"
                                 << listed(offenders);
}
