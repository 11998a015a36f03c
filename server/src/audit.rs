//! The audit log's writers: every change asked of the API (a middleware under /beta), sign-ins and
//! sign-outs (by their handlers), each with the client's address.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{Method, request::Parts},
    middleware::Next,
    response::Response,
};

use crate::{AppState, auth::CurrentUser, store::NewAuditEvent};

/// The address the request came from; `unknown` when the server was not given it (in-process
/// tests).
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or_else(|| "unknown".to_string(), |info| info.0.ip().to_string()),
        ))
    }
}

/// Middleware under /beta, after sign-in is checked: writes every request that may change
/// something (any method but GET, HEAD and OPTIONS) to the audit log with its outcome.
pub async fn audit_changes(
    State(state): State<AppState>,
    ClientAddress(ip_address): ClientAddress,
    request: Request,
    next: Next,
) -> Response {
    if [Method::GET, Method::HEAD, Method::OPTIONS].contains(request.method()) {
        return next.run(request).await;
    }
    let display_name = format!("{} {}", request.method(), request.uri().path());
    let user_principal_name = request
        .extensions()
        .get::<CurrentUser>()
        .map(|user| user.0.user_principal_name.clone())
        .unwrap_or_default();
    let response = next.run(request).await;
    let status = response.status();
    let failure_reason = match status.is_success() {
        true => String::new(),
        false => status.to_string(),
    };
    record(
        &state,
        NewAuditEvent {
            at: crate::now(),
            display_name: &display_name,
            succeeded: status.is_success(),
            failure_reason: &failure_reason,
            user_principal_name: &user_principal_name,
            ip_address: &ip_address,
            sign_in_account: None,
        },
    )
    .await;
    response
}

/// Writes `event`; a failure to is logged, never the request's: what it records has happened.
pub async fn record(state: &AppState, event: NewAuditEvent<'_>) {
    if let Err(error) = state.store.record_audit_event(&event).await {
        tracing::error!(%error, event = event.display_name, "the audit log could not be written");
    }
}
