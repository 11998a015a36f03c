//! The columns of the All devices grid: Graph property, label, and the cell text the grid and the
//! CSV export both show, so the two can never disagree.

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::device::ManagedDevice;

/// A grid column as data: its API property (`$select`, `$orderby`), its header (also the CSV
/// header), and whether it is shown until the user chooses otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub property: &'static str,
    pub label: &'static str,
    pub is_default: bool,
}

macro_rules! device_columns {
    ($($variant:ident = $property:literal => $label:literal, default: $default:literal;)+) => {
        /// A column of the All devices grid.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum DeviceColumn {
            $(#[serde(rename = $property)] $variant),+
        }

        $crate::wire_enum_schema!(DeviceColumn: $($property),+);

        impl DeviceColumn {
            /// Every column, in the order the column chooser lists them.
            pub const ALL: &'static [DeviceColumn] = &[$(DeviceColumn::$variant),+];

            /// The same columns as data, for a grid.
            pub const COLUMNS: &'static [Column] = &[
                $(Column { property: $property, label: $label, is_default: $default }),+
            ];

            /// The Graph property behind the column (`$select`, `$orderby`, `$filter`).
            pub fn property(self) -> &'static str {
                match self { $(DeviceColumn::$variant => $property),+ }
            }

            /// The column header, also the CSV header.
            pub fn label(self) -> &'static str {
                match self { $(DeviceColumn::$variant => $label),+ }
            }

            /// Shown until the user chooses otherwise.
            pub fn is_default(self) -> bool {
                match self { $(DeviceColumn::$variant => $default),+ }
            }

            pub fn from_property(property: &str) -> Option<DeviceColumn> {
                match property { $($property => Some(DeviceColumn::$variant),)+ _ => None }
            }
        }
    };
}

device_columns! {
    DeviceName = "deviceName" => "Device name", default: true;
    ManagedBy = "managementAgent" => "Managed by", default: true;
    Ownership = "managedDeviceOwnerType" => "Ownership", default: true;
    Compliance = "complianceState" => "Compliance", default: true;
    Os = "operatingSystem" => "OS", default: true;
    OsVersion = "osVersion" => "OS version", default: true;
    PrimaryUserUpn = "userPrincipalName" => "Primary user UPN", default: true;
    LastCheckIn = "lastSyncDateTime" => "Last check-in", default: true;
    SerialNumber = "serialNumber" => "Serial number", default: false;
    Manufacturer = "manufacturer" => "Manufacturer", default: false;
    Model = "model" => "Model", default: false;
    EnrollmentDate = "enrolledDateTime" => "Enrollment date", default: false;
    ManagementName = "managedDeviceName" => "Management name", default: false;
    DeviceState = "managementState" => "Device state", default: false;
    Category = "deviceCategoryDisplayName" => "Category", default: false;
    PrimaryUserEmail = "emailAddress" => "Primary user email address", default: false;
    PhoneNumber = "phoneNumber" => "Phone number", default: false;
    WiFiMac = "wiFiMacAddress" => "Wi-Fi MAC", default: false;
    FreeStorage = "freeStorageSpaceInBytes" => "Free storage", default: false;
    TotalStorage = "totalStorageSpaceInBytes" => "Total storage", default: false;
    Encrypted = "isEncrypted" => "Encrypted", default: false;
    JoinType = "joinType" => "Join type", default: false;
}

impl DeviceColumn {
    pub fn defaults() -> Vec<DeviceColumn> {
        DeviceColumn::ALL
            .iter()
            .copied()
            .filter(|column| column.is_default())
            .collect()
    }

    /// The text of this column's cell for `device`, as the grid shows it and the CSV exports it.
    pub fn cell(self, device: &ManagedDevice) -> String {
        match self {
            DeviceColumn::DeviceName => device.device_name.clone(),
            DeviceColumn::ManagedBy => device.management_agent.label().to_string(),
            DeviceColumn::Ownership => device.managed_device_owner_type.label().to_string(),
            DeviceColumn::Compliance => device.compliance_state.label().to_string(),
            DeviceColumn::Os => device.operating_system.clone(),
            DeviceColumn::OsVersion => device.os_version.clone(),
            DeviceColumn::PrimaryUserUpn => device.user_principal_name.clone(),
            DeviceColumn::LastCheckIn => date_time(device.last_sync_date_time),
            DeviceColumn::SerialNumber => device.serial_number.clone(),
            DeviceColumn::Manufacturer => device.manufacturer.clone(),
            DeviceColumn::Model => device.model.clone(),
            DeviceColumn::EnrollmentDate => date_time(device.enrolled_date_time),
            DeviceColumn::ManagementName => device.managed_device_name.clone(),
            DeviceColumn::DeviceState => device.management_state.label().to_string(),
            DeviceColumn::Category => device.device_category_display_name.clone(),
            DeviceColumn::PrimaryUserEmail => device.email_address.clone(),
            DeviceColumn::PhoneNumber => device.phone_number.clone(),
            DeviceColumn::WiFiMac => device.wi_fi_mac_address.clone(),
            DeviceColumn::FreeStorage => storage(device.free_storage_space_in_bytes),
            DeviceColumn::TotalStorage => storage(device.total_storage_space_in_bytes),
            DeviceColumn::Encrypted => if device.is_encrypted { "Yes" } else { "No" }.to_string(),
            DeviceColumn::JoinType => device.join_type.label().to_string(),
        }
    }
}

/// Locale-independent: `2026-11-22 14:03:00` (UTC). Formatted by hand: chrono's strftime and
/// float formatting would add kilobytes to the SPA for this alone.
pub fn date_time(value: DateTime<Utc>) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        value.year(),
        value.month(),
        value.day(),
        value.hour(),
        value.minute(),
        value.second()
    )
}

/// Bytes in decimal gigabytes with one decimal, as device storage is sold: `12.3 GB`.
pub fn storage(bytes: i64) -> String {
    let tenths = (bytes.max(0) + 50_000_000) / 100_000_000;
    format!("{}.{} GB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_columns_are_the_eight_of_the_spec_in_order() {
        let labels: Vec<_> = DeviceColumn::defaults().iter().map(|c| c.label()).collect();
        assert_eq!(
            labels,
            [
                "Device name",
                "Managed by",
                "Ownership",
                "Compliance",
                "OS",
                "OS version",
                "Primary user UPN",
                "Last check-in"
            ]
        );
        assert_eq!(DeviceColumn::ALL.len(), 22);
    }

    #[test]
    fn columns_are_found_by_their_property() {
        for column in DeviceColumn::ALL {
            assert_eq!(
                DeviceColumn::from_property(column.property()),
                Some(*column)
            );
        }
        assert_eq!(DeviceColumn::from_property("password"), None);
    }

    #[test]
    fn cells_are_locale_independent() {
        let date = "2026-11-22T14:03:09Z".parse().unwrap();
        assert_eq!(date_time(date), "2026-11-22 14:03:09");
        assert_eq!(storage(256_060_514_304), "256.1 GB");
        assert_eq!(storage(0), "0.0 GB");
        assert_eq!(storage(949_999_999), "0.9 GB");
        assert_eq!(storage(950_000_000), "1.0 GB");
        let early = "0987-01-02T03:04:05Z".parse().unwrap();
        assert_eq!(date_time(early), "0987-01-02 03:04:05");
    }
}
