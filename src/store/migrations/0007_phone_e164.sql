-- Phone numbers in E.164 (issue 11 §2). Until now a phone was kept as its digits with a leading
-- "84" turned into "0"; from now on every phone is read with libphonenumber against the
-- organisation's default region and kept as "+84981234567". The rewrite of the stored numbers
-- is a C++ step after this script (store/migrations.cpp, version 7): a number that another
-- customer already holds in E.164 keeps its old text and is listed by
-- `servq customers duplicates` until someone merges the two.
INSERT INTO settings (key, value) VALUES ('phone_region', 'VN') ON CONFLICT (key) DO NOTHING;
