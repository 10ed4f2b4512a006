// Synthetic survey responses: the demo's year of answers and the benchmark's millions. Answers
// come from a small model — a respondent's mood (per unit a little different), per dimension a
// share of it plus noise, the overall question a weighted mix of the dimensions — so that the
// analysis has something to find: reliable dimensions, drivers of unequal weight, units that
// differ, and detractors that open feedback cases (F5).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "core/text.h"
#include "core/time.h"
#include "service/auth_service.h"
#include "service/demo_service.h"
#include "service/survey_analysis.h"
#include "service/survey_service.h"
#include "service/settings/org_settings.h"
#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"
#include "store/survey/generator_repo.h"
#include "store/survey/kiosks_repo.h"
#include "survey/templates_embedded.h"

namespace servq::service {

using store::Connection;
using store::Params;
using store::Tx;

namespace {

struct Model {
  const survey::Questionnaire& q;
  std::vector<int> dim_of;  // item → dimension index or −1
  explicit Model(const survey::Questionnaire& qq) : q(qq) {
    for (const auto& it : q.items) {
      auto d = std::find(q.dimensions.begin(), q.dimensions.end(), it.dimension);
      dim_of.push_back(it.dimension.empty() ? -1 : static_cast<int>(d - q.dimensions.begin()));
    }
  }

  // Values per item (nullopt = not answered) for a respondent of mood `g` (≈ N(0,1)).
  std::vector<std::optional<double>> draw(std::mt19937_64& rng, double g, double skip_rate = 0.02) const {
    std::normal_distribution<double> N(0, 1);
    std::uniform_real_distribution<double> U(0, 1);
    std::vector<double> dim_mood(q.dimensions.size());
    double wsum = 0, overall = 0;
    for (size_t d = 0; d < dim_mood.size(); ++d) {
      dim_mood[d] = 0.75 * g + 0.55 * N(rng);
      double w = 1.0 + 0.8 * static_cast<double>(d % 4);
      overall += w * dim_mood[d];
      wsum += w;
    }
    overall = dim_mood.empty() ? g : overall / wsum + 0.35 * N(rng);
    std::vector<std::optional<double>> v(q.items.size());
    for (size_t i = 0; i < q.items.size(); ++i) {
      const auto& it = q.items[i];
      if (it.text || (!it.scored && it.choices.empty())) continue;
      if (it.role.empty() && U(rng) < skip_rate) continue;
      if (!it.scored) {
        v[i] = static_cast<double>(rng() % it.choices.size());
        continue;
      }
      double mood = it.role == "overall" || it.role == "nps" ? overall : dim_of[i] >= 0 ? dim_mood[static_cast<size_t>(dim_of[i])] : g;
      double x;  // position on the scale, 0..1
      if (it.role == "nps")
        x = (7.7 + 2.1 * mood + 0.9 * N(rng)) / 10.0;
      else
        x = (2.95 + 0.85 * mood + 0.45 * N(rng)) / 4.0;
      x = std::clamp(x, 0.0, 1.0);
      if (it.reverse) x = 1.0 - x;
      size_t idx = static_cast<size_t>(std::lround(x * static_cast<double>(it.scale.size() - 1)));
      v[i] = it.scale[std::min(idx, it.scale.size() - 1)];
    }
    return v;
  }

  survey::Scored scored(const std::vector<std::optional<double>>& v) const {
    survey::Scored s;
    s.values = v;
    for (size_t i = 0; i < v.size(); ++i)
      if (v[i]) ++s.answered;
    return s;
  }

  // The answers object as the respondent page sends it.
  std::string answers_json(const std::vector<std::optional<double>>& v, const std::string& comment_item,
                           const std::string& comment) const {
    std::string out = "{";
    std::string open_matrix;
    auto num = [](double x) {
      if (x == std::floor(x)) return std::to_string(static_cast<int64_t>(x));
      return json(x).dump();
    };
    for (size_t i = 0; i < q.items.size(); ++i) {
      const auto& it = q.items[i];
      bool in_matrix = it.type == "matrix";
      if (open_matrix.size() && (!in_matrix || it.question != open_matrix)) {
        out += "}";
        open_matrix.clear();
      }
      if (!v[i]) continue;
      if (in_matrix) {
        if (open_matrix.empty()) {
          out += (out.size() > 1 ? ",\"" : "\"") + it.question + "\":{";
          open_matrix = it.question;
        } else {
          out += ",";
        }
        out += "\"" + it.row + "\":" + num(*v[i]);
        continue;
      }
      out += (out.size() > 1 ? ",\"" : "\"") + it.question + "\":";
      if (it.scored)
        out += num(*v[i]);
      else
        out += it.choices[static_cast<size_t>(*v[i])].dump();
    }
    if (!open_matrix.empty()) out += "}";
    if (!comment.empty() && !comment_item.empty()) out += (out.size() > 1 ? "," : "") + json(comment_item).dump() + ":" + json(comment).dump();
    return out + "}";
  }

  std::string comment_item() const {
    for (const auto& it : q.items)
      if (it.text) return it.name;
    return "";
  }
};

const char* kGoodVi[] = {"Bác sĩ tận tình, giải thích rõ ràng.", "Nhân viên thân thiện, phòng khám sạch sẽ.",
                         "Thủ tục nhanh gọn, cảm ơn bệnh viện.", "Điều dưỡng chu đáo, tôi rất hài lòng."};
const char* kBadVi[] = {"Thời gian chờ đợi quá lâu, hơn hai tiếng.", "Thái độ nhân viên quầy thu ngân chưa tốt.",
                        "Nhà vệ sinh không sạch, cần cải thiện.", "Bác sĩ khám vội, không giải thích kết quả."};
const char* kGoodZh[] = {"医生很耐心，解释得很清楚。", "护士态度很好，环境干净。", "流程很快，谢谢。"};
const char* kBadZh[] = {"等候时间太长了。", "收费处工作人员态度不好。", "洗手间不干净，需要改进。"};

std::string pick_comment(std::mt19937_64& rng, bool good, bool zh) {
  if (zh) return good ? kGoodZh[rng() % 3] : kBadZh[rng() % 3];
  return good ? kGoodVi[rng() % 4] : kBadVi[rng() % 4];
}

int64_t insert_template(Connection& c, const std::string& key, const std::string& now) {
  for (const auto& t : survey::embedded_templates()) {
    if (t.key != key) continue;
    json def = json::parse(t.json);
    auto q = survey::parse(def);
    if (!q) throw std::runtime_error("template " + key + " is invalid: " + q.error().message);
    std::string title = survey::text_of(def["title"], "vi");
    return store::survey::insert_demo_survey(c, title, q->definition.dump(), text::fold(title), now);
  }
  throw std::runtime_error("no template " + key);
}

}  // namespace

Result<int64_t> generate_responses(store::Database& db, int64_t survey_id, int64_t count, uint64_t seed, const Progress& progress) {
  auto lease = db.acquire();
  auto& c = *lease;
  auto q = questionnaire_of(c, survey_id);
  if (!q) return not_found("survey");
  Model m(*q);
  struct Unit {
    int64_t id;
    double effect;
    std::vector<int64_t> staff;
  };
  std::vector<Unit> units;
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> N(0, 1);
  for (int64_t id : store::survey::staffed_unit_ids(c)) units.push_back({id, 0.35 * N(rng), {}});
  if (units.empty()) return invalid("generate.no_units", "units", "create units with staff first (servq demo)");
  for (auto& u : units) u.staff = store::survey::unit_staff_ids(c, u.id);
  const char* categories[] = {"long_term", "referred", "first_time", ""};
  const char* channels[] = {"link", "letter", "kiosk"};
  int64_t end = now_unix() - 3600, start = end - 365LL * 86400;
  std::string citem = m.comment_item();
  int64_t done = 0;
  // The sums stay in memory until the end (a year of cells is a few hundred MB at most), so each
  // cell is written once instead of once per chunk. A benchmark tool: if it is interrupted, the
  // rows written so far are in the table but not in the cells; run it on a scratch database.
  CellBatch cells(org_zone(c));
  while (done < count) {
    Tx tx(c);
    int64_t chunk = std::min<int64_t>(count - done, 20000);
    // Each chunk covers its own stretch of the year, in time order, as responses arrive: the
    // time-ordered indexes then grow at their ends.
    std::vector<int64_t> times(static_cast<size_t>(chunk));
    int64_t span = end - start, lo = start + span * done / count, hi = start + span * (done + chunk) / count;
    for (auto& t : times) t = lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(std::max<int64_t>(1, hi - lo)));
    std::sort(times.begin(), times.end());
    for (int64_t i = 0; i < chunk; i += 400) {
      int64_t rows = std::min<int64_t>(chunk - i, 400);
      std::vector<store::survey::GeneratedResponse> generated;
      generated.reserve(static_cast<size_t>(rows));
      for (int64_t j = 0; j < rows; ++j) {
        const Unit& u = units[rng() % units.size()];
        std::optional<int64_t> staff;
        if (!u.staff.empty() && rng() % 4 != 0) staff = u.staff[rng() % u.staff.size()];
        std::string cat = categories[rng() % 4];
        std::string ch = channels[rng() % 3];
        std::string at = timeutil::format_utc(times[static_cast<size_t>(i + j)]);
        double g = N(rng) + u.effect;
        auto v = m.draw(rng, g);
        bool zh = rng() % 10 == 0;
        std::string comment = !citem.empty() && rng() % 8 == 0 ? pick_comment(rng, g > -0.3, zh) : "";
        auto s = m.scored(v);
        cells.add(*q, survey_id, u.id, staff, cat, ch, std::nullopt, at, s);
        generated.push_back({survey_id, std::move(ch), u.id, staff, std::move(cat), std::move(at), zh ? "zh-cn" : "vi",
                             m.answers_json(v, citem, comment),
                             comment.empty() ? std::nullopt : std::optional<std::string>(text::fold(comment))});
      }
      store::survey::insert_generated(c, std::move(generated));
    }
    tx.commit();
    done += chunk;
    if (progress) progress("generate", static_cast<size_t>(done), static_cast<size_t>(count));
  }
  {
    Tx tx(c);
    cells.flush(c);
    tx.commit();
  }
  store::refresh_statistics(c, {"survey_responses", "survey_cells"});
  return done;
}

namespace {

// The demo's three surveys and their campaigns.
struct DemoSurveys {
  int64_t letter_id, kiosk_id, servqual_id;  // surveys
  int64_t c_letter, c_kiosk, c_servqual;     // campaigns
};

// The three templates and their campaigns (the letter per encounter and the SERVQUAL survey per
// customer, both from `opens`; the kiosks' open-ended one), in one transaction.
DemoSurveys demo_surveys_and_campaigns(store::Database& db, const std::string& now, const std::string& opens) {
  const std::string year =
      opens.substr(0, 4) == now.substr(0, 4) ? now.substr(0, 4) : opens.substr(0, 4) + "–" + now.substr(0, 4);
  DemoSurveys s{};
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  s.servqual_id = insert_template(c, "servqual", now);
  s.letter_id = insert_template(c, "after_service", now);
  s.kiosk_id = insert_template(c, "kiosk", now);
  auto campaign = [&](int64_t survey, const std::string& name, const std::string& channel, const json& segment) {
    return store::survey::insert_demo_campaign(c, survey, name, channel, opens, segment.dump(), now);
  };
  json seg = {{"category", nullptr}, {"unit", nullptr}, {"from", opens}, {"to", nullptr}, {"consent_only", true}};
  json per_encounter = seg, per_customer = seg;
  per_encounter["per"] = "encounter";
  per_customer["per"] = "customer";
  s.c_letter = campaign(s.letter_id, "Thư cảm ơn sau khám " + year, "letter", per_encounter);
  s.c_kiosk = campaign(s.kiosk_id, "Đánh giá tại quầy", "kiosk", json::object());
  s.c_servqual = campaign(s.servqual_id, "Khảo sát SERVQUAL " + year, "link", per_customer);
  tx.commit();
  return s;
}

// The demo's respondents: one random sequence with its two distributions (the normal one keeps
// state between draws), each unit's effect on the mood, and what was answered.
struct DemoRespondents {
  std::mt19937_64 rng;
  std::normal_distribution<double> N{0, 1};
  std::uniform_real_distribution<double> U{0, 1};
  int64_t now_t;
  std::map<int64_t, double> unit_effect;
  int64_t n = 0, cases = 0;

  // One respondent's answers, through the same checks as a real submission: the demo never
  // stores what the API refuses.
  PendingResponse answer(const survey::Questionnaire& q, int64_t campaign, std::optional<int64_t> inv,
                         std::optional<int64_t> unit, std::optional<int64_t> staff, std::optional<int64_t> customer,
                         const std::string& category, const std::string& channel, int64_t when) {
    Model m(q);
    double g = N(rng) + (unit ? unit_effect[*unit] : 0);
    auto v = m.draw(rng, g);
    bool zh = U(rng) < 0.1;
    std::string citem = m.comment_item();
    std::string comment = !citem.empty() && U(rng) < (g < -0.8 ? 0.7 : 0.2) ? pick_comment(rng, g > -0.3, zh) : "";
    PendingResponse full;
    full.answers = m.answers_json(v, citem, comment);
    auto s = survey::score(q, json::parse(full.answers));
    if (!s) throw std::runtime_error("demo answers rejected: " + s.error().message);
    full.scored = *s;
    if (!comment.empty()) full.comment_search = text::fold(comment);
    // Only the last four hours' detractors wait for a call: a follow-up case (a medium complaint)
    // must be acknowledged within 8 hours, so an older one would be past its deadline at the
    // first start (the demo's queue is meant to look like a normal day).
    if (auto why = survey::followup_reason(q, *s); why && now_t - when < 4 * 3600) {
      full.followup = *why;
      ++cases;
    }
    full.campaign_id = campaign;
    full.invitation_id = inv;
    full.unit_id = unit;
    full.staff_id = staff;
    full.customer_id = customer;
    full.category = category;
    full.channel = channel;
    full.submitted_at = timeutil::format_utc(when);
    full.lang = zh ? "zh-cn" : "vi";
    ++n;
    return full;
  }
};

// Letters: about 45 % answer, one to six days after the visit; the last fortnight's letters are
// still out (their links stay unused).
void answer_letters(Connection& c, DemoRespondents& r, const survey::Questionnaire& q, int64_t campaign,
                    std::vector<PendingResponse>& batch) {
  for (const auto& i : store::survey::campaign_invitations(c, campaign)) {
    auto t = timeutil::parse_to_unix(i.encounter_at);
    if (!t || r.U(r.rng) > 0.45) continue;
    int64_t when = *t + 86400 + static_cast<int64_t>(r.rng() % (5 * 86400));
    if (when > r.now_t - 14 * 86400) continue;
    batch.push_back(r.answer(q, campaign, i.id, i.unit_id, i.staff_id, i.customer_id, i.category, "letter", when));
  }
}

// The yearly SERVQUAL survey: about 35 % of the invited customers, spread over the year.
void answer_servqual(Connection& c, DemoRespondents& r, const survey::Questionnaire& q, int64_t campaign,
                     std::vector<PendingResponse>& batch) {
  for (const auto& i : store::survey::campaign_invitations(c, campaign)) {
    if (r.U(r.rng) > 0.35) continue;
    auto t = timeutil::parse_to_unix(i.encounter_at).value_or(r.now_t - 30 * 86400);
    int64_t when = std::min(r.now_t - 15 * 86400, t + 2 * 86400 + static_cast<int64_t>(r.rng() % (10 * 86400)));
    batch.push_back(r.answer(q, campaign, i.id, i.unit_id, i.staff_id, i.customer_id, i.category, "link", when));
  }
}

// Kiosks at every department with staff: a few answers a day each.
void answer_kiosks(Connection& c, DemoRespondents& r, const survey::Questionnaire& q, int64_t campaign,
                   const std::string& now, std::vector<PendingResponse>& batch) {
  for (int64_t unit : store::survey::staffed_unit_ids(c)) {
    // Random like every kiosk code: a guessable one would let anyone answer for any department.
    std::string code = random_token(10);
    store::survey::insert_kiosk(c, campaign, code, unit, now);
    int64_t per_unit = 1200 + static_cast<int64_t>(r.rng() % 600);
    for (int64_t k = 0; k < per_unit; ++k) {
      int64_t when = r.now_t - 365 * 86400 + static_cast<int64_t>(r.rng() % (365 * 86400 - 3600));
      batch.push_back(r.answer(q, campaign, std::nullopt, unit, std::nullopt, std::nullopt, "", "kiosk", when));
    }
  }
}

// A year of answers to the three surveys, stored in the order they arrived, and the follow-up
// cases of the recent detractors; one transaction.
void answer_demo_surveys(store::Database& db, DemoRespondents& r, const DemoSurveys& s, const std::string& now) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  for (int64_t id : store::org::all_unit_ids(c)) r.unit_effect[id] = 0.4 * r.N(r.rng);
  auto q_letter = questionnaire_of(c, s.letter_id);
  auto q_kiosk = questionnaire_of(c, s.kiosk_id);
  auto q_servqual = questionnaire_of(c, s.servqual_id);
  std::vector<PendingResponse> batch;
  answer_letters(c, r, *q_letter, s.c_letter, batch);
  answer_servqual(c, r, *q_servqual, s.c_servqual, batch);
  answer_kiosks(c, r, *q_kiosk, s.c_kiosk, now, batch);
  for (auto& p : batch) {
    p.survey_id = p.campaign_id == s.c_letter ? s.letter_id : p.campaign_id == s.c_kiosk ? s.kiosk_id : s.servqual_id;
    p.questionnaire = p.survey_id == s.letter_id ? q_letter : p.survey_id == s.kiosk_id ? q_kiosk : q_servqual;
  }
  std::sort(batch.begin(), batch.end(),
            [](const PendingResponse& a, const PendingResponse& b) { return a.submitted_at < b.submitted_at; });
  for (size_t i = 0; i < batch.size(); i += 2000) {
    std::vector<PendingResponse> chunk(batch.begin() + static_cast<std::ptrdiff_t>(i),
                                       batch.begin() + static_cast<std::ptrdiff_t>(std::min(batch.size(), i + 2000)));
    store_responses(c, chunk);
  }
  while (open_followup_cases(c, 500) > 0) {
  }
  tx.commit();
}  // the connection goes back to the pool before the folder takes one

}  // namespace

// The demo's surveys: the three templates, an after-service letter campaign over the year's
// encounters, kiosks at every department's counter and the yearly SERVQUAL survey by personal
// link — with answers. Detractors of the last four hours opened feedback cases (F5).
Result<json> create_demo_surveys(store::Database& db, uint64_t seed) {
  int64_t now_t = now_unix();
  std::string now = timeutil::format_utc(now_t);
  const std::string opens = timeutil::format_utc(demo_start_of_window(now_t).first);
  DemoSurveys s = demo_surveys_and_campaigns(db, now, opens);
  Actor sys = system_actor("demo");
  // Personal links for the letter campaign (per encounter) and the yearly survey (per customer).
  if (auto r = create_invitations(db, sys, s.c_letter); !r) return r.error();
  if (auto r = create_invitations(db, sys, s.c_servqual); !r) return r.error();
  DemoRespondents respondents{.rng = std::mt19937_64(seed), .now_t = now_t};
  answer_demo_surveys(db, respondents, s, now);
  fold_all(db);
  store::refresh_statistics(*db.acquire(), {"survey_responses", "survey_invitations", "survey_cells"});
  return json{{"surveys", 3}, {"campaigns", 3}, {"responses", respondents.n}, {"feedback_cases", respondents.cases}};
}

}  // namespace servq::service
