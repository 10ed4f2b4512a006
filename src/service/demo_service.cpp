#include "service/demo_service.h"

#include <algorithm>
#include <map>
#include <random>

#include "core/org/records.h"
#include "core/phone.h"
#include "core/text.h"
#include "core/time.h"
#include "service/auth_service.h"
#include "service/feedback_service.h"

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

// A year of feedback drawn from the encounters: most cases walked through the whole loop at the
// times they happened, some reopened after an unhappy callback, some still open (a few overdue).
// `end` is the demo's present (an hour before it was made): a case is left open only while its
// deadlines have not passed, except a few (kOverdueOpen) that show what an overdue case looks like,
// so the deadline job escalates a handful at the first start, not hundreds.
template <typename Enc>
int64_t demo_feedback(store::Connection& c, std::mt19937_64& rng, const std::vector<Enc>& encounters,
                      const std::vector<int64_t>& customer_ids, int64_t end) {
  constexpr int kOverdueOpen = 4;
  int overdue_left = kOverdueOpen;
  const int64_t horizon = end + 6 * 3600;
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  std::map<std::string, Actor> people;
  for (auto& r : c.query("SELECT u.id, u.login, u.role FROM users u")) {
    Actor a;
    a.user_id = r.i64(0);
    a.login = r.str(1);
    a.role = parse_role(r.str(2)).value_or(Role::staff);
    people[a.login] = a;
  }
  const Actor& quality = people.at("quality");
  const Actor& head = people.at("head");
  const Actor& staff_user = people.at("staff");
  int64_t count = 0;
  std::vector<size_t> picks;  // about one case per seven visits, in the order they happened
  for (size_t k = 0; k < encounters.size(); k += 7) picks.push_back(k);
  std::sort(picks.begin(), picks.end(), [&](size_t x, size_t y) { return encounters[x].t < encounters[y].t; });
  for (size_t k : picks) {
    const auto& e = encounters[k];
    if (!chance(0.85)) continue;
    const auto& tpl = kFeedback[rng() % std::size(kFeedback)];
    auto cust = c.query_one("SELECT id, name, phone, address FROM customers WHERE id = ?", {customer_ids[e.customer]});
    bool zh = cust->str(1).find(' ') == std::string::npos;  // the demo's Chinese names have no spaces
    NewCase n;
    int64_t received = std::min(e.t + static_cast<int64_t>(rng() % (3 * 86400)), end - 3600);
    n.received_at = timeutil::format_utc(received);
    n.channel = kChannelsDemo[rng() % std::size(kChannelsDemo)];
    n.kind = tpl.kind;
    n.category = tpl.category;
    n.severity = tpl.severity;
    n.content = zh ? tpl.zh : tpl.vi;
    n.customer_id = cust->i64(0);
    n.customer_name = cust->opt(1);
    n.customer_phone = cust->opt(2);
    n.customer_address = cust->opt(3);
    n.unit_id = e.dept->id;
    n.staff_id = e.staff;
    bool head_unit = e.dept == nullptr ? false : std::string(e.dept->spec->code) == "KHOA-NOI";
    const Actor& receiver = head_unit && chance(0.3) ? staff_user : quality;
    n.receiver_id = receiver.user_id;
    n.receiver = receiver.login;
    int64_t id = insert_case(c, n);
    ++count;
    auto at = [&](int64_t t) { return timeutil::format_utc(std::min(t, end)); };
    const Actor& unit_head = head_unit ? head : quality;
    add_case_event(c, id, receiver, "receive", "", "received", "", {{"channel", n.channel}}, n.received_at);
    int64_t age = end - received;
    // Recent cases stop part-way through the loop, as long as their deadlines allow it.
    int stage = age > 20 * 86400 ? 9 : static_cast<int>(rng() % 6);
    {
      auto due = c.query_one("SELECT ack_due, resolve_due FROM feedback WHERE id = ?", {id});
      const int64_t ack_due = timeutil::parse_to_unix(due->str(0)).value_or(end);
      const int64_t resolve_due = timeutil::parse_to_unix(due->str(1)).value_or(end);
      // Left open only if its next deadline is comfortably after the demo's present (a few hours
      // pass between making the demo and opening it).
      const bool late = (stage == 0 && ack_due < horizon) || (stage >= 1 && stage <= 3 && resolve_due < horizon);
      if (late) {
        if (overdue_left > 0)
          --overdue_left;
        else
          stage = 9;
      }
    }
    if (stage == 0) continue;
    int64_t t = received + 1800 + static_cast<int64_t>(rng() % (6 * 3600));
    add_case_event(c, id, receiver, "verify", "received", "verifying", "", nullptr, at(t));
    c.execute("UPDATE feedback SET status = 'verifying', acknowledged_at = ?, first_response_seconds = ? WHERE id = ?",
              {at(t), t - received, id});
    if (std::string(tpl.kind) != "complaint" && stage >= 2) {
      std::string closed = at(t + 86400);
      c.execute("UPDATE feedback SET status = 'closed', resolution = ?, resolved_at = ?, closed_at = ?, "
                "resolved_on_time = 1 WHERE id = ?",
                {std::string(zh ? "已记录并转达相关科室。" : "Đã ghi nhận và chuyển đến khoa liên quan."), closed, closed, id});
      add_case_event(c, id, receiver, "close", "verifying", "closed", "", nullptr, closed);
      continue;
    }
    if (stage == 1) continue;
    if (chance(0.06)) {
      std::string expl = zh ? "经核实，收费符合公示价格，已向客户解释。" : "Đã xác minh: chi phí đúng bảng giá niêm yết, đã giải thích cho khách.";
      t += 3600 * 5;
      add_case_event(c, id, receiver, "mark_unfounded", "verifying", "unfounded", "", {{"explanation", expl}}, at(t));
      add_case_event(c, id, receiver, "close", "unfounded", "closed", "", nullptr, at(t + 3600));
      c.execute("UPDATE feedback SET status = 'closed', unfounded_explanation = ?, closed_at = ? WHERE id = ?",
                {expl, at(t + 3600), id});
      continue;
    }
    t += 3600;
    add_case_event(c, id, receiver, "accept", "verifying", "in_progress", "", nullptr, at(t));
    std::string handler = "receiver";
    const Actor* resolver = &receiver;
    if (chance(0.35)) {
      t += 1800;
      add_case_event(c, id, receiver, "escalate", "in_progress", "in_progress", "", {{"to", "unit_head"}}, at(t));
      handler = "unit_head";
      resolver = &unit_head;
    }
    c.execute("UPDATE feedback SET status = 'in_progress', handler = ? WHERE id = ?", {handler, id});
    if (stage <= 3) continue;  // still being handled (and perhaps overdue)
    auto resolve_due = c.query_one("SELECT resolve_due FROM feedback WHERE id = ?", {id})->str(0);
    int reopenings = chance(0.08) ? 1 : 0;
    int callbacks = 0;
    for (int round = 0; round <= reopenings; ++round) {
      t += static_cast<int64_t>(rng() % (5 * 86400)) + 3600;
      std::string res = kResolutions[rng() % std::size(kResolutions)];
      add_case_event(c, id, *resolver, "resolve", "in_progress", "resolved", "", {{"resolution", res}}, at(t));
      c.execute("UPDATE feedback SET status = 'resolved', resolution = ?, resolved_at = ?, resolved_on_time = ?, "
                "callback_due = ? WHERE id = ?",
                {res, at(t), int64_t{at(t) <= resolve_due}, timeutil::format_utc(std::min(t, end) + 3 * 86400), id});
      // Waiting for the callback only while it is not due yet.
      if (stage <= 4 && (std::min(t, end) + 3 * 86400 > horizon || overdue_left-- > 0)) break;
      t += static_cast<int64_t>(rng() % (2 * 86400)) + 1800;
      ++callbacks;
      c.execute("UPDATE feedback SET callback_done_at = COALESCE(callback_done_at, ?) WHERE id = ?", {at(t), id});
      if (round < reopenings) {
        add_case_event(c, id, quality, "callback", "resolved", "in_progress", "Khách chưa hài lòng",
                       {{"outcome", "not_satisfied"}, {"called_at", at(t)}, {"attempt", 1}}, at(t));
        c.execute("UPDATE feedback SET status = 'in_progress', reopen_count = reopen_count + 1 WHERE id = ?", {id});
        continue;
      }
      add_case_event(c, id, quality, "callback", "resolved", "closed", "",
                     {{"outcome", "satisfied"}, {"called_at", at(t)}, {"attempt", 1}}, at(t));
      c.execute("UPDATE feedback SET status = 'closed', closed_at = ? WHERE id = ?", {at(t), id});
    }
    (void)callbacks;
  }
  return count;
}

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
    if (category == "referred") referrer = customer_ids[rng() % 1500];
    std::optional<std::string> email;
    if (chance(0.4)) email = "kh" + std::to_string(i + 1) + "@example.vn";
    std::string address = std::to_string(1 + rng() % 300) + " " + pick(kStreets) + ", " + kCities[i % 2];
    int64_t id = c.query_one(
                      "INSERT INTO customers (external_id, name, phone, email, address, category, referred_by_id, tier, "
                      "consent_contact, consent_survey, search, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                      "RETURNING id",
                      {std::string(ext), name, store::opt_value(phone), store::opt_value(email), address, category,
                       store::opt_value(referrer), std::string(category == "long_term" ? pick(kTiers) : "Thường"),
                       int64_t{chance(0.85)}, int64_t{chance(0.75)},
                       org::customer_search_text({.external_id = ext, .name = name, .phone = phone, .email = email}, "VN"),
                       now, now})
                     ->i64(0);
    customer_ids.push_back(id);
  }

  // A year of encounters: long-term customers come back often, first-time ones once or twice.
  // From the first day of the month a year before the current one up to a few hours ago: the
  // demo is as recent as the day it is made.
  const int64_t end = demo_start_of_window(now_unix()).second;
  const int64_t start = demo_start_of_window(now_unix()).first + 3600;
  const int64_t span = end - 6 * 3600 - start;
  int64_t n_enc = 0;
  struct Enc {
    int customer;
    const Dept* dept;
    int64_t staff;
    int64_t t;
  };
  std::vector<Enc> encounters;
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
      char ext[32];
      std::snprintf(ext, sizeof ext, "LK%07lld", static_cast<long long>(++n_enc));
      batch_sql += batch_rows ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
      encounters.push_back({i, &d, d.staff[si], t});
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
  int64_t n_feedback = demo_feedback(c, rng, encounters, customer_ids, end);
  audit(c, sys, "demo", "database", "", nullptr,
        json{{"units", c.scalar("SELECT COUNT(*) FROM units")}, {"staff", c.scalar("SELECT COUNT(*) FROM staff")},
             {"customers", kCustomers}, {"encounters", n_enc}, {"feedback", n_feedback}});
  tx.commit();
  store::refresh_statistics(c, {"units", "staff", "customers", "encounters", "users", "feedback"});
  auto surveys = create_demo_surveys(db, 20261129);
  if (!surveys) return surveys.error();
  return logins;
}

}  // namespace servq::service
