//! The HTTP surface: `app(state)` builds the whole router, so tests drive it in-process.

mod devices;
mod organization;
mod sign_in;

use axum::{
    Router,
    extract::{FromRequest, rejection::JsonRejection},
    http::{HeaderName, Request},
    middleware,
    routing::{any, get},
};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::{ServeDir, ServeFile},
    trace::TraceLayer,
};

use crate::{
    AppState,
    error::{ApiError, REQUEST_ID, graph_error_envelope},
};

pub fn app(state: AppState) -> Router {
    let spa = ServeDir::new(&state.dist).fallback(ServeFile::new(state.dist.join("index.html")));
    let request_id = HeaderName::from_static(REQUEST_ID);
    Router::new()
        .merge(sign_in::router())
        .merge(organization::router())
        .merge(devices::router())
        .route("/healthz", get(healthz))
        // Unknown API paths stay JSON 404s instead of falling through to the SPA's HTML.
        .route("/beta", any(api_not_found))
        .route("/beta/{*rest}", any(api_not_found))
        .route("/auth", any(api_not_found))
        .route("/auth/{*rest}", any(api_not_found))
        .fallback_service(spa)
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
                .layer(CompressionLayer::new())
                .layer(middleware::from_fn(graph_error_envelope))
                .layer(CatchPanicLayer::new()),
        )
        .with_state(state)
}

async fn healthz(state: axum::extract::State<AppState>) -> Result<&'static str, ApiError> {
    state.store.is_empty().await?;
    Ok("ok")
}

async fn api_not_found() -> ApiError {
    ApiError::NotFound("The requested resource does not exist.".to_string())
}

/// A JSON request body whose rejections (bad JSON, wrong content type) are 400 Graph errors.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct JsonBody<T>(pub T);

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        ApiError::BadRequest(rejection.body_text())
    }
}
