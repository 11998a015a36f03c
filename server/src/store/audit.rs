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
