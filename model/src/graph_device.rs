//! Graph beta's complex types that a `managedDevice` carries beyond the grid's columns (hardware,
//! logged-on users, the ConfigMgr client's health, health attestation, …), field for field as
//! Microsoft's Graph SDK defines them; every field may be null, as Graph's may.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Graph beta's `chromeOSDeviceProperty`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChromeOsDeviceProperty {
    pub name: Option<String>,
    pub updatable: Option<bool>,
    pub value: Option<String>,
    pub value_type: Option<String>,
}

/// Graph beta's `cloudPcRemoteActionResult`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CloudPcRemoteActionResult {
    pub action_name: Option<String>,
    /// Graph's `actionState` enum.
    pub action_state: Option<String>,
    pub cloud_pc_id: Option<String>,
    #[serde(default, with = "crate::wire_date::option")]
    pub last_updated_date_time: Option<DateTime<Utc>>,
    pub managed_device_id: Option<String>,
    #[serde(default, with = "crate::wire_date::option")]
    pub start_date_time: Option<DateTime<Utc>>,
    pub status_detail: Option<CloudPcStatusDetail>,
    pub status_details: Option<CloudPcStatusDetails>,
}

/// Graph beta's `configurationManagerClientEnabledFeatures`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ConfigurationManagerClientEnabledFeatures {
    pub compliance_policy: Option<bool>,
    pub device_configuration: Option<bool>,
    pub endpoint_protection: Option<bool>,
    pub inventory: Option<bool>,
    pub modern_apps: Option<bool>,
    pub office_apps: Option<bool>,
    pub resource_access: Option<bool>,
    pub windows_update_for_business: Option<bool>,
}

/// Graph beta's `configurationManagerClientHealthState`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ConfigurationManagerClientHealthState {
    pub error_code: Option<i64>,
    #[serde(default, with = "crate::wire_date::option")]
    pub last_sync_date_time: Option<DateTime<Utc>>,
    /// Graph's `configurationManagerClientState` enum.
    pub state: Option<String>,
}

/// Graph beta's `deviceHealthAttestationState`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeviceHealthAttestationState {
    pub attestation_identity_key: Option<String>,
    pub bit_locker_status: Option<String>,
    pub boot_app_security_version: Option<String>,
    pub boot_debugging: Option<String>,
    pub boot_manager_security_version: Option<String>,
    pub boot_manager_version: Option<String>,
    pub boot_revision_list_info: Option<String>,
    pub code_integrity: Option<String>,
    pub code_integrity_check_version: Option<String>,
    pub code_integrity_policy: Option<String>,
    pub content_namespace_url: Option<String>,
    pub content_version: Option<String>,
    pub data_excution_policy: Option<String>,
    pub device_health_attestation_status: Option<String>,
    pub early_launch_anti_malware_driver_protection: Option<String>,
    /// Graph's `firmwareProtectionType` enum.
    pub firmware_protection: Option<String>,
    pub health_attestation_supported_status: Option<String>,
    pub health_status_mismatch_info: Option<String>,
    #[serde(default, with = "crate::wire_date::option")]
    pub issued_date_time: Option<DateTime<Utc>>,
    pub last_update_date_time: Option<String>,
    /// Graph's `azureAttestationSettingStatus` enum.
    pub memory_access_protection: Option<String>,
    /// Graph's `azureAttestationSettingStatus` enum.
    pub memory_integrity_protection: Option<String>,
    pub operating_system_kernel_debugging: Option<String>,
    pub operating_system_rev_list_info: Option<String>,
    pub pcr_hash_algorithm: Option<String>,
    pub pcr0: Option<String>,
    pub reset_count: Option<i64>,
    pub restart_count: Option<i64>,
    pub safe_mode: Option<String>,
    pub secure_boot: Option<String>,
    pub secure_boot_configuration_policy_finger_print: Option<String>,
    /// Graph's `azureAttestationSettingStatus` enum.
    #[serde(rename = "securedCorePC")]
    pub secured_core_pc: Option<String>,
    /// Graph's `systemManagementModeLevel` enum.
    pub system_management_mode: Option<String>,
    pub test_signing: Option<String>,
    pub tpm_version: Option<String>,
    pub virtual_secure_mode: Option<String>,
    /// Graph's `azureAttestationSettingStatus` enum.
    pub virtualization_based_security: Option<String>,
    #[serde(rename = "windowsPE")]
    pub windows_pe: Option<String>,
}

/// Graph beta's `deviceHealthScriptPolicyState`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeviceHealthScriptPolicyState {
    #[serde(default)]
    pub assignment_filter_ids: Vec<String>,
    /// Graph's `runState` enum.
    pub detection_state: Option<String>,
    pub device_id: Option<String>,
    pub device_name: Option<String>,
    #[serde(default, with = "crate::wire_date::option")]
    pub expected_state_update_date_time: Option<DateTime<Utc>>,
    pub id: Option<String>,
    #[serde(default, with = "crate::wire_date::option")]
    pub last_state_update_date_time: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::wire_date::option")]
    pub last_sync_date_time: Option<DateTime<Utc>>,
    pub os_version: Option<String>,
    pub policy_id: Option<String>,
    pub policy_name: Option<String>,
    pub post_remediation_detection_script_error: Option<String>,
    pub post_remediation_detection_script_output: Option<String>,
    pub pre_remediation_detection_script_error: Option<String>,
    pub pre_remediation_detection_script_output: Option<String>,
    pub remediation_script_error: Option<String>,
    /// Graph's `remediationState` enum.
    pub remediation_state: Option<String>,
    pub user_name: Option<String>,
}

/// Graph beta's `hardwareInformation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HardwareInformation {
    pub battery_charge_cycles: Option<i64>,
    pub battery_health_percentage: Option<i64>,
    pub battery_level_percentage: Option<f64>,
    pub battery_serial_number: Option<String>,
    pub cellular_technology: Option<String>,
    pub device_full_qualified_domain_name: Option<String>,
    /// Graph's `deviceGuardLocalSystemAuthorityCredentialGuardState` enum.
    pub device_guard_local_system_authority_credential_guard_state: Option<String>,
    /// Graph's `deviceGuardVirtualizationBasedSecurityHardwareRequirementState` enum.
    pub device_guard_virtualization_based_security_hardware_requirement_state: Option<String>,
    /// Graph's `deviceGuardVirtualizationBasedSecurityState` enum.
    pub device_guard_virtualization_based_security_state: Option<String>,
    pub device_licensing_last_error_code: Option<i64>,
    pub device_licensing_last_error_description: Option<String>,
    /// Graph's `deviceLicensingStatus` enum.
    pub device_licensing_status: Option<String>,
    pub esim_identifier: Option<String>,
    pub free_storage_space: Option<i64>,
    pub imei: Option<String>,
    pub ip_address_v4: Option<String>,
    pub is_encrypted: Option<bool>,
    pub is_shared_device: Option<bool>,
    pub is_supervised: Option<bool>,
    pub manufacturer: Option<String>,
    pub meid: Option<String>,
    pub model: Option<String>,
    pub operating_system_edition: Option<String>,
    pub operating_system_language: Option<String>,
    pub operating_system_product_type: Option<i64>,
    pub os_build_number: Option<String>,
    pub phone_number: Option<String>,
    pub product_name: Option<String>,
    pub resident_users_count: Option<i64>,
    pub serial_number: Option<String>,
    #[serde(default)]
    pub shared_device_cached_users: Vec<SharedAppleDeviceUser>,
    pub subnet_address: Option<String>,
    pub subscriber_carrier: Option<String>,
    #[serde(rename = "systemManagementBIOSVersion")]
    pub system_management_bios_version: Option<String>,
    pub total_storage_space: Option<i64>,
    pub tpm_manufacturer: Option<String>,
    pub tpm_specification_version: Option<String>,
    pub tpm_version: Option<String>,
    pub wifi_mac: Option<String>,
    #[serde(rename = "wiredIPv4Addresses", default)]
    pub wired_ipv4_addresses: Vec<String>,
}

/// Graph beta's `loggedOnUser`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LoggedOnUser {
    #[serde(default, with = "crate::wire_date::option")]
    pub last_log_on_date_time: Option<DateTime<Utc>>,
    pub user_id: Option<String>,
}

/// Graph beta's `cloudPcStatusDetail`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CloudPcStatusDetail {
    #[serde(default)]
    pub additional_information: Vec<KeyValuePair>,
    pub code: Option<String>,
    pub message: Option<String>,
}

/// Graph beta's `cloudPcStatusDetails`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CloudPcStatusDetails {
    #[serde(default)]
    pub additional_information: Vec<KeyValuePair>,
    pub code: Option<String>,
    pub message: Option<String>,
}

/// Graph beta's `sharedAppleDeviceUser`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SharedAppleDeviceUser {
    pub data_quota: Option<i64>,
    pub data_to_sync: Option<bool>,
    pub data_used: Option<i64>,
    pub user_principal_name: Option<String>,
}

/// Graph beta's `keyValuePair`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct KeyValuePair {
    pub name: Option<String>,
    pub value: Option<String>,
}
