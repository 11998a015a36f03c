-- Bulk actions at a million devices spend their time per row; two rows cost less.

-- An action's id is 64 random bits beside its start time, spelled as a version-7 GUID when read
-- (`store::action_id`), instead of a 36-character text made by printf for every row (a fifth of
-- a bulk action's time) and stored in it. Actions recorded before this migration get new ids.
ALTER TABLE device_actions ADD COLUMN id_bits INTEGER NOT NULL DEFAULT 0;
UPDATE device_actions SET id_bits = random();
ALTER TABLE device_actions DROP COLUMN id;

-- The Filter pane's columns and what decides whether a device can take an action: a bulk action
-- on a Filter-pane view reads this index instead of every row of the device table.
CREATE INDEX managed_devices_by_filters ON managed_devices (
    management_agent, compliance_state, managed_device_owner_type, operating_system,
    management_state, cm_is_blocked
);
