// A fresh database per test, on each backend: tests of the repositories are written once as
// TEST_P(StoreTest, ...) and run on SQLite (a scratch file) and on PostgreSQL (a scratch
// database created in the cluster that ctest's store_pg_start fixture starts; its URL is read
// from $SERVQ_TEST_PG_URL, or from the file named by $SERVQ_TEST_PG_URL_FILE).
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "store/database.h"

namespace servq::store {
inline void PrintTo(Backend b, std::ostream* os) { *os << (b == Backend::sqlite ? "sqlite" : "postgresql"); }
}  // namespace servq::store

namespace servq::testing {

class StoreTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;
  store::Database& db() { return *db_; }
  store::Backend backend() const { return GetParam(); }

 private:
  std::unique_ptr<store::Database> db_;
  std::string sqlite_dir_, pg_admin_url_, pg_name_;
};

std::string backend_name(const ::testing::TestParamInfo<store::Backend>& info);

}  // namespace servq::testing

#define SERVQ_STORE_TEST_SUITE(Suite)                                                                          \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                                    \
                           ::testing::Values(servq::store::Backend::sqlite, servq::store::Backend::postgresql), \
                           servq::testing::backend_name)
