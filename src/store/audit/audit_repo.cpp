#include "store/audit/audit_repo.h"

#include "store/filter.h"

namespace servq::store::audit {

namespace {
constexpr std::string_view kSelect =
    "SELECT a.id, a.at, a.actor_id, a.actor, a.action, a.entity, a.entity_id, a.before_json, a.after_json FROM audit a";

Entry read(const Row& r) {
  Entry e;
  e.id = r.i64("id");
  e.at = r.str("at");
  e.actor_id = r.opt_i64("actor_id");
  e.actor = r.str("actor");
  e.action = r.str("action");
  e.entity = r.str("entity");
  e.entity_id = r.opt("entity_id");
  e.before_json = r.opt("before_json");
  e.after_json = r.opt("after_json");
  return e;
}
}  // namespace

void append(Connection& c, const Entry& e) {
  c.execute(
      "INSERT INTO audit (at, actor_id, actor, action, entity, entity_id, before_json, after_json) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {e.at, opt_value(e.actor_id), e.actor, e.action, e.entity, opt_value(e.entity_id), opt_value(e.before_json),
       opt_value(e.after_json)});
}

Page<Entry> list(Connection& c, const Filter& f, const PageRequest& page) {
  Where w;
  if (f.entity) w.add("a.entity = ?", {*f.entity});
  if (f.actor) w.add("a.actor = ?", {*f.actor});
  if (f.action) w.add("a.action = ?", {*f.action});
  if (f.entity_id) w.add("a.entity_id = ?", {*f.entity_id});
  if (f.from) w.add("a.at >= ?", {*f.from});
  if (f.to) w.add("a.at < ?", {*f.to});
  if (f.text)
    w.add("a.entity LIKE ? ESCAPE '\\' OR a.actor LIKE ? ESCAPE '\\' OR a.action LIKE ? ESCAPE '\\'",
          {*f.text, *f.text, *f.text});
  Page<Entry> out;
  out.total = c.scalar("SELECT COUNT(*) FROM audit a" + w.sql(), w.params());
  auto p = w.params();
  p.push_back(page.page_size);
  p.push_back(page.offset());
  for (auto& r : c.query(std::string(kSelect) + w.sql() + " ORDER BY a.id DESC LIMIT ? OFFSET ?", p))
    out.items.push_back(read(r));
  return out;
}

std::optional<Entry> find(Connection& c, int64_t id) {
  auto r = c.query_one(std::string(kSelect) + " WHERE a.id = ?", {id});
  if (!r) return std::nullopt;
  return read(*r);
}

}  // namespace servq::store::audit
