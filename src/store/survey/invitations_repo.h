// Personal survey links (invitations) of a campaign, the encounters a campaign's segment
// selects, the links' response rates, and the public lookup of a link or kiosk code.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/page.h"

namespace servq::store::survey {

// One link as listed (with its customer, unit and staff member).
struct Invitation {
  int64_t id = 0;
  std::string token;
  std::optional<int64_t> customer_id;
  std::optional<std::string> customer_name, customer_phone, unit_code, staff_code;
  std::optional<std::string> encounter_at, used_at;
  std::optional<int64_t> response_id;
};

struct InvitationFilter {
  int64_t campaign_id = 0;
  std::optional<bool> used;
  std::optional<std::string> unit_path;  // the unit's subtree
};

// In id order. Links carry customers' names and phones: an `own` scope sees the links of its
// own encounters only (by staff member), the others the figures of their units.
Page<Invitation> list_invitations(Connection& c, const UnitScope& scope, const InvitationFilter& f, const PageRequest& page);

struct NewInvitation {
  int64_t campaign_id = 0;
  std::string token;
  std::optional<int64_t> customer_id, encounter_id, unit_id, staff_id;
  std::optional<std::string> category, encounter_at;
  std::string created_at;
};
// Multi-row INSERTs, 300 rows a statement.
void insert_invitations(Connection& c, const std::vector<NewInvitation>& rows);

// Who the campaign has invited already.
struct Invited {
  std::set<int64_t> encounters, customers;
};
Invited invited(Connection& c, int64_t campaign_id);

// The encounters a campaign's segment selects, with their customer's category and consent.
struct SegmentFilter {
  std::optional<std::string> category;
  std::optional<std::string> unit_path;  // the unit's subtree
  std::optional<std::string> from, to;   // started_at, both inclusive
};
struct SegmentEncounter {
  int64_t encounter_id = 0, customer_id = 0, unit_id = 0;
  std::optional<int64_t> staff_id;
  std::string category, started_at;
  bool consent_survey = false;
};
// Oldest first (started_at, id).
std::vector<SegmentEncounter> segment_encounters(Connection& c, const SegmentFilter& f);

// Invitations and responses (used links) per unit code or per customer category, within the
// scope's figures; ordered by key.
enum class RatesBy { unit, category };
struct RateRow {
  std::optional<std::string> key;
  int64_t invitations = 0, responses = 0;
};
std::vector<RateRow> invitation_rates(Connection& c, const UnitScope& scope, int64_t campaign_id, RatesBy by);

// What a respondent's link (token) or a kiosk code leads to: the campaign, its questionnaire and
// the unit.
struct PublicLink {
  int64_t survey_id = 0, campaign_id = 0;
  std::optional<int64_t> invitation_id, unit_id, staff_id, customer_id;  // invitation columns: none for kiosks
  std::string channel;
  std::optional<std::string> category;
  std::string survey_updated_at, opens_at;
  std::optional<std::string> closes_at, used_at, unit_name;
  std::string survey_title, campaign_name;
};
enum class LinkKind { token, kiosk };
std::optional<PublicLink> find_public_link(Connection& c, LinkKind kind, const std::string& key);
// The links of many keys at once, for the intake writer's batches, by key. Without the
// questionnaire's and unit's columns (survey_updated_at, unit_name, survey_title and
// campaign_name stay empty): the questionnaire's version stamp sits behind its definition's
// overflow pages, so the writer reads it once per questionnaire and batch, not per response.
std::map<std::string, PublicLink> find_intake_links(Connection& c, LinkKind kind, const std::vector<std::string>& keys);

}  // namespace servq::store::survey
