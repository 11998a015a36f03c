//! The columns of the All devices grid: Graph property, label, and the cell text the grid and the
//! CSV export both show, so the two can never disagree.

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::{device::ManagedDevice, i18n::Messages};

/// A grid column as data: its API property (`$select`, `$orderby`), its header (also the CSV
/// header), and whether it is shown until the user chooses otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub property: &'static str,
    /// Its header in a catalogue.
    pub label: fn(&Messages) -> &str,
    pub is_default: bool,
}

macro_rules! device_columns {
    ($($variant:ident = $property:literal => $label:ident, default: $default:literal;)+) => {
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
                $(Column { property: $property, label: |m| &m.$label, is_default: $default }),+
            ];

            /// The Graph property behind the column (`$select`, `$orderby`, `$filter`).
            pub fn property(self) -> &'static str {
                match self { $(DeviceColumn::$variant => $property),+ }
            }

            /// The column header, also the CSV header.
            pub fn label(self, m: &Messages) -> &str {
                match self { $(DeviceColumn::$variant => &m.$label),+ }
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
    DeviceName = "deviceName" => column_device_name, default: true;
    ManagedBy = "managementAgent" => column_managed_by, default: true;
    Ownership = "managedDeviceOwnerType" => column_ownership, default: true;
    Compliance = "complianceState" => column_compliance, default: true;
    Os = "operatingSystem" => column_os, default: true;
    OsVersion = "osVersion" => column_os_version, default: true;
    PrimaryUserUpn = "userPrincipalName" => column_primary_user_upn, default: true;
    LastCheckIn = "lastSyncDateTime" => column_last_check_in, default: true;
    SerialNumber = "serialNumber" => column_serial_number, default: false;
    Manufacturer = "manufacturer" => column_manufacturer, default: false;
    Model = "model" => column_model, default: false;
    EnrollmentDate = "enrolledDateTime" => column_enrollment_date, default: false;
    ManagementName = "managedDeviceName" => column_management_name, default: false;
    DeviceState = "managementState" => column_device_state, default: false;
    Category = "deviceCategoryDisplayName" => column_category, default: false;
    PrimaryUserEmail = "emailAddress" => column_primary_user_email, default: false;
    PhoneNumber = "phoneNumber" => column_phone_number, default: false;
    WiFiMac = "wiFiMacAddress" => column_wi_fi_mac, default: false;
    FreeStorage = "freeStorageSpaceInBytes" => column_free_storage, default: false;
    TotalStorage = "totalStorageSpaceInBytes" => column_total_storage, default: false;
    Encrypted = "isEncrypted" => column_encrypted, default: false;
    JoinType = "joinType" => column_join_type, default: false;
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
    pub fn cell(self, m: &Messages, device: &ManagedDevice) -> String {
        match self {
            DeviceColumn::DeviceName => device.device_name.clone(),
            DeviceColumn::ManagedBy => device.management_agent.label(m).to_string(),
            DeviceColumn::Ownership => device.managed_device_owner_type.label(m).to_string(),
            DeviceColumn::Compliance => device.compliance_state.label(m).to_string(),
            DeviceColumn::Os => device.operating_system.clone(),
            DeviceColumn::OsVersion => device.os_version.clone(),
            DeviceColumn::PrimaryUserUpn => device.user_principal_name.clone(),
            DeviceColumn::LastCheckIn => date_time(device.last_sync_date_time),
            DeviceColumn::SerialNumber => device.serial_number.clone(),
            DeviceColumn::Manufacturer => device.manufacturer.clone(),
            DeviceColumn::Model => device.model.clone(),
            DeviceColumn::EnrollmentDate => date_time(device.enrolled_date_time),
            DeviceColumn::ManagementName => device.managed_device_name.clone(),
            DeviceColumn::DeviceState => device.management_state.label(m).to_string(),
            DeviceColumn::Category => device.device_category_display_name.clone(),
            DeviceColumn::PrimaryUserEmail => device.email_address.clone(),
            DeviceColumn::PhoneNumber => device.phone_number.clone(),
            DeviceColumn::WiFiMac => device.wi_fi_mac_address.clone(),
            DeviceColumn::FreeStorage => storage(device.free_storage_space_in_bytes),
            DeviceColumn::TotalStorage => storage(device.total_storage_space_in_bytes),
            DeviceColumn::Encrypted => if device.is_encrypted { &m.yes } else { &m.no }.to_string(),
            DeviceColumn::JoinType => device.join_type.label(m).to_string(),
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
        let labels: Vec<_> = DeviceColumn::defaults()
            .iter()
            .map(|c| c.label(Messages::english()))
            .collect();
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
