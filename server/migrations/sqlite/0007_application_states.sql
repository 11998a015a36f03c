-- A device's applications are derived from its id (demo::demo_applications) and stored only once an
-- application action changes one: its state as the client last reported it.
CREATE TABLE application_states (
    device_seq INTEGER NOT NULL REFERENCES managed_devices (seq) ON DELETE CASCADE,
    application_id TEXT NOT NULL,
    install_state TEXT NOT NULL,
    -- The enforcement error the client reported; 0 when there is none.
    error_code INTEGER NOT NULL,
    -- Unix milliseconds.
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (device_seq, application_id)
) WITHOUT ROWID;
