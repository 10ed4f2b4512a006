#include "store/database.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>

namespace servq::store {

const std::string& Row::str(size_t i) const {
  const auto& c = cols.at(i);
  if (!c) throw DbError(DbError::Kind::other, "column " + std::to_string(i) + " is NULL");
  return *c;
}

int64_t Row::i64(size_t i) const { return std::stoll(str(i)); }

std::optional<int64_t> Row::opt_i64(size_t i) const {
  if (!cols.at(i)) return std::nullopt;
  return std::stoll(*cols[i]);
}

size_t Row::index(std::string_view name) const {
  if (names)
    for (size_t i = 0; i < names->size(); ++i)
      if ((*names)[i] == name) return i;
  throw DbError(DbError::Kind::other, "the result has no column '" + std::string(name) + "'");
}

const std::string& Row::str(std::string_view name) const {
  const auto& c = cols.at(index(name));
  if (!c) throw DbError(DbError::Kind::other, "column '" + std::string(name) + "' is NULL");
  return *c;
}

int64_t Row::i64(std::string_view name) const { return std::stoll(str(name)); }

std::optional<int64_t> Row::opt_i64(std::string_view name) const {
  const auto& c = cols.at(index(name));
  if (!c) return std::nullopt;
  return std::stoll(*c);
}

struct Database::Sync {
  std::mutex m;
  std::condition_variable cv;
  size_t open = 0;  // connections that exist, idle or leased
  size_t limit = 8;
};

Lease::~Lease() {
  if (conn_) db_->release(std::move(conn_));
}

Lease Database::acquire() {
  std::unique_lock lock(sync_->m);
  for (;;) {
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(c));
    }
    if (sync_->open < sync_->limit) {
      ++sync_->open;
      lock.unlock();
      try {
        return Lease(this, connect());
      } catch (...) {
        std::lock_guard relock(sync_->m);
        --sync_->open;
        sync_->cv.notify_one();
        throw;
      }
    }
    sync_->cv.wait(lock);
  }
}

void Database::release(std::unique_ptr<Connection> c) {
  std::lock_guard lock(sync_->m);
  if (c->healthy())
    idle_.push_back(std::move(c));
  else
    --sync_->open;
  sync_->cv.notify_one();
}

namespace {
class SqliteDatabase : public Database {
 public:
  explicit SqliteDatabase(std::string path) : path_(std::move(path)) {}
  Backend backend() const override { return Backend::sqlite; }

 protected:
  std::unique_ptr<Connection> connect() override { return connect_sqlite(path_); }

 private:
  std::string path_;
};

class PostgresDatabase : public Database {
 public:
  explicit PostgresDatabase(std::string url) : url_(std::move(url)) {}
  Backend backend() const override { return Backend::postgresql; }

 protected:
  std::unique_ptr<Connection> connect() override { return connect_postgres(url_); }

 private:
  std::string url_;
};
}  // namespace

std::unique_ptr<Database> open_database(const std::string& url, int pool_size) {
  std::unique_ptr<Database> db;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    db = std::make_unique<PostgresDatabase>(url);
  else
    db = std::make_unique<SqliteDatabase>(url);
  db->sync_ = std::make_shared<Database::Sync>();
  db->sync_->limit = pool_size < 1 ? 1 : static_cast<size_t>(pool_size);
  {
    auto lease = db->acquire();
    migrate(*lease);
  }
  return db;
}

std::unique_ptr<Database> Database::open(const std::string& url, int pool_size) {
  return open_database(url, pool_size);
}

Tx::Tx(Connection& c, bool write) : c_(c) {
  if (c.backend() == Backend::sqlite)
    c.exec_script(write ? "BEGIN IMMEDIATE" : "BEGIN");
  else
    c.exec_script("BEGIN");
}

Tx::~Tx() {
  if (!done_) {
    try {
      c_.exec_script("ROLLBACK");
    } catch (...) {
    }
  }
}

void refresh_statistics(Connection& c, const std::vector<std::string>& tables) {
  // Called after a bulk write has committed: its caller has already stored what the user sent,
  // so a failure here must not turn into an error answer for data that is in the database.
  try {
    if (c.backend() == Backend::sqlite) {
      // In a write transaction: ANALYZE writes sqlite_stat1, and a plain statement that read
      // first and then met another writer's commit would fail at once (SQLITE_BUSY_SNAPSHOT)
      // instead of waiting its turn like BEGIN IMMEDIATE does.
      Tx tx(c);
      c.exec_script("PRAGMA optimize");
      tx.commit();
      return;
    }
    // VACUUM also sets the visibility map, which index-only scans of fresh bulk data need.
    for (const auto& t : tables) c.exec_script("VACUUM (ANALYZE) " + t);
  } catch (const DbError& e) {
    spdlog::warn("{{\"event\":\"statistics_refresh_failed\",\"kind\":{}}}", static_cast<int>(e.kind));
  }
}

void Tx::commit() {
  c_.exec_script("COMMIT");
  done_ = true;
}

}  // namespace servq::store
