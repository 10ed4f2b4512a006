#include "store_test_db.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace servq::testing {

namespace {
std::string pg_url() {
  if (const char* u = std::getenv("SERVQ_TEST_PG_URL"); u && *u) return u;
  if (const char* f = std::getenv("SERVQ_TEST_PG_URL_FILE"); f && *f) {
    std::ifstream in(f);
    std::string url;
    std::getline(in, url);
    return url;
  }
  return {};
}

// postgresql://user@host:port/postgres → the same server, database `name`.
std::string with_database(const std::string& url, const std::string& name) {
  auto slash = url.rfind('/');
  auto query = url.find('?', slash);
  return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

std::atomic<int> counter{0};
}  // namespace

std::string backend_name(const ::testing::TestParamInfo<store::Backend>& info) {
  return info.param == store::Backend::sqlite ? "sqlite" : "postgresql";
}

void StoreTest::SetUp() {
  const std::string unique = std::to_string(::getpid()) + "_" + std::to_string(counter++);
  if (GetParam() == store::Backend::sqlite) {
    sqlite_dir_ = (std::filesystem::temp_directory_path() / ("servq-store-" + unique)).string();
    std::filesystem::remove_all(sqlite_dir_);
    std::filesystem::create_directories(sqlite_dir_);
    db_ = store::Database::open(sqlite_dir_ + "/t.sqlite", 2);
    return;
  }
  pg_admin_url_ = pg_url();
  ASSERT_FALSE(pg_admin_url_.empty())
      << "no PostgreSQL for the store tests: run them through ctest (its store_pg_start fixture starts one) or set "
         "SERVQ_TEST_PG_URL=postgresql://... (scripts/pg-scratch start DIR prints one)";
  pg_name_ = "servq_store_" + unique;
  {
    auto admin = store::connect_postgres(pg_admin_url_);
    admin->exec_script("CREATE DATABASE " + pg_name_);
  }
  db_ = store::Database::open(with_database(pg_admin_url_, pg_name_), 2);
}

void StoreTest::TearDown() {
  db_.reset();
  if (!sqlite_dir_.empty()) std::filesystem::remove_all(sqlite_dir_);
  if (!pg_name_.empty()) {
    auto admin = store::connect_postgres(pg_admin_url_);
    admin->exec_script("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
  }
}

}  // namespace servq::testing
