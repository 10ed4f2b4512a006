-- What a role without access to customers' personal data may search in a case: its reference
-- and content, folded like `search` (which also holds the customer's name and phone). Filled
-- for existing cases by the C++ step that follows this migration (store/migrations.cpp).
ALTER TABLE feedback ADD COLUMN search_public TEXT;
