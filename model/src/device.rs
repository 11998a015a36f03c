//! `managedDevice` and its enums, with the labels the All devices grid shows for them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::device_action::DeviceActionResult;

/// A device of the tenant, as Graph beta's `managedDevice` plus the extension `isOnline`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ManagedDevice {
    pub id: String,
    pub device_name: String,
    pub managed_device_name: String,
    pub management_agent: ManagementAgent,
    pub managed_device_owner_type: OwnerType,
    pub compliance_state: ComplianceState,
    pub management_state: ManagementState,
    pub operating_system: String,
    pub os_version: String,
    pub device_type: String,
    pub user_principal_name: String,
    pub user_display_name: String,
    pub email_address: String,
    #[serde(with = "crate::wire_date")]
    pub enrolled_date_time: DateTime<Utc>,
    #[serde(with = "crate::wire_date")]
    pub last_sync_date_time: DateTime<Utc>,
    pub serial_number: String,
    pub manufacturer: String,
    pub model: String,
    pub imei: String,
    pub phone_number: String,
    pub wi_fi_mac_address: String,
    pub total_storage_space_in_bytes: i64,
    pub free_storage_space_in_bytes: i64,
    pub device_category_display_name: String,
    pub join_type: JoinType,
    pub is_encrypted: bool,
    #[serde(default)]
    pub device_action_results: Vec<DeviceActionResult>,
    pub configuration_manager_client_information: Option<ConfigurationManagerClientInformation>,
    /// The ConfigMgr client's online state as the site last saw it (extension).
    pub is_online: bool,
}

crate::from_json_struct!(ManagedDevice {
    id: "id",
    device_name: "deviceName",
    managed_device_name: "managedDeviceName",
    management_agent: "managementAgent",
    managed_device_owner_type: "managedDeviceOwnerType",
    compliance_state: "complianceState",
    management_state: "managementState",
    operating_system: "operatingSystem",
    os_version: "osVersion",
    device_type: "deviceType",
    user_principal_name: "userPrincipalName",
    user_display_name: "userDisplayName",
    email_address: "emailAddress",
    enrolled_date_time: "enrolledDateTime",
    last_sync_date_time: "lastSyncDateTime",
    serial_number: "serialNumber",
    manufacturer: "manufacturer",
    model: "model",
    imei: "imei",
    phone_number: "phoneNumber",
    wi_fi_mac_address: "wiFiMacAddress",
    total_storage_space_in_bytes: "totalStorageSpaceInBytes",
    free_storage_space_in_bytes: "freeStorageSpaceInBytes",
    device_category_display_name: "deviceCategoryDisplayName",
    join_type: "joinType",
    is_encrypted: "isEncrypted",
    device_action_results: "deviceActionResults" default,
    configuration_manager_client_information: "configurationManagerClientInformation",
    is_online: "isOnline",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ConfigurationManagerClientInformation {
    pub client_identifier: String,
    pub client_version: String,
    pub is_blocked: bool,
}

crate::from_json_struct!(ConfigurationManagerClientInformation {
    client_identifier: "clientIdentifier",
    client_version: "clientVersion",
    is_blocked: "isBlocked",
});

/// Declares a Graph string enum with its wire names and the label the admin center shows.
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant),+
        }

        $crate::wire_enum_schema!($name: $($wire),+);

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The Graph value, e.g. in `$filter` and in the database.
            pub fn wire_name(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            pub fn from_wire_name(value: &str) -> Option<Self> {
                match value { $($wire => Some($name::$variant),)+ _ => None }
            }

            /// What the admin center shows for it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        $crate::from_json_enum!($name: $name::from_wire_name);
    };
}

pub(crate) use labelled_enum;

labelled_enum! {
    /// Who manages the device (`managementAgent`); its label is the *Managed by* column.
    ManagementAgent {
        Mdm = "mdm" => "Intune",
        ConfigurationManagerClientMdm = "configurationManagerClientMdm" => "Co-managed",
        ConfigurationManagerClientMdmEas = "configurationManagerClientMdmEas" => "Co-managed",
        ConfigurationManagerClient = "configurationManagerClient" => "ConfigMgr",
        Eas = "eas" => "EAS",
        EasMdm = "easMdm" => "Intune/EAS",
        Jamf = "jamf" => "Jamf",
    }
}

impl ManagementAgent {
    /// The *Managed by* group this agent belongs to.
    pub fn managed_by(self) -> ManagedBy {
        match self {
            ManagementAgent::Mdm => ManagedBy::Intune,
            ManagementAgent::ConfigurationManagerClientMdm
            | ManagementAgent::ConfigurationManagerClientMdmEas => ManagedBy::CoManaged,
            ManagementAgent::ConfigurationManagerClient => ManagedBy::ConfigMgr,
            ManagementAgent::Eas => ManagedBy::Eas,
            ManagementAgent::EasMdm => ManagedBy::IntuneEas,
            ManagementAgent::Jamf => ManagedBy::Jamf,
        }
    }

    /// Devices that carry a Configuration Manager client (ConfigMgr-only or co-managed).
    pub fn has_configuration_manager_client(self) -> bool {
        matches!(
            self.managed_by(),
            ManagedBy::ConfigMgr | ManagedBy::CoManaged
        )
    }

    /// Devices enrolled in Intune's MDM (Intune, Intune/EAS or co-managed), which take Intune's
    /// remote actions.
    pub fn is_intune_managed(self) -> bool {
        matches!(
            self.managed_by(),
            ManagedBy::Intune | ManagedBy::IntuneEas | ManagedBy::CoManaged
        )
    }
}

labelled_enum! {
    /// The *Managed by* filter: one value per label, which may stand for several agents.
    ManagedBy {
        Intune = "intune" => "Intune",
        CoManaged = "coManaged" => "Co-managed",
        ConfigMgr = "configMgr" => "ConfigMgr",
        Eas = "eas" => "EAS",
        IntuneEas = "intuneEas" => "Intune/EAS",
        Jamf = "jamf" => "Jamf",
    }
}

impl ManagedBy {
    pub fn agents(self) -> impl Iterator<Item = ManagementAgent> {
        ManagementAgent::ALL
            .iter()
            .copied()
            .filter(move |agent| agent.managed_by() == self)
    }
}

labelled_enum! {
    /// `managedDeviceOwnerType`, the *Ownership* column.
    OwnerType {
        Company = "company" => "Corporate",
        Personal = "personal" => "Personal",
        Unknown = "unknown" => "Unknown",
    }
}

labelled_enum! {
    /// `complianceState`, the *Compliance* column.
    ComplianceState {
        Compliant = "compliant" => "Compliant",
        Noncompliant = "noncompliant" => "Not compliant",
        InGracePeriod = "inGracePeriod" => "In grace period",
        Unknown = "unknown" => "Not evaluated",
        Conflict = "conflict" => "Conflict",
        Error = "error" => "Error",
        ConfigManager = "configManager" => "See ConfigMgr",
    }
}

labelled_enum! {
    /// `managementState`, the *Device state* column.
    ManagementState {
        Managed = "managed" => "Managed",
        RetirePending = "retirePending" => "Retire pending",
        RetireFailed = "retireFailed" => "Retire failed",
        WipePending = "wipePending" => "Wipe pending",
        WipeFailed = "wipeFailed" => "Wipe failed",
        Unhealthy = "unhealthy" => "Unhealthy",
        DeletePending = "deletePending" => "Delete pending",
        Discovered = "discovered" => "Discovered",
    }
}

impl ManagementState {
    /// Retire or wipe was sent: the device leaves the tenant at its next check-in.
    pub fn is_leaving(self) -> bool {
        matches!(
            self,
            ManagementState::RetirePending | ManagementState::WipePending
        )
    }
}

labelled_enum! {
    /// `joinType`, the *Join type* column.
    JoinType {
        Unknown = "unknown" => "Unknown",
        AzureAdJoined = "azureADJoined" => "Microsoft Entra joined",
        AzureAdRegistered = "azureADRegistered" => "Microsoft Entra registered",
        HybridAzureAdJoined = "hybridAzureADJoined" => "Microsoft Entra hybrid joined",
    }
}

/// The operating systems the demo tenant has, as Graph spells `operatingSystem`.
pub const OPERATING_SYSTEMS: &[&str] = &["Windows", "iOS", "iPadOS", "Android", "macOS"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managed_by_labels_follow_the_spec() {
        let label = |agent: ManagementAgent| agent.label();
        assert_eq!(label(ManagementAgent::Mdm), "Intune");
        assert_eq!(
            label(ManagementAgent::ConfigurationManagerClientMdm),
            "Co-managed"
        );
        assert_eq!(
            label(ManagementAgent::ConfigurationManagerClientMdmEas),
            "Co-managed"
        );
        assert_eq!(
            label(ManagementAgent::ConfigurationManagerClient),
            "ConfigMgr"
        );
        assert_eq!(label(ManagementAgent::Eas), "EAS");
        assert_eq!(label(ManagementAgent::EasMdm), "Intune/EAS");
        assert_eq!(label(ManagementAgent::Jamf), "Jamf");
    }

    #[test]
    fn co_managed_stands_for_both_co_management_agents() {
        let agents: Vec<_> = ManagedBy::CoManaged.agents().collect();
        assert_eq!(
            agents,
            [
                ManagementAgent::ConfigurationManagerClientMdm,
                ManagementAgent::ConfigurationManagerClientMdmEas
            ]
        );
        for managed_by in ManagedBy::ALL {
            assert!(managed_by.agents().all(|a| a.label() == managed_by.label()));
        }
    }

    #[test]
    fn wire_names_are_the_serde_names() {
        for state in ComplianceState::ALL {
            let json = serde_json::to_string(state).unwrap();
            assert_eq!(json, format!("\"{}\"", state.wire_name()));
            assert_eq!(
                ComplianceState::from_wire_name(state.wire_name()),
                Some(*state)
            );
        }
        assert_eq!(ComplianceState::from_wire_name("nope"), None);
    }

    #[test]
    fn compliance_labels_follow_the_spec() {
        let labels: Vec<_> = ComplianceState::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(
            labels,
            [
                "Compliant",
                "Not compliant",
                "In grace period",
                "Not evaluated",
                "Conflict",
                "Error",
                "See ConfigMgr"
            ]
        );
        assert_eq!(OwnerType::Company.label(), "Corporate");
    }
}
