// servq import customers | encounters | feedback | responses: a CSV file, all or nothing.
#include <iostream>

#include "cli/commands/common.h"
#include "core/typed_date.h"
#include "service/feedback_service.h"
#include "service/import_service.h"
#include "service/survey_analysis.h"
#include "service/survey_service.h"

namespace servq::cli {
namespace {

struct ImportCommandOptions {
  std::string db_url, file;
  bool dry_run = false;
  std::string encoding = "auto", date_order = "ymd";
  int64_t survey_id = 0;
  service::ImportOptions service_options() const { return {encoding, *typed_date::parse_order(date_order)}; }
};

void add_import_options(CLI::App* s, ImportCommandOptions& o) {
  s->add_option("--encoding", o.encoding, "auto, utf-8, utf-16, gb18030, windows-1258 (docs/api.md \"imports\")")
      ->capture_default_str();
  s->add_option("--date-order", o.date_order, "typed dates: dmy, ymd or mdy")
      ->check(CLI::IsMember({"dmy", "ymd", "mdy"}))
      ->capture_default_str();
}

// Prints the rows the import refused; returns the exit code 1.
template <class Errors>
int print_import_errors(const Errors& errors) {
  for (const auto& e : errors)
    std::cerr << "line " << e.line << (e.row && e.row != e.line ? " (row " + std::to_string(e.row) + ")" : "") << ": "
              << (e.field.empty() ? "-" : e.field) << ": " << e.message << "\n";
  std::cerr << errors.size() << " error(s); nothing was imported\n";
  return 1;
}

int run_import(const std::string& kind, const ImportCommandOptions& o) {
  std::string data = read_file(o.file);
  auto db = open_db(o.db_url, 2);
  auto progress = [](std::string_view phase, size_t done, size_t total) {
    if (total)
      std::cerr << "\r" << phase << ": " << done << "/" << total << "   " << (done == total ? "\n" : "") << std::flush;
    else
      std::cerr << phase << "...\n";
  };
  auto who = service::system_actor("cli-import");
  auto opts = o.service_options();
  auto r = kind == "customers"    ? service::import_customers(*db, who, data, o.dry_run, progress, opts)
           : kind == "encounters" ? service::import_encounters(*db, who, data, o.dry_run, progress, opts)
                                  : service::import_feedback(*db, who, data, o.dry_run, progress, opts);
  if (!r) return print_error(r.error());
  if (!r->errors.empty()) return print_import_errors(r->errors);
  std::cout << r->report.dump() << "\n";
  return 0;
}

int run_import_responses(const ImportCommandOptions& o) {
  std::string data = read_file(o.file);
  auto db = open_db(o.db_url, 2);
  auto r = service::import_responses(
      *db, service::system_actor("cli-import"), o.survey_id, data, o.dry_run,
      [](std::string_view phase, size_t done, size_t total) {
        if (total)
          std::cerr << "\r" << phase << ": " << done << "/" << total << "   " << (done == total ? "\n" : "")
                    << std::flush;
      },
      o.service_options());
  if (!r) return print_error(r.error());
  if (!r->errors.empty()) return print_import_errors(r->errors);
  service::fold_all(*db);
  std::cout << r->report.dump() << "\n";
  return 0;
}

}  // namespace

void add_import_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<ImportCommandOptions>();
  auto* imp = app.add_subcommand("import", "Import a CSV file (all or nothing)")->require_subcommand(1);
  for (const char* kind : {"customers", "encounters", "feedback"}) {
    auto* s = imp->add_subcommand(kind, std::string("Import ") + kind);
    add_db_option(s, o->db_url);
    s->add_option("file", o->file, "CSV file")->required();
    s->add_flag("--dry-run", o->dry_run, "validate only");
    add_import_options(s, *o);
    commands.add(s, [o, kind = std::string(kind)] { return run_import(kind, *o); });
  }
  auto* responses = imp->add_subcommand("responses", "Import paper survey forms");
  add_db_option(responses, o->db_url);
  responses->add_option("--survey", o->survey_id, "questionnaire id")->required();
  responses->add_option("file", o->file, "CSV file")->required();
  responses->add_flag("--dry-run", o->dry_run, "validate only");
  add_import_options(responses, *o);
  commands.add(responses, [o] { return run_import_responses(*o); });
}

}  // namespace servq::cli
