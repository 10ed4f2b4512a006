// The org repositories (units, staff, customers, encounters) on both backends: each function
// against a small organisation — hospital H with departments A and B — and the unit scope applied
// in SQL: a head of A sees A's records only, a staff member their own, a scope of none nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "store/org/customers_repo.h"
#include "store/org/encounters_repo.h"
#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"
#include "store_test_db.h"

using namespace servq;
using namespace servq::store::org;
using servq::store::Connection;
using servq::testing::StoreTest;

namespace {

constexpr const char* kNow = "2026-03-01T00:00:00Z";

UnitScope scope_of(Role role, const std::string& unit_path = "", std::optional<int64_t> staff_id = std::nullopt) {
  Actor a;
  a.user_id = 1;
  a.role = role;
  a.unit_path = unit_path;
  a.staff_id = staff_id;
  return UnitScope::of(a);
}

// H (/h/) with A and B under it; staff SA in A and SB in B; customers: C1 visited A (SA),
// C2 visited B (SB), C3 registered by A without a visit.
struct Org {
  int64_t h = 0, a = 0, b = 0, sa = 0, sb = 0, c1 = 0, c2 = 0, c3 = 0, e1 = 0, e2 = 0, e3 = 0;
  std::string h_path, a_path, b_path;

  explicit Org(Connection& c) {
    h = insert_unit(c, {"H", "Bệnh viện", std::nullopt, std::nullopt, "h benh vien"}, "/", kNow);
    h_path = *unit_path(c, h);
    a = insert_unit(c, {"A", "Khoa Nội", h, std::nullopt, "a khoa noi"}, h_path, kNow);
    b = insert_unit(c, {"B", "Khoa Ngoại", h, std::nullopt, "b khoa ngoai"}, h_path, kNow);
    a_path = *unit_path(c, a);
    b_path = *unit_path(c, b);
    sa = insert_staff(c, {"SA", "Lan", "Nurse", a, true, "sa lan nurse"}, kNow);
    sb = insert_staff(c, {"SB", "Minh", "Doctor", b, true, "sb minh doctor"}, kNow);
    c1 = insert_customer(c, customer("X1", "An", "+84901000001", "long_term"), kNow);
    c2 = insert_customer(c, customer("X2", "Bình", "+84901000002", "first_time"), kNow);
    auto third = customer("X3", "Chi", "0901000003", "first_time");
    third.home_unit_id = a;
    c3 = insert_customer(c, third, kNow);
    e1 = insert_encounter(c, encounter("E1", c1, a, sa, "Khám tổng quát", "2026-01-10T02:00:00Z", 100000), kNow);
    e2 = insert_encounter(c, encounter("E2", c2, b, sb, "Tiểu phẫu", "2026-02-10T02:00:00Z", 500000), kNow);
    e3 = insert_encounter(c, encounter("", c1, a, std::nullopt, "Tái khám", "2026-02-20T02:00:00Z", 0), kNow);
  }

  static CustomerFields customer(const std::string& ext, const std::string& name, const std::string& phone,
                                 const std::string& category) {
    CustomerFields f;
    if (!ext.empty()) f.external_id = ext;
    f.name = name;
    f.phone = phone;
    f.category = category;
    f.consent_survey = true;
    f.search = name + " " + ext + " " + phone;
    for (auto& ch : f.search) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));  // ASCII only
    return f;
  }
  static EncounterFields encounter(const std::string& ext, int64_t customer, int64_t unit, std::optional<int64_t> staff,
                                   const std::string& service, const std::string& at, int64_t amount) {
    EncounterFields f;
    if (!ext.empty()) f.external_id = ext;
    f.customer_id = customer;
    f.unit_id = unit;
    f.staff_id = staff;
    f.service = service;
    f.started_at = at;
    f.amount = amount;
    f.converted = amount > 0;
    return f;
  }
};

void expect_unique_violation(const std::function<void()>& write) {
  try {
    write();
    ADD_FAILURE() << "expected a unique violation";
  } catch (const store::DbError& e) {
    EXPECT_EQ(e.kind, store::DbError::Kind::unique) << e.what();
  }
}

// ---- units ----

class UnitsRepo : public StoreTest {};
SERVQ_STORE_TEST_SUITE(UnitsRepo);

TEST_P(UnitsRepo, InsertsWithPathsAndFindsByIdAndCode) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  EXPECT_EQ(o.h_path, "/" + std::to_string(o.h) + "/");
  EXPECT_EQ(o.a_path, o.h_path + std::to_string(o.a) + "/");
  auto a = find_unit_by_code(c, "A");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->id, o.a);
  EXPECT_EQ(a->name, "Khoa Nội");
  EXPECT_EQ(a->parent_id, o.h);
  EXPECT_FALSE(a->head_staff_id.has_value());
  EXPECT_FALSE(a->head_code.has_value());
  EXPECT_EQ(find_unit(c, o.b)->code, "B");
  EXPECT_FALSE(find_unit_by_code(c, "Z"));
  EXPECT_FALSE(find_unit(c, 999999));
  EXPECT_FALSE(unit_path(c, 999999));

  auto all = list_units(c);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].code, "H");  // by path: the root first
  auto ids = unit_ids_by_code(c);
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids.at("B"), o.b);
  expect_unique_violation([&] { insert_unit(c, {"A", "again", std::nullopt, std::nullopt, "a"}, "/", kNow); });
}

TEST_P(UnitsRepo, UpdatesNameAndHeadAndMovesASubtree) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  int64_t a1 = insert_unit(c, {"A1", "Phòng 1", o.a, std::nullopt, "a1"}, o.a_path, kNow);
  update_unit(c, o.a, {"A", "Khoa Nội tổng hợp", o.h, o.sa, "a khoa noi tong hop"}, "2026-03-02T00:00:00Z");
  auto a = find_unit(c, o.a);
  EXPECT_EQ(a->name, "Khoa Nội tổng hợp");
  EXPECT_EQ(a->head_staff_id, o.sa);
  EXPECT_EQ(a->head_code, "SA");

  // A (with A1) moves under B: both paths follow.
  std::string new_path = o.b_path + std::to_string(o.a) + "/";
  move_unit(c, o.a, o.a_path, new_path, o.b);
  EXPECT_EQ(*unit_path(c, o.a), new_path);
  EXPECT_EQ(*unit_path(c, a1), new_path + std::to_string(a1) + "/");
  EXPECT_EQ(find_unit(c, o.a)->parent_id, o.b);
  EXPECT_EQ(*unit_path(c, o.b), o.b_path);  // untouched
  // Back to the root: no parent.
  move_unit(c, o.a, new_path, "/" + std::to_string(o.a) + "/", std::nullopt);
  EXPECT_FALSE(find_unit(c, o.a)->parent_id.has_value());
  EXPECT_EQ(*unit_path(c, a1), "/" + std::to_string(o.a) + "/" + std::to_string(a1) + "/");
}

TEST_P(UnitsRepo, CountsTheUnitsTheScopeReaches) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  EXPECT_EQ(count_units(c, scope_of(Role::admin)), 3);
  EXPECT_EQ(count_units(c, scope_of(Role::head, o.h_path)), 3);
  EXPECT_EQ(count_units(c, scope_of(Role::head, o.a_path)), 1);
  EXPECT_EQ(count_units(c, scope_of(Role::staff, o.b_path, o.sb)), 1);  // figures of their unit
  EXPECT_EQ(count_units(c, scope_of(Role::head)), 0);                   // a head without a unit
}

// ---- staff ----

class StaffRepo : public StoreTest {};
SERVQ_STORE_TEST_SUITE(StaffRepo);

TEST_P(StaffRepo, FindsByIdAndCodeWithTheirUnit) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  auto s = find_staff(c, o.sa);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->employee_code, "SA");
  EXPECT_EQ(s->name, "Lan");
  EXPECT_EQ(s->title, "Nurse");
  EXPECT_TRUE(s->active);
  EXPECT_EQ(s->unit_id, o.a);
  EXPECT_EQ(s->unit_code, "A");
  EXPECT_EQ(s->unit_path, o.a_path);
  EXPECT_EQ(find_staff_by_code(c, "SB")->id, o.sb);
  EXPECT_FALSE(find_staff_by_code(c, "SZ"));
  EXPECT_FALSE(find_staff(c, 999999));
  auto ids = staff_ids_by_code(c);
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids.at("SA"), o.sa);
  expect_unique_violation([&] { insert_staff(c, {"SA", "Other", "", o.b, true, "sa"}, kNow); });
}

TEST_P(StaffRepo, ListsWithFiltersPagingAndScope) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  insert_staff(c, {"SC", "Quang", "", o.a, false, "sc quang"}, kNow);
  auto all = list_staff(c, scope_of(Role::admin), {}, {1, 2});
  EXPECT_EQ(all.total, 3);
  ASSERT_EQ(all.items.size(), 2u);
  EXPECT_EQ(all.items[0].employee_code, "SA");  // by employee code
  EXPECT_EQ(all.items[1].employee_code, "SB");
  auto second = list_staff(c, scope_of(Role::admin), {}, {2, 2});
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].employee_code, "SC");

  StaffFilter in_a;
  in_a.unit_path = o.a_path;
  EXPECT_EQ(list_staff(c, scope_of(Role::admin), in_a, {1, 50}).total, 2);
  StaffFilter in_h;
  in_h.unit_path = o.h_path;  // the subtree
  EXPECT_EQ(list_staff(c, scope_of(Role::admin), in_h, {1, 50}).total, 3);
  StaffFilter inactive;
  inactive.active = false;
  auto off = list_staff(c, scope_of(Role::admin), inactive, {1, 50});
  ASSERT_EQ(off.total, 1);
  EXPECT_EQ(off.items[0].employee_code, "SC");
  StaffFilter text;
  text.search = "%minh%";
  auto found = list_staff(c, scope_of(Role::admin), text, {1, 50});
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items[0].id, o.sb);

  auto head_a = list_staff(c, scope_of(Role::head, o.a_path), {}, {1, 50});
  EXPECT_EQ(head_a.total, 2);
  for (const auto& s : head_a.items) EXPECT_EQ(s.unit_id, o.a);
  EXPECT_EQ(list_staff(c, scope_of(Role::head, o.a_path), in_h, {1, 50}).total, 2);  // filter within scope
  EXPECT_EQ(list_staff(c, scope_of(Role::staff, o.b_path, o.sb), {}, {1, 50}).total, 1);
  EXPECT_EQ(list_staff(c, scope_of(Role::head), {}, {1, 50}).total, 0);
  EXPECT_EQ(count_staff(c, scope_of(Role::admin)), 3);
  EXPECT_EQ(count_staff(c, scope_of(Role::head, o.b_path)), 1);
  EXPECT_EQ(count_staff(c, scope_of(Role::head)), 0);
}

TEST_P(StaffRepo, UpdatesEverythingButTheCode) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  update_staff(c, o.sa, {"ignored", "Lan Anh", "Head nurse", o.b, false, "sa lan anh"}, "2026-03-02T00:00:00Z");
  auto s = find_staff(c, o.sa);
  EXPECT_EQ(s->employee_code, "SA");
  EXPECT_EQ(s->name, "Lan Anh");
  EXPECT_EQ(s->title, "Head nurse");
  EXPECT_FALSE(s->active);
  EXPECT_EQ(s->unit_code, "B");
  StaffFilter text;
  text.search = "%lan anh%";
  EXPECT_EQ(list_staff(c, scope_of(Role::admin), text, {1, 50}).total, 1);
}

// ---- customers ----

class CustomersRepo : public StoreTest {};
SERVQ_STORE_TEST_SUITE(CustomersRepo);

TEST_P(CustomersRepo, FindsWithReferrerAndVisits) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  auto f = Org::customer("X4", "Dũng", "+84901000004", "referred");
  f.referred_by_id = o.c1;
  f.email = "dung@example.vn";
  f.tier = "gold";
  f.consent_contact = true;
  int64_t id = insert_customer(c, f, kNow);
  auto d = find_customer(c, id);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->external_id, "X4");
  EXPECT_EQ(d->name, "Dũng");
  EXPECT_EQ(d->phone, "+84901000004");
  EXPECT_EQ(d->email, "dung@example.vn");
  EXPECT_FALSE(d->address.has_value());
  EXPECT_EQ(d->category, "referred");
  EXPECT_EQ(d->referred_by_id, o.c1);
  EXPECT_EQ(d->referred_by, "X1");
  EXPECT_EQ(d->tier, "gold");
  EXPECT_TRUE(d->consent_contact);
  EXPECT_TRUE(d->consent_survey);
  EXPECT_FALSE(d->first_visit.has_value());
  auto c1 = find_customer(c, o.c1);
  EXPECT_EQ(c1->first_visit, "2026-01-10T02:00:00Z");
  EXPECT_EQ(c1->last_visit, "2026-02-20T02:00:00Z");
  EXPECT_FALSE(find_customer(c, 999999));
}

TEST_P(CustomersRepo, ListsNewestFirstWithFiltersAndPaging) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  auto all = list_customers(c, scope_of(Role::admin), {}, {1, 2});
  EXPECT_EQ(all.total, 3);
  ASSERT_EQ(all.items.size(), 2u);
  EXPECT_EQ(all.items[0].id, o.c3);
  EXPECT_EQ(all.items[1].id, o.c2);
  auto last = list_customers(c, scope_of(Role::admin), {}, {2, 2});
  ASSERT_EQ(last.items.size(), 1u);
  EXPECT_EQ(last.items[0].id, o.c1);

  CustomerFilter cat;
  cat.category = "first_time";
  EXPECT_EQ(list_customers(c, scope_of(Role::admin), cat, {1, 50}).total, 2);
  CustomerFilter text;
  text.search = "%bình%";
  auto found = list_customers(c, scope_of(Role::admin), text, {1, 50});
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items[0].id, o.c2);
  CustomerFilter ext;
  ext.external_id = "X3";
  EXPECT_EQ(list_customers(c, scope_of(Role::admin), ext, {1, 50}).items.at(0).id, o.c3);

  auto by_cat = customers_by_category(c, scope_of(Role::admin));
  ASSERT_EQ(by_cat.size(), 2u);
  EXPECT_EQ(by_cat[0].category, "first_time");
  EXPECT_EQ(by_cat[0].count, 2);
  EXPECT_EQ(by_cat[1].category, "long_term");
  EXPECT_EQ(by_cat[1].count, 1);
}

TEST_P(CustomersRepo, ScopeReachesVisitorsAndRegistrationsOfTheSubtreeAndOwnEncounters) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  auto ids = [&](const UnitScope& s) {
    std::vector<int64_t> out;
    for (auto& x : list_customers(c, s, {}, {1, 50}).items) out.push_back(x.id);
    return out;
  };
  EXPECT_EQ(ids(scope_of(Role::head, o.a_path)), (std::vector<int64_t>{o.c3, o.c1}));  // registered, visited
  EXPECT_EQ(ids(scope_of(Role::head, o.b_path)), (std::vector<int64_t>{o.c2}));
  EXPECT_EQ(ids(scope_of(Role::head, o.h_path)).size(), 3u);
  EXPECT_EQ(ids(scope_of(Role::staff, o.b_path, o.sb)), (std::vector<int64_t>{o.c2}));
  EXPECT_TRUE(ids(scope_of(Role::staff, o.a_path)).empty());  // no staff record
  EXPECT_TRUE(ids(scope_of(Role::head)).empty());

  auto head_b = scope_of(Role::head, o.b_path);
  EXPECT_EQ(count_customers(c, head_b), 1);
  EXPECT_EQ(count_customers(c, scope_of(Role::head)), 0);
  EXPECT_FALSE(find_visible_customer(c, head_b, o.c1));
  EXPECT_EQ(find_visible_customer(c, head_b, o.c2)->name, "Bình");
  EXPECT_EQ(visible_customer_id(c, head_b, o.c2), o.c2);
  EXPECT_FALSE(visible_customer_id(c, head_b, o.c3));
  EXPECT_EQ(visible_customer_id_by_phone(c, head_b, "+84901000002"), o.c2);
  EXPECT_FALSE(visible_customer_id_by_phone(c, head_b, "+84901000001"));
  EXPECT_EQ(visible_customer_id_by_phone(c, scope_of(Role::admin), "+84901000001"), o.c1);
  auto by_cat = customers_by_category(c, head_b);
  ASSERT_EQ(by_cat.size(), 1u);
  EXPECT_EQ(by_cat[0].category, "first_time");
}

TEST_P(CustomersRepo, FindsHoldersOfUniqueKeysAndRefusesDuplicates) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  EXPECT_EQ(customer_id_by(c, CustomerKey::external_id, "X2"), o.c2);
  EXPECT_EQ(customer_id_by(c, CustomerKey::phone, "+84901000001"), o.c1);
  EXPECT_FALSE(customer_id_by(c, CustomerKey::phone, "+84901000001", o.c1));  // itself excepted
  EXPECT_FALSE(customer_id_by(c, CustomerKey::email, "none@example.vn"));
  expect_unique_violation([&] { insert_customer(c, Org::customer("X9", "Dup", "+84901000001", "first_time"), kNow); });
  expect_unique_violation([&] { insert_customer(c, Org::customer("X1", "Dup", "+84901000009", "first_time"), kNow); });
}

TEST_P(CustomersRepo, UpdatesMovesRecordsAndDeletes) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  auto f = Org::customer("X3", "Chi Mai", "+84901000003", "long_term");
  f.referred_by_id = o.c2;
  f.address = "Hà Nội";
  update_customer(c, o.c3, f, "2026-03-02T00:00:00Z");
  auto c3 = find_customer(c, o.c3);
  EXPECT_EQ(c3->name, "Chi Mai");
  EXPECT_EQ(c3->phone, "+84901000003");
  EXPECT_EQ(c3->address, "Hà Nội");
  EXPECT_EQ(c3->referred_by, "X2");
  // The home unit stays: A's head still reaches C3.
  EXPECT_TRUE(visible_customer_id(c, scope_of(Role::head, o.a_path), o.c3));

  auto h = find_customer_holdings(c, o.c1);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->name, "An");
  EXPECT_EQ(h->created_at, kNow);
  EXPECT_EQ(h->encounters, 2);
  EXPECT_EQ(h->feedback, 0);
  EXPECT_EQ(h->responses, 0);
  EXPECT_FALSE(find_customer_holdings(c, 999999));

  auto moved = move_customer_records(c, o.c2, o.c1);  // C2's encounter and its referral of C3
  EXPECT_EQ(moved.encounters, 1);
  EXPECT_EQ(moved.referrals, 1);
  EXPECT_EQ(moved.feedback, 0);
  EXPECT_EQ(moved.invitations, 0);
  EXPECT_EQ(moved.responses, 0);
  EXPECT_EQ(find_customer_holdings(c, o.c1)->encounters, 3);
  EXPECT_EQ(find_customer(c, o.c3)->referred_by_id, o.c1);
  delete_customer(c, o.c2);
  EXPECT_FALSE(find_customer(c, o.c2));
}

TEST_P(CustomersRepo, ImportReadsAndWritesByExternalId) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  insert_customer(c, Org::customer("", "No id", "0901000005", "first_time"), kNow);
  auto old = phones_not_e164(c, 0, 10);
  ASSERT_EQ(old.size(), 2u);
  EXPECT_EQ(old[0], (std::pair<int64_t, std::string>{o.c3, "0901000003"}));
  EXPECT_EQ(old[1].second, "0901000005");
  EXPECT_EQ(phones_not_e164(c, o.c3, 10).size(), 1u);
  EXPECT_EQ(phones_not_e164(c, 0, 1).size(), 1u);

  auto records = all_customer_records(c);
  EXPECT_EQ(records.size(), 4u);
  EXPECT_EQ(customer_phones(c).size(), 4u);

  auto f = Org::customer("X2", "Bình Minh", "+84901000022", "long_term");
  update_customer_by_external_id(c, f, "2026-03-02T00:00:00Z");
  EXPECT_EQ(find_customer(c, o.c2)->name, "Bình Minh");
  EXPECT_EQ(find_customer(c, o.c2)->phone, "+84901000022");

  CustomerWriter w(c);
  for (int i = 0; i < 450; ++i) {  // more than one batch
    auto n = Org::customer("N" + std::to_string(i), "New " + std::to_string(i), "+849020" + std::to_string(10000 + i),
                           "first_time");
    w.add(n, kNow);
  }
  w.flush();
  EXPECT_EQ(count_customers(c, scope_of(Role::admin)), 454);
  auto n7 = customer_id_by(c, CustomerKey::external_id, "N7");
  ASSERT_TRUE(n7);
  EXPECT_EQ(find_customer(c, *n7)->phone, "+84902010007");
  set_referrer_by_external_id(c, "N7", std::string("X1"));
  EXPECT_EQ(find_customer(c, *n7)->referred_by_id, o.c1);
  set_referrer_by_external_id(c, "N7", std::nullopt);
  EXPECT_FALSE(find_customer(c, *n7)->referred_by_id.has_value());
}

// ---- encounters ----

class EncountersRepo : public StoreTest {};
SERVQ_STORE_TEST_SUITE(EncountersRepo);

TEST_P(EncountersRepo, FindsWithCustomerUnitAndStaff) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  auto e = find_encounter(c, o.e1);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->external_id, "E1");
  EXPECT_EQ(e->customer_id, o.c1);
  EXPECT_EQ(e->customer_name, "An");
  EXPECT_EQ(e->unit_id, o.a);
  EXPECT_EQ(e->unit_code, "A");
  EXPECT_EQ(e->unit_path, o.a_path);
  EXPECT_EQ(e->staff_id, o.sa);
  EXPECT_EQ(e->staff_code, "SA");
  EXPECT_EQ(e->service, "Khám tổng quát");
  EXPECT_EQ(e->started_at, "2026-01-10T02:00:00Z");
  EXPECT_EQ(e->amount, 100000);
  EXPECT_TRUE(e->converted);
  auto e3 = find_encounter(c, o.e3);
  EXPECT_FALSE(e3->external_id.has_value());
  EXPECT_FALSE(e3->staff_code.has_value());
  EXPECT_FALSE(find_encounter(c, 999999));
  EXPECT_EQ(encounter_id_by_external_id(c, "E2"), o.e2);
  EXPECT_FALSE(encounter_id_by_external_id(c, "E2", o.e2));
  expect_unique_violation([&] {
    insert_encounter(c, Org::encounter("E1", o.c2, o.b, std::nullopt, "x", "2026-01-01T00:00:00Z", 0), kNow);
  });
}

TEST_P(EncountersRepo, ListsNewestFirstWithFiltersAndPaging) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  auto admin = scope_of(Role::admin);
  auto first = list_encounters(c, admin, {}, {1, 2});
  EXPECT_EQ(first.total, 3);
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].id, o.e3);
  EXPECT_EQ(first.items[1].id, o.e2);
  EXPECT_EQ(list_encounters(c, admin, {}, {2, 2}).items.at(0).id, o.e1);

  auto total = [&](const EncounterFilter& f) { return list_encounters(c, admin, f, {1, 50}).total; };
  EncounterFilter f;
  f.unit_path = o.a_path;
  EXPECT_EQ(total(f), 2);
  f = {};
  f.unit_path = o.h_path;
  EXPECT_EQ(total(f), 3);
  f = {};
  f.staff_code = "SB";
  EXPECT_EQ(total(f), 1);
  f = {};
  f.customer_id = o.c1;
  EXPECT_EQ(total(f), 2);
  f = {};
  f.from = "2026-02-10T02:00:00Z";  // inclusive
  EXPECT_EQ(total(f), 2);
  f.to = "2026-02-20T02:00:00Z";  // exclusive
  EXPECT_EQ(total(f), 1);
  f = {};
  f.text = "E2";  // the external id
  EXPECT_EQ(total(f), 1);
  f.text = "tái";  // part of the service
  EXPECT_EQ(list_encounters(c, admin, f, {1, 50}).items.at(0).id, o.e3);
}

TEST_P(EncountersRepo, ScopeReachesTheSubtreeOrOwnEncounters) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  auto head_a = scope_of(Role::head, o.a_path);
  auto a = list_encounters(c, head_a, {}, {1, 50});
  EXPECT_EQ(a.total, 2);
  for (const auto& e : a.items) EXPECT_EQ(e.unit_id, o.a);
  auto own = scope_of(Role::staff, o.a_path, o.sa);
  auto mine = list_encounters(c, own, {}, {1, 50});
  ASSERT_EQ(mine.total, 1);  // not e3, which nobody served
  EXPECT_EQ(mine.items[0].id, o.e1);
  EXPECT_EQ(list_encounters(c, scope_of(Role::staff, o.a_path), {}, {1, 50}).total, 0);
  EXPECT_EQ(list_encounters(c, scope_of(Role::head), {}, {1, 50}).total, 0);
  EXPECT_TRUE(find_visible_encounter(c, head_a, o.e1));
  EXPECT_FALSE(find_visible_encounter(c, head_a, o.e2));
  EXPECT_FALSE(find_visible_encounter(c, own, o.e3));
  EXPECT_EQ(count_encounters(c, scope_of(Role::admin)), 3);
  EXPECT_EQ(count_encounters(c, head_a), 2);
  EXPECT_EQ(count_encounters(c, own), 1);
  EXPECT_EQ(count_encounters(c, scope_of(Role::head)), 0);
}

TEST_P(EncountersRepo, TotalsPerBucketWithinTheScope) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  const size_t month = 7;  // "2026-01": buckets of the first 7 characters
  auto totals = encounter_totals(c, scope_of(Role::admin), month);
  std::sort(totals.begin(), totals.end(), [](auto& x, auto& y) { return x.bucket < y.bucket; });
  ASSERT_EQ(totals.size(), 2u);
  EXPECT_EQ(totals[0].bucket, "2026-01");
  EXPECT_EQ(totals[0].count, 1);
  EXPECT_EQ(totals[0].amount, 100000);
  EXPECT_EQ(totals[1].bucket, "2026-02");
  EXPECT_EQ(totals[1].count, 2);
  EXPECT_EQ(totals[1].amount, 500000);
  auto b = encounter_totals(c, scope_of(Role::head, o.b_path), month);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].amount, 500000);
  EXPECT_TRUE(encounter_totals(c, scope_of(Role::head), month).empty());
}

TEST_P(EncountersRepo, UpdatesByIdAndByExternalIdAndWritesInBatches) {
  auto lease = db().acquire();
  auto& c = *lease;
  Org o(c);
  auto f = Org::encounter("E1b", o.c2, o.b, o.sb, "Nội soi", "2026-01-11T03:00:00Z", 250000);
  update_encounter(c, o.e1, f);
  auto e = find_encounter(c, o.e1);
  EXPECT_EQ(e->external_id, "E1b");
  EXPECT_EQ(e->customer_id, o.c2);
  EXPECT_EQ(e->unit_code, "B");
  EXPECT_EQ(e->staff_code, "SB");
  EXPECT_EQ(e->service, "Nội soi");
  EXPECT_EQ(e->amount, 250000);

  auto stored = encounters_with_external_id(c);
  ASSERT_EQ(stored.size(), 2u);  // e3 has none
  auto g = Org::encounter("E2", o.c1, o.a, std::nullopt, "Tiểu phẫu lại", "2026-02-11T02:00:00Z", 0);
  update_encounter_by_external_id(c, g);
  auto e2 = find_encounter(c, o.e2);
  EXPECT_EQ(e2->customer_id, o.c1);
  EXPECT_FALSE(e2->staff_id.has_value());
  EXPECT_EQ(e2->started_at, "2026-02-11T02:00:00Z");
  EXPECT_FALSE(e2->converted);

  EncounterWriter w(c);
  for (int i = 0; i < 401; ++i)
    w.add(Org::encounter("B" + std::to_string(i), o.c3, o.a, o.sa, "Lô", "2026-03-01T01:00:00Z", i), kNow);
  w.flush();
  EXPECT_EQ(count_encounters(c, scope_of(Role::admin)), 404);
  auto b400 = encounter_id_by_external_id(c, "B400");
  ASSERT_TRUE(b400);
  EXPECT_EQ(find_encounter(c, *b400)->amount, 400);
}

}  // namespace
