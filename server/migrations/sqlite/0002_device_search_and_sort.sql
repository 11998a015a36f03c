-- All devices at a million rows: substring search through a trigram index, and one index per
-- default grid column so a sorted page reads 50 index entries instead of sorting the table.

CREATE VIRTUAL TABLE managed_devices_search USING fts5 (
    device_name, managed_device_name, user_principal_name, email_address, serial_number, imei,
    content = 'managed_devices', content_rowid = 'seq', tokenize = 'trigram'
);

CREATE TRIGGER managed_devices_search_insert AFTER INSERT ON managed_devices
BEGIN
    INSERT INTO managed_devices_search (
        rowid, device_name, managed_device_name, user_principal_name, email_address,
        serial_number, imei
    ) VALUES (
        NEW.seq, NEW.device_name, NEW.managed_device_name, NEW.user_principal_name,
        NEW.email_address, NEW.serial_number, NEW.imei
    );
END;

CREATE TRIGGER managed_devices_search_delete AFTER DELETE ON managed_devices
BEGIN
    INSERT INTO managed_devices_search (
        managed_devices_search, rowid, device_name, managed_device_name, user_principal_name,
        email_address, serial_number, imei
    ) VALUES (
        'delete', OLD.seq, OLD.device_name, OLD.managed_device_name, OLD.user_principal_name,
        OLD.email_address, OLD.serial_number, OLD.imei
    );
END;

CREATE TRIGGER managed_devices_search_update AFTER UPDATE OF
    device_name, managed_device_name, user_principal_name, email_address, serial_number, imei
    ON managed_devices
BEGIN
    INSERT INTO managed_devices_search (
        managed_devices_search, rowid, device_name, managed_device_name, user_principal_name,
        email_address, serial_number, imei
    ) VALUES (
        'delete', OLD.seq, OLD.device_name, OLD.managed_device_name, OLD.user_principal_name,
        OLD.email_address, OLD.serial_number, OLD.imei
    );
    INSERT INTO managed_devices_search (
        rowid, device_name, managed_device_name, user_principal_name, email_address,
        serial_number, imei
    ) VALUES (
        NEW.seq, NEW.device_name, NEW.managed_device_name, NEW.user_principal_name,
        NEW.email_address, NEW.serial_number, NEW.imei
    );
END;

CREATE INDEX managed_devices_by_device_name ON managed_devices (device_name, id);
CREATE INDEX managed_devices_by_management_agent ON managed_devices (management_agent, id);
CREATE INDEX managed_devices_by_owner_type ON managed_devices (managed_device_owner_type, id);
CREATE INDEX managed_devices_by_compliance_state ON managed_devices (compliance_state, id);
CREATE INDEX managed_devices_by_operating_system ON managed_devices (operating_system, id);
CREATE INDEX managed_devices_by_os_version ON managed_devices (os_version, id);
CREATE INDEX managed_devices_by_user_principal_name ON managed_devices (user_principal_name, id);
CREATE INDEX managed_devices_by_last_sync ON managed_devices (last_sync_date_time, id);
