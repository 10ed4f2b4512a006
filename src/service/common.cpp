#include "service/common.h"

#include <chrono>

#include "core/phone.h"
#include "core/text.h"
#include "core/time.h"

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

std::string Where::sql() const {
  if (parts_.empty()) return "";
  std::string s = " WHERE ";
  for (size_t i = 0; i < parts_.size(); ++i) {
    if (i) s += " AND ";
    s += "(" + parts_[i] + ")";
  }
  return s;
}

std::pair<std::string, store::Params> unit_subtree_in(store::Connection& c, const std::string& path) {
  store::Params ids;
  for (auto& r : c.query("SELECT id FROM units WHERE path LIKE ?", {path + "%"})) ids.push_back(r.i64(0));
  if (ids.empty()) return {"(NULL)", {}};
  std::string sql = "(";
  for (size_t i = 0; i < ids.size(); ++i) sql += i ? ", ?" : "?";
  return {sql + ")", ids};
}

void restrict_to_figures(store::Connection& c, const UnitScope& scope, const std::string& column, Where& w) {
  auto path = scope.figures_path();
  if (!path) return;
  if (path->empty()) {
    w.add("1 = 0");
    return;
  }
  auto [in, ids] = unit_subtree_in(c, *path);
  w.add(column + " IN " + in, ids);
}

std::string like_pattern(const std::string& folded) {
  std::string p = "%";
  for (char c : folded) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

LocalBuckets::LocalBuckets(timeutil::Zone zone)
    // 1970 .. 2100: the offsets stored data can meet.
    : cal_(zone), prefix_(zone.whole_hour_offsets(0, 4102444800) ? 13 : 16) {}

std::string LocalBuckets::sql(const std::string& column) const {
  return "substr(" + column + ", 1, " + std::to_string(prefix_) + ")";
}

int64_t LocalBuckets::start_of(const std::string& bucket) const {
  std::string full = bucket.size() == 13 ? bucket + ":00:00Z" : bucket.size() == 16 ? bucket + ":00Z" : bucket;
  return timeutil::parse_to_unix(full).value_or(0);
}

std::string LocalBuckets::month(const std::string& bucket) { return cal_.month(start_of(bucket)); }
std::string LocalBuckets::date(const std::string& bucket) { return cal_.date(start_of(bucket)); }

json page_json(json items, int64_t total, const ListQuery& q) {
  return {{"items", std::move(items)}, {"total", total}, {"page", q.page}, {"page_size", q.page_size}};
}

void audit(store::Connection& c, const Actor& who, const std::string& action, const std::string& entity,
           const std::string& entity_id, const json& before, const json& after) {
  c.execute(
      "INSERT INTO audit (at, actor_id, actor, action, entity, entity_id, before_json, after_json) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {now_iso(), who.user_id ? store::Value(who.user_id) : store::null_value(), who.login, action, entity,
       entity_id.empty() ? store::null_value() : store::Value(entity_id), before.is_null() ? store::null_value() : store::Value(before.dump()),
       after.is_null() ? store::null_value() : store::Value(after.dump())});
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
  auto r = c.query_one("SELECT value FROM settings WHERE key = 'phone_region'");
  if (r && !r->str(0).empty()) return r->str(0);
  return std::string(phone::kDefaultRegion);
}

}  // namespace servq::service
