//! The managed-device schema: every property of Graph beta's `managedDevice` with its column and
//! label. The stored ones are filtered and sorted on; the rest are computed from the row when it
//! is read (`crate::device_details`) or are objects, and can only be selected.

use super::schema::{Property, PropertyKind, Schema, SelectOnly};

const MANAGEMENT_AGENTS: &[&str] = &[
    "mdm",
    "configurationManagerClientMdm",
    "configurationManagerClientMdmEas",
    "configurationManagerClient",
    "eas",
    "easMdm",
    "jamf",
];
const OWNER_TYPES: &[&str] = &["company", "personal", "unknown"];
const COMPLIANCE_STATES: &[&str] = &[
    "compliant",
    "noncompliant",
    "inGracePeriod",
    "unknown",
    "conflict",
    "error",
    "configManager",
];
const MANAGEMENT_STATES: &[&str] = &[
    "managed",
    "retirePending",
    "retireFailed",
    "wipePending",
    "wipeFailed",
    "unhealthy",
    "deletePending",
    "discovered",
];
const JOIN_TYPES: &[&str] = &[
    "unknown",
    "azureADJoined",
    "azureADRegistered",
    "hybridAzureADJoined",
];

/// Graph's `deviceEnrollmentType`, less its `unknownFutureValue` sentinel.
const DEVICE_ENROLLMENT_TYPES: &[&str] = &[
    "unknown",
    "userEnrollment",
    "deviceEnrollmentManager",
    "appleBulkWithUser",
    "appleBulkWithoutUser",
    "windowsAzureADJoin",
    "windowsBulkUserless",
    "windowsAutoEnrollment",
    "windowsBulkAzureDomainJoin",
    "windowsCoManagement",
    "windowsAzureADJoinUsingDeviceAuth",
    "appleUserEnrollment",
    "appleUserEnrollmentWithServiceAccount",
    "azureAdJoinUsingAzureVmExtension",
    "androidEnterpriseDedicatedDevice",
    "androidEnterpriseFullyManaged",
    "androidEnterpriseCorporateWorkProfile",
    "androidAOSPUserOwnedDeviceEnrollment",
    "androidAOSPUserlessDeviceEnrollment",
    "appleAccountDrivenUserEnrollment",
];

use PropertyKind::{Boolean, DateTime, Enum, Integer, String};
use SelectOnly::{Complex, Computed};

/// `GET /beta/deviceManagement/managedDevices`, over the `managed_devices` table.
pub const MANAGED_DEVICE: Schema = &[
    Property::new("id", "id", String, "Device ID"),
    Property::new("deviceName", "device_name", String, "Device name"),
    Property::new(
        "managedDeviceName",
        "managed_device_name",
        String,
        "Management name",
    ),
    Property::new(
        "managementAgent",
        "management_agent",
        Enum(MANAGEMENT_AGENTS),
        "Managed by",
    ),
    Property::new(
        "managedDeviceOwnerType",
        "managed_device_owner_type",
        Enum(OWNER_TYPES),
        "Ownership",
    ),
    Property::new(
        "complianceState",
        "compliance_state",
        Enum(COMPLIANCE_STATES),
        "Compliance",
    ),
    Property::new(
        "managementState",
        "management_state",
        Enum(MANAGEMENT_STATES),
        "Device state",
    ),
    Property::new("operatingSystem", "operating_system", String, "OS"),
    Property::new("osVersion", "os_version", String, "OS version"),
    Property::new("deviceType", "device_type", String, "Device type"),
    Property::new(
        "userPrincipalName",
        "user_principal_name",
        String,
        "Primary user UPN",
    ),
    Property::new(
        "userDisplayName",
        "user_display_name",
        String,
        "Primary user display name",
    ),
    Property::new(
        "emailAddress",
        "email_address",
        String,
        "Primary user email address",
    ),
    Property::new(
        "enrolledDateTime",
        "enrolled_date_time",
        DateTime,
        "Enrollment date",
    ),
    Property::new(
        "lastSyncDateTime",
        "last_sync_date_time",
        DateTime,
        "Last check-in",
    ),
    Property::new("serialNumber", "serial_number", String, "Serial number"),
    Property::new("manufacturer", "manufacturer", String, "Manufacturer"),
    Property::new("model", "model", String, "Model"),
    Property::new("imei", "imei", String, "IMEI"),
    Property::new("phoneNumber", "phone_number", String, "Phone number"),
    Property::new("wiFiMacAddress", "wi_fi_mac_address", String, "Wi-Fi MAC"),
    Property::new(
        "totalStorageSpaceInBytes",
        "total_storage_space_in_bytes",
        Integer,
        "Total storage",
    ),
    Property::new(
        "freeStorageSpaceInBytes",
        "free_storage_space_in_bytes",
        Integer,
        "Free storage",
    ),
    Property::new(
        "deviceCategoryDisplayName",
        "device_category_display_name",
        String,
        "Category",
    ),
    Property::new("joinType", "join_type", Enum(JOIN_TYPES), "Join type"),
    Property::new("isEncrypted", "is_encrypted", Boolean, "Encrypted"),
    Property::new(
        "configurationManagerClientInformation/clientIdentifier",
        "cm_client_identifier",
        String,
        "Client identifier",
    ),
    Property::new(
        "configurationManagerClientInformation/clientVersion",
        "cm_client_version",
        String,
        "Client version",
    ),
    Property::new(
        "configurationManagerClientInformation/isBlocked",
        "cm_is_blocked",
        Boolean,
        "Client blocked",
    ),
    Property::new("isOnline", "is_online", Boolean, "Online status"),
    // Stored since scripts look devices up by them (migration 0009 on SQLite, 0007 on PostgreSQL).
    Property::new(
        "azureADDeviceId",
        "azure_ad_device_id",
        String,
        "Microsoft Entra Device ID",
    ),
    // Graph's older name for the same id.
    Property::new(
        "azureActiveDirectoryDeviceId",
        "azure_ad_device_id",
        String,
        "Microsoft Entra Device ID",
    ),
    Property::new("userId", "user_id", String, "Primary user ID"),
    Property::new(
        "deviceEnrollmentType",
        "device_enrollment_type",
        Enum(DEVICE_ENROLLMENT_TYPES),
        "Enrollment type",
    ),
    Property::new("skuFamily", "sku_family", String, "SKU family"),
    Property::new("notes", "notes", String, "Notes"),
    Property::new(
        "ethernetMacAddress",
        "ethernet_mac_address",
        String,
        "Ethernet MAC",
    ),
    Property::new("udid", "udid", String, "UDID"),
    Property::new("iccid", "iccid", String, "ICCID"),
    // The deprecated alias of managedDeviceOwnerType, on the same column.
    Property::new(
        "ownerType",
        "managed_device_owner_type",
        Enum(OWNER_TYPES),
        "Ownership",
    ),
    Property::select_only(
        "configurationManagerClientInformation",
        Complex,
        "ConfigMgr client",
    ),
    Property::select_only("deviceActionResults", Complex, "Device action results"),
    Property::select_only("aadRegistered", Computed, "AAD registered"),
    Property::select_only(
        "activationLockBypassCode",
        Computed,
        "Activation Lock bypass code",
    ),
    Property::select_only(
        "androidSecurityPatchLevel",
        Computed,
        "Android security patch level",
    ),
    Property::select_only("autopilotEnrolled", Computed, "Autopilot enrolled"),
    Property::select_only("azureADRegistered", Computed, "Microsoft Entra registered"),
    Property::select_only(
        "bootstrapTokenEscrowed",
        Computed,
        "Bootstrap token escrowed",
    ),
    Property::select_only("chassisType", Computed, "Chassis type"),
    Property::select_only("chromeOSDeviceInfo", Complex, "ChromeOS device info"),
    Property::select_only(
        "cloudPcRemoteActionResults",
        Complex,
        "Cloud PC remote action results",
    ),
    Property::select_only(
        "complianceGracePeriodExpirationDateTime",
        Computed,
        "Compliance grace period expiration date time",
    ),
    Property::select_only(
        "configurationManagerClientEnabledFeatures",
        Complex,
        "ConfigMgr client enabled features",
    ),
    Property::select_only(
        "configurationManagerClientHealthState",
        Complex,
        "ConfigMgr client health",
    ),
    Property::select_only(
        "deviceFirmwareConfigurationInterfaceManaged",
        Computed,
        "DFCI managed",
    ),
    Property::select_only(
        "deviceHealthAttestationState",
        Complex,
        "Device health attestation state",
    ),
    Property::select_only(
        "deviceHealthScriptStates",
        Complex,
        "Device health script states",
    ),
    Property::select_only(
        "deviceRegistrationState",
        Computed,
        "Device registration state",
    ),
    Property::select_only("easActivated", Computed, "EAS activated"),
    Property::select_only("easActivationDateTime", Computed, "EAS activation time"),
    Property::select_only("easDeviceId", Computed, "EAS ID"),
    Property::select_only("enrolledByUserPrincipalName", Computed, "Enrolled by"),
    Property::select_only("enrollmentProfileName", Computed, "Enrollment profile name"),
    Property::select_only("exchangeAccessState", Computed, "Exchange access state"),
    Property::select_only(
        "exchangeAccessStateReason",
        Computed,
        "Exchange access state reason",
    ),
    Property::select_only(
        "exchangeLastSuccessfulSyncDateTime",
        Computed,
        "Exchange last successful sync date time",
    ),
    Property::select_only("hardwareInformation", Complex, "Hardware information"),
    Property::select_only("isSupervised", Computed, "Supervised"),
    Property::select_only("jailBroken", Computed, "Jailbroken"),
    Property::select_only("lostModeState", Computed, "Lost mode state"),
    Property::select_only(
        "managementCertificateExpirationDate",
        Computed,
        "Management certificate expiration",
    ),
    Property::select_only("managementFeatures", Computed, "Management features"),
    Property::select_only("meid", Computed, "MEID"),
    Property::select_only(
        "partnerReportedThreatState",
        Computed,
        "Partner reported threat state",
    ),
    Property::select_only("physicalMemoryInBytes", Computed, "Physical memory"),
    Property::select_only(
        "preferMdmOverGroupPolicyAppliedDateTime",
        Computed,
        "MDM over Group Policy applied",
    ),
    Property::select_only("processorArchitecture", Computed, "Processor architecture"),
    Property::select_only(
        "remoteAssistanceSessionErrorDetails",
        Computed,
        "Remote assistance session error details",
    ),
    Property::select_only(
        "remoteAssistanceSessionUrl",
        Computed,
        "Remote assistance session URL",
    ),
    Property::select_only(
        "requireUserEnrollmentApproval",
        Computed,
        "Require user enrollment approval",
    ),
    Property::select_only("retireAfterDateTime", Computed, "Retire after date time"),
    Property::select_only("roleScopeTagIds", Complex, "Scope tags"),
    Property::select_only("securityPatchLevel", Computed, "Security patch level"),
    Property::select_only("skuNumber", Computed, "SKU number"),
    Property::select_only("specificationVersion", Computed, "Specification version"),
    Property::select_only("subscriberCarrier", Computed, "Subscriber carrier"),
    Property::select_only("usersLoggedOn", Complex, "Users logged on"),
    Property::select_only(
        "windowsActiveMalwareCount",
        Computed,
        "Active malware count",
    ),
    Property::select_only(
        "windowsRemediatedMalwareCount",
        Computed,
        "Remediated malware count",
    ),
];

/// The columns `$search` looks in: device name, management name, UPN, email, serial number, IMEI.
pub const MANAGED_DEVICE_SEARCH_COLUMNS: &[&str] = &[
    "device_name",
    "managed_device_name",
    "user_principal_name",
    "email_address",
    "serial_number",
    "imei",
];

#[cfg(test)]
mod tests {
    use endpoint_admin_model::device::{
        ComplianceState, JoinType, ManagementAgent, ManagementState, OwnerType,
    };
    use endpoint_admin_model::device_column::DeviceColumn;

    use endpoint_admin_model::device::ManagedDevice;

    use super::{MANAGED_DEVICE, MANAGED_DEVICE_SEARCH_COLUMNS};
    use crate::odata::schema::{PropertyKind, WHOLE_ROW, lookup};

    fn allowed(name: &str) -> Vec<&'static str> {
        match lookup(MANAGED_DEVICE, name, "$filter").map(|p| p.kind) {
            Ok(PropertyKind::Enum(values)) => values.to_vec(),
            other => panic!("{name} is not an enum: {other:?}"),
        }
    }

    fn wire_names<T: Copy>(all: &[T], wire_name: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|value| wire_name(*value)).collect()
    }

    #[test]
    fn enum_properties_allow_exactly_the_model_wire_names() {
        assert_eq!(
            allowed("managementAgent"),
            wire_names(ManagementAgent::ALL, ManagementAgent::wire_name)
        );
        assert_eq!(
            allowed("managedDeviceOwnerType"),
            wire_names(OwnerType::ALL, OwnerType::wire_name)
        );
        assert_eq!(
            allowed("ownerType"),
            wire_names(OwnerType::ALL, OwnerType::wire_name)
        );
        assert_eq!(
            allowed("complianceState"),
            wire_names(ComplianceState::ALL, ComplianceState::wire_name)
        );
        assert_eq!(
            allowed("managementState"),
            wire_names(ManagementState::ALL, ManagementState::wire_name)
        );
        assert_eq!(
            allowed("joinType"),
            wire_names(JoinType::ALL, JoinType::wire_name)
        );
    }

    #[test]
    fn every_property_of_the_spec_is_there_once() {
        let names: Vec<_> = MANAGED_DEVICE.iter().map(|p| p.name).collect();
        for expected in [
            "id",
            "deviceName",
            "managedDeviceName",
            "managementAgent",
            "managedDeviceOwnerType",
            "complianceState",
            "managementState",
            "operatingSystem",
            "osVersion",
            "deviceType",
            "userPrincipalName",
            "userDisplayName",
            "emailAddress",
            "enrolledDateTime",
            "lastSyncDateTime",
            "serialNumber",
            "manufacturer",
            "model",
            "imei",
            "phoneNumber",
            "wiFiMacAddress",
            "totalStorageSpaceInBytes",
            "freeStorageSpaceInBytes",
            "deviceCategoryDisplayName",
            "joinType",
            "isEncrypted",
            "configurationManagerClientInformation/clientIdentifier",
            "configurationManagerClientInformation/clientVersion",
            "configurationManagerClientInformation/isBlocked",
            "isOnline",
        ] {
            assert_eq!(
                names.iter().filter(|n| **n == expected).count(),
                1,
                "{expected}"
            );
        }
    }

    #[test]
    fn every_property_of_the_device_is_there_once_and_nothing_else() {
        // The model's properties as its OpenAPI schema lists them: serde leaves empty computed
        // ones out of a device's JSON.
        let schema = serde_json::to_value(<ManagedDevice as utoipa::PartialSchema>::schema())
            .unwrap_or_default();
        let mut keys: Vec<&str> = schema["properties"]
            .as_object()
            .map(|object| object.keys().map(String::as_str).collect())
            .unwrap_or_default();
        keys.sort_unstable();
        let mut names: Vec<&str> = MANAGED_DEVICE
            .iter()
            .filter(|p| !p.name.contains('/'))
            .map(|p| p.name)
            .collect();
        names.sort_unstable();
        assert_eq!(names, keys);
    }

    #[test]
    fn exactly_the_select_only_properties_are_read_from_the_whole_row() {
        for property in MANAGED_DEVICE {
            let select_only = matches!(property.kind, PropertyKind::SelectOnly(_));
            assert_eq!(
                select_only,
                property.column == WHOLE_ROW,
                "{}",
                property.name
            );
        }
    }

    #[test]
    fn labels_are_the_all_devices_grid_labels() {
        let label = |name| lookup(MANAGED_DEVICE, name, "$select").map(|p| p.label);
        assert_eq!(label("deviceName"), Ok("Device name"));
        assert_eq!(label("managementAgent"), Ok("Managed by"));
        assert_eq!(label("managedDeviceOwnerType"), Ok("Ownership"));
        assert_eq!(label("complianceState"), Ok("Compliance"));
        assert_eq!(label("operatingSystem"), Ok("OS"));
        assert_eq!(label("osVersion"), Ok("OS version"));
        assert_eq!(label("userPrincipalName"), Ok("Primary user UPN"));
        assert_eq!(label("lastSyncDateTime"), Ok("Last check-in"));
        assert_eq!(label("enrolledDateTime"), Ok("Enrollment date"));
        assert_eq!(label("managementState"), Ok("Device state"));
        assert_eq!(label("deviceCategoryDisplayName"), Ok("Category"));
        assert_eq!(label("emailAddress"), Ok("Primary user email address"));
        assert_eq!(label("wiFiMacAddress"), Ok("Wi-Fi MAC"));
        assert_eq!(label("isEncrypted"), Ok("Encrypted"));
    }

    #[test]
    fn every_grid_column_is_a_property_with_the_grid_label() {
        for column in DeviceColumn::ALL {
            let label = lookup(MANAGED_DEVICE, column.property(), "$select").map(|p| p.label);
            assert_eq!(
                label,
                Ok(column.label(endpoint_admin_model::i18n::Messages::english()))
            );
        }
    }

    #[test]
    fn columns_are_those_of_the_managed_devices_table() {
        let migration = include_str!("../../migrations/sqlite/0001_initial.sql");
        let table = migration
            .split("CREATE TABLE managed_devices (")
            .nth(1)
            .and_then(|rest| rest.split(");").next())
            .unwrap_or_default();
        let added = include_str!("../../migrations/sqlite/0009_device_graph_identifiers.sql");
        let added_on_postgres =
            include_str!("../../migrations/postgres/0007_device_graph_identifiers.sql");
        let declared = |column: &str| {
            table.contains(&format!("\n    {column} "))
                || (added.contains(&format!("ADD COLUMN {column} TEXT;"))
                    && added_on_postgres.contains(&format!("ADD COLUMN {column} text")))
        };
        for property in MANAGED_DEVICE.iter().filter(|p| p.column != WHOLE_ROW) {
            assert!(declared(property.column), "{}", property.column);
        }
        for column in MANAGED_DEVICE_SEARCH_COLUMNS {
            assert!(declared(column), "{column}");
        }
    }
}
