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
  acknowledge_seconds BIGINT NOT NULL,
  resolve_seconds BIGINT NOT NULL,
  callback_seconds BIGINT NOT NULL,
  PRIMARY KEY (kind, severity)
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('callback_max_attempts', '3');

-- Default deadlines: critical (safety) cases within hours, the rest within days.
INSERT INTO sla_policies (kind, severity, acknowledge_seconds, resolve_seconds, callback_seconds) VALUES
  ('complaint', 'critical', 3600, 86400, 86400),
  ('complaint', 'high', 14400, 259200, 172800),
  ('complaint', 'medium', 28800, 604800, 259200),
  ('complaint', 'low', 86400, 1209600, 432000),
  ('suggestion', 'critical', 14400, 259200, 259200),
  ('suggestion', 'high', 86400, 1209600, 604800),
  ('suggestion', 'medium', 172800, 2592000, 604800),
  ('suggestion', 'low', 259200, 2592000, 604800),
  ('inquiry', 'critical', 3600, 86400, 172800),
  ('inquiry', 'high', 14400, 172800, 259200),
  ('inquiry', 'medium', 28800, 259200, 259200),
  ('inquiry', 'low', 86400, 604800, 604800),
  ('praise', 'critical', 86400, 604800, 604800),
  ('praise', 'high', 86400, 604800, 604800),
  ('praise', 'medium', 172800, 1209600, 1209600),
  ('praise', 'low', 259200, 2592000, 2592000);

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
