// servq — one binary: the server, the demo, imports and account administration. main() parses
// the command line and runs the chosen command (src/cli/commands/<command>.cpp).
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/commands/common.h"
#include "core/clock.h"
#include "service/common.h"
#include "servq_version.h"

using namespace servq;

int main(int argc, char** argv) {
  // SERVQ_NOW (tests, reproducible demos): the whole process runs at this fixed instant.
  if (const char* fixed = std::getenv("SERVQ_NOW"); fixed && *fixed) {
    auto c = fixed_clock_at(fixed);
    if (!c) {
      std::cerr << "error: SERVQ_NOW must be an ISO 8601 time with an offset, e.g. 2026-12-01T09:00:00+07:00\n";
      return 2;
    }
    service::set_clock(*c);
  }
  CLI::App app{"servq — customer satisfaction and service-quality management"};
  app.require_subcommand(1);
  app.set_version_flag("--version", SERVQ_VERSION);

  cli::Commands commands;
  cli::add_serve_command(app, commands, argv[0]);
  cli::add_user_command(app, commands);
  cli::add_unit_command(app, commands);
  cli::add_customers_command(app, commands);
  cli::add_import_command(app, commands);
  cli::add_survey_command(app, commands);
  cli::add_analyze_command(app, commands);
  cli::add_demo_command(app, commands);
  cli::add_generate_command(app, commands);
  cli::add_fold_command(app, commands);
  cli::add_migrate_command(app, commands);
  cli::add_openapi_command(app, commands);

  CLI11_PARSE(app, argc, argv);
  const cli::Handler* chosen = commands.chosen();
  cli::setup_logging(chosen && chosen->logs_info && chosen->logs_info());
  if (!chosen) return 0;
  try {
    return chosen->run();
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
