// servq customers duplicates | merge: customers whose phones read as one number, and merging them.
#include <iostream>

#include "cli/commands/common.h"
#include "service/org_service.h"

namespace servq::cli {
namespace {

struct CustomersOptions {
  std::string db_url;
  bool as_json = false;
  int64_t keep_id = 0, duplicate_id = 0;
};

void print_customer(const service::json& m) {
  std::cout << "  #" << m.at("id") << "  "
            << (m.at("external_id").is_null() ? "-" : m.at("external_id").get<std::string>()) << "  "
            << m.at("name").get<std::string>() << "  phone " << m.at("phone").get<std::string>()
            << (m.at("phone_e164").get<bool>() ? "" : " (old form)") << "  " << m.at("encounters") << " encounter(s), "
            << m.at("feedback") << " case(s), " << m.at("responses") << " response(s)\n";
}

int run_duplicates(const CustomersOptions& o) {
  auto db = open_db(o.db_url, 2);
  auto r = service::customer_duplicates(*db, service::system_actor("cli"));
  if (!r) return print_error(r.error());
  if (o.as_json) {
    std::cout << r->dump(2, ' ', false, service::json::error_handler_t::replace) << "\n";
    return 0;
  }
  const auto& groups = r->at("groups");
  std::cout << groups.size() << " number(s) held by more than one customer (region "
            << r->at("region").get<std::string>() << ")\n";
  for (const auto& g : groups) {
    std::cout << g.at("phone_display").get<std::string>() << " (" << g.at("phone").get<std::string>() << ")\n";
    for (const auto& m : g.at("customers")) print_customer(m);
  }
  const auto& bad = r->at("unreadable");
  std::cout << bad.size() << " phone(s) that read as no number\n";
  for (const auto& m : bad) print_customer(m);
  if (!groups.empty()) std::cout << "merge with: servq customers merge --keep ID --duplicate ID\n";
  return 0;
}

int run_merge(const CustomersOptions& o) {
  auto db = open_db(o.db_url, 2);
  auto r = service::merge_customers(*db, service::system_actor("cli"), o.keep_id, {{"duplicate", o.duplicate_id}});
  if (!r) return print_error(r.error());
  std::cout << "merged customer " << o.duplicate_id << " into " << o.keep_id << ": moved " << r->at("moved").dump()
            << "\n";
  return 0;
}

}  // namespace

void add_customers_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<CustomersOptions>();
  auto* customers = app.add_subcommand("customers", "Find and merge duplicate customers")->require_subcommand(1);
  auto* dups = customers->add_subcommand(
      "duplicates", "List customers whose phones read as one number, and phones that read as no number");
  add_db_option(dups, o->db_url);
  dups->add_flag("--json", o->as_json, "print the JSON of GET /api/v1/customers/duplicates");
  auto* merge = customers->add_subcommand("merge", "Merge a duplicate customer into another (audited)");
  add_db_option(merge, o->db_url);
  merge->add_option("--keep", o->keep_id, "the customer that stays")->required();
  merge->add_option("--duplicate", o->duplicate_id, "the customer merged into it and deleted")->required();
  commands.add(dups, [o] { return run_duplicates(*o); });
  commands.add(merge, [o] { return run_merge(*o); });
}

}  // namespace servq::cli
