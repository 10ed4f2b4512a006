#include "service/common.h"

#include <chrono>

#include "core/phone.h"
#include "core/text.h"
#include "core/time.h"
#include "store/audit/audit_repo.h"
#include "store/settings/settings_repo.h"

namespace servq::service {

namespace {
std::shared_ptr<const Clock>& clock_slot() {
  static std::shared_ptr<const Clock> c = std::make_shared<SystemClock>();
  return c;
}
}  // namespace

const Clock& clock() { return *clock_slot(); }
void set_clock(std::shared_ptr<const Clock> c) { clock_slot() = std::move(c); }
int64_t now_unix() { return clock().now_unix(); }
std::string now_iso() { return clock().now_iso(); }

LocalBuckets::LocalBuckets(timeutil::Zone zone)
    // 1970 .. 2100: the offsets stored data can meet.
    : cal_(zone), prefix_(zone.whole_hour_offsets(0, 4102444800) ? 13 : 16) {}

int64_t LocalBuckets::start_of(const std::string& bucket) const {
  std::string full = bucket.size() == 13 ? bucket + ":00:00Z" : bucket.size() == 16 ? bucket + ":00Z" : bucket;
  return timeutil::parse_to_unix(full).value_or(0);
}

std::string LocalBuckets::month(const std::string& bucket) { return cal_.month(start_of(bucket)); }
std::string LocalBuckets::date(const std::string& bucket) { return cal_.date(start_of(bucket)); }

json page_json(json items, int64_t total, const ListQuery& q) {
  return {{"items", std::move(items)}, {"total", total}, {"page", q.page}, {"page_size", q.page_size}};
}

namespace {
void append_audit(store::Connection& c, const Actor& who, std::string at, const std::string& action,
                  const std::string& entity, const std::string& entity_id, const json& before, const json& after) {
  store::audit::Entry e;
  e.at = std::move(at);
  if (who.user_id) e.actor_id = who.user_id;
  e.actor = who.login;
  e.action = action;
  e.entity = entity;
  if (!entity_id.empty()) e.entity_id = entity_id;
  if (!before.is_null()) e.before_json = before.dump();
  if (!after.is_null()) e.after_json = after.dump();
  store::audit::append(c, e);
}
}  // namespace

void audit(store::Connection& c, const Actor& who, const std::string& action, const std::string& entity,
           const std::string& entity_id, const json& before, const json& after) {
  append_audit(c, who, now_iso(), action, entity, entity_id, before, after);
}

void audit(const Context& cx, store::Connection& c, const std::string& action, const std::string& entity,
           const std::string& entity_id, const json& before, const json& after) {
  append_audit(c, cx.actor, cx.now(), action, entity, entity_id, before, after);
}

Result<std::string> require_string(const json& body, const char* field, const std::string& code_prefix,
                                   size_t max_len) {
  if (!body.contains(field) || body[field].is_null())
    return invalid(code_prefix + "." + field + "_required", field, std::string(field) + " is required");
  if (!body[field].is_string())
    return invalid(code_prefix + "." + field + "_invalid", field, std::string(field) + " must be a string");
  std::string v = text::trim(body[field].get<std::string>());
  if (v.empty())
    return invalid(code_prefix + "." + field + "_required", field, std::string(field) + " is required");
  if (v.size() > max_len)
    return invalid(code_prefix + "." + field + "_too_long", field,
                   std::string(field) + " is longer than " + std::to_string(max_len) + " characters");
  return v;
}

std::optional<std::string> optional_string(const json& body, const char* field) {
  if (!body.contains(field) || !body[field].is_string()) return std::nullopt;
  std::string v = text::trim(body[field].get<std::string>());
  if (v.empty()) return std::nullopt;
  return v;
}

bool is_string_or_null(const json& body, const char* field) {
  return !body.contains(field) || body[field].is_null() || body[field].is_string();
}

Actor system_actor(const std::string& name) {
  Actor a;
  a.login = name;
  a.role = Role::admin;
  return a;
}

std::string phone_region(store::Connection& c) {
  auto v = store::settings::get(c, "phone_region");
  if (v && !v->empty()) return *v;
  return std::string(phone::kDefaultRegion);
}

}  // namespace servq::service
