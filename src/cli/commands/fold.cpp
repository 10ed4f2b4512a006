// servq fold: folds pending survey responses into the statistics cells.
#include <iostream>

#include "cli/commands/common.h"
#include "service/survey_analysis.h"

namespace servq::cli {

void add_fold_command(CLI::App& app, Commands& commands) {
  auto db_url = std::make_shared<std::string>();
  auto* fold = app.add_subcommand("fold", "Fold pending survey responses into the statistics cells");
  add_db_option(fold, *db_url);
  commands.add(fold, [db_url] {
    auto db = open_db(*db_url, 2);
    std::cout << "folded " << service::fold_all(*db) << " responses\n";
    return 0;
  });
}

}  // namespace servq::cli
