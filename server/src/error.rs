//! `ApiError` and the one place that renders the Graph error envelope.

use axum::{
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use endpoint_admin_model::error::{ErrorBody, ErrorEnvelope, InnerError};

/// Every failure a handler can answer with; rendered as `{"error":{"code","message","innerError"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    BadRequest(String),
    Unauthenticated(String),
    AccessDenied(String),
    NotFound(String),
    Conflict(String),
    MethodNotAllowed(String),
    PayloadTooLarge(String),
    /// Too many attempts (sign-in): the client may try again after this many seconds.
    TooManyRequests {
        message: String,
        retry_after_seconds: u64,
    },
    /// The database cannot be reached, or the server took too long: the client should try again
    /// later (`Retry-After`).
    Unavailable(String),
    Internal(String),
}

/// Seconds a client should wait after a 503 before trying again: the time PostgreSQL takes to
/// come back from a restart or a fail-over, about.
pub const RETRY_AFTER_SECONDS: u64 = 5;

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            ApiError::AccessDenied(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The envelope's `code` and `message`; internal details stay in the log.
    fn code_and_message(&self) -> (&'static str, &str) {
        match self {
            ApiError::BadRequest(message) => ("badRequest", message),
            ApiError::Unauthenticated(message) => ("unauthenticated", message),
            ApiError::AccessDenied(message) => ("accessDenied", message),
            ApiError::NotFound(message) => ("itemNotFound", message),
            ApiError::Conflict(message) => ("conflict", message),
            ApiError::MethodNotAllowed(message) => ("methodNotAllowed", message),
            ApiError::PayloadTooLarge(message) => ("payloadTooLarge", message),
            ApiError::TooManyRequests { message, .. } => ("tooManyRequests", message),
            ApiError::Unavailable(_) => (
                "serviceNotAvailable",
                "The service is temporarily unavailable. Try again in a few seconds.",
            ),
            ApiError::Internal(_) => ("internalServerError", "An internal server error occurred."),
        }
    }

    /// The error for a status that something other than a handler answered with (routing,
    /// body limits, timeouts, a caught panic).
    pub(crate) fn for_status(status: StatusCode) -> ApiError {
        let reason = status.canonical_reason().unwrap_or("Error").to_string();
        match status {
            StatusCode::UNAUTHORIZED => ApiError::Unauthenticated(reason),
            StatusCode::FORBIDDEN => ApiError::AccessDenied(reason),
            StatusCode::NOT_FOUND => ApiError::NotFound(reason),
            StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed(
                "The HTTP method is not allowed on this resource.".to_string(),
            ),
            StatusCode::CONFLICT => ApiError::Conflict(reason),
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge(format!(
                "The request body is larger than {} KiB.",
                crate::routes::MAX_BODY_BYTES / 1024
            )),
            StatusCode::TOO_MANY_REQUESTS => ApiError::TooManyRequests {
                message: reason,
                retry_after_seconds: RETRY_AFTER_SECONDS,
            },
            StatusCode::SERVICE_UNAVAILABLE => ApiError::Unavailable(reason),
            status if status.is_server_error() => ApiError::Internal(reason),
            _ => ApiError::BadRequest(reason),
        }
    }

    /// Seconds to wait before trying again, for the errors that say so.
    fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            ApiError::TooManyRequests {
                retry_after_seconds,
                ..
            } => Some(*retry_after_seconds),
            ApiError::Unavailable(_) => Some(RETRY_AFTER_SECONDS),
            _ => None,
        }
    }
}

impl From<sqlx::Error> for ApiError {
    /// A database that cannot be reached is a 503 the client may retry; anything else is a bug.
    fn from(error: sqlx::Error) -> Self {
        if database_unreachable(&error) {
            ApiError::Unavailable(error.to_string())
        } else {
            ApiError::Internal(error.to_string())
        }
    }
}

/// Whether `error` says the database is down or restarting rather than that a statement failed:
/// no connection could be had or kept, or PostgreSQL is shutting down or starting
/// (SQLSTATE class 08, connection exception; 57P01–57P03).
pub fn database_unreachable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(error) => error.code().is_some_and(|code| {
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03")
        }),
        _ => false,
    }
}

impl IntoResponse for ApiError {
    /// The body is written by [`graph_error_envelope`], which knows the request id.
    fn into_response(self) -> Response {
        match &self {
            ApiError::Internal(detail) => tracing::error!(%detail, "internal error"),
            ApiError::Unavailable(detail) => tracing::warn!(%detail, "database unavailable"),
            _ => {}
        }
        let mut response = self.status().into_response();
        if let Some(seconds) = self.retry_after_seconds() {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// Middleware: renders every error response (a handler's `ApiError`, or any other 4xx/5xx that
/// is not JSON already, such as 405 or a caught panic) as the Graph error envelope.
pub async fn graph_error_envelope(request: Request, next: Next) -> Response {
    let request_id = header_text(&request, REQUEST_ID).unwrap_or_default();
    let client_request_id = header_text(&request, CLIENT_REQUEST_ID);
    let mut response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let error = match response.extensions_mut().remove::<ApiError>() {
        Some(error) => error,
        None if is_json(&response) => return response,
        None => ApiError::for_status(status),
    };
    let (code, message) = error.code_and_message();
    let envelope = ErrorEnvelope {
        error: ErrorBody {
            code: code.to_string(),
            message: message.to_string(),
            inner_error: Some(InnerError {
                request_id,
                client_request_id,
                date: crate::now(),
            }),
        },
    };
    let mut rendered = (status, axum::Json(envelope)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        rendered
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rendered.headers_mut().insert(name, value.clone());
        }
    }
    if let Some(seconds) = error.retry_after_seconds() {
        rendered
            .headers_mut()
            .entry(header::RETRY_AFTER)
            .or_insert(HeaderValue::from(seconds));
    }
    rendered
}

fn header_text(request: &Request, name: &str) -> Option<String> {
    let value = request.headers().get(name)?;
    value.to_str().ok().map(str::to_owned)
}

/// The header that carries the request id, as Graph names it.
pub const REQUEST_ID: &str = "request-id";

/// The header a client names its own request by (Microsoft's SDKs send one); echoed back.
pub const CLIENT_REQUEST_ID: &str = "client-request-id";

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_that_cannot_be_reached_is_a_503_to_retry_and_a_failed_statement_a_500() {
        let unreachable = [
            sqlx::Error::PoolTimedOut,
            sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)),
        ];
        for error in unreachable {
            let response = ApiError::from(error).into_response();
            assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        }
        let failed = ApiError::from(sqlx::Error::RowNotFound).into_response();
        assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(failed.headers().get(header::RETRY_AFTER).is_none());
    }
}
