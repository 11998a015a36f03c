//! `managedDevice` and its enums, with the labels the All devices grid shows for them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::device_action::DeviceActionResult;
use crate::graph_device::{
    ChromeOsDeviceProperty, CloudPcRemoteActionResult, ConfigurationManagerClientEnabledFeatures,
    ConfigurationManagerClientHealthState, DeviceHealthAttestationState,
    DeviceHealthScriptPolicyState, HardwareInformation, LoggedOnUser,
};

/// A device of the tenant, as Graph beta's `managedDevice` plus the extension `isOnline`. Its
/// default is an empty device, to build one from the properties at hand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    // The rest of Graph's properties: the identifiers scripts look devices up by, stored; and what
    // the server computes from the row when it reads one device or they are `$select`ed, left out
    // when empty, as in a page of devices.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aad_registered: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activation_lock_bypass_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub android_security_patch_level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autopilot_enrolled: Option<bool>,
    #[serde(rename = "azureADDeviceId")]
    pub azure_ad_device_id: Option<String>,
    #[serde(rename = "azureADRegistered", skip_serializing_if = "Option::is_none")]
    pub azure_ad_registered: Option<bool>,
    pub azure_active_directory_device_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bootstrap_token_escrowed: Option<bool>,
    /// Graph's `chassisType` enum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chassis_type: Option<String>,
    #[serde(rename = "chromeOSDeviceInfo", skip_serializing_if = "Option::is_none")]
    pub chrome_os_device_info: Option<Vec<ChromeOsDeviceProperty>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_pc_remote_action_results: Option<Vec<CloudPcRemoteActionResult>>,
    #[serde(
        default,
        with = "crate::wire_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub compliance_grace_period_expiration_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration_manager_client_enabled_features:
        Option<ConfigurationManagerClientEnabledFeatures>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration_manager_client_health_state: Option<ConfigurationManagerClientHealthState>,
    /// Graph's `deviceEnrollmentType` enum.
    pub device_enrollment_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_firmware_configuration_interface_managed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_health_attestation_state: Option<DeviceHealthAttestationState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_health_script_states: Option<Vec<DeviceHealthScriptPolicyState>>,
    /// Graph's `deviceRegistrationState` enum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_registration_state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eas_activated: Option<bool>,
    #[serde(
        default,
        with = "crate::wire_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub eas_activation_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eas_device_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrolled_by_user_principal_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrollment_profile_name: Option<String>,
    pub ethernet_mac_address: Option<String>,
    /// Graph's `deviceManagementExchangeAccessState` enum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange_access_state: Option<String>,
    /// Graph's `deviceManagementExchangeAccessStateReason` enum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange_access_state_reason: Option<String>,
    #[serde(
        default,
        with = "crate::wire_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub exchange_last_successful_sync_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hardware_information: Option<HardwareInformation>,
    pub iccid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_supervised: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jail_broken: Option<String>,
    /// Graph's `lostModeState` enum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lost_mode_state: Option<String>,
    #[serde(
        default,
        with = "crate::wire_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub management_certificate_expiration_date: Option<DateTime<Utc>>,
    /// Graph's `managedDeviceManagementFeatures` enum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub management_features: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meid: Option<String>,
    pub notes: Option<String>,
    /// The deprecated alias of `managedDeviceOwnerType`, always the same value.
    pub owner_type: OwnerType,
    /// Graph's `managedDevicePartnerReportedHealthState` enum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partner_reported_threat_state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub physical_memory_in_bytes: Option<i64>,
    #[serde(
        default,
        with = "crate::wire_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub prefer_mdm_over_group_policy_applied_date_time: Option<DateTime<Utc>>,
    /// Graph's `managedDeviceArchitecture` enum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processor_architecture: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote_assistance_session_error_details: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote_assistance_session_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_user_enrollment_approval: Option<bool>,
    #[serde(
        default,
        with = "crate::wire_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub retire_after_date_time: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_scope_tag_ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_patch_level: Option<String>,
    pub sku_family: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku_number: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specification_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscriber_carrier: Option<String>,
    pub udid: Option<String>,
    pub user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub users_logged_on: Option<Vec<LoggedOnUser>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub windows_active_malware_count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub windows_remediated_malware_count: Option<i64>,
    /// The ConfigMgr client's online state as the site last saw it (extension).
    pub is_online: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ConfigurationManagerClientInformation {
    pub client_identifier: String,
    pub client_version: String,
    pub is_blocked: bool,
}

/// Declares a Graph string enum with its wire names and the label the admin center shows.
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal => $label:ident),+ $(,)? }) => {
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

            /// What the admin center shows for it, in the catalogue's language.
            pub fn label(self, messages: &$crate::i18n::Messages) -> &str {
                match self { $($name::$variant => &messages.$label),+ }
            }
        }

    };
}

pub(crate) use labelled_enum;

labelled_enum! {
    /// Who manages the device (`managementAgent`); its label is the *Managed by* column.
    ManagementAgent {
        Mdm = "mdm" => managed_by_intune,
        ConfigurationManagerClientMdm = "configurationManagerClientMdm" => managed_by_co_managed,
        ConfigurationManagerClientMdmEas = "configurationManagerClientMdmEas" => managed_by_co_managed,
        ConfigurationManagerClient = "configurationManagerClient" => managed_by_config_mgr,
        Eas = "eas" => managed_by_eas,
        EasMdm = "easMdm" => managed_by_intune_eas,
        Jamf = "jamf" => managed_by_jamf,
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
        Intune = "intune" => managed_by_intune,
        CoManaged = "coManaged" => managed_by_co_managed,
        ConfigMgr = "configMgr" => managed_by_config_mgr,
        Eas = "eas" => managed_by_eas,
        IntuneEas = "intuneEas" => managed_by_intune_eas,
        Jamf = "jamf" => managed_by_jamf,
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
        Company = "company" => ownership_corporate,
        Personal = "personal" => ownership_personal,
        Unknown = "unknown" => ownership_unknown,
    }
}

labelled_enum! {
    /// `complianceState`, the *Compliance* column.
    ComplianceState {
        Compliant = "compliant" => compliance_compliant,
        Noncompliant = "noncompliant" => compliance_noncompliant,
        InGracePeriod = "inGracePeriod" => compliance_in_grace_period,
        Unknown = "unknown" => compliance_not_evaluated,
        Conflict = "conflict" => compliance_conflict,
        Error = "error" => compliance_error,
        ConfigManager = "configManager" => compliance_see_config_mgr,
    }
}

labelled_enum! {
    /// `managementState`, the *Device state* column.
    ManagementState {
        Managed = "managed" => device_state_managed,
        RetirePending = "retirePending" => device_state_retire_pending,
        RetireFailed = "retireFailed" => device_state_retire_failed,
        WipePending = "wipePending" => device_state_wipe_pending,
        WipeFailed = "wipeFailed" => device_state_wipe_failed,
        Unhealthy = "unhealthy" => device_state_unhealthy,
        DeletePending = "deletePending" => device_state_delete_pending,
        Discovered = "discovered" => device_state_discovered,
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
        Unknown = "unknown" => join_type_unknown,
        AzureAdJoined = "azureADJoined" => join_type_entra_joined,
        AzureAdRegistered = "azureADRegistered" => join_type_entra_registered,
        HybridAzureAdJoined = "hybridAzureADJoined" => join_type_entra_hybrid_joined,
    }
}

/// The values an empty device has, Graph's own defaults where it has one.
macro_rules! default_variant {
    ($($name:ident: $variant:ident),+ $(,)?) => {
        $(impl Default for $name {
            fn default() -> Self {
                $name::$variant
            }
        })+
    };
}

default_variant!(
    ManagementAgent: Mdm,
    OwnerType: Unknown,
    ComplianceState: Unknown,
    ManagementState: Managed,
    JoinType: Unknown,
);

/// The operating systems the demo tenant has, as Graph spells `operatingSystem`.
pub const OPERATING_SYSTEMS: &[&str] = &["Windows", "iOS", "iPadOS", "Android", "macOS"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Messages;

    #[test]
    fn managed_by_labels_follow_the_spec() {
        let label = |agent: ManagementAgent| agent.label(Messages::english());
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
            assert!(
                managed_by
                    .agents()
                    .all(|a| a.label(Messages::english()) == managed_by.label(Messages::english()))
            );
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
        let labels: Vec<_> = ComplianceState::ALL
            .iter()
            .map(|s| s.label(Messages::english()))
            .collect();
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
        assert_eq!(OwnerType::Company.label(Messages::english()), "Corporate");
    }
}
