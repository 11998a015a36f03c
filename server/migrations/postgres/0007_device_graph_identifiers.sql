-- As SQLite's 0009: the managedDevice properties scripts look devices up by, NULL where a device
-- has none, and no index.
ALTER TABLE managed_devices
    ADD COLUMN azure_ad_device_id text COLLATE "C",
    ADD COLUMN user_id text COLLATE "C",
    ADD COLUMN device_enrollment_type text COLLATE "C",
    ADD COLUMN sku_family text COLLATE "C",
    ADD COLUMN notes text COLLATE "C",
    ADD COLUMN ethernet_mac_address text COLLATE "C",
    ADD COLUMN udid text COLLATE "C",
    ADD COLUMN iccid text COLLATE "C";
