-- The organisation's settings read by every use case: the IANA time zone in which typed times
-- without an offset are read and calendar periods are cut, and the default region of phone
-- numbers. Existing values are kept (the phone migration inserts phone_region the same way).
INSERT INTO settings (key, value) VALUES ('time_zone', 'Asia/Ho_Chi_Minh') ON CONFLICT (key) DO NOTHING;
INSERT INTO settings (key, value) VALUES ('phone_region', 'VN') ON CONFLICT (key) DO NOTHING;
