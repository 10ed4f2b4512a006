// servq unit add: a unit of the organisation tree.
#include <iostream>

#include "cli/commands/common.h"
#include "service/org_service.h"

namespace servq::cli {
namespace {

struct UnitAddOptions {
  std::string db_url, code, name, parent;
};

int run_unit_add(const UnitAddOptions& o) {
  auto db = open_db(o.db_url, 2);
  service::json body = {{"code", o.code}, {"name", o.name}};
  if (!o.parent.empty()) body["parent"] = o.parent;
  auto r = service::create_unit(*db, service::system_actor("cli"), body);
  if (!r) return print_error(r.error());
  std::cout << "created unit " << o.code << " id " << r->at("id") << "\n";
  return 0;
}

}  // namespace

void add_unit_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<UnitAddOptions>();
  auto* unit = app.add_subcommand("unit", "Manage the unit tree")->require_subcommand(1);
  auto* add = unit->add_subcommand("add", "Add a unit");
  add_db_option(add, o->db_url);
  add->add_option("--code", o->code)->required();
  add->add_option("--name", o->name)->required();
  add->add_option("--parent", o->parent);
  commands.add(add, [o] { return run_unit_add(*o); });
}

}  // namespace servq::cli
