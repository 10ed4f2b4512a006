// One storage interface over SQLite (WAL) and PostgreSQL. SQL is written once with `?`
// placeholders; the PostgreSQL backend numbers them. Values travel as text or integers, which
// both engines store the same way for our schema (timestamps as ISO-8601 UTC text, booleans as
// 0/1 integers). Connections come from a pool; Tx wraps one use case in one transaction.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace servq::store {

enum class Backend { sqlite, postgresql };

using Value = std::variant<std::monostate, int64_t, std::string>;
using Params = std::vector<Value>;

inline Value null_value() { return std::monostate{}; }
inline Value opt_value(const std::optional<std::string>& s) {
  return s ? Value(*s) : Value(std::monostate{});
}
inline Value opt_value(const std::optional<int64_t>& v) {
  return v ? Value(*v) : Value(std::monostate{});
}

// One result row. Repositories read it by column name (`r.str("code")`): the column list is
// declared beside the reader, and a column added to a SELECT shifts nothing. Names are the
// SELECT's output names (the alias after AS, else the bare column name), shared by every row of
// one result.
class Row {
 public:
  std::vector<std::optional<std::string>> cols;
  std::shared_ptr<const std::vector<std::string>> names;

  bool is_null(std::string_view name) const { return !cols.at(index(name)); }
  const std::string& str(std::string_view name) const;  // throws if null
  std::optional<std::string> opt(std::string_view name) const { return cols.at(index(name)); }
  int64_t i64(std::string_view name) const;
  std::optional<int64_t> opt_i64(std::string_view name) const;
  bool boolean(std::string_view name) const { return i64(name) != 0; }
  // The position of a column by name; throws DbError naming it when the result has none.
  size_t index(std::string_view name) const;

  // For loops over many rows: resolve a column's name once (`auto score = rows[0].col("score")`)
  // and read each row with `r.at(score)` / `r.int_at(score)`. Still by name: a column added to
  // the SELECT shifts nothing.
  struct Col {
    size_t i;
  };
  Col col(std::string_view name) const { return {index(name)}; }
  const std::optional<std::string>& at(Col c) const { return cols.at(c.i); }
  std::optional<int64_t> int_at(Col c) const {
    const auto& v = cols.at(c.i);
    return v ? std::optional<int64_t>(std::stoll(*v)) : std::nullopt;
  }

  // Positional reads, being retired (tests/unit/layers_test counts them down to zero).
  bool is_null(size_t i) const { return !cols.at(i); }
  const std::string& str(size_t i) const;  // throws if null
  std::optional<std::string> opt(size_t i) const { return cols.at(i); }
  int64_t i64(size_t i) const;
  std::optional<int64_t> opt_i64(size_t i) const;
  bool boolean(size_t i) const { return i64(i) != 0; }
  bool is_null(int i) const { return is_null(static_cast<size_t>(i)); }
  const std::string& str(int i) const { return str(static_cast<size_t>(i)); }
  std::optional<std::string> opt(int i) const { return opt(static_cast<size_t>(i)); }
  int64_t i64(int i) const { return i64(static_cast<size_t>(i)); }
  std::optional<int64_t> opt_i64(int i) const { return opt_i64(static_cast<size_t>(i)); }
  bool boolean(int i) const { return boolean(static_cast<size_t>(i)); }
};

// Thrown for I/O failures and constraint violations; the service layer turns the expected ones
// (unique violations) into Error values.
struct DbError : std::runtime_error {
  enum class Kind { other, unique, busy, connection };
  Kind kind;
  std::string column;  // for unique violations: the column that collided, when known
  DbError(Kind k, const std::string& m, std::string col = "") : std::runtime_error(m), kind(k), column(std::move(col)) {}
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;
  // Which database this connection reaches (the SQLite file or the PostgreSQL URL): process-wide
  // caches key on it, since one process may open several databases (tests, tools).
  const std::string& source() const { return source_; }
  // False once the connection is broken; the pool then drops it instead of reusing it.
  virtual bool healthy() const { return true; }
  // SQLite: the write-ahead log's file name (absolute), so that a caller committing with
  // synchronous=NORMAL can make its commits durable itself (fdatasync). Empty otherwise.
  virtual std::string wal_file() const { return {}; }
  // Runs one or more statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  virtual std::vector<Row> query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual int64_t execute(std::string_view sql, const Params& params = {}) = 0;
  std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }
  // The first column of the first row as an integer (0 when there is none or it is NULL).
  int64_t scalar(std::string_view sql, const Params& params = {}) {
    auto r = query_one(sql, params);
    return r && !r->is_null(0) ? r->i64(0) : 0;
  }
  // Throws DbError when the database does not answer (the health check).
  void ping() { scalar("SELECT 1"); }

 protected:
  std::string source_;
};

class Database;

// A pooled connection, returned to the pool when destroyed.
class Lease {
 public:
  Lease(Database* db, std::unique_ptr<Connection> c) : db_(db), conn_(std::move(c)) {}
  Lease(Lease&&) = default;
  ~Lease();
  Connection& operator*() { return *conn_; }
  Connection* operator->() { return conn_.get(); }

 private:
  Database* db_;
  std::unique_ptr<Connection> conn_;
};

class Database {
 public:
  // `url` is a file path (SQLite) or postgresql://... ; opens, then applies pending migrations.
  static std::unique_ptr<Database> open(const std::string& url, int pool_size = 8);
  virtual ~Database() = default;
  virtual Backend backend() const = 0;
  std::string_view backend_name() const { return backend() == Backend::sqlite ? "sqlite" : "postgresql"; }
  Lease acquire();
  void release(std::unique_ptr<Connection> c);
  // A connection outside the pool, for a long-lived owner whose settings differ from the pool's
  // (the intake writer): it never goes back to the pool.
  std::unique_ptr<Connection> dedicated() { return connect(); }

 protected:
  virtual std::unique_ptr<Connection> connect() = 0;

 private:
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t max_idle_ = 8;
  friend std::unique_ptr<Database> open_database(const std::string&, int);
  struct Sync;
  std::shared_ptr<Sync> sync_;
};

// One use case, one transaction: rolls back unless commit() was called.
class Tx {
 public:
  explicit Tx(Connection& c, bool write = true);
  ~Tx();
  void commit();
  Connection& conn() { return c_; }
  Connection* operator->() { return &c_; }

 private:
  Connection& c_;
  bool done_ = false;
};

// Refreshes the query planner's statistics after bulk writes (ANALYZE / PRAGMA optimize).
void refresh_statistics(Connection& c, const std::vector<std::string>& tables);

// Applies numbered migrations not yet recorded in schema_migrations; returns how many ran.
int migrate(Connection& c);

std::unique_ptr<Connection> connect_sqlite(const std::string& path);
std::unique_ptr<Connection> connect_postgres(const std::string& url);

}  // namespace servq::store
