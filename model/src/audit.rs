//! The audit log: who did what, when, from where, and how it went (Graph's Intune `auditEvent`,
//! read at `GET /beta/deviceManagement/auditEvents`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One audited event: a sign-in, a sign-out, or a change asked of the API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    pub id: String,
    /// What was done: `Sign in`, `Sign out`, or the request (`POST /beta/…/syncDevice`).
    pub display_name: String,
    #[serde(with = "crate::wire_date")]
    pub activity_date_time: DateTime<Utc>,
    /// `success` or `failure`.
    pub activity_result: String,
    /// Why it failed, when it did (`Wrong password`, `403 Forbidden`, …).
    #[serde(default)]
    pub failure_reason: String,
    pub actor: AuditActor,
}

/// Who did it, and from which address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AuditActor {
    /// The signed-in user's, or for a sign-in the name typed.
    pub user_principal_name: String,
    pub ip_address: String,
}
