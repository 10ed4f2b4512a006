// PostgreSQL backend over libpq. Our SQL uses `?` placeholders; they are rewritten to $1..$n
// (our statements never contain a literal question mark). Values are sent and read as text.
#include <libpq-fe.h>

#include <cstring>

#include "store/database.h"

namespace servq::store {
namespace {

std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (char c : sql) {
    if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

class PgConnection : public Connection {
 public:
  explicit PgConnection(const std::string& url) {
    source_ = url;
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw DbError(DbError::Kind::connection, "cannot connect to PostgreSQL: " + msg);
    }
    PQclear(PQexec(conn_, "SET client_min_messages = warning"));
  }
  ~PgConnection() override { PQfinish(conn_); }
  Backend backend() const override { return Backend::postgresql; }
  bool healthy() const override { return PQstatus(conn_) == CONNECTION_OK; }

  void exec_script(std::string_view sql) override {
    std::string s(sql);
    PGresult* r = PQexec(conn_, s.c_str());
    check(r);
    PQclear(r);
  }

  std::vector<Row> query(std::string_view sql, const Params& params) override {
    PGresult* r = run(sql, params);
    std::vector<Row> rows;
    int nr = PQntuples(r), nc = PQnfields(r);
    rows.reserve(nr);
    auto names = std::make_shared<std::vector<std::string>>();
    for (int j = 0; j < nc; ++j) {
      const char* name = PQfname(r, j);
      names->emplace_back(name ? name : "");
    }
    for (int i = 0; i < nr; ++i) {
      Row row;
      row.names = names;
      row.cols.reserve(nc);
      for (int j = 0; j < nc; ++j) {
        if (PQgetisnull(r, i, j))
          row.cols.emplace_back();
        else
          row.cols.emplace_back(std::string(PQgetvalue(r, i, j), PQgetlength(r, i, j)));
      }
      rows.push_back(std::move(row));
    }
    PQclear(r);
    return rows;
  }

  int64_t execute(std::string_view sql, const Params& params) override {
    PGresult* r = run(sql, params);
    const char* n = PQcmdTuples(r);
    int64_t changed = (n && *n) ? std::stoll(n) : 0;
    PQclear(r);
    return changed;
  }

 private:
  PGresult* run(std::string_view sql, const Params& params) {
    std::string q = number_placeholders(sql);
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        values[i] = nullptr;
      } else if (auto* n = std::get_if<int64_t>(&v)) {
        text[i] = std::to_string(*n);
        values[i] = text[i].c_str();
      } else {
        values[i] = std::get<std::string>(v).c_str();
      }
    }
    PGresult* r = PQexecParams(conn_, q.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                               nullptr, nullptr, 0);
    check(r);
    return r;
  }

  void check(PGresult* r) {
    auto st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return;
    // Only the primary message: PostgreSQL's DETAIL line can quote row values (customer data),
    // and these messages reach the log.
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string msg = primary ? primary : PQerrorMessage(conn_);
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string code = state ? state : "";
    std::string column;
    if (const char* cn = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : nullptr) {
      // Our unique constraints are PostgreSQL's defaults: <table>_<column>_key.
      std::string name = cn;
      const char* table = PQresultErrorField(r, PG_DIAG_TABLE_NAME);
      if (table && name.rfind(std::string(table) + "_", 0) == 0) name = name.substr(std::strlen(table) + 1);
      if (name.size() > 4 && name.substr(name.size() - 4) == "_key") name.resize(name.size() - 4);
      column = name;
    }
    PQclear(r);
    if (code == "23505") throw DbError(DbError::Kind::unique, msg, column);
    if (code == "40001" || code == "40P01") throw DbError(DbError::Kind::busy, msg);
    if (PQstatus(conn_) != CONNECTION_OK) throw DbError(DbError::Kind::connection, msg);
    throw DbError(DbError::Kind::other, msg);
  }

  PGconn* conn_ = nullptr;
};

}  // namespace

std::unique_ptr<Connection> connect_postgres(const std::string& url) {
  return std::make_unique<PgConnection>(url);
}

}  // namespace servq::store
