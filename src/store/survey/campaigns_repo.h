// Survey campaigns: a questionnaire sent through one channel over a period to a segment of the
// customers (the segment as JSON text).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/scope.h"
#include "store/database.h"
#include "store/page.h"

namespace servq::store::survey {

struct Campaign {
  int64_t id = 0, survey_id = 0;
  std::string survey_title, name, channel;  // channel: link | letter | kiosk | paper
  std::string opens_at;
  std::optional<std::string> closes_at;
  std::string segment;  // JSON text
  std::string created_at;
  int64_t invitations = 0, responses = 0;  // over every unit
};

struct CampaignFilter {
  std::optional<std::string> survey_id;  // as given (bound as text)
  enum class Status { any, open, closed, scheduled } status = Status::any;
  std::string now;                  // what open / closed / scheduled are relative to
  std::optional<std::string> name;  // a LIKE pattern over the name
};

struct CampaignFields {
  std::string name, channel, opens_at;
  std::optional<std::string> closes_at;
  std::string segment;  // JSON text
};

// Newest first.
Page<Campaign> list_campaigns(Connection& c, const CampaignFilter& f, const PageRequest& page);
std::optional<Campaign> find_campaign(Connection& c, int64_t id);
std::optional<int64_t> campaign_survey_id(Connection& c, int64_t id);
int64_t insert_campaign(Connection& c, int64_t survey_id, const CampaignFields& f, const std::string& at, const std::string& by);
void update_campaign(Connection& c, int64_t id, const CampaignFields& f, const std::string& at);

// The campaign's invitations and responses within the scope's figures (UnitScope::figures_path).
struct CampaignCounts {
  int64_t invitations = 0, responses = 0;
};
CampaignCounts campaign_counts(Connection& c, const UnitScope& scope, int64_t campaign_id);

}  // namespace servq::store::survey
