#include "service/survey_service.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <ostream>
#include <random>
#include <set>

#include "core/json_input.h"
#include "core/csv.h"
#include "core/phone.h"
#include "core/text.h"
#include "core/time.h"
#include "service/feedback_service.h"
#include "service/org_service.h"
#include "service/settings/org_settings.h"
#include "service/survey_analysis.h"
#include "store/org/staff_repo.h"
#include "store/org/units_repo.h"
#include "store/dialect.h"
#include "store/survey/campaigns_repo.h"
#include "store/survey/cells_repo.h"
#include "store/survey/intake_repo.h"
#include "store/survey/invitations_repo.h"
#include "store/survey/kiosks_repo.h"
#include "store/survey/responses_repo.h"
#include "store/survey/surveys_repo.h"
#include "survey/templates_embedded.h"

namespace servq::service {

using store::Connection;
using store::Params;
using store::Row;
using store::Tx;
namespace repo = store::survey;

namespace {

bool may_manage(const Actor& a) { return a.role == Role::admin || a.role == Role::quality; }

json opt_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

// 128 random bits as 26 base32 characters (no padding, lower case, no look-alike issues in URLs).
std::string random_token(size_t bytes) {
  static const char* alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char b : buf) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(acc << (5 - bits)) & 31];
  return out;
}

json items_json(const survey::Questionnaire& q) {
  json items = json::array();
  for (const auto& it : q.items) {
    json s = nullptr;
    if (it.scored) s = {{"min", it.min()}, {"max", it.max()}, {"values", it.scale}};
    items.push_back({{"name", it.name},
                     {"question", it.question},
                     {"title", it.title},
                     {"type", it.type},
                     {"scale", s},
                     {"dimension", it.dimension.empty() ? json(nullptr) : json(it.dimension)},
                     {"reverse", it.reverse},
                     {"role", it.role.empty() ? json(nullptr) : json(it.role)},
                     {"choices", it.choices.empty() ? json(nullptr) : json(it.choices)}});
  }
  return items;
}

json survey_json(const repo::Survey& s, bool full) {
  json j = {{"id", s.id},                 {"family_id", s.family_id},   {"version", s.version},
            {"title", s.title},           {"status", s.status},         {"created_at", s.created_at},
            {"created_by", s.created_by}, {"updated_at", s.updated_at}, {"response_count", s.response_count}};
  if (full) {
    json def = json::parse(s.definition, nullptr, false);
    j["definition"] = def;
    if (auto q = survey::parse(def)) {
      j["items"] = items_json(*q);
      j["dimensions"] = q->dimensions;
    }
  }
  return j;
}

Result<std::pair<survey::Questionnaire, std::string>> read_definition(const json& body) {
  if (!body.contains("definition")) return invalid("survey.definition_required", "definition", "definition (SurveyJS JSON) is required");
  // Depth first: copying the definition (or anything else) recurses over its nesting.
  if (auto e = survey::check_depth(body["definition"])) {
    e->field = "definition." + e->field;
    return *e;
  }
  json def = body["definition"];
  if (def.is_string()) {
    auto parsed = jsonin::parse_limited(def.get<std::string>(), "definition", jsonin::kMaxDefinitionDepth);
    if (!parsed)
      return invalid(parsed.error().code == "http.json_too_deep" ? "survey.definition_too_deep" : "survey.definition_invalid",
                     "definition", parsed.error().message);
    def = std::move(*parsed);
  }
  auto q = survey::parse(def);
  if (!q) {
    auto e = q.error();
    e.field = "definition." + e.field;
    return e;
  }
  std::string title;
  if (body.contains("title") && body["title"].is_string()) title = text::trim(body["title"].get<std::string>());
  if (title.empty()) title = q->title;
  if (title.empty()) return invalid("survey.title_required", "title", "give the questionnaire a title (here or in the definition)");
  if (title.size() > 300) return invalid("survey.title_invalid", "title", "title is longer than 300 characters");
  return std::make_pair(std::move(*q), title);
}

struct CacheEntry {
  std::string updated_at;
  std::shared_ptr<const survey::Questionnaire> q;
};
std::mutex cache_mu;
std::map<std::pair<std::string, int64_t>, CacheEntry> cache;  // (database, survey id)

std::shared_ptr<const survey::Questionnaire> cached(Connection& c, int64_t id, const std::string& updated_at) {
  {
    std::lock_guard lk(cache_mu);
    auto it = cache.find({c.source(), id});
    if (it != cache.end() && it->second.updated_at == updated_at) return it->second.q;
  }
  auto d = repo::find_definition(c, id);
  if (!d) return nullptr;
  auto q = survey::parse(json::parse(d->definition, nullptr, false));
  if (!q) return nullptr;
  auto ptr = std::make_shared<const survey::Questionnaire>(std::move(*q));
  std::lock_guard lk(cache_mu);
  cache[{c.source(), id}] = {d->updated_at, ptr};
  return ptr;
}

Result<repo::Campaign> load_campaign(Connection& c, int64_t id) {
  auto k = repo::find_campaign(c, id);
  if (!k) return not_found("campaign");
  return *k;
}

std::string campaign_status(const repo::Campaign& k, const std::string& now) {
  if (now < k.opens_at) return "scheduled";
  if (k.closes_at && now > *k.closes_at) return "closed";
  return "open";
}

json response_rate(int64_t inv, int64_t resp) {
  return inv > 0 ? json(static_cast<double>(std::min(resp, inv)) / static_cast<double>(inv)) : json(nullptr);
}

json campaign_json(const repo::Campaign& k) {
  std::string now = now_iso();
  json seg = json::parse(k.segment, nullptr, false);
  return {{"id", k.id},
          {"survey_id", k.survey_id},
          {"survey_title", k.survey_title},
          {"name", k.name},
          {"channel", k.channel},
          {"opens_at", k.opens_at},
          {"closes_at", opt_json(k.closes_at)},
          {"status", campaign_status(k, now)},
          {"segment", seg},
          {"invitations", k.invitations},
          {"responses", k.responses},
          {"response_rate", response_rate(k.invitations, k.responses)},
          {"created_at", k.created_at}};
}

// Dates from the API: a date (YYYY-MM-DD: the start of that day in the organisation's zone, or
// its last second for an inclusive end) or a date-time (without offset: local time in `zone`);
// stored as UTC ISO text.
std::optional<std::string> date_or_time(const std::string& s, bool end_of_day, const timeutil::Zone& zone) {
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    auto p = timeutil::parse_iso8601(s);
    if (!p) return std::nullopt;
    auto [b, e] = timeutil::day_bounds(zone, p->civil.year, p->civil.month, p->civil.day);
    return timeutil::format_utc(end_of_day ? e - 1 : b);
  }
  return timeutil::normalize_iso8601(s, zone);
}

Result<json> read_segment(Connection& c, const json& body) {
  json seg = body.contains("segment") && body["segment"].is_object() ? body["segment"] : json::object();
  if (body.contains("segment") && !body["segment"].is_object() && !body["segment"].is_null())
    return invalid("campaign.segment_invalid", "segment", "segment must be an object");
  json out = {{"category", nullptr}, {"unit", nullptr}, {"from", nullptr}, {"to", nullptr}, {"consent_only", true}, {"per", "encounter"}};
  for (const char* f : {"category", "unit", "from", "to", "per"})
    if (seg.contains(f) && !seg[f].is_null() && !seg[f].is_string())
      return invalid("campaign.segment_invalid", std::string("segment.") + f, std::string("segment.") + f + " must be a string");
  if (seg.contains("category") && seg["category"].is_string() && !seg["category"].get<std::string>().empty())
    out["category"] = seg["category"];
  if (seg.contains("unit") && seg["unit"].is_string() && !seg["unit"].get<std::string>().empty()) {
    if (!find_unit(c, seg["unit"])) return invalid("campaign.unit_unknown", "segment.unit", "unit '" + seg["unit"].get<std::string>() + "' does not exist");
    out["unit"] = seg["unit"];
  }
  for (const char* f : {"from", "to"})
    if (seg.contains(f) && seg[f].is_string() && !seg[f].get<std::string>().empty()) {
      auto t = date_or_time(seg[f], std::string(f) == "to", org_zone(c));
      if (!t) return invalid("campaign.segment_invalid", std::string("segment.") + f, std::string("segment.") + f + " must be a date like 2026-03-01");
      out[f] = *t;
    }
  if (seg.contains("consent_only")) {
    if (!seg["consent_only"].is_boolean()) return invalid("campaign.segment_invalid", "segment.consent_only", "segment.consent_only must be true or false");
    out["consent_only"] = seg["consent_only"];
  }
  if (seg.contains("per") && seg["per"].is_string()) {
    if (seg["per"] != "encounter" && seg["per"] != "customer")
      return invalid("campaign.segment_invalid", "segment.per", "segment.per must be encounter or customer");
    out["per"] = seg["per"];
  }
  return out;
}

std::string folded_texts(const survey::Scored& s) {
  std::string all;
  for (const auto& [i, t] : s.texts) all += (all.empty() ? "" : " ") + t;
  return all.empty() ? std::string() : text::fold(all);
}


}  // namespace

PendingResponse pending_from(const std::shared_ptr<const survey::Questionnaire>& qp, const survey::Scored& s, const json& answers) {
  const survey::Questionnaire& q = *qp;
  PendingResponse p;
  p.questionnaire = qp;
  p.scored = s;
  p.answers = answers.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string f = folded_texts(s);
  if (!f.empty()) p.comment_search = f;
  p.followup = survey::followup_reason(q, s);
  return p;
}

std::shared_ptr<const survey::Questionnaire> questionnaire_of(Connection& c, int64_t survey_id) {
  auto stamp = repo::survey_stamp(c, survey_id);
  if (!stamp) return nullptr;
  return cached(c, survey_id, *stamp);
}

// ---------------------------------------------------------------------------------------------
// Questionnaires

Result<json> list_surveys(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  repo::SurveyFilter f;
  if (q.has("status")) f.status = q.get("status");
  if (!q.q.empty()) f.search = like_pattern(text::fold(q.q));
  auto page = repo::list_surveys(*lease, f, {q.page, q.page_size});
  json items = json::array();
  for (const auto& s : page.items) items.push_back(survey_json(s, false));
  return page_json(items, page.total, q);
}

Result<json> get_survey(store::Database& db, const Actor& a, int64_t id) {
  auto lease = db.acquire();
  auto s = repo::find_survey(*lease, id);
  if (!s) return not_found("survey");
  return survey_json(*s, true);
}

Result<json> create_survey(store::Database& db, const Actor& a, const json& body) {
  if (!may_manage(a)) return forbidden("only admin and quality manage questionnaires");
  auto d = read_definition(body);
  if (!d) return d.error();
  auto& [q, title] = *d;
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  std::string now = now_iso();
  int64_t id = repo::insert_survey(c, {std::nullopt, 1, title, q.definition.dump(), text::fold(title), now, a.login});
  json out = survey_json(*repo::find_survey(c, id), true);
  audit(c, a, "create", "survey", std::to_string(id), nullptr, {{"title", title}, {"version", 1}});
  tx.commit();
  return out;
}

Result<SurveyUpdate> update_survey(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!may_manage(a)) return forbidden("only admin and quality manage questionnaires");
  auto d = read_definition(body);
  if (!d) return d.error();
  auto& [q, title] = *d;
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  auto old = repo::find_survey(c, id);
  if (!old) return not_found("survey");
  std::string now = now_iso();
  SurveyUpdate out;
  int64_t target = id;
  // Responses keep the meaning they were given: a questionnaire that has any gets a new version.
  if (old->response_count > 0) {
    int64_t version = repo::latest_version(c, old->family_id) + 1;
    target = repo::insert_survey(c, {old->family_id, version, title, q.definition.dump(), text::fold(title), now, a.login});
    repo::archive_survey(c, id, now);
    out.created = true;
    audit(c, a, "new_version", "survey", std::to_string(target), {{"id", id}, {"version", old->version}},
          {{"id", target}, {"version", version}, {"title", title}});
  } else {
    // updated_at must change for the questionnaire cache; keep it strictly increasing.
    std::string stamp = now;
    if (old->updated_at >= stamp) stamp = old->updated_at + "+";
    repo::update_survey_definition(c, id, title, q.definition.dump(), text::fold(title), stamp);
    audit(c, a, "update", "survey", std::to_string(id), {{"title", old->title}}, {{"title", title}});
  }
  out.survey = survey_json(*repo::find_survey(c, target), true);
  tx.commit();
  return out;
}

json survey_templates() {
  json out = json::array();
  for (const auto& t : survey::embedded_templates()) {
    json def = json::parse(t.json, nullptr, false);
    out.push_back({{"key", std::string(t.key)},
                   {"title", def.contains("title") ? def["title"] : json(std::string(t.key))},
                   {"definition", def}});
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Campaigns

Result<json> list_campaigns(store::Database& db, const Actor& a, const ListQuery& q) {
  auto lease = db.acquire();
  using Status = repo::CampaignFilter::Status;
  repo::CampaignFilter f;
  if (q.has("survey")) f.survey_id = q.get("survey");
  f.now = now_iso();
  const std::string status = q.get("status");
  f.status = status == "open" ? Status::open : status == "closed" ? Status::closed : status == "scheduled" ? Status::scheduled : Status::any;
  if (!q.q.empty()) f.name = like_pattern(q.q);
  auto page = repo::list_campaigns(*lease, f, {q.page, q.page_size});
  json items = json::array();
  for (const auto& k : page.items) items.push_back(campaign_json(k));
  return page_json(items, page.total, q);
}

Result<json> get_campaign(store::Database& db, const Actor& a, int64_t id) {
  auto lease = db.acquire();
  auto r = load_campaign(*lease, id);
  if (!r) return r.error();
  json out = campaign_json(*r);
  if (auto scope = UnitScope::of(a); !scope.all()) {
    // Heads see the counts of their own subtree.
    auto n = repo::campaign_counts(*lease, scope, id);
    out["invitations"] = n.invitations;
    out["responses"] = n.responses;
    out["response_rate"] = response_rate(n.invitations, n.responses);
  }
  return out;
}

namespace {
Result<json> campaign_fields(Connection& c, const json& body, bool creating, json current) {
  for (const char* f : {"name", "channel", "opens_at", "closes_at"})
    if (!is_string_or_null(body, f)) return invalid(std::string("campaign.") + f + "_invalid", f, std::string(f) + " must be a string");
  json out = current;
  if (creating || body.contains("name")) {
    auto n = require_string(body, "name", "campaign", 200);
    if (!n) return n.error();
    out["name"] = *n;
  }
  if (creating || body.contains("channel")) {
    std::string ch = optional_string(body, "channel").value_or("link");
    if (ch != "link" && ch != "letter" && ch != "kiosk" && ch != "paper")
      return invalid("campaign.channel_invalid", "channel", "channel must be link, letter, kiosk or paper");
    out["channel"] = ch;
  }
  if (creating || body.contains("opens_at")) {
    auto o = optional_string(body, "opens_at");
    if (o) {
      auto t = date_or_time(*o, false, org_zone(c));
      if (!t) return invalid("campaign.opens_at_invalid", "opens_at", "opens_at must be a date like 2026-03-01");
      out["opens_at"] = *t;
    } else if (creating) {
      out["opens_at"] = now_iso();
    }
  }
  if (body.contains("closes_at")) {
    auto o = optional_string(body, "closes_at");
    if (o) {
      auto t = date_or_time(*o, true, org_zone(c));
      if (!t) return invalid("campaign.closes_at_invalid", "closes_at", "closes_at must be a date like 2026-03-31");
      out["closes_at"] = *t;
    } else {
      out["closes_at"] = nullptr;
    }
  }
  if (out.contains("closes_at") && out["closes_at"].is_string() && out["closes_at"].get<std::string>() < out["opens_at"].get<std::string>())
    return invalid("campaign.dates_invalid", "closes_at", "closes_at is before opens_at");
  if (creating || body.contains("segment")) {
    auto seg = read_segment(c, body);
    if (!seg) return seg.error();
    out["segment"] = *seg;
  }
  return out;
}

// The checked fields (campaign_fields) as the repository stores them.
repo::CampaignFields stored_fields(const json& f) {
  return {f["name"].get<std::string>(), f["channel"].get<std::string>(), f["opens_at"].get<std::string>(),
          f["closes_at"].is_string() ? std::optional<std::string>(f["closes_at"].get<std::string>()) : std::nullopt,
          f["segment"].dump()};
}
}  // namespace

Result<json> create_campaign(store::Database& db, const Actor& a, const json& body) {
  if (!may_manage(a)) return forbidden("only admin and quality manage campaigns");
  if (!body.contains("survey_id") || !body["survey_id"].is_number_integer())
    return invalid("campaign.survey_required", "survey_id", "survey_id is required");
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  auto s = repo::find_survey(c, body["survey_id"].get<int64_t>());
  if (!s) return invalid("campaign.survey_unknown", "survey_id", "no questionnaire has this id");
  if (s->status != "active") return invalid("campaign.survey_archived", "survey_id", "this questionnaire version is archived; use its newest version");
  auto f = campaign_fields(c, body, true, json::object({{"closes_at", nullptr}}));
  if (!f) return f.error();
  int64_t id = repo::insert_campaign(c, s->id, stored_fields(*f), now_iso(), a.login);
  auto r = load_campaign(c, id);
  json out = campaign_json(*r);
  audit(c, a, "create", "campaign", std::to_string(id), nullptr, out);
  tx.commit();
  return out;
}

Result<json> update_campaign(store::Database& db, const Actor& a, int64_t id, const json& body) {
  if (!may_manage(a)) return forbidden("only admin and quality manage campaigns");
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  auto r = load_campaign(c, id);
  if (!r) return r.error();
  json before = campaign_json(*r);
  if (body.contains("segment") && r->invitations > 0)
    return conflict("campaign.segment_locked", "segment", "invitations exist; the segment can no longer change");
  if (body.contains("channel") && r->responses > 0)
    return conflict("campaign.channel_locked", "channel", "responses exist; the channel can no longer change");
  auto f = campaign_fields(c, body, false, before);
  if (!f) return f.error();
  repo::update_campaign(c, id, stored_fields(*f), now_iso());
  json out = campaign_json(*load_campaign(c, id));
  audit(c, a, "update", "campaign", std::to_string(id), before, out);
  tx.commit();
  return out;
}

Result<json> create_invitations(store::Database& db, const Actor& a, int64_t campaign_id) {
  if (!may_manage(a)) return forbidden("only admin and quality manage campaigns");
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  auto camp = load_campaign(c, campaign_id);
  if (!camp) return camp.error();
  const std::string& channel = camp->channel;
  if (channel != "link" && channel != "letter")
    return conflict("campaign.channel_no_links", "channel", "personal links are for link and letter campaigns; kiosk campaigns use kiosk codes");
  json seg = json::parse(camp->segment);
  repo::SegmentFilter sf;
  if (seg["category"].is_string()) sf.category = seg["category"].get<std::string>();
  if (seg["unit"].is_string()) {
    auto u = find_unit(c, seg["unit"]);
    if (!u) return invalid("campaign.unit_unknown", "segment.unit", "the segment's unit no longer exists");
    sf.unit_path = u->path;
  }
  if (seg["from"].is_string()) sf.from = seg["from"].get<std::string>();
  if (seg["to"].is_string()) sf.to = seg["to"].get<std::string>();
  bool consent_only = seg.value("consent_only", true);
  bool per_customer = seg.value("per", "encounter") == "customer";
  auto invited = repo::invited(c, campaign_id);
  std::vector<repo::SegmentEncounter> to_invite;
  std::map<int64_t, size_t> latest;  // customer → index in to_invite (per customer)
  int64_t skipped_consent = 0, already = 0;
  for (auto& e : repo::segment_encounters(c, sf)) {
    if (consent_only && !e.consent_survey) {
      ++skipped_consent;
      continue;
    }
    if (per_customer) {
      if (invited.customers.count(e.customer_id)) {
        ++already;
        continue;
      }
      auto it = latest.find(e.customer_id);
      if (it == latest.end()) {
        latest[e.customer_id] = to_invite.size();
        to_invite.push_back(std::move(e));
      } else {
        to_invite[it->second] = std::move(e);
      }
    } else {
      if (invited.encounters.count(e.encounter_id)) {
        ++already;
        continue;
      }
      to_invite.push_back(std::move(e));
    }
  }
  std::string now = now_iso();
  std::vector<repo::NewInvitation> rows;
  rows.reserve(to_invite.size());
  for (const auto& v : to_invite)
    rows.push_back({campaign_id, random_token(16), v.customer_id, v.encounter_id, v.unit_id, v.staff_id, v.category, v.started_at, now});
  repo::insert_invitations(c, rows);
  json out = {{"created", static_cast<int64_t>(to_invite.size())},
              {"skipped", {{"no_consent", skipped_consent}, {"already_invited", already}}}};
  audit(c, a, "invite", "campaign", std::to_string(campaign_id), nullptr, out);
  tx.commit();
  return out;
}

Result<json> list_invitations(store::Database& db, const Actor& a, int64_t campaign_id, const ListQuery& q) {
  auto lease = db.acquire();
  auto& c = *lease;
  if (!load_campaign(c, campaign_id)) return not_found("campaign");
  const auto scope = UnitScope::of(a);
  repo::InvitationFilter f;
  f.campaign_id = campaign_id;
  if (q.get("used") == "true" || q.get("used") == "1") f.used = true;
  if (q.get("used") == "false" || q.get("used") == "0") f.used = false;
  if (q.has("unit")) {
    auto u = find_unit(c, q.get("unit"));
    if (!u || !scope.covers(u->path)) return not_found("unit");
    f.unit_path = u->path;
  }
  auto page = repo::list_invitations(c, scope, f, {q.page, q.page_size});
  bool pii = access::sees_pii(a);
  json items = json::array();
  for (const auto& i : page.items) {
    json cust = nullptr;
    if (i.customer_id)
      cust = {{"id", *i.customer_id},
              {"name", pii ? opt_json(i.customer_name) : json(nullptr)},
              {"phone", pii ? opt_json(i.customer_phone) : json(nullptr)}};
    items.push_back({{"id", i.id},
                     {"token", pii ? json(i.token) : json(nullptr)},
                     {"url", pii ? json("/s/" + i.token) : json(nullptr)},
                     {"customer", cust},
                     {"unit", opt_json(i.unit_code)},
                     {"staff", opt_json(i.staff_code)},
                     {"encounter_at", opt_json(i.encounter_at)},
                     {"used_at", opt_json(i.used_at)},
                     {"response_id", i.response_id ? json(*i.response_id) : json(nullptr)}});
  }
  return page_json(items, page.total, q);
}

Result<json> export_invitations(store::Database& db, const Actor& a, int64_t campaign_id) {
  if (!access::sees_pii(a)) return forbidden("auditors do not export personal links");
  ListQuery q;
  q.page_size = 1'000'000;
  auto page = list_invitations(db, a, campaign_id, q);
  if (!page) return page.error();
  return (*page)["items"];
}

Result<json> list_kiosks(store::Database& db, const Actor& a, int64_t campaign_id) {
  auto lease = db.acquire();
  auto& c = *lease;
  if (!load_campaign(c, campaign_id)) return not_found("campaign");
  json items = json::array();
  for (const auto& k : repo::list_kiosks(c, UnitScope::of(a), campaign_id))
    items.push_back({{"id", k.id}, {"code", k.code}, {"url", "/k/" + k.code}, {"unit", opt_json(k.unit_code)},
                     {"unit_name", opt_json(k.unit_name)}, {"created_at", k.created_at}, {"responses", k.responses}});
  return json{{"items", items}};
}

Result<json> create_kiosk(store::Database& db, const Actor& a, int64_t campaign_id, const json& body) {
  if (!may_manage(a)) return forbidden("only admin and quality manage campaigns");
  auto unit = require_string(body, "unit", "kiosk", 60);
  if (!unit) return unit.error();
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  auto camp = load_campaign(c, campaign_id);
  if (!camp) return camp.error();
  auto u = find_unit(c, *unit);
  if (!u) return invalid("kiosk.unit_unknown", "unit", "unit '" + *unit + "' does not exist");
  if (repo::kiosk_exists(c, campaign_id, u->id))
    return conflict("kiosk.duplicate", "unit", "this campaign already has a kiosk code for unit " + *unit);
  std::string code = random_token(10);
  int64_t id = repo::insert_kiosk(c, campaign_id, code, u->id, now_iso());
  json out = {{"id", id}, {"code", code}, {"url", "/k/" + code}, {"unit", *unit}, {"responses", 0}};
  audit(c, a, "create", "kiosk", std::to_string(id), nullptr, out);
  tx.commit();
  return out;
}

Result<json> campaign_rates(store::Database& db, const Actor& a, int64_t campaign_id, const std::string& by) {
  if (by != "unit" && by != "category") return invalid("campaign.rates_by_invalid", "by", "by must be unit or category");
  auto lease = db.acquire();
  auto& c = *lease;
  if (!load_campaign(c, campaign_id)) return not_found("campaign");
  json out = json::array();
  for (const auto& r : repo::invitation_rates(c, UnitScope::of(a), campaign_id, by == "unit" ? repo::RatesBy::unit : repo::RatesBy::category)) {
    int64_t inv = r.invitations, resp = r.responses;
    out.push_back({{"key", opt_json(r.key)}, {"invitations", inv}, {"responses", resp},
                   {"rate", inv ? static_cast<double>(resp) / static_cast<double>(inv) : 0.0}});
  }
  return json{{"by", by}, {"items", out}};
}

// ---------------------------------------------------------------------------------------------
// Public respondent API

namespace {

Error link_unknown(const std::string& kind) { return Error{"survey.link_unknown", "this survey link is not known", kind, 404}; }

Result<repo::PublicLink> find_target(Connection& c, const std::string& kind, const std::string& key) {
  if (key.empty() || key.size() > 64) return link_unknown(kind);
  auto l = repo::find_public_link(c, kind == "token" ? repo::LinkKind::token : repo::LinkKind::kiosk, key);
  if (!l) return link_unknown(kind);
  return *l;
}

// Whether a link may be answered at `now`: its campaign open, the personal link not used yet.
template <class Link>
std::optional<Error> availability(const Link& t, const std::string& now) {
  if (now < t.opens_at) return Error{"survey.campaign_not_open", "this survey is not open yet", "", 410};
  if (t.closes_at && now > *t.closes_at) return Error{"survey.campaign_closed", "this survey has closed; thank you", "", 410};
  if (t.used_at) return Error{"survey.link_used", "this link has already been used to answer; thank you", "token", 409};
  return std::nullopt;
}
}  // namespace

Result<json> public_survey(store::Database& db, const std::string& kind, const std::string& key) {
  auto lease = db.acquire();
  auto& c = *lease;
  auto t = find_target(c, kind, key);
  if (!t) return t.error();
  if (auto e = availability(*t, now_iso())) return *e;
  auto q = cached(c, t->survey_id, t->survey_updated_at);
  if (!q) return not_found("survey");
  return json{{"survey_id", t->survey_id},
              {"title", t->survey_title},
              {"definition", q->definition},
              {"campaign", {{"name", t->campaign_name}}},
              {"unit", t->unit_name ? json{{"name", *t->unit_name}} : json(nullptr)},
              {"default_lang", "vi"}};
}

Result<PublicSubmission> read_public_submission(const json& body) {
  PublicSubmission out;
  if (body.contains("token") && body["token"].is_string()) {
    out.kind = "token";
    out.key = body["token"];
  } else if (body.contains("kiosk") && body["kiosk"].is_string()) {
    out.kind = "kiosk";
    out.key = body["kiosk"];
  } else {
    return invalid("survey.link_required", "token", "give the personal link's token or the kiosk code");
  }
  if (out.key.empty() || out.key.size() > 64) return link_unknown(out.kind);
  std::string lang = body.contains("lang") && body["lang"].is_string() ? body["lang"].get<std::string>() : "vi";
  std::transform(lang.begin(), lang.end(), lang.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (lang == "zh" || lang == "zh-hans") lang = "zh-cn";
  if (lang != "vi" && lang != "zh-cn" && lang != "en") return invalid("survey.lang_invalid", "lang", "lang must be vi, zh-cn or en");
  out.lang = lang;
  if (body.contains("submission_id") && !body["submission_id"].is_null()) {
    if (!body["submission_id"].is_string() || body["submission_id"].get<std::string>().empty() ||
        body["submission_id"].get<std::string>().size() > 64)
      return invalid("survey.submission_id_invalid", "submission_id", "submission_id must be a string of at most 64 characters");
    out.submission_id = body["submission_id"].get<std::string>();
  }
  if (!body.contains("answers")) return invalid("survey.answers_invalid", "answers", "answers are required");
  out.answers = body["answers"];
  out.submitted_at = now_iso();
  return out;
}

namespace {
// The link a response came through: its questionnaire, campaign, personal link and unit. An
// idempotency key (submission_id) belongs to its link: the same key from another link is not a
// retry, and must not be told the other response's id.
std::string link_of(int64_t survey_id, std::optional<int64_t> campaign, std::optional<int64_t> invitation,
                    std::optional<int64_t> unit) {
  auto part = [](std::optional<int64_t> v) { return v ? std::to_string(*v) : std::string("-"); };
  return std::to_string(survey_id) + "/" + part(campaign) + "/" + part(invitation) + "/" + part(unit);
}
std::string link_of(const PendingResponse& p) { return link_of(p.survey_id, p.campaign_id, p.invitation_id, p.unit_id); }

Error submission_taken() {
  return conflict("survey.submission_id_taken", "submission_id",
                  "this submission_id was used for another survey link; send a new one");
}

struct StoredSubmission {
  int64_t id = 0;
  std::string link;
};

// submission_id → the response stored under it and its link.
std::map<std::string, StoredSubmission> stored_submissions(Connection& c, const std::vector<std::string>& ids) {
  std::map<std::string, StoredSubmission> known;
  for (auto& r : store::survey::stored_submissions(c, ids))
    known[r.submission_id] = {r.id, link_of(r.survey_id, r.campaign_id, r.invitation_id, r.unit_id)};
  return known;
}
}  // namespace

// The request threads only read the submission's form: each lookup there would be a read
// transaction of its own whose page cache the writer's last commit has just invalidated, while
// the writer finds a whole batch of links with one statement on pages it has just written.
std::vector<IntakeResult> store_public_responses(Connection& c, std::vector<PublicSubmission>& batch) {
  std::vector<IntakeResult> results(batch.size());
  std::vector<bool> open(batch.size(), true);
  // 1. The links: tokens, then kiosk codes, set-at-a-time.
  std::map<std::string, store::survey::PublicLink> targets[2];
  for (int k = 0; k < 2; ++k) {
    const char* kind = k == 0 ? "token" : "kiosk";
    std::vector<std::string> keys;
    for (auto& b : batch)
      if (b.kind == kind) keys.push_back(b.key);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    targets[k] = store::survey::find_intake_links(c, k == 0 ? store::survey::LinkKind::token : store::survey::LinkKind::kiosk, keys);
  }
  // 2. Retries of stored submissions are answered with the stored id (their link is used by them).
  std::vector<std::string> submission_ids;
  for (auto& b : batch)
    if (b.submission_id) submission_ids.push_back(*b.submission_id);
  auto known = stored_submissions(c, submission_ids);
  // 3. Each submission against its link and questionnaire.
  std::map<int64_t, std::shared_ptr<const survey::Questionnaire>> questionnaires;
  std::vector<PendingResponse> pending;
  std::vector<size_t> pending_of;
  for (size_t i = 0; i < batch.size(); ++i) {
    auto& b = batch[i];
    auto fail = [&](Error e) {
      results[i].status = e.status;
      results[i].error = std::move(e);
      open[i] = false;
    };
    auto& found = targets[b.kind == "token" ? 0 : 1];
    auto t = found.find(b.key);
    if (t == found.end()) {
      fail(link_unknown(b.kind));
      continue;
    }
    if (b.submission_id)
      if (auto k = known.find(*b.submission_id); k != known.end()) {
        const auto& tg = t->second;
        if (k->second.link == link_of(tg.survey_id, tg.campaign_id, tg.invitation_id, tg.unit_id)) {
          results[i] = {200, k->second.id, {}};
          open[i] = false;
        } else {
          fail(submission_taken());
        }
        continue;
      }
    if (auto e = availability(t->second, b.submitted_at)) {
      fail(*e);
      continue;
    }
    auto& q = questionnaires[t->second.survey_id];
    if (!q) q = questionnaire_of(c, t->second.survey_id);
    if (!q) {
      fail(not_found("survey"));
      continue;
    }
    auto sc = survey::score(*q, b.answers);
    if (!sc) {
      fail(sc.error());
      continue;
    }
    PendingResponse p = pending_from(q, *sc, b.answers);
    p.survey_id = t->second.survey_id;
    p.campaign_id = t->second.campaign_id;
    p.invitation_id = t->second.invitation_id;
    p.unit_id = t->second.unit_id;
    p.staff_id = t->second.staff_id;
    p.customer_id = t->second.customer_id;
    p.channel = t->second.channel == "letter" ? "letter" : (b.kind == "kiosk" ? "kiosk" : "link");
    p.category = t->second.category.value_or("");
    p.submitted_at = b.submitted_at;
    p.lang = b.lang;
    p.submission_id = b.submission_id;
    pending.push_back(std::move(p));
    pending_of.push_back(i);
  }
  // 4. The valid ones, in one go.
  if (!pending.empty()) {
    auto stored = store_responses(c, pending);
    for (size_t k = 0; k < stored.size(); ++k) results[pending_of[k]] = std::move(stored[k]);
  }
  return results;
}


// Set-at-a-time, so that a batch costs a handful of statements whatever its size (PostgreSQL
// pays a round trip per statement): known submissions, link claims, ids, one multi-row INSERT,
// the links' response ids, the cells.
std::vector<IntakeResult> store_responses(Connection& c, std::vector<PendingResponse>& batch) {
  std::vector<IntakeResult> results(batch.size());
  std::vector<bool> pending(batch.size(), true);
  // Cells are read, added to and written back: writers of responses take turns with each other
  // and with the background folder.
  store::survey::take_cell_writers_turn(c);
  // 1. Submissions stored before (a retry whose answer was lost), and repeats inside the batch.
  {
    std::vector<std::string> ids;
    for (auto& p : batch)
      if (p.submission_id) ids.push_back(*p.submission_id);
    auto known = stored_submissions(c, ids);
    std::map<std::string, size_t> first;
    for (size_t i = 0; i < batch.size(); ++i) {
      if (!batch[i].submission_id) continue;
      if (auto k = known.find(*batch[i].submission_id); k != known.end()) {
        if (k->second.link == link_of(batch[i]))
          results[i] = {200, k->second.id, {}};
        else
          results[i] = {409, 0, submission_taken()};
        pending[i] = false;
      } else if (auto [it, fresh] = first.emplace(*batch[i].submission_id, i); !fresh) {
        if (link_of(batch[it->second]) != link_of(batch[i])) results[i] = {409, 0, submission_taken()};
        pending[i] = false;  // answered below, with the id of the first one (same link only)
      }
    }
  }
  // 2. Claim the personal links: of two submissions for one link only one changes the row.
  {
    std::vector<int64_t> inv;
    for (size_t i = 0; i < batch.size(); ++i)
      if (pending[i] && batch[i].invitation_id) inv.push_back(*batch[i].invitation_id);
    std::set<int64_t> claimed;
    if (!inv.empty()) claimed = store::survey::claim_invitations(c, batch.front().submitted_at, inv);
    for (size_t i = 0; i < batch.size(); ++i) {
      if (!pending[i] || !batch[i].invitation_id) continue;
      if (claimed.erase(*batch[i].invitation_id) == 0) {  // used before, or by an earlier item of this batch
        results[i].status = 409;
        results[i].error = Error{"survey.link_used", "this link has already been used to answer; thank you", "token", 409};
        pending[i] = false;
      }
    }
  }
  std::vector<size_t> rows;
  for (size_t i = 0; i < batch.size(); ++i)
    if (pending[i]) rows.push_back(i);
  // 3. Ids, known before the INSERT so that the rows need not be matched to RETURNING output.
  std::vector<int64_t> ids = store::survey::reserve_response_ids(c, rows.size());
  // 4. The responses, many rows per statement; their statistics in the same transaction. A
  // response asking for an F5 case records why; open_followup_cases opens the case just after.
  CellBatch cells(org_zone(c));
  std::vector<store::survey::NewResponse> inserts;
  inserts.reserve(rows.size());
  for (size_t k = 0; k < rows.size(); ++k) {
    size_t i = rows[k];
    auto& p = batch[i];
    bool fold_now = p.questionnaire && p.scored;
    inserts.push_back({ids[k], p.survey_id, p.campaign_id, p.invitation_id, p.submission_id, p.external_id, p.channel,
                       p.unit_id, p.staff_id, p.customer_id, p.category, p.submitted_at, p.lang, p.answers,
                       p.comment_search.empty() ? std::nullopt : std::optional<std::string>(p.comment_search),
                       p.followup, fold_now});
    if (fold_now)
      cells.add(*p.questionnaire, p.survey_id, p.unit_id, p.staff_id, p.category, p.channel, p.campaign_id, p.submitted_at,
                *p.scored);
    results[i] = {201, ids[k], {}, p.followup.has_value()};
  }
  store::survey::insert_responses(c, std::move(inserts));
  // 5. Each claimed link points at its response, and is marked used at its own response's time
  // (the claim above used the batch's).
  std::vector<store::survey::LinkUse> uses;
  for (size_t k = 0; k < rows.size(); ++k)
    if (batch[rows[k]].invitation_id) uses.push_back({*batch[rows[k]].invitation_id, ids[k], batch[rows[k]].submitted_at});
  store::survey::record_link_uses(c, uses);
  cells.flush(c);
  // Repeats of a submission inside the batch get the first one's answer.
  std::map<std::string, size_t> first;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!batch[i].submission_id) continue;
    auto [it, fresh] = first.emplace(*batch[i].submission_id, i);
    if (fresh || pending[i] || results[i].id != 0 || results[i].status == 409) continue;
    results[i] = results[it->second];
    if (results[i].status == 201) results[i].status = 200;
  }
  return results;
}

int64_t open_followup_cases(Connection& c, int64_t limit) {
  // Writers of responses and this take turns (taking the turn again inside store_responses'
  // transaction is free).
  store::survey::take_cell_writers_turn(c);
  auto rows = store::survey::waiting_followups(c, limit);
  if (rows.empty()) return 0;
  std::map<int64_t, std::shared_ptr<const survey::Questionnaire>> questionnaires;
  std::vector<NewCase> cases;
  for (const auto& w : rows) {
    NewCase n;
    n.received_at = w.submitted_at;
    n.channel = "survey";
    n.kind = "complaint";
    // The reason, then the respondent's first written answer.
    n.content = w.reason;
    auto& q = questionnaires[w.survey_id];
    if (!q) q = questionnaire_of(c, w.survey_id);
    if (q)
      if (auto s = survey::score(*q, json::parse(w.answers, nullptr, false), survey::Check::stored);
          s && !s->texts.empty())
        n.content += " · " + s->texts.front().second.substr(0, 4000);
    n.category = "other";
    n.severity = "medium";
    n.unit_id = w.unit_id;
    n.staff_id = w.staff_id;
    n.customer_id = w.customer_id;
    if (w.customer_id)
      if (auto cu = store::survey::customer_contact(c, *w.customer_id)) {
        n.customer_name = cu->name;
        n.customer_phone = cu->phone;
        n.customer_address = cu->address;
      }
    n.receiver = "system";
    n.handler = w.unit_id ? "unit_head" : "receiver";  // straight into the unit head's queue
    cases.push_back(std::move(n));
  }
  auto ids = insert_cases(c, cases);
  Actor sys = system_actor();
  std::vector<std::pair<int64_t, int64_t>> links;  // response → case
  for (size_t k = 0; k < rows.size(); ++k) {
    const auto& w = rows[k];
    add_case_event(c, ids[k], sys, "receive", "", "received", "",
                   {{"channel", "survey"}, {"survey_id", w.survey_id}, {"response_id", w.id}, {"reason", w.reason}},
                   w.submitted_at);
    links.push_back({w.id, ids[k]});
  }
  store::survey::link_followup_cases(c, links);
  return static_cast<int64_t>(links.size());
}

int64_t open_followup_cases(store::Database& db, int64_t limit) {
  auto lease = db.acquire();
  Tx tx(*lease);
  int64_t n = open_followup_cases(*lease, limit);
  if (n > 0) tx.commit();
  return n;
}

// ---------------------------------------------------------------------------------------------
// Responses

Result<json> create_paper_response(store::Database& db, const Actor& a, int64_t survey_id, const json& body) {
  if (a.role == Role::director || a.role == Role::auditor) return forbidden("directors and auditors read surveys but do not enter responses");
  for (const char* f : {"unit", "staff", "customer_phone", "submitted_at", "lang"})
    if (!is_string_or_null(body, f)) return invalid(std::string("response.") + f + "_invalid", f, std::string(f) + " must be a string");
  if (!body.contains("answers")) return invalid("survey.answers_invalid", "answers", "answers are required");
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  auto q = questionnaire_of(c, survey_id);
  if (!q) return not_found("survey");
  auto s = survey::score(*q, body["answers"]);
  if (!s) return s.error();
  PendingResponse p = pending_from(q, *s, body["answers"]);
  p.survey_id = survey_id;
  p.channel = "paper";
  p.lang = optional_string(body, "lang").value_or("vi");
  p.submitted_at = now_iso();
  if (auto t = optional_string(body, "submitted_at")) {
    auto n = date_or_time(*t, false, org_zone(c));
    if (!n) return invalid("response.submitted_at_invalid", "submitted_at", "submitted_at must be a date or date-time");
    p.submitted_at = *n;
  }
  auto unit = require_string(body, "unit", "response", 60);
  if (!unit) return unit.error();
  auto u = find_unit(c, *unit);
  if (!u) return invalid("response.unit_unknown", "unit", "unit '" + *unit + "' does not exist");
  if (!access::covers(a, u->path) && !(a.role == Role::staff && a.unit_id == u->id))
    return invalid("response.unit_out_of_scope", "unit", "unit '" + *unit + "' is outside your part of the organisation");
  p.unit_id = u->id;
  if (auto st = optional_string(body, "staff")) {
    p.staff_id = repo::staff_id_by_code(c, *st);
    if (!p.staff_id) return invalid("response.staff_unknown", "staff", "staff '" + *st + "' does not exist");
  }
  if (auto ph = optional_string(body, "customer_phone")) {
    const std::string region = phone_region(c);
    phone::Refusal why;
    auto n = phone::to_e164(*ph, region, &why);
    if (!n) return phone::invalid_number("response.customer_phone_invalid", "customer_phone", *ph, region, why);
    if (auto cu = repo::customer_by_phone(c, *n)) {
      p.customer_id = cu->id;
      p.category = cu->category;
    }
  }
  if (body.contains("campaign") && body["campaign"].is_number_integer()) {
    auto camp_survey = repo::campaign_survey_id(c, body["campaign"].get<int64_t>());
    if (camp_survey != survey_id) return invalid("response.campaign_invalid", "campaign", "campaign is not a campaign of this questionnaire");
    p.campaign_id = body["campaign"].get<int64_t>();
  }
  std::vector<PendingResponse> batch{p};
  auto res = store_responses(c, batch);
  open_followup_cases(c, 500);
  audit(c, a, "create", "survey_response", std::to_string(res[0].id), nullptr, {{"survey_id", survey_id}, {"channel", "paper"}});
  tx.commit();
  return json{{"id", res[0].id}};
}

namespace {
// Filters shared by the response list and the comments: survey, slice (the scope is the
// repository's).
Result<repo::ResponseFilter> response_filters(Connection& c, const UnitScope& scope, int64_t survey_id, const ListQuery& q) {
  repo::ResponseFilter f;
  f.survey_id = survey_id;
  if (q.has("unit")) {
    auto u = find_unit(c, q.get("unit"));
    if (!u || !scope.covers(u->path)) return not_found("unit");
    f.unit_path = u->path;
  }
  if (q.has("staff")) {
    f.staff_id = repo::staff_id_by_code(c, q.get("staff"));
    if (!f.staff_id) return invalid("survey.staff_unknown", "staff", "staff '" + q.get("staff") + "' does not exist");
  }
  if (q.has("category")) f.category = q.get("category");
  if (q.has("channel")) f.channel = q.get("channel");
  if (q.has("campaign")) f.campaign_id = q.get("campaign");
  if (q.has("from")) {
    f.from = date_or_time(q.get("from"), false, org_zone(c));
    if (!f.from) return invalid("survey.from_invalid", "from", "from must be a date like 2026-01-01");
  }
  if (q.has("to")) {
    f.to = date_or_time(q.get("to"), true, org_zone(c));
    if (!f.to) return invalid("survey.to_invalid", "to", "to must be a date like 2026-12-31");
  }
  return f;
}
}  // namespace

Result<json> list_responses(store::Database& db, const Actor& a, int64_t survey_id, const ListQuery& q) {
  auto lease = db.acquire();
  auto& c = *lease;
  if (!repo::survey_exists(c, survey_id)) return not_found("survey");
  const auto scope = UnitScope::of(a);
  auto f = response_filters(c, scope, survey_id, q);
  if (!f) return f.error();
  auto page = repo::list_responses(c, scope, *f, {q.page, q.page_size});
  json items = json::array();
  for (const auto& r : page.items)
    items.push_back({{"id", r.id},
                     {"submitted_at", r.submitted_at},
                     {"channel", r.channel},
                     {"unit", opt_json(r.unit_code)},
                     {"staff", opt_json(r.staff_code)},
                     {"campaign", r.campaign_id ? json(*r.campaign_id) : json(nullptr)},
                     {"lang", r.lang},
                     {"answers", json::parse(r.answers, nullptr, false)},
                     {"feedback_id", r.feedback_id ? json(*r.feedback_id) : json(nullptr)},
                     {"category", opt_json(r.category)}});
  return page_json(items, page.total, q);
}

Result<json> list_comments(store::Database& db, const Actor& a, int64_t survey_id, const ListQuery& q) {
  auto lease = db.acquire();
  auto& c = *lease;
  auto qn = questionnaire_of(c, survey_id);
  if (!qn) return not_found("survey");
  const auto scope = UnitScope::of(a);
  auto f = response_filters(c, scope, survey_id, q);
  if (!f) return f.error();
  f->with_comments = true;
  std::string folded = text::fold(q.q);
  if (!q.q.empty()) f->comment = like_pattern(folded);
  auto page = repo::list_responses(c, scope, *f, {q.page, q.page_size});
  json items = json::array();
  for (const auto& r : page.items) {
    json ans = json::parse(r.answers, nullptr, false);
    if (!ans.is_object()) continue;
    for (const auto& [k, v] : ans.items()) {
      if (!v.is_string()) continue;
      std::string base = k;
      if (base.size() > 8 && base.ends_with("-Comment")) base = base.substr(0, base.size() - 8);
      const auto* it = qn->find(base);
      if (!it || (!it->text && base == k)) continue;
      if (!q.q.empty() && text::fold(v.get<std::string>()).find(folded) == std::string::npos) continue;
      items.push_back({{"response_id", r.id}, {"submitted_at", r.submitted_at}, {"unit", opt_json(r.unit_code)},
                       {"question", k}, {"text", v}, {"lang", r.lang},
                       {"feedback_id", r.feedback_id ? json(*r.feedback_id) : json(nullptr)}});
    }
  }
  return page_json(items, page.total, q);
}

// ---------------------------------------------------------------------------------------------
// Benchmarks and demo

Result<int64_t> generate_invitations(store::Database& db, int64_t survey_id, int64_t count, std::ostream& out) {
  auto lease = db.acquire();
  auto& c = *lease;
  Tx tx(c);
  if (!repo::survey_exists(c, survey_id)) return not_found("survey");
  auto unit = repo::newest_unit_id(c);
  std::string now = now_iso();
  int64_t camp = repo::insert_campaign(c, survey_id, {"benchmark", "link", "2000-01-01T00:00:00Z", std::nullopt, "{}"}, now, "system");
  std::vector<repo::NewInvitation> rows;
  for (int64_t i = 0; i < count; i += 500) {
    rows.clear();
    for (int64_t j = i; j < std::min(count, i + 500); ++j) {
      std::string t = random_token(16);
      out << t << '\n';
      repo::NewInvitation v;
      v.campaign_id = camp;
      v.token = std::move(t);
      v.unit_id = unit;
      v.category = "regular";
      v.created_at = now;
      rows.push_back(std::move(v));
    }
    repo::insert_invitations(c, rows);
  }
  tx.commit();
  return count;
}

}  // namespace servq::service
