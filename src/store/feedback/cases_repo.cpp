#include "store/feedback/cases_repo.h"

#include "store/dialect.h"
#include "store/feedback/search_index.h"

namespace servq::store::feedback {

namespace {

constexpr std::string_view kOpenStatuses = "('received', 'verifying', 'in_progress')";

constexpr std::string_view kSelect =
    "SELECT f.id, f.reference, f.external_id, f.received_at, f.channel, f.kind, f.customer_id, f.customer_name, "
    "f.customer_phone, f.customer_address, f.content, u.code AS unit_code, s.employee_code AS staff_code, f.category, "
    "f.severity, f.status, f.handler, f.receiver, f.resolution, f.unfounded_explanation, f.callback_attempts, "
    "f.reopen_count, f.acknowledged_at, f.resolved_at, f.closed_at, f.ack_due, f.resolve_due, f.callback_due, "
    "u.path AS unit_path, f.receiver_id, f.staff_id FROM feedback f LEFT JOIN units u ON u.id = f.unit_id "
    "LEFT JOIN staff s ON s.id = f.staff_id";

FeedbackCase read(const Row& r) {
  FeedbackCase f;
  f.id = r.i64("id");
  f.reference = r.str("reference");
  f.external_id = r.opt("external_id");
  f.received_at = r.str("received_at");
  f.channel = r.str("channel");
  f.kind = r.str("kind");
  f.customer_id = r.opt_i64("customer_id");
  f.customer_name = r.opt("customer_name");
  f.customer_phone = r.opt("customer_phone");
  f.customer_address = r.opt("customer_address");
  f.content = r.str("content");
  f.unit_code = r.opt("unit_code");
  f.staff_code = r.opt("staff_code");
  f.category = r.str("category");
  f.severity = r.str("severity");
  f.status = r.str("status");
  f.handler = r.str("handler");
  f.receiver = r.str("receiver");
  f.resolution = r.opt("resolution");
  f.unfounded_explanation = r.opt("unfounded_explanation");
  f.callback_attempts = r.i64("callback_attempts");
  f.reopen_count = r.i64("reopen_count");
  f.acknowledged_at = r.opt("acknowledged_at");
  f.resolved_at = r.opt("resolved_at");
  f.closed_at = r.opt("closed_at");
  f.ack_due = r.opt("ack_due");
  f.resolve_due = r.opt("resolve_due");
  f.callback_due = r.opt("callback_due");
  f.unit_path = r.opt("unit_path");
  f.receiver_id = r.opt_i64("receiver_id");
  f.staff_id = r.opt_i64("staff_id");
  return f;
}

std::vector<FeedbackCase> read_all(Connection& c, const std::string& sql, const Params& p) {
  std::vector<FeedbackCase> out;
  for (auto& r : c.query(sql, p)) out.push_back(read(r));
  return out;
}

// Past a due time at the instant bound three times.
std::string overdue_sql() {
  return "(f.status = 'received' AND f.ack_due < ?) OR (f.status IN " + std::string(kOpenStatuses) +
         " AND f.resolve_due < ?) OR (f.status = 'resolved' AND f.callback_due < ?)";
}

void add_in(Where& w, const char* column, const std::vector<std::string>& values) {
  if (values.empty()) return;
  w.add(std::string("f.") + column + " IN " + placeholders(values.size()), Params(values.begin(), values.end()));
}

// The columns a new case stores, in CaseRecord's order; PostgreSQL adds the token array.
constexpr std::string_view kInsertColumns =
    "INSERT INTO feedback (reference, external_id, received_at, channel, kind, customer_id, customer_name, "
    "customer_phone, customer_address, content, unit_id, staff_id, category, severity, status, handler, receiver_id, "
    "receiver, ack_due, resolve_due, acknowledged_at, resolved_at, closed_at, resolved_on_time, "
    "first_response_seconds, search, search_public, created_at, updated_at";
constexpr size_t kInsertValues = 29;

std::string insert_head(const Connection& c) {
  return std::string(kInsertColumns) + (dialect::sqlite(c) ? "" : ", search_tokens") + ") VALUES ";
}

std::string insert_tuple(const Connection& c) {
  std::string t = placeholders(kInsertValues);
  if (!dialect::sqlite(c)) t.replace(t.size() - 1, 1, ", CAST(? AS TEXT[]))");
  return t;
}

void append_values(const Connection& c, const CaseRecord& n, Params& p) {
  for (auto& v : Params{n.reference,
                        opt_value(n.external_id),
                        n.received_at,
                        n.channel,
                        n.kind,
                        opt_value(n.customer_id),
                        opt_value(n.customer_name),
                        opt_value(n.customer_phone),
                        opt_value(n.customer_address),
                        n.content,
                        opt_value(n.unit_id),
                        opt_value(n.staff_id),
                        n.category,
                        n.severity,
                        n.status,
                        n.handler,
                        opt_value(n.receiver_id),
                        n.receiver,
                        opt_value(n.ack_due),
                        opt_value(n.resolve_due),
                        opt_value(n.acknowledged_at),
                        opt_value(n.resolved_at),
                        opt_value(n.closed_at),
                        opt_value(n.resolved_on_time),
                        opt_value(n.first_response_seconds),
                        n.search,
                        n.search_public,
                        n.created_at,
                        n.updated_at})
    p.push_back(std::move(v));
  if (auto tokens = search_index::token_array(c, n.search)) p.push_back(*tokens);
}

}  // namespace

void restrict_to_cases_in_reach(Connection& c, const UnitScope& scope, Where& w) {
  switch (scope.kind()) {
    case UnitScope::Kind::all:
      return;
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
    case UnitScope::Kind::none:
      w.add("f.receiver_id = ?", {scope.user_id()});
      return;
  }
}

Where case_conditions(Connection& c, const UnitScope& scope, const CaseFilter& f) {
  Where w;
  restrict_to_cases_in_reach(c, scope, w);
  add_in(w, "status", f.statuses);
  add_in(w, "kind", f.kinds);
  add_in(w, "channel", f.channels);
  add_in(w, "category", f.categories);
  add_in(w, "severity", f.severities);
  if (f.unit_path) {
    auto [in, ids] = unit_subtree_in(c, *f.unit_path);
    w.add("f.unit_id IN " + in, ids);
  }
  if (f.staff_code) w.add("f.staff_id IN (SELECT id FROM staff WHERE employee_code = ?)", {*f.staff_code});
  if (f.from) w.add("f.received_at >= ?", {*f.from});
  if (f.to) w.add("f.received_at < ?", {*f.to});
  if (f.overdue_at) w.add(overdue_sql(), {*f.overdue_at, *f.overdue_at, *f.overdue_at});
  if (f.mine) {
    std::string cond = "(f.handler = 'receiver' AND f.receiver_id = ? AND f.status IN " + std::string(kOpenStatuses) +
                       ") OR (f.receiver_id = ? AND f.status IN ('resolved', 'unfounded'))";
    Params p = {f.mine->user_id, f.mine->user_id};
    if (f.mine->head_subtree) {
      auto [in, ids] = unit_subtree_in(c, *f.mine->head_subtree);
      cond += " OR (f.handler = 'unit_head' AND f.status IN " + std::string(kOpenStatuses) + " AND f.unit_id IN " + in +
              ")";
      p.insert(p.end(), ids.begin(), ids.end());
    }
    if (f.mine->all_resolved) cond += " OR f.status = 'resolved'";
    w.add(cond, p);
  }
  if (f.search) search_index::add_conditions(c, *f.search, f.public_only, w);
  return w;
}

Page<FeedbackCase> list(Connection& c, const UnitScope& scope, const CaseFilter& f, CaseOrder order,
                        const PageRequest& page) {
  Where w = case_conditions(c, scope, f);
  Page<FeedbackCase> out;
  out.total = c.scalar("SELECT COUNT(*) FROM feedback f" + w.sql(), w.params());
  // next_due: the next deadline the case faces (acknowledge, resolve or callback), earliest first.
  std::string_view order_by =
      order == CaseOrder::oldest_first ? " ORDER BY f.received_at, f.id"
      : order == CaseOrder::next_due
          ? " ORDER BY CASE f.status WHEN 'received' THEN f.ack_due WHEN 'resolved' THEN f.callback_due "
            "ELSE f.resolve_due END, f.id"
          : " ORDER BY f.received_at DESC, f.id DESC";
  Params p = w.params();
  p.push_back(page.page_size);
  p.push_back(page.offset());
  out.items = read_all(c, std::string(kSelect) + w.sql() + std::string(order_by) + " LIMIT ? OFFSET ?", p);
  return out;
}

std::vector<FeedbackCase> list_all(Connection& c, const UnitScope& scope, const CaseFilter& f, int64_t limit) {
  Where w = case_conditions(c, scope, f);
  Params p = w.params();
  p.push_back(limit);
  return read_all(c, std::string(kSelect) + w.sql() + " ORDER BY f.received_at DESC, f.id DESC LIMIT ?", p);
}

std::optional<FeedbackCase> find(Connection& c, const UnitScope& scope, int64_t id, bool lock_for_update) {
  Where w;
  w.add("f.id = ?", {id});
  restrict_to_cases_in_reach(c, scope, w);
  std::string sql = std::string(kSelect) + w.sql();
  if (lock_for_update) sql += dialect::for_update(c, "f");
  auto r = c.query_one(sql, w.params());
  if (!r) return std::nullopt;
  return read(*r);
}

bool external_id_taken(Connection& c, const std::string& external_id) {
  return c.query_one("SELECT id FROM feedback WHERE external_id = ?", {external_id}).has_value();
}

std::set<std::string> external_ids(Connection& c) {
  std::set<std::string> out;
  for (auto& r : c.query("SELECT external_id FROM feedback WHERE external_id IS NOT NULL"))
    out.insert(r.str("external_id"));
  return out;
}

std::vector<int64_t> insert(Connection& c, const std::vector<CaseRecord>& cases) {
  std::vector<int64_t> ids;
  std::vector<std::string> searches;
  const std::string sql = insert_head(c) + insert_tuple(c) + " RETURNING id";
  for (const auto& n : cases) {
    Params p;
    append_values(c, n, p);
    ids.push_back(c.query_one(sql, p)->i64("id"));
    searches.push_back(n.search);
  }
  search_index::index_new_cases(c, ids, searches);
  return ids;
}

void insert_bulk(Connection& c, const std::vector<CaseRecord>& cases) {
  const std::string head = insert_head(c), tuple = insert_tuple(c);
  for (size_t k = 0; k < cases.size(); k += 400) {
    size_t n = std::min<size_t>(400, cases.size() - k);
    std::string sql = head;
    Params p;
    std::vector<std::string> searches;
    for (size_t j = k; j < k + n; ++j) {
      sql += (j > k ? ", " : "") + tuple;
      append_values(c, cases[j], p);
      searches.push_back(cases[j].search);
    }
    if (!dialect::sqlite(c)) {
      c.execute(sql, p);
      continue;
    }
    std::vector<int64_t> ids;
    for (auto& r : c.query(sql + " RETURNING id", p)) ids.push_back(r.i64("id"));
    search_index::index_new_cases(c, ids, searches);
  }
}

void update(Connection& c, int64_t id, const CaseUpdate& u) {
  std::string sets = "status = ?, handler = ?, callback_attempts = ?, updated_at = ?";
  Params p = {u.status, u.handler, u.callback_attempts, u.updated_at};
  if (u.acknowledged_at) {
    sets += ", acknowledged_at = ?, first_response_seconds = ?";
    p.push_back(*u.acknowledged_at);
    p.push_back(u.first_response_seconds);
  }
  if (u.unfounded_explanation) {
    sets += ", unfounded_explanation = ?";
    p.push_back(*u.unfounded_explanation);
  }
  if (u.resolution) {
    sets += ", resolution = ?, resolved_at = ?, callback_due = ?, resolved_on_time = ?";
    p.push_back(u.resolution->text);
    p.push_back(u.resolution->resolved_at);
    p.push_back(u.resolution->callback_due);
    p.push_back(int64_t{u.resolution->on_time});
  }
  if (u.callback_done_at) {
    sets += ", callback_done_at = COALESCE(callback_done_at, ?)";
    p.push_back(*u.callback_done_at);
  }
  if (u.reopened) sets += ", reopen_count = reopen_count + 1";
  if (u.closed_at) {
    sets += ", closed_at = ?";
    p.push_back(*u.closed_at);
  }
  p.push_back(id);
  c.execute("UPDATE feedback SET " + sets + " WHERE id = ?", p);
}

void set_imported_state(Connection& c, int64_t id, const ImportedState& s) {
  c.execute(
      "UPDATE feedback SET status = ?, acknowledged_at = received_at, resolution = ?, resolved_at = ?, "
      "closed_at = ?, resolved_on_time = ? WHERE id = ?",
      {s.status, opt_value(s.resolution), opt_value(s.resolved_at), opt_value(s.closed_at),
       opt_value(s.resolved_on_time), id});
}

void write_past_step(Connection& c, int64_t id, const PastStep& s) {
  std::string sets;
  Params p;
  auto set = [&](const char* column_eq, Value v) {
    sets += (sets.empty() ? "" : ", ") + std::string(column_eq);
    p.push_back(std::move(v));
  };
  if (s.status) set("status = ?", *s.status);
  if (s.handler) set("handler = ?", *s.handler);
  if (s.acknowledged_at) {
    set("acknowledged_at = ?", *s.acknowledged_at);
    set("first_response_seconds = ?", s.first_response_seconds);
  }
  if (s.unfounded_explanation) set("unfounded_explanation = ?", *s.unfounded_explanation);
  if (s.resolution) set("resolution = ?", *s.resolution);
  if (s.resolved_at) set("resolved_at = ?", *s.resolved_at);
  if (s.resolved_on_time) set("resolved_on_time = ?", int64_t{*s.resolved_on_time});
  if (s.callback_due) set("callback_due = ?", *s.callback_due);
  if (s.callback_done_at) set("callback_done_at = COALESCE(callback_done_at, ?)", *s.callback_done_at);
  if (s.reopened) sets += std::string(sets.empty() ? "" : ", ") + "reopen_count = reopen_count + 1";
  if (s.closed_at) set("closed_at = ?", *s.closed_at);
  if (sets.empty()) return;
  p.push_back(id);
  c.execute("UPDATE feedback SET " + sets + " WHERE id = ?", p);
}

std::vector<OverdueCase> overdue_not_escalated(Connection& c, const std::string& now, int64_t limit) {
  std::vector<OverdueCase> out;
  for (auto& r : c.query("SELECT f.id, f.status, f.handler, f.ack_due, f.resolve_due, f.callback_due FROM feedback f "
                         "WHERE f.auto_escalated_at IS NULL AND (" +
                             overdue_sql() + ") LIMIT ?",
                         {now, now, now, limit}))
    out.push_back({r.i64("id"), r.str("status"), r.str("handler"), r.opt("ack_due"), r.opt("resolve_due"),
                   r.opt("callback_due")});
  return out;
}

bool claim_escalation(Connection& c, int64_t id, const std::string& now) {
  return c.execute("UPDATE feedback SET auto_escalated_at = ?, handler = CASE WHEN status IN " +
                       std::string(kOpenStatuses) +
                       " AND unit_id IS NOT NULL THEN 'unit_head' ELSE handler END, updated_at = ? "
                       "WHERE id = ? AND auto_escalated_at IS NULL",
                   {now, now, id}) == 1;
}

int64_t next_reference_number(Connection& c, const std::string& prefix, int64_t year) {
  return c
      .query_one(
          "INSERT INTO reference_sequences (prefix, year, last) VALUES (?, ?, 1) "
          "ON CONFLICT (prefix, year) DO UPDATE SET last = reference_sequences.last + 1 RETURNING last",
          {prefix, year})
      ->i64("last");
}

int64_t last_reference_number(Connection& c, const std::string& prefix) {
  return c.scalar("SELECT COALESCE(MAX(last), 0) AS last FROM reference_sequences WHERE prefix = ?", {prefix});
}

void set_reference_number(Connection& c, const std::string& prefix, int64_t year, int64_t last) {
  c.execute(
      "INSERT INTO reference_sequences (prefix, year, last) VALUES (?, ?, ?) ON CONFLICT (prefix, year) DO "
      "UPDATE SET last = excluded.last",
      {prefix, year, last});
}

}  // namespace servq::store::feedback
