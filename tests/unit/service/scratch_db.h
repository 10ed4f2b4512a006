// A fresh SQLite database in its own temporary folder for one service test, removed afterwards
// (migrations applied by Database::open).
#pragma once
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/database.h"

namespace servq::test_support {

struct ScratchDb {
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;
  explicit ScratchDb(const std::string& name, size_t connections = 2) {
    dir = std::filesystem::temp_directory_path() / ("servq-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = store::Database::open((dir / "t.sqlite").string(), connections);
  }
  ~ScratchDb() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  int64_t count(const std::string& table) { return db->acquire()->scalar("SELECT COUNT(*) FROM " + table); }
};

}  // namespace servq::test_support
