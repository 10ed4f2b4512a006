// servq demo: the demo clinic group in an empty database; prints its logins.
#include <iostream>

#include "cli/commands/common.h"
#include "service/demo_service.h"

namespace servq::cli {
namespace {

int run_demo(const std::string& db_url) {
  auto db = open_db(db_url, 2);
  auto r = service::create_demo(*db);
  if (!r) return print_error(r.error());
  std::cout << "Demo clinic group created. Logins (password):\n";
  for (const auto& l : *r)
    std::cout << "  " << l.login << std::string(10 - std::min<size_t>(10, l.login.size()), ' ') << l.password
              << "   role " << l.role << (l.unit.empty() ? "" : ", unit " + l.unit) << "\n";
  return 0;
}

}  // namespace

void add_demo_command(CLI::App& app, Commands& commands) {
  auto db_url = std::make_shared<std::string>();
  auto* demo = app.add_subcommand("demo", "Create the demo clinic group in an empty database");
  add_db_option(demo, *db_url);
  commands.add(demo, [db_url] { return run_demo(*db_url); });
}

}  // namespace servq::cli
