-- The language the console shows each account in (Graph's user `preferredLanguage`), chosen in
-- the account menu and kept here so that the next sign-in anywhere starts in it. NULL until chosen:
-- the browser's languages decide.
ALTER TABLE users ADD COLUMN preferred_language TEXT;
