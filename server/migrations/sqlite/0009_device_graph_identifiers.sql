-- The managedDevice properties administrators' scripts look devices up by, beside the grid's:
-- the Entra device id, the primary user's id, how the device enrolled, the Windows SKU family, the
-- admin's notes, and the wired, Apple and SIM identifiers. NULL where a device has none, so a
-- device without them costs nothing. Every other Graph property is computed when the row is read
-- (server/src/device_details.rs). No index: a lookup by one of them scans, as a search by a
-- column outside the Filter pane's does; an index would slow every insert and the bulk load.
ALTER TABLE managed_devices ADD COLUMN azure_ad_device_id TEXT;
ALTER TABLE managed_devices ADD COLUMN user_id TEXT;
ALTER TABLE managed_devices ADD COLUMN device_enrollment_type TEXT;
ALTER TABLE managed_devices ADD COLUMN sku_family TEXT;
ALTER TABLE managed_devices ADD COLUMN notes TEXT;
ALTER TABLE managed_devices ADD COLUMN ethernet_mac_address TEXT;
ALTER TABLE managed_devices ADD COLUMN udid TEXT;
ALTER TABLE managed_devices ADD COLUMN iccid TEXT;
