#include "service/feedback_service.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "core/csv.h"
#include "core/feedback/workflow.h"
#include "core/phone.h"
#include "core/text.h"
#include "core/time.h"
#include "service/org_service.h"
#include "service/settings_service.h"

namespace servq::service {
namespace {

using store::Connection;
using store::Params;
using store::Row;
using store::Tx;
using store::Value;
namespace fb = servq::feedback;

const char* kCaseSelect =
    "SELECT f.id, f.reference, f.external_id, f.received_at, f.channel, f.kind, f.customer_id, f.customer_name, "
    "f.customer_phone, f.customer_address, f.content, u.code, s.employee_code, f.category, f.severity, f.status, "
    "f.handler, f.receiver, f.resolution, f.unfounded_explanation, f.callback_attempts, f.reopen_count, "
    "f.acknowledged_at, f.resolved_at, f.closed_at, f.ack_due, f.resolve_due, f.callback_due, u.path, f.receiver_id, "
    "f.staff_id FROM feedback f LEFT JOIN units u ON u.id = f.unit_id LEFT JOIN staff s ON s.id = f.staff_id";

const char* kOpenStatuses = "('received', 'verifying', 'in_progress')";

json opt_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

int callback_max_attempts(Connection& c) {
  auto r = c.query_one("SELECT value FROM settings WHERE key = 'callback_max_attempts'");
  try {
    return r ? std::max(1, std::stoi(r->str(0))) : 3;
  } catch (...) {
    return 3;
  }
}

fb::Relation relation(const Actor& a, const Row& r) {
  fb::Relation rel;
  rel.receiver = r.opt_i64(29) && *r.opt_i64(29) == a.user_id && a.user_id != 0;
  auto path = r.opt(28);
  rel.unit_head = a.role == Role::head && path && UnitScope::of(a).covers(*path);
  rel.quality = a.role == Role::quality || a.role == Role::admin;
  return rel;
}

fb::CaseState state_of(const Row& r) {
  return {r.str(15), r.str(16) == "unit_head" ? fb::Handler::unit_head : fb::Handler::receiver,
          static_cast<int>(r.i64(20))};
}

json overdue_reasons(const Row& r, const std::string& now) {
  json out = json::array();
  const std::string& st = r.str(15);
  auto before_now = [&](size_t i) { return r.opt(i) && *r.opt(i) < now; };
  if (st == "received" && before_now(25)) out.push_back("acknowledge");
  if ((st == "received" || st == "verifying" || st == "in_progress") && before_now(26)) out.push_back("resolve");
  if (st == "resolved" && before_now(27)) out.push_back("callback");
  return out;
}

json case_json(const Row& r, const Actor& a, const std::string& now, int max_attempts) {
  bool pii = access::sees_pii(a);
  json reasons = overdue_reasons(r, now);
  json j = {{"id", r.i64(0)},
            {"reference", r.str(1)},
            {"external_id", opt_json(r.opt(2))},
            {"received_at", r.str(3)},
            {"channel", r.str(4)},
            {"kind", r.str(5)},
            {"customer",
             {{"id", r.opt_i64(6) ? json(*r.opt_i64(6)) : json(nullptr)},
              {"name", pii ? opt_json(r.opt(7)) : json(nullptr)},
              {"phone", pii ? opt_json(r.opt(8)) : json(nullptr)},
              {"address", pii ? opt_json(r.opt(9)) : json(nullptr)}}},
            {"content", r.str(10)},
            {"unit", opt_json(r.opt(11))},
            {"staff", opt_json(r.opt(12))},
            {"category", r.str(13)},
            {"severity", r.str(14)},
            {"status", r.str(15)},
            {"handler", r.str(16)},
            {"receiver", r.str(17)},
            {"resolution", opt_json(r.opt(18))},
            {"unfounded_explanation", opt_json(r.opt(19))},
            {"callback_attempts", r.i64(20)},
            {"reopen_count", r.i64(21)},
            {"acknowledged_at", opt_json(r.opt(22))},
            {"resolved_at", opt_json(r.opt(23))},
            {"closed_at", opt_json(r.opt(24))},
            {"ack_due", opt_json(r.opt(25))},
            {"resolve_due", opt_json(r.opt(26))},
            {"callback_due", opt_json(r.opt(27))},
            {"overdue", !reasons.empty()},
            {"overdue_reasons", reasons},
            {"pii_masked", !pii}};
  j["allowed_actions"] = fb::allowed_actions(state_of(r), relation(a, r), max_attempts);
  return j;
}

// ---- filters -------------------------------------------------------------------------------

std::pair<std::string, Params> in_list(const std::vector<std::string>& values) {
  std::string sql = "(";
  Params p;
  for (size_t i = 0; i < values.size(); ++i) {
    sql += i ? ", ?" : "?";
    p.push_back(values[i]);
  }
  return {sql + ")", p};
}

// Cases the caller reads: those of the units in reach, and always those they received.
void scope_filter(Connection& c, const UnitScope& scope, Where& w) {
  switch (scope.kind()) {
    case UnitScope::Kind::all: return;
    case UnitScope::Kind::subtree: {
      auto [in, ids] = unit_subtree_in(c, scope.unit_path());
      ids.push_back(scope.user_id());
      w.add("f.unit_id IN " + in + " OR f.receiver_id = ?", ids);
      return;
    }
    case UnitScope::Kind::own:
      if (scope.staff_id())
        w.add("f.receiver_id = ? OR f.staff_id = ?", {scope.user_id(), *scope.staff_id()});
      else
        w.add("f.receiver_id = ?", {scope.user_id()});
      return;
    case UnitScope::Kind::none: w.add("f.receiver_id = ?", {scope.user_id()}); return;
  }
}

template <size_t N>
Result<std::vector<std::string>> enum_list(const ListQuery& q, const char* field, const std::string_view (&allowed)[N]) {
  std::vector<std::string> out;
  std::string raw = q.get(field);
  size_t pos = 0;
  while (pos <= raw.size()) {
    size_t end = raw.find(',', pos);
    if (end == std::string::npos) end = raw.size();
    std::string v = text::trim(raw.substr(pos, end - pos));
    if (!v.empty()) {
      if (!fb::one_of(v, allowed))
        return invalid(std::string("feedback.") + field + "_invalid", field,
                       std::string(field) + " '" + v + "' is not a known value");
      out.push_back(v);
    }
    pos = end + 1;
  }
  return out;
}

std::string overdue_sql() {
  return std::string("(f.status = 'received' AND f.ack_due < ?) OR (f.status IN ") + kOpenStatuses +
         " AND f.resolve_due < ?) OR (f.status = 'resolved' AND f.callback_due < ?)";
}

// The search terms must occur in the case. A caller who may not read customers' personal data
// searches only the reference and the content (search_public): otherwise the result set would
// answer "did this phone number complain". The token index narrows the candidates either way
// (it holds a superset of both), the LIKE decides.
void search_filter(Connection& c, const Actor& a, const std::string& q_in, Where& w) {
  std::string q = q_in;
  // A whole phone number, in whatever form it is typed, is searched as its E.164 digits (the
  // index holds those and the national digits) — only for those who may see phones.
  if (access::sees_pii(a)) {
    const std::string region = phone_region(c);
    if (auto number = phone::query_number(q, region)) q = phone::search_key(*number, region);
  }
  auto sq = text::prepare_query(q);
  if (sq.folded.empty()) return;
  w.add(access::sees_pii(a) ? "f.search LIKE ? ESCAPE '\\'" : "f.search_public LIKE ? ESCAPE '\\'",
        {like_pattern(sq.folded)});
  if (sq.needs_scan) return;
  if (c.backend() == store::Backend::sqlite) {
    std::string phrase = "\"";
    for (size_t i = 0; i < sq.tokens.size(); ++i) phrase += (i ? " " : "") + sq.tokens[i];
    phrase += "\"";
    if (sq.last_is_prefix) phrase += " *";
    w.add("f.id IN (SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH ?)", {phrase});
  } else {
    // Whole tokens must all be present (GIN); the last may still be typed, so LIKE checks it.
    size_t whole = sq.tokens.size() - (sq.last_is_prefix ? 1 : 0);
    if (whole == 0) return;
    std::string arr = "{";
    for (size_t i = 0; i < whole; ++i) arr += (i ? ",\"" : "\"") + sq.tokens[i] + "\"";
    arr += "}";
    w.add("f.search_tokens @> CAST(? AS TEXT[])", {arr});
  }
}

Result<Where> build_filters(Connection& c, const Actor& a, const ListQuery& q, const std::string& now) {
  Where w;
  scope_filter(c, UnitScope::of(a), w);
  // Each enumerated filter: a comma-separated list of known values, matched with IN.
  auto add_enum = [&](const char* field, auto& allowed) -> std::optional<Error> {
    auto values = enum_list(q, field, allowed);
    if (!values) return values.error();
    if (!values->empty()) {
      auto [in, p] = in_list(*values);
      w.add(std::string("f.") + field + " IN " + in, p);
    }
    return std::nullopt;
  };
  for (auto e : {add_enum("status", fb::kStatuses), add_enum("kind", fb::kKinds), add_enum("channel", fb::kChannels),
                 add_enum("category", fb::kCategories), add_enum("severity", fb::kSeverities)})
    if (e) return *e;
  if (q.has("unit")) {
    auto u = find_unit(c, q.get("unit"));
    if (!u) return invalid("feedback.unit_unknown", "unit", "unit '" + q.get("unit") + "' does not exist");
    auto [in, ids] = unit_subtree_in(c, u->path);
    w.add("f.unit_id IN " + in, ids);
  }
  if (q.has("staff")) w.add("f.staff_id IN (SELECT id FROM staff WHERE employee_code = ?)", {q.get("staff")});
  // A bare date is the start of that day in the organisation's zone: `from` includes the day,
  // `to` is exclusive (to=2026-10-01 ends at local midnight starting 1 October).
  auto zone = org_zone(c);
  for (auto [param, op] : {std::pair{"from", ">="}, std::pair{"to", "<"}}) {
    if (!q.has(param)) continue;
    auto t = timeutil::normalize_iso8601(q.get(param), zone);
    if (!t) return invalid(std::string("feedback.") + param + "_invalid", param, std::string(param) + " must be a date");
    w.add(std::string("f.received_at ") + op + " ?", {*t});
  }
  if (q.get("overdue") == "true" || q.get("overdue") == "1") w.add(overdue_sql(), {now, now, now});
  if (q.get("mine") == "true" || q.get("mine") == "1") {
    std::string cond = std::string("(f.handler = 'receiver' AND f.receiver_id = ? AND f.status IN ") + kOpenStatuses +
                       ") OR (f.receiver_id = ? AND f.status IN ('resolved', 'unfounded'))";
    Params p = {a.user_id, a.user_id};
    if (auto scope = UnitScope::of(a); a.role == Role::head && scope.kind() == UnitScope::Kind::subtree) {
      auto [in, ids] = unit_subtree_in(c, scope.unit_path());
      cond += std::string(" OR (f.handler = 'unit_head' AND f.status IN ") + kOpenStatuses + " AND f.unit_id IN " + in + ")";
      p.insert(p.end(), ids.begin(), ids.end());
    }
    if (a.role == Role::quality || a.role == Role::admin) cond += " OR f.status = 'resolved'";
    w.add(cond, p);
  }
  if (!q.q.empty()) search_filter(c, a, q.q, w);
  return w;
}

// ---- writing -------------------------------------------------------------------------------

// Reference numbers count per year of the organisation's calendar (received 00:30 on 1 January
// in Hanoi is the new year's, though it is still 31 December in UTC).
std::string next_reference(Connection& c, const std::string& received_at, const timeutil::Zone& zone) {
  int64_t year = timeutil::local_year(zone, timeutil::parse_to_unix(received_at).value_or(0));
  int64_t n = c.query_one(
                   "INSERT INTO reference_sequences (prefix, year, last) VALUES ('PH', ?, 1) "
                   "ON CONFLICT (prefix, year) DO UPDATE SET last = reference_sequences.last + 1 RETURNING last",
                   {year})
                  ->i64(0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "PH-%04lld-%06lld", static_cast<long long>(year), static_cast<long long>(n));
  return buf;
}

struct Policy {
  int64_t ack = 8 * 3600, resolve = 7 * 86400, callback = 3 * 86400;
};

Policy policy_for(Connection& c, const std::string& kind, const std::string& severity) {
  auto r = c.query_one(
      "SELECT acknowledge_minutes, resolve_minutes, callback_minutes FROM sla_policies WHERE kind = ? AND severity = ?",
      {kind, severity});
  if (!r) return {};
  auto secs = [&](size_t i) { return static_cast<int64_t>(std::llround(std::stod(r->str(i)) * 60)); };
  return {secs(0), secs(1), secs(2)};
}

std::string plus_seconds(const std::string& iso, int64_t secs) {
  return timeutil::format_utc(timeutil::parse_to_unix(iso).value_or(0) + secs);
}

std::string search_text(const NewCase& n, const std::string& reference, std::string_view region) {
  return text::fold(reference + " " + n.content + " " + n.customer_name.value_or("") + " " +
                    (n.customer_phone ? phone::search_text(*n.customer_phone, region) : ""));
}

// The FTS5 row's text: the search tokens separated by spaces (SQLite).
std::string fts_text(const std::string& search) {
  std::string joined;
  for (auto& t : text::search_tokens(search)) joined += (joined.empty() ? "" : " ") + t;
  return joined;
}

void index_case(Connection& c, int64_t id, const std::string& search) {
  if (c.backend() == store::Backend::sqlite) {
    c.execute("INSERT INTO feedback_fts (rowid, tokens) VALUES (?, ?)", {id, fts_text(search)});
  } else {
    auto tokens = text::search_tokens(search);
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    std::string arr = "{";
    for (size_t i = 0; i < tokens.size(); ++i) arr += (i ? ",\"" : "\"") + tokens[i] + "\"";
    arr += "}";
    c.execute("UPDATE feedback SET search_tokens = CAST(? AS TEXT[]) WHERE id = ?", {arr, id});
  }
}

void add_event(Connection& c, int64_t id, const Actor& a, const std::string& action, const std::string& from,
               const std::string& to, const std::string& note, const json& data, const std::string& at) {
  c.execute(
      "INSERT INTO feedback_events (feedback_id, at, actor_id, actor, action, from_status, to_status, note, data_json) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, at, a.user_id ? Value(a.user_id) : store::null_value(), a.login, action,
       from.empty() ? store::null_value() : Value(from), to.empty() ? store::null_value() : Value(to),
       note.empty() ? store::null_value() : Value(note), data.is_null() ? store::null_value() : Value(data.dump())});
}

std::optional<Row> load_case(Connection& c, const Actor& a, int64_t id, bool for_update) {
  Where w;
  w.add("f.id = ?", {id});
  scope_filter(c, UnitScope::of(a), w);
  std::string sql = std::string(kCaseSelect) + w.sql();
  if (for_update && c.backend() == store::Backend::postgresql) sql += " FOR UPDATE OF f";
  return c.query_one(sql, w.params());
}

json full_case(Connection& c, const Actor& a, const Row& r) {
  std::string now = now_iso();
  json j = case_json(r, a, now, callback_max_attempts(c));
  int64_t id = r.i64(0);
  json timeline = json::array();
  for (auto& e : c.query("SELECT at, actor, action, from_status, to_status, note, data_json FROM feedback_events "
                         "WHERE feedback_id = ? ORDER BY id",
                         {id})) {
    timeline.push_back({{"at", e.str(0)},
                        {"actor", e.str(1)},
                        {"action", e.str(2)},
                        {"from_status", opt_json(e.opt(3))},
                        {"to_status", opt_json(e.opt(4))},
                        {"note", opt_json(e.opt(5))},
                        {"data", e.opt(6) ? json::parse(*e.opt(6), nullptr, false) : json(nullptr)}});
  }
  j["timeline"] = timeline;
  json notes = json::array();
  for (auto& n : c.query("SELECT id, at, actor, channel, kind, content FROM feedback_notifications WHERE feedback_id = ? "
                         "ORDER BY at, id",
                         {id}))
    notes.push_back({{"id", n.i64(0)}, {"at", n.str(1)}, {"actor", n.str(2)}, {"channel", n.str(3)},
                     {"kind", n.str(4)}, {"content", n.str(5)}});
  j["notifications"] = notes;
  return j;
}

// id → code of a small table (units, staff), to name groups counted by id.
std::map<std::string, std::string> code_names(Connection& c, const std::string& table, const std::string& column) {
  std::map<std::string, std::string> out;
  for (auto& r : c.query("SELECT id, " + column + " FROM " + table)) out[r.str(0)] = r.str(1);
  return out;
}

json name_of(const std::map<std::string, std::string>& names, const std::optional<std::string>& id) {
  if (!id) return nullptr;
  auto it = names.find(*id);
  return it == names.end() ? json(nullptr) : json(it->second);
}

bool may_log(const Actor& a) { return a.role != Role::auditor && a.role != Role::director; }

void tick(const Progress& p, std::string_view phase, size_t done, size_t total) {
  if (p && (done % 10000 == 0 || done == total)) p(phase, done, total);
}

}  // namespace

void add_case_event(Connection& c, int64_t id, const Actor& a, const std::string& action, const std::string& from,
                    const std::string& to, const std::string& note, const json& data, const std::string& at) {
  add_event(c, id, a, action, from, to, note, data, at);
}

std::vector<int64_t> insert_cases(Connection& c, const std::vector<NewCase>& cases) {
  std::vector<int64_t> ids;
  std::vector<std::string> searches;
  std::map<std::pair<std::string, std::string>, Policy> policies;
  std::string now = now_iso();
  auto zone = org_zone(c);
  const std::string region = phone_region(c);
  for (const auto& n : cases) {
    std::string reference = next_reference(c, n.received_at, zone);
    auto pk = std::make_pair(n.kind, n.severity);
    auto pol = policies.find(pk);
    if (pol == policies.end()) pol = policies.emplace(pk, policy_for(c, n.kind, n.severity)).first;
    const Policy& p = pol->second;
    std::string search = search_text(n, reference, region);
    ids.push_back(
        c.query_one(
             "INSERT INTO feedback (reference, external_id, received_at, channel, kind, customer_id, customer_name, "
             "customer_phone, customer_address, content, unit_id, staff_id, category, severity, status, handler, "
             "receiver_id, receiver, ack_due, resolve_due, search, search_public, created_at, updated_at) VALUES (?, ?, ?, "
             "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {reference, store::opt_value(n.external_id), n.received_at, n.channel, n.kind, store::opt_value(n.customer_id),
              store::opt_value(n.customer_name), store::opt_value(n.customer_phone), store::opt_value(n.customer_address),
              n.content, store::opt_value(n.unit_id), store::opt_value(n.staff_id), n.category, n.severity, n.handler,
              store::opt_value(n.receiver_id), n.receiver, plus_seconds(n.received_at, p.ack),
              plus_seconds(n.received_at, p.resolve), search, text::fold(reference + " " + n.content), now, now})
            ->i64(0));
    searches.push_back(std::move(search));
  }
  // The search index last and in one statement: SQLite's FTS5 writes its pending terms out at
  // every later statement of the transaction, so a statement per case would write a segment
  // per case.
  if (c.backend() == store::Backend::sqlite) {
    for (size_t k = 0; k < ids.size(); k += 400) {
      size_t n = std::min<size_t>(400, ids.size() - k);
      std::string sql = "INSERT INTO feedback_fts (rowid, tokens) VALUES ";
      Params prm;
      for (size_t j = k; j < k + n; ++j) {
        sql += j > k ? ", (?, ?)" : "(?, ?)";
        prm.push_back(ids[j]);
        prm.push_back(fts_text(searches[j]));
      }
      c.execute(sql, prm);
    }
  } else {
    for (size_t j = 0; j < ids.size(); ++j) index_case(c, ids[j], searches[j]);
  }
  return ids;
}

int64_t insert_case(Connection& c, const NewCase& n) { return insert_cases(c, {n}).front(); }

Result<json> list_feedback(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c, false);
  std::string now = now_iso();
  auto w = build_filters(c, a, q, now);
  if (!w) return w.error();
  int64_t total = c.scalar("SELECT COUNT(*) FROM feedback f" + w->sql(), w->params());
  Params p = w->params();
  p.push_back(q.page_size);
  p.push_back((q.page - 1) * q.page_size);
  std::string sort = q.get("sort");
  if (!sort.empty() && sort != "received_at" && sort != "-received_at" && sort != "due")
    return invalid("feedback.sort_invalid", "sort", "sort must be received_at, -received_at or due");
  // "due": the next deadline the case faces (acknowledge, resolve or callback), earliest first —
  // the overdue board's order, most overdue on top.
  std::string order = sort == "received_at" ? " ORDER BY f.received_at, f.id"
                      : sort == "due"
                          ? " ORDER BY CASE f.status WHEN 'received' THEN f.ack_due WHEN 'resolved' THEN f.callback_due "
                            "ELSE f.resolve_due END, f.id"
                          : " ORDER BY f.received_at DESC, f.id DESC";
  int max_attempts = callback_max_attempts(c);
  json items = json::array();
  for (auto& r : c.query(std::string(kCaseSelect) + w->sql() + order + " LIMIT ? OFFSET ?", p))
    items.push_back(case_json(r, a, now, max_attempts));
  return page_json(items, total, q);
}

Result<json> export_feedback_rows(store::Database& db, const Actor& a, const ListQuery& q, int64_t limit) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c, false);
  std::string now = now_iso();
  auto w = build_filters(c, a, q, now);
  if (!w) return w.error();
  Params p = w->params();
  p.push_back(limit);
  int max_attempts = callback_max_attempts(c);
  json items = json::array();
  for (auto& r : c.query(std::string(kCaseSelect) + w->sql() + " ORDER BY f.received_at DESC, f.id DESC LIMIT ?", p))
    items.push_back(case_json(r, a, now, max_attempts));
  return items;
}

Result<json> get_feedback(store::Database& db, const Actor& a, int64_t id) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c, false);
  auto r = load_case(c, a, id, false);
  if (!r) return not_found("feedback");
  return full_case(c, a, *r);
}

Result<json> create_feedback(store::Database& db, const Actor& a, const json& body) {
  if (!may_log(a)) return forbidden("directors and auditors read feedback but do not log it");
  NewCase n;
  for (const char* f : {"received_at", "channel", "kind", "content", "unit", "staff", "category", "severity", "external_id"})
    if (!is_string_or_null(body, f)) return invalid(std::string("feedback.") + f + "_invalid", f, std::string(f) + " must be a string");
  auto channel = require_string(body, "channel", "feedback", 40);
  if (!channel) return channel.error();
  if (!fb::one_of(*channel, fb::kChannels)) return invalid("feedback.channel_invalid", "channel", "channel '" + *channel + "' is not a known channel");
  auto kind = require_string(body, "kind", "feedback", 40);
  if (!kind) return kind.error();
  if (!fb::one_of(*kind, fb::kKinds)) return invalid("feedback.kind_invalid", "kind", "kind must be complaint, praise, suggestion or inquiry");
  auto content = require_string(body, "content", "feedback", 20000);
  if (!content) return content.error();
  n.channel = *channel;
  n.kind = *kind;
  n.content = *content;
  n.category = optional_string(body, "category").value_or("other");
  if (!fb::one_of(n.category, fb::kCategories)) return invalid("feedback.category_invalid", "category", "category '" + n.category + "' is not a known category");
  n.severity = optional_string(body, "severity").value_or(n.category == "safety" ? "critical" : "medium");
  if (!fb::one_of(n.severity, fb::kSeverities)) return invalid("feedback.severity_invalid", "severity", "severity must be low, medium, high or critical");
  n.received_at = now_iso();
  if (auto ra = optional_string(body, "received_at")) {
    auto t = timeutil::normalize_iso8601(*ra, org_zone(db));
    if (!t) return invalid("feedback.received_at_invalid", "received_at", "received_at must be a date-time like 2026-03-01T08:30:00+07:00");
    if (*t > plus_seconds(n.received_at, 300)) return invalid("feedback.received_at_future", "received_at", "received_at is in the future");
    n.received_at = *t;
  }
  n.external_id = optional_string(body, "external_id");
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  if (body.contains("customer") && !body["customer"].is_null()) {
    const auto& cu = body["customer"];
    if (!cu.is_object()) return invalid("feedback.customer_invalid", "customer", "customer must be an object {id} or {name, phone, address}");
    if (cu.contains("id") && !cu["id"].is_null()) {
      if (!cu["id"].is_number_integer()) return invalid("feedback.customer_invalid", "customer.id", "customer.id must be a customer id");
      // Resolved through the caller's scope: a customer the caller cannot read is not found,
      // or the echo of the new case would hand over their name and phone.
      auto visible = visible_customer(c, a, cu["id"].get<int64_t>());
      if (!visible) return Error{"customer.not_found", "customer not found", "customer.id", 404};
      auto r = c.query_one("SELECT id, name, phone, address FROM customers WHERE id = ?", {*visible});
      n.customer_id = r->i64(0);
      n.customer_name = r->opt(1);
      n.customer_phone = r->opt(2);
      n.customer_address = r->opt(3);
    }
    for (const char* f : {"name", "phone", "address"})
      if (!is_string_or_null(cu, f)) return invalid("feedback.customer_invalid", std::string("customer.") + f, std::string("customer.") + f + " must be a string");
    if (auto v = optional_string(cu, "name")) n.customer_name = v;
    if (auto v = optional_string(cu, "address")) n.customer_address = v;
    if (auto v = optional_string(cu, "phone")) {
      const std::string region = phone_region(c);
      phone::Refusal why;
      auto p = phone::to_e164(*v, region, &why);
      if (!p) return phone::invalid_number("feedback.customer_phone_invalid", "customer.phone", *v, region, why);
      n.customer_phone = *p;
      // Linked to a known customer only when the caller may see them (the case shows the link).
      if (!n.customer_id)
        if (auto id = visible_customer_by_phone(c, a, *p)) n.customer_id = *id;
    }
  }
  if (auto u = optional_string(body, "unit")) {
    auto ur = find_unit(c, *u);
    if (!ur) return invalid("feedback.unit_unknown", "unit", "unit '" + *u + "' does not exist");
    n.unit_id = ur->id;
  }
  if (auto s = optional_string(body, "staff")) {
    auto r = c.query_one("SELECT id, unit_id FROM staff WHERE employee_code = ?", {*s});
    if (!r) return invalid("feedback.staff_unknown", "staff", "staff '" + *s + "' does not exist");
    n.staff_id = r->i64(0);
    if (!n.unit_id) n.unit_id = r->i64(1);
  }
  if (n.external_id && c.query_one("SELECT id FROM feedback WHERE external_id = ?", {*n.external_id}))
    return conflict("feedback.duplicate", "external_id", "a case with this external_id exists");
  n.receiver_id = a.user_id ? std::optional<int64_t>(a.user_id) : std::nullopt;
  n.receiver = a.login;
  int64_t id = insert_case(c, n);
  add_event(c, id, a, "receive", "", "received", "", {{"channel", n.channel}}, now_iso());
  auto r = load_case(c, system_actor(), id, false);
  json out = full_case(c, a, *r);
  json audit_after = out;
  audit_after.erase("allowed_actions");
  audit(c, a, "create", "feedback", std::to_string(id), nullptr, audit_after);
  tx.commit();
  return out;
}

Result<json> transition_feedback(store::Database& db, const Actor& a, int64_t id, const json& body) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  auto r = load_case(c, a, id, true);
  if (!r) return not_found("feedback");
  for (const char* f : {"action", "note", "explanation", "resolution", "outcome", "called_at"})
    if (!is_string_or_null(body, f)) return invalid(std::string("feedback.") + f + "_invalid", f, std::string(f) + " must be a string");
  fb::ActionInput in;
  in.action = optional_string(body, "action").value_or("");
  in.note = optional_string(body, "note").value_or("");
  in.explanation = optional_string(body, "explanation").value_or("");
  in.resolution = optional_string(body, "resolution").value_or("");
  in.outcome = optional_string(body, "outcome").value_or("");
  if (in.action.empty()) return invalid("feedback.action_required", "action", "action is required");
  auto state = state_of(*r);
  int max_attempts = callback_max_attempts(c);
  auto t = fb::apply(state, in, relation(a, *r), max_attempts);
  if (!t) return t.error();
  if (in.action == "escalate" && !r->opt(11))
    return Error{"feedback.unit_required", "escalate needs the unit concerned; set the case's unit first", "unit", 409};
  std::string now = now_iso();
  std::string at = now;
  json data = json::object();
  if (in.action == "callback") {
    std::string called = optional_string(body, "called_at").value_or(now);
    auto norm = timeutil::normalize_iso8601(called, org_zone(c));
    if (!norm) return invalid("feedback.called_at_invalid", "called_at", "called_at must be a date-time");
    data["outcome"] = in.outcome;
    data["called_at"] = *norm;
    data["attempt"] = state.callback_attempts + 1;
  }
  std::string sets = "status = ?, handler = ?, callback_attempts = ?, updated_at = ?";
  Params p = {t->to, std::string(fb::handler_name(t->handler)), int64_t{t->callback_attempts}, now};
  if (t->acknowledged && !r->opt(22)) {
    sets += ", acknowledged_at = ?, first_response_seconds = ?";
    p.push_back(now);
    p.push_back(timeutil::parse_to_unix(now).value_or(0) - timeutil::parse_to_unix(r->str(3)).value_or(0));
  }
  if (in.action == "mark_unfounded") {
    sets += ", unfounded_explanation = ?";
    p.push_back(in.explanation);
    data["explanation"] = in.explanation;
  }
  if (t->resolved) {
    Policy pol = policy_for(c, r->str(5), r->str(14));
    sets += ", resolution = ?, resolved_at = ?, callback_due = ?, resolved_on_time = ?";
    p.push_back(in.resolution);
    p.push_back(now);
    p.push_back(plus_seconds(now, pol.callback));
    p.push_back(int64_t{!r->opt(26) || now <= *r->opt(26)});
    data["resolution"] = in.resolution;
  }
  if (in.action == "callback") {
    sets += ", callback_done_at = COALESCE(callback_done_at, ?)";
    p.push_back(now);
  }
  if (t->reopened) sets += ", reopen_count = reopen_count + 1";
  if (t->closed) {
    sets += ", closed_at = ?";
    p.push_back(now);
  }
  if (in.action == "escalate") data["to"] = "unit_head";
  p.push_back(id);
  c.execute("UPDATE feedback SET " + sets + " WHERE id = ?", p);
  add_event(c, id, a, in.action, t->from, t->to, in.note, data.empty() ? json(nullptr) : data, at);
  audit(c, a, "transition", "feedback", std::to_string(id), {{"status", t->from}},
        {{"status", t->to}, {"action", in.action}});
  auto after = load_case(c, system_actor(), id, false);
  json out = full_case(c, a, *after);
  tx.commit();
  return out;
}

Result<json> add_feedback_notification(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!may_log(a)) return forbidden("directors and auditors do not notify customers");
  static const std::string_view channels[] = {"phone", "letter", "email", "sms", "in_person"};
  static const std::string_view kinds[] = {"evaluation", "corrective_measures", "other"};
  auto channel = require_string(body, "channel", "notification", 20);
  if (!channel) return channel.error();
  if (!fb::one_of(*channel, channels)) return invalid("notification.channel_invalid", "channel", "channel must be phone, letter, email, sms or in_person");
  auto kind = require_string(body, "kind", "notification", 40);
  if (!kind) return kind.error();
  if (!fb::one_of(*kind, kinds)) return invalid("notification.kind_invalid", "kind", "kind must be evaluation, corrective_measures or other");
  auto content = require_string(body, "content", "notification", 20000);
  if (!content) return content.error();
  std::string at = now_iso();
  if (auto s = optional_string(body, "at")) {
    auto t = timeutil::normalize_iso8601(*s, org_zone(db));
    if (!t) return invalid("notification.at_invalid", "at", "at must be a date-time");
    at = *t;
  }
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  auto r = load_case(c, a, id, true);
  if (!r) return not_found("feedback");
  auto rel = relation(a, *r);
  if (!rel.receiver && !rel.unit_head && !rel.quality)
    return Error{"feedback.actor_not_allowed", "customers are notified by the receiver, the unit head or quality", "", 403};
  int64_t nid = c.query_one("INSERT INTO feedback_notifications (feedback_id, at, actor_id, actor, channel, kind, content) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            {id, at, a.user_id ? Value(a.user_id) : store::null_value(), a.login, *channel, *kind, *content})
                    ->i64(0);
  add_event(c, id, a, "notify_customer", "", "", "", {{"channel", *channel}, {"kind", *kind}}, now_iso());
  json out = {{"id", nid}, {"at", at}, {"actor", a.login}, {"channel", *channel}, {"kind", *kind}, {"content", *content}};
  audit(c, a, "create", "feedback_notification", std::to_string(nid), nullptr, out);
  tx.commit();
  return out;
}

Result<json> feedback_counts(store::Database& db, const Actor& a, const ListQuery& q) {
  std::string by = q.get("by");
  std::string key;
  std::string join;
  if (by == "channel" || by == "kind" || by == "category" || by == "severity" || by == "status") {
    key = "f." + by;
  } else if (by == "unit") {
    key = "f.unit_id";  // grouped by id on the index, named by code afterwards
  } else if (by == "month") {
    key = "";  // set once the zone is read: months are the organisation's
  } else {
    return invalid("feedback.by_invalid", "by", "by must be channel, kind, category, severity, status, unit or month");
  }
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c, false);
  ListQuery filters = q;
  filters.params.erase("by");
  auto w = build_filters(c, a, filters, now_iso());
  if (!w) return w.error();
  auto names = by == "unit" ? code_names(c, "units", "code") : std::map<std::string, std::string>{};
  json items = json::array();
  if (by == "month") {
    LocalBuckets buckets(org_zone(c));
    key = buckets.sql("f.received_at");
    std::map<std::string, int64_t> months;
    for (auto& r : c.query("SELECT " + key + " AS k, COUNT(*) FROM feedback f" + join + w->sql() + " GROUP BY " + key,
                           w->params()))
      months[buckets.month(r.str(0))] += r.i64(1);
    for (auto& [m, n] : months) items.push_back({{"key", m}, {"count", n}});
    return json{{"by", by}, {"items", items}};
  }
  for (auto& r : c.query("SELECT " + key + " AS k, COUNT(*) FROM feedback f" + join + w->sql() + " GROUP BY " + key +
                             " ORDER BY COUNT(*) DESC, k",
                         w->params()))
    items.push_back({{"key", by == "unit" ? name_of(names, r.opt(0)) : opt_json(r.opt(0))}, {"count", r.i64(1)}});
  return json{{"by", by}, {"items", items}};
}

Result<json> feedback_measures(store::Database& db, const Actor& a, const ListQuery& q) {
  std::string group = q.has("group") ? q.get("group") : "unit";
  std::string key, join;
  if (group == "unit") {
    key = "f.unit_id";
  } else if (group == "staff") {
    key = "f.staff_id";
  } else if (group == "month") {
    key = "";  // UTC buckets folded into the organisation's months below
  } else {
    return invalid("feedback.group_invalid", "group", "group must be unit, staff or month");
  }
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c, false);
  std::string now = now_iso();
  ListQuery filters;
  for (const char* k : {"from", "to", "unit", "staff"})
    if (q.has(k)) filters.params[k] = q.get(k);
  filters.params["kind"] = "complaint";
  auto w = build_filters(c, a, filters, now);
  if (!w) return w.error();
  std::optional<LocalBuckets> buckets;
  if (group == "month") {
    buckets.emplace(org_zone(c));
    key = buckets->sql("f.received_at");
  }
  Params p = {now};
  p.insert(p.end(), w->params().begin(), w->params().end());
  std::string sql =
      "SELECT " + key +
      " AS k, COUNT(*), "
      "SUM(CASE WHEN f.resolved_at IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN f.resolved_on_time = 1 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN f.resolved_at IS NOT NULL OR (f.status IN " + std::string(kOpenStatuses) +
      " AND f.resolve_due < ?) THEN 1 ELSE 0 END), "
      "SUM(f.first_response_seconds), "
      "SUM(CASE WHEN f.callback_done_at IS NOT NULL THEN 1 ELSE 0 END), "
      "COUNT(f.first_response_seconds) "
      "FROM feedback f" + join + w->sql() + " GROUP BY " + key + " ORDER BY k";
  auto names = group == "unit"    ? code_names(c, "units", "code")
               : group == "staff" ? code_names(c, "staff", "employee_code")
                                  : std::map<std::string, std::string>{};
  struct Measure {
    int64_t cases = 0, resolved = 0, on_time = 0, due = 0, callbacks = 0, responses = 0;
    double response_seconds = 0;
  };
  std::vector<std::pair<json, Measure>> groups;
  std::map<std::string, Measure> months;
  for (auto& r : c.query(sql, p)) {
    Measure* m;
    if (buckets) {
      m = &months[buckets->month(r.str(0))];
    } else {
      groups.push_back({name_of(names, r.opt(0)), {}});
      m = &groups.back().second;
    }
    m->cases += r.i64(1);
    m->resolved += r.i64(2);
    m->on_time += r.i64(3);
    m->due += r.i64(4);
    if (r.opt(5)) m->response_seconds += std::stod(*r.opt(5));
    m->callbacks += r.i64(6);
    m->responses += r.i64(7);
  }
  for (auto& [month, m] : months) groups.push_back({month, m});
  json items = json::array();
  for (auto& [k, m] : groups) {
    int64_t cases = m.cases, resolved = m.resolved, on_time = m.on_time, due = m.due, callbacks = m.callbacks;
    json mean = nullptr;
    if (m.responses) mean = std::round(m.response_seconds / static_cast<double>(m.responses) / 36.0) / 100.0;  // hours, 2 decimals
    items.push_back({{"key", k},
                     {"complaints", cases},
                     {"resolved", resolved},
                     {"resolved_on_time", on_time},
                     {"due", due},
                     {"on_time_rate", due ? json(static_cast<double>(on_time) / due) : json(nullptr)},
                     {"mean_first_response_hours", mean},
                     {"callbacks_due", resolved},
                     {"callbacks_done", callbacks},
                     {"callback_done_rate", resolved ? json(static_cast<double>(callbacks) / resolved) : json(nullptr)}});
  }
  if (group != "month")
    std::sort(items.begin(), items.end(), [](const json& x, const json& y) {
      return x["key"].is_null() ? false : y["key"].is_null() ? true : x["key"].get<std::string>() < y["key"].get<std::string>();
    });
  return json{{"group", group}, {"items", items}};
}

Result<json> get_sla_policies(store::Database& db, const Actor& a) {
  auto lease = db.acquire();
  auto& c = *lease;
  json items = json::array();
  for (auto& r : c.query("SELECT kind, severity, acknowledge_minutes, resolve_minutes, callback_minutes FROM sla_policies "
                         "ORDER BY kind, severity"))
    items.push_back({{"kind", r.str(0)},
                     {"severity", r.str(1)},
                     {"acknowledge_minutes", std::stod(r.str(2))},
                     {"resolve_minutes", std::stod(r.str(3))},
                     {"callback_minutes", std::stod(r.str(4))}});
  return json{{"items", items}, {"callback_max_attempts", callback_max_attempts(c)}};
}

Result<json> put_sla_policies(store::Database& db, const Actor& a, const json& body) {
  if (!access::can_manage_org(a)) return forbidden("only quality and admin set service-level deadlines");
  if (!body.contains("items") || !body["items"].is_array())
    return invalid("sla.items_required", "items", "items must be a list of policies");
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  json before = *get_sla_policies(db, a);
  for (size_t i = 0; i < body["items"].size(); ++i) {
    const auto& it = body["items"][i];
    std::string at = "items[" + std::to_string(i) + "]";
    if (!it.is_object()) return invalid("sla.item_invalid", at, at + " must be an object");
    std::string kind = it.value("kind", ""), sev = it.value("severity", "");
    if (!fb::one_of(kind, fb::kKinds)) return invalid("sla.kind_invalid", at + ".kind", at + ".kind is not a known kind");
    if (!fb::one_of(sev, fb::kSeverities)) return invalid("sla.severity_invalid", at + ".severity", at + ".severity is not a known severity");
    std::string minutes[3];
    const char* fields[] = {"acknowledge_minutes", "resolve_minutes", "callback_minutes"};
    for (int k = 0; k < 3; ++k) {
      if (!it.contains(fields[k]) || !it[fields[k]].is_number() || it[fields[k]].get<double>() < 0 ||
          it[fields[k]].get<double>() > 525600)
        return invalid("sla.minutes_invalid", at + "." + fields[k], at + "." + fields[k] + " must be minutes from 0 to 525600");
      minutes[k] = it[fields[k]].dump();  // exactly as given, so a GET answers what was PUT
    }
    c.execute("DELETE FROM sla_policies WHERE kind = ? AND severity = ?", {kind, sev});
    c.execute("INSERT INTO sla_policies (kind, severity, acknowledge_minutes, resolve_minutes, callback_minutes) VALUES "
              "(?, ?, CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION))",
              {kind, sev, minutes[0], minutes[1], minutes[2]});
  }
  if (body.contains("callback_max_attempts")) {
    if (!body["callback_max_attempts"].is_number_integer() || body["callback_max_attempts"].get<int64_t>() < 1 ||
        body["callback_max_attempts"].get<int64_t>() > 20)
      return invalid("sla.callback_max_attempts_invalid", "callback_max_attempts", "callback_max_attempts must be 1 to 20");
    c.execute("UPDATE settings SET value = ? WHERE key = 'callback_max_attempts'",
              {std::to_string(body["callback_max_attempts"].get<int64_t>())});
  }
  tx.commit();
  json after = *get_sla_policies(db, a);
  {
    auto l2 = db.acquire();
    Tx t2(*l2);
    audit(*l2, a, "update", "sla_policies", "", before, after);
    t2.commit();
  }
  return after;
}

int64_t sweep_overdue(store::Database& db, const std::string& now) {
  auto lease = db.acquire();
  auto& c = *lease;
  Actor sys = system_actor("system");
  int64_t escalated = 0;
  Tx tx(c);
  auto rows = c.query(std::string("SELECT f.id, f.status, f.handler, f.ack_due, f.resolve_due, f.callback_due FROM feedback f WHERE f.auto_escalated_at IS NULL AND (") +
                      overdue_sql() + ") LIMIT 1000",
                      {now, now, now});
  for (auto& r : rows) {
    int64_t id = r.i64(0);
    // Claim the case; another instance's sweep may have taken it already.
    if (c.execute("UPDATE feedback SET auto_escalated_at = ?, handler = CASE WHEN status IN ('received', 'verifying', "
                  "'in_progress') AND unit_id IS NOT NULL THEN 'unit_head' ELSE handler END, updated_at = ? "
                  "WHERE id = ? AND auto_escalated_at IS NULL",
                  {now, now, id}) != 1)
      continue;
    json reasons = json::array();
    const std::string& st = r.str(1);
    if (st == "received" && r.opt(3) && *r.opt(3) < now) reasons.push_back("acknowledge");
    if ((st == "received" || st == "verifying" || st == "in_progress") && r.opt(4) && *r.opt(4) < now)
      reasons.push_back("resolve");
    if (st == "resolved" && r.opt(5) && *r.opt(5) < now) reasons.push_back("callback");
    add_event(c, id, sys, "auto_escalate", st, st, "", {{"overdue", reasons}}, now);
    ++escalated;
  }
  tx.commit();
  return escalated;
}

}  // namespace servq::service

namespace servq::service {

Result<ImportOutcome> import_feedback(store::Database& db, const Actor& a, std::string_view data, bool dry_run,
                                      const Progress& progress, const ImportOptions& options) {
  namespace fb = servq::feedback;
  if (!access::can_import(a)) return forbidden("only admin and quality import data");
  if (progress) progress("parse", 0, 0);
  auto table = csv::parse(data, 2'000'000, options.encoding);
  if (!table) return table.error();
  ImportOutcome out;
  auto& errors = out.errors;
  static const std::vector<std::string> known = {"external_id", "received_at", "channel", "kind", "customer_name",
                                                 "customer_phone", "customer_address", "content", "unit", "staff",
                                                 "category", "severity", "status", "resolution", "closed_at"};
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < table->header.size(); ++i) {
    const auto& h = table->header[i];
    if (std::find(known.begin(), known.end(), h) == known.end())
      errors.push_back({1, h, "import.unknown_column", "unknown column '" + h + "'"});
    else
      col[h] = i;
  }
  for (const char* r : {"external_id", "received_at", "channel", "kind", "content"})
    if (!col.count(r)) errors.push_back({1, r, "import.missing_column", std::string("required column '") + r + "' is missing"});
  if (!errors.empty()) return out;
  auto get = [&](const csv::Record& r, const char* name) -> std::string {
    auto it = col.find(name);
    if (it == col.end() || it->second >= r.fields.size()) return "";
    return text::trim(r.fields[it->second]);
  };
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  std::map<std::string, int64_t> units, staff, phones;
  auto zone = org_zone(c);  // received_at and closed_at without offset are local there
  // Typed dates (core/typed_date) under the user's date order, then the time normaliser.
  auto date = [&](const csv::Record& rec, const char* column, const std::string& v) -> std::optional<std::string> {
    auto d = org::read_date_cell(rec, column, v, options.date_order, errors);
    if (!d) return std::nullopt;
    auto t = timeutil::normalize_iso8601(*d, zone);
    if (!t) errors.push_back({rec.line, column, "import.date_invalid", std::string(column) + " is not a date-time",
                              {{"value", v}, {"expected", typed_date::expected(options.date_order)}}});
    return t;
  };
  const std::string region = phone_region(c);
  for (auto& r : c.query("SELECT code, id FROM units")) units[r.str(0)] = r.i64(1);
  for (auto& r : c.query("SELECT employee_code, id FROM staff")) staff[r.str(0)] = r.i64(1);
  for (auto& r : c.query("SELECT phone, id FROM customers WHERE phone IS NOT NULL")) phones[r.str(0)] = r.i64(1);
  std::set<std::string> known_ids, seen;
  for (auto& r : c.query("SELECT external_id FROM feedback WHERE external_id IS NOT NULL")) known_ids.insert(r.str(0));
  struct Row {
    NewCase n;
    std::string status, resolution, closed_at;
    size_t line;
  };
  std::vector<Row> rows;
  size_t unchanged = 0, i = 0;
  for (const auto& rec : table->rows) {
    tick(progress, "validate", ++i, table->rows.size());
    size_t line = rec.line;
    auto err = [&](const char* field, const std::string& code, const std::string& msg) {
      errors.push_back({line, field, code, msg});
    };
    if (rec.fields.size() != table->header.size())
      err("", "import.field_count", "has " + std::to_string(rec.fields.size()) + " fields, the header has " + std::to_string(table->header.size()));
    Row row;
    row.line = line;
    auto& n = row.n;
    std::string ext = get(rec, "external_id");
    if (ext.empty()) err("external_id", "import.external_id_required", "external_id is required");
    if (!ext.empty() && !seen.insert(ext).second) err("external_id", "import.duplicate_in_file", "external_id appears twice in the file");
    n.external_id = ext;
    if (get(rec, "received_at").empty()) {
      err("received_at", "import.received_at_invalid", "received_at must be a date-time like 2025-03-01 08:30");
    } else if (auto ra = date(rec, "received_at", get(rec, "received_at"))) {
      n.received_at = *ra;
    }
    n.channel = get(rec, "channel");
    if (!fb::one_of(n.channel, fb::kChannels)) err("channel", "import.channel_invalid", "channel '" + n.channel + "' is not a known channel");
    n.kind = get(rec, "kind");
    if (!fb::one_of(n.kind, fb::kKinds)) err("kind", "import.kind_invalid", "kind must be complaint, praise, suggestion or inquiry");
    n.content = get(rec, "content");
    if (n.content.empty()) err("content", "import.content_required", "content is required");
    n.category = get(rec, "category").empty() ? "other" : get(rec, "category");
    if (!fb::one_of(n.category, fb::kCategories)) err("category", "import.category_invalid", "category '" + n.category + "' is not a known category");
    n.severity = get(rec, "severity").empty() ? "medium" : get(rec, "severity");
    if (!fb::one_of(n.severity, fb::kSeverities)) err("severity", "import.severity_invalid", "severity must be low, medium, high or critical");
    row.status = get(rec, "status").empty() ? "received" : get(rec, "status");
    if (!fb::one_of(row.status, fb::kStatuses)) err("status", "import.status_invalid", "status '" + row.status + "' is not a known status");
    row.resolution = get(rec, "resolution");
    if (!get(rec, "closed_at").empty()) {
      if (auto ca = date(rec, "closed_at", get(rec, "closed_at"))) row.closed_at = *ca;
    }
    if (row.status == "closed" && row.closed_at.empty()) row.closed_at = n.received_at;
    auto put = [&](const char* f, std::optional<std::string>& target) {
      auto v = get(rec, f);
      if (!v.empty()) target = v;
    };
    put("customer_name", n.customer_name);
    put("customer_address", n.customer_address);
    if (auto p = get(rec, "customer_phone"); !p.empty()) {
      phone::Refusal why;
      auto np = phone::to_e164(p, region, &why);
      if (!np) err("customer_phone", "import.customer_phone_invalid", phone::invalid_number("", "customer_phone", p, region, why).message);
      else {
        n.customer_phone = *np;
        if (auto it = phones.find(*np); it != phones.end()) n.customer_id = it->second;
      }
    }
    if (auto u = get(rec, "unit"); !u.empty()) {
      auto it = units.find(u);
      if (it == units.end()) err("unit", "import.unit_unknown", "unit '" + u + "' does not exist");
      else n.unit_id = it->second;
    }
    if (auto s = get(rec, "staff"); !s.empty()) {
      auto it = staff.find(s);
      if (it == staff.end()) err("staff", "import.staff_unknown", "staff '" + s + "' does not exist");
      else n.staff_id = it->second;
    }
    n.receiver_id = a.user_id ? std::optional<int64_t>(a.user_id) : std::nullopt;
    n.receiver = a.login;
    if (known_ids.count(ext)) {
      ++unchanged;
      continue;
    }
    rows.push_back(std::move(row));
  }
  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(), [](const auto& x, const auto& y) { return x.line < y.line; });
    org::number_rows(errors, *table);
    return out;
  }
  std::string now = now_iso();
  size_t written = 0;
  for (const auto& row : rows) {
    int64_t id = insert_case(c, row.n);
    std::string st = row.status;
    if (st != "received") {
      bool resolved = st == "resolved" || (st == "closed" && !row.resolution.empty());
      std::string resolved_at = row.closed_at.empty() ? row.n.received_at : row.closed_at;
      c.execute("UPDATE feedback SET status = ?, acknowledged_at = received_at, resolution = ?, resolved_at = ?, "
                "closed_at = ?, resolved_on_time = ? WHERE id = ?",
                {st, row.resolution.empty() ? store::null_value() : Value(row.resolution),
                 resolved ? Value(resolved_at) : store::null_value(),
                 row.closed_at.empty() || st != "closed" ? store::null_value() : Value(row.closed_at),
                 resolved ? Value(int64_t{1}) : store::null_value(), id});
    }
    add_event(c, id, a, "import", "", st, "", {{"external_id", *row.n.external_id}}, now);
    tick(progress, "write", ++written, rows.size());
  }
  out.report = {{"kind", "feedback"}, {"total", table->rows.size()}, {"created", rows.size()},
                {"updated", 0},       {"unchanged", unchanged},       {"dry_run", dry_run}};
  if (!dry_run) {
    audit(c, a, "import", "feedback", "", nullptr, out.report);
    tx.commit();
    store::refresh_statistics(c, {"feedback"});
  }
  return out;
}

}  // namespace servq::service

namespace servq::service {

Result<int64_t> generate_feedback(store::Database& db, int64_t count, uint64_t seed, const Progress& progress) {
  namespace fb = servq::feedback;
  static const char* texts[][2] = {
      {"Thái độ nhân viên không tốt, nói chuyện cộc lốc", "护士态度很差，说话很不耐烦"},
      {"Phải chờ quá lâu mới được khám", "等了两个多小时才看上病"},
      {"Bác sĩ giải thích kết quả xét nghiệm chưa rõ", "医生解释检查结果不清楚"},
      {"Nhà vệ sinh khu chờ không sạch sẽ", "候诊区卫生间不干净"},
      {"Hóa đơn tính thêm phí không báo trước", "收费单上多了服务费"},
      {"Cảm ơn điều dưỡng chăm sóc tận tình", "感谢护士的细心照顾"},
      {"Đề nghị thêm ghế ngồi ở khu chờ", "建议候诊区增加座椅"},
      {"Hỏi giờ làm việc ngày lễ", "咨询节假日门诊时间"},
  };
  auto lease = db.acquire();
  auto& c = *lease;
  std::vector<int64_t> units;
  for (auto& r : c.query("SELECT id FROM units")) units.push_back(r.i64(0));
  if (units.empty()) return Error{"generate.no_units", "create units first (servq demo)", "", 422};
  std::mt19937_64 rng(seed);
  const int64_t end = now_unix();
  const int64_t span = 730LL * 86400;
  const bool pg = c.backend() == store::Backend::postgresql;
  int64_t done = 0;
  int64_t base_seq = 0;
  {
    auto r = c.query_one("SELECT COALESCE(MAX(last), 0) FROM reference_sequences WHERE prefix = 'BM'");
    base_seq = r ? r->i64(0) : 0;
  }
  const std::string head = std::string("INSERT INTO feedback (reference, received_at, channel, kind, content, unit_id, category, "
                                       "severity, status, handler, receiver, ack_due, resolve_due, acknowledged_at, "
                                       "resolved_at, closed_at, resolved_on_time, first_response_seconds, search, search_public, "
                                       "created_at, updated_at") + (pg ? ", search_tokens" : "") + ") VALUES ";
  const size_t cols = pg ? 23 : 22;
  std::string tuple = "(";
  for (size_t i = 0; i < cols; ++i) tuple += i ? ", ?" : "?";
  tuple += pg ? ")" : ")";
  if (pg) tuple.replace(tuple.rfind('?'), 1, "CAST(? AS TEXT[])");
  std::string now = now_iso();
  while (done < count) {
    Tx tx(c);
    int64_t chunk = std::min<int64_t>(10000, count - done);
    for (int64_t b = 0; b < chunk;) {
      int64_t rows = std::min<int64_t>(400, chunk - b);
      std::string sql = head;
      store::Params p;
      std::vector<std::pair<int64_t, std::string>> fts;  // (reference number, tokens) for SQLite
      for (int64_t k = 0; k < rows; ++k) {
        int64_t seq = base_seq + done + b + k + 1;
        char ref[32];
        std::snprintf(ref, sizeof ref, "BM-%09lld", static_cast<long long>(seq));
        int64_t t = end - static_cast<int64_t>(rng() % span);
        std::string received = timeutil::format_utc(t);
        int ti = static_cast<int>(rng() % std::size(texts));
        bool zh = rng() % 5 == 0;
        std::string content = std::string(texts[ti][zh ? 1 : 0]) + " #" + std::to_string(seq % 997);
        std::string kind = ti < 5 ? "complaint" : ti == 5 ? "praise" : ti == 6 ? "suggestion" : "inquiry";
        std::string cat(fb::kCategories[rng() % std::size(fb::kCategories)]);
        std::string sev(fb::kSeverities[rng() % 3]);
        bool old = end - t > 30 * 86400;
        std::string status = old ? (rng() % 20 == 0 ? "resolved" : "closed")
                                 : std::string(fb::kStatuses[rng() % std::size(fb::kStatuses)]);
        bool ack = status != "received";
        bool res = status == "resolved" || status == "closed";
        int64_t fr = 1800 + static_cast<int64_t>(rng() % 20000);
        std::string search = text::fold(std::string(ref) + " " + content);
        sql += (k ? ", " : "") + tuple;
        for (auto& v : store::Params{std::string(ref), received, std::string(fb::kChannels[rng() % 10]), kind, content,
                                     units[rng() % units.size()], cat, sev, status, std::string("receiver"),
                                     std::string("bench"), timeutil::format_utc(t + 8 * 3600),
                                     timeutil::format_utc(t + 7 * 86400),
                                     ack ? Value(timeutil::format_utc(t + fr)) : store::null_value(),
                                     res ? Value(timeutil::format_utc(t + 3 * 86400)) : store::null_value(),
                                     status == "closed" ? Value(timeutil::format_utc(t + 4 * 86400)) : store::null_value(),
                                     res ? Value(int64_t{rng() % 5 != 0}) : store::null_value(),
                                     ack ? Value(fr) : store::null_value(), search, search, now, now})
          p.push_back(std::move(v));
        auto tokens = text::search_tokens(search);
        if (pg) {
          std::sort(tokens.begin(), tokens.end());
          tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
          std::string arr = "{";
          for (size_t i = 0; i < tokens.size(); ++i) arr += (i ? ",\"" : "\"") + tokens[i] + "\"";
          p.push_back(arr + "}");
        } else {
          std::string joined;
          for (auto& tk : tokens) joined += (joined.empty() ? "" : " ") + tk;
          fts.push_back({seq, joined});
        }
      }
      if (pg) {
        c.execute(sql, p);
      } else {
        auto ids = c.query(sql + " RETURNING id", p);
        std::string fsql = "INSERT INTO feedback_fts (rowid, tokens) VALUES ";
        store::Params fp;
        for (size_t i = 0; i < ids.size(); ++i) {
          fsql += i ? ", (?, ?)" : "(?, ?)";
          fp.push_back(ids[i].i64(0));
          fp.push_back(fts[i].second);
        }
        c.execute(fsql, fp);
      }
      b += rows;
    }
    c.execute("INSERT INTO reference_sequences (prefix, year, last) VALUES ('BM', 0, ?) ON CONFLICT (prefix, year) DO "
              "UPDATE SET last = excluded.last",
              {base_seq + done + chunk});
    tx.commit();
    done += chunk;
    if (progress) progress("generate", static_cast<size_t>(done), static_cast<size_t>(count));
  }
  store::refresh_statistics(c, {"feedback"});
  return done;
}

}  // namespace servq::service
