-- Feedback log and closed loop (PRODUCT.md F1–F4, F6): cases, their timeline, customer
-- notifications, per-year reference numbers, service-level policies and settings.

CREATE TABLE feedback (
  id {{ID}},
  reference TEXT NOT NULL UNIQUE,
  external_id TEXT UNIQUE,
  received_at TEXT NOT NULL,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  customer_id BIGINT REFERENCES customers(id),
  customer_name TEXT,
  customer_phone TEXT,
  customer_address TEXT,
  content TEXT NOT NULL,
  unit_id BIGINT REFERENCES units(id),
  staff_id BIGINT REFERENCES staff(id),
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  handler TEXT NOT NULL DEFAULT 'receiver',
  receiver_id BIGINT REFERENCES users(id),
  receiver TEXT NOT NULL,
  resolution TEXT,
  unfounded_explanation TEXT,
  callback_attempts INTEGER NOT NULL DEFAULT 0,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  acknowledged_at TEXT,
  resolved_at TEXT,
  closed_at TEXT,
  ack_due TEXT,
  resolve_due TEXT,
  callback_due TEXT,
  resolved_on_time INTEGER,
  first_response_seconds BIGINT,
  callback_done_at TEXT,
  auto_escalated_at TEXT,
  search TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX feedback_received ON feedback(received_at);
CREATE INDEX feedback_status_received ON feedback(status, received_at);
CREATE INDEX feedback_unit_received ON feedback(unit_id, received_at);
CREATE INDEX feedback_staff ON feedback(staff_id);
CREATE INDEX feedback_receiver ON feedback(receiver_id);
CREATE INDEX feedback_customer ON feedback(customer_id);
CREATE INDEX feedback_kind_received ON feedback(kind, received_at);
-- Narrow indexes that answer the common filters and the dashboard's counts without reading the
-- (wide) rows: counting a million cases must stay interactive (bench/feedback.sh).
CREATE INDEX feedback_kind_status_unit ON feedback(kind, status, unit_id, received_at);
CREATE INDEX feedback_channel ON feedback(channel, received_at);
CREATE INDEX feedback_category ON feedback(category, received_at);
CREATE INDEX feedback_severity ON feedback(severity, received_at);
-- Covers the complaint-handling measures (on-time rate, first response, callbacks) per unit,
-- staff or month, so they are computed from the index alone.
CREATE INDEX feedback_measures ON feedback(kind, unit_id, received_at, staff_id, status, resolved_on_time,
  first_response_seconds, resolved_at, callback_done_at, resolve_due);

CREATE TABLE feedback_events (
  id {{ID}},
  feedback_id BIGINT NOT NULL REFERENCES feedback(id),
  at TEXT NOT NULL,
  actor_id BIGINT,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  note TEXT,
  data_json TEXT
);
CREATE INDEX feedback_events_case ON feedback_events(feedback_id, id);

CREATE TABLE feedback_notifications (
  id {{ID}},
  feedback_id BIGINT NOT NULL REFERENCES feedback(id),
  at TEXT NOT NULL,
  actor_id BIGINT,
  actor TEXT NOT NULL,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  content TEXT NOT NULL
);
CREATE INDEX feedback_notifications_case ON feedback_notifications(feedback_id);

CREATE TABLE reference_sequences (
  prefix TEXT NOT NULL,
  year INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
);

CREATE TABLE sla_policies (
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  acknowledge_minutes DOUBLE PRECISION NOT NULL,
  resolve_minutes DOUBLE PRECISION NOT NULL,
  callback_minutes DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (kind, severity)
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('callback_max_attempts', '3');

-- Default deadlines: critical (safety) cases within hours, the rest within days.
INSERT INTO sla_policies (kind, severity, acknowledge_minutes, resolve_minutes, callback_minutes) VALUES
  ('complaint', 'critical', 60, 1440, 1440),
  ('complaint', 'high', 240, 4320, 2880),
  ('complaint', 'medium', 480, 10080, 4320),
  ('complaint', 'low', 1440, 20160, 7200),
  ('suggestion', 'critical', 240, 4320, 4320),
  ('suggestion', 'high', 1440, 20160, 10080),
  ('suggestion', 'medium', 2880, 43200, 10080),
  ('suggestion', 'low', 4320, 43200, 10080),
  ('inquiry', 'critical', 60, 1440, 2880),
  ('inquiry', 'high', 240, 2880, 4320),
  ('inquiry', 'medium', 480, 4320, 4320),
  ('inquiry', 'low', 1440, 10080, 10080),
  ('praise', 'critical', 1440, 10080, 10080),
  ('praise', 'high', 1440, 10080, 10080),
  ('praise', 'medium', 2880, 20160, 20160),
  ('praise', 'low', 4320, 43200, 43200);

-- Full-text search: the case's search tokens (folded words, CJK bigrams; core/text.h).
-- @sqlite
CREATE VIRTUAL TABLE feedback_fts USING fts5(tokens, tokenize = 'unicode61 remove_diacritics 0');
-- @end
-- @postgresql
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE feedback ADD COLUMN search_tokens TEXT[] NOT NULL DEFAULT '{}';
CREATE INDEX feedback_search_tokens ON feedback USING GIN (search_tokens);
CREATE INDEX feedback_search_trgm ON feedback USING GIN (search gin_trgm_ops);
-- @end
