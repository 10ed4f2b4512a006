#include "cli/commands/common.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace servq::cli {

const Handler* Commands::chosen() const {
  for (const auto& h : handlers_)
    if (h.app->parsed()) return &h;
  return nullptr;
}

std::string default_db() {
  return "servq-data/servq.sqlite";
}

void add_db_option(CLI::App* cmd, std::string& db_url, const std::string& description) {
  db_url = default_db();
  cmd->add_option("--db", db_url, description)->capture_default_str();
}

std::unique_ptr<store::Database> open_db(const std::string& url, int pool) {
  if (url.rfind("postgres", 0) != 0) {
    fs::path p(url);
    if (p.has_parent_path()) fs::create_directories(p.parent_path());
  }
  return store::Database::open(url, pool);
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

void setup_logging(bool info) {
  auto logger = spdlog::stderr_color_mt("servq");
  spdlog::set_default_logger(logger);
  // Each line is one JSON object: {"ts":..., "level":..., "data": {...}}.
  spdlog::set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","data":%v})", spdlog::pattern_time_type::utc);
  spdlog::set_level(info ? spdlog::level::info : spdlog::level::warn);
}

}  // namespace servq::cli
