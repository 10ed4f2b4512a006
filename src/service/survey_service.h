// Use cases of satisfaction surveys (PRODUCT.md S1–S3, F5; docs/api.md "Surveys"):
// questionnaires and versions, campaigns with personal links and kiosk codes, the public
// respondent API with its group-committing intake writer, paper forms and CSV imports.
// The analysis (S4) is in survey_analysis.h.
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/survey/questionnaire.h"
#include "service/common.h"
#include "service/import_service.h"

namespace servq::service {

// ---- questionnaires ----
Result<json> list_surveys(store::Database& db, const Actor& a, const ListQuery& q);
Result<json> get_survey(store::Database& db, const Actor& a, int64_t id);
Result<json> create_survey(store::Database& db, const Actor& a, const json& body);
// Replaces a questionnaire without responses (created = false) or makes a new version of one
// with responses (created = true; the old one is archived).
struct SurveyUpdate {
  json survey;
  bool created = false;
};
Result<SurveyUpdate> update_survey(store::Database& db, const Actor& a, int64_t id, const json& body);
json survey_templates();

// The parsed questionnaire of a survey, cached per (id, updated_at); nullptr when unknown.
std::shared_ptr<const survey::Questionnaire> questionnaire_of(store::Connection& c, int64_t survey_id);

// ---- campaigns ----
Result<json> list_campaigns(store::Database& db, const Actor& a, const ListQuery& q);
Result<json> get_campaign(store::Database& db, const Actor& a, int64_t id);
Result<json> create_campaign(store::Database& db, const Actor& a, const json& body);
Result<json> update_campaign(store::Database& db, const Actor& a, int64_t id, const json& body);
Result<json> create_invitations(store::Database& db, const Actor& a, int64_t campaign_id);
Result<json> list_invitations(store::Database& db, const Actor& a, int64_t campaign_id, const ListQuery& q);
Result<json> export_invitations(store::Database& db, const Actor& a, int64_t campaign_id);  // rows for CSV
Result<json> list_kiosks(store::Database& db, const Actor& a, int64_t campaign_id);
Result<json> create_kiosk(store::Database& db, const Actor& a, int64_t campaign_id, const json& body);
Result<json> campaign_rates(store::Database& db, const Actor& a, int64_t campaign_id, const std::string& by);

// ---- public respondent API ----
Result<json> public_survey(store::Database& db, const std::string& kind, const std::string& key);

// One response on its way to the database.
struct PendingResponse {
  int64_t survey_id = 0;
  std::optional<int64_t> campaign_id, invitation_id, unit_id, staff_id, customer_id;
  std::string channel, category, submitted_at, lang, answers, comment_search;
  std::optional<std::string> submission_id, external_id;
  std::optional<std::string> followup;  // F5 reason: a feedback case is to be opened
  // The checked answers: stored responses are added to the statistics cells in the same
  // transaction (without them the background folder adds the response later).
  std::shared_ptr<const survey::Questionnaire> questionnaire;
  std::optional<survey::Scored> scored;
};
// A response of `q` with its checked answers (`s`), ready to store: answers as text, the folded
// comments for search, the F5 follow-up reason (used by every channel: public, paper, import).
PendingResponse pending_from(const std::shared_ptr<const survey::Questionnaire>& q, const survey::Scored& s,
                             const json& answers);

struct IntakeResult {
  int status = 201;  // 201 stored, 200 the same submission was stored before, 409 link used, 503
  int64_t id = 0;
  Error error;
  bool followup = false;  // stored with an F5 reason: a case is to be opened
};

// A public submission ({token|kiosk, answers, lang, submission_id}) whose form has been read on
// the request thread; its link and answers are checked by the intake writer with the rest of its
// batch (store_public_responses). submitted_at is the time it arrived.
struct PublicSubmission {
  std::string kind, key, lang;  // kind: token | kiosk
  std::optional<std::string> submission_id;
  json answers;
  std::string submitted_at;
};
Result<PublicSubmission> read_public_submission(const json& body);
// In the caller's transaction: finds the links of the whole batch, answers known submissions
// (200), unknown links (404), closed campaigns (410), used links (409) and invalid answers (422),
// and stores the rest with store_responses. Results in input order.
std::vector<IntakeResult> store_public_responses(store::Connection& c, std::vector<PublicSubmission>& batch);

// Stores pending responses in the caller's transaction (group commit): per response the link is
// claimed with a conditional UPDATE and the row inserted with its F5 reason; the statistics
// cells are updated. Results in input order.
std::vector<IntakeResult> store_responses(store::Connection& c, std::vector<PendingResponse>& batch);

// F5: opens the feedback cases (complaint, channel survey, handled by the unit head) of stored
// responses whose reason is recorded and which have no case yet, oldest first, at most `limit`,
// and links them both ways. The first form works in the caller's transaction, the second in its
// own. Returns how many were opened. Opening them outside the intake transaction keeps the ~15
// indexes of a case out of every group commit: the writer opens them in batches of 64 (see
// IntakeWriter), the server's background job every --fold-interval for the rest.
int64_t open_followup_cases(store::Connection& c, int64_t limit);
int64_t open_followup_cases(store::Database& db, int64_t limit);

// ---- responses ----
Result<json> create_paper_response(store::Database& db, const Actor& a, int64_t survey_id, const json& body);
Result<json> list_responses(store::Database& db, const Actor& a, int64_t survey_id, const ListQuery& q);
Result<json> list_comments(store::Database& db, const Actor& a, int64_t survey_id, const ListQuery& q);
Result<ImportOutcome> import_responses(store::Database& db, const Actor& a, int64_t survey_id, std::string_view csv,
                                       bool dry_run, const Progress& progress = {}, const ImportOptions& options = {});

// ---- demo and benchmarks ----
// Random responses for `survey_id`: `count` of them over the last year spread across the units
// with staff, scored so that dimensions correlate with the overall question; the statistics cells
// are written at the end. Multi-row inserts, one transaction per 20 000 (benchmarks, tests).
Result<int64_t> generate_responses(store::Database& db, int64_t survey_id, int64_t count, uint64_t seed,
                                   const Progress& progress = {});
// Personal links for benchmarks: `count` unused invitations in a new open campaign of the survey,
// written to `out` one token per line.
Result<int64_t> generate_invitations(store::Database& db, int64_t survey_id, int64_t count, std::ostream& out);

}  // namespace servq::service
