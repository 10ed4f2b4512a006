// servq openapi: prints the OpenAPI document of the HTTP API.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/commands/common.h"
#include "http/api.h"

namespace fs = std::filesystem;

namespace servq::cli {
namespace {

int run_openapi() {
  // The route table needs an Api, which needs a database: a scratch SQLite file, removed after.
  std::string tmpl = (fs::temp_directory_path() / "servq-openapi-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary directory");
  service::json doc;
  {
    auto db = open_db((fs::path(tmpl) / "scratch.sqlite").string(), 1);
    doc = http::Api(*db, {}).openapi();
  }
  fs::remove_all(tmpl);
  std::cout << doc.dump(2) << "\n";
  return 0;
}

}  // namespace

void add_openapi_command(CLI::App& app, Commands& commands) {
  auto* openapi = app.add_subcommand("openapi", "Print the OpenAPI document of the HTTP API (JSON) and exit");
  commands.add(openapi, run_openapi);
}

}  // namespace servq::cli
