-- As SQLite's 0011: the language the console shows each account in (Graph's `preferredLanguage`).
ALTER TABLE users ADD COLUMN preferred_language TEXT;
