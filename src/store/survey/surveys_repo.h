// The questionnaires: one row per version (versions of one questionnaire share family_id), the
// SurveyJS definition kept as given (JSON text).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/database.h"
#include "store/page.h"

namespace servq::store::survey {

struct Survey {
  int64_t id = 0, family_id = 0, version = 0;
  std::string title, status;  // status: active | archived
  std::string created_at, created_by, updated_at;
  std::string definition;  // SurveyJS JSON text
  int64_t response_count = 0;
};

struct SurveyFilter {
  std::optional<std::string> status;
  std::optional<std::string> search;  // a LIKE pattern over the folded title
};

struct NewSurvey {
  std::optional<int64_t> family_id;  // none: a first version, its own family
  int64_t version = 1;
  std::string title, definition, search;  // search: the folded title
  std::string at, by;                     // created_at = updated_at, created_by
};

// Newest family first, newest version first within a family.
Page<Survey> list_surveys(Connection& c, const SurveyFilter& f, const PageRequest& page);
std::optional<Survey> find_survey(Connection& c, int64_t id);
bool survey_exists(Connection& c, int64_t id);
// Inserts an active version; returns its id.
int64_t insert_survey(Connection& c, const NewSurvey& s);
int64_t latest_version(Connection& c, int64_t family_id);  // 0 when the family has none
void archive_survey(Connection& c, int64_t id, const std::string& at);
void update_survey_definition(Connection& c, int64_t id, const std::string& title, const std::string& definition,
                              const std::string& search, const std::string& updated_at);

// The questionnaire cache's key (updated_at) and its value.
std::optional<std::string> survey_stamp(Connection& c, int64_t id);
struct SurveyDefinition {
  std::string definition, updated_at;
};
std::optional<SurveyDefinition> find_definition(Connection& c, int64_t id);

}  // namespace servq::store::survey
