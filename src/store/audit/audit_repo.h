// The append-only audit log: who changed what, with the record before and after (JSON text).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"
#include "store/page.h"

namespace servq::store::audit {

struct Entry {
  int64_t id = 0;  // assigned by append
  std::string at;  // ISO-8601 UTC
  std::optional<int64_t> actor_id;
  std::string actor;  // login, or "system" / a job's name
  std::string action, entity;
  std::optional<std::string> entity_id, before_json, after_json;
};

struct Filter {
  std::optional<std::string> entity, actor, action, entity_id;
  std::optional<std::string> from, to;  // ISO-8601 UTC; `to` exclusive
  std::optional<std::string> text;      // a LIKE pattern over entity, actor and action
};

// Inside the caller's transaction.
void append(Connection& c, const Entry& e);
Page<Entry> list(Connection& c, const Filter& f, const PageRequest& page);  // newest first
std::optional<Entry> find(Connection& c, int64_t id);

}  // namespace servq::store::audit
