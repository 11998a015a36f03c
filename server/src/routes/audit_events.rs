//! `GET /beta/deviceManagement/auditEvents`: the latest entries of the audit log, newest first.

use axum::{
    Json,
    extract::{RawQuery, State},
};
use endpoint_admin_model::{Collection, audit::AuditEvent, auth::Permission};

use super::{Operation, service_root::ServiceRoot};
use crate::{AppState, auth::CurrentUser, error::ApiError};

/// Entries answered when `$top` is not given, and the most it may ask for.
const DEFAULT_TOP: u32 = 50;
const MAX_TOP: u32 = 1000;

pub fn operations() -> Vec<Operation> {
    vec![Operation::get("/beta/deviceManagement/auditEvents", list)]
}

#[utoipa::path(
    get,
    path = "/beta/deviceManagement/auditEvents",
    tag = "audit",
    summary = "The latest entries of the audit log",
    params(
        ("$top" = Option<u32>, Query, description = "Entries, 1 to 1000 (default 50)"),
    ),
    responses(
        (status = 200, description = "Newest first", body = Collection<AuditEvent>),
    ),
    security(("bearer" = [])),
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    root: ServiceRoot,
    RawQuery(query): RawQuery,
) -> Result<Json<Collection<AuditEvent>>, ApiError> {
    user.require(Permission::ReadAuditLog)?;
    let top = top(query.as_deref().unwrap_or_default())?;
    Ok(Json(Collection {
        context: root.context("deviceManagement/auditEvents"),
        count: None,
        value: state.store.latest_audit_events(top).await?,
        next_link: None,
    }))
}

/// `$top` from 1 to [`MAX_TOP`]; no other option is known.
fn top(query: &str) -> Result<u32, ApiError> {
    let mut top = DEFAULT_TOP;
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        match &*name {
            "$top" => {
                top = value
                    .parse()
                    .ok()
                    .filter(|top| (1..=MAX_TOP).contains(top))
                    .ok_or_else(|| {
                        ApiError::BadRequest(format!(
                            "Invalid $top '{value}': give a whole number from 1 to {MAX_TOP}."
                        ))
                    })?;
            }
            _ => {
                return Err(ApiError::BadRequest(format!(
                    "Query option '{name}' is not supported here; only $top is."
                )));
            }
        }
    }
    Ok(top)
}
