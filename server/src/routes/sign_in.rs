//! `POST /auth/token` (sign-in, limited), `POST /auth/signout`, and `GET` and `PATCH /beta/me`.

use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use endpoint_admin_model::auth::{Me, MeUpdate, TokenRequest, TokenResponse, is_language_tag};

use super::{JsonBody, Operation};
use crate::{
    AppState,
    audit::{self, ClientAddress},
    auth::{
        CurrentUser, TOKEN_LIFETIME, bearer_token, new_access_token, token_hash, verify_password,
    },
    error::ApiError,
    sign_in_limit,
    store::NewAuditEvent,
};

/// Sign-in (which needs no token), sign-out, and the signed-in user's own account.
pub fn operations() -> Vec<Operation> {
    vec![
        Operation::post("/auth/token", token),
        Operation::post("/auth/signout", sign_out),
        Operation::get("/beta/me", me),
        Operation::patch("/beta/me", update_me),
    ]
}

/// Signs in, unless the account or the address failed too often lately (429, with when to try
/// again). Every attempt goes to the audit log; failed ones count towards the limits.
#[utoipa::path(
    post,
    path = "/auth/token",
    tag = "sign-in",
    summary = "Sign in",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "A bearer token and when it expires", body = TokenResponse),
        (status = 429, description = "Too many failed sign-ins: try again after `Retry-After` seconds", body = endpoint_admin_model::error::ErrorEnvelope, headers(("Retry-After" = u64))),
    ),
)]
pub async fn token(
    State(state): State<AppState>,
    ClientAddress(ip_address): ClientAddress,
    JsonBody(request): JsonBody<TokenRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let typed = request.user_principal_name.trim();
    let account = typed.to_lowercase();
    let now = crate::now();
    let failures = state
        .store
        .failed_sign_ins(
            &account,
            &ip_address,
            now - sign_in_limit::WINDOW,
            sign_in_limit::FAILURES_PER_ADDRESS,
        )
        .await?;
    let attempt = |succeeded: bool, failure_reason: &'static str, counted: bool| NewAuditEvent {
        at: now,
        display_name: "Sign in",
        succeeded,
        failure_reason,
        user_principal_name: typed,
        ip_address: &ip_address,
        sign_in_account: counted.then_some(account.as_str()),
    };
    if let Some(retry_after_seconds) = sign_in_limit::retry_after_seconds(&failures, now) {
        audit::record(&state, attempt(false, "Too many failed sign-ins", false)).await;
        return Err(ApiError::TooManyRequests {
            message: sign_in_limit::try_again_in(retry_after_seconds),
            retry_after_seconds,
        });
    }
    let found = state.store.find_user_for_sign_in(typed).await?;
    let password = request.password;
    let stored_hash = found.as_ref().map(|(_, hash)| hash.clone());
    // Argon2 is deliberately slow: keep it off the async workers.
    let verified =
        tokio::task::spawn_blocking(move || verify_password(&password, stored_hash.as_deref()))
            .await
            .map_err(|error| ApiError::Internal(error.to_string()))?;
    let Some((user, _)) = found.filter(|_| verified) else {
        audit::record(&state, attempt(false, "Wrong account or password", true)).await;
        return Err(ApiError::Unauthenticated(
            "Your account or password is incorrect.".to_string(),
        ));
    };
    let (access_token, hash) = new_access_token();
    let expires_date_time = now + TOKEN_LIFETIME;
    state
        .store
        .insert_access_token(&hash, user.id, expires_date_time)
        .await?;
    audit::record(&state, attempt(true, "", true)).await;
    Ok(Json(TokenResponse {
        access_token,
        expires_date_time,
    }))
}

/// Revokes the request's token on the server: it gets 401 everywhere from now on.
#[utoipa::path(
    post,
    path = "/auth/signout",
    tag = "sign-in",
    summary = "Sign out: revoke the token",
    responses(
        (status = 204, description = "The token is revoked"),
    ),
    security(("bearer" = [])),
)]
pub async fn sign_out(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddress(ip_address): ClientAddress,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let token = bearer_token(&headers).unwrap_or_default();
    state.store.revoke_access_token(&token_hash(token)).await?;
    let event = NewAuditEvent {
        at: crate::now(),
        display_name: "Sign out",
        succeeded: true,
        failure_reason: "",
        user_principal_name: &user.0.user_principal_name,
        ip_address: &ip_address,
        sign_in_account: None,
    };
    audit::record(&state, event).await;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    get,
    path = "/beta/me",
    tag = "sign-in",
    summary = "The signed-in account, its roles and permissions",
    responses(
        (status = 200, description = "The account", body = Me),
    ),
    security(("bearer" = [])),
)]
pub async fn me(user: CurrentUser) -> Json<Me> {
    Json(user.me())
}

/// Changes the signed-in account's own settings as Graph's `PATCH /me` does: the members given
/// change, the rest stay (unknown ones are ignored, as Graph's clients send whole `user` objects).
/// Today that is `preferredLanguage`, the language the console shows the account in wherever it
/// signs in next; `null` forgets it.
#[utoipa::path(
    patch,
    path = "/beta/me",
    tag = "sign-in",
    summary = "Change the signed-in account's preferred language",
    request_body = MeUpdate,
    responses(
        (status = 204, description = "Changed"),
        (status = 400, description = "`preferredLanguage` is not a language tag", body = endpoint_admin_model::error::ErrorEnvelope),
    ),
    security(("bearer" = [])),
)]
pub async fn update_me(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(update): JsonBody<MeUpdate>,
) -> Result<StatusCode, ApiError> {
    if let Some(language) = update.preferred_language {
        if language.as_deref().is_some_and(|tag| !is_language_tag(tag)) {
            return Err(ApiError::BadRequest(
                "preferredLanguage must be a language tag such as 'nl-NL' or 'sv-SE', or null."
                    .to_string(),
            ));
        }
        state
            .store
            .set_preferred_language(user.0.id, language.as_deref())
            .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
