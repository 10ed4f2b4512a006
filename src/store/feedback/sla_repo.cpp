#include "store/feedback/sla_repo.h"

#include <charconv>

namespace servq::store::feedback {

namespace {
constexpr std::string_view kSelect =
    "SELECT kind, severity, acknowledge_minutes, resolve_minutes, callback_minutes FROM sla_policies";

SlaPolicy read(const Row& r) {
  return {r.str("kind"), r.str("severity"), std::stod(r.str("acknowledge_minutes")),
          std::stod(r.str("resolve_minutes")), std::stod(r.str("callback_minutes"))};
}

// The shortest text that reads back as the same double, so a policy reads back as written.
std::string exact_text(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}
}  // namespace

std::vector<SlaPolicy> sla_policies(Connection& c) {
  std::vector<SlaPolicy> out;
  for (auto& r : c.query(std::string(kSelect) + " ORDER BY kind, severity")) out.push_back(read(r));
  return out;
}

std::optional<SlaPolicy> find_sla_policy(Connection& c, const std::string& kind, const std::string& severity) {
  auto r = c.query_one(std::string(kSelect) + " WHERE kind = ? AND severity = ?", {kind, severity});
  if (!r) return std::nullopt;
  return read(*r);
}

void put_sla_policy(Connection& c, const SlaPolicy& p) {
  c.execute("DELETE FROM sla_policies WHERE kind = ? AND severity = ?", {p.kind, p.severity});
  c.execute(
      "INSERT INTO sla_policies (kind, severity, acknowledge_minutes, resolve_minutes, callback_minutes) VALUES "
      "(?, ?, CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION))",
      {p.kind, p.severity, exact_text(p.acknowledge_minutes), exact_text(p.resolve_minutes),
       exact_text(p.callback_minutes)});
}

}  // namespace servq::store::feedback
