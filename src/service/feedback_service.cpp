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
#include "service/import_line.h"
#include "service/org_service.h"
#include "service/settings/org_settings.h"
#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"
#include "store/feedback/cases_repo.h"
#include "store/feedback/events_repo.h"
#include "store/feedback/lookups.h"
#include "store/feedback/measures_repo.h"
#include "store/feedback/sla_repo.h"
#include "store/settings/settings_repo.h"

namespace servq::service {
namespace {

using store::Connection;
using store::Tx;
namespace fb = servq::feedback;
namespace repo = servq::store::feedback;
using repo::FeedbackCase;

json opt_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

int callback_max_attempts(Connection& c) {
  auto v = store::settings::get(c, "callback_max_attempts");
  try {
    return v ? std::max(1, std::stoi(*v)) : 3;
  } catch (...) {
    return 3;
  }
}

fb::Relation relation(const Actor& a, const UnitScope& scope, const FeedbackCase& f) {
  fb::Relation rel;
  rel.receiver = f.receiver_id && *f.receiver_id == a.user_id && a.user_id != 0;
  rel.unit_head = a.role == Role::head && f.unit_path && scope.covers(*f.unit_path);
  rel.quality = a.role == Role::quality || a.role == Role::admin;
  return rel;
}

fb::CaseState state_of(const FeedbackCase& f) {
  return {f.status, f.handler == "unit_head" ? fb::Handler::unit_head : fb::Handler::receiver,
          static_cast<int>(f.callback_attempts)};
}

// The deadlines a case in `status` has missed at `now`.
json overdue_reasons(const std::string& status, const std::optional<std::string>& ack_due,
                     const std::optional<std::string>& resolve_due, const std::optional<std::string>& callback_due,
                     const std::string& now) {
  json out = json::array();
  auto before_now = [&](const std::optional<std::string>& due) { return due && *due < now; };
  if (status == "received" && before_now(ack_due)) out.push_back("acknowledge");
  if ((status == "received" || status == "verifying" || status == "in_progress") && before_now(resolve_due))
    out.push_back("resolve");
  if (status == "resolved" && before_now(callback_due)) out.push_back("callback");
  return out;
}

json case_json(const FeedbackCase& f, const Actor& a, const UnitScope& scope, const std::string& now, int max_attempts) {
  bool pii = access::sees_pii(a);
  json reasons = overdue_reasons(f.status, f.ack_due, f.resolve_due, f.callback_due, now);
  json j = {{"id", f.id},
            {"reference", f.reference},
            {"external_id", opt_json(f.external_id)},
            {"received_at", f.received_at},
            {"channel", f.channel},
            {"kind", f.kind},
            {"customer",
             {{"id", f.customer_id ? json(*f.customer_id) : json(nullptr)},
              {"name", pii ? opt_json(f.customer_name) : json(nullptr)},
              {"phone", pii ? opt_json(f.customer_phone) : json(nullptr)},
              {"address", pii ? opt_json(f.customer_address) : json(nullptr)}}},
            {"content", f.content},
            {"unit", opt_json(f.unit_code)},
            {"staff", opt_json(f.staff_code)},
            {"category", f.category},
            {"severity", f.severity},
            {"status", f.status},
            {"handler", f.handler},
            {"receiver", f.receiver},
            {"resolution", opt_json(f.resolution)},
            {"unfounded_explanation", opt_json(f.unfounded_explanation)},
            {"callback_attempts", f.callback_attempts},
            {"reopen_count", f.reopen_count},
            {"acknowledged_at", opt_json(f.acknowledged_at)},
            {"resolved_at", opt_json(f.resolved_at)},
            {"closed_at", opt_json(f.closed_at)},
            {"ack_due", opt_json(f.ack_due)},
            {"resolve_due", opt_json(f.resolve_due)},
            {"callback_due", opt_json(f.callback_due)},
            {"overdue", !reasons.empty()},
            {"overdue_reasons", reasons},
            {"pii_masked", !pii}};
  j["allowed_actions"] = fb::allowed_actions(state_of(f), relation(a, scope, f), max_attempts);
  return j;
}

json cases_json(const std::vector<FeedbackCase>& cases, const Actor& a, const UnitScope& scope, const std::string& now,
                int max_attempts) {
  json items = json::array();
  for (const auto& f : cases) items.push_back(case_json(f, a, scope, now, max_attempts));
  return items;
}

// ---- filters -------------------------------------------------------------------------------

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

// The search terms must occur in the case. A caller who may not read customers' personal data
// searches only the reference and the content (search_public): otherwise the result set would
// answer "did this phone number complain".
void search_filter(Connection& c, const Actor& a, const std::string& q_in, repo::CaseFilter& f) {
  std::string q = q_in;
  // A whole phone number, in whatever form it is typed, is searched as its E.164 digits (the
  // index holds those and the national digits) — only for those who may see phones.
  if (access::sees_pii(a)) {
    const std::string region = phone_region(c);
    if (auto number = phone::query_number(q, region)) q = phone::search_key(*number, region);
  }
  auto sq = text::prepare_query(q);
  if (sq.folded.empty()) return;
  f.search = std::move(sq);
  f.public_only = !access::sees_pii(a);
}

Result<repo::CaseFilter> build_filter(Connection& c, const Actor& a, const UnitScope& scope, const ListQuery& q,
                                      const std::string& now) {
  repo::CaseFilter f;
  // Each enumerated filter: a comma-separated list of known values.
  auto read_enum = [&](const char* field, const auto& allowed, std::vector<std::string>& target) -> std::optional<Error> {
    auto values = enum_list(q, field, allowed);
    if (!values) return values.error();
    target = std::move(*values);
    return std::nullopt;
  };
  for (auto e : {read_enum("status", fb::kStatuses, f.statuses), read_enum("kind", fb::kKinds, f.kinds),
                 read_enum("channel", fb::kChannels, f.channels), read_enum("category", fb::kCategories, f.categories),
                 read_enum("severity", fb::kSeverities, f.severities)})
    if (e) return *e;
  if (q.has("unit")) {
    auto u = find_unit(c, q.get("unit"));
    if (!u) return invalid("feedback.unit_unknown", "unit", "unit '" + q.get("unit") + "' does not exist");
    f.unit_path = u->path;
  }
  if (q.has("staff")) f.staff_code = q.get("staff");
  // A bare date is the start of that day in the organisation's zone: `from` includes the day,
  // `to` is exclusive (to=2026-10-01 ends at local midnight starting 1 October).
  auto zone = org_zone(c);
  for (auto [param, target] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
    if (!q.has(param)) continue;
    auto t = timeutil::normalize_iso8601(q.get(param), zone);
    if (!t) return invalid(std::string("feedback.") + param + "_invalid", param, std::string(param) + " must be a date");
    *target = *t;
  }
  if (q.get("overdue") == "true" || q.get("overdue") == "1") f.overdue_at = now;
  if (q.get("mine") == "true" || q.get("mine") == "1") {
    repo::CaseFilter::Mine mine;
    mine.user_id = a.user_id;
    if (a.role == Role::head && scope.kind() == UnitScope::Kind::subtree) mine.head_subtree = scope.unit_path();
    mine.all_resolved = a.role == Role::quality || a.role == Role::admin;
    f.mine = mine;
  }
  if (!q.q.empty()) search_filter(c, a, q.q, f);
  return f;
}

// ---- writing -------------------------------------------------------------------------------

// Reference numbers count per year of the organisation's calendar (received 00:30 on 1 January
// in Hanoi is the new year's, though it is still 31 December in UTC).
std::string next_reference(Connection& c, const std::string& received_at, const timeutil::Zone& zone) {
  int64_t year = timeutil::local_year(zone, timeutil::parse_to_unix(received_at).value_or(0));
  int64_t n = repo::next_reference_number(c, "PH", year);
  char buf[32];
  std::snprintf(buf, sizeof buf, "PH-%04lld-%06lld", static_cast<long long>(year), static_cast<long long>(n));
  return buf;
}

struct Policy {
  int64_t ack = 8 * 3600, resolve = 7 * 86400, callback = 3 * 86400;
};

Policy policy_for(Connection& c, const std::string& kind, const std::string& severity) {
  auto p = repo::find_sla_policy(c, kind, severity);
  if (!p) return {};
  auto secs = [](double minutes) { return static_cast<int64_t>(std::llround(minutes * 60)); };
  return {secs(p->acknowledge_minutes), secs(p->resolve_minutes), secs(p->callback_minutes)};
}

std::string plus_seconds(const std::string& iso, int64_t secs) {
  return timeutil::format_utc(timeutil::parse_to_unix(iso).value_or(0) + secs);
}

std::string search_text(const NewCase& n, const std::string& reference, std::string_view region) {
  return text::fold(reference + " " + n.content + " " + n.customer_name.value_or("") + " " +
                    (n.customer_phone ? phone::search_text(*n.customer_phone, region) : ""));
}

void add_event(Connection& c, int64_t id, const Actor& a, const std::string& action, const std::string& from,
               const std::string& to, const std::string& note, const json& data, const std::string& at) {
  auto unless_empty = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); };
  repo::append_event(c, {0, id, at, a.user_id ? std::optional<int64_t>(a.user_id) : std::nullopt, a.login, action,
                         unless_empty(from), unless_empty(to), unless_empty(note),
                         data.is_null() ? std::nullopt : std::optional<std::string>(data.dump())});
}

json full_case(Connection& c, const Actor& a, const UnitScope& scope, const FeedbackCase& f) {
  json j = case_json(f, a, scope, now_iso(), callback_max_attempts(c));
  json timeline = json::array();
  for (auto& e : repo::events_of(c, f.id))
    timeline.push_back({{"at", e.at},
                        {"actor", e.actor},
                        {"action", e.action},
                        {"from_status", opt_json(e.from_status)},
                        {"to_status", opt_json(e.to_status)},
                        {"note", opt_json(e.note)},
                        {"data", e.data_json ? json::parse(*e.data_json, nullptr, false) : json(nullptr)}});
  j["timeline"] = timeline;
  json notes = json::array();
  for (auto& n : repo::notifications_of(c, f.id))
    notes.push_back({{"id", n.id}, {"at", n.at}, {"actor", n.actor}, {"channel", n.channel}, {"kind", n.kind},
                     {"content", n.content}});
  j["notifications"] = notes;
  return j;
}

// The case as the system sees it (every unit), after a write.
FeedbackCase reload(Connection& c, int64_t id) { return *repo::find(c, UnitScope::of(system_actor()), id); }

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
  std::vector<repo::CaseRecord> records;
  std::map<std::pair<std::string, std::string>, Policy> policies;
  std::string now = now_iso();
  auto zone = org_zone(c);
  const std::string region = phone_region(c);
  for (const auto& n : cases) {
    repo::CaseRecord r;
    r.reference = next_reference(c, n.received_at, zone);
    auto pk = std::make_pair(n.kind, n.severity);
    auto pol = policies.find(pk);
    if (pol == policies.end()) pol = policies.emplace(pk, policy_for(c, n.kind, n.severity)).first;
    r.external_id = n.external_id;
    r.received_at = n.received_at;
    r.channel = n.channel;
    r.kind = n.kind;
    r.customer_id = n.customer_id;
    r.customer_name = n.customer_name;
    r.customer_phone = n.customer_phone;
    r.customer_address = n.customer_address;
    r.content = n.content;
    r.unit_id = n.unit_id;
    r.staff_id = n.staff_id;
    r.category = n.category;
    r.severity = n.severity;
    r.handler = n.handler;
    r.receiver_id = n.receiver_id;
    r.receiver = n.receiver;
    r.ack_due = plus_seconds(n.received_at, pol->second.ack);
    r.resolve_due = plus_seconds(n.received_at, pol->second.resolve);
    r.search = search_text(n, r.reference, region);
    r.search_public = text::fold(r.reference + " " + n.content);
    r.created_at = r.updated_at = now;
    records.push_back(std::move(r));
  }
  return repo::insert(c, records);
}

int64_t insert_case(Connection& c, const NewCase& n) { return insert_cases(c, {n}).front(); }

Result<json> list_feedback(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c, false);
  std::string now = now_iso();
  auto scope = UnitScope::of(a);
  auto f = build_filter(c, a, scope, q, now);
  if (!f) return f.error();
  std::string sort = q.get("sort");
  if (!sort.empty() && sort != "received_at" && sort != "-received_at" && sort != "due")
    return invalid("feedback.sort_invalid", "sort", "sort must be received_at, -received_at or due");
  // "due": the overdue board's order, most overdue on top.
  auto order = sort == "received_at" ? repo::CaseOrder::oldest_first
               : sort == "due"       ? repo::CaseOrder::next_due
                                     : repo::CaseOrder::newest_first;
  auto page = repo::list(c, scope, *f, order, {q.page, q.page_size});
  return page_json(cases_json(page.items, a, scope, now, callback_max_attempts(c)), page.total, q);
}

Result<json> export_feedback_rows(store::Database& db, const Actor& a, const ListQuery& q, int64_t limit) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c, false);
  std::string now = now_iso();
  auto scope = UnitScope::of(a);
  auto f = build_filter(c, a, scope, q, now);
  if (!f) return f.error();
  return cases_json(repo::list_all(c, scope, *f, limit), a, scope, now, callback_max_attempts(c));
}

Result<json> get_feedback(store::Database& db, const Actor& a, int64_t id) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c, false);
  auto scope = UnitScope::of(a);
  auto f = repo::find(c, scope, id);
  if (!f) return not_found("feedback");
  return full_case(c, a, scope, *f);
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
      auto contact = repo::customer_contact(c, *visible);
      n.customer_id = contact->id;
      n.customer_name = contact->name;
      n.customer_phone = contact->phone;
      n.customer_address = contact->address;
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
    auto placed = store::org::find_staff_by_code(c, *s);
    if (!placed) return invalid("feedback.staff_unknown", "staff", "staff '" + *s + "' does not exist");
    n.staff_id = placed->id;
    if (!n.unit_id) n.unit_id = placed->unit_id;
  }
  if (n.external_id && repo::external_id_taken(c, *n.external_id))
    return conflict("feedback.duplicate", "external_id", "a case with this external_id exists");
  n.receiver_id = a.user_id ? std::optional<int64_t>(a.user_id) : std::nullopt;
  n.receiver = a.login;
  int64_t id = insert_case(c, n);
  add_event(c, id, a, "receive", "", "received", "", {{"channel", n.channel}}, now_iso());
  json out = full_case(c, a, UnitScope::of(a), reload(c, id));
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
  auto scope = UnitScope::of(a);
  auto r = repo::find(c, scope, id, true);
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
  auto t = fb::apply(state, in, relation(a, scope, *r), max_attempts);
  if (!t) return t.error();
  if (in.action == "escalate" && !r->unit_code)
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
  repo::CaseUpdate u;
  u.status = t->to;
  u.handler = std::string(fb::handler_name(t->handler));
  u.callback_attempts = t->callback_attempts;
  u.updated_at = now;
  if (t->acknowledged && !r->acknowledged_at) {
    u.acknowledged_at = now;
    u.first_response_seconds =
        timeutil::parse_to_unix(now).value_or(0) - timeutil::parse_to_unix(r->received_at).value_or(0);
  }
  if (in.action == "mark_unfounded") {
    u.unfounded_explanation = in.explanation;
    data["explanation"] = in.explanation;
  }
  if (t->resolved) {
    Policy pol = policy_for(c, r->kind, r->severity);
    u.resolution = {in.resolution, now, plus_seconds(now, pol.callback), !r->resolve_due || now <= *r->resolve_due};
    data["resolution"] = in.resolution;
  }
  if (in.action == "callback") u.callback_done_at = now;
  u.reopened = t->reopened;
  if (t->closed) u.closed_at = now;
  if (in.action == "escalate") data["to"] = "unit_head";
  repo::update(c, id, u);
  add_event(c, id, a, in.action, t->from, t->to, in.note, data.empty() ? json(nullptr) : data, at);
  audit(c, a, "transition", "feedback", std::to_string(id), {{"status", t->from}},
        {{"status", t->to}, {"action", in.action}});
  json out = full_case(c, a, scope, reload(c, id));
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
  auto scope = UnitScope::of(a);
  auto r = repo::find(c, scope, id, true);
  if (!r) return not_found("feedback");
  auto rel = relation(a, scope, *r);
  if (!rel.receiver && !rel.unit_head && !rel.quality)
    return Error{"feedback.actor_not_allowed", "customers are notified by the receiver, the unit head or quality", "", 403};
  int64_t nid = repo::append_notification(
      c, {0, id, at, a.user_id ? std::optional<int64_t>(a.user_id) : std::nullopt, a.login, *channel, *kind, *content});
  add_event(c, id, a, "notify_customer", "", "", "", {{"channel", *channel}, {"kind", *kind}}, now_iso());
  json out = {{"id", nid}, {"at", at}, {"actor", a.login}, {"channel", *channel}, {"kind", *kind}, {"content", *content}};
  audit(c, a, "create", "feedback_notification", std::to_string(nid), nullptr, out);
  tx.commit();
  return out;
}

Result<json> feedback_counts(store::Database& db, const Actor& a, const ListQuery& q) {
  static const std::map<std::string, repo::CaseGroup> groups = {
      {"channel", repo::CaseGroup::channel},   {"kind", repo::CaseGroup::kind},
      {"category", repo::CaseGroup::category}, {"severity", repo::CaseGroup::severity},
      {"status", repo::CaseGroup::status},     {"unit", repo::CaseGroup::unit},  // by id, named by code afterwards
      {"month", repo::CaseGroup::received_bucket}};  // UTC buckets folded into the organisation's months
  std::string by = q.get("by");
  auto group = groups.find(by);
  if (group == groups.end())
    return invalid("feedback.by_invalid", "by", "by must be channel, kind, category, severity, status, unit or month");
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c, false);
  ListQuery filters = q;
  filters.params.erase("by");
  auto scope = UnitScope::of(a);
  auto f = build_filter(c, a, scope, filters, now_iso());
  if (!f) return f.error();
  auto names = by == "unit" ? repo::unit_codes_by_id(c) : std::map<std::string, std::string>{};
  json items = json::array();
  if (by == "month") {
    LocalBuckets buckets(org_zone(c));
    std::map<std::string, int64_t> months;
    for (auto& n : repo::count_cases(c, scope, *f, {group->second, buckets.prefix_chars()}))
      months[buckets.month(*n.key)] += n.cases;
    for (auto& [m, n] : months) items.push_back({{"key", m}, {"count", n}});
    return json{{"by", by}, {"items", items}};
  }
  for (auto& n : repo::count_cases(c, scope, *f, {group->second}))
    items.push_back({{"key", by == "unit" ? name_of(names, n.key) : opt_json(n.key)}, {"count", n.cases}});
  return json{{"by", by}, {"items", items}};
}

Result<json> feedback_measures(store::Database& db, const Actor& a, const ListQuery& q) {
  std::string group = q.has("group") ? q.get("group") : "unit";
  repo::Grouping grouping;
  if (group == "unit") {
    grouping.by = repo::CaseGroup::unit;
  } else if (group == "staff") {
    grouping.by = repo::CaseGroup::staff;
  } else if (group == "month") {
    grouping.by = repo::CaseGroup::received_bucket;  // UTC buckets folded into the organisation's months below
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
  auto scope = UnitScope::of(a);
  auto f = build_filter(c, a, scope, filters, now);
  if (!f) return f.error();
  std::optional<LocalBuckets> buckets;
  if (group == "month") {
    buckets.emplace(org_zone(c));
    grouping.bucket_chars = buckets->prefix_chars();
  }
  auto rows = repo::complaint_handling(c, scope, *f, grouping, now);
  auto names = group == "unit"    ? repo::unit_codes_by_id(c)
               : group == "staff" ? repo::staff_codes_by_id(c)
                                  : std::map<std::string, std::string>{};
  std::vector<std::pair<json, repo::ComplaintHandling>> groups;
  std::map<std::string, repo::ComplaintHandling> months;
  for (auto& r : rows) {
    if (!buckets) {
      groups.push_back({name_of(names, r.key), r});
      continue;
    }
    auto& m = months[buckets->month(*r.key)];
    m.complaints += r.complaints;
    m.resolved += r.resolved;
    m.resolved_on_time += r.resolved_on_time;
    m.due += r.due;
    m.first_response_seconds += r.first_response_seconds;
    m.callbacks_done += r.callbacks_done;
    m.first_responses += r.first_responses;
  }
  for (auto& [month, m] : months) groups.push_back({month, m});
  json items = json::array();
  for (auto& [k, m] : groups) {
    json mean = nullptr;
    if (m.first_responses)  // hours, 2 decimals
      mean = std::round(static_cast<double>(m.first_response_seconds) / static_cast<double>(m.first_responses) / 36.0) /
             100.0;
    items.push_back({{"key", k},
                     {"complaints", m.complaints},
                     {"resolved", m.resolved},
                     {"resolved_on_time", m.resolved_on_time},
                     {"due", m.due},
                     {"on_time_rate", m.due ? json(static_cast<double>(m.resolved_on_time) / m.due) : json(nullptr)},
                     {"mean_first_response_hours", mean},
                     {"callbacks_due", m.resolved},
                     {"callbacks_done", m.callbacks_done},
                     {"callback_done_rate",
                      m.resolved ? json(static_cast<double>(m.callbacks_done) / m.resolved) : json(nullptr)}});
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
  for (auto& p : repo::sla_policies(c))
    items.push_back({{"kind", p.kind},
                     {"severity", p.severity},
                     {"acknowledge_minutes", p.acknowledge_minutes},
                     {"resolve_minutes", p.resolve_minutes},
                     {"callback_minutes", p.callback_minutes}});
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
    repo::SlaPolicy policy{kind, sev};
    double* minutes[] = {&policy.acknowledge_minutes, &policy.resolve_minutes, &policy.callback_minutes};
    const char* fields[] = {"acknowledge_minutes", "resolve_minutes", "callback_minutes"};
    for (int k = 0; k < 3; ++k) {
      if (!it.contains(fields[k]) || !it[fields[k]].is_number() || it[fields[k]].get<double>() < 0 ||
          it[fields[k]].get<double>() > 525600)
        return invalid("sla.minutes_invalid", at + "." + fields[k], at + "." + fields[k] + " must be minutes from 0 to 525600");
      *minutes[k] = it[fields[k]].get<double>();  // stored exactly, so a GET answers what was PUT
    }
    repo::put_sla_policy(c, policy);
  }
  if (body.contains("callback_max_attempts")) {
    if (!body["callback_max_attempts"].is_number_integer() || body["callback_max_attempts"].get<int64_t>() < 1 ||
        body["callback_max_attempts"].get<int64_t>() > 20)
      return invalid("sla.callback_max_attempts_invalid", "callback_max_attempts", "callback_max_attempts must be 1 to 20");
    store::settings::put(c, "callback_max_attempts", std::to_string(body["callback_max_attempts"].get<int64_t>()));
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
  for (auto& r : repo::overdue_not_escalated(c, now, 1000)) {
    // Claim the case; another instance's sweep may have taken it already.
    if (!repo::claim_escalation(c, r.id, now)) continue;
    add_event(c, r.id, sys, "auto_escalate", r.status, r.status, "",
              {{"overdue", overdue_reasons(r.status, r.ack_due, r.resolve_due, r.callback_due, now)}}, now);
    ++escalated;
  }
  tx.commit();
  return escalated;
}

}  // namespace servq::service

namespace servq::service {

namespace {

const std::vector<std::string> kImportColumns = {"external_id", "received_at", "channel", "kind", "customer_name",
                                                 "customer_phone", "customer_address", "content", "unit", "staff",
                                                 "category", "severity", "status", "resolution", "closed_at"};

ColumnIndex feedback_columns(const csv::Table& table, std::vector<org::LineError>& errors) {
  ColumnIndex col;
  for (size_t i = 0; i < table.header.size(); ++i) {
    const auto& h = table.header[i];
    if (std::find(kImportColumns.begin(), kImportColumns.end(), h) == kImportColumns.end())
      errors.push_back({1, h, "import.unknown_column", "unknown column '" + h + "'"});
    else
      col[h] = i;
  }
  for (const char* r : {"external_id", "received_at", "channel", "kind", "content"})
    if (!col.count(r)) errors.push_back({1, r, "import.missing_column", std::string("required column '") + r + "' is missing"});
  return col;
}

// What the import needs to read each line: the references it resolves and how it reads times.
struct CaseImport {
  const Actor& actor;
  const ImportOptions& options;
  timeutil::Zone zone;  // received_at and closed_at without offset are local there
  std::string region;
  std::map<std::string, int64_t> units, staff;
  std::map<std::string, int64_t> phones;  // customer ids by E.164 number
  std::vector<org::LineError>& errors;
};

// A case read from a line, with the state it had in the old register.
struct ImportedCase {
  NewCase n;
  std::string status, resolution, closed_at;
};

// Typed dates (core/typed_date) under the user's date order, then the time normaliser.
std::optional<std::string> import_time(const CaseImport& x, const ImportLine& line, const char* column, const std::string& v) {
  auto d = org::read_date_cell(line.record(), column, v, x.options.date_order, x.errors);
  if (!d) return std::nullopt;
  auto t = timeutil::normalize_iso8601(*d, x.zone);
  if (!t) x.errors.push_back({line.record().line, column, "import.date_invalid", std::string(column) + " is not a date-time",
                              {{"value", v}, {"expected", typed_date::expected(x.options.date_order)}}});
  return t;
}

// `column`'s value, `fallback` when empty, reported as import.<column>_invalid with `message`
// unless it is one of `allowed`.
template <typename List>
std::string one_of_column(ImportLine& line, const std::string& column, const std::string& fallback, const List& allowed,
                          const std::string& message) {
  std::string v = line.get(column);
  if (v.empty()) v = fallback;
  if (!servq::feedback::one_of(v, allowed)) line.err(column, "import." + column + "_invalid", message);
  return v;
}

ImportedCase read_case(const CaseImport& x, ImportLine& line, const std::string& ext) {
  namespace fb = servq::feedback;
  ImportedCase row;
  auto& n = row.n;
  n.external_id = ext;
  if (line.get("received_at").empty()) {
    line.err("received_at", "import.received_at_invalid", "received_at must be a date-time like 2025-03-01 08:30");
  } else if (auto ra = import_time(x, line, "received_at", line.get("received_at"))) {
    n.received_at = *ra;
  }
  n.channel = line.get("channel");
  if (!fb::one_of(n.channel, fb::kChannels)) line.err("channel", "import.channel_invalid", "channel '" + n.channel + "' is not a known channel");
  n.kind = one_of_column(line, "kind", "", fb::kKinds, "kind must be complaint, praise, suggestion or inquiry");
  n.content = line.get("content");
  if (n.content.empty()) line.err("content", "import.content_required", "content is required");
  n.category = line.get("category").empty() ? "other" : line.get("category");
  if (!fb::one_of(n.category, fb::kCategories)) line.err("category", "import.category_invalid", "category '" + n.category + "' is not a known category");
  n.severity = one_of_column(line, "severity", "medium", fb::kSeverities, "severity must be low, medium, high or critical");
  row.status = line.get("status").empty() ? "received" : line.get("status");
  if (!fb::one_of(row.status, fb::kStatuses)) line.err("status", "import.status_invalid", "status '" + row.status + "' is not a known status");
  row.resolution = line.get("resolution");
  if (!line.get("closed_at").empty()) {
    if (auto ca = import_time(x, line, "closed_at", line.get("closed_at"))) row.closed_at = *ca;
  }
  if (row.status == "closed" && row.closed_at.empty()) row.closed_at = n.received_at;
  if (auto v = line.get("customer_name"); !v.empty()) n.customer_name = v;
  if (auto v = line.get("customer_address"); !v.empty()) n.customer_address = v;
  if (auto number = line.phone("customer_phone", x.region)) {
    n.customer_phone = *number;
    if (auto it = x.phones.find(*number); it != x.phones.end()) n.customer_id = it->second;
  }
  n.unit_id = line.code_id("unit", x.units);
  n.staff_id = line.code_id("staff", x.staff);
  n.receiver_id = x.actor.user_id ? std::optional<int64_t>(x.actor.user_id) : std::nullopt;
  n.receiver = x.actor.login;
  return row;
}

// Inserts the cases with the state the old register gave them, each with its "import" event.
void write_cases(Connection& c, const Actor& a, const std::vector<ImportedCase>& rows, const Progress& progress) {
  std::string now = now_iso();
  size_t written = 0;
  for (const auto& row : rows) {
    int64_t id = insert_case(c, row.n);
    const std::string& st = row.status;
    if (st != "received") {
      bool resolved = st == "resolved" || (st == "closed" && !row.resolution.empty());
      std::string resolved_at = row.closed_at.empty() ? row.n.received_at : row.closed_at;
      repo::ImportedState imported{st};
      if (!row.resolution.empty()) imported.resolution = row.resolution;
      if (resolved) {
        imported.resolved_at = resolved_at;
        imported.resolved_on_time = 1;
      }
      if (!row.closed_at.empty() && st == "closed") imported.closed_at = row.closed_at;
      repo::set_imported_state(c, id, imported);
    }
    add_event(c, id, a, "import", "", st, "", {{"external_id", *row.n.external_id}}, now);
    tick(progress, "write", ++written, rows.size());
  }
}

}  // namespace

Result<ImportOutcome> import_feedback(store::Database& db, const Actor& a, std::string_view data, bool dry_run,
                                      const Progress& progress, const ImportOptions& options) {
  auto table = read_import_file(a, data, progress, options);
  if (!table) return table.error();
  ImportOutcome out;
  auto& errors = out.errors;
  const ColumnIndex col = feedback_columns(*table, errors);
  if (!errors.empty()) return out;
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  const CaseImport x{a,
                     options,
                     org_zone(c),
                     phone_region(c),
                     store::org::unit_ids_by_code(c),
                     store::org::staff_ids_by_code(c),
                     repo::customer_ids_by_phone(c),
                     errors};
  const auto known_ids = repo::external_ids(c);
  std::set<std::string> seen;
  std::vector<ImportedCase> rows;
  size_t unchanged = 0, i = 0;
  for (const auto& rec : table->rows) {
    tick(progress, "validate", ++i, table->rows.size());
    ImportLine line(rec, col, errors);
    line.check_field_count(table->header.size());
    std::string ext = line.get("external_id");
    if (ext.empty()) line.err("external_id", "import.external_id_required", "external_id is required");
    if (!ext.empty() && !seen.insert(ext).second) line.err("external_id", "import.duplicate_in_file", "external_id appears twice in the file");
    ImportedCase row = read_case(x, line, ext);
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
  write_cases(c, a, rows, progress);
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
  const std::vector<int64_t> units = store::org::all_unit_ids(c);
  if (units.empty()) return Error{"generate.no_units", "create units first (servq demo)", "", 422};
  std::mt19937_64 rng(seed);
  const int64_t end = now_unix();
  const int64_t span = 730LL * 86400;
  const int64_t base_seq = repo::last_reference_number(c, "BM");
  const std::string now = now_iso();
  auto at = [](int64_t t) { return std::optional<std::string>(timeutil::format_utc(t)); };
  int64_t done = 0;
  while (done < count) {
    Tx tx(c);
    int64_t chunk = std::min<int64_t>(10000, count - done);
    std::vector<repo::CaseRecord> cases;
    for (int64_t k = 0; k < chunk; ++k) {
      int64_t seq = base_seq + done + k + 1;
      char ref[32];
      std::snprintf(ref, sizeof ref, "BM-%09lld", static_cast<long long>(seq));
      int64_t t = end - static_cast<int64_t>(rng() % span);
      int ti = static_cast<int>(rng() % std::size(texts));
      bool zh = rng() % 5 == 0;
      repo::CaseRecord r;
      r.reference = ref;
      r.received_at = timeutil::format_utc(t);
      r.content = std::string(texts[ti][zh ? 1 : 0]) + " #" + std::to_string(seq % 997);
      r.kind = ti < 5 ? "complaint" : ti == 5 ? "praise" : ti == 6 ? "suggestion" : "inquiry";
      r.category = fb::kCategories[rng() % std::size(fb::kCategories)];
      r.severity = fb::kSeverities[rng() % 3];
      bool old = end - t > 30 * 86400;
      r.status = old ? (rng() % 20 == 0 ? "resolved" : "closed") : std::string(fb::kStatuses[rng() % std::size(fb::kStatuses)]);
      bool ack = r.status != "received";
      bool res = r.status == "resolved" || r.status == "closed";
      int64_t fr = 1800 + static_cast<int64_t>(rng() % 20000);
      // The random draws in the order the generator has always made them (same seed, same data).
      r.channel = fb::kChannels[rng() % 10];
      r.unit_id = units[rng() % units.size()];
      r.receiver = "bench";
      r.ack_due = at(t + 8 * 3600);
      r.resolve_due = at(t + 7 * 86400);
      if (ack) r.acknowledged_at = at(t + fr);
      if (res) r.resolved_at = at(t + 3 * 86400);
      if (r.status == "closed") r.closed_at = at(t + 4 * 86400);
      if (res) r.resolved_on_time = int64_t{rng() % 5 != 0};
      if (ack) r.first_response_seconds = fr;
      r.search = r.search_public = text::fold(std::string(ref) + " " + r.content);
      r.created_at = r.updated_at = now;
      cases.push_back(std::move(r));
    }
    repo::insert_bulk(c, cases);
    repo::set_reference_number(c, "BM", 0, base_seq + done + chunk);
    tx.commit();
    done += chunk;
    if (progress) progress("generate", static_cast<size_t>(done), static_cast<size_t>(count));
  }
  store::refresh_statistics(c, {"feedback"});
  return done;
}

}  // namespace servq::service
