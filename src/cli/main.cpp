// servq — one binary: the server, the demo, imports and account administration.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "core/clock.h"
#include "core/json_input.h"
#include "core/text.h"
#include "http/api.h"
#include "http/server.h"
#include "service/auth_service.h"
#include "service/demo_service.h"
#include "service/feedback_service.h"
#include "service/import_service.h"
#include "service/org_service.h"
#include "service/scheduler.h"
#include "service/survey_analysis.h"
#include "service/survey_service.h"
#include "servq_version.h"

namespace fs = std::filesystem;
using namespace servq;

namespace {

std::string default_db() { return "servq-data/servq.sqlite"; }

std::unique_ptr<store::Database> open_db(const std::string& url, int pool = 8) {
  if (url.rfind("postgres", 0) != 0) {
    fs::path p(url);
    if (p.has_parent_path()) fs::create_directories(p.parent_path());
  }
  return store::Database::open(url, pool);
}

void setup_logging(bool quiet) {
  auto logger = spdlog::stderr_color_mt("servq");
  spdlog::set_default_logger(logger);
  // Each line is one JSON object: {"ts":..., "level":..., "data": {...}}.
  spdlog::set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","data":%v})", spdlog::pattern_time_type::utc);
  spdlog::set_level(quiet ? spdlog::level::warn : spdlog::level::info);
}

std::string find_web_root(const std::string& given, const char* argv0) {
  if (!given.empty()) return given;
  std::vector<fs::path> candidates = {"web/dist", fs::path(argv0).parent_path() / ".." / "web" / "dist"};
  for (auto& c : candidates)
    if (fs::exists(c / "index.html")) return fs::canonical(c).string();
  return "";
}

int print_error(const Error& e) {
  std::cerr << "error: " << e.message << (e.field.empty() ? "" : " (" + e.field + ")") << " [" << e.code << "]\n";
  return 1;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

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
  std::string db_url = default_db();
  bool quiet = false;

  auto* serve = app.add_subcommand("serve", "Run the web server");
  std::string listen = "127.0.0.1:8080", web_root;
  int threads = 0;
  serve->add_option("--db", db_url, "SQLite file or postgresql:// URL")->capture_default_str();
  serve->add_option("--listen", listen, "address:port (port 0 picks a free one)")->capture_default_str();
  serve->add_option("--web-root", web_root, "folder of the built web app (default: web/dist)");
  serve->add_option("--threads", threads, "worker threads (default: 2 per core, at least 4)");
  serve->add_flag("--quiet", quiet, "log warnings and errors only");
  double sla_interval = 60;
  serve->add_option("--sla-interval", sla_interval, "seconds between runs of the overdue/escalation job")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 86400.0));

  bool intake_per_response = false;
  double kiosk_rate = 10, fold_interval = 1;
  serve->add_flag("--intake-per-response", intake_per_response,
                  "commit each survey response in its own transaction (for benchmarks; the default groups them)");
  serve->add_option("--kiosk-rate", kiosk_rate, "kiosk answers per minute per client address (0 = no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e9));
  serve->add_option("--fold-interval", fold_interval, "seconds between runs of the survey statistics folder")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 3600.0));
  std::string metrics_token, upload_dir;
  bool secure_cookies = false;
  serve->add_option("--upload-dir", upload_dir,
                    "folder for imported files while they arrive (default: the system's temporary folder)")
      ->envname("SERVQ_UPLOAD_DIR");
  serve->add_option("--metrics-token", metrics_token,
                    "serve /metrics only to a bearer of this token (default: only to clients on this machine)")
      ->envname("SERVQ_METRICS_TOKEN");
  serve->add_flag("--secure-cookies", secure_cookies,
                  "mark the session cookie Secure (set behind an https proxy that does not send X-Forwarded-Proto)");

  auto* user = app.add_subcommand("user", "Manage accounts")->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add an account");
  std::string login, role, unit_code, name, employee_code;
  bool password_stdin = false;
  user_add->add_option("--db", db_url)->capture_default_str();
  user_add->add_option("--login", login)->required();
  user_add->add_option("--role", role, "admin, quality, director, head, staff or auditor")->required();
  user_add->add_option("--unit", unit_code, "unit code (required for head and staff)");
  user_add->add_option("--name", name);
  user_add->add_option("--employee-code", employee_code, "link the account to a staff record");
  user_add->add_flag("--password-stdin", password_stdin, "read the password from standard input")->required();

  auto* unit = app.add_subcommand("unit", "Manage the unit tree")->require_subcommand(1);
  auto* unit_add = unit->add_subcommand("add", "Add a unit");
  std::string parent;
  unit_add->add_option("--db", db_url)->capture_default_str();
  unit_add->add_option("--code", unit_code)->required();
  unit_add->add_option("--name", name)->required();
  unit_add->add_option("--parent", parent);

  auto* customers_cmd = app.add_subcommand("customers", "Find and merge duplicate customers")->require_subcommand(1);
  auto* cust_dups = customers_cmd->add_subcommand(
      "duplicates", "List customers whose phones read as one number, and phones that read as no number");
  bool as_json = false;
  cust_dups->add_option("--db", db_url)->capture_default_str();
  cust_dups->add_flag("--json", as_json, "print the JSON of GET /api/v1/customers/duplicates");
  auto* cust_merge = customers_cmd->add_subcommand("merge", "Merge a duplicate customer into another (audited)");
  int64_t keep_id = 0, duplicate_id = 0;
  cust_merge->add_option("--db", db_url)->capture_default_str();
  cust_merge->add_option("--keep", keep_id, "the customer that stays")->required();
  cust_merge->add_option("--duplicate", duplicate_id, "the customer merged into it and deleted")->required();

  auto* imp = app.add_subcommand("import", "Import a CSV file (all or nothing)")->require_subcommand(1);
  std::string file;
  bool dry_run = false;
  std::string import_encoding = "auto", date_order = "ymd";
  auto import_opts = [&](CLI::App* s) {
    s->add_option("--encoding", import_encoding,
                  "auto, utf-8, utf-16, gb18030, windows-1258 (docs/api.md \"imports\")")
        ->capture_default_str();
    s->add_option("--date-order", date_order, "typed dates: dmy, ymd or mdy")
        ->check(CLI::IsMember({"dmy", "ymd", "mdy"}))
        ->capture_default_str();
  };
  std::vector<CLI::App*> import_cmds;
  for (const char* kind : {"customers", "encounters", "feedback"}) {
    auto* s = imp->add_subcommand(kind, std::string("Import ") + kind);
    s->add_option("--db", db_url)->capture_default_str();
    s->add_option("file", file, "CSV file")->required();
    s->add_flag("--dry-run", dry_run, "validate only");
    import_opts(s);
    import_cmds.push_back(s);
  }

  int64_t survey_id = 0;
  auto* imp_responses = imp->add_subcommand("responses", "Import paper survey forms");
  imp_responses->add_option("--db", db_url)->capture_default_str();
  imp_responses->add_option("--survey", survey_id, "questionnaire id")->required();
  imp_responses->add_option("file", file, "CSV file")->required();
  imp_responses->add_flag("--dry-run", dry_run, "validate only");
  import_opts(imp_responses);

  auto* survey_cmd = app.add_subcommand("survey", "Manage questionnaires")->require_subcommand(1);
  auto* survey_create = survey_cmd->add_subcommand("create", "Upload a SurveyJS questionnaire; prints its id");
  std::string title;
  survey_create->add_option("--db", db_url)->capture_default_str();
  survey_create->add_option("--file", file, "SurveyJS JSON file")->required();
  survey_create->add_option("--title", title, "title (default: the questionnaire's own)");

  auto* analyze = app.add_subcommand("analyze", "Analyse survey responses")->require_subcommand(1);
  auto* analyze_survey = analyze->add_subcommand("survey", "The analysis JSON of one slice (same as GET /surveys/{id}/analysis)");
  std::map<std::string, std::string> filters;
  std::string format = "json";
  bool naive = false;
  analyze_survey->add_option("--db", db_url)->capture_default_str();
  analyze_survey->add_option("--survey", survey_id, "questionnaire id")->required();
  for (const char* f : {"from", "to", "unit", "staff", "category", "channel", "campaign", "compare-from", "compare-to", "min-group"})
    analyze_survey->add_option_function<std::string>(std::string("--") + f, [&filters, f](const std::string& v) {
      std::string k = f;
      std::replace(k.begin(), k.end(), '-', '_');
      filters[k] = v;
    });
  analyze_survey->add_option("--format", format, "json")->check(CLI::IsMember({"json"}))->capture_default_str();
  analyze_survey->add_flag("--naive", naive, "compute from the raw responses instead of the statistics cells (comparison)");

  auto* demo = app.add_subcommand("demo", "Create the demo clinic group in an empty database");
  demo->add_option("--db", db_url)->capture_default_str();

  auto* generate = app.add_subcommand("generate", "Generate synthetic data for benchmarks")->require_subcommand(1);
  auto* gen_feedback = generate->add_subcommand("feedback", "Add synthetic feedback cases");
  int64_t gen_count = 100000;
  gen_feedback->add_option("--db", db_url)->capture_default_str();
  gen_feedback->add_option("--count", gen_count, "how many cases")->capture_default_str()->check(CLI::Range(1, 100000000));

  auto* gen_responses = generate->add_subcommand("responses", "Add synthetic responses to a questionnaire");
  uint64_t seed = 42;
  gen_responses->add_option("--db", db_url)->capture_default_str();
  gen_responses->add_option("--survey", survey_id)->required();
  gen_responses->add_option("--count", gen_count)->capture_default_str()->check(CLI::Range(1, 100000000));
  gen_responses->add_option("--seed", seed)->capture_default_str();
  auto* gen_links = generate->add_subcommand("links", "Add an open campaign with unused personal links; prints the tokens");
  gen_links->add_option("--db", db_url)->capture_default_str();
  gen_links->add_option("--survey", survey_id)->required();
  gen_links->add_option("--count", gen_count)->capture_default_str()->check(CLI::Range(1, 100000000));

  auto* fold = app.add_subcommand("fold", "Fold pending survey responses into the statistics cells");
  fold->add_option("--db", db_url)->capture_default_str();

  auto* migrate = app.add_subcommand("migrate", "Apply pending schema migrations and exit");
  migrate->add_option("--db", db_url)->capture_default_str();

  auto* openapi_cmd = app.add_subcommand("openapi", "Print the OpenAPI document of the HTTP API (JSON) and exit");

  CLI11_PARSE(app, argc, argv);
  setup_logging(quiet || !serve->parsed());

  try {
    if (serve->parsed()) {
      auto colon = listen.rfind(':');
      if (colon == std::string::npos) {
        std::cerr << "error: --listen must be address:port\n";
        return 2;
      }
      http::ServerConfig cfg;
      cfg.address = listen.substr(0, colon);
      if (cfg.address.size() > 2 && cfg.address.front() == '[') cfg.address = cfg.address.substr(1, cfg.address.size() - 2);
      cfg.port = static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)));
      cfg.threads = threads;
      cfg.upload_dir = upload_dir;
      int workers = threads > 0 ? threads : std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
      auto db = open_db(db_url, workers + 2);
      if (!service::has_admin(*db)) {
        std::string pw = service::random_token(12);
        auto r = service::create_user(*db, service::system_actor("setup"),
                                      {{"login", "admin"}, {"role", "admin"}, {"password", pw}, {"name", "Administrator"},
                                       {"must_change_password", true}});
        if (r)
          cfg.banner = "No administrator existed: created login 'admin' with the one-time password " + pw +
                       "\nservq asks for a new password at the first sign-in.\n";
        else
          std::cerr << "warning: could not create the first admin: " << r.error().message << "\n";
      }
      http::ApiConfig api_cfg;
      api_cfg.web_root = find_web_root(web_root, argv[0]);
      api_cfg.intake_per_response = intake_per_response;
      api_cfg.kiosk_per_minute = kiosk_rate;
      api_cfg.metrics_token = metrics_token;
      api_cfg.secure_cookies = secure_cookies;
      if (api_cfg.web_root.empty()) std::cerr << "note: web/dist not found; serving the API only\n";
      http::Api api(*db, api_cfg);
      service::Scheduler jobs;
      service::start_server_jobs(jobs, *db, sla_interval, fold_interval);
      int rc = http::run_server(
          cfg, [&api](http::Request& req) { return api.handle(req); },
          [&api](http::Request& req) { return api.admit(req); });
      jobs.stop();
      return rc;
    }
    if (user_add->parsed()) {
      std::string pw;
      std::getline(std::cin, pw, '\0');
      while (!pw.empty() && (pw.back() == '\n' || pw.back() == '\r')) pw.pop_back();
      auto db = open_db(db_url, 2);
      service::json body = {{"login", login}, {"role", role}, {"password", pw}, {"name", name.empty() ? login : name}};
      if (!unit_code.empty()) body["unit"] = unit_code;
      if (!employee_code.empty()) body["employee_code"] = employee_code;
      auto r = service::create_user(*db, service::system_actor("cli"), body);
      if (!r) return print_error(r.error());
      std::cout << "created user " << login << " (" << role << ") id " << r->at("id") << "\n";
      return 0;
    }
    if (unit_add->parsed()) {
      auto db = open_db(db_url, 2);
      service::json body = {{"code", unit_code}, {"name", name}};
      if (!parent.empty()) body["parent"] = parent;
      auto r = service::create_unit(*db, service::system_actor("cli"), body);
      if (!r) return print_error(r.error());
      std::cout << "created unit " << unit_code << " id " << r->at("id") << "\n";
      return 0;
    }
    for (auto* s : import_cmds) {
      if (!s->parsed()) continue;
      std::string data = read_file(file);
      auto db = open_db(db_url, 2);
      auto progress = [](std::string_view phase, size_t done, size_t total) {
        if (total)
          std::cerr << "\r" << phase << ": " << done << "/" << total << "   " << (done == total ? "\n" : "") << std::flush;
        else
          std::cerr << phase << "...\n";
      };
      auto who = service::system_actor("cli-import");
      service::ImportOptions opts{import_encoding, *typed_date::parse_order(date_order)};
      auto r = s->get_name() == "customers"    ? service::import_customers(*db, who, data, dry_run, progress, opts)
               : s->get_name() == "encounters" ? service::import_encounters(*db, who, data, dry_run, progress, opts)
                                               : service::import_feedback(*db, who, data, dry_run, progress, opts);
      if (!r) return print_error(r.error());
      if (!r->errors.empty()) {
        for (const auto& e : r->errors)
          std::cerr << "line " << e.line << (e.row && e.row != e.line ? " (row " + std::to_string(e.row) + ")" : "")
                    << ": " << (e.field.empty() ? "-" : e.field) << ": " << e.message << "\n";
        std::cerr << r->errors.size() << " error(s); nothing was imported\n";
        return 1;
      }
      std::cout << r->report.dump() << "\n";
      return 0;
    }
    if (imp_responses->parsed()) {
      std::string data = read_file(file);
      auto db = open_db(db_url, 2);
      auto r = service::import_responses(*db, service::system_actor("cli-import"), survey_id, data, dry_run,
                                         [](std::string_view phase, size_t done, size_t total) {
                                           if (total)
                                             std::cerr << "\r" << phase << ": " << done << "/" << total << "   "
                                                       << (done == total ? "\n" : "") << std::flush;
                                         },
                                         {import_encoding, *typed_date::parse_order(date_order)});
      if (!r) return print_error(r.error());
      if (!r->errors.empty()) {
        for (const auto& e : r->errors)
          std::cerr << "line " << e.line << (e.row && e.row != e.line ? " (row " + std::to_string(e.row) + ")" : "")
                    << ": " << (e.field.empty() ? "-" : e.field) << ": " << e.message << "\n";
        std::cerr << r->errors.size() << " error(s); nothing was imported\n";
        return 1;
      }
      service::fold_all(*db);
      std::cout << r->report.dump() << "\n";
      return 0;
    }
    if (cust_dups->parsed()) {
      auto db = open_db(db_url, 2);
      auto r = service::customer_duplicates(*db, service::system_actor("cli"));
      if (!r) return print_error(r.error());
      if (as_json) {
        std::cout << r->dump(2, ' ', false, service::json::error_handler_t::replace) << "\n";
        return 0;
      }
      const auto& groups = r->at("groups");
      std::cout << groups.size() << " number(s) held by more than one customer (region " << r->at("region").get<std::string>()
                << ")\n";
      auto line = [](const service::json& m) {
        std::cout << "  #" << m.at("id") << "  " << (m.at("external_id").is_null() ? "-" : m.at("external_id").get<std::string>())
                  << "  " << m.at("name").get<std::string>() << "  phone " << m.at("phone").get<std::string>()
                  << (m.at("phone_e164").get<bool>() ? "" : " (old form)") << "  " << m.at("encounters") << " encounter(s), "
                  << m.at("feedback") << " case(s), " << m.at("responses") << " response(s)\n";
      };
      for (const auto& g : groups) {
        std::cout << g.at("phone_display").get<std::string>() << " (" << g.at("phone").get<std::string>() << ")\n";
        for (const auto& m : g.at("customers")) line(m);
      }
      const auto& bad = r->at("unreadable");
      std::cout << bad.size() << " phone(s) that read as no number\n";
      for (const auto& m : bad) line(m);
      if (!groups.empty())
        std::cout << "merge with: servq customers merge --keep ID --duplicate ID\n";
      return 0;
    }
    if (cust_merge->parsed()) {
      auto db = open_db(db_url, 2);
      auto r = service::merge_customers(*db, service::system_actor("cli"), keep_id, {{"duplicate", duplicate_id}});
      if (!r) return print_error(r.error());
      std::cout << "merged customer " << duplicate_id << " into " << keep_id << ": moved " << r->at("moved").dump() << "\n";
      return 0;
    }
    if (survey_create->parsed()) {
      auto parsed = jsonin::parse_limited(read_file(file), file);
      if (!parsed) {
        std::cerr << "error: " << parsed.error().message << "\n";
        return 1;
      }
      auto def = std::move(*parsed);
      auto db = open_db(db_url, 2);
      service::json body = {{"definition", def}};
      if (!title.empty()) body["title"] = title;
      auto r = service::create_survey(*db, service::system_actor("cli"), body);
      if (!r) return print_error(r.error());
      std::cout << r->at("id") << "\n";
      return 0;
    }
    if (analyze_survey->parsed()) {
      auto db = open_db(db_url, 2);
      service::ListQuery q;
      for (auto& [k, v] : filters) q.params[k] = v;
      auto r = service::analyze_survey(*db, service::system_actor("cli"), survey_id, q, naive);
      if (!r) return print_error(r.error());
      std::cout << r->dump(2, ' ', false, service::json::error_handler_t::replace) << "\n";
      return 0;
    }
    if (gen_responses->parsed()) {
      auto db = open_db(db_url, 2);
      auto r = service::generate_responses(*db, survey_id, gen_count, seed, [](std::string_view phase, size_t done, size_t total) {
        std::cerr << "\r" << phase << ": " << done << "/" << total << "   " << (done == total ? "\n" : "") << std::flush;
      });
      if (!r) return print_error(r.error());
      std::cerr << "generated " << *r << " responses\n";
      return 0;
    }
    if (gen_links->parsed()) {
      auto db = open_db(db_url, 2);
      auto r = service::generate_invitations(*db, survey_id, gen_count, std::cout);
      if (!r) return print_error(r.error());
      return 0;
    }
    if (fold->parsed()) {
      auto db = open_db(db_url, 2);
      std::cout << "folded " << service::fold_all(*db) << " responses\n";
      return 0;
    }
    if (demo->parsed()) {
      auto db = open_db(db_url, 2);
      auto r = service::create_demo(*db);
      if (!r) return print_error(r.error());
      std::cout << "Demo clinic group created. Logins (password):\n";
      for (const auto& l : *r)
        std::cout << "  " << l.login << std::string(10 - std::min<size_t>(10, l.login.size()), ' ') << l.password
                  << "   role " << l.role << (l.unit.empty() ? "" : ", unit " + l.unit) << "\n";
      return 0;
    }
    if (gen_feedback->parsed()) {
      auto db = open_db(db_url, 2);
      auto r = service::generate_feedback(*db, gen_count, 42, [](std::string_view phase, size_t done, size_t total) {
        std::cerr << "\r" << phase << ": " << done << "/" << total << "   " << (done == total ? "\n" : "") << std::flush;
      });
      if (!r) return print_error(r.error());
      std::cout << "generated " << *r << " feedback cases\n";
      return 0;
    }
    if (openapi_cmd->parsed()) {
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
    if (migrate->parsed()) {
      auto db = open_db(db_url, 1);
      std::cout << "schema is up to date (" << db->backend_name() << ")\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
