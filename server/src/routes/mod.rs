//! The HTTP surface: `app(state)` builds the whole router, so tests drive it in-process.

pub(crate) mod audit_events;
pub(crate) mod devices;
mod graph_url;
pub mod language;
pub(crate) mod metadata;
mod nul_text;
pub(crate) mod organization;
mod security_headers;
pub(crate) mod service_root;
pub(crate) mod sign_in;
mod static_files;

use std::time::Duration;

use axum::{
    Router,
    body::Bytes,
    extract::{FromRequest, Request, rejection::JsonRejection},
    handler::Handler,
    http::{HeaderName, Method, StatusCode},
    middleware,
    routing::{MethodFilter, MethodRouter, any, get, on},
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    propagate_header::PropagateHeaderLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::{RequestBodyTimeoutLayer, TimeoutLayer},
    trace::TraceLayer,
};

use crate::{
    AppState,
    audit::audit_changes,
    auth::require_sign_in,
    error::{ApiError, CLIENT_REQUEST_ID, REQUEST_ID, graph_error_envelope},
};

/// The largest request body: the API's bodies are small JSON documents (a bulk action's list of
/// device ids is the largest: 1,000 ids, about 40 KiB).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// How long a request may take before it is answered 503 (to retry): longer than any query of a
/// million devices takes, shorter than a browser or a proxy gives up. A CSV export's body streams
/// for longer; only its head must come within this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a client may take to send its request body.
const BODY_TIMEOUT: Duration = Duration::from_secs(10);

pub fn app(state: AppState) -> Router {
    let index_html = std::fs::read_to_string(state.dist.join("index.html")).unwrap_or_default();
    let policy = security_headers::content_security_policy(&index_html);
    let request_id = HeaderName::from_static(REQUEST_ID);
    let (api, open): (Vec<_>, Vec<_>) = operations()
        .into_iter()
        .partition(|operation| operation.path.starts_with("/beta/") && operation.needs_sign_in);
    // Every path under /beta, known or not and whatever the method, needs a valid token first,
    // but for the few Graph serves to anyone ($metadata).
    let api = api
        .into_iter()
        .fold(Router::new(), Operation::route)
        .route("/beta", any(api_not_found))
        .route("/beta/{*rest}", any(api_not_found))
        .route_layer(middleware::from_fn_with_state(state.clone(), audit_changes))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            require_sign_in,
        ));
    let routed = open
        .into_iter()
        .fold(Router::new(), Operation::route)
        .merge(api)
        .route("/healthz", get(healthz))
        // Unknown API paths stay JSON 404s instead of falling through to the SPA's HTML.
        .route("/auth", any(api_not_found))
        .route("/auth/{*rest}", any(api_not_found))
        .fallback_service(static_files::service(&state.dist))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                        let id = request
                            .headers()
                            .get(REQUEST_ID)
                            .and_then(|value| value.to_str().ok())
                            .unwrap_or_default();
                        tracing::info_span!("request", method = %request.method(), uri = %request.uri(), request_id = %id)
                    }),
                )
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(PropagateHeaderLayer::new(HeaderName::from_static(
                    CLIENT_REQUEST_ID,
                )))
                .layer(CompressionLayer::new())
                .layer(middleware::from_fn_with_state(
                    policy,
                    security_headers::add_security_headers,
                ))
                .layer(middleware::from_fn(graph_error_envelope))
                .layer(middleware::from_fn(nul_text::refuse_nul_in_url))
                .layer(CatchPanicLayer::new())
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    REQUEST_TIMEOUT,
                ))
                .layer(RequestBodyTimeoutLayer::new(BODY_TIMEOUT))
                .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES)),
        )
        .with_state(state);
    // Graph's spellings of a URL are rewritten before routing; the outer router keeps the
    // client's URL as `OriginalUri` for the links the answers carry.
    Router::new().fallback_service(
        ServiceBuilder::new()
            .map_request(graph_url::canonical_request)
            .service(routed),
    )
}

/// One operation of the API: a method on a path, and its handler. `app` routes every one; the
/// authorization matrix test walks them all, so that no route goes without its row.
pub struct Operation {
    pub method: Method,
    pub path: String,
    /// Whether a path under /beta answers only a valid token (all but `$metadata`).
    pub needs_sign_in: bool,
    handler: MethodRouter<AppState>,
}

impl Operation {
    fn new<H, T>(
        (method, filter): (Method, MethodFilter),
        path: impl Into<String>,
        handler: H,
    ) -> Operation
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Operation {
            method,
            path: path.into(),
            needs_sign_in: true,
            handler: on(filter, handler),
        }
    }

    /// The operation answers without a token, as Graph answers it.
    fn without_sign_in(self) -> Self {
        Operation {
            needs_sign_in: false,
            ..self
        }
    }

    fn get<H: Handler<T, AppState>, T: 'static>(path: impl Into<String>, handler: H) -> Self {
        Operation::new((Method::GET, MethodFilter::GET), path, handler)
    }

    fn post<H: Handler<T, AppState>, T: 'static>(path: impl Into<String>, handler: H) -> Self {
        Operation::new((Method::POST, MethodFilter::POST), path, handler)
    }

    fn patch<H: Handler<T, AppState>, T: 'static>(path: impl Into<String>, handler: H) -> Self {
        Operation::new((Method::PATCH, MethodFilter::PATCH), path, handler)
    }

    fn delete<H: Handler<T, AppState>, T: 'static>(path: impl Into<String>, handler: H) -> Self {
        Operation::new((Method::DELETE, MethodFilter::DELETE), path, handler)
    }

    /// Adds the operation to `router` (operations on one path share its method router).
    fn route(router: Router<AppState>, operation: Operation) -> Router<AppState> {
        router.route(&operation.path, operation.handler)
    }
}

/// Every operation of the API.
pub fn operations() -> Vec<Operation> {
    [
        sign_in::operations(),
        organization::operations(),
        devices::operations(),
        audit_events::operations(),
        metadata::operations(),
        vec![Operation::get("/beta/$openapi", crate::openapi::document)],
    ]
    .into_iter()
    .flatten()
    .collect()
}

async fn healthz(state: axum::extract::State<AppState>) -> Result<&'static str, ApiError> {
    state.store.is_empty().await?;
    Ok("ok")
}

async fn api_not_found() -> ApiError {
    ApiError::NotFound("The requested resource does not exist.".to_string())
}

/// A JSON request body whose rejections (bad JSON, wrong content type, a NUL in any text) are 400
/// Graph errors.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let axum::Json(document) = axum::Json::<Value>::from_request(request, state).await?;
        body_from_json(document).map(JsonBody)
    }
}

/// The body of an action whose parameters are all optional, as Graph reads it: none at all, or
/// only whitespace, is every parameter left out (`T::default()`), whatever the content type says;
/// anything else is read as [`JsonBody`] reads it.
pub struct OptionalJsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Default> FromRequest<S> for OptionalJsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let body =
            Bytes::from_request(request, state)
                .await
                .map_err(|rejection| match rejection.status() {
                    status @ StatusCode::PAYLOAD_TOO_LARGE => ApiError::for_status(status),
                    _ => ApiError::BadRequest(rejection.body_text()),
                })?;
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(OptionalJsonBody(T::default()));
        }
        let document = serde_json::from_slice(&body).map_err(|error| {
            ApiError::BadRequest(format!("The request body is not JSON: {error}."))
        })?;
        body_from_json(document).map(OptionalJsonBody)
    }
}

/// The body of an action without parameters: none, whitespace, or a JSON object whose members
/// are ignored; anything else is a 400, checked after the permission.
pub type ParameterlessBody = Result<OptionalJsonBody<NoParameters>, ApiError>;

/// The parameters of an action that has none: whatever members a client sends are ignored, as
/// unknown members are everywhere.
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoParameters {}

/// A request body from its JSON document: an object (serde would also read a struct from an array
/// of its fields, which no client means: Schemathesis found `[]` accepted as wipe options), with
/// no NUL in any text. Unknown members (`@odata.type`, Graph parameters this product does not
/// use) are ignored, as Graph ignores them; a member that cannot be read is named.
pub fn body_from_json<T: DeserializeOwned>(document: Value) -> Result<T, ApiError> {
    if !document.is_object() {
        return Err(ApiError::BadRequest(
            "The request body must be a JSON object.".to_string(),
        ));
    }
    if nul_text::json_contains_nul(&document) {
        return Err(ApiError::BadRequest(
            "The request body contains a NUL character (\\u0000), which no text may contain."
                .to_string(),
        ));
    }
    serde_path_to_error::deserialize(document).map_err(|error| {
        let member = error.path().to_string();
        let problem = error.into_inner();
        ApiError::BadRequest(match member.as_str() {
            "." => format!("Invalid request body: {problem}."),
            member => format!("Invalid {member}: {problem}."),
        })
    })
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            status @ StatusCode::PAYLOAD_TOO_LARGE => ApiError::for_status(status),
            _ => ApiError::BadRequest(rejection.body_text()),
        }
    }
}

#[cfg(test)]
mod tests {
    use endpoint_admin_model::device_action::{TriggerConfigurationManagerAction, WipeOptions};
    use serde_json::json;

    use super::*;

    fn refusal<T: DeserializeOwned + std::fmt::Debug>(document: Value) -> String {
        match body_from_json::<T>(document) {
            Err(ApiError::BadRequest(message)) => message,
            other => panic!("not a 400: {other:?}"),
        }
    }

    #[test]
    fn a_member_that_cannot_be_read_is_named_by_its_path() {
        let message = refusal::<TriggerConfigurationManagerAction>(
            json!({ "configurationManagerAction": { "action": "formatDisk" } }),
        );
        assert!(
            message.starts_with(
                "Invalid configurationManagerAction.action: unknown variant `formatDisk`"
            ),
            "{message}"
        );
        let message = refusal::<WipeOptions>(json!({ "keepUserData": "yes" }));
        assert!(message.starts_with("Invalid keepUserData: "), "{message}");
        let message = refusal::<TriggerConfigurationManagerAction>(json!({}));
        assert!(
            message.starts_with("Invalid request body: missing field"),
            "{message}"
        );
    }

    #[test]
    fn unknown_members_are_ignored_but_not_a_nul_in_them() {
        let options: WipeOptions = body_from_json(json!({
            "@odata.type": "#microsoft.graph.wipePostRequestBody",
            "keepUserData": "True",
            "anything": [1, { "else": null }],
        }))
        .unwrap();
        assert!(options.keep_user_data);
        let message = refusal::<WipeOptions>(json!({ "anything": "a\u{0}b" }));
        assert!(message.contains("NUL"), "{message}");
        let message = refusal::<WipeOptions>(json!([true, false]));
        assert!(message.contains("must be a JSON object"), "{message}");
    }
}
