//! `GET /beta/organization`: the tenant and its mobile device management authority.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    pub display_name: String,
    pub mobile_device_management_authority: MdmAuthority,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    pub fn label(self) -> &'static str {
        match self {
            MdmAuthority::Unknown => "Not set",
            MdmAuthority::Intune => "Intune",
            MdmAuthority::Office365 => "Office 365",
        }
    }
}
