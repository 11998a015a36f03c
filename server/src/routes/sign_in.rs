//! `POST /auth/token` and `GET /beta/me`.

use axum::{
    Json, Router,
    extract::State,
    routing::{get, post},
};
use endpoint_admin_model::auth::{Me, TokenRequest, TokenResponse};

use super::JsonBody;
use crate::{
    AppState,
    auth::{CurrentUser, TOKEN_LIFETIME, new_access_token, verify_password},
    error::ApiError,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/token", post(token))
        .route("/beta/me", get(me))
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

pub async fn me(user: CurrentUser) -> Json<Me> {
    Json(user.me())
}
