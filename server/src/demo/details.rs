//! What a device reports to Graph beyond its stored columns (hardware, logged-on users, the
//! ConfigMgr client's health, Exchange and registration state, …), derived when the row is read:
//! from the stored properties and a hash of the device id, so the same row always reads the same.
//! Storing them would cost a million-device load and every page read for what is rarely asked.

use chrono::{DateTime, TimeDelta, Utc};
use endpoint_admin_model::device::{ComplianceState, JoinType, ManagedDevice, ManagementAgent};
use endpoint_admin_model::graph_device::{
    ConfigurationManagerClientEnabledFeatures, ConfigurationManagerClientHealthState,
    DeviceHealthAttestationState, HardwareInformation, LoggedOnUser,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{
    CORPORATE_DESKTOPS, DAY, DIGITS, HOUR, UPPERCASE_ALPHANUMERIC, fnv1a, one_of,
    push_random_chars, weighted,
};

/// Fills `device`'s reported properties from its stored ones; overwrites any it had.
pub fn report_details(device: &mut ManagedDevice) {
    // Salted so these draws are unrelated to the demo's streams seeded from the same id.
    let mut rng = ChaCha8Rng::seed_from_u64(fnv1a(device.id.as_bytes()) ^ 0x0DE7_A115_5EED_0001);
    let kind = Kind::of(device);
    let agent = device.management_agent;
    let enrolled_in_intune = agent.is_intune_managed();
    let has_client = agent.has_configuration_manager_client();
    let is_eas = matches!(agent, ManagementAgent::Eas | ManagementAgent::EasMdm);
    let registered = device.join_type != JoinType::Unknown;
    let supervised =
        kind.is_apple() && device.device_enrollment_type.as_deref() == Some("appleBulkWithUser");

    device.aad_registered = Some(registered);
    device.azure_ad_registered = Some(registered);
    device.device_registration_state = Some(
        if device.azure_ad_device_id.is_some() {
            "registered"
        } else {
            "notRegistered"
        }
        .to_owned(),
    );
    device.is_supervised = Some(supervised);
    device.activation_lock_bypass_code =
        (supervised && kind.is_apple_mobile()).then(|| activation_lock_bypass_code(&mut rng));
    device.jail_broken = Some(if kind.is_mobile() { "False" } else { "Unknown" }.to_owned());
    device.lost_mode_state = Some("disabled".to_owned());
    device.chassis_type = Some(kind.chassis_type().to_owned());
    device.processor_architecture = Some(kind.architecture(&device.model).to_owned());
    device.physical_memory_in_bytes = Some(kind.memory_gigabytes(&mut rng) << 30);
    device.meid =
        (kind == Kind::IPhone && device.imei.len() == 15).then(|| device.imei[..14].to_owned());
    device.subscriber_carrier = (!device.phone_number.is_empty())
        .then(|| weighted(&mut rng, &[(40, "Verizon"), (35, "AT&T"), (25, "T-Mobile")]).to_owned());
    device.autopilot_enrolled = Some(
        kind.is_windows()
            && device.device_enrollment_type.as_deref() == Some("windowsAzureADJoin")
            && rng.random_bool(0.7),
    );
    device.bootstrap_token_escrowed = Some(kind == Kind::Mac && supervised);
    device.device_firmware_configuration_interface_managed =
        Some(device.manufacturer == "Microsoft Corporation" && enrolled_in_intune);
    device.management_features = Some("none".to_owned());
    device.partner_reported_threat_state = Some("unknown".to_owned());
    device.require_user_enrollment_approval = Some(false);
    device.role_scope_tag_ids = Some(vec!["0".to_owned()]);
    // Features the demo tenant does not use: ChromeOS, Cloud PC, remediation scripts.
    device.chrome_os_device_info = Some(Vec::new());
    device.cloud_pc_remote_action_results = Some(Vec::new());
    device.device_health_script_states = Some(Vec::new());
    device.enrolled_by_user_principal_name = (enrolled_in_intune
        && !device.user_principal_name.is_empty())
    .then(|| device.user_principal_name.clone());
    device.enrollment_profile_name = match device.device_enrollment_type.as_deref() {
        Some("appleBulkWithUser") => Some(format!("Contoso corporate {}", device.device_type)),
        Some("windowsAzureADJoin") if device.autopilot_enrolled == Some(true) => {
            Some("Contoso Autopilot user-driven".to_owned())
        }
        Some("androidEnterpriseFullyManaged") => Some("Contoso fully managed".to_owned()),
        _ => None,
    };
    device.management_certificate_expiration_date = enrolled_in_intune
        .then(|| days_after(device.last_sync_date_time, rng.random_range(120..=365)));
    device.compliance_grace_period_expiration_date_time = (device.compliance_state
        == ComplianceState::InGracePeriod)
        .then(|| days_after(device.last_sync_date_time, 3));
    device.eas_activated = Some(is_eas);
    device.eas_device_id = is_eas.then(|| {
        let mut id = String::with_capacity(32);
        push_random_chars(&mut rng, UPPERCASE_ALPHANUMERIC, 32, &mut id);
        id
    });
    device.eas_activation_date_time = is_eas.then_some(device.enrolled_date_time);
    device.exchange_access_state = Some(if is_eas { "allowed" } else { "none" }.to_owned());
    device.exchange_access_state_reason =
        Some(if is_eas { "compliant" } else { "none" }.to_owned());
    device.exchange_last_successful_sync_date_time = is_eas.then_some(device.last_sync_date_time);
    device.android_security_patch_level =
        (kind == Kind::AndroidPhone).then(|| android_patch_level(&device.os_version).to_owned());
    device.sku_number = device.sku_family.as_deref().map(|family| match family {
        "Enterprise" => 4,
        "Professional" => 48,
        "Education" => 121,
        _ => 101,
    });
    if kind.is_windows() {
        device.windows_active_malware_count = Some(i64::from(rng.random_bool(0.002)));
        device.windows_remediated_malware_count =
            Some(weighted(&mut rng, &[(90, 0), (8, 1), (2, 2)]));
    }
    device.users_logged_on = Some(match (&device.user_id, kind.is_windows()) {
        (Some(user_id), true) => vec![LoggedOnUser {
            user_id: Some(user_id.clone()),
            last_log_on_date_time: Some(seconds_before(
                device.last_sync_date_time,
                rng.random_range(0..8 * HOUR),
            )),
        }],
        _ => Vec::new(),
    });
    device.configuration_manager_client_health_state =
        has_client.then(|| ConfigurationManagerClientHealthState {
            state: Some(
                if device.is_online {
                    "healthy"
                } else {
                    "communicationError"
                }
                .to_owned(),
            ),
            error_code: Some(0),
            last_sync_date_time: Some(device.last_sync_date_time),
        });
    device.configuration_manager_client_enabled_features =
        (has_client && enrolled_in_intune).then(|| co_management_workloads(&mut rng));
    device.device_health_attestation_state = kind
        .is_windows()
        .then(|| health_attestation(device, &mut rng));
    device.hardware_information = Some(hardware_information(device, kind, supervised, &mut rng));
}

/// The Hardware blade of the admin center: what the device reported at its last inventory.
fn hardware_information(
    device: &ManagedDevice,
    kind: Kind,
    supervised: bool,
    rng: &mut ChaCha8Rng,
) -> HardwareInformation {
    let text = |value: &str| (!value.is_empty()).then(|| value.to_owned());
    let has_battery = kind != Kind::WindowsDesktop;
    let address = [
        10,
        rng.random_range(1..=40),
        rng.random_range(0..=255),
        rng.random_range(2..=254),
    ];
    let ip = (kind.is_windows() || kind == Kind::Mac).then(|| {
        format!(
            "{}.{}.{}.{}",
            address[0], address[1], address[2], address[3]
        )
    });
    let windows_edition = device.sku_family.clone();
    HardwareInformation {
        serial_number: text(&device.serial_number),
        total_storage_space: Some(device.total_storage_space_in_bytes),
        free_storage_space: Some(device.free_storage_space_in_bytes),
        imei: text(&device.imei),
        meid: device.meid.clone(),
        manufacturer: text(&device.manufacturer),
        model: text(&device.model),
        product_name: kind.is_windows().then(|| device.model.clone()),
        phone_number: text(&device.phone_number),
        subscriber_carrier: device.subscriber_carrier.clone(),
        cellular_technology: kind.is_phone().then(|| "GSM".to_owned()),
        wifi_mac: text(&device.wi_fi_mac_address),
        operating_system_language: Some(
            weighted(
                rng,
                &[(85, "en-US"), (6, "en-GB"), (5, "es-US"), (4, "fr-CA")],
            )
            .to_owned(),
        ),
        operating_system_edition: windows_edition,
        operating_system_product_type: device.sku_number,
        os_build_number: Some(os_build_number(device)),
        is_supervised: Some(supervised),
        is_encrypted: Some(device.is_encrypted),
        is_shared_device: Some(device.user_id.is_none()),
        shared_device_cached_users: Vec::new(),
        battery_serial_number: (has_battery && kind.is_windows()).then(|| {
            let mut serial = String::with_capacity(12);
            push_random_chars(rng, UPPERCASE_ALPHANUMERIC, 12, &mut serial);
            serial
        }),
        battery_health_percentage: has_battery.then(|| rng.random_range(72..=100)),
        battery_charge_cycles: has_battery.then(|| rng.random_range(20..=900)),
        battery_level_percentage: kind
            .is_mobile()
            .then(|| f64::from(rng.random_range(80_u32..=1000)) / 10.0),
        tpm_version: kind.is_windows().then(|| "2.0".to_owned()),
        tpm_manufacturer: kind
            .is_windows()
            .then(|| one_of(rng, &["INTC", "AMD", "IFX", "STM"]).to_owned()),
        tpm_specification_version: kind.is_windows().then(|| "2.0, 0, 1.59".to_owned()),
        wired_ipv4_addresses: match (&device.ethernet_mac_address, &ip) {
            (Some(_), Some(ip)) => vec![ip.clone()],
            _ => Vec::new(),
        },
        subnet_address: ip
            .as_ref()
            .map(|_| format!("{}.{}.{}.0", address[0], address[1], address[2])),
        ip_address_v4: ip,
        esim_identifier: (kind == Kind::IPhone && device.iccid.is_some() && rng.random_bool(0.4))
            .then(|| {
                let mut eid = String::from("89049032");
                push_random_chars(rng, DIGITS, 24, &mut eid);
                eid
            }),
        system_management_bios_version: kind
            .is_windows()
            .then(|| bios_version(&device.manufacturer, rng)),
        device_full_qualified_domain_name: (device.join_type == JoinType::HybridAzureAdJoined)
            .then(|| format!("{}.corp.contoso.com", device.device_name)),
        device_guard_virtualization_based_security_state: kind
            .is_windows()
            .then(|| "running".to_owned()),
        device_guard_virtualization_based_security_hardware_requirement_state: kind
            .is_windows()
            .then(|| "meetHardwareRequirements".to_owned()),
        device_guard_local_system_authority_credential_guard_state: kind.is_windows().then(|| {
            if device.sku_family.as_deref() == Some("Enterprise") {
                "running"
            } else {
                "notLicensed"
            }
            .to_owned()
        }),
        device_licensing_status: kind.is_windows().then(|| {
            if device.azure_ad_device_id.is_some() {
                "deviceLicenseRefreshSucceed"
            } else {
                "deviceIsNotAzureActiveDirectoryJoined"
            }
            .to_owned()
        }),
        device_licensing_last_error_code: kind.is_windows().then_some(0),
        device_licensing_last_error_description: None,
        resident_users_count: None,
    }
}

/// The workloads a co-managed device has moved to Intune.
fn co_management_workloads(rng: &mut ChaCha8Rng) -> ConfigurationManagerClientEnabledFeatures {
    ConfigurationManagerClientEnabledFeatures {
        compliance_policy: Some(true),
        resource_access: Some(rng.random_bool(0.8)),
        device_configuration: Some(rng.random_bool(0.6)),
        windows_update_for_business: Some(rng.random_bool(0.5)),
        endpoint_protection: Some(rng.random_bool(0.4)),
        modern_apps: Some(rng.random_bool(0.3)),
        office_apps: Some(rng.random_bool(0.3)),
        inventory: Some(false),
    }
}

/// What Windows' health attestation last reported.
fn health_attestation(
    device: &ManagedDevice,
    rng: &mut ChaCha8Rng,
) -> DeviceHealthAttestationState {
    let enabled = |on: bool| Some(if on { "enabled" } else { "disabled" }.to_owned());
    DeviceHealthAttestationState {
        bit_locker_status: enabled(device.is_encrypted),
        secure_boot: enabled(rng.random_bool(0.97)),
        code_integrity: enabled(true),
        boot_debugging: enabled(false),
        operating_system_kernel_debugging: enabled(false),
        test_signing: enabled(false),
        safe_mode: enabled(false),
        windows_pe: enabled(false),
        data_excution_policy: Some("on".to_owned()),
        early_launch_anti_malware_driver_protection: enabled(true),
        virtual_secure_mode: enabled(true),
        tpm_version: Some("2.0".to_owned()),
        health_attestation_supported_status: Some("supported".to_owned()),
        device_health_attestation_status: Some("reported".to_owned()),
        pcr_hash_algorithm: Some("SHA256".to_owned()),
        reset_count: Some(rng.random_range(0..40)),
        restart_count: Some(rng.random_range(10..400)),
        issued_date_time: Some(device.last_sync_date_time),
        last_update_date_time: Some(device.last_sync_date_time.to_rfc3339()),
        ..DeviceHealthAttestationState::default()
    }
}

/// The build the OS reports: Windows' `BUILD.UBR`, Apple's build code, Android's.
fn os_build_number(device: &ManagedDevice) -> String {
    let version = device.os_version.as_str();
    match device.operating_system.as_str() {
        "Windows" => version.splitn(3, '.').nth(2).unwrap_or(version).to_owned(),
        "iOS" | "iPadOS" | "macOS" => {
            // Apple's builds: major (17 → 21, 18 → 22; macOS 14 → 23, 15 → 24), a letter per
            // minor release, then a number.
            let mut parts = version
                .split('.')
                .map(|part| part.parse::<u32>().unwrap_or(0));
            let major = parts.next().unwrap_or(0);
            let minor = parts.next().unwrap_or(0);
            let patch = parts.next().unwrap_or(0);
            let train = if device.operating_system == "macOS" {
                major + 9
            } else {
                major + 4
            };
            let letter = char::from(b'A' + (minor.min(25) as u8));
            format!("{train}{letter}{}", 20 + patch * 11)
        }
        _ => format!("AP{}A.{}", version, 240_905),
    }
}

/// The first of the month of an Android release's latest security patch, as Android reports it.
fn android_patch_level(os_version: &str) -> &'static str {
    match os_version {
        "13" => "2025-02-01",
        "14" => "2025-03-01",
        _ => "2025-04-01",
    }
}

fn bios_version(manufacturer: &str, rng: &mut ChaCha8Rng) -> String {
    let minor = rng.random_range(5..30);
    match manufacturer {
        "Dell Inc." => format!("1.{minor}.0"),
        "HP" => format!("V70 Ver. 01.{minor:02}.00"),
        "LENOVO" => format!("N3XET{minor}W (1.{minor:02} )"),
        "Microsoft Corporation" => format!("{}.{minor}.140", rng.random_range(10..25)),
        _ => format!("{minor}.0"),
    }
}

/// Apple's Activation Lock bypass code for a supervised device: six groups of an unambiguous
/// alphabet.
fn activation_lock_bypass_code(rng: &mut ChaCha8Rng) -> String {
    const ALPHABET: &[u8] = b"0123456789ACDEFGHJKLMNPQRTUVWXY";
    let mut code = String::with_capacity(29);
    for (group, length) in [5, 4, 4, 4, 4, 4].into_iter().enumerate() {
        if group > 0 {
            code.push('-');
        }
        push_random_chars(rng, ALPHABET, length, &mut code);
    }
    code
}

fn days_after(time: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    time.checked_add_signed(TimeDelta::seconds(days * DAY))
        .unwrap_or(time)
}

fn seconds_before(time: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    time.checked_sub_signed(TimeDelta::seconds(seconds))
        .unwrap_or(time)
}

/// The kind of hardware, as far as the stored row tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    WindowsLaptop,
    WindowsDesktop,
    IPhone,
    IPad,
    AndroidPhone,
    Mac,
    Other,
}

impl Kind {
    fn of(device: &ManagedDevice) -> Kind {
        match device.operating_system.as_str() {
            "Windows"
                if CORPORATE_DESKTOPS
                    .iter()
                    .any(|(_, hardware)| hardware.model == device.model) =>
            {
                Kind::WindowsDesktop
            }
            "Windows" => Kind::WindowsLaptop,
            "iOS" => Kind::IPhone,
            "iPadOS" => Kind::IPad,
            "Android" => Kind::AndroidPhone,
            "macOS" => Kind::Mac,
            _ => Kind::Other,
        }
    }

    fn is_windows(self) -> bool {
        matches!(self, Kind::WindowsLaptop | Kind::WindowsDesktop)
    }

    fn is_apple_mobile(self) -> bool {
        matches!(self, Kind::IPhone | Kind::IPad)
    }

    fn is_apple(self) -> bool {
        self.is_apple_mobile() || self == Kind::Mac
    }

    fn is_phone(self) -> bool {
        matches!(self, Kind::IPhone | Kind::AndroidPhone)
    }

    fn is_mobile(self) -> bool {
        matches!(self, Kind::IPhone | Kind::IPad | Kind::AndroidPhone)
    }

    /// Graph's `chassisType`.
    fn chassis_type(self) -> &'static str {
        match self {
            Kind::WindowsLaptop | Kind::Mac => "laptop",
            Kind::WindowsDesktop => "desktop",
            Kind::IPhone | Kind::AndroidPhone => "phone",
            Kind::IPad => "tablet",
            Kind::Other => "unknown",
        }
    }

    /// Graph's `managedDeviceArchitecture`.
    fn architecture(self, model: &str) -> &'static str {
        match self {
            Kind::WindowsLaptop if model.contains("7th Edition") => "arM64",
            Kind::WindowsLaptop | Kind::WindowsDesktop => "x64",
            Kind::Other => "unknown",
            _ => "arM64",
        }
    }

    fn memory_gigabytes(self, rng: &mut ChaCha8Rng) -> i64 {
        match self {
            Kind::WindowsLaptop | Kind::WindowsDesktop | Kind::Mac => {
                weighted(rng, &[(25, 8), (55, 16), (20, 32)])
            }
            Kind::IPhone | Kind::IPad => weighted(rng, &[(60, 6), (40, 8)]),
            Kind::AndroidPhone => weighted(rng, &[(50, 8), (50, 12)]),
            Kind::Other => 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_row_always_reads_the_same() {
        let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
        for index in 0..200 {
            let stored = super::super::demo_device(index, 1000, now);
            let mut first = stored.clone();
            let mut second = stored;
            report_details(&mut first);
            report_details(&mut second);
            assert_eq!(first, second);
            assert!(first.hardware_information.is_some());
        }
    }

    #[test]
    fn only_supervised_iphones_and_ipads_have_an_activation_lock_bypass_code() {
        let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
        let mut with_code = 0;
        for index in 0..2000 {
            let mut device = super::super::demo_device(index, 2000, now);
            report_details(&mut device);
            let apple_mobile = matches!(device.operating_system.as_str(), "iOS" | "iPadOS");
            if device.activation_lock_bypass_code.is_some() {
                with_code += 1;
                assert!(
                    apple_mobile && device.is_supervised == Some(true),
                    "{device:?}"
                );
            }
            if apple_mobile && device.is_supervised == Some(true) {
                assert!(device.activation_lock_bypass_code.is_some());
            }
        }
        assert!(with_code > 0);
    }

    #[test]
    fn windows_devices_report_their_hardware_and_their_user_logged_on() {
        let now = DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default();
        let mut device = (0..500)
            .map(|index| super::super::demo_device(index, 500, now))
            .find(|device| device.operating_system == "Windows" && device.user_id.is_some())
            .unwrap();
        report_details(&mut device);
        let hardware = device.hardware_information.clone().unwrap_or_default();
        assert_eq!(
            hardware.serial_number.as_deref(),
            Some(device.serial_number.as_str())
        );
        assert_eq!(hardware.tpm_version.as_deref(), Some("2.0"));
        assert_eq!(
            hardware.total_storage_space,
            Some(device.total_storage_space_in_bytes)
        );
        let users_logged_on = device.users_logged_on.unwrap_or_default();
        assert_eq!(users_logged_on.len(), 1);
        assert_eq!(users_logged_on[0].user_id, device.user_id);
        assert!(device.physical_memory_in_bytes.unwrap_or(0) >= 8 << 30);
    }
}
