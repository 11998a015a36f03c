//! Passwords (argon2), opaque bearer tokens (stored as SHA-256) and the `CurrentUser` extractor.

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use axum::{
    extract::{FromRequestParts, Request, State},
    http::{HeaderMap, request::Parts},
    middleware::Next,
    response::Response,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{Duration, Utc};
use endpoint_admin_model::auth::{Me, Permission};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{AppState, error::ApiError, store::UserAccount};

/// How long a token works after sign-in.
pub const TOKEN_LIFETIME: Duration = Duration::hours(8);

pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Checks `password` against a stored hash; with no hash (unknown user) it still spends the same
/// time on a dummy hash, so response times do not reveal which accounts exist.
pub fn verify_password(password: &str, stored_hash: Option<&str>) -> bool {
    static DUMMY_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY_HASH.get_or_init(|| hash_password("no such user").unwrap_or_default());
    let known = stored_hash.is_some();
    let Ok(parsed) = PasswordHash::new(stored_hash.unwrap_or(dummy)) else {
        return false;
    };
    let matches = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    known && matches
}

/// A new random token (256 bits, base64url) and the hash under which it is stored.
pub fn new_access_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The signed-in user of a request; extracting it answers 401 when the token is missing, unknown
/// or expired.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub UserAccount);

impl CurrentUser {
    /// 403 unless the user's role grants `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if self.0.role.permissions().contains(&permission) {
            Ok(())
        } else {
            Err(ApiError::AccessDenied(format!(
                "The {} role does not allow this operation.",
                self.0.role.display_name()
            )))
        }
    }

    /// 403 unless the user's role grants at least one of `permissions`.
    pub fn require_any(&self, permissions: &[Permission]) -> Result<(), ApiError> {
        match permissions
            .iter()
            .find(|permission| self.require(**permission).is_ok())
        {
            Some(_) => Ok(()),
            None => self.require(permissions[0]),
        }
    }

    pub fn me(&self) -> Me {
        Me {
            user_principal_name: self.0.user_principal_name.clone(),
            display_name: self.0.display_name.clone(),
            roles: vec![self.0.role],
            permissions: self.0.role.permissions().to_vec(),
            on_premises_sync_enabled: self.0.on_premises_sync_enabled,
            preferred_language: self.0.preferred_language.clone(),
        }
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        // Under /beta, `require_sign_in` has found the user already.
        match parts.extensions.get::<CurrentUser>() {
            Some(user) => Ok(user.clone()),
            None => authenticate(&parts.headers, state).await,
        }
    }
}

/// Middleware for the API: a 401 before routing when the token is missing, unknown, expired or
/// revoked, so that no path or method tells a stranger whether it exists.
pub async fn require_sign_in(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let user = authenticate(request.headers(), &state).await?;
    request.extensions_mut().insert(user);
    Ok(next.run(request).await)
}

/// The user whose token the request carries.
async fn authenticate(headers: &HeaderMap, state: &AppState) -> Result<CurrentUser, ApiError> {
    let token = bearer_token(headers).ok_or_else(|| {
        ApiError::Unauthenticated("Access token is empty or missing.".to_string())
    })?;
    state
        .store
        .find_user_by_token(&token_hash(token), Utc::now())
        .await?
        .map(CurrentUser)
        .ok_or_else(|| {
            ApiError::Unauthenticated("Access token has expired or is not valid.".to_string())
        })
}

/// The token of an `Authorization: Bearer …` header.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("demo").unwrap();
        assert!(hash.starts_with("$argon2"));
        assert!(verify_password("demo", Some(&hash)));
        assert!(!verify_password("Demo", Some(&hash)));
        assert!(!verify_password("demo", None));
    }

    #[test]
    fn tokens_are_random_and_stored_only_as_their_hash() {
        let (first, first_hash) = new_access_token();
        let (second, _) = new_access_token();
        assert_ne!(first, second);
        assert_eq!(first.len(), 43);
        assert_eq!(first_hash, token_hash(&first));
        assert_eq!(first_hash.len(), 64);
        assert!(!first_hash.contains(&first));
    }
}
