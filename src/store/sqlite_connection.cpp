// SQLite backend: WAL journal, foreign keys on, a generous busy timeout so concurrent writers
// queue instead of failing, and synchronous=FULL because an acknowledged write must survive a
// power cut, not only a crash of the process. Prepared statements are cached per connection.
#include <sqlite3.h>

#include <unordered_map>

#include "store/database.h"

namespace servq::store {
namespace {

class SqliteConnection : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    // SQLite's memory statistics take a global mutex on every allocation; nothing reads them.
    static const bool configured = [] {
      sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
      return true;
    }();
    (void)configured;
    source_ = path;
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DbError(DbError::Kind::connection, "cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 15000);
    exec_script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;");
  }
  ~SqliteConnection() override {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close(db_);
  }
  Backend backend() const override { return Backend::sqlite; }
  std::string wal_file() const override {
    const char* main = sqlite3_db_filename(db_, "main");
    return main && *main ? std::string(sqlite3_filename_wal(main)) : std::string();
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      throw error(rc, msg);
    }
  }

  std::vector<Row> query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    std::vector<Row> rows;
    int n = sqlite3_column_count(st);
    auto names = std::make_shared<std::vector<std::string>>();
    for (int i = 0; i < n; ++i) {
      const char* name = sqlite3_column_name(st, i);
      names->emplace_back(name ? name : "");
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      Row r;
      r.names = names;
      r.cols.reserve(n);
      for (int i = 0; i < n; ++i) {
        if (sqlite3_column_type(st, i) == SQLITE_NULL) {
          r.cols.emplace_back();
        } else {
          auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
          r.cols.emplace_back(std::string(t, sqlite3_column_bytes(st, i)));
        }
      }
      rows.push_back(std::move(r));
    }
    finish(st, rc);
    return rows;
  }

  int64_t execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    finish(st, rc);
    return sqlite3_changes(db_);
  }

 private:
  DbError error(int rc, const std::string& msg) {
    int ext = sqlite3_extended_errcode(db_);
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
      // "UNIQUE constraint failed: customers.phone"
      auto dot = msg.rfind('.');
      return DbError(DbError::Kind::unique, msg, dot == std::string::npos ? "" : msg.substr(dot + 1));
    }
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) return DbError(DbError::Kind::busy, msg);
    return DbError(DbError::Kind::other, msg);
  }

  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    std::string key(sql);
    sqlite3_stmt* st = nullptr;
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      st = it->second;
    } else {
      int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                  &st, nullptr);
      if (rc != SQLITE_OK) throw error(rc, std::string(sqlite3_errmsg(db_)) + " in: " + key.substr(0, 200));
      if (cache_.size() > 200) {
        for (auto& [s, old] : cache_) sqlite3_finalize(old);
        cache_.clear();
      }
      cache_.emplace(std::move(key), st);
    }
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      const auto& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        sqlite3_bind_null(st, idx);
      } else if (auto* n = std::get_if<int64_t>(&v)) {
        sqlite3_bind_int64(st, idx, *n);
      } else {
        const auto& s = std::get<std::string>(v);
        sqlite3_bind_text(st, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
    }
    return st;
  }

  void finish(sqlite3_stmt* st, int rc) {
    if (rc != SQLITE_DONE) {
      DbError e = error(rc, sqlite3_errmsg(db_));
      sqlite3_reset(st);
      sqlite3_clear_bindings(st);
      throw e;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

std::unique_ptr<Connection> connect_sqlite(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace servq::store
