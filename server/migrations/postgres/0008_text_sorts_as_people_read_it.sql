-- As SQLite's 0010: text sorts as people read it, whatever its case, by `lower(column)` (ASCII
-- folded, as `lower()` folds "C" text, and as SQLite's NOCASE does: both stores give the same
-- pages), and each text sort index is on that key. `eq` and `in` on text test `lower(column) =
-- lower(?)` first, so the same indexes find them. PostgreSQL reads an expression index alone
-- (an index-only scan) only when the column itself is in it too, hence `INCLUDE (column)`.
-- Two more sort keys: the enrollment date and the serial number.

DROP INDEX managed_devices_by_device_name;
CREATE INDEX managed_devices_by_device_name ON managed_devices (lower(device_name) NULLS FIRST, id)
    INCLUDE (device_name, management_agent, managed_device_owner_type, compliance_state,
             operating_system, management_state);

DROP INDEX managed_devices_by_device_name_only;
CREATE INDEX managed_devices_by_device_name_only
    ON managed_devices (lower(device_name) NULLS FIRST, id) INCLUDE (device_name);

DROP INDEX managed_devices_by_operating_system;
CREATE INDEX managed_devices_by_operating_system
    ON managed_devices (lower(operating_system) NULLS FIRST, id);

DROP INDEX managed_devices_by_os_version;
CREATE INDEX managed_devices_by_os_version ON managed_devices (lower(os_version) NULLS FIRST, id);

DROP INDEX managed_devices_by_user_principal_name;
CREATE INDEX managed_devices_by_user_principal_name
    ON managed_devices (lower(user_principal_name) NULLS FIRST, id);

CREATE INDEX managed_devices_by_serial_number
    ON managed_devices (lower(serial_number) NULLS FIRST, id);

CREATE INDEX managed_devices_by_enrolled_date_time
    ON managed_devices (enrolled_date_time NULLS FIRST, id);

-- The key scripts look a device up by (`azureADDeviceId eq '…'`); only devices with an Entra id
-- are in it.
CREATE INDEX managed_devices_by_azure_ad_device_id ON managed_devices (azure_ad_device_id)
    WHERE azure_ad_device_id IS NOT NULL;
