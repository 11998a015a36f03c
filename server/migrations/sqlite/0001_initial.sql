-- The tenant, its sign-in accounts and its devices.

CREATE TABLE organization (
    id TEXT PRIMARY KEY NOT NULL,
    display_name TEXT NOT NULL,
    mobile_device_management_authority TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    user_principal_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL
);

-- Opaque bearer tokens, stored as their SHA-256 so a leaked database leaks no usable token.
CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE managed_devices (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    device_name TEXT NOT NULL,
    managed_device_name TEXT NOT NULL,
    management_agent TEXT NOT NULL,
    managed_device_owner_type TEXT NOT NULL,
    compliance_state TEXT NOT NULL,
    management_state TEXT NOT NULL,
    operating_system TEXT NOT NULL,
    os_version TEXT NOT NULL,
    device_type TEXT NOT NULL,
    user_principal_name TEXT NOT NULL,
    user_display_name TEXT NOT NULL,
    email_address TEXT NOT NULL,
    enrolled_date_time INTEGER NOT NULL,
    last_sync_date_time INTEGER NOT NULL,
    serial_number TEXT NOT NULL,
    manufacturer TEXT NOT NULL,
    model TEXT NOT NULL,
    imei TEXT NOT NULL,
    phone_number TEXT NOT NULL,
    wi_fi_mac_address TEXT NOT NULL,
    total_storage_space_in_bytes INTEGER NOT NULL,
    free_storage_space_in_bytes INTEGER NOT NULL,
    device_category_display_name TEXT NOT NULL,
    join_type TEXT NOT NULL,
    is_encrypted INTEGER NOT NULL,
    cm_client_identifier TEXT,
    cm_client_version TEXT,
    cm_is_blocked INTEGER,
    is_online INTEGER NOT NULL
);

-- Device counts per combination of the filter columns, kept exact by the triggers below, so the
-- overview and filtered counts never scan a million devices.
CREATE TABLE managed_device_counts (
    management_agent TEXT NOT NULL,
    managed_device_owner_type TEXT NOT NULL,
    compliance_state TEXT NOT NULL,
    operating_system TEXT NOT NULL,
    management_state TEXT NOT NULL,
    device_count INTEGER NOT NULL,
    PRIMARY KEY (
        management_agent, managed_device_owner_type, compliance_state, operating_system,
        management_state
    )
) WITHOUT ROWID;

CREATE TRIGGER managed_devices_count_insert AFTER INSERT ON managed_devices
BEGIN
    INSERT INTO managed_device_counts VALUES (
        NEW.management_agent, NEW.managed_device_owner_type, NEW.compliance_state,
        NEW.operating_system, NEW.management_state, 1
    )
    ON CONFLICT DO UPDATE SET device_count = device_count + 1;
END;

CREATE TRIGGER managed_devices_count_delete AFTER DELETE ON managed_devices
BEGIN
    UPDATE managed_device_counts SET device_count = device_count - 1
    WHERE management_agent = OLD.management_agent
      AND managed_device_owner_type = OLD.managed_device_owner_type
      AND compliance_state = OLD.compliance_state
      AND operating_system = OLD.operating_system
      AND management_state = OLD.management_state;
END;

CREATE TRIGGER managed_devices_count_update AFTER UPDATE OF
    management_agent, managed_device_owner_type, compliance_state, operating_system,
    management_state ON managed_devices
BEGIN
    UPDATE managed_device_counts SET device_count = device_count - 1
    WHERE management_agent = OLD.management_agent
      AND managed_device_owner_type = OLD.managed_device_owner_type
      AND compliance_state = OLD.compliance_state
      AND operating_system = OLD.operating_system
      AND management_state = OLD.management_state;
    INSERT INTO managed_device_counts VALUES (
        NEW.management_agent, NEW.managed_device_owner_type, NEW.compliance_state,
        NEW.operating_system, NEW.management_state, 1
    )
    ON CONFLICT DO UPDATE SET device_count = device_count + 1;
END;
