-- Device actions as durable jobs of the tenant-attach pipeline (SQLite's 0005 to 0007 in one):
-- one small row per action, its log lines derived from the row's hop times and ids. A device's
-- actions and application states leave with the device (Delete, or the check-in after Retire or
-- Wipe). Times are Unix milliseconds.

CREATE TABLE device_actions (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- 64 random bits, spelled with `started_at` as the action's version-7 GUID when read
    -- (`store::action_id`); looked up only together with its device, so it needs no index.
    id_bits bigint NOT NULL,
    -- The device's `seq`: 8 bytes instead of its 36-character id, in the row and the index.
    device_seq bigint NOT NULL REFERENCES managed_devices (seq) ON DELETE CASCADE,
    action_name text COLLATE "C" NOT NULL,
    action_state text COLLATE "C" NOT NULL,
    -- The hop still to run (1 service connection point, 2 management point, 3 client, 4 Intune
    -- check-in); NULL once the action has ended.
    next_stage bigint,
    -- When the next hop is due; a claim moves it to the end of the claim's lease, so an abandoned
    -- claim falls due again. NULL while waiting for an offline client, and once ended.
    due_at bigint,
    -- The claim that may complete the hop; a claim whose lease has run out is no longer obeyed.
    claim_token bigint,
    requested_by text COLLATE "C" NOT NULL,
    -- setDeviceName's name, wipe's options, the application of an application action.
    parameters text COLLATE "C",
    -- Why it failed: 'siteUnauthorized'.
    failure text COLLATE "C",
    started_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    service_connection_point_at bigint,
    management_point_at bigint,
    client_at bigint
);

CREATE INDEX device_actions_by_device ON device_actions (device_seq, seq);

-- The workers' queue: only unfinished, scheduled hops are in it.
CREATE INDEX device_actions_due ON device_actions (due_at) WHERE due_at IS NOT NULL;

-- An action waiting at the management point for an offline client falls due the moment the
-- client comes online, whatever brought it online.
CREATE FUNCTION wake_actions_waiting_for_client() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE device_actions
    SET due_at = (extract(epoch FROM clock_timestamp()) * 1000)::bigint
    WHERE device_seq = NEW.seq AND next_stage = 2 AND due_at IS NULL;
    RETURN NULL;
END;
$$;

CREATE TRIGGER managed_devices_client_online AFTER UPDATE OF is_online ON managed_devices
FOR EACH ROW WHEN (NEW.is_online AND NOT OLD.is_online)
EXECUTE FUNCTION wake_actions_waiting_for_client();

-- The demo's clients going online and offline: the last time slot applied, so that several
-- servers on one database apply each slot once.
CREATE TABLE client_churn (
    id integer PRIMARY KEY CHECK (id = 1),
    last_slot bigint NOT NULL
);

-- A device's applications are derived from its id (demo::demo_applications) and stored only once
-- an application action changes one: its state as the client last reported it.
CREATE TABLE application_states (
    device_seq bigint NOT NULL REFERENCES managed_devices (seq) ON DELETE CASCADE,
    application_id text COLLATE "C" NOT NULL,
    install_state text COLLATE "C" NOT NULL,
    -- The enforcement error the client reported; 0 when there is none.
    error_code bigint NOT NULL,
    changed_at bigint NOT NULL,
    PRIMARY KEY (device_seq, application_id)
);
