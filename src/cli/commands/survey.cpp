// servq survey create: uploads a SurveyJS questionnaire and prints its id.
#include <iostream>

#include "cli/commands/common.h"
#include "core/json_input.h"
#include "service/survey_service.h"

namespace servq::cli {
namespace {

struct SurveyCreateOptions {
  std::string db_url, file, title;
};

int run_survey_create(const SurveyCreateOptions& o) {
  auto parsed = jsonin::parse_limited(read_file(o.file), o.file);
  if (!parsed) {
    std::cerr << "error: " << parsed.error().message << "\n";
    return 1;
  }
  auto def = std::move(*parsed);
  auto db = open_db(o.db_url, 2);
  service::json body = {{"definition", def}};
  if (!o.title.empty()) body["title"] = o.title;
  auto r = service::create_survey(*db, service::system_actor("cli"), body);
  if (!r) return print_error(r.error());
  std::cout << r->at("id") << "\n";
  return 0;
}

}  // namespace

void add_survey_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<SurveyCreateOptions>();
  auto* survey = app.add_subcommand("survey", "Manage questionnaires")->require_subcommand(1);
  auto* create = survey->add_subcommand("create", "Upload a SurveyJS questionnaire; prints its id");
  add_db_option(create, o->db_url);
  create->add_option("--file", o->file, "SurveyJS JSON file")->required();
  create->add_option("--title", o->title, "title (default: the questionnaire's own)");
  commands.add(create, [o] { return run_survey_create(*o); });
}

}  // namespace servq::cli
