-- F5 cases are opened just after the response is stored rather than in the intake transaction:
-- the response records why it asks for a follow-up, and feedback_id is filled once the case is
-- open (within about a second; after a crash, when the server starts again). The partial index
-- holds only the responses still waiting for their case.

ALTER TABLE survey_responses ADD COLUMN followup TEXT;  -- F5 reason ("nps 3", "overall 1"); NULL: none (or stored before 0004)
CREATE INDEX survey_responses_followup ON survey_responses(id) WHERE followup IS NOT NULL AND feedback_id IS NULL;

-- The respondent's link lookup reads a questionnaire's title and version stamp on every
-- submission; in the table they sit behind the definition's overflow pages.
CREATE INDEX surveys_header ON surveys(id, updated_at, title);
