//! `GET /beta/organization`: the tenant and its mobile device management authority.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    pub display_name: String,
    pub mobile_device_management_authority: MdmAuthority,
    /// Extension: Intune and Basic Mobility and Security for Office 365 both manage devices.
    #[serde(default)]
    pub is_coexistence_enabled: bool,
    /// Extension: every change of the authority, oldest first.
    #[serde(default)]
    pub mobile_device_management_authority_changes: Vec<MdmAuthorityChange>,
}

/// Who changed the MDM authority, when, from what to what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MdmAuthorityChange {
    pub from_authority: MdmAuthority,
    pub to_authority: MdmAuthority,
    pub changed_by: String,
    #[serde(with = "crate::wire_date")]
    pub changed_date_time: DateTime<Utc>,
}

/// Answer of `POST /beta/organization/{id}/setMobileDeviceManagementAuthority`, as Graph's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetMdmAuthorityResult {
    pub value: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum MdmAuthority {
    Unknown,
    Intune,
    Office365,
}

impl MdmAuthority {
    pub fn wire_name(self) -> &'static str {
        match self {
            MdmAuthority::Unknown => "unknown",
            MdmAuthority::Intune => "intune",
            MdmAuthority::Office365 => "office365",
        }
    }

    pub fn from_wire_name(value: &str) -> Option<Self> {
        [
            MdmAuthority::Unknown,
            MdmAuthority::Intune,
            MdmAuthority::Office365,
        ]
        .into_iter()
        .find(|authority| authority.wire_name() == value)
    }

    /// How Tenant administration names it.
    pub fn label(self, m: &crate::i18n::Messages) -> &str {
        match self {
            MdmAuthority::Unknown => &m.mdm_authority_not_set,
            MdmAuthority::Intune => &m.mdm_authority_intune,
            MdmAuthority::Office365 => &m.mdm_authority_office365,
        }
    }
}
