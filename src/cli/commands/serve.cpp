// servq serve: the web server, with the background jobs, creating the first admin on an empty
// database.
#include <iostream>
#include <thread>

#include "cli/commands/common.h"
#include "http/api.h"
#include "http/server.h"
#include "service/auth_service.h"
#include "service/scheduler.h"

namespace fs = std::filesystem;

namespace servq::cli {
namespace {

struct ServeOptions {
  std::string db_url, listen = "127.0.0.1:8080", web_root;
  int threads = 0;
  bool quiet = false;
  double sla_interval = 60;
  bool intake_per_response = false;
  double kiosk_rate = 10, fold_interval = 1;
  std::string metrics_token, upload_dir;
  bool secure_cookies = false;
  const char* argv0 = "";
};

std::string find_web_root(const std::string& given, const char* argv0) {
  if (!given.empty()) return given;
  std::vector<fs::path> candidates = {"web/dist", fs::path(argv0).parent_path() / ".." / "web" / "dist"};
  for (auto& c : candidates)
    if (fs::exists(c / "index.html")) return fs::canonical(c).string();
  return "";
}

// On a database without an active admin: creates login `admin` with a one-time password and
// returns the banner that tells it, or "" (a warning printed) when that failed.
std::string create_first_admin(store::Database& db) {
  std::string pw = service::random_token(12);
  auto r = service::create_user(db, service::system_actor("setup"),
                                {{"login", "admin"},
                                 {"role", "admin"},
                                 {"password", pw},
                                 {"name", "Administrator"},
                                 {"must_change_password", true}});
  if (r)
    return "No administrator existed: created login 'admin' with the one-time password " + pw +
           "\nservq asks for a new password at the first sign-in.\n";
  std::cerr << "warning: could not create the first admin: " << r.error().message << "\n";
  return "";
}

int run_serve(const ServeOptions& o) {
  auto colon = o.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "error: --listen must be address:port\n";
    return 2;
  }
  http::ServerConfig cfg;
  cfg.address = o.listen.substr(0, colon);
  if (cfg.address.size() > 2 && cfg.address.front() == '[') cfg.address = cfg.address.substr(1, cfg.address.size() - 2);
  cfg.port = static_cast<unsigned short>(std::stoi(o.listen.substr(colon + 1)));
  cfg.threads = o.threads;
  cfg.upload_dir = o.upload_dir;
  int workers = o.threads > 0 ? o.threads : std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
  auto db = open_db(o.db_url, workers + 2);
  if (!service::has_admin(*db)) cfg.banner = create_first_admin(*db);
  http::ApiConfig api_cfg;
  api_cfg.web_root = find_web_root(o.web_root, o.argv0);
  api_cfg.intake_per_response = o.intake_per_response;
  api_cfg.kiosk_per_minute = o.kiosk_rate;
  api_cfg.metrics_token = o.metrics_token;
  api_cfg.secure_cookies = o.secure_cookies;
  if (api_cfg.web_root.empty()) std::cerr << "note: web/dist not found; serving the API only\n";
  http::Api api(*db, api_cfg);
  service::Scheduler jobs;
  service::start_server_jobs(jobs, *db, o.sla_interval, o.fold_interval);
  int rc = http::run_server(
      cfg, [&api](http::Request& req) { return api.handle(req); },
      [&api](http::Request& req) { return api.admit(req); });
  jobs.stop();
  return rc;
}

}  // namespace

void add_serve_command(CLI::App& app, Commands& commands, const char* argv0) {
  auto o = std::make_shared<ServeOptions>();
  o->argv0 = argv0;
  auto* serve = app.add_subcommand("serve", "Run the web server");
  add_db_option(serve, o->db_url, "SQLite file or postgresql:// URL");
  serve->add_option("--listen", o->listen, "address:port (port 0 picks a free one)")->capture_default_str();
  serve->add_option("--web-root", o->web_root, "folder of the built web app (default: web/dist)");
  serve->add_option("--threads", o->threads, "worker threads (default: 2 per core, at least 4)");
  serve->add_flag("--quiet", o->quiet, "log warnings and errors only");
  serve->add_option("--sla-interval", o->sla_interval, "seconds between runs of the overdue/escalation job")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 86400.0));
  serve->add_flag("--intake-per-response", o->intake_per_response,
                  "commit each survey response in its own transaction (for benchmarks; the default groups them)");
  serve->add_option("--kiosk-rate", o->kiosk_rate, "kiosk answers per minute per client address (0 = no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e9));
  serve->add_option("--fold-interval", o->fold_interval, "seconds between runs of the survey statistics folder")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 3600.0));
  serve
      ->add_option("--upload-dir", o->upload_dir,
                   "folder for imported files while they arrive (default: the system's temporary folder)")
      ->envname("SERVQ_UPLOAD_DIR");
  serve
      ->add_option("--metrics-token", o->metrics_token,
                   "serve /metrics only to a bearer of this token (default: only to clients on this machine)")
      ->envname("SERVQ_METRICS_TOKEN");
  serve->add_flag("--secure-cookies", o->secure_cookies,
                  "mark the session cookie Secure (set behind an https proxy that does not send X-Forwarded-Proto)");
  commands.add(
      serve, [o] { return run_serve(*o); }, [o] { return !o->quiet; });
}

}  // namespace servq::cli
