#include "service/survey_analysis.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <tuple>

#include "core/survey/questionnaire.h"
#include "core/text.h"
#include "core/time.h"
#include "service/org_service.h"
#include "service/settings/org_settings.h"
#include "service/survey_service.h"
#include "stats/compare.h"
#include "stats/stats.h"
#include "store/dialect.h"
#include "store/settings/settings_repo.h"
#include "store/survey/analysis_repo.h"
#include "store/survey/cells_repo.h"
#include "store/survey/fold_repo.h"

namespace servq::service {

using store::Connection;
using store::Params;
using store::Tx;

namespace {

// ---- cells ----

using store::survey::CellKey;

// A cell's vector as text. Scores are whole numbers, so nearly every cell holds whole-number
// sums: those are written as zig-zag varints ("v" + base64, a third of the size of raw doubles);
// any other cell as raw little-endian doubles ("d" + base64).
std::string encode(const std::vector<double>& v) {
  static_assert(sizeof(double) == 8);
  bool integral = std::all_of(v.begin(), v.end(), [](double x) { return std::floor(x) == x && std::fabs(x) < 9.0e15; });
  std::vector<unsigned char> bytes;
  char kind = integral ? 'v' : 'd';
  if (integral) {
    bytes.reserve(v.size() * 3);
    for (double x : v) {
      auto i = static_cast<int64_t>(x);
      uint64_t z = (static_cast<uint64_t>(i) << 1) ^ static_cast<uint64_t>(i >> 63);
      while (z >= 0x80) {
        bytes.push_back(static_cast<unsigned char>(z | 0x80));
        z >>= 7;
      }
      bytes.push_back(static_cast<unsigned char>(z));
    }
  } else {
    bytes.resize(v.size() * 8);
    std::memcpy(bytes.data(), v.data(), bytes.size());  // little-endian on every platform we build for
  }
  std::string out(1 + sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL_NO_PADDING), '\0');
  out[0] = kind;
  sodium_bin2base64(out.data() + 1, out.size() - 1, bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  out.resize(1 + std::strlen(out.c_str() + 1));
  return out;
}

// Adds the vector encoded in `text` to `into` (sizes must agree; a mismatch is skipped).
bool add_encoded(const std::string& text, std::vector<double>& into) {
  if (text.empty()) return false;
  thread_local std::vector<unsigned char> bytes;
  bytes.resize(into.size() * 10 + 16);
  size_t len = 0;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data() + 1, text.size() - 1, nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0)
    return false;
  const unsigned char* p = bytes.data();
  if (text[0] == 'd') {
    if (len != into.size() * 8) return false;
    for (size_t i = 0; i < into.size(); ++i) {
      double d;
      std::memcpy(&d, p + i * 8, 8);
      into[i] += d;
    }
    return true;
  }
  size_t pos = 0;
  for (size_t i = 0; i < into.size(); ++i) {
    uint64_t z = 0;
    int shift = 0;
    for (;;) {
      if (pos >= len || shift > 63) return false;
      unsigned char b = p[pos++];
      z |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
      shift += 7;
    }
    auto x = static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
    into[i] += static_cast<double>(x);
  }
  return pos == len;
}

struct RawRow {
  int64_t id, survey_id;
  std::optional<int64_t> unit_id, staff_id, campaign_id;
  std::string category, channel, submitted_at, answers;
};

// The cells a response adds to: its local month and day in the organisation's calendar.
std::vector<CellKey> keys_of(const RawRow& r, timeutil::LocalCalendar& cal) {
  CellKey k;
  k.survey_id = r.survey_id;
  k.unit_id = r.unit_id.value_or(0);
  k.category = r.category;
  k.channel = r.channel;
  k.campaign_id = r.campaign_id.value_or(0);
  std::vector<CellKey> out;
  const std::string day = cal.date(timeutil::parse_to_unix(r.submitted_at).value_or(0)), month = day.substr(0, 7);
  auto both_grains = [&](CellKey c) {
    c.grain = "m";
    c.period = month;
    out.push_back(c);
    c.grain = "d";
    c.period = day;
    out.push_back(c);
  };
  both_grains(k);  // every filter
  CellKey all = k;  // the roll-up most slices read: any category, channel and campaign
  all.category = "*";
  all.channel = "*";
  all.campaign_id = 0;
  both_grains(all);
  if (r.staff_id) {  // per staff member, with every filter
    CellKey s = k;
    s.staff_id = *r.staff_id;
    both_grains(s);
  }
  return out;
}

// Reads a setting as an integer.
int64_t setting_int(Connection& c, const std::string& key, int64_t def) {
  auto v = store::settings::get(c, key);
  if (!v) return def;
  try {
    return std::stoll(*v);
  } catch (...) {
    return def;
  }
}

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
// Counts are sums of doubles in the cells but whole numbers: print them as integers.
json cnt(double v) { return json(static_cast<int64_t>(std::llround(v))); }

}  // namespace

struct CellBatch::Impl {
  explicit Impl(timeutil::Zone zone) : calendar(std::move(zone)) {}
  timeutil::LocalCalendar calendar;
  std::map<CellKey, std::vector<double>> delta;
};
CellBatch::CellBatch(timeutil::Zone zone) : impl_(std::make_unique<Impl>(std::move(zone))) {}
CellBatch::~CellBatch() = default;
size_t CellBatch::cells() const { return impl_->delta.size(); }

void CellBatch::add(const survey::Questionnaire& q, int64_t survey_id, std::optional<int64_t> unit_id,
                    std::optional<int64_t> staff_id, const std::string& category, const std::string& channel,
                    std::optional<int64_t> campaign_id, const std::string& submitted_at, const survey::Scored& s) {
  RawRow r{0, survey_id, unit_id, staff_id, campaign_id, category, channel, submitted_at, ""};
  for (const auto& k : keys_of(r, impl_->calendar)) {
    auto& v = impl_->delta[k];
    if (v.empty()) v.assign(q.layout.size, 0.0);
    survey::accumulate(q, s, v);
  }
}

void CellBatch::flush(Connection& c) {
  for (auto& [k, v] : impl_->delta) {
    if (auto cur = store::survey::cell_data(c, k)) add_encoded(*cur, v);
    store::survey::put_cell(c, k, static_cast<int64_t>(std::llround(v[0])), encode(v));
  }
  impl_->delta.clear();
}

int64_t fold_responses(store::Database& db, int64_t limit) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  // One folder at a time: cells are read, added to and written back.
  store::survey::take_cell_writers_turn(c);
  auto rows = store::survey::unfolded_responses(c, limit);
  if (rows.empty()) return 0;
  std::map<int64_t, std::shared_ptr<const survey::Questionnaire>> qs;
  CellBatch batch(org_zone(c));
  for (const auto& r : rows) {
    auto& q = qs[r.survey_id];
    if (!q) q = questionnaire_of(c, r.survey_id);
    if (!q) continue;
    auto s = survey::score(*q, json::parse(r.answers, nullptr, false), survey::Check::stored);
    if (!s) {
      spdlog::warn("{}", json{{"event", "fold_skipped"}, {"response_id", r.id}, {"code", s.error().code}}.dump());
      continue;
    }
    batch.add(*q, r.survey_id, r.unit_id, r.staff_id, r.category, r.channel, r.campaign_id, r.submitted_at, *s);
  }
  batch.flush(c);
  std::vector<int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& r : rows) ids.push_back(r.id);
  store::survey::mark_folded(c, ids);
  tx.commit();
  return static_cast<int64_t>(rows.size());
}

void checkpoint(store::Database& db) {
  auto lease = db.acquire();
  store::dialect::checkpoint_wal(*lease);
}

int64_t fold_all(store::Database& db) {
  int64_t total = 0;
  for (;;) {
    int64_t n = fold_responses(db, 20000);
    total += n;
    if (n == 0) return total;
  }
}

// ---------------------------------------------------------------------------------------------
// The slice

namespace {

struct Slice {
  store::survey::SliceFilter f;          // unit subtree, staff, category, channel, campaign
  std::optional<std::string> from, to;  // dates YYYY-MM-DD (inclusive) or date-times
  bool exact_dates = true;              // both are plain dates: cells can answer
};

bool is_date(const std::string& s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' && timeutil::parse_iso8601(s).has_value();
}

// `scope`: the caller's, computed once by the use case.
Result<Slice> read_slice(Connection& c, const Actor& a, const UnitScope& scope, const ListQuery& q, const char* from_key,
                         const char* to_key) {
  Slice s;
  // Heads and staff read the figures of their unit's subtree (suppressed below min_group).
  bool scoped = !scope.all();
  if (scoped && (scope.unit_path().empty() || !a.unit_id))
    return forbidden("an account without a unit sees no survey results");
  std::string unit = q.get("unit");
  if (unit.empty() && scoped) unit = store::survey::unit_code(c, *a.unit_id).value_or("");
  if (!unit.empty()) {
    auto ids = store::survey::figure_subtree(c, scope, unit);
    if (!ids) return not_found("unit");
    s.f.unit_ids = std::move(*ids);
  }
  if (q.has("staff")) {
    auto st = store::survey::find_slice_staff(c, scope, q.get("staff"));
    if (!st) return invalid("survey.staff_unknown", "staff", "staff '" + q.get("staff") + "' does not exist");
    if (!st->in_scope) return not_found("staff");
    s.f.staff_id = st->id;
  }
  if (q.has("category")) s.f.category = q.get("category");
  if (q.has("channel")) {
    static const std::vector<std::string> channels = {"link", "letter", "kiosk", "paper", "import"};
    if (std::find(channels.begin(), channels.end(), q.get("channel")) == channels.end())
      return invalid("survey.channel_invalid", "channel", "channel must be link, letter, kiosk, paper or import");
    s.f.channel = q.get("channel");
  }
  if (q.has("campaign")) {
    try {
      s.f.campaign_id = std::stoll(q.get("campaign"));
    } catch (...) {
      return invalid("survey.campaign_invalid", "campaign", "campaign must be a campaign id");
    }
  }
  for (auto [key, target, end] : {std::tuple{from_key, &s.from, false}, std::tuple{to_key, &s.to, true}}) {
    if (!q.has(key)) continue;
    std::string v = q.get(key);
    if (is_date(v)) {
      *target = v;
    } else {
      auto t = timeutil::normalize_iso8601(v, org_zone(c));  // without offset: local time
      if (!t) return invalid(std::string("survey.") + key + "_invalid", key, std::string(key) + " must be a date like 2026-01-31");
      *target = *t;
      s.exact_dates = false;
    }
    (void)end;
  }
  if (s.from && s.to && *s.from > *s.to) return invalid("survey.period_invalid", to_key, std::string(to_key) + " is before " + from_key);
  return s;
}

std::string last_day_of_month(const std::string& month) {  // "2026-02" → "2026-02-28"
  int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int d = days[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) d = 29;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s-%02d", month.c_str(), d);
  return buf;
}
std::string next_month(const std::string& month) {
  int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
  if (++m > 12) {
    m = 1;
    ++y;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}
std::string prev_month(const std::string& month) {
  int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2));
  if (--m < 1) {
    m = 12;
    --y;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}

// Sums of a slice, per month ("YYYY-MM") and per group key (unit or staff id, for rankings).
struct Sums {
  std::map<std::string, std::vector<double>> by_month;
  std::map<int64_t, std::vector<double>> by_group;
  std::vector<double> total;
};

enum class Group { none, unit, staff };

class Reader {
 public:
  Reader(Connection& c, const survey::Questionnaire& q, int64_t survey_id)
      : c_(c), q_(q), survey_id_(survey_id), cal_(org_zone(c)) {}

  void add(Sums& s, const std::string& month, int64_t group, const std::string& data_or_empty, const survey::Scored* scored) {
    auto& m = s.by_month[month];
    if (m.empty()) m.assign(q_.layout.size, 0.0);
    if (scored) {
      survey::accumulate(q_, *scored, m);
    } else {
      add_encoded(data_or_empty, m);
    }
    if (group_ != Group::none) {
      auto& g = s.by_group[group];
      if (g.empty()) g.assign(q_.layout.size, 0.0);
      if (scored)
        survey::accumulate(q_, *scored, g);
      else
        add_encoded(data_or_empty, g);
    }
  }

  // Adds raw (unfolded, or all when naive) responses of the slice.
  void add_raw(Sums& s, const Slice& sl, bool only_unfolded) {
    std::optional<std::string> from, to;
    if (sl.from) from = sl.from->size() == 10 ? date_bound(*sl.from, false) : *sl.from;
    if (sl.to) to = sl.to->size() == 10 ? date_bound(*sl.to, true) : *sl.to;
    for (auto& r : store::survey::slice_responses(c_, survey_id_, sl.f, from, to, only_unfolded)) {
      if (group_ == Group::staff && !r.staff_id) continue;
      auto sc = survey::score(q_, json::parse(r.answers, nullptr, false), survey::Check::stored);
      if (!sc) continue;
      int64_t g = group_ == Group::unit ? r.unit_id.value_or(0) : group_ == Group::staff ? r.staff_id.value_or(0) : 0;
      add(s, cal_.month(timeutil::parse_to_unix(r.submitted_at).value_or(0)), g, "", &*sc);
    }
  }

  // Adds the folded cells of the slice.
  void add_cells(Sums& s, const Slice& sl) {
    bool staff_cells = sl.f.staff_id.has_value() || group_ == Group::staff;
    auto run = [&](const std::string& grain, std::optional<std::pair<std::string, std::string>> periods = std::nullopt) {
      for (auto& cell : store::survey::slice_cells(c_, survey_id_, sl.f, staff_cells, grain, periods)) {
        int64_t g = group_ == Group::unit ? cell.unit_id : group_ == Group::staff ? cell.staff_id : 0;
        add(s, cell.period.substr(0, 7), g, cell.data, nullptr);
      }
    };
    if (!sl.from && !sl.to) {
      run("m");
      return;
    }
    std::string from = sl.from.value_or("0000-01-01"), to = sl.to.value_or("9999-12-31");
    std::string fm = from.substr(0, 7), tm = to.substr(0, 7);
    // Whole months inside [from, to] from the month cells, the partial months at either end from
    // the day cells.
    std::string first_full = from.substr(8, 2) == "01" ? fm : next_month(fm);
    std::string last_full = to == last_day_of_month(tm) ? tm : prev_month(tm);
    if (first_full <= last_full) {
      run("m", std::pair{first_full, last_full});
      if (fm < first_full) run("d", std::pair{from, last_day_of_month(fm)});
      if (tm > last_full) run("d", std::pair{tm + "-01", to});
    } else {
      run("d", std::pair{from, to});
    }
  }

  Group group_ = Group::none;

 private:
  // A plain date bound as UTC text: the start of that local day, or its last second for `to`.
  std::string date_bound(const std::string& date, bool end) const {
    auto p = timeutil::parse_iso8601(date);
    if (!p) return date;
    auto [b, e] = timeutil::day_bounds(cal_.zone(), p->civil.year, p->civil.month, p->civil.day);
    return timeutil::format_utc(end ? e - 1 : b);
  }
  Connection& c_;
  const survey::Questionnaire& q_;
  int64_t survey_id_;
  timeutil::LocalCalendar cal_;  // months of raw responses, in the organisation's calendar
};

Sums read_sums(Connection& c, const survey::Questionnaire& q, int64_t survey_id, const Slice& sl, bool naive, Group group) {
  Reader rd(c, q, survey_id);
  rd.group_ = group;
  Sums s;
  bool cells_answer = sl.exact_dates;
  if (naive || !cells_answer) {
    rd.add_raw(s, sl, false);
  } else {
    rd.add_cells(s, sl);
    rd.add_raw(s, sl, true);  // responses the folder has not reached yet
  }
  s.total.assign(q.layout.size, 0.0);
  for (auto& [m, v] : s.by_month)
    for (size_t i = 0; i < v.size(); ++i) s.total[i] += v[i];
  return s;
}

// ---- figures from sums ----

const survey::StatLayout::Question* block_of(const survey::Questionnaire& q, std::optional<size_t> item) {
  if (!item) return nullptr;
  for (const auto& b : q.layout.questions)
    if (b.item == *item) return &b;
  return nullptr;
}

json csat_json(const survey::Questionnaire& q, const std::vector<double>& v, double min_group = 0) {
  auto b = block_of(q, q.overall);
  if (!b || v[b->offset] <= 0) return nullptr;
  if (v[b->offset] < min_group) return {{"suppressed", true}};
  double n = v[b->offset], top2 = v[b->offset + 3];
  auto ci = stats::wilson(top2, n);
  return {{"value", top2 / n}, {"ci95", {num(ci.lo), num(ci.hi)}}, {"n", cnt(n)}};
}

struct NpsCounts {
  double promoters = 0, passives = 0, detractors = 0;
};
std::optional<NpsCounts> nps_counts(const survey::Questionnaire& q, const std::vector<double>& v) {
  auto b = block_of(q, q.nps);
  if (!b || v[b->offset] <= 0) return std::nullopt;
  NpsCounts c;
  const auto& scale = q.items[b->item].scale;
  for (size_t i = 0; i < b->values; ++i) {
    double x = scale[i], cnt = v[b->offset + 4 + i];
    if (x >= 9) c.promoters += cnt;
    else if (x >= 7) c.passives += cnt;
    else c.detractors += cnt;
  }
  return c;
}

json nps_json(const survey::Questionnaire& q, const std::vector<double>& v, double min_group = 0) {
  auto c = nps_counts(q, v);
  if (!c) return nullptr;
  if (c->promoters + c->passives + c->detractors < min_group) return {{"suppressed", true}};
  auto r = stats::nps(c->promoters, c->passives, c->detractors);
  return {{"value", num(r.value)}, {"ci95", {num(r.ci.lo), num(r.ci.hi)}}, {"promoters", cnt(c->promoters)},
          {"passives", cnt(c->passives)}, {"detractors", cnt(c->detractors)}, {"n", cnt(r.n)}};
}

stats::MeanSummary summary_of(const std::vector<double>& v, const survey::StatLayout::Question& b) {
  return stats::mean_summary(v[b.offset], v[b.offset + 1], v[b.offset + 2]);
}

json overall_mean(const survey::Questionnaire& q, const std::vector<double>& v) {
  auto b = block_of(q, q.overall);
  if (!b || v[b->offset] <= 0) return nullptr;
  return v[b->offset + 1] / v[b->offset];
}

// One question's block: its place in the questionnaire, counts per value and its summary.
json question_json(const survey::Questionnaire& q, const survey::StatLayout::Question& b, const std::vector<double>& v,
                   double min_group) {
  const auto& it = q.items[b.item];
  double n = v[b.offset];
  json j = {{"name", it.name}, {"type", it.type}, {"dimension", it.dimension.empty() ? json(nullptr) : json(it.dimension)},
            {"question", it.question}};
  // Where the item sits in its question: a matrix row, a multipletext item or ranked choice,
  // a matrixdropdown / matrixdynamic column (per row and per column).
  if (!it.row.empty()) j["row"] = it.row;
  if (!it.column.empty()) j["column"] = it.column;
  if (n < min_group) {
    j["suppressed"] = true;
    return j;
  }
  j["n"] = cnt(n);
  json dist = json::object();
  for (size_t i = 0; i < b.values; ++i) {
    std::string key;
    if (it.scored) {
      std::ostringstream os;
      os << it.scale[i];
      key = os.str();
    } else {
      key = it.choices[i].is_string() ? it.choices[i].get<std::string>() : it.choices[i].dump();
    }
    dist[key] = cnt(v[b.offset + 4 + i]);
  }
  j["distribution"] = dist;
  if (it.numeric || it.scored) {  // expressions, number items, scales: mean, sd and its 95% interval
    auto m = summary_of(v, b);
    j["mean"] = num(m.mean);
    j["sd"] = num(m.sd);
    j["ci95"] = {num(m.ci.lo), num(m.ci.hi)};
  }
  if (it.type == "ranking") {  // rank 1 is the first place
    auto m = summary_of(v, b);
    j["mean_rank"] = num(m.mean);
    j["first_share"] = v[b.offset + 4] / n;
  }
  if (it.scored) j["top2"] = v[b.offset + 3] / n;
  return j;
}

// The dimensions with their means (NAN where suppressed, in `dim_means`) and reliability.
json dimensions_json(const survey::Questionnaire& q, const std::vector<double>& v, double min_group,
                     std::vector<double>& dim_means) {
  json dims = json::array();
  for (const auto& d : q.layout.dimensions) {
    size_t k = d.items.size();
    auto m = stats::Moments::read(std::span<const double>(v).subspan(d.offset, stats::Moments::serialized_size(k)), k);
    json j = {{"name", d.name}};
    if (m.n() < min_group) {
      j["suppressed"] = true;
      dims.push_back(j);
      dim_means.push_back(NAN);
      continue;
    }
    double sum = 0;
    for (size_t i = 0; i < k; ++i) sum += m.sum(i);
    double mean = sum / (static_cast<double>(k) * m.n());
    dim_means.push_back(mean);
    j["n"] = cnt(m.n());
    j["mean"] = mean;
    j["alpha"] = nullptr;
    j["std_alpha"] = nullptr;
    json items = json::array();
    auto rel = stats::cronbach(m);
    for (size_t i = 0; i < k; ++i) {
      json ij = {{"name", q.items[d.items[i]].name}, {"reverse", q.items[d.items[i]].reverse}, {"r_drop", nullptr}, {"alpha_if_deleted", nullptr}};
      if (rel && i < rel->items.size()) {
        ij["r_drop"] = num(rel->items[i].r_drop);
        ij["alpha_if_deleted"] = num(rel->items[i].alpha_if_deleted);
      }
      items.push_back(ij);
    }
    if (rel) {
      j["alpha"] = num(rel->alpha);
      j["std_alpha"] = num(rel->std_alpha);
    }
    j["items"] = items;
    dims.push_back(j);
  }
  return dims;
}

// Importance–performance of the dimensions: split at the means of both axes; equal counts as high.
void ipa_json(const survey::Questionnaire& q, const std::vector<double>& weights, const std::vector<double>& dim_means,
              json& out) {
  double imp_mean = 0, perf_mean = 0;
  size_t cnt = 0;
  for (size_t i = 0; i < weights.size(); ++i)
    if (std::isfinite(dim_means[i])) {
      imp_mean += weights[i];
      perf_mean += dim_means[i];
      ++cnt;
    }
  if (!cnt) return;
  imp_mean /= static_cast<double>(cnt);
  perf_mean /= static_cast<double>(cnt);
  json ipa = json::array();
  for (size_t i = 0; i < weights.size(); ++i) {
    if (!std::isfinite(dim_means[i])) continue;
    bool hi_imp = weights[i] >= imp_mean, hi_perf = dim_means[i] >= perf_mean;
    std::string quad = hi_imp ? (hi_perf ? "keep_up" : "concentrate") : (hi_perf ? "possible_overkill" : "low_priority");
    ipa.push_back({{"name", q.layout.dimensions[i].name}, {"importance", weights[i]},
                   {"performance", dim_means[i]}, {"quadrant", quad}});
  }
  out["ipa"] = ipa;
  out["ipa_split"] = {{"importance", imp_mean}, {"performance", perf_mean}};
}

// Key drivers (relative weights of the dimensions on the overall question) and the IPA.
void drivers_json(const survey::Questionnaire& q, const std::vector<double>& v, double min_group,
                  const std::vector<double>& dim_means, json& out) {
  out["drivers"] = nullptr;
  out["ipa"] = json::array();
  if (!q.layout.drivers_offset) return;
  size_t k = q.layout.dimensions.size() + 1;
  auto m = stats::Moments::read(std::span<const double>(v).subspan(*q.layout.drivers_offset, stats::Moments::serialized_size(k)), k);
  if (m.n() < min_group) return;
  auto dr = stats::relative_weights(m);
  if (!dr) return;
  json items = json::array();
  for (size_t i = 0; i + 1 < k; ++i)
    items.push_back({{"name", q.layout.dimensions[i].name}, {"r", num(dr->r[i])}, {"relative_weight", num(dr->relative_weights[i])}});
  out["drivers"] = {{"target", q.items[*q.overall].name}, {"n", cnt(m.n())}, {"r2", num(dr->r2)}, {"items", items}};
  ipa_json(q, std::vector<double>(dr->relative_weights.begin(), dr->relative_weights.begin() + static_cast<std::ptrdiff_t>(k - 1)),
           dim_means, out);
}

json trend_json(const survey::Questionnaire& q, const Sums& s, double min_group) {
  json trend = json::array();
  for (const auto& [month, mv] : s.by_month) {
    if (mv[0] < min_group) {
      trend.push_back({{"month", month}, {"suppressed", true}});
      continue;
    }
    json c = csat_json(q, mv, min_group), n = nps_json(q, mv, min_group);
    trend.push_back({{"month", month}, {"n", cnt(mv[0])}, {"csat", c.is_null() || !c.contains("value") ? json(nullptr) : c["value"]},
                     {"nps", n.is_null() || !n.contains("value") ? json(nullptr) : n["value"]}, {"mean", overall_mean(q, mv)}});
  }
  return trend;
}

json analysis_json(const survey::Questionnaire& q, const Sums& s, double min_group) {
  const auto& v = s.total;
  json out;
  out["n"] = cnt(v[0]);
  out["suppressed"] = false;
  out["csat"] = csat_json(q, v, min_group);
  out["nps"] = nps_json(q, v, min_group);
  json questions = json::array();
  for (const auto& b : q.layout.questions) questions.push_back(question_json(q, b, v, min_group));
  out["questions"] = questions;
  std::vector<double> dim_means;
  out["dimensions"] = dimensions_json(q, v, min_group, dim_means);
  drivers_json(q, v, min_group, dim_means, out);
  out["trend"] = trend_json(q, s, min_group);
  return out;
}

json compare_json(const survey::Questionnaire& q, const std::vector<double>& a, const std::vector<double>& b) {
  json out;
  auto ob = block_of(q, q.overall);
  if (ob && a[ob->offset] > 0 && b[ob->offset] > 0) {
    auto z = stats::two_proportion_z(a[ob->offset + 3], a[ob->offset], b[ob->offset + 3], b[ob->offset]);
    if (z) out["csat"] = {{"diff", num(z->diff)}, {"z", num(z->statistic)}, {"p_value", num(z->p_value)}};
  }
  auto na = nps_counts(q, a), nb = nps_counts(q, b);
  if (na && nb) {
    auto x = stats::nps(na->promoters, na->passives, na->detractors);
    auto y = stats::nps(nb->promoters, nb->passives, nb->detractors);
    auto z = stats::nps_difference(x, na->promoters, na->detractors, y, nb->promoters, nb->detractors);
    if (z) out["nps"] = {{"diff", num(z->diff)}, {"z", num(z->statistic)}, {"p_value", num(z->p_value)}};
  }
  json qs = json::array();
  for (const auto& bl : q.layout.questions) {
    const auto& it = q.items[bl.item];
    if (!it.scored) continue;
    auto t = stats::welch_t(summary_of(a, bl), summary_of(b, bl));
    if (!t) continue;
    qs.push_back({{"name", it.name}, {"diff", num(t->diff)}, {"t", num(t->statistic)}, {"df", num(t->df)}, {"p_value", num(t->p_value)}});
  }
  out["questions"] = qs;
  return out;
}

json filters_json(const ListQuery& q) {
  json f = json::object();
  for (const char* k : {"from", "to", "unit", "staff", "category", "channel", "campaign", "compare_from", "compare_to"})
    if (q.has(k)) f[k] = q.get(k);
  return f;
}

Result<double> min_group_of(Connection& c, const ListQuery& q) {
  double floor = static_cast<double>(setting_int(c, "survey_min_group", 5));
  if (!q.has("min_group")) return floor;
  try {
    double v = std::stod(q.get("min_group"));
    if (v < floor)
      return invalid("survey.min_group_invalid", "min_group", "min_group may not be below the organisation's minimum of " +
                                                                   std::to_string(static_cast<int>(floor)));
    return v;
  } catch (...) {
    return invalid("survey.min_group_invalid", "min_group", "min_group must be a whole number");
  }
}

}  // namespace

namespace {

// What every analysis reads first, in its read-only snapshot: the questionnaire, the caller's
// scope, the slice of the query's from/to and filters, and the smallest group shown.
struct AnalysisInput {
  std::shared_ptr<const survey::Questionnaire> qn;
  UnitScope scope;
  Slice slice;
  double min_group = 0;
};

Result<AnalysisInput> analysis_input(Connection& c, const Actor& a, int64_t survey_id, const ListQuery& q) {
  store::dialect::snapshot_reads(c);  // cells and the not-yet-folded responses must agree
  auto qn = questionnaire_of(c, survey_id);
  if (!qn) return not_found("survey");
  const UnitScope scope = UnitScope::of(a);
  auto sl = read_slice(c, a, scope, q, "from", "to");
  if (!sl) return sl.error();
  auto mg = min_group_of(c, q);
  if (!mg) return mg.error();
  return AnalysisInput{std::move(qn), scope, std::move(*sl), *mg};
}

}  // namespace

Result<json> analyze_survey(store::Database& db, const Actor& a, int64_t survey_id, const ListQuery& q, bool naive) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c, false);
  auto in = analysis_input(c, a, survey_id, q);
  if (!in) return in.error();
  const auto& qn = in->qn;
  const auto& scope = in->scope;
  const double mg = in->min_group;
  Sums s = read_sums(c, *qn, survey_id, in->slice, naive, Group::none);
  json out = {{"survey_id", survey_id}, {"filters", filters_json(q)}, {"min_group", cnt(mg)}};
  if (s.total[0] < mg) {
    out["suppressed"] = true;
    return out;
  }
  json figures = analysis_json(*qn, s, mg);
  for (auto& [k, v] : figures.items()) out[k] = v;
  if (q.has("compare_from") || q.has("compare_to")) {
    auto cs = read_slice(c, a, scope, q, "compare_from", "compare_to");
    if (!cs) return cs.error();
    Sums other = read_sums(c, *qn, survey_id, *cs, naive, Group::none);
    if (other.total[0] < mg) {
      out["compare"] = {{"from", q.get("compare_from")}, {"to", q.get("compare_to")}, {"suppressed", true}};
    } else {
      json cmp = compare_json(*qn, s.total, other.total);
      cmp["from"] = q.get("compare_from");
      cmp["to"] = q.get("compare_to");
      cmp["n"] = cnt(other.total[0]);
      cmp["csat_value"] = csat_json(*qn, other.total, mg);
      cmp["nps_value"] = nps_json(*qn, other.total, mg);
      out["compare"] = cmp;
    }
  }
  return out;
}

Result<json> survey_ranking(store::Database& db, const Actor& a, int64_t survey_id, const ListQuery& q) {
  std::string by = q.get("by").empty() ? "unit" : q.get("by");
  if (by != "unit" && by != "staff") return invalid("survey.ranking_by_invalid", "by", "by must be unit or staff");
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c, false);
  auto in = analysis_input(c, a, survey_id, q);
  if (!in) return in.error();
  const auto& qn = in->qn;
  const double mg = in->min_group;
  Sums s = read_sums(c, *qn, survey_id, in->slice, false, by == "unit" ? Group::unit : Group::staff);
  std::map<int64_t, std::pair<std::string, std::string>> names;
  for (auto& l : by == "unit" ? store::survey::unit_labels(c) : store::survey::staff_labels(c))
    names[l.id] = {std::move(l.key), std::move(l.name)};
  json items = json::array();
  for (const auto& [id, v] : s.by_group) {
    auto nm = names.count(id) ? names[id] : std::make_pair(std::string(), std::string());
    json j = {{"key", id ? json(nm.first) : json(nullptr)}, {"name", id ? json(nm.second) : json(nullptr)}};
    if (v[0] < mg) {
      j["suppressed"] = true;
    } else {
      json cs = csat_json(*qn, v, mg), np = nps_json(*qn, v, mg);
      j["n"] = cnt(v[0]);
      j["csat"] = cs.is_null() || !cs.contains("value") ? json(nullptr) : cs["value"];
      j["csat_ci95"] = cs.is_null() || !cs.contains("ci95") ? json(nullptr) : cs["ci95"];
      j["nps"] = np.is_null() || !np.contains("value") ? json(nullptr) : np["value"];
      j["mean"] = overall_mean(*qn, v);
    }
    items.push_back(j);
  }
  std::stable_sort(items.begin(), items.end(), [](const json& x, const json& y) {
    double a = x.contains("csat") && x["csat"].is_number() ? x["csat"].get<double>() : -1;
    double b = y.contains("csat") && y["csat"].is_number() ? y["csat"].get<double>() : -1;
    return a > b;
  });
  return json{{"survey_id", survey_id}, {"by", by}, {"min_group", cnt(mg)}, {"filters", filters_json(q)}, {"items", items}};
}

}  // namespace servq::service
