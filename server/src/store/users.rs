//! Sign-in accounts and their access tokens.

use chrono::{DateTime, Utc};
use endpoint_admin_model::auth::Role;

use super::{
    Store,
    dialect::{Backend, on_pool},
};

impl Store {
    pub async fn insert_user(
        &self,
        user_principal_name: &str,
        display_name: &str,
        role: Role,
        on_premises_sync_enabled: bool,
        password_hash: &str,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            sqlx::query(
                "INSERT INTO users (user_principal_name, display_name, role,
                                    on_premises_sync_enabled, password_hash)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(user_principal_name)
            .bind(display_name)
            .bind(role.display_name())
            .bind(on_premises_sync_enabled)
            .bind(password_hash)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The account and its password hash, for checking a sign-in; the name is matched ignoring
    /// ASCII case.
    pub async fn find_user_for_sign_in(
        &self,
        user_principal_name: &str,
    ) -> Result<Option<(UserAccount, String)>, sqlx::Error> {
        #[allow(clippy::type_complexity)]
        let row: Option<(i64, String, String, String, bool, Option<String>, String)> =
            on_pool!(self.pool(), |pool: B| {
                sqlx::query_as(&format!(
                    "SELECT id, user_principal_name, display_name, role, on_premises_sync_enabled,
                            preferred_language, password_hash
                     FROM users WHERE {}",
                    B::same_account("user_principal_name", "$1")
                ))
                .bind(user_principal_name)
                .fetch_optional(pool)
                .await?
            });
        Ok(
            row.and_then(|(id, upn, name, role, synced, language, hash)| {
                Some((user_account((id, upn, name, role, synced, language))?, hash))
            }),
        )
    }

    /// Stores a new token (by its hash) and forgets the expired ones.
    pub async fn insert_access_token(
        &self,
        token_hash: &str,
        user_id: i64,
        expires: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            let mut transaction = B::begin_write(pool).await?;
            sqlx::query("DELETE FROM access_tokens WHERE expires_at <= $1")
                .bind(Utc::now().timestamp())
                .execute(&mut *transaction)
                .await?;
            sqlx::query(
                "INSERT INTO access_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(expires.timestamp())
            .execute(&mut *transaction)
            .await?;
            transaction.commit().await
        })
    }

    /// Forgets a token: it is no longer anybody's.
    pub async fn revoke_access_token(&self, token_hash: &str) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            sqlx::query("DELETE FROM access_tokens WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// The account a token belongs to, if the token exists and has not expired at `now`.
    pub async fn find_user_by_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<UserAccount>, sqlx::Error> {
        let row: Option<UserRow> = on_pool!(self.pool(), |pool: B| {
            sqlx::query_as(
                "SELECT users.id, users.user_principal_name, users.display_name, users.role,
                        users.on_premises_sync_enabled, users.preferred_language
                 FROM access_tokens JOIN users ON users.id = access_tokens.user_id
                 WHERE access_tokens.token_hash = $1 AND access_tokens.expires_at > $2",
            )
            .bind(token_hash)
            .bind(now.timestamp())
            .fetch_optional(pool)
            .await?
        });
        Ok(row.and_then(user_account))
    }

    /// Sets the language an account's console shows (`None` forgets it).
    pub async fn set_preferred_language(
        &self,
        user_id: i64,
        preferred_language: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            sqlx::query("UPDATE users SET preferred_language = $1 WHERE id = $2")
                .bind(preferred_language)
                .bind(user_id)
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}

/// A person who may sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAccount {
    pub id: i64,
    pub user_principal_name: String,
    pub display_name: String,
    pub role: Role,
    /// Synchronised from Active Directory; the ConfigMgr site knows only such accounts.
    pub on_premises_sync_enabled: bool,
    /// The language the console shows this account in (Graph's `preferredLanguage`).
    pub preferred_language: Option<String>,
}

type UserRow = (i64, String, String, String, bool, Option<String>);

fn user_account(
    (id, user_principal_name, display_name, role, on_premises_sync_enabled, preferred_language): UserRow,
) -> Option<UserAccount> {
    Some(UserAccount {
        id,
        user_principal_name,
        display_name,
        role: Role::from_display_name(&role)?,
        on_premises_sync_enabled,
        preferred_language,
    })
}
