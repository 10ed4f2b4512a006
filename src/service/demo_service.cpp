#include "service/demo_service.h"

#include <map>
#include <random>

#include "core/text.h"
#include "core/time.h"
#include "service/auth_service.h"

namespace servq::service {
namespace {

using store::Tx;

struct DeptSpec {
  const char* code;
  const char* name;
  const char* branch;
  int staff;
  const char* services[4];
  int64_t price;  // typical amount in đồng
};

const DeptSpec kDepts[] = {
    {"KHOA-NOI", "Khoa Nội tổng quát", "CN1", 16, {"Khám nội tổng quát", "Tư vấn tim mạch", "Khám tiểu đường", "Tái khám nội"}, 350000},
    {"KHOA-NHI", "Khoa Nhi", "CN1", 12, {"Khám nhi", "Tiêm chủng", "Tư vấn dinh dưỡng", "Tái khám nhi"}, 300000},
    {"KHOA-SAN", "Khoa Sản phụ khoa", "CN1", 12, {"Khám thai", "Siêu âm thai", "Khám phụ khoa", "Tư vấn tiền sản"}, 450000},
    {"XET-NGHIEM", "Khoa Xét nghiệm", "CN1", 10, {"Xét nghiệm máu", "Xét nghiệm nước tiểu", "Gói xét nghiệm tổng quát", "Xét nghiệm nội tiết"}, 600000},
    {"LE-TAN-1", "Lễ tân - CSKH Hà Nội", "CN1", 8, {"Đăng ký khám", "Tư vấn gói dịch vụ", "Thanh toán", "Hẹn lịch"}, 0},
    {"DA-LIEU", "Khoa Da liễu - Thẩm mỹ", "CN2", 16, {"Điều trị mụn", "Trẻ hóa da", "Laser thẩm mỹ", "Chăm sóc da"}, 1500000},
    {"RHM", "Khoa Răng Hàm Mặt", "CN2", 14, {"Cạo vôi răng", "Trám răng", "Niềng răng", "Cấy ghép implant"}, 900000},
    {"KHOA-NGOAI", "Khoa Ngoại", "CN2", 12, {"Khám ngoại", "Tiểu phẫu", "Thay băng", "Tái khám ngoại"}, 500000},
    {"CDHA", "Chẩn đoán hình ảnh", "CN2", 10, {"Chụp X-quang", "Siêu âm tổng quát", "Chụp CT", "Nội soi"}, 800000},
    {"LE-TAN-2", "Lễ tân - CSKH TP.HCM", "CN2", 8, {"Đăng ký khám", "Tư vấn gói dịch vụ", "Thanh toán", "Hẹn lịch"}, 0},
};

const char* kFamily[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
const char* kMiddle[] = {"Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hữu", "Đức", "Thu", "Quốc", "Thị Kim", "Gia", "Bảo"};
const char* kGiven[] = {"An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh", "Lan",
                        "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến", "Đạt"};
const char* kZhFamily[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
const char* kZhGiven[] = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超"};
const char* kTitlesClinical[] = {"Bác sĩ", "Bác sĩ", "Điều dưỡng", "Điều dưỡng", "Điều dưỡng", "Kỹ thuật viên"};
const char* kStreets[] = {"Phố Huế", "Lê Duẩn", "Nguyễn Trãi", "Trần Hưng Đạo", "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Võ Văn Tần", "Hai Bà Trưng"};
const char* kCities[] = {"Hà Nội", "TP. Hồ Chí Minh"};
const char* kTiers[] = {"Thường", "Bạc", "Vàng", "Kim cương"};

}  // namespace

Result<std::vector<DemoLogin>> create_demo(store::Database& db) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  if (c.scalar("SELECT COUNT(*) FROM units") > 0)
    return Error{"demo.not_empty", "the database already holds units; the demo needs an empty database", "", 409};
  std::mt19937_64 rng(20261129);
  auto pick = [&](auto& arr) -> decltype(auto) { return arr[rng() % std::size(arr)]; };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  std::string now = now_iso();
  Actor sys = system_actor("demo");

  // Units: company → branches → departments, plus the quality-control centre.
  auto add_unit = [&](const std::string& code, const std::string& name, std::optional<int64_t> parent,
                      const std::string& parent_path) {
    int64_t id = c.query_one("INSERT INTO units (code, name, parent_id, path, search, created_at, updated_at) VALUES "
                             "(?, ?, ?, '', ?, ?, ?) RETURNING id",
                             {code, name, store::opt_value(parent), text::fold(code + " " + name), now, now})
                     ->i64(0);
    std::string path = parent_path + std::to_string(id) + "/";
    c.execute("UPDATE units SET path = ? WHERE id = ?", {path, id});
    return std::pair{id, path};
  };
  auto [root, root_path] = add_unit("AK", "Hệ thống Phòng khám An Khang", std::nullopt, "/");
  auto [qc, qc_path] = add_unit("QLCL", "Trung tâm Quản lý chất lượng", root, root_path);
  std::map<std::string, std::pair<int64_t, std::string>> branches;
  branches["CN1"] = add_unit("CN1", "Chi nhánh Hà Nội", root, root_path);
  branches["CN2"] = add_unit("CN2", "Chi nhánh TP. Hồ Chí Minh", root, root_path);

  struct Dept {
    int64_t id;
    const DeptSpec* spec;
    std::vector<int64_t> staff;
    std::vector<std::string> codes;
  };
  std::vector<Dept> depts;
  int emp = 1;
  for (const auto& d : kDepts) {
    auto [bid, bpath] = branches[d.branch];
    auto [id, path] = add_unit(d.code, d.name, bid, bpath);
    Dept dep{id, &d, {}, {}};
    for (int i = 0; i < d.staff; ++i) {
      char code[16];
      std::snprintf(code, sizeof code, "NV%04d", emp++);
      std::string name = std::string(pick(kFamily)) + " " + pick(kMiddle) + " " + pick(kGiven);
      std::string title = i == 0 ? "Trưởng khoa" : d.price == 0 ? "Nhân viên lễ tân" : pick(kTitlesClinical);
      int64_t sid = c.query_one("INSERT INTO staff (employee_code, name, unit_id, title, active, search, created_at, "
                                "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?) RETURNING id",
                                {std::string(code), name, id, title, text::fold(std::string(code) + " " + name + " " + title),
                                 now, now})
                        ->i64(0);
      if (i == 0) c.execute("UPDATE units SET head_staff_id = ? WHERE id = ?", {sid, id});
      dep.staff.push_back(sid);
      dep.codes.push_back(code);
    }
    depts.push_back(std::move(dep));
  }
  for (int i = 0; i < 6; ++i) {  // the quality-control centre's own staff
    char code[16];
    std::snprintf(code, sizeof code, "NV%04d", emp++);
    std::string name = std::string(pick(kFamily)) + " " + pick(kMiddle) + " " + pick(kGiven);
    c.execute("INSERT INTO staff (employee_code, name, unit_id, title, active, search, created_at, updated_at) VALUES "
              "(?, ?, ?, ?, 1, ?, ?, ?)",
              {std::string(code), name, qc, std::string("Chuyên viên QLCL"), text::fold(name), now, now});
  }

  // Customers: about 5 000, a tenth of the HCMC branch's with Chinese names.
  const int kCustomers = 5000;
  std::vector<int64_t> customer_ids;
  customer_ids.reserve(kCustomers);
  for (int i = 0; i < kCustomers; ++i) {
    bool zh = i % 10 == 7;
    std::string name = zh ? std::string(pick(kZhFamily)) + pick(kZhGiven) + (chance(0.5) ? pick(kZhGiven) : "")
                          : std::string(pick(kFamily)) + " " + pick(kMiddle) + " " + pick(kGiven);
    char phone[16], ext[16];
    std::snprintf(phone, sizeof phone, "09%08d", 10000000 + i * 7919 % 89999999);
    std::snprintf(ext, sizeof ext, "KH%06d", i + 1);
    std::string category = i < 1500 ? "long_term" : (i % 5 == 0 && i > 1500 ? "referred" : "first_time");
    std::optional<int64_t> referrer;
    if (category == "referred") referrer = customer_ids[rng() % 1500];
    std::optional<std::string> email;
    if (chance(0.4)) email = "kh" + std::to_string(i + 1) + "@example.vn";
    std::string address = std::to_string(1 + rng() % 300) + " " + pick(kStreets) + ", " + kCities[i % 2];
    int64_t id = c.query_one(
                      "INSERT INTO customers (external_id, name, phone, email, address, category, referred_by_id, tier, "
                      "consent_contact, consent_survey, search, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                      "RETURNING id",
                      {std::string(ext), name, std::string(phone), store::opt_value(email), address, category,
                       store::opt_value(referrer), std::string(category == "long_term" ? pick(kTiers) : "Thường"),
                       int64_t{chance(0.85)}, int64_t{chance(0.75)},
                       text::fold(name) + " " + ext + " " + phone + " " + email.value_or(""), now, now})
                     ->i64(0);
    customer_ids.push_back(id);
  }

  // A year of encounters: long-term customers come back often, first-time ones once or twice.
  // Twelve whole months, December 2025 to November 2026, all in the past of the demo's date.
  const int64_t start = timeutil::parse_to_unix("2025-12-01T01:00:00Z").value();
  const int64_t span = timeutil::parse_to_unix("2026-11-28T00:00:00Z").value() - start;
  int64_t n_enc = 0;
  std::string insert = "INSERT INTO encounters (external_id, customer_id, unit_id, staff_id, service, started_at, amount, converted, created_at) VALUES ";
  std::string batch_sql;
  store::Params batch;
  int batch_rows = 0;
  auto flush = [&] {
    if (!batch_rows) return;
    c.execute(insert + batch_sql, batch);
    batch_sql.clear();
    batch.clear();
    batch_rows = 0;
  };
  for (int i = 0; i < kCustomers; ++i) {
    int visits = i < 1500 ? 6 + static_cast<int>(rng() % 10) : 1 + static_cast<int>(rng() % 3);
    const Dept& home = depts[(i % 2 == 0 ? 0 : 5) + rng() % 5];
    for (int v = 0; v < visits; ++v) {
      const Dept& d = chance(0.7) ? home : depts[rng() % depts.size()];
      size_t si = 1 + rng() % (d.staff.size() - 1);
      int64_t t = start + static_cast<int64_t>(rng() % span);
      t -= t % 60;
      int64_t hour = (t / 3600) % 24;  // keep visits within 07:00–19:00 Vietnam time (UTC+7)
      if (hour > 12 && hour < 24) t -= (hour - 5) * 3600;
      int64_t price = d.spec->price ? d.spec->price / 1000 * (700 + rng() % 700) : 0;
      char ext[20];
      std::snprintf(ext, sizeof ext, "LK%07lld", static_cast<long long>(++n_enc));
      batch_sql += batch_rows ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
      for (auto& val : store::Params{std::string(ext), customer_ids[i], d.id, d.staff[si],
                                     std::string(d.spec->services[rng() % 4]), timeutil::format_utc(t), price,
                                     int64_t{chance(d.spec->price ? 0.35 : 0.6)}, now})
        batch.push_back(std::move(val));
      if (++batch_rows == 400) flush();
    }
  }
  flush();

  // One login per role.
  std::vector<DemoLogin> logins = {{"admin", "admin", "", ""},          {"quality", "quality", "QLCL", ""},
                                   {"director", "director", "AK", ""},  {"head", "head", "KHOA-NOI", ""},
                                   {"staff", "staff", "KHOA-NOI", ""},  {"auditor", "auditor", "", ""}};
  const char* names[] = {"Quản trị hệ thống", "Trung tâm QLCL", "Ban Giám đốc", "Trưởng khoa Nội", "Điều dưỡng khoa Nội", "Kiểm toán độc lập"};
  for (size_t i = 0; i < logins.size(); ++i) {
    auto& l = logins[i];
    l.password = "servq-demo-" + l.login;
    std::optional<int64_t> unit, staff;
    if (!l.unit.empty()) unit = c.query_one("SELECT id FROM units WHERE code = ?", {l.unit})->i64(0);
    if (l.login == "head") staff = depts[0].staff[0];
    if (l.login == "staff") staff = depts[0].staff[1];
    c.execute("INSERT INTO users (login, name, role, unit_id, staff_id, password_hash, active, created_at, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
              {l.login, std::string(names[i]), l.role, store::opt_value(unit), store::opt_value(staff),
               hash_password(l.password), now, now});
  }
  audit(c, sys, "demo", "database", "", nullptr,
        json{{"units", c.scalar("SELECT COUNT(*) FROM units")}, {"staff", c.scalar("SELECT COUNT(*) FROM staff")},
             {"customers", kCustomers}, {"encounters", n_enc}});
  tx.commit();
  store::refresh_statistics(c, {"units", "staff", "customers", "encounters", "users"});
  return logins;
}

}  // namespace servq::service
