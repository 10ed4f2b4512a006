// servq analyze survey: the analysis JSON of one slice, as GET /surveys/{id}/analysis answers it.
#include <algorithm>
#include <iostream>
#include <map>

#include "cli/commands/common.h"
#include "service/survey_analysis.h"

namespace servq::cli {
namespace {

struct AnalyzeOptions {
  std::string db_url;
  int64_t survey_id = 0;
  std::map<std::string, std::string> filters;  // query parameter → value
  std::string format = "json";
  bool naive = false;
};

int run_analyze_survey(const AnalyzeOptions& o) {
  auto db = open_db(o.db_url, 2);
  service::ListQuery q;
  for (auto& [k, v] : o.filters) q.params[k] = v;
  auto r = service::analyze_survey(*db, service::system_actor("cli"), o.survey_id, q, o.naive);
  if (!r) return print_error(r.error());
  std::cout << r->dump(2, ' ', false, service::json::error_handler_t::replace) << "\n";
  return 0;
}

}  // namespace

void add_analyze_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<AnalyzeOptions>();
  auto* analyze = app.add_subcommand("analyze", "Analyse survey responses")->require_subcommand(1);
  auto* survey =
      analyze->add_subcommand("survey", "The analysis JSON of one slice (same as GET /surveys/{id}/analysis)");
  add_db_option(survey, o->db_url);
  survey->add_option("--survey", o->survey_id, "questionnaire id")->required();
  for (const char* f :
       {"from", "to", "unit", "staff", "category", "channel", "campaign", "compare-from", "compare-to", "min-group"})
    survey->add_option_function<std::string>(std::string("--") + f, [o, f](const std::string& v) {
      std::string k = f;
      std::replace(k.begin(), k.end(), '-', '_');
      o->filters[k] = v;
    });
  survey->add_option("--format", o->format, "json")->check(CLI::IsMember({"json"}))->capture_default_str();
  survey->add_flag("--naive", o->naive, "compute from the raw responses instead of the statistics cells (comparison)");
  commands.add(survey, [o] { return run_analyze_survey(*o); });
}

}  // namespace servq::cli
