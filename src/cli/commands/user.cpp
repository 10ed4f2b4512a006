// servq user add: an account, its password read from standard input.
#include <iostream>

#include "cli/commands/common.h"
#include "service/auth_service.h"

namespace servq::cli {
namespace {

struct UserAddOptions {
  std::string db_url, login, role, unit_code, name, employee_code;
  bool password_stdin = false;
};

int run_user_add(const UserAddOptions& o) {
  std::string pw;
  std::getline(std::cin, pw, '\0');
  while (!pw.empty() && (pw.back() == '\n' || pw.back() == '\r')) pw.pop_back();
  auto db = open_db(o.db_url, 2);
  service::json body = {
      {"login", o.login}, {"role", o.role}, {"password", pw}, {"name", o.name.empty() ? o.login : o.name}};
  if (!o.unit_code.empty()) body["unit"] = o.unit_code;
  if (!o.employee_code.empty()) body["employee_code"] = o.employee_code;
  auto r = service::create_user(*db, service::system_actor("cli"), body);
  if (!r) return print_error(r.error());
  std::cout << "created user " << o.login << " (" << o.role << ") id " << r->at("id") << "\n";
  return 0;
}

}  // namespace

void add_user_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<UserAddOptions>();
  auto* user = app.add_subcommand("user", "Manage accounts")->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Add an account");
  add_db_option(add, o->db_url);
  add->add_option("--login", o->login)->required();
  add->add_option("--role", o->role, "admin, quality, director, head, staff or auditor")->required();
  add->add_option("--unit", o->unit_code, "unit code (required for head and staff)");
  add->add_option("--name", o->name);
  add->add_option("--employee-code", o->employee_code, "link the account to a staff record");
  add->add_flag("--password-stdin", o->password_stdin, "read the password from standard input")->required();
  commands.add(add, [o] { return run_user_add(*o); });
}

}  // namespace servq::cli
