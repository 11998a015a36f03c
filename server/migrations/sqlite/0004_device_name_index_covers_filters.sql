-- Device names correlate with who manages a device (personal phones sort before CONTOSO-…), so a
-- filtered page in name order may skip many index entries: with the filter columns in the index,
-- each skip is checked in the index without reading the row.

DROP INDEX managed_devices_by_device_name;

CREATE INDEX managed_devices_by_device_name ON managed_devices (
    device_name, id, management_agent, managed_device_owner_type, compliance_state,
    operating_system, management_state
);
