// The demo data set's writer: units, staff, customers, a year of encounters, one login per role
// and a year of feedback walked through the closed loop, all through the repositories. The output
// is deterministic (one seeded random sequence, drawn in a fixed order): the golden responses of
// tests/golden are taken on it, so a step must draw exactly what it always drew.
#include "service/demo_service.h"

#include <algorithm>
#include <map>
#include <random>

#include "core/org/records.h"
#include "core/phone.h"
#include "core/scope.h"
#include "core/text.h"
#include "core/time.h"
#include "service/auth_service.h"
#include "service/feedback_service.h"
#include "store/auth/users_repo.h"
#include "store/feedback/cases_repo.h"
#include "store/org/customers_repo.h"
#include "store/org/encounters_repo.h"
#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"

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

struct FeedbackTemplate {
  const char* kind;
  const char* category;
  const char* severity;
  const char* vi;
  const char* zh;
};

const FeedbackTemplate kFeedback[] = {
    {"complaint", "attitude", "medium", "Thái độ nhân viên không tốt, nói chuyện cộc lốc với người nhà bệnh nhân.", "护士态度很差，对病人家属说话很不耐烦。"},
    {"complaint", "attitude", "high", "Điều dưỡng quát mắng bệnh nhân lớn tuổi khi lấy máu.", "抽血时护士对老人大声呵斥，态度恶劣。"},
    {"complaint", "waiting_time", "medium", "Phải chờ hơn 2 tiếng mới được khám dù đã đặt lịch trước.", "预约了还要等两个多小时才看上病。"},
    {"complaint", "waiting_time", "low", "Quầy thu ngân chỉ mở một cửa, xếp hàng rất lâu.", "收费窗口只开一个，排队时间太长。"},
    {"complaint", "professional_skill", "high", "Bác sĩ tư vấn sơ sài, không giải thích rõ kết quả xét nghiệm.", "医生解释检查结果不清楚，问诊太草率。"},
    {"complaint", "environment", "low", "Nhà vệ sinh khu chờ không sạch sẽ, thiếu giấy.", "候诊区卫生间不干净，没有纸巾。"},
    {"complaint", "price_billing", "medium", "Hóa đơn tính thêm phí dịch vụ không được báo trước.", "收费单上多了没有提前告知的服务费。"},
    {"complaint", "outcome", "high", "Sau liệu trình laser da vẫn còn thâm, không như lời tư vấn.", "激光疗程后效果不如咨询时说的好。"},
    {"complaint", "safety", "critical", "Tiêm sai liều vắc xin cho bé, gia đình rất lo lắng.", "给孩子打疫苗剂量有误，家长非常担心。"},
    {"praise", "attitude", "low", "Cảm ơn điều dưỡng đã chăm sóc tận tình, rất chu đáo.", "感谢护士的细心照顾，服务很周到。"},
    {"praise", "professional_skill", "low", "Bác sĩ khám kỹ, giải thích dễ hiểu, gia đình rất hài lòng.", "医生检查仔细，讲解清楚，全家都很满意。"},
    {"suggestion", "environment", "low", "Nên có thêm ghế ngồi ở khu chờ và nước uống miễn phí.", "建议候诊区增加座椅和饮水机。"},
    {"suggestion", "waiting_time", "low", "Đề nghị có tin nhắn báo trước khi đến lượt khám.", "建议叫号前发短信提醒。"},
    {"inquiry", "price_billing", "low", "Hỏi về giờ làm việc ngày lễ và chi phí gói khám tổng quát.", "咨询节假日门诊时间和体检套餐价格。"},
};

const char* kChannelsDemo[] = {"phone", "phone", "hotline", "in_person", "in_person", "suggestion_box",
                               "website", "social_media", "email", "letter"};

const char* kResolutions[] = {
    "Đã xin lỗi khách hàng, nhắc nhở nhân viên và đưa vào họp giao ban khoa.",
    "Đã điều chỉnh lịch làm việc, bổ sung nhân lực giờ cao điểm.",
    "Đã hoàn phí dịch vụ tính sai và gửi thư xin lỗi.",
    "Bác sĩ trưởng khoa đã gọi điện giải thích lại kết quả cho khách.",
    "已向客户道歉并对相关人员进行培训。",
};

constexpr int kCustomers = 5000;

// What every step shares: the transaction's connection, the one random sequence and the time the
// records say they were created.
struct DemoRun {
  store::Connection& c;
  std::mt19937_64 rng;
  std::string now;

  template <typename Array>
  decltype(auto) pick(Array& arr) {
    return arr[rng() % std::size(arr)];
  }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
};

struct UnitRef {
  int64_t id;
  std::string path;
};

struct Dept {
  int64_t id;
  const DeptSpec* spec;
  std::vector<int64_t> staff;  // the first is the head
};

struct DemoOrg {
  int64_t quality_centre;
  std::vector<Dept> depts;  // in kDepts order
};

struct DemoCustomer {
  int64_t id;
  std::string name;
  std::optional<std::string> phone, address;
};

struct Enc {
  int customer;  // index into the demo's customers
  const Dept* dept;
  int64_t staff;
  int64_t t;
};

UnitRef demo_unit(DemoRun& d, const std::string& code, const std::string& name, std::optional<int64_t> parent,
                  const std::string& parent_path) {
  int64_t id = store::org::insert_unit(
      d.c, {.code = code, .name = name, .parent_id = parent, .search = text::fold(code + " " + name)}, parent_path,
      d.now);
  return {id, parent_path + std::to_string(id) + "/"};
}

std::string employee_code(int n) {
  char code[16];
  std::snprintf(code, sizeof code, "NV%04d", n);
  return code;
}

std::string vietnamese_name(DemoRun& d) {
  return std::string(d.pick(kFamily)) + " " + d.pick(kMiddle) + " " + d.pick(kGiven);
}

// A department under its branch with its staff; the first staff member heads it.
Dept demo_department(DemoRun& d, const DeptSpec& spec, const UnitRef& branch, int& emp) {
  UnitRef unit = demo_unit(d, spec.code, spec.name, branch.id, branch.path);
  Dept dep{unit.id, &spec, {}};
  for (int i = 0; i < spec.staff; ++i) {
    std::string code = employee_code(emp++);
    std::string name = vietnamese_name(d);
    std::string title = i == 0 ? "Trưởng khoa" : spec.price == 0 ? "Nhân viên lễ tân" : d.pick(kTitlesClinical);
    int64_t sid = store::org::insert_staff(d.c,
                                           {.employee_code = code,
                                            .name = name,
                                            .title = title,
                                            .unit_id = unit.id,
                                            .active = true,
                                            .search = text::fold(code + " " + name + " " + title)},
                                           d.now);
    if (i == 0)
      store::org::update_unit(d.c, unit.id,
                              {.code = spec.code,
                               .name = spec.name,
                               .parent_id = branch.id,
                               .head_staff_id = sid,
                               .search = text::fold(std::string(spec.code) + " " + spec.name)},
                              d.now);
    dep.staff.push_back(sid);
  }
  return dep;
}

// Units: company → branches → departments with their staff, plus the quality-control centre and
// its own staff.
DemoOrg demo_units_and_staff(DemoRun& d) {
  UnitRef root = demo_unit(d, "AK", "Hệ thống Phòng khám An Khang", std::nullopt, "/");
  DemoOrg org{demo_unit(d, "QLCL", "Trung tâm Quản lý chất lượng", root.id, root.path).id, {}};
  std::map<std::string, UnitRef> branches;
  branches["CN1"] = demo_unit(d, "CN1", "Chi nhánh Hà Nội", root.id, root.path);
  branches["CN2"] = demo_unit(d, "CN2", "Chi nhánh TP. Hồ Chí Minh", root.id, root.path);
  int emp = 1;
  for (const auto& spec : kDepts) org.depts.push_back(demo_department(d, spec, branches[spec.branch], emp));
  for (int i = 0; i < 6; ++i) {
    std::string code = employee_code(emp++);
    std::string name = vietnamese_name(d);
    store::org::insert_staff(d.c,
                             {.employee_code = code,
                              .name = name,
                              .title = "Chuyên viên QLCL",
                              .unit_id = org.quality_centre,
                              .active = true,
                              .search = text::fold(name)},
                             d.now);
  }
  return org;
}

// Customers: about 5 000, a tenth of the HCMC branch's with Chinese names.
std::vector<DemoCustomer> demo_customers(DemoRun& d) {
  std::vector<DemoCustomer> customers;
  customers.reserve(kCustomers);
  for (int i = 0; i < kCustomers; ++i) {
    bool zh = i % 10 == 7;
    std::string name = zh ? std::string(d.pick(kZhFamily)) + d.pick(kZhGiven) + (d.chance(0.5) ? d.pick(kZhGiven) : "")
                          : vietnamese_name(d);
    char written[24], ext[16];
    // Written as clerks write them; a tenth (the Chinese customers) have mainland mobiles.
    if (zh)
      std::snprintf(written, sizeof written, "+86 13%d %04d %04d", i % 10, i * 37 % 10000, i * 7919 % 10000);
    else
      std::snprintf(written, sizeof written, "09%08d", 10000000 + i * 7919 % 89999999);
    std::optional<std::string> phone = phone::to_e164(written, "VN");
    std::snprintf(ext, sizeof ext, "KH%06d", i + 1);
    std::string category = i < 1500 ? "long_term" : (i % 5 == 0 && i > 1500 ? "referred" : "first_time");
    std::optional<int64_t> referrer;
    if (category == "referred") referrer = customers[d.rng() % 1500].id;
    std::optional<std::string> email;
    if (d.chance(0.4)) email = "kh" + std::to_string(i + 1) + "@example.vn";
    std::string address = std::to_string(1 + d.rng() % 300) + " " + d.pick(kStreets) + ", " + kCities[i % 2];
    int64_t id = store::org::insert_customer(
        d.c,
        {.external_id = std::string(ext),
         .name = name,
         .phone = phone,
         .email = email,
         .address = address,
         .category = category,
         .referred_by_id = referrer,
         .tier = std::string(category == "long_term" ? d.pick(kTiers) : "Thường"),
         .consent_contact = d.chance(0.85),
         .consent_survey = d.chance(0.75),
         .search = org::customer_search_text({.external_id = ext, .name = name, .phone = phone, .email = email}, "VN")},
        d.now);
    customers.push_back({id, name, phone, address});
  }
  return customers;
}

// A year of encounters: long-term customers come back often, first-time ones once or twice, from
// `start` up to a few hours before `end`.
std::vector<Enc> demo_encounters(DemoRun& d, const std::vector<Dept>& depts, const std::vector<DemoCustomer>& customers,
                                 int64_t start, int64_t end) {
  const int64_t span = end - 6 * 3600 - start;
  std::vector<Enc> encounters;
  store::org::EncounterWriter writer(d.c);
  for (int i = 0; i < kCustomers; ++i) {
    int visits = i < 1500 ? 6 + static_cast<int>(d.rng() % 10) : 1 + static_cast<int>(d.rng() % 3);
    const Dept& home = depts[(i % 2 == 0 ? 0 : 5) + d.rng() % 5];
    for (int v = 0; v < visits; ++v) {
      const Dept& dept = d.chance(0.7) ? home : depts[d.rng() % depts.size()];
      size_t si = 1 + d.rng() % (dept.staff.size() - 1);
      int64_t t = start + static_cast<int64_t>(d.rng() % span);
      t -= t % 60;
      int64_t hour = (t / 3600) % 24;  // keep visits within 07:00–19:00 Vietnam time (UTC+7)
      if (hour > 12 && hour < 24) t -= (hour - 5) * 3600;
      int64_t price = dept.spec->price ? dept.spec->price / 1000 * (700 + d.rng() % 700) : 0;
      char ext[32];
      std::snprintf(ext, sizeof ext, "LK%07lld", static_cast<long long>(encounters.size() + 1));
      encounters.push_back({i, &dept, dept.staff[si], t});
      writer.add({.external_id = std::string(ext),
                  .customer_id = customers[static_cast<size_t>(i)].id,
                  .unit_id = dept.id,
                  .staff_id = dept.staff[si],
                  .service = std::string(dept.spec->services[d.rng() % 4]),
                  .started_at = timeutil::format_utc(t),
                  .amount = price,
                  .converted = d.chance(dept.spec->price ? 0.35 : 0.6)},
                 d.now);
    }
  }
  writer.flush();
  return encounters;
}

// One login per role; the head and the staff login are internal medicine's first two staff.
std::vector<DemoLogin> demo_logins(DemoRun& d, const Dept& internal_medicine) {
  std::vector<DemoLogin> logins = {{"admin", "admin", "", ""},          {"quality", "quality", "QLCL", ""},
                                   {"director", "director", "AK", ""},  {"head", "head", "KHOA-NOI", ""},
                                   {"staff", "staff", "KHOA-NOI", ""},  {"auditor", "auditor", "", ""}};
  const char* names[] = {"Quản trị hệ thống", "Trung tâm QLCL", "Ban Giám đốc", "Trưởng khoa Nội", "Điều dưỡng khoa Nội", "Kiểm toán độc lập"};
  for (size_t i = 0; i < logins.size(); ++i) {
    auto& l = logins[i];
    l.password = "servq-demo-" + l.login;
    std::optional<int64_t> unit, staff;
    if (!l.unit.empty()) unit = store::org::find_unit_by_code(d.c, l.unit)->id;
    if (l.login == "head") staff = internal_medicine.staff[0];
    if (l.login == "staff") staff = internal_medicine.staff[1];
    store::auth::insert_user(d.c, {.login = l.login,
                                   .name = names[i],
                                   .role = l.role,
                                   .unit_id = unit,
                                   .staff_id = staff,
                                   .password_hash = hash_password(l.password),
                                   .updated_at = d.now});
  }
  return logins;
}

// ---- a year of feedback ----
// Most cases walked through the whole loop at the times they happened, some reopened after an
// unhappy callback, some still open (a few overdue). `end` is the demo's present (an hour before
// it was made): a case is left open only while its deadlines have not passed, except a few
// (kOverdueOpen) that show what an overdue case looks like, so the deadline job escalates a
// handful at the first start, not hundreds.
constexpr int kOverdueOpen = 4;

Actor demo_actor(store::Connection& c, const std::string& login) {
  auto u = store::auth::find_user_by_login(c, login);
  Actor a;
  a.user_id = u->id;
  a.login = u->login;
  a.role = parse_role(u->role).value_or(Role::staff);
  return a;
}

// What the cases of the year share.
struct FeedbackYear {
  DemoRun& d;
  const UnitScope& everything;
  int64_t end;
  int64_t horizon = end + 6 * 3600;  // a few hours pass between making the demo and opening it
  int overdue_left = kOverdueOpen;
  Actor quality = demo_actor(d.c, "quality"), head = demo_actor(d.c, "head"), staff_user = demo_actor(d.c, "staff");

  // A time of the case's past, never after the demo's present.
  std::string at(int64_t t) const { return timeutil::format_utc(std::min(t, end)); }
};

// One case on its way through the loop: how far it gets (`stage`, 9: to the end) and its clock.
struct CaseWalk {
  int64_t id;
  const FeedbackTemplate& tpl;
  bool zh;
  const Actor& receiver;
  const Actor& unit_head;
  int64_t received;
  int stage = 0;
  std::string resolve_due;
  int64_t t = 0;
};

void write_step(FeedbackYear& y, const CaseWalk& w, const store::feedback::PastStep& s) {
  store::feedback::write_past_step(y.d.c, w.id, s);
}

// How far a new case gets: recent ones stop part-way through the loop, as long as their next
// deadline is comfortably after the demo's present (apart from the few overdue ones).
int choose_stage(FeedbackYear& y, CaseWalk& w) {
  int stage = y.end - w.received > 20 * 86400 ? 9 : static_cast<int>(y.d.rng() % 6);
  auto due = store::feedback::find(y.d.c, y.everything, w.id);
  w.resolve_due = due->resolve_due.value();
  const int64_t ack_due = timeutil::parse_to_unix(due->ack_due.value()).value_or(y.end);
  const int64_t resolve_due = timeutil::parse_to_unix(w.resolve_due).value_or(y.end);
  const bool late = (stage == 0 && ack_due < y.horizon) || (stage >= 1 && stage <= 3 && resolve_due < y.horizon);
  if (late) {
    if (y.overdue_left > 0)
      --y.overdue_left;
    else
      stage = 9;
  }
  return stage;
}

// Logs the case of a visit as received, a few days after it at most.
CaseWalk log_case(FeedbackYear& y, const Enc& e, const DemoCustomer& cust) {
  DemoRun& d = y.d;
  const auto& tpl = kFeedback[d.rng() % std::size(kFeedback)];
  bool zh = cust.name.find(' ') == std::string::npos;  // the demo's Chinese names have no spaces
  NewCase n;
  int64_t received = std::min(e.t + static_cast<int64_t>(d.rng() % (3 * 86400)), y.end - 3600);
  n.received_at = timeutil::format_utc(received);
  n.channel = kChannelsDemo[d.rng() % std::size(kChannelsDemo)];
  n.kind = tpl.kind;
  n.category = tpl.category;
  n.severity = tpl.severity;
  n.content = zh ? tpl.zh : tpl.vi;
  n.customer_id = cust.id;
  n.customer_name = cust.name;
  n.customer_phone = cust.phone;
  n.customer_address = cust.address;
  n.unit_id = e.dept->id;
  n.staff_id = e.staff;
  bool head_unit = std::string(e.dept->spec->code) == "KHOA-NOI";
  const Actor& receiver = head_unit && d.chance(0.3) ? y.staff_user : y.quality;
  n.receiver_id = receiver.user_id;
  n.receiver = receiver.login;
  CaseWalk w{insert_case(d.c, n), tpl, zh, receiver, head_unit ? y.head : y.quality, received};
  add_case_event(d.c, w.id, receiver, "receive", "", "received", "", {{"channel", n.channel}}, n.received_at);
  w.stage = choose_stage(y, w);
  return w;
}

void verify(FeedbackYear& y, CaseWalk& w) {
  w.t = w.received + 1800 + static_cast<int64_t>(y.d.rng() % (6 * 3600));
  add_case_event(y.d.c, w.id, w.receiver, "verify", "received", "verifying", "", nullptr, y.at(w.t));
  write_step(y, w, {.status = "verifying", .acknowledged_at = y.at(w.t), .first_response_seconds = w.t - w.received});
}

// Praise, suggestions and questions: noted, passed on and closed the next day.
void close_as_noted(FeedbackYear& y, CaseWalk& w) {
  std::string closed = y.at(w.t + 86400);
  write_step(y, w,
             {.status = "closed",
              .resolution = std::string(w.zh ? "已记录并转达相关科室。" : "Đã ghi nhận và chuyển đến khoa liên quan."),
              .resolved_at = closed,
              .resolved_on_time = true,
              .closed_at = closed});
  add_case_event(y.d.c, w.id, w.receiver, "close", "verifying", "closed", "", nullptr, closed);
}

void close_as_unfounded(FeedbackYear& y, CaseWalk& w) {
  std::string expl = w.zh ? "经核实，收费符合公示价格，已向客户解释。"
                          : "Đã xác minh: chi phí đúng bảng giá niêm yết, đã giải thích cho khách.";
  w.t += 3600 * 5;
  add_case_event(y.d.c, w.id, w.receiver, "mark_unfounded", "verifying", "unfounded", "", {{"explanation", expl}},
                 y.at(w.t));
  add_case_event(y.d.c, w.id, w.receiver, "close", "unfounded", "closed", "", nullptr, y.at(w.t + 3600));
  write_step(y, w, {.status = "closed", .unfounded_explanation = expl, .closed_at = y.at(w.t + 3600)});
}

// Accepted by its receiver, a third escalated to the unit head; returns who resolves it.
const Actor& accept(FeedbackYear& y, CaseWalk& w) {
  w.t += 3600;
  add_case_event(y.d.c, w.id, w.receiver, "accept", "verifying", "in_progress", "", nullptr, y.at(w.t));
  std::string handler = "receiver";
  const Actor* resolver = &w.receiver;
  if (y.d.chance(0.35)) {
    w.t += 1800;
    add_case_event(y.d.c, w.id, w.receiver, "escalate", "in_progress", "in_progress", "", {{"to", "unit_head"}},
                   y.at(w.t));
    handler = "unit_head";
    resolver = &w.unit_head;
  }
  write_step(y, w, {.status = "in_progress", .handler = handler});
  return *resolver;
}

// Resolved, then called back: a satisfied customer closes the case, an unhappy one (8 %) reopens
// it once. A recent resolution may still wait for its callback.
void resolve_and_call_back(FeedbackYear& y, CaseWalk& w, const Actor& resolver) {
  DemoRun& d = y.d;
  int reopenings = d.chance(0.08) ? 1 : 0;
  for (int round = 0; round <= reopenings; ++round) {
    w.t += static_cast<int64_t>(d.rng() % (5 * 86400)) + 3600;
    std::string res = kResolutions[d.rng() % std::size(kResolutions)];
    add_case_event(d.c, w.id, resolver, "resolve", "in_progress", "resolved", "", {{"resolution", res}}, y.at(w.t));
    write_step(y, w,
               {.status = "resolved",
                .resolution = res,
                .resolved_at = y.at(w.t),
                .callback_due = timeutil::format_utc(std::min(w.t, y.end) + 3 * 86400),
                .resolved_on_time = y.at(w.t) <= w.resolve_due});
    // Waiting for the callback only while it is not due yet.
    if (w.stage <= 4 && (std::min(w.t, y.end) + 3 * 86400 > y.horizon || y.overdue_left-- > 0)) break;
    w.t += static_cast<int64_t>(d.rng() % (2 * 86400)) + 1800;
    write_step(y, w, {.callback_done_at = y.at(w.t)});
    if (round < reopenings) {
      add_case_event(d.c, w.id, y.quality, "callback", "resolved", "in_progress", "Khách chưa hài lòng",
                     {{"outcome", "not_satisfied"}, {"called_at", y.at(w.t)}, {"attempt", 1}}, y.at(w.t));
      write_step(y, w, {.status = "in_progress", .reopened = true});
      continue;
    }
    add_case_event(d.c, w.id, y.quality, "callback", "resolved", "closed", "",
                   {{"outcome", "satisfied"}, {"called_at", y.at(w.t)}, {"attempt", 1}}, y.at(w.t));
    write_step(y, w, {.status = "closed", .closed_at = y.at(w.t)});
  }
}

// Walks a logged case as far as its stage lets it go.
void walk_case(FeedbackYear& y, CaseWalk& w) {
  if (w.stage == 0) return;
  verify(y, w);
  if (std::string(w.tpl.kind) != "complaint" && w.stage >= 2) return close_as_noted(y, w);
  if (w.stage == 1) return;
  if (y.d.chance(0.06)) return close_as_unfounded(y, w);
  const Actor& resolver = accept(y, w);
  if (w.stage <= 3) return;  // still being handled (and perhaps overdue)
  resolve_and_call_back(y, w, resolver);
}

// About one case per seven visits, in the order they happened; returns how many.
int64_t demo_feedback(DemoRun& d, const UnitScope& everything, const std::vector<Enc>& encounters,
                      const std::vector<DemoCustomer>& customers, int64_t end) {
  FeedbackYear y{d, everything, end};
  std::vector<size_t> picks;
  for (size_t k = 0; k < encounters.size(); k += 7) picks.push_back(k);
  std::sort(picks.begin(), picks.end(), [&](size_t x, size_t z) { return encounters[x].t < encounters[z].t; });
  int64_t count = 0;
  for (size_t k : picks) {
    const auto& e = encounters[k];
    if (!d.chance(0.85)) continue;
    CaseWalk w = log_case(y, e, customers[static_cast<size_t>(e.customer)]);
    ++count;
    walk_case(y, w);
  }
  return count;
}

}  // namespace

std::pair<int64_t, int64_t> demo_start_of_window(int64_t now) {
  // The civil date of `now` (UTC), then the first of the same month one year earlier.
  int64_t days = now / 86400;
  // civil_from_days (Howard Hinnant's algorithm), inverse of timeutil::days_from_civil.
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const unsigned m = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {timeutil::days_from_civil(y - 1, m, 1) * 86400, now - 3600};
}

Result<std::vector<DemoLogin>> create_demo(store::Database& db) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  const Actor sys = system_actor("demo");
  const UnitScope everything = UnitScope::of(sys);
  if (store::org::count_units(c, everything) > 0)
    return Error{"demo.not_empty", "the database already holds units; the demo needs an empty database", "", 409};
  DemoRun d{c, std::mt19937_64(20261129), now_iso()};
  DemoOrg org = demo_units_and_staff(d);
  std::vector<DemoCustomer> customers = demo_customers(d);
  // From the first day of the month a year before the current one up to a few hours ago: the
  // demo is as recent as the day it is made.
  const int64_t end = demo_start_of_window(now_unix()).second;
  const int64_t start = demo_start_of_window(now_unix()).first + 3600;
  std::vector<Enc> encounters = demo_encounters(d, org.depts, customers, start, end);
  std::vector<DemoLogin> logins = demo_logins(d, org.depts[0]);
  int64_t n_feedback = demo_feedback(d, everything, encounters, customers, end);
  audit(c, sys, "demo", "database", "", nullptr,
        json{{"units", store::org::count_units(c, everything)},
             {"staff", store::org::count_staff(c, everything)},
             {"customers", kCustomers},
             {"encounters", static_cast<int64_t>(encounters.size())},
             {"feedback", n_feedback}});
  tx.commit();
  store::refresh_statistics(c, {"units", "staff", "customers", "encounters", "users", "feedback"});
  auto surveys = create_demo_surveys(db, 20261129);
  if (!surveys) return surveys.error();
  return logins;
}

}  // namespace servq::service
