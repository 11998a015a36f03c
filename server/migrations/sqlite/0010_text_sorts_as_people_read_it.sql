-- Text sorts as people read it, whatever its case: `Adele's iPad` before `Adele's MacBook Pro`,
-- `iOS` between `Android` and `Windows`. A text column sorts by `column COLLATE NOCASE`
-- (odata::Dialect::sort_key), so its sort index is on that same key and a sorted page still
-- reads 50 index entries. `eq` and `in` on text test the NOCASE key first (odata/sql.rs), so the
-- same indexes find them: there is no index on the text as stored, and none is needed.
--
-- Two more sort keys that scripts and the grid ask for: the enrollment date (`enrolledDateTime
-- ge …` sorted by `enrolledDateTime desc`, 2.7 s at 1M without it) and the serial number (the
-- asset an admin looks up; a NOCASE index also serves `startswith` through SQLite's LIKE
-- optimisation). And an index on the Entra device id, the key scripts look devices up by.

DROP INDEX managed_devices_by_device_name;
CREATE INDEX managed_devices_by_device_name ON managed_devices (
    device_name COLLATE NOCASE, id, management_agent, managed_device_owner_type, compliance_state,
    operating_system, management_state
);

DROP INDEX managed_devices_by_operating_system;
CREATE INDEX managed_devices_by_operating_system
    ON managed_devices (operating_system COLLATE NOCASE, id);

DROP INDEX managed_devices_by_os_version;
CREATE INDEX managed_devices_by_os_version ON managed_devices (os_version COLLATE NOCASE, id);

DROP INDEX managed_devices_by_user_principal_name;
CREATE INDEX managed_devices_by_user_principal_name
    ON managed_devices (user_principal_name COLLATE NOCASE, id);

CREATE INDEX managed_devices_by_serial_number
    ON managed_devices (serial_number COLLATE NOCASE, id);

CREATE INDEX managed_devices_by_enrolled_date_time ON managed_devices (enrolled_date_time, id);

-- The key scripts look a device up by (`azureADDeviceId eq '…'`, as Microsoft's samples do): a
-- scan of a million rows without it. Only devices with an Entra id are in it.
CREATE INDEX managed_devices_by_azure_ad_device_id ON managed_devices (azure_ad_device_id)
    WHERE azure_ad_device_id IS NOT NULL;
