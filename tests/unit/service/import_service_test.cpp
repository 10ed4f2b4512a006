// Import use cases against a real SQLite file: all or nothing, idempotent by external_id.
#include "service/import_service.h"
#include "scratch_db.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace servq;
using servq::test_support::ScratchDb;

namespace {
const std::string kHeader = "external_id,name,phone,category,referred_by\n";
}  // namespace

TEST(ImportCustomers, OneBadLineStoresNothingAndNamesLineAndField) {
  ScratchDb s("imp1");
  std::string csv = kHeader;
  for (int i = 1; i <= 500; ++i) {
    // appended piecewise: GCC 12 warns (-Wrestrict, a false positive) on "K" + to_string(...)
    std::string n = std::to_string(i);
    csv += 'K';
    csv += n + ",Khách " + n + ",09" + std::to_string(10000000 + i) + "," + (i == 321 ? "vip" : "first_time") + ",\n";
  }
  auto r = service::import_customers(*s.db, service::system_actor(), csv, false);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].line, 322u);  // header is line 1
  EXPECT_EQ(r->errors[0].field, "category");
  EXPECT_EQ(s.count("customers"), 0);
}

TEST(ImportCustomers, SameFileTwiceAddsRowsOnce) {
  ScratchDb s("imp2");
  std::string csv = kHeader + "K1,An,0912345678,long_term,\nK2,Bình,0912345679,referred,K1\n";
  auto first = service::import_customers(*s.db, service::system_actor(), csv, false);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->report["created"], 2);
  auto second = service::import_customers(*s.db, service::system_actor(), csv, false);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->report["created"], 0);
  EXPECT_EQ(second->report["unchanged"], 2);
  EXPECT_EQ(s.count("customers"), 2);
  // The referral inside the file was linked.
  EXPECT_EQ(s.db->acquire()->scalar(
                "SELECT COUNT(*) FROM customers c JOIN customers r ON r.id = c.referred_by_id WHERE r.external_id = 'K1'"),
            1);
}

TEST(ImportCustomers, PhoneOwnedByAnotherStoredCustomerIsAnError) {
  ScratchDb s("imp3");
  ASSERT_TRUE(service::import_customers(*s.db, service::system_actor(), kHeader + "K1,An,0912345678,,\n", false).ok());
  auto r = service::import_customers(*s.db, service::system_actor(), kHeader + "K9,Chi,+84912345678,,\n", false);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].field, "phone");
  EXPECT_EQ(s.count("customers"), 1);
}

TEST(ImportCustomers, DryRunValidatesWithoutStoring) {
  ScratchDb s("imp4");
  auto r = service::import_customers(*s.db, service::system_actor(), kHeader + "K1,An,0912345678,,\n", true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->report["created"], 1);
  EXPECT_EQ(s.count("customers"), 0);
}

TEST(ImportCustomers, ForbiddenForHeads) {
  ScratchDb s("imp5");
  Actor head;
  head.role = Role::head;
  head.unit_path = "/1/";
  auto r = service::import_customers(*s.db, head, kHeader, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().status, 403);
}

TEST(ImportCustomers, ChangedRowsAreUpdatedAndCounted) {
  ScratchDb s("imp6");
  ASSERT_TRUE(service::import_customers(*s.db, service::system_actor(), kHeader + "K1,An,0912345678,,\nK2,Bình,0912345679,,\n", false).ok());
  auto r = service::import_customers(*s.db, service::system_actor(), kHeader + "K1,An Nguyễn,0912345678,long_term,\nK2,Bình,0912345679,,\n", false);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->errors.empty());
  EXPECT_EQ(r->report["created"], 0);
  EXPECT_EQ(r->report["updated"], 1);
  EXPECT_EQ(r->report["unchanged"], 1);
  auto row = s.db->acquire()->query_one("SELECT name, category FROM customers WHERE external_id = 'K1'");
  EXPECT_EQ(row->str(0), "An Nguyễn");
  EXPECT_EQ(row->str(1), "long_term");
}
