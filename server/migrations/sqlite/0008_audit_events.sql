-- The audit log: failed and successful sign-ins, sign-outs and every change asked of the API, with
-- who, when, from where and how it went. Failed sign-ins also limit further attempts, per account
-- and per client address, so both are indexed for "the latest failures since".
CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY,
    activity_date_time INTEGER NOT NULL,
    display_name TEXT NOT NULL,
    activity_result TEXT NOT NULL,
    failure_reason TEXT NOT NULL,
    user_principal_name TEXT NOT NULL,
    ip_address TEXT NOT NULL,
    -- For a sign-in: the name typed, folded to lower case, as attempts are counted.
    sign_in_account TEXT
);

CREATE INDEX audit_events_failed_sign_ins_by_account
    ON audit_events (sign_in_account, activity_date_time)
    WHERE sign_in_account IS NOT NULL AND activity_result = 'failure';
CREATE INDEX audit_events_failed_sign_ins_by_address
    ON audit_events (ip_address, activity_date_time)
    WHERE sign_in_account IS NOT NULL AND activity_result = 'failure';
