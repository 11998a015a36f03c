-- The MDM authority: coexistence with Basic Mobility and Security for Office 365, and who
-- changed the authority when.

ALTER TABLE organization ADD COLUMN is_coexistence_enabled INTEGER NOT NULL DEFAULT 0;

CREATE TABLE mdm_authority_changes (
    id INTEGER PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    from_authority TEXT NOT NULL,
    to_authority TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at INTEGER NOT NULL
);
