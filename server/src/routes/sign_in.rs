//! `POST /auth/token` and `GET /beta/me`.

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::{get, post},
};
use endpoint_admin_model::auth::{Me, TokenRequest, TokenResponse};

use super::JsonBody;
use crate::{
    AppState,
    auth::{
        CurrentUser, TOKEN_LIFETIME, bearer_token, new_access_token, token_hash, verify_password,
    },
    error::ApiError,
};

/// Sign-in and sign-out, which need no token and a token of their own.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/token", post(token))
        .route("/auth/signout", post(sign_out))
}

/// The signed-in user's own account.
pub fn api_router() -> Router<AppState> {
    Router::new().route("/beta/me", get(me))
}

pub async fn token(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<TokenRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let found = state
        .store
        .find_user_for_sign_in(request.user_principal_name.trim())
        .await?;
    let password = request.password;
    let stored_hash = found.as_ref().map(|(_, hash)| hash.clone());
    // Argon2 is deliberately slow: keep it off the async workers.
    let verified =
        tokio::task::spawn_blocking(move || verify_password(&password, stored_hash.as_deref()))
            .await
            .map_err(|error| ApiError::Internal(error.to_string()))?;
    let Some((user, _)) = found.filter(|_| verified) else {
        return Err(ApiError::Unauthenticated(
            "Your account or password is incorrect.".to_string(),
        ));
    };
    let (access_token, hash) = new_access_token();
    let expires_date_time = crate::now() + TOKEN_LIFETIME;
    state
        .store
        .insert_access_token(&hash, user.id, expires_date_time)
        .await?;
    Ok(Json(TokenResponse {
        access_token,
        expires_date_time,
    }))
}

/// Revokes the request's token on the server: it gets 401 everywhere from now on.
pub async fn sign_out(
    State(state): State<AppState>,
    _user: CurrentUser,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let token = bearer_token(&headers).unwrap_or_default();
    state.store.revoke_access_token(&token_hash(token)).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn me(user: CurrentUser) -> Json<Me> {
    Json(user.me())
}
