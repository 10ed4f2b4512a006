// What the CLI's commands share: the registry main() dispatches over, the --db option, opening
// the database, and printing a service error. Each command (commands/<command>.cpp) adds its
// CLI11 subcommands with their options and the handler that runs when one of them is chosen.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace servq::cli {

// One runnable subcommand: `run` is called when `app` was parsed; its value is the exit code.
struct Handler {
  CLI::App* app = nullptr;
  std::function<int()> run;
  // Whether the server's info-level log lines are wanted (only `serve` without --quiet).
  std::function<bool()> logs_info;
};

class Commands {
 public:
  void add(CLI::App* app, std::function<int()> run, std::function<bool()> logs_info = {}) {
    handlers_.push_back({app, std::move(run), std::move(logs_info)});
  }
  // The handler of the subcommand that was parsed, or null.
  const Handler* chosen() const;

 private:
  std::vector<Handler> handlers_;
};

// The --db option of a command that opens the database, defaulting to default_db() (shown in
// --help).
void add_db_option(CLI::App* cmd, std::string& db_url, const std::string& description = "");
std::string default_db();
// Opens (creating the SQLite file's folder) and migrates.
std::unique_ptr<store::Database> open_db(const std::string& url, int pool = 8);
// "error: <message> (<field>) [<code>]" on stderr; returns the exit code 1.
int print_error(const Error& e);
std::string read_file(const std::string& path);
// Log lines are JSON objects on stderr; warnings and errors only unless `info`.
void setup_logging(bool info);

// Each adds its subcommand(s) to `app` and their handlers to `commands`.
void add_serve_command(CLI::App& app, Commands& commands, const char* argv0);
void add_user_command(CLI::App& app, Commands& commands);
void add_unit_command(CLI::App& app, Commands& commands);
void add_customers_command(CLI::App& app, Commands& commands);
void add_import_command(CLI::App& app, Commands& commands);
void add_survey_command(CLI::App& app, Commands& commands);
void add_analyze_command(CLI::App& app, Commands& commands);
void add_demo_command(CLI::App& app, Commands& commands);
void add_generate_command(CLI::App& app, Commands& commands);
void add_fold_command(CLI::App& app, Commands& commands);
void add_migrate_command(CLI::App& app, Commands& commands);
void add_openapi_command(CLI::App& app, Commands& commands);

}  // namespace servq::cli
