//! Sign-in, the signed-in user, roles and the permissions they grant.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Body of `POST /auth/token`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TokenRequest {
    pub user_principal_name: String,
    pub password: String,
}

/// Answer of `POST /auth/token`: an opaque bearer token and when it stops working.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TokenResponse {
    pub access_token: String,
    #[serde(with = "crate::wire_date")]
    pub expires_date_time: DateTime<Utc>,
}

/// Answer of `GET /beta/me`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub user_principal_name: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub permissions: Vec<Permission>,
    /// Graph's user property: the account is synchronised from Active Directory, so the
    /// Configuration Manager site has discovered it. Cloud-only accounts are refused by the site.
    #[serde(default)]
    pub on_premises_sync_enabled: bool,
    /// Graph's user property: the language the console shows this account in, as a language tag
    /// (`nl-NL`); `null` until the user chooses one, when the browser's languages decide.
    #[serde(default)]
    pub preferred_language: Option<String>,
}

/// Body of `PATCH /beta/me`, as Graph's `PATCH /me` takes it: the members given change, the rest
/// stay. `preferredLanguage: null` forgets the choice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MeUpdate {
    #[serde(
        default,
        deserialize_with = "given",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, max_length = 35))]
    pub preferred_language: Option<Option<String>>,
}

/// *Too many failed sign-ins. Try again in 15 minutes.*, for a sign-in refused for `seconds`.
pub fn try_again_in(m: &crate::i18n::Messages, seconds: u64) -> String {
    use crate::i18n::fill;
    let minutes = seconds.div_ceil(60);
    match (seconds, minutes) {
        (0..=59, _) => fill(
            &m.sign_in_locked_seconds,
            &[("seconds", &seconds.to_string())],
        ),
        (_, 1) => m.sign_in_locked_minute.to_string(),
        (_, minutes) => fill(
            &m.sign_in_locked_minutes,
            &[("minutes", &minutes.to_string())],
        ),
    }
}

/// A member that is present, `null` or not: `Some(None)` for `null`, `None` only when absent.
fn given<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Whether `tag` is a well-formed language tag as Graph's `preferredLanguage` holds one: a
/// language of 2–3 letters, then subtags of 1–8 letters or digits, joined by hyphens (`nl`,
/// `nl-NL`, `sv-SE`, `zh-Hant-TW`); at most 35 characters.
pub fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or_default();
    tag.len() <= 35
        && (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

impl Me {
    pub fn may(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }
}

/// Intune's built-in roles that the demo tenant uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    #[serde(rename = "Intune Administrator")]
    IntuneAdministrator,
    #[serde(rename = "Help Desk Operator")]
    HelpDeskOperator,
    #[serde(rename = "Read Only Operator")]
    ReadOnlyOperator,
}

impl Role {
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::IntuneAdministrator => &[
                ReadDevices,
                RemoteTasks,
                InitiateConfigurationManagerAction,
                RetireDevices,
                WipeDevices,
                DeleteDevices,
                ManageDeviceApplications,
                SetMobileDeviceManagementAuthority,
                ReadAuditLog,
            ],
            Role::HelpDeskOperator => &[
                ReadDevices,
                RemoteTasks,
                InitiateConfigurationManagerAction,
                ManageDeviceApplications,
            ],
            Role::ReadOnlyOperator => &[ReadDevices],
        }
    }

    /// The name stored in the database and shown to people.
    pub fn display_name(self) -> &'static str {
        match self {
            Role::IntuneAdministrator => "Intune Administrator",
            Role::HelpDeskOperator => "Help Desk Operator",
            Role::ReadOnlyOperator => "Read Only Operator",
        }
    }

    /// Its name in a catalogue, as the SPA shows it.
    pub fn label(self, m: &crate::i18n::Messages) -> &str {
        match self {
            Role::IntuneAdministrator => &m.role_intune_administrator,
            Role::HelpDeskOperator => &m.role_help_desk_operator,
            Role::ReadOnlyOperator => &m.role_read_only_operator,
        }
    }

    pub fn from_display_name(name: &str) -> Option<Role> {
        [
            Role::IntuneAdministrator,
            Role::HelpDeskOperator,
            Role::ReadOnlyOperator,
        ]
        .into_iter()
        .find(|role| role.display_name() == name)
    }
}

/// What a role allows, named like Intune's role-based access control permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Permission {
    #[serde(rename = "microsoft.intune/managedDevices/read")]
    ReadDevices,
    #[serde(rename = "microsoft.intune/managedDevices/remoteTasks")]
    RemoteTasks,
    #[serde(
        rename = "microsoft.intune/managedDevices/remoteTasks/initiateConfigurationManagerAction"
    )]
    InitiateConfigurationManagerAction,
    #[serde(rename = "microsoft.intune/managedDevices/remoteTasks/retire")]
    RetireDevices,
    #[serde(rename = "microsoft.intune/managedDevices/remoteTasks/wipe")]
    WipeDevices,
    #[serde(rename = "microsoft.intune/managedDevices/delete")]
    DeleteDevices,
    #[serde(rename = "microsoft.intune/managedDevices/applications/manage")]
    ManageDeviceApplications,
    #[serde(rename = "microsoft.intune/organization/setMobileDeviceManagementAuthority")]
    SetMobileDeviceManagementAuthority,
    #[serde(rename = "microsoft.intune/audit/read")]
    ReadAuditLog,
}

impl Permission {
    /// The permission its serde name names (the tests hold the two together).
    pub fn from_wire_name(name: &str) -> Option<Permission> {
        use Permission::*;
        Some(match name {
            "microsoft.intune/managedDevices/read" => ReadDevices,
            "microsoft.intune/managedDevices/remoteTasks" => RemoteTasks,
            "microsoft.intune/managedDevices/remoteTasks/initiateConfigurationManagerAction" => {
                InitiateConfigurationManagerAction
            }
            "microsoft.intune/managedDevices/remoteTasks/retire" => RetireDevices,
            "microsoft.intune/managedDevices/remoteTasks/wipe" => WipeDevices,
            "microsoft.intune/managedDevices/delete" => DeleteDevices,
            "microsoft.intune/managedDevices/applications/manage" => ManageDeviceApplications,
            "microsoft.intune/organization/setMobileDeviceManagementAuthority" => {
                SetMobileDeviceManagementAuthority
            }
            "microsoft.intune/audit/read" => ReadAuditLog,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_intune_administrator_may_set_the_mdm_authority() {
        let may = |role: Role| {
            role.permissions()
                .contains(&Permission::SetMobileDeviceManagementAuthority)
        };
        assert!(may(Role::IntuneAdministrator));
        assert!(!may(Role::HelpDeskOperator));
        assert!(!may(Role::ReadOnlyOperator));
    }

    #[test]
    fn the_read_only_operator_may_only_read() {
        assert_eq!(
            Role::ReadOnlyOperator.permissions(),
            &[Permission::ReadDevices]
        );
    }

    #[test]
    fn only_the_intune_administrator_may_retire_wipe_or_delete() {
        for permission in [
            Permission::RetireDevices,
            Permission::WipeDevices,
            Permission::DeleteDevices,
        ] {
            assert!(
                Role::IntuneAdministrator
                    .permissions()
                    .contains(&permission)
            );
            assert!(!Role::HelpDeskOperator.permissions().contains(&permission));
            assert!(!Role::ReadOnlyOperator.permissions().contains(&permission));
        }
    }

    #[test]
    fn roles_round_trip_through_their_display_names() {
        for role in [
            Role::IntuneAdministrator,
            Role::HelpDeskOperator,
            Role::ReadOnlyOperator,
        ] {
            assert_eq!(Role::from_display_name(role.display_name()), Some(role));
            assert_eq!(
                serde_json::to_string(&role).unwrap(),
                format!("\"{}\"", role.display_name())
            );
        }
    }
}
