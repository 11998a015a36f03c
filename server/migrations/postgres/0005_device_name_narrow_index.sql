-- 0003's device-name index carries the Filter pane's columns, which makes it twice as wide: an
-- unfiltered deep page skips its entries by the hundred thousand (page 10,000 of a million: 71 ms
-- before 0003, 108 ms after). A narrow twin serves unfiltered pages; the planner takes the
-- smaller index where it needs no included column.
CREATE INDEX managed_devices_by_device_name_only ON managed_devices (device_name NULLS FIRST, id);
