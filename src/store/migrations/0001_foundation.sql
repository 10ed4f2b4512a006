-- Foundation: organisation, customers, encounters, accounts, sessions, API tokens, audit.
-- {{ID}} becomes the backend's auto-increment primary key. Timestamps are ISO-8601 UTC text;
-- booleans are 0/1 integers; money is an integer in the smallest currency unit.
-- Lines between "-- @sqlite" / "-- @postgresql" and "-- @end" apply to that backend only.

CREATE TABLE units (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id BIGINT REFERENCES units(id),
  path TEXT NOT NULL,
  head_staff_id BIGINT,
  search TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX units_path ON units(path);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE staff (
  id {{ID}},
  employee_code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  title TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  search TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX staff_unit ON staff(unit_id);

CREATE TABLE customers (
  id {{ID}},
  external_id TEXT UNIQUE,
  name TEXT NOT NULL,
  phone TEXT UNIQUE,
  email TEXT UNIQUE,
  address TEXT,
  category TEXT NOT NULL,
  referred_by_id BIGINT REFERENCES customers(id),
  tier TEXT,
  consent_contact INTEGER NOT NULL DEFAULT 0,
  consent_survey INTEGER NOT NULL DEFAULT 0,
  home_unit_id BIGINT REFERENCES units(id),
  search TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX customers_category ON customers(category);

CREATE TABLE encounters (
  id {{ID}},
  external_id TEXT UNIQUE,
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  staff_id BIGINT REFERENCES staff(id),
  service TEXT NOT NULL,
  started_at TEXT NOT NULL,
  amount BIGINT NOT NULL DEFAULT 0,
  converted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX encounters_unit_time ON encounters(unit_id, started_at);
CREATE INDEX encounters_customer ON encounters(customer_id);
CREATE INDEX encounters_staff ON encounters(staff_id);
CREATE INDEX encounters_time ON encounters(started_at);

CREATE TABLE users (
  id {{ID}},
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_id BIGINT REFERENCES units(id),
  staff_id BIGINT REFERENCES staff(id),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id {{ID}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id {{ID}},
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);

CREATE TABLE login_attempts (
  id {{ID}},
  login TEXT NOT NULL,
  address TEXT NOT NULL,
  at TEXT NOT NULL,
  success INTEGER NOT NULL
);
CREATE INDEX login_attempts_login ON login_attempts(login, at);
CREATE INDEX login_attempts_address ON login_attempts(address, at);

CREATE TABLE audit (
  id {{ID}},
  at TEXT NOT NULL,
  actor_id BIGINT,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_entity ON audit(entity, entity_id);

-- The audit log is append-only: the database itself refuses to change or remove a line.
-- @sqlite
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
-- @end
-- @postgresql
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN RAISE EXCEPTION 'audit is append-only'; END $fn$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
-- @end
