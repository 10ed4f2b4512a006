-- Satisfaction surveys (PRODUCT.md S1–S5, F5): questionnaires and their versions, campaigns
-- with personal links and kiosk codes, responses, and the sufficient statistics the analysis
-- reads instead of the raw responses.

CREATE TABLE surveys (
  id {{ID}},
  family_id BIGINT,                -- the first version's id; versions share it
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,            -- active | archived
  definition TEXT NOT NULL,        -- SurveyJS JSON as given
  search TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX surveys_family ON surveys(family_id, version);

CREATE TABLE survey_campaigns (
  id {{ID}},
  survey_id BIGINT NOT NULL REFERENCES surveys(id),
  name TEXT NOT NULL,
  channel TEXT NOT NULL,           -- link | letter | kiosk | paper
  opens_at TEXT NOT NULL,
  closes_at TEXT,
  segment TEXT NOT NULL,           -- JSON: category, unit, from, to, consent_only, per
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX survey_campaigns_survey ON survey_campaigns(survey_id);

-- One personal link. The token is the capability (128 random bits, base32); it is kept in
-- clear so that links can be exported for a mail-merge or an SMS gateway.
CREATE TABLE survey_invitations (
  id {{ID}},
  campaign_id BIGINT NOT NULL REFERENCES survey_campaigns(id),
  token TEXT NOT NULL UNIQUE,
  customer_id BIGINT REFERENCES customers(id),
  encounter_id BIGINT REFERENCES encounters(id),
  unit_id BIGINT REFERENCES units(id),
  staff_id BIGINT REFERENCES staff(id),
  category TEXT,
  encounter_at TEXT,
  created_at TEXT NOT NULL,
  used_at TEXT,
  response_id BIGINT
);
CREATE INDEX survey_invitations_campaign ON survey_invitations(campaign_id, id);
CREATE UNIQUE INDEX survey_invitations_encounter ON survey_invitations(campaign_id, encounter_id, customer_id);

CREATE TABLE survey_kiosks (
  id {{ID}},
  campaign_id BIGINT NOT NULL REFERENCES survey_campaigns(id),
  code TEXT NOT NULL UNIQUE,
  unit_id BIGINT REFERENCES units(id),
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX survey_kiosks_unit ON survey_kiosks(campaign_id, unit_id);

CREATE TABLE survey_responses (
  id {{ID}},
  survey_id BIGINT NOT NULL REFERENCES surveys(id),
  campaign_id BIGINT REFERENCES survey_campaigns(id),
  invitation_id BIGINT REFERENCES survey_invitations(id),
  submission_id TEXT,              -- the respondent page's idempotency key
  external_id TEXT,                -- imported paper forms
  channel TEXT NOT NULL,           -- link | letter | kiosk | paper | import
  unit_id BIGINT REFERENCES units(id),
  staff_id BIGINT REFERENCES staff(id),
  customer_id BIGINT REFERENCES customers(id),
  category TEXT,
  submitted_at TEXT NOT NULL,
  lang TEXT NOT NULL,
  answers TEXT NOT NULL,           -- JSON object: question name → value
  comment_search TEXT,             -- folded text answers, for the verbatim search
  feedback_id BIGINT REFERENCES feedback(id),
  folded INTEGER NOT NULL DEFAULT 0 -- 1 once added to survey_cells
);
-- Partial unique indexes: a response carries at most one of these keys, and the intake writes
-- thousands of rows a second, so rows without a key cost no index entry.
CREATE UNIQUE INDEX survey_responses_invitation ON survey_responses(invitation_id) WHERE invitation_id IS NOT NULL;
CREATE UNIQUE INDEX survey_responses_submission ON survey_responses(submission_id) WHERE submission_id IS NOT NULL;
CREATE UNIQUE INDEX survey_responses_external ON survey_responses(survey_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX survey_responses_survey_time ON survey_responses(survey_id, submitted_at);
CREATE INDEX survey_responses_campaign ON survey_responses(campaign_id);
CREATE INDEX survey_responses_unfolded ON survey_responses(survey_id, id) WHERE folded = 0;

-- Sufficient statistics per survey × period × unit × staff × category × channel × campaign:
-- counts, sums and cross-product sums of the scored answers (stats::Moments and per-question
-- counts), laid out by core/survey's StatLayout and stored base64-encoded. grain 'm' rows hold
-- a calendar month (period 'YYYY-MM'), 'd' rows a day ('YYYY-MM-DD'); staff_id 0 rows add up
-- every staff member (and none), others one staff member. 0 / '' stand for "none".
CREATE TABLE survey_cells (
  survey_id BIGINT NOT NULL,
  grain TEXT NOT NULL,
  period TEXT NOT NULL,
  unit_id BIGINT NOT NULL,
  staff_id BIGINT NOT NULL,
  category TEXT NOT NULL,
  channel TEXT NOT NULL,
  campaign_id BIGINT NOT NULL,
  n BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (survey_id, grain, staff_id, period, unit_id, category, channel, campaign_id)
);

INSERT INTO settings (key, value) VALUES ('survey_min_group', '5');
