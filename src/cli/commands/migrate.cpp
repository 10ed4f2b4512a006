// servq migrate: applies pending schema migrations (opening the database does) and exits.
#include <iostream>

#include "cli/commands/common.h"

namespace servq::cli {

void add_migrate_command(CLI::App& app, Commands& commands) {
  auto db_url = std::make_shared<std::string>();
  auto* migrate = app.add_subcommand("migrate", "Apply pending schema migrations and exit");
  add_db_option(migrate, *db_url);
  commands.add(migrate, [db_url] {
    auto db = open_db(*db_url, 1);
    std::cout << "schema is up to date (" << db->backend_name() << ")\n";
    return 0;
  });
}

}  // namespace servq::cli
