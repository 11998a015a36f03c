//! The audit log as both stores write and read it.

use chrono::{DateTime, Utc};
use endpoint_admin_model::audit::{AuditActor, AuditEvent};

/// An event to write to the audit log.
#[derive(Debug, Clone)]
pub struct NewAuditEvent<'a> {
    pub at: DateTime<Utc>,
    pub display_name: &'a str,
    pub succeeded: bool,
    pub failure_reason: &'a str,
    pub user_principal_name: &'a str,
    pub ip_address: &'a str,
    /// For a sign-in: the account as attempts are counted (the name typed, in lower case).
    pub sign_in_account: Option<&'a str>,
}

impl NewAuditEvent<'_> {
    pub(super) fn activity_result(&self) -> &'static str {
        if self.succeeded { "success" } else { "failure" }
    }
}

/// The failed sign-ins since some time, newest first, as seconds since the epoch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FailedSignIns {
    pub of_account: Vec<i64>,
    pub from_address: Vec<i64>,
}

/// Writes an event; `?` placeholders (numbered for PostgreSQL by `Dialect::numbered`).
pub(super) const INSERT_AUDIT_EVENT: &str = "INSERT INTO audit_events
    (activity_date_time, display_name, activity_result, failure_reason, user_principal_name,
     ip_address, sign_in_account)
    VALUES (?, ?, ?, ?, ?, ?, ?)";

/// Whose failed sign-ins are counted.
#[derive(Debug, Clone, Copy)]
pub(super) enum FailuresOf {
    Account,
    Address,
}

/// The times of failed sign-ins of an account or from an address (`?`) since a time (`?`), newest
/// first, at most `?`; each condition as the partial indexes state it.
pub(super) fn failed_sign_ins_sql(of: FailuresOf) -> String {
    let column = match of {
        FailuresOf::Account => "sign_in_account",
        FailuresOf::Address => "ip_address",
    };
    format!(
        "SELECT activity_date_time FROM audit_events
         WHERE {column} = ? AND sign_in_account IS NOT NULL AND activity_result = 'failure'
           AND activity_date_time >= ?
         ORDER BY activity_date_time DESC LIMIT ?"
    )
}

/// `audit_events` columns read into an [`AuditEvent`].
pub(super) const AUDIT_EVENT_COLUMNS: &str = "seq, activity_date_time, display_name, \
    activity_result, failure_reason, user_principal_name, ip_address";

pub(super) type AuditEventRow = (i64, i64, String, String, String, String, String);

pub(super) fn audit_event(
    (seq, at, display_name, activity_result, failure_reason, user_principal_name, ip_address): AuditEventRow,
) -> AuditEvent {
    AuditEvent {
        id: seq.to_string(),
        display_name,
        activity_date_time: DateTime::from_timestamp(at, 0).unwrap_or_default(),
        activity_result,
        failure_reason,
        actor: AuditActor {
            user_principal_name,
            ip_address,
        },
    }
}
