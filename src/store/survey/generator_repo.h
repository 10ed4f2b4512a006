// The synthetic survey data's writes and reads: the demo's questionnaires, campaigns, kiosks and
// answers, and the benchmark's millions of responses (bulk multi-row INSERTs). Inside the
// caller's transaction.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace servq::store::survey {

// ---- what the generator answers for (org tables, narrowly) ----

// Units with at least one staff member, by id.
std::vector<int64_t> staffed_unit_ids(Connection& c);
// The unit's staff, by id.
std::vector<int64_t> unit_staff_ids(Connection& c, int64_t unit_id);

// ---- the demo's surveys ----

// An active questionnaire of version 1, its own family, created by "demo"; returns its id.
int64_t insert_demo_survey(Connection& c, const std::string& title, const std::string& definition,
                           const std::string& search, const std::string& now);
// A campaign without closing date, created by "quality"; `segment` is JSON text. Returns its id.
int64_t insert_demo_campaign(Connection& c, int64_t survey_id, const std::string& name, const std::string& channel,
                             const std::string& opens_at, const std::string& segment, const std::string& now);

// A campaign's personal link, as the demo answers it.
struct DemoInvitation {
  int64_t id = 0;
  std::optional<int64_t> unit_id, staff_id, customer_id;
  std::string category;  // "" when none
  std::string encounter_at;
};
std::vector<DemoInvitation> campaign_invitations(Connection& c, int64_t campaign_id);

// ---- the benchmark's responses ----

// A generated response: no link, no submission id, folded (its sums go to the cells in memory).
struct GeneratedResponse {
  int64_t survey_id = 0;
  std::string channel;
  int64_t unit_id = 0;
  std::optional<int64_t> staff_id;
  std::string category, submitted_at, lang, answers;
  std::optional<std::string> comment_search;
};
// Inserts them 400 rows per statement, moving their strings into the statements.
void insert_generated(Connection& c, std::vector<GeneratedResponse>&& rows);

}  // namespace servq::store::survey
