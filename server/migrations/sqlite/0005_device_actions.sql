-- Device actions as durable jobs of the tenant-attach pipeline: one small row per action. The
-- pipeline's log lines are derived from the row's hop times and ids, never stored line by line.
-- A device's actions leave with the device (Delete, or the check-in after Retire or Wipe).

-- Synchronised from Active Directory, so the Configuration Manager site has discovered the
-- account; the site refuses the client actions of cloud-only accounts.
ALTER TABLE users ADD COLUMN on_premises_sync_enabled INTEGER NOT NULL DEFAULT 1;

CREATE TABLE device_actions (
    seq INTEGER PRIMARY KEY,
    -- The action's id, also the TaskGuid the site logs: a random GUID, looked up only together
    -- with its device, so it needs no index of its own (a bulk action over 100,000 devices
    -- spent a third of its time inserting into one).
    id TEXT NOT NULL,
    -- The device's `seq`: a few bytes instead of its 36-character id, in the row and the index.
    device_seq INTEGER NOT NULL REFERENCES managed_devices (seq) ON DELETE CASCADE,
    action_name TEXT NOT NULL,
    action_state TEXT NOT NULL,
    -- The hop still to run (1 service connection point, 2 management point, 3 client, 4 Intune
    -- check-in); NULL once the action has ended.
    next_stage INTEGER,
    -- When the next hop is due, in Unix milliseconds; a claim moves it to the end of the claim's
    -- lease, so an abandoned claim falls due again. NULL while waiting for an offline client.
    due_at INTEGER,
    -- The claim that may complete the hop; a claim whose lease has run out is no longer obeyed.
    claim_token INTEGER,
    requested_by TEXT NOT NULL,
    -- setDeviceName's name, wipe's options.
    parameters TEXT,
    -- Why it failed: 'siteUnauthorized'.
    failure TEXT,
    -- Unix milliseconds.
    started_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    service_connection_point_at INTEGER,
    management_point_at INTEGER,
    client_at INTEGER
);

CREATE INDEX device_actions_by_device ON device_actions (device_seq, seq);

-- The worker's queue: only unfinished, scheduled hops are in it.
CREATE INDEX device_actions_due ON device_actions (due_at) WHERE due_at IS NOT NULL;

-- An action waiting at the management point for an offline client falls due the moment the
-- client comes online, whatever brought it online.
CREATE TRIGGER managed_devices_client_online AFTER UPDATE OF is_online ON managed_devices
WHEN NEW.is_online AND NOT OLD.is_online
BEGIN
    UPDATE device_actions SET due_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)
    WHERE device_seq = NEW.seq AND next_stage = 2 AND due_at IS NULL;
END;

-- The demo's clients going online and offline: the last time slot applied, so that several
-- servers on one database apply each slot once.
CREATE TABLE client_churn (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_slot INTEGER NOT NULL
);
