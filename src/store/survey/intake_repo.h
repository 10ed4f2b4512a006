// The intake's writes to survey_responses and survey_invitations, set-at-a-time so that a batch
// of responses costs a handful of statements whatever its size (PostgreSQL pays a round trip per
// statement): known submissions, link claims, ids, multi-row INSERTs, the links' response ids;
// and the F5 follow-ups waiting for their feedback case. All inside the caller's transaction.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/database.h"

namespace servq::store::survey {

// A response stored under an idempotency key (submission_id), with the link it came through.
struct StoredSubmission {
  std::string submission_id;
  int64_t id = 0, survey_id = 0;
  std::optional<int64_t> campaign_id, invitation_id, unit_id;
};
// The responses stored under any of `submission_ids` (500 keys per statement).
std::vector<StoredSubmission> stored_submissions(Connection& c, const std::vector<std::string>& submission_ids);

// Marks the personal links used at `used_at` where they are not yet (500 per statement); returns
// the ids this call claimed: of two claims of one link only the first changes the row.
std::set<int64_t> claim_invitations(Connection& c, const std::string& used_at, const std::vector<int64_t>& ids);

// `n` fresh response ids, known before the INSERT so that rows need not be matched to RETURNING
// output. SQLite: the caller's write transaction is exclusive, so nobody takes ids meanwhile.
std::vector<int64_t> reserve_response_ids(Connection& c, size_t n);

struct NewResponse {
  int64_t id = 0;  // from reserve_response_ids
  int64_t survey_id = 0;
  std::optional<int64_t> campaign_id, invitation_id;
  std::optional<std::string> submission_id, external_id;
  std::string channel;
  std::optional<int64_t> unit_id, staff_id, customer_id;
  std::string category, submitted_at, lang;
  std::string answers;  // JSON text
  std::optional<std::string> comment_search, followup;
  bool folded = false;  // its sums are added to the cells in the same transaction
};
// Inserts the responses, 200 rows per statement (17 parameters a row); their strings are moved
// into the statements.
void insert_responses(Connection& c, std::vector<NewResponse>&& rows);

// A claimed personal link and the response that used it.
struct LinkUse {
  int64_t invitation_id = 0, response_id = 0;
  std::string used_at;
};
// Each link points at its response and is marked used at that response's time (500 a statement).
void record_link_uses(Connection& c, const std::vector<LinkUse>& uses);

// ---- F5 follow-ups ----

struct WaitingFollowup {
  int64_t id = 0, survey_id = 0;
  std::optional<int64_t> unit_id, staff_id, customer_id;
  std::string submitted_at, answers, reason;
};
// Stored responses with an F5 reason and no feedback case yet, oldest first, at most `limit`.
std::vector<WaitingFollowup> waiting_followups(Connection& c, int64_t limit);

// The respondent's contact for the case (customers table, narrowly).
struct CustomerContact {
  std::optional<std::string> name, phone, address;
};
std::optional<CustomerContact> customer_contact(Connection& c, int64_t customer_id);

// Links each response to the feedback case opened for it (response id → case id).
void link_followup_cases(Connection& c, const std::vector<std::pair<int64_t, int64_t>>& response_cases);

}  // namespace servq::store::survey
