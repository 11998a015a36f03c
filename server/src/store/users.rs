//! Sign-in accounts as both stores read them.

use endpoint_admin_model::auth::Role;

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

pub(super) type UserRow = (i64, String, String, String, bool, Option<String>);

pub(super) fn user_account(
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
