//! The deterministic demo tenant: any device from its index alone, and the apps ConfigMgr deploys to it.

pub mod details;

use chrono::{DateTime, Datelike, TimeDelta, Timelike, Utc};
use endpoint_admin_model::application::{
    ApplicationType, DeploymentIntent, InstallState, TargetedTo,
};
use endpoint_admin_model::device::{
    ComplianceState, ConfigurationManagerClientInformation, JoinType, ManagedDevice,
    ManagementAgent, ManagementState, OwnerType,
};
use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

const MINUTE: i64 = 60;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// Device `index` (0-based) of a demo tenant of `device_count` devices, with dates relative to `now`.
pub fn demo_device(index: u64, device_count: u64, now: DateTime<Utc>) -> ManagedDevice {
    let now = whole_seconds(now);
    // Salted so device streams are unrelated to the application streams seeded from id hashes.
    let mut rng = ChaCha8Rng::seed_from_u64(index ^ 0xD3E0_7E4A_A7C0_5EED);
    let id = guid(&mut rng).to_string();
    let management_agent = weighted(&mut rng, MANAGEMENT_AGENT_MIX);
    let has_client = management_agent.has_configuration_manager_client();

    let configuration_manager_client_information = has_client.then(|| {
        let mut client_identifier = String::from("GUID:");
        client_identifier.push_str(
            guid(&mut rng)
                .hyphenated()
                .encode_upper(&mut uuid::Uuid::encode_buffer()),
        );
        ConfigurationManagerClientInformation {
            client_identifier,
            client_version: weighted(&mut rng, CLIENT_VERSIONS).to_owned(),
            is_blocked: rng.random_bool(0.003),
        }
    });
    let is_online = has_client && rng.random_bool(0.85);
    let is_shared =
        management_agent == ManagementAgent::ConfigurationManagerClient && rng.random_bool(0.05);

    let platform = match management_agent {
        ManagementAgent::ConfigurationManagerClient
        | ManagementAgent::ConfigurationManagerClientMdm
        | ManagementAgent::ConfigurationManagerClientMdmEas => Platform::Windows,
        ManagementAgent::Mdm => weighted(&mut rng, INTUNE_PLATFORM_MIX),
        ManagementAgent::Eas | ManagementAgent::EasMdm => weighted(&mut rng, EAS_PLATFORM_MIX),
        ManagementAgent::Jamf => Platform::MacOs,
    };
    let is_byod_pc = platform == Platform::Windows && !has_client && rng.random_bool(0.08);
    let hardware = match platform {
        Platform::Windows if is_byod_pc => weighted(&mut rng, PERSONAL_PCS),
        Platform::Windows => {
            let desktop_share = if is_shared {
                1.0
            } else if has_client {
                0.3
            } else {
                0.08
            };
            if rng.random_bool(desktop_share) {
                weighted(&mut rng, CORPORATE_DESKTOPS)
            } else {
                weighted(&mut rng, CORPORATE_LAPTOPS)
            }
        }
        Platform::Ios => weighted(&mut rng, IPHONES),
        Platform::IpadOs => weighted(&mut rng, IPADS),
        Platform::Android => weighted(&mut rng, ANDROID_PHONES),
        Platform::MacOs => weighted(&mut rng, MACS),
    };

    let client_version = configuration_manager_client_information
        .as_ref()
        .map(|client| client.client_version.as_str());
    let os_version = os_version(&mut rng, platform, hardware, client_version);

    let managed_device_owner_type = ownership(&mut rng, platform, is_byod_pc);
    let is_corporate = managed_device_owner_type == OwnerType::Company;

    let user = (!is_shared).then(|| DemoUser::of(user_number(index, device_count)));
    let (user_principal_name, user_display_name) = match &user {
        Some(user) => (user.user_principal_name(), user.display_name()),
        None => (String::new(), String::new()),
    };

    let enrolled_seconds_ago = rng.random_range(0..=3 * 365 * DAY);
    let sync_window = enrolled_seconds_ago.min(30 * DAY);
    // Online clients and most Intune devices checked in today; offline ones stopped some time ago.
    let synced_recently = if has_client {
        is_online && rng.random_bool(0.8)
    } else {
        rng.random_bool(0.75)
    };
    let last_sync_seconds_ago = if synced_recently {
        rng.random_range(0..=sync_window.min(DAY))
    } else {
        rng.random_range(0..=sync_window)
    };
    let enrolled_date_time = seconds_before(now, enrolled_seconds_ago);

    let device_name = match (platform, &user) {
        (Platform::Windows, _) if is_byod_pc => windows_default_name(&mut rng),
        (Platform::Windows, _) => {
            let naming_template_share = if has_client { 0.85 } else { 0.6 };
            if rng.random_bool(naming_template_share) {
                let kind = if hardware.form == FormFactor::Desktop {
                    "DT"
                } else {
                    "LT"
                };
                let (number, digits) = asset_number(index, device_count);
                format!("CONTOSO-{kind}-{number:0digits$}")
            } else {
                windows_default_name(&mut rng)
            }
        }
        (Platform::Android, _) if is_corporate && rng.random_bool(0.5) => {
            let mut name = format!("Android_{}_", enrolled_date_time.year());
            push_random_chars(&mut rng, UPPERCASE_ALPHANUMERIC, 6, &mut name);
            name
        }
        (_, Some(user)) if !(is_corporate && rng.random_bool(0.15)) => {
            format!("{}'s {}", user.first, hardware.friendly_name)
        }
        _ => hardware.friendly_name.to_owned(),
    };

    let managed_device_name = match &user {
        Some(user) if management_agent != ManagementAgent::ConfigurationManagerClient => {
            let token = match platform {
                Platform::Windows => "Windows",
                Platform::Ios => "iPhone",
                Platform::IpadOs => "iPad",
                Platform::Android if is_corporate => "AndroidEnterprise",
                Platform::Android => "AndroidForWork",
                Platform::MacOs => "MacOS",
            };
            graph_managed_device_name(user, token, enrolled_date_time)
        }
        _ => device_name.clone(),
    };

    let compliance_state = if management_agent == ManagementAgent::ConfigurationManagerClient {
        ComplianceState::ConfigManager
    } else {
        weighted(&mut rng, COMPLIANCE_MIX)
    };
    let management_state = weighted(&mut rng, MANAGEMENT_STATE_MIX);

    let join_type = join_type(&mut rng, platform, management_agent, is_byod_pc);

    let is_phone = matches!(platform, Platform::Ios | Platform::Android);
    let imei = if is_phone {
        luhn_valid_imei(&mut rng)
    } else {
        String::new()
    };
    let phone_number = if is_phone && rng.random_bool(0.65) {
        format!(
            "+1 {} 555 01{:02}",
            one_of(&mut rng, AREA_CODES),
            rng.random_range(0..100)
        )
    } else {
        String::new()
    };

    let wi_fi_mac_address = if hardware.form == FormFactor::Desktop && rng.random_bool(0.4) {
        // Wired desktops often have no Wi-Fi adapter to report.
        String::new()
    } else {
        mac_address(&mut rng)
    };

    let (total_storage_space_in_bytes, free_storage_space_in_bytes) =
        storage(&mut rng, hardware.form);

    let is_encrypted = match platform {
        Platform::Ios | Platform::IpadOs => true,
        Platform::Android => rng.random_bool(0.97),
        Platform::Windows | Platform::MacOs => rng.random_bool(0.91),
    };

    // Drawn from a stream of their own, so that every property above stays as it was.
    let mut identifiers = ChaCha8Rng::seed_from_u64(index ^ 0x1DE7_1F1E_D5EE_D5A1);
    let azure_ad_device_id =
        (join_type != JoinType::Unknown).then(|| guid(&mut identifiers).to_string());
    let device_enrollment_type = enrollment_type(
        &mut identifiers,
        platform,
        management_agent,
        join_type,
        managed_device_owner_type,
    );
    let sku_family = (platform == Platform::Windows).then(|| {
        let family = if is_byod_pc {
            weighted(&mut identifiers, &[(70, "Core"), (30, "Professional")])
        } else {
            weighted(
                &mut identifiers,
                &[(88, "Enterprise"), (12, "Professional")],
            )
        };
        family.to_owned()
    });
    let notes = identifiers
        .random_bool(0.01)
        .then(|| one_of(&mut identifiers, DEVICE_NOTES).to_owned());
    // Desktops are wired; about half the laptops sit in a dock with its own adapter.
    let ethernet_mac_address = match hardware.form {
        FormFactor::Desktop => Some(mac_address(&mut identifiers)),
        FormFactor::Laptop if identifiers.random_bool(0.55) => Some(mac_address(&mut identifiers)),
        _ => None,
    };
    let udid = matches!(platform, Platform::Ios | Platform::IpadOs | Platform::MacOs)
        .then(|| apple_udid(&mut identifiers));
    let iccid = (is_phone && !phone_number.is_empty()).then(|| iccid(&mut identifiers));

    ManagedDevice {
        id,
        device_name,
        managed_device_name,
        management_agent,
        managed_device_owner_type,
        compliance_state,
        management_state,
        operating_system: platform.operating_system().to_owned(),
        os_version: os_version.to_owned(),
        device_type: platform.device_type().to_owned(),
        email_address: user_principal_name.clone(),
        user_principal_name,
        user_display_name,
        enrolled_date_time,
        last_sync_date_time: seconds_before(now, last_sync_seconds_ago),
        serial_number: serial_number(&mut rng, hardware.serial),
        manufacturer: hardware.manufacturer.to_owned(),
        model: hardware.model.to_owned(),
        imei,
        phone_number,
        wi_fi_mac_address,
        total_storage_space_in_bytes,
        free_storage_space_in_bytes,
        device_category_display_name: weighted(&mut rng, DEVICE_CATEGORIES).to_owned(),
        join_type,
        is_encrypted,
        device_action_results: Vec::new(),
        configuration_manager_client_information,
        is_online,
        owner_type: managed_device_owner_type,
        azure_active_directory_device_id: azure_ad_device_id.clone(),
        azure_ad_device_id,
        user_id: user.as_ref().map(|user| user.object_id().to_string()),
        device_enrollment_type: Some(device_enrollment_type.to_owned()),
        sku_family,
        notes,
        ethernet_mac_address,
        udid,
        iccid,
        ..ManagedDevice::default()
    }
}

/// Graph's `deviceEnrollmentType`: how such a device joins Intune in a tenant like Contoso's.
fn enrollment_type(
    rng: &mut ChaCha8Rng,
    platform: Platform,
    management_agent: ManagementAgent,
    join_type: JoinType,
    owner: OwnerType,
) -> &'static str {
    let corporate = owner == OwnerType::Company;
    match (platform, management_agent) {
        // ConfigMgr alone, or Exchange alone, never enrolls the device in Intune.
        (_, ManagementAgent::ConfigurationManagerClient | ManagementAgent::Eas) => "unknown",
        (_, ManagementAgent::Jamf) => "unknown",
        (
            Platform::Windows,
            ManagementAgent::ConfigurationManagerClientMdm
            | ManagementAgent::ConfigurationManagerClientMdmEas,
        ) => "windowsCoManagement",
        (Platform::Windows, _) => match join_type {
            JoinType::AzureAdJoined => "windowsAzureADJoin",
            JoinType::HybridAzureAdJoined => "windowsAutoEnrollment",
            _ => "userEnrollment",
        },
        (Platform::Ios | Platform::IpadOs | Platform::MacOs, _) if corporate => {
            weighted(rng, &[(90, "appleBulkWithUser"), (10, "userEnrollment")])
        }
        (Platform::Ios | Platform::IpadOs, _) => weighted(
            rng,
            &[
                (80, "userEnrollment"),
                (20, "appleAccountDrivenUserEnrollment"),
            ],
        ),
        (Platform::Android, _) if corporate => weighted(
            rng,
            &[
                (65, "androidEnterpriseFullyManaged"),
                (35, "androidEnterpriseCorporateWorkProfile"),
            ],
        ),
        _ => "userEnrollment",
    }
}

/// An Apple device's UDID as current hardware reports it: `00008110-001A2C3E0E8A801E`.
fn apple_udid(rng: &mut ChaCha8Rng) -> String {
    const HEX: &[u8] = b"0123456789ABCDEF";
    let mut udid = String::from("0000");
    push_random_chars(rng, DIGITS, 4, &mut udid);
    udid.push_str("-00");
    push_random_chars(rng, HEX, 14, &mut udid);
    udid
}

/// A SIM's ICCID: 89 (telecom), 01 (US), an issuer, the account and a Luhn check digit.
fn iccid(rng: &mut ChaCha8Rng) -> String {
    let mut digits = String::from("890141");
    push_random_chars(rng, DIGITS, 12, &mut digits);
    let values: Vec<u8> = digits.bytes().map(|digit| digit - b'0').collect();
    let check = luhn_check_digit(&values);
    digits.push(char::from(b'0' + check));
    digits
}

/// What admins write in a device's notes; most devices have none.
const DEVICE_NOTES: &[&str] = &[
    "Loaner pool: return to the IT desk after use.",
    "Executive device: call the owner before any wipe.",
    "Reimaged after a hardware repair.",
    "Conference room device.",
    "Replacement ordered; retire when the new one arrives.",
];

fn ownership(rng: &mut ChaCha8Rng, platform: Platform, is_byod_pc: bool) -> OwnerType {
    if is_byod_pc {
        return OwnerType::Personal;
    }
    match platform {
        Platform::Windows => weighted(rng, &[(990, OwnerType::Company), (10, OwnerType::Unknown)]),
        // Phones are where bring-your-own-device happens.
        Platform::Ios | Platform::Android => weighted(
            rng,
            &[
                (56, OwnerType::Company),
                (42, OwnerType::Personal),
                (2, OwnerType::Unknown),
            ],
        ),
        Platform::IpadOs => weighted(
            rng,
            &[
                (80, OwnerType::Company),
                (18, OwnerType::Personal),
                (2, OwnerType::Unknown),
            ],
        ),
        Platform::MacOs => weighted(
            rng,
            &[
                (95, OwnerType::Company),
                (4, OwnerType::Personal),
                (1, OwnerType::Unknown),
            ],
        ),
    }
}

/// An OS version the hardware (and, on Windows, the ConfigMgr client) can run.
fn os_version(
    rng: &mut ChaCha8Rng,
    platform: Platform,
    hardware: Hardware,
    client_version: Option<&str>,
) -> &'static str {
    match platform {
        Platform::Windows => windows_build(rng, client_version),
        Platform::Ios | Platform::IpadOs if hardware.launched_recently => {
            weighted(rng, APPLE_MOBILE_18)
        }
        Platform::Ios | Platform::IpadOs if rng.random_bool(0.8) => weighted(rng, APPLE_MOBILE_18),
        Platform::Ios | Platform::IpadOs => weighted(rng, APPLE_MOBILE_17),
        Platform::Android if hardware.launched_recently => weighted(rng, &[(55, "14"), (45, "15")]),
        Platform::Android => weighted(rng, &[(20, "13"), (45, "14"), (35, "15")]),
        Platform::MacOs => weighted(rng, MACOS_VERSIONS),
    }
}

fn join_type(
    rng: &mut ChaCha8Rng,
    platform: Platform,
    management_agent: ManagementAgent,
    is_byod_pc: bool,
) -> JoinType {
    match platform {
        Platform::Windows if is_byod_pc => JoinType::AzureAdRegistered,
        // ConfigMgr estates grew up on-premises, so most of their PCs are hybrid joined.
        Platform::Windows if management_agent.has_configuration_manager_client() => weighted(
            rng,
            &[
                (80, JoinType::HybridAzureAdJoined),
                (20, JoinType::AzureAdJoined),
            ],
        ),
        Platform::Windows => weighted(
            rng,
            &[
                (90, JoinType::AzureAdJoined),
                (10, JoinType::HybridAzureAdJoined),
            ],
        ),
        // Exchange alone never registers the device in Entra ID.
        _ if management_agent == ManagementAgent::Eas => JoinType::Unknown,
        _ => weighted(
            rng,
            &[(85, JoinType::AzureAdRegistered), (15, JoinType::Unknown)],
        ),
    }
}

/// Total and free bytes of a 128, 256 or 512 GB drive.
fn storage(rng: &mut ChaCha8Rng, form: FormFactor) -> (i64, i64) {
    let nominal_gigabytes = match form {
        FormFactor::Laptop | FormFactor::Desktop | FormFactor::Mac => {
            weighted(rng, &[(8, 128_i64), (55, 256), (37, 512)])
        }
        FormFactor::Phone | FormFactor::Tablet => {
            weighted(rng, &[(50, 128_i64), (38, 256), (12, 512)])
        }
    };
    // Volumes report a little less than the label: recovery, EFI and system partitions.
    let reserved = rng.random_range(400_000_000..2_500_000_000_i64);
    let total = round_to_block(nominal_gigabytes * 1_000_000_000 - reserved);
    let free = round_to_block(total / 1000 * rng.random_range(40..=780));
    (total, free)
}

/// An application as the ConfigMgr site deploys it to one device or its primary user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoApplication {
    pub id: String,
    pub name: &'static str,
    pub publisher: &'static str,
    pub version: &'static str,
    pub install_state: InstallState,
    pub deployment_intent: DeploymentIntent,
    pub targeted_to: TargetedTo,
    pub is_approval_required: bool,
    pub deadline_date_time: Option<DateTime<Utc>>,
    pub last_state_change_date_time: DateTime<Utc>,
    /// The enforcement error the client reported; 0 unless the install failed.
    pub error_code: i64,
    pub uninstall_command: Option<&'static str>,
    pub repair_command: Option<&'static str>,
    pub application_type: ApplicationType,
}

/// The applications deployed to a ConfigMgr or co-managed device, derived from its id alone (so they
/// need not be stored until something changes them). Empty for devices without a ConfigMgr client.
pub fn demo_applications(device: &ManagedDevice, now: DateTime<Utc>) -> Vec<DemoApplication> {
    if !device.management_agent.has_configuration_manager_client() {
        return Vec::new();
    }
    let now = whole_seconds(now);
    let device_seed = fnv1a(device.id.as_bytes());
    let mut rng = ChaCha8Rng::seed_from_u64(device_seed);
    let has_user = !device.user_principal_name.is_empty();

    let mut applications: Vec<DemoApplication> =
        choose_catalog_apps(&mut rng, &device.manufacturer)
            .into_iter()
            .map(|catalog_index| {
                deploy(
                    &mut rng,
                    catalog_index,
                    device_seed,
                    has_user,
                    device.is_online,
                    now,
                )
            })
            .collect();
    // The admin center lists them by name, whatever the case of the first letter (paint.net).
    applications.sort_unstable_by(|a, b| {
        let lowercase = |name: &'static str| name.bytes().map(|byte| byte.to_ascii_lowercase());
        lowercase(a.name).cmp(lowercase(b.name))
    });
    applications
}

/// Picks 8 to 40 distinct catalog apps: the baseline most PCs get, then line-of-business extras.
fn choose_catalog_apps(rng: &mut ChaCha8Rng, manufacturer: &str) -> Vec<usize> {
    let count = rng.random_range(8..=40);
    let fits = |index: &usize| fits_the_hardware(&APP_CATALOG[*index], manufacturer);
    let mut chosen: Vec<usize> = (0..BASELINE_APPS)
        .filter(fits)
        .filter(|_| rng.random_bool(0.85))
        .collect();
    chosen.truncate(count);
    let mut extras: Vec<usize> = (BASELINE_APPS..APP_CATALOG.len()).filter(fits).collect();
    let wanted = count.saturating_sub(chosen.len()).min(extras.len());
    // A partial Fisher-Yates shuffle draws distinct extras without shuffling the whole catalog.
    for slot in 0..wanted {
        let pick = rng.random_range(slot..extras.len());
        extras.swap(slot, pick);
    }
    chosen.extend_from_slice(&extras[..wanted]);
    chosen
}

/// Vendor tools (Dell Command | Update, HP Support Assistant, …) are only deployed to that vendor's PCs.
fn fits_the_hardware(app: &CatalogApp, manufacturer: &str) -> bool {
    match app.publisher {
        "Dell Inc." => manufacturer == "Dell Inc.",
        "HP Inc." => manufacturer == "HP",
        "Lenovo Group Ltd." => manufacturer == "LENOVO",
        _ => true,
    }
}

/// One deployment of catalog app `catalog_index`, in a state consistent with its intent and deadline.
fn deploy(
    rng: &mut ChaCha8Rng,
    catalog_index: usize,
    device_seed: u64,
    has_user: bool,
    is_online: bool,
    now: DateTime<Utc>,
) -> DemoApplication {
    let app = &APP_CATALOG[catalog_index];
    let deployment_intent = if rng.random_bool(0.3) {
        DeploymentIntent::Required
    } else {
        DeploymentIntent::Available
    };
    let device_targeted_share = match deployment_intent {
        DeploymentIntent::Required => 0.6,
        DeploymentIntent::Available => 0.25,
    };
    let targeted_to = if !has_user || rng.random_bool(device_targeted_share) {
        TargetedTo::Device
    } else {
        TargetedTo::User
    };
    // ConfigMgr only asks for approval on apps made available to users.
    let is_approval_required = deployment_intent == DeploymentIntent::Available
        && targeted_to == TargetedTo::User
        && rng.random_bool(0.05);

    let (deadline_date_time, mut install_state, changed_at_most_seconds_ago) =
        match deployment_intent {
            DeploymentIntent::Required if rng.random_bool(0.55) => {
                let deadline_seconds_ago = rng.random_range(HOUR..=90 * DAY);
                (
                    Some(seconds_before(now, deadline_seconds_ago)),
                    weighted(rng, REQUIRED_AFTER_DEADLINE),
                    deadline_seconds_ago,
                )
            }
            DeploymentIntent::Required => {
                let deadline_in = rng.random_range(HOUR..=14 * DAY);
                (
                    Some(seconds_after(now, deadline_in)),
                    weighted(rng, REQUIRED_BEFORE_DEADLINE),
                    30 * DAY,
                )
            }
            DeploymentIntent::Available => (None, weighted(rng, AVAILABLE_STATES), 180 * DAY),
        };
    // An offline client cannot be mid-install; the request waits for it.
    if install_state == InstallState::Installing && !is_online {
        install_state = InstallState::InstallRequested;
    }
    let changed_seconds_ago = match install_state {
        InstallState::Installing => rng.random_range(0..=2 * HOUR),
        InstallState::InstallRequested => rng.random_range(0..=2 * DAY),
        _ => rng.random_range(0..=changed_at_most_seconds_ago),
    };
    let error_code = if install_state == InstallState::Failed {
        weighted(rng, ENFORCEMENT_ERRORS)
    } else {
        0
    };

    DemoApplication {
        id: application_id(device_seed, catalog_index),
        name: app.name,
        publisher: app.publisher,
        version: app.version,
        install_state,
        deployment_intent,
        targeted_to,
        is_approval_required,
        deadline_date_time,
        last_state_change_date_time: seconds_before(now, changed_seconds_ago),
        error_code,
        uninstall_command: app.uninstall_command,
        repair_command: app.repair_command,
        application_type: app.application_type,
    }
}

/// The app's id on a device: stable for that device and catalog entry, whatever else is deployed.
fn application_id(device_seed: u64, catalog_index: usize) -> String {
    let app_seed = (catalog_index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    guid(&mut ChaCha8Rng::seed_from_u64(device_seed ^ app_seed)).to_string()
}

const REQUIRED_AFTER_DEADLINE: &[(u32, InstallState)] = &[
    (76, InstallState::Installed),
    (7, InstallState::Failed),
    (5, InstallState::RestartPending),
    (3, InstallState::Installing),
    (5, InstallState::RequirementsNotMet),
    (4, InstallState::InstallRequested),
];

const REQUIRED_BEFORE_DEADLINE: &[(u32, InstallState)] = &[
    (68, InstallState::Required),
    (22, InstallState::Installed),
    (3, InstallState::Installing),
    (3, InstallState::Failed),
    (2, InstallState::InstallRequested),
    (2, InstallState::RestartPending),
];

const AVAILABLE_STATES: &[(u32, InstallState)] = &[
    (44, InstallState::Available),
    (35, InstallState::Installed),
    (6, InstallState::NotInstalled),
    (4, InstallState::Failed),
    (3, InstallState::InstallRequested),
    (2, InstallState::Installing),
    (4, InstallState::RequirementsNotMet),
    (2, InstallState::RestartPending),
];

/// Exit codes the ConfigMgr client reports for failed enforcements, as the site stores them.
const ENFORCEMENT_ERRORS: &[(u32, i64)] = &[
    (30, 0x87D1_041C), // the application was not detected after installation completed
    (25, 0x8007_0643), // fatal error during installation
    (10, 0x87D0_0324), // the application was not detected after installation
    (10, 0x87D0_0607), // content not found
    (8, 0x8007_0652),  // another installation is already in progress
    (7, 0x87D0_1106),  // failed to verify the executable file is valid
    (5, 0x8007_0002),  // the system cannot find the file specified
    (5, 0x87D0_0213),  // the installation timed out
];

/// An application the demo site can deploy, with the commands of its deployment type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogApp {
    pub name: &'static str,
    pub publisher: &'static str,
    pub version: &'static str,
    pub uninstall_command: Option<&'static str>,
    pub repair_command: Option<&'static str>,
    pub application_type: ApplicationType,
}

/// The first entries of `APP_CATALOG`, deployed to nearly every managed PC.
const BASELINE_APPS: usize = 12;

/// The uninstall command of an MSI deployment type, from its product code.
macro_rules! msi_uninstall {
    ($product_code:literal) => {
        Some(concat!("msiexec /x {", $product_code, "} /qn"))
    };
}

/// The repair command of an MSI deployment type, from its product code.
macro_rules! msi_repair {
    ($product_code:literal) => {
        Some(concat!("msiexec /fa {", $product_code, "} /qn"))
    };
}

use ApplicationType::{Application, ApplicationGroup};

/// Real-world Windows apps with their publishers and current versions; the first `BASELINE_APPS` are the baseline.
#[rustfmt::skip]
pub const APP_CATALOG: &[CatalogApp] = &[
    CatalogApp { name: "Microsoft 365 Apps for enterprise - en-us", publisher: "Microsoft Corporation", version: "16.0.18526.20168", uninstall_command: Some(r#""%ProgramFiles%\Common Files\Microsoft Shared\ClickToRun\OfficeClickToRun.exe" scenario=install scenariosubtype=ARP sourcetype=None productstoremove=O365ProPlusRetail.16_en-us_x-none culture=en-us DisplayLevel=False"#), repair_command: Some(r#""%ProgramFiles%\Common Files\Microsoft Shared\ClickToRun\OfficeClickToRun.exe" scenario=Repair platform=x64 culture=en-us RepairType=QuickRepair DisplayLevel=False"#), application_type: Application },
    CatalogApp { name: "Microsoft Edge", publisher: "Microsoft Corporation", version: "134.0.3124.72", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Teams", publisher: "Microsoft Corporation", version: "25044.2208.3471.2155", uninstall_command: Some("teamsbootstrapper.exe -x"), repair_command: None, application_type: Application },
    CatalogApp { name: "Google Chrome", publisher: "Google LLC", version: "134.0.6998.89", uninstall_command: msi_uninstall!("F523D6F3-F25C-35E8-F06E-32F164FD24E5"), repair_command: msi_repair!("F523D6F3-F25C-35E8-F06E-32F164FD24E5"), application_type: Application },
    CatalogApp { name: "Adobe Acrobat Reader (64-bit)", publisher: "Adobe", version: "25.001.20432", uninstall_command: msi_uninstall!("AC76BA86-1033-FF00-7760-BC15014EA700"), repair_command: msi_repair!("AC76BA86-1033-FF00-7760-BC15014EA700"), application_type: Application },
    CatalogApp { name: "7-Zip 24.09 (x64)", publisher: "Igor Pavlov", version: "24.09", uninstall_command: Some(r#""%ProgramFiles%\7-Zip\Uninstall.exe" /S"#), repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.42.34438", publisher: "Microsoft Corporation", version: "14.42.34438.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Windows Desktop Runtime - 8.0.14 (x64)", publisher: "Microsoft Corporation", version: "8.0.14.34617", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft OneDrive", publisher: "Microsoft Corporation", version: "25.035.0223.0003", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Zoom Workplace (64-bit)", publisher: "Zoom Video Communications, Inc.", version: "6.4.1.62459", uninstall_command: msi_uninstall!("68679295-0223-4B5D-AECB-656D77977DE2"), repair_command: msi_repair!("68679295-0223-4B5D-AECB-656D77977DE2"), application_type: Application },
    CatalogApp { name: "GlobalProtect", publisher: "Palo Alto Networks", version: "6.3.2", uninstall_command: msi_uninstall!("EBCF5B0A-ADB4-625B-FE58-1E1D0EE59938"), repair_command: msi_repair!("EBCF5B0A-ADB4-625B-FE58-1E1D0EE59938"), application_type: Application },
    CatalogApp { name: "Microsoft Edge WebView2 Runtime", publisher: "Microsoft Corporation", version: "134.0.3124.72", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Mozilla Firefox (x64 en-US)", publisher: "Mozilla", version: "136.0.2", uninstall_command: Some(r#""%ProgramFiles%\Mozilla Firefox\uninstall\helper.exe" /S"#), repair_command: None, application_type: Application },
    CatalogApp { name: "Notepad++ (64-bit x64)", publisher: "Notepad++ Team", version: "8.7.8", uninstall_command: Some(r#""%ProgramFiles%\Notepad++\uninstall.exe" /S"#), repair_command: None, application_type: Application },
    CatalogApp { name: "VLC media player", publisher: "VideoLAN", version: "3.0.21", uninstall_command: Some(r#""%ProgramFiles%\VideoLAN\VLC\uninstall.exe" /S"#), repair_command: None, application_type: Application },
    CatalogApp { name: "Cisco Webex", publisher: "Cisco Systems, Inc", version: "45.2.0.31650", uninstall_command: msi_uninstall!("B74770D1-1B52-B159-0687-8BC3AF71001A"), repair_command: msi_repair!("B74770D1-1B52-B159-0687-8BC3AF71001A"), application_type: Application },
    CatalogApp { name: "Slack (Machine - MSI)", publisher: "Slack Technologies Inc.", version: "4.43.43", uninstall_command: msi_uninstall!("C3F1B5D3-98DB-15A6-A20B-2CF0DD311EFA"), repair_command: msi_repair!("C3F1B5D3-98DB-15A6-A20B-2CF0DD311EFA"), application_type: Application },
    CatalogApp { name: "Microsoft Visual Studio Code", publisher: "Microsoft Corporation", version: "1.98.2", uninstall_command: Some(r#""%ProgramFiles%\Microsoft VS Code\unins000.exe" /VERYSILENT /NORESTART"#), repair_command: None, application_type: Application },
    CatalogApp { name: "Python 3.12.9 (64-bit)", publisher: "Python Software Foundation", version: "3.12.9150.0", uninstall_command: Some("python-3.12.9-amd64.exe /uninstall /quiet"), repair_command: Some("python-3.12.9-amd64.exe /repair /quiet"), application_type: Application },
    CatalogApp { name: "Git", publisher: "The Git Development Community", version: "2.48.1", uninstall_command: Some(r#""%ProgramFiles%\Git\unins000.exe" /VERYSILENT /NORESTART"#), repair_command: None, application_type: Application },
    CatalogApp { name: "Citrix Workspace 2503", publisher: "Citrix Systems, Inc.", version: "25.3.0.185", uninstall_command: Some("CitrixWorkspaceApp.exe /uninstall /silent"), repair_command: None, application_type: Application },
    CatalogApp { name: "FortiClient VPN", publisher: "Fortinet Technologies Inc", version: "7.4.3.1790", uninstall_command: msi_uninstall!("2A82977A-FB91-7F81-7300-33F719A7AE7A"), repair_command: msi_repair!("2A82977A-FB91-7F81-7300-33F719A7AE7A"), application_type: Application },
    CatalogApp { name: "Tableau Desktop 2024.3", publisher: "Tableau Software", version: "24.3.1425.0", uninstall_command: msi_uninstall!("216096BD-8D9A-6FCE-9C0D-97B965D721B4"), repair_command: msi_repair!("216096BD-8D9A-6FCE-9C0D-97B965D721B4"), application_type: Application },
    CatalogApp { name: "SAP GUI for Windows 8.00", publisher: "SAP", version: "8.00 Patch 10", uninstall_command: Some(r#""%ProgramFiles(x86)%\SAP\SAPsetup\setup\NwSapSetup.exe" /Product="SAPGUI" /Uninstall /Silent"#), repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Power BI Desktop (x64)", publisher: "Microsoft Corporation", version: "2.141.1253.0", uninstall_command: msi_uninstall!("F8B3CB98-30B5-B965-58EE-D4E24B98109A"), repair_command: msi_repair!("F8B3CB98-30B5-B965-58EE-D4E24B98109A"), application_type: Application },
    CatalogApp { name: "WinSCP 6.5", publisher: "Martin Prikryl", version: "6.5", uninstall_command: Some(r#""%ProgramFiles(x86)%\WinSCP\unins000.exe" /VERYSILENT /NORESTART"#), repair_command: None, application_type: Application },
    CatalogApp { name: "PuTTY release 0.83 (64-bit)", publisher: "Simon Tatham", version: "0.83.0.0", uninstall_command: msi_uninstall!("C991BA58-BB5D-B635-6700-690EE0598374"), repair_command: msi_repair!("C991BA58-BB5D-B635-6700-690EE0598374"), application_type: Application },
    CatalogApp { name: "KeePass Password Safe 2.58", publisher: "Dominik Reichl", version: "2.58", uninstall_command: Some(r#""%ProgramFiles%\KeePass Password Safe 2\unins000.exe" /VERYSILENT"#), repair_command: None, application_type: Application },
    CatalogApp { name: "Greenshot 1.2.10.6", publisher: "Greenshot", version: "1.2.10.6", uninstall_command: Some(r#""%ProgramFiles%\Greenshot\unins000.exe" /VERYSILENT"#), repair_command: None, application_type: Application },
    CatalogApp { name: "paint.net", publisher: "dotPDN LLC", version: "5.1.5", uninstall_command: msi_uninstall!("73045804-506D-9D1A-3E7E-F54E5355E2AB"), repair_command: msi_repair!("73045804-506D-9D1A-3E7E-F54E5355E2AB"), application_type: Application },
    CatalogApp { name: "Audacity 3.7.3", publisher: "Audacity Team", version: "3.7.3", uninstall_command: Some(r#""%ProgramFiles%\Audacity\unins000.exe" /VERYSILENT"#), repair_command: None, application_type: Application },
    CatalogApp { name: "GIMP 3.0.2", publisher: "The GIMP Team", version: "3.0.2", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "LibreOffice 25.2.2.2", publisher: "The Document Foundation", version: "25.2.2.2", uninstall_command: msi_uninstall!("0A5B2A08-9092-C3DA-9762-727AA5FA1E19"), repair_command: msi_repair!("0A5B2A08-9092-C3DA-9762-727AA5FA1E19"), application_type: Application },
    CatalogApp { name: "Foxit PDF Reader", publisher: "Foxit Software Inc.", version: "2025.1.0.27937", uninstall_command: msi_uninstall!("38B3E5CA-D594-CB8F-4C91-53F271079C7D"), repair_command: msi_repair!("38B3E5CA-D594-CB8F-4C91-53F271079C7D"), application_type: Application },
    CatalogApp { name: "Snagit 2025", publisher: "TechSmith Corporation", version: "25.1.0.4893", uninstall_command: msi_uninstall!("8719CFF4-D1F1-A91A-077E-82C2E5B1CEDA"), repair_command: msi_repair!("8719CFF4-D1F1-A91A-077E-82C2E5B1CEDA"), application_type: Application },
    CatalogApp { name: "Camtasia 2024", publisher: "TechSmith Corporation", version: "24.1.5.7423", uninstall_command: msi_uninstall!("26C40B5B-F419-4131-4FA5-9F22D06A63B3"), repair_command: msi_repair!("26C40B5B-F419-4131-4FA5-9F22D06A63B3"), application_type: Application },
    CatalogApp { name: "Adobe Creative Cloud", publisher: "Adobe Inc.", version: "6.5.0.348", uninstall_command: Some(r#""%ProgramFiles(x86)%\Adobe\Adobe Creative Cloud\Utils\Creative Cloud Uninstaller.exe" -u"#), repair_command: None, application_type: Application },
    CatalogApp { name: "AutoCAD LT 2025", publisher: "Autodesk, Inc.", version: "25.0.58.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Node.js", publisher: "Node.js Foundation", version: "22.14.0", uninstall_command: msi_uninstall!("98D3044C-4FE0-0470-1035-2D7EB677E5E5"), repair_command: msi_repair!("98D3044C-4FE0-0470-1035-2D7EB677E5E5"), application_type: Application },
    CatalogApp { name: "Java 8 Update 441 (64-bit)", publisher: "Oracle Corporation", version: "8.0.4410.7", uninstall_command: msi_uninstall!("26A24AE4-039D-4CA4-87B4-2F64180441F0"), repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Visual C++ 2013 Redistributable (x64) - 12.0.40664", publisher: "Microsoft Corporation", version: "12.0.40664.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Dell Command | Update for Windows Universal", publisher: "Dell Inc.", version: "5.4.0", uninstall_command: msi_uninstall!("890737B5-2D33-8C3D-AE24-E66F93A12D8B"), repair_command: None, application_type: Application },
    CatalogApp { name: "Dell SupportAssist for Business PCs", publisher: "Dell Inc.", version: "4.5.1.22463", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "HP Support Assistant", publisher: "HP Inc.", version: "9.40.26.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "HP Image Assistant", publisher: "HP Inc.", version: "5.3.1.164", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Lenovo Commercial Vantage", publisher: "Lenovo Group Ltd.", version: "10.2501.15.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Lenovo System Update", publisher: "Lenovo Group Ltd.", version: "5.08.03.59", uninstall_command: Some(r#""%ProgramFiles(x86)%\Lenovo\System Update\unins000.exe" /VERYSILENT /NORESTART"#), repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Visio - en-us", publisher: "Microsoft Corporation", version: "16.0.18526.20168", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Project - en-us", publisher: "Microsoft Corporation", version: "16.0.18526.20168", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Power Automate for desktop", publisher: "Microsoft Corporation", version: "2.54.183.25062", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "SQL Server Management Studio 20.2", publisher: "Microsoft Corporation", version: "20.2.30.0", uninstall_command: Some("SSMS-Setup-ENU.exe /uninstall /quiet"), repair_command: Some("SSMS-Setup-ENU.exe /repair /quiet"), application_type: Application },
    CatalogApp { name: "Azure Data Studio", publisher: "Microsoft Corporation", version: "1.51.1", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Azure CLI (64-bit)", publisher: "Microsoft Corporation", version: "2.70.0", uninstall_command: msi_uninstall!("387A393B-C754-389C-FC96-3E77D485EA05"), repair_command: msi_repair!("387A393B-C754-389C-FC96-3E77D485EA05"), application_type: Application },
    CatalogApp { name: "PowerShell 7-x64", publisher: "Microsoft Corporation", version: "7.5.0.0", uninstall_command: msi_uninstall!("157CAE38-9013-FEB1-01BD-5E3FFD632556"), repair_command: msi_repair!("157CAE38-9013-FEB1-01BD-5E3FFD632556"), application_type: Application },
    CatalogApp { name: "Remote Desktop", publisher: "Microsoft Corporation", version: "1.2.6081.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Visual Studio Professional 2022", publisher: "Microsoft Corporation", version: "17.13.4", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Visual Studio Build Tools 2022", publisher: "Microsoft Corporation", version: "17.13.4", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft .NET SDK 8.0.407 (x64)", publisher: "Microsoft Corporation", version: "8.4.725.12104", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft ASP.NET Core 8.0.14 - Shared Framework (x64)", publisher: "Microsoft Corporation", version: "8.0.14.25112", uninstall_command: msi_uninstall!("23A5FB0F-5AC5-2383-43B0-22C57E7DAB75"), repair_command: msi_repair!("23A5FB0F-5AC5-2383-43B0-22C57E7DAB75"), application_type: Application },
    CatalogApp { name: "Microsoft Azure Storage Explorer", publisher: "Microsoft Corporation", version: "1.38.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Purview Information Protection", publisher: "Microsoft Corporation", version: "3.0.66.0", uninstall_command: msi_uninstall!("764B7315-B068-7BA6-4F76-44E796B3B4AB"), repair_command: msi_repair!("764B7315-B068-7BA6-4F76-44E796B3B4AB"), application_type: Application },
    CatalogApp { name: "Mozilla Thunderbird (x64 en-US)", publisher: "Mozilla", version: "128.8.1", uninstall_command: Some(r#""%ProgramFiles%\Mozilla Thunderbird\uninstall\helper.exe" /S"#), repair_command: None, application_type: Application },
    CatalogApp { name: "WinRAR 7.10 (64-bit)", publisher: "win.rar GmbH", version: "7.10.0", uninstall_command: Some(r#""%ProgramFiles%\WinRAR\uninstall.exe" /S"#), repair_command: None, application_type: Application },
    CatalogApp { name: "PeaZip 10.3.0 (WIN64)", publisher: "Giorgio Tani", version: "10.3.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "TreeSize Free V9.4.0", publisher: "JAM Software", version: "9.4.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "WinDirStat", publisher: "WinDirStat Team", version: "2.2.2", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Everything 1.4.1.1026 (x64)", publisher: "voidtools", version: "1.4.1.1026", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Wireshark 4.4.5 x64", publisher: "The Wireshark developer community, https://www.wireshark.org", version: "4.4.5", uninstall_command: Some(r#""%ProgramFiles%\Wireshark\uninstall-wireshark.exe" /S"#), repair_command: None, application_type: Application },
    CatalogApp { name: "Npcap", publisher: "Nmap Project", version: "1.81", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Nmap 7.95", publisher: "Nmap Project", version: "7.95", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "FileZilla 3.68.1", publisher: "Tim Kosse", version: "3.68.1", uninstall_command: Some(r#""%ProgramFiles%\FileZilla FTP Client\uninstall.exe" /S"#), repair_command: None, application_type: Application },
    CatalogApp { name: "mRemoteNG", publisher: "Next Generation Software", version: "1.76.20.24615", uninstall_command: msi_uninstall!("9A7993DB-ADF6-F194-04CC-0F11D3013F86"), repair_command: None, application_type: Application },
    CatalogApp { name: "Royal TS 7", publisher: "code4ward.net", version: "7.3.50224.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "TeamViewer", publisher: "TeamViewer", version: "15.63.4", uninstall_command: msi_uninstall!("49CA8286-E126-506E-3164-A88DFD0C1063"), repair_command: msi_repair!("49CA8286-E126-506E-3164-A88DFD0C1063"), application_type: Application },
    CatalogApp { name: "AnyDesk", publisher: "AnyDesk Software GmbH", version: "9.0.4", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Cisco Secure Client - AnyConnect VPN", publisher: "Cisco Systems, Inc.", version: "5.1.8.105", uninstall_command: msi_uninstall!("E64F6F80-E860-328F-5814-C850E0FD6993"), repair_command: msi_repair!("E64F6F80-E860-328F-5814-C850E0FD6993"), application_type: Application },
    CatalogApp { name: "Zscaler", publisher: "Zscaler Inc.", version: "4.5.0.352", uninstall_command: msi_uninstall!("1797D7DB-7DE2-406E-370D-0DC203A1DF9D"), repair_command: None, application_type: Application },
    CatalogApp { name: "CrowdStrike Windows Sensor", publisher: "CrowdStrike, Inc.", version: "7.21.19205.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "UniversalForwarder", publisher: "Splunk, Inc.", version: "9.4.1.0", uninstall_command: msi_uninstall!("8977B6FD-42BE-A83F-B478-871213AE0180"), repair_command: msi_repair!("8977B6FD-42BE-A83F-B478-871213AE0180"), application_type: Application },
    CatalogApp { name: "Okta Verify", publisher: "Okta, Inc.", version: "5.3.0.0", uninstall_command: msi_uninstall!("E888E445-4CF0-AC10-C62E-A11620198FFE"), repair_command: None, application_type: Application },
    CatalogApp { name: "Duo Authentication for Windows Logon x64", publisher: "Duo Security", version: "5.0.0", uninstall_command: msi_uninstall!("D7843A97-82A4-4D63-3ADB-CDEBBECA09A8"), repair_command: msi_repair!("D7843A97-82A4-4D63-3ADB-CDEBBECA09A8"), application_type: Application },
    CatalogApp { name: "Yubico Authenticator", publisher: "Yubico AB", version: "7.1.1", uninstall_command: msi_uninstall!("3BE68145-E645-09F9-E7E5-BF5551F82761"), repair_command: None, application_type: Application },
    CatalogApp { name: "1Password", publisher: "AgileBits Inc.", version: "8.10.68", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Bitwarden", publisher: "Bitwarden Inc.", version: "2025.2.1", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Dropbox", publisher: "Dropbox, Inc.", version: "220.4.4419", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Box", publisher: "Box, Inc.", version: "2.44.209", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Google Drive", publisher: "Google LLC", version: "104.0.2.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Egnyte Desktop App", publisher: "Egnyte", version: "3.22.1.159", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Omnissa Horizon Client", publisher: "Omnissa, LLC", version: "8.14.0.53107", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Teams Meeting Add-in for Microsoft Office", publisher: "Microsoft", version: "1.25.04603", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "RingCentral", publisher: "RingCentral", version: "25.1.20.1", uninstall_command: msi_uninstall!("9238CB78-953F-7FD2-83CA-4E8A4701500E"), repair_command: None, application_type: Application },
    CatalogApp { name: "Grammarly for Windows", publisher: "Grammarly", version: "1.2.137.1555", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Figma", publisher: "Figma, Inc.", version: "125.1.5", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Postman x64", publisher: "Postman", version: "11.36.1", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Docker Desktop", publisher: "Docker Inc.", version: "4.39.0", uninstall_command: Some(r#""%ProgramFiles%\Docker\Docker\Docker Desktop Installer.exe" uninstall --quiet"#), repair_command: None, application_type: Application },
    CatalogApp { name: "Oracle VirtualBox 7.1.6", publisher: "Oracle and/or its affiliates", version: "7.1.6", uninstall_command: msi_uninstall!("AF48CDA4-8815-D941-9C5D-43936CF3C027"), repair_command: msi_repair!("AF48CDA4-8815-D941-9C5D-43936CF3C027"), application_type: Application },
    CatalogApp { name: "VMware Workstation", publisher: "Broadcom Inc.", version: "17.6.3", uninstall_command: msi_uninstall!("C5ABF5E3-C4A8-C222-832F-D88F7B1B316A"), repair_command: msi_repair!("C5ABF5E3-C4A8-C222-832F-D88F7B1B316A"), application_type: Application },
    CatalogApp { name: "IntelliJ IDEA Community Edition 2024.3.5", publisher: "JetBrains s.r.o.", version: "243.26053.27", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "PyCharm Community Edition 2024.3.5", publisher: "JetBrains s.r.o.", version: "243.26053.29", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Eclipse Temurin JDK with Hotspot 21.0.6+7 (x64)", publisher: "Eclipse Adoptium", version: "21.0.6.7", uninstall_command: msi_uninstall!("1C84268E-815D-1A81-EA7F-D8A2692CEEE9"), repair_command: msi_repair!("1C84268E-815D-1A81-EA7F-D8A2692CEEE9"), application_type: Application },
    CatalogApp { name: "Microsoft Build of OpenJDK with Hotspot 21.0.6+7 (x64)", publisher: "Microsoft", version: "21.0.6.7", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Anaconda3 2024.10-1 (Python 3.12.7 64-bit)", publisher: "Anaconda, Inc.", version: "2024.10-1", uninstall_command: Some(r#""%ProgramData%\anaconda3\Uninstall-Anaconda3.exe" /S"#), repair_command: None, application_type: Application },
    CatalogApp { name: "R for Windows 4.4.3", publisher: "R Core Team", version: "4.4.3", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "RStudio", publisher: "Posit Software", version: "2024.12.1+563", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "MATLAB R2024b", publisher: "MathWorks", version: "24.2", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Minitab 22", publisher: "Minitab, LLC", version: "22.2.1.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "IBM SPSS Statistics", publisher: "IBM Corp.", version: "30.0.0.0", uninstall_command: msi_uninstall!("4F0A9982-C18C-7D2A-AA5C-6C6D4437F604"), repair_command: msi_repair!("4F0A9982-C18C-7D2A-AA5C-6C6D4437F604"), application_type: Application },
    CatalogApp { name: "QGIS 3.40.4 'Bratislava'", publisher: "QGIS.org", version: "3.40.4", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "ArcGIS Pro", publisher: "Esri", version: "3.4.3", uninstall_command: msi_uninstall!("D50363FA-699C-B8BF-17A6-AA31F9D96B41"), repair_command: msi_repair!("D50363FA-699C-B8BF-17A6-AA31F9D96B41"), application_type: Application },
    CatalogApp { name: "SketchUp 2025", publisher: "Trimble, Inc.", version: "25.0.575", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Autodesk Revit 2025", publisher: "Autodesk, Inc.", version: "25.3.0.46", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Bluebeam Revu 21", publisher: "Bluebeam, Inc.", version: "21.5.0", uninstall_command: msi_uninstall!("054B8AFB-353D-0CF1-8486-A8F8D27DA494"), repair_command: msi_repair!("054B8AFB-353D-0CF1-8486-A8F8D27DA494"), application_type: Application },
    CatalogApp { name: "Adobe Acrobat (64-bit)", publisher: "Adobe", version: "25.001.20432", uninstall_command: msi_uninstall!("AC76BA86-1033-1033-7760-BC15014EA700"), repair_command: msi_repair!("AC76BA86-1033-1033-7760-BC15014EA700"), application_type: Application },
    CatalogApp { name: "Adobe Photoshop 2025", publisher: "Adobe Inc.", version: "26.4.1", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Adobe Illustrator 2025", publisher: "Adobe Inc.", version: "29.3.1", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Adobe InDesign 2025", publisher: "Adobe Inc.", version: "20.2", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Nitro PDF Pro", publisher: "Nitro Software, Inc.", version: "14.31.0.23", uninstall_command: msi_uninstall!("990CFB21-7C52-CCC7-025C-8E9B40F448DB"), repair_command: msi_repair!("990CFB21-7C52-CCC7-025C-8E9B40F448DB"), application_type: Application },
    CatalogApp { name: "PDF24 Creator", publisher: "Geek Software GmbH", version: "11.24.0", uninstall_command: msi_uninstall!("6B366156-610E-8987-A0CE-958BCCD92229"), repair_command: None, application_type: Application },
    CatalogApp { name: "PDFsam Basic", publisher: "Sober Lemur S.r.l.", version: "5.3.1", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "SAP Crystal Reports runtime engine for .NET Framework (64-bit)", publisher: "SAP", version: "13.0.36.4801", uninstall_command: msi_uninstall!("0E078CBB-E52B-1FEF-C86B-2C433089C479"), repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft ODBC Driver 18 for SQL Server", publisher: "Microsoft Corporation", version: "18.5.1.1", uninstall_command: msi_uninstall!("A49ACDAD-11AD-A1EE-4F96-36BE1C800541"), repair_command: msi_repair!("A49ACDAD-11AD-A1EE-4F96-36BE1C800541"), application_type: Application },
    CatalogApp { name: "Microsoft OLE DB Driver 19 for SQL Server", publisher: "Microsoft Corporation", version: "19.4.1.0", uninstall_command: msi_uninstall!("9B98E8E5-2E29-92EF-FBB7-58512BDF8AE9"), repair_command: msi_repair!("9B98E8E5-2E29-92EF-FBB7-58512BDF8AE9"), application_type: Application },
    CatalogApp { name: "Microsoft Access database engine 2016 (English)", publisher: "Microsoft Corporation", version: "16.0.5044.1000", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "ShareX", publisher: "ShareX Team", version: "17.0.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "PowerToys (Preview) x64", publisher: "Microsoft Corporation", version: "0.90.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Zoom Outlook Plugin", publisher: "Zoom Video Communications, Inc.", version: "6.3.10.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Cisco Jabber", publisher: "Cisco Systems, Inc.", version: "15.0.2.60233", uninstall_command: msi_uninstall!("38D16522-3885-E747-62FA-0AE40255C5D0"), repair_command: msi_repair!("38D16522-3885-E747-62FA-0AE40255C5D0"), application_type: Application },
    CatalogApp { name: "Microsoft Visual C++ 2010  x64 Redistributable - 10.0.40219", publisher: "Microsoft Corporation", version: "10.0.40219", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Windows Desktop Runtime - 6.0.36 (x64)", publisher: "Microsoft Corporation", version: "6.0.36.34217", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Logi Options+", publisher: "Logitech", version: "1.88.700224", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Jabra Direct", publisher: "GN Audio A/S", version: "6.19.3.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "DisplayLink Graphics", publisher: "DisplayLink Corp.", version: "11.6.3155.0", uninstall_command: msi_uninstall!("4E3441A1-9992-FA2B-3B6C-8AFCF337389F"), repair_command: msi_repair!("4E3441A1-9992-FA2B-3B6C-8AFCF337389F"), application_type: Application },
    CatalogApp { name: "Intel® Driver & Support Assistant", publisher: "Intel", version: "24.6.49.8", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Dell Optimizer", publisher: "Dell Inc.", version: "5.0.1083.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "HP Wolf Security", publisher: "HP Inc.", version: "4.6.18.1102", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Office LTSC Professional Plus 2021 - en-us", publisher: "Microsoft Corporation", version: "16.0.14332.20903", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Sublime Text", publisher: "Sublime HQ Pty Ltd", version: "4192", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Beyond Compare 5.0.6", publisher: "Scooter Software", version: "5.0.6.30713", uninstall_command: Some(r#""%ProgramFiles%\Beyond Compare 5\unins000.exe" /VERYSILENT"#), repair_command: None, application_type: Application },
    CatalogApp { name: "WinMerge 2.16.46.0 x64", publisher: "Thingamahoochie Software", version: "2.16.46.0", uninstall_command: Some(r#""%ProgramFiles%\WinMerge\unins000.exe" /VERYSILENT"#), repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Power BI Report Builder", publisher: "Microsoft Corporation", version: "15.7.1813.44", uninstall_command: msi_uninstall!("DE4BBFA5-1359-D30C-319E-79D1216BE18B"), repair_command: None, application_type: Application },
    CatalogApp { name: "Zotero", publisher: "Corporation for Digital Scholarship", version: "7.0.15", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "EndNote 2025", publisher: "Clarivate", version: "25.0.0.20329", uninstall_command: msi_uninstall!("FEBFB728-977B-D107-C4B5-94628A312910"), repair_command: msi_repair!("FEBFB728-977B-D107-C4B5-94628A312910"), application_type: Application },
    CatalogApp { name: "Ivanti Secure Access Client", publisher: "Ivanti, Inc.", version: "22.7.4.33779", uninstall_command: msi_uninstall!("64C885A1-0EEF-AA6C-B0DD-41DC8A6AB8BC"), repair_command: msi_repair!("64C885A1-0EEF-AA6C-B0DD-41DC8A6AB8BC"), application_type: Application },
    CatalogApp { name: "OpenVPN Connect", publisher: "OpenVPN Inc.", version: "3.6.0.5035", uninstall_command: msi_uninstall!("02B13FC2-3484-C184-3EA0-D72C4C124ECC"), repair_command: None, application_type: Application },
    CatalogApp { name: "WireGuard", publisher: "WireGuard LLC", version: "0.5.3", uninstall_command: msi_uninstall!("5F7B71A8-7AC2-EA2F-6909-E25C0876A1B8"), repair_command: None, application_type: Application },
    CatalogApp { name: "Tableau Prep Builder 2024.3", publisher: "Tableau Software", version: "24.3.1254.0", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Alteryx Designer", publisher: "Alteryx", version: "24.2.1.54", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "DBeaver 25.0.1", publisher: "DBeaver Corp", version: "25.0.1", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "MySQL Workbench 8.0 CE", publisher: "Oracle Corporation", version: "8.0.41", uninstall_command: msi_uninstall!("9312DBDD-99AD-7710-C139-538C8C0702ED"), repair_command: None, application_type: Application },
    CatalogApp { name: "pgAdmin 4", publisher: "The pgAdmin Development Team", version: "9.1", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Android Studio", publisher: "Google LLC", version: "2024.3", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "GitHub Desktop", publisher: "GitHub, Inc.", version: "3.4.17", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "TortoiseGit 2.17.0.2 (64 bit)", publisher: "TortoiseGit", version: "2.17.0.2", uninstall_command: msi_uninstall!("BC9FC3F8-8F6D-8A62-F787-7B701678ADF4"), repair_command: msi_repair!("BC9FC3F8-8F6D-8A62-F787-7B701678ADF4"), application_type: Application },
    CatalogApp { name: "TortoiseSVN 1.14.9.29743 (64 bit)", publisher: "TortoiseSVN", version: "1.14.29743", uninstall_command: msi_uninstall!("B4622F7A-8565-4C01-6F75-DB0EBF4BB045"), repair_command: msi_repair!("B4622F7A-8565-4C01-6F75-DB0EBF4BB045"), application_type: Application },
    CatalogApp { name: "Microsoft .NET Framework 4.8.1", publisher: "Microsoft Corporation", version: "4.8.09032", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft SQL Server 2019 LocalDB", publisher: "Microsoft Corporation", version: "15.0.4382.1", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Cisco Secure Endpoint", publisher: "Cisco Systems, Inc.", version: "8.4.3.30587", uninstall_command: None, repair_command: None, application_type: Application },
    CatalogApp { name: "Microsoft Visual Studio Tools for Office Runtime (x64)", publisher: "Microsoft Corporation", version: "10.0.60922", uninstall_command: None, repair_command: None, application_type: Application },
    // Application groups (ConfigMgr 2111 and later): installed and removed as one, member by member.
    CatalogApp { name: "Contoso Developer Workstation", publisher: "Contoso IT", version: "2025.11", uninstall_command: Some("Uninstalls each application of the group, last to first"), repair_command: None, application_type: ApplicationGroup },
    CatalogApp { name: "Contoso Finance Desktop", publisher: "Contoso IT", version: "2025.09", uninstall_command: Some("Uninstalls each application of the group, last to first"), repair_command: None, application_type: ApplicationGroup },
    CatalogApp { name: "Contoso Engineering CAD Suite", publisher: "Contoso IT", version: "2024.3", uninstall_command: None, repair_command: None, application_type: ApplicationGroup },
];

/// Who manages the tenant's devices: mostly ConfigMgr through tenant attach, then co-managed and Intune.
const MANAGEMENT_AGENT_MIX: &[(u32, ManagementAgent)] = &[
    (550, ManagementAgent::ConfigurationManagerClient),
    (180, ManagementAgent::ConfigurationManagerClientMdm),
    (20, ManagementAgent::ConfigurationManagerClientMdmEas),
    (240, ManagementAgent::Mdm),
    (4, ManagementAgent::Eas),
    (3, ManagementAgent::EasMdm),
    (3, ManagementAgent::Jamf),
];

/// ConfigMgr client versions: mostly current branches, about 8% older than 2010 (5.00.9040).
const CLIENT_VERSIONS: &[(u32, &str)] = &[
    (3, "5.00.8968.1000"),
    (5, "5.00.9012.1000"),
    (2, "5.00.9040.1000"),
    (2, "5.00.9058.1000"),
    (3, "5.00.9068.1000"),
    (4, "5.00.9078.1000"),
    (5, "5.00.9088.1000"),
    (6, "5.00.9096.1000"),
    (10, "5.00.9106.1000"),
    (15, "5.00.9122.1000"),
    (20, "5.00.9128.1000"),
    (25, "5.00.9132.1000"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Platform {
    Windows,
    Ios,
    IpadOs,
    Android,
    MacOs,
}

impl Platform {
    fn operating_system(self) -> &'static str {
        match self {
            Platform::Windows => "Windows",
            Platform::Ios => "iOS",
            Platform::IpadOs => "iPadOS",
            Platform::Android => "Android",
            Platform::MacOs => "macOS",
        }
    }

    /// Graph's `deviceType` for the platform.
    fn device_type(self) -> &'static str {
        match self {
            Platform::Windows => "desktop",
            Platform::Ios => "iPhone",
            Platform::IpadOs => "iPad",
            Platform::Android => "android",
            Platform::MacOs => "macMDM",
        }
    }
}

const INTUNE_PLATFORM_MIX: &[(u32, Platform)] = &[
    (40, Platform::Windows),
    (27, Platform::Ios),
    (7, Platform::IpadOs),
    (18, Platform::Android),
    (8, Platform::MacOs),
];

/// Exchange ActiveSync only ever sees phones.
const EAS_PLATFORM_MIX: &[(u32, Platform)] = &[(60, Platform::Ios), (40, Platform::Android)];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormFactor {
    Laptop,
    Desktop,
    Phone,
    Tablet,
    Mac,
}

/// How a maker formats its serial numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SerialStyle {
    DellServiceTag,
    HpNotebook,
    HpDesktop,
    LenovoThinkPad,
    LenovoThinkCentre,
    Surface,
    Apple,
    Samsung,
    Pixel,
    Generic,
}

#[derive(Debug, Clone, Copy)]
struct Hardware {
    manufacturer: &'static str,
    model: &'static str,
    /// What its owner calls it, as in "Megan's Galaxy S24".
    friendly_name: &'static str,
    form: FormFactor,
    serial: SerialStyle,
    /// Shipped with the newest OS, so it never runs the older one.
    launched_recently: bool,
}

const fn hardware(
    manufacturer: &'static str,
    model: &'static str,
    friendly_name: &'static str,
    form: FormFactor,
    serial: SerialStyle,
) -> Hardware {
    Hardware {
        manufacturer,
        model,
        friendly_name,
        form,
        serial,
        launched_recently: false,
    }
}

const fn recent(hardware: Hardware) -> Hardware {
    Hardware {
        launched_recently: true,
        ..hardware
    }
}

use FormFactor::{Desktop, Laptop, Mac, Phone, Tablet};

#[rustfmt::skip]
const CORPORATE_LAPTOPS: &[(u32, Hardware)] = &[
    (14, hardware("Dell Inc.", "Latitude 5440", "Latitude", Laptop, SerialStyle::DellServiceTag)),
    (8, hardware("Dell Inc.", "Latitude 7440", "Latitude", Laptop, SerialStyle::DellServiceTag)),
    (7, hardware("Dell Inc.", "Latitude 5540", "Latitude", Laptop, SerialStyle::DellServiceTag)),
    (11, hardware("HP", "HP EliteBook 840 G10 Notebook PC", "EliteBook", Laptop, SerialStyle::HpNotebook)),
    (8, hardware("HP", "HP EliteBook 840 G9 Notebook PC", "EliteBook", Laptop, SerialStyle::HpNotebook)),
    (6, hardware("HP", "HP ProBook 450 G10 Notebook PC", "ProBook", Laptop, SerialStyle::HpNotebook)),
    (9, hardware("LENOVO", "ThinkPad T14 Gen 4", "ThinkPad", Laptop, SerialStyle::LenovoThinkPad)),
    (6, hardware("LENOVO", "ThinkPad X1 Carbon Gen 11", "ThinkPad", Laptop, SerialStyle::LenovoThinkPad)),
    (6, hardware("Microsoft Corporation", "Surface Laptop 5", "Surface Laptop", Laptop, SerialStyle::Surface)),
    (5, hardware("Microsoft Corporation", "Surface Pro 9", "Surface Pro", Laptop, SerialStyle::Surface)),
];

#[rustfmt::skip]
const CORPORATE_DESKTOPS: &[(u32, Hardware)] = &[
    (40, hardware("Dell Inc.", "OptiPlex 7010", "OptiPlex", Desktop, SerialStyle::DellServiceTag)),
    (25, hardware("HP", "HP EliteDesk 800 G9 Desktop Mini PC", "EliteDesk", Desktop, SerialStyle::HpDesktop)),
    (35, hardware("LENOVO", "ThinkCentre M70q Gen 4", "ThinkCentre", Desktop, SerialStyle::LenovoThinkCentre)),
];

#[rustfmt::skip]
const PERSONAL_PCS: &[(u32, Hardware)] = &[
    (30, hardware("ASUSTeK COMPUTER INC.", "ASUS Zenbook 14 UX3405MA", "Zenbook", Laptop, SerialStyle::Generic)),
    (25, hardware("HP", "HP Pavilion Laptop 15-eg3xxx", "Pavilion", Laptop, SerialStyle::HpNotebook)),
    (20, hardware("Acer", "Swift Go SFG14-73", "Swift Go", Laptop, SerialStyle::Generic)),
    (25, hardware("Microsoft Corporation", "Surface Laptop, 7th Edition", "Surface Laptop", Laptop, SerialStyle::Surface)),
];

#[rustfmt::skip]
const IPHONES: &[(u32, Hardware)] = &[
    (10, hardware("Apple", "iPhone 13", "iPhone", Phone, SerialStyle::Apple)),
    (16, hardware("Apple", "iPhone 14", "iPhone", Phone, SerialStyle::Apple)),
    (8, hardware("Apple", "iPhone 14 Pro", "iPhone", Phone, SerialStyle::Apple)),
    (20, hardware("Apple", "iPhone 15", "iPhone", Phone, SerialStyle::Apple)),
    (12, hardware("Apple", "iPhone 15 Pro", "iPhone", Phone, SerialStyle::Apple)),
    (22, recent(hardware("Apple", "iPhone 16", "iPhone", Phone, SerialStyle::Apple))),
    (12, recent(hardware("Apple", "iPhone 16 Pro", "iPhone", Phone, SerialStyle::Apple))),
];

#[rustfmt::skip]
const IPADS: &[(u32, Hardware)] = &[
    (40, hardware("Apple", "iPad Air (5th generation)", "iPad", Tablet, SerialStyle::Apple)),
    (30, hardware("Apple", "iPad (10th generation)", "iPad", Tablet, SerialStyle::Apple)),
    (15, hardware("Apple", "iPad Pro (11-inch) (4th generation)", "iPad", Tablet, SerialStyle::Apple)),
    (15, hardware("Apple", "iPad mini (6th generation)", "iPad", Tablet, SerialStyle::Apple)),
];

#[rustfmt::skip]
const ANDROID_PHONES: &[(u32, Hardware)] = &[
    (25, hardware("samsung", "SM-S911B", "Galaxy S23", Phone, SerialStyle::Samsung)),
    (30, recent(hardware("samsung", "SM-S921B", "Galaxy S24", Phone, SerialStyle::Samsung))),
    (20, hardware("samsung", "SM-A546B", "Galaxy A54", Phone, SerialStyle::Samsung)),
    (12, hardware("Google", "Pixel 7", "Pixel 7", Phone, SerialStyle::Pixel)),
    (13, recent(hardware("Google", "Pixel 8", "Pixel 8", Phone, SerialStyle::Pixel))),
];

#[rustfmt::skip]
const MACS: &[(u32, Hardware)] = &[
    (35, hardware("Apple", "MacBook Air (13-inch, M2, 2022)", "MacBook Air", Mac, SerialStyle::Apple)),
    (25, hardware("Apple", "MacBook Air (15-inch, M3, 2024)", "MacBook Air", Mac, SerialStyle::Apple)),
    (25, hardware("Apple", "MacBook Pro (14-inch, M3, 2023)", "MacBook Pro", Mac, SerialStyle::Apple)),
    (15, hardware("Apple", "MacBook Pro (16-inch, 2021)", "MacBook Pro", Mac, SerialStyle::Apple)),
];

/// Windows 10 22H2 with the cumulative updates of recent Patch Tuesdays, latest most common.
const WINDOWS_10_22H2: &[(u32, &str)] = &[
    (1, "10.0.19045.5247"),
    (2, "10.0.19045.5371"),
    (3, "10.0.19045.5487"),
    (5, "10.0.19045.5608"),
    (4, "10.0.19045.5737"),
];

const WINDOWS_11_23H2: &[(u32, &str)] = &[
    (1, "10.0.22631.4602"),
    (2, "10.0.22631.4751"),
    (3, "10.0.22631.4890"),
    (5, "10.0.22631.5039"),
    (4, "10.0.22631.5189"),
];

const WINDOWS_11_24H2: &[(u32, &str)] = &[
    (1, "10.0.26100.2605"),
    (2, "10.0.26100.2894"),
    (3, "10.0.26100.3194"),
    (5, "10.0.26100.3476"),
    (4, "10.0.26100.3775"),
];

/// A Windows build the device's ConfigMgr client (if any) supports: old clients stay on Windows 10.
fn windows_build(rng: &mut ChaCha8Rng, client_version: Option<&str>) -> &'static str {
    let feature_updates: &[(u32, &[(u32, &str)])] = match client_version {
        Some(version) if client_build(version) < 9040 => &[(1, WINDOWS_10_22H2)],
        Some(version) if client_build(version) < 9128 => {
            &[(45, WINDOWS_10_22H2), (55, WINDOWS_11_23H2)]
        }
        Some(_) => &[
            (25, WINDOWS_10_22H2),
            (35, WINDOWS_11_23H2),
            (40, WINDOWS_11_24H2),
        ],
        None => &[
            (15, WINDOWS_10_22H2),
            (40, WINDOWS_11_23H2),
            (45, WINDOWS_11_24H2),
        ],
    };
    let builds = weighted(rng, feature_updates);
    weighted(rng, builds)
}

/// The build of a `5.00.BUILD.REVISION` client version (9040 is version 2010).
fn client_build(version: &str) -> u32 {
    version
        .split('.')
        .nth(2)
        .and_then(|build| build.parse().ok())
        .unwrap_or(0)
}

const APPLE_MOBILE_17: &[(u32, &str)] = &[(2, "17.5.1"), (3, "17.6.1"), (3, "17.7.2")];

const APPLE_MOBILE_18: &[(u32, &str)] = &[
    (1, "18.1.1"),
    (2, "18.2.1"),
    (3, "18.3.1"),
    (3, "18.3.2"),
    (5, "18.4"),
    (4, "18.4.1"),
];

const MACOS_VERSIONS: &[(u32, &str)] = &[
    (2, "14.7.4"),
    (3, "14.7.5"),
    (2, "15.3.1"),
    (3, "15.3.2"),
    (5, "15.4"),
    (4, "15.4.1"),
];

const COMPLIANCE_MIX: &[(u32, ComplianceState)] = &[
    (780, ComplianceState::Compliant),
    (100, ComplianceState::Noncompliant),
    (40, ComplianceState::InGracePeriod),
    (50, ComplianceState::Unknown),
    (15, ComplianceState::Conflict),
    (15, ComplianceState::Error),
];

const MANAGEMENT_STATE_MIX: &[(u32, ManagementState)] = &[
    (955, ManagementState::Managed),
    (15, ManagementState::Unhealthy),
    (10, ManagementState::Discovered),
    (6, ManagementState::RetirePending),
    (2, ManagementState::RetireFailed),
    (5, ManagementState::WipePending),
    (2, ManagementState::WipeFailed),
    (5, ManagementState::DeletePending),
];

const DEVICE_CATEGORIES: &[(u32, &str)] = &[
    (55, "Unknown"),
    (10, "Sales"),
    (10, "Engineering"),
    (7, "Finance"),
    (6, "Marketing"),
    (4, "Human Resources"),
    (5, "IT"),
    (3, "Kiosk"),
];

const AREA_CODES: &[&str] = &[
    "425", "206", "312", "415", "512", "646", "617", "720", "404", "214",
];

/// Intel, Realtek, Apple, Samsung and Google prefixes, as the adapters report them.
const MAC_PREFIXES: &[&str] = &[
    "3C:22:FB", "A4:C3:F0", "8C:8D:28", "D8:3B:BF", "58:96:1D", "F4:26:79", "70:CD:0D", "BC:09:1B",
    "F0:9E:4A", "AC:12:03",
];

const UPPERCASE_ALPHANUMERIC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// Dell leaves out vowels so service tags never spell words.
const DELL_SERVICE_TAG_CHARACTERS: &[u8] = b"0123456789BCDFGHJKLMNPQRSTVWXYZ";
const DIGITS: &[u8] = b"0123456789";

/// The first names of the demo users; the first ones pair with the last names of the same position
/// (Adele Vance, Megan Bowen, …) so a small tenant shows the familiar Microsoft 365 demo people.
const FIRST_NAMES: [&str; 60] = [
    "Adele",
    "Megan",
    "Alex",
    "Lee",
    "Isaiah",
    "Nestor",
    "Lidia",
    "Diego",
    "Pradeep",
    "Grady",
    "Johanna",
    "Joni",
    "Miriam",
    "Patti",
    "Lynne",
    "Henrietta",
    "Christie",
    "Debra",
    "Allan",
    "Irvin",
    "Enrico",
    "Cameron",
    "Ben",
    "Emily",
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Carlos",
    "Karen",
    "Daniel",
    "Nancy",
    "Matthew",
    "Lisa",
    "Anthony",
    "Sofia",
    "Mark",
    "Priya",
    "Kevin",
    "Aisha",
    "Brian",
    "Mei",
    "Omar",
    "Laura",
    "Hiroshi",
    "Fatima",
];

const LAST_NAMES: [&str; 60] = [
    "Vance",
    "Bowen",
    "Wilber",
    "Gu",
    "Langer",
    "Wilke",
    "Holloway",
    "Siciliani",
    "Gupta",
    "Archie",
    "Lorenz",
    "Sherman",
    "Graham",
    "Fernandez",
    "Robbins",
    "Mueller",
    "Cline",
    "Berger",
    "Deyoung",
    "Sayers",
    "Cattaneo",
    "White",
    "Walters",
    "Braun",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Ramirez",
    "Moore",
    "Jackson",
    "Martin",
    "Rivera",
    "Thompson",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Nguyen",
    "Patel",
    "Kim",
    "Chen",
    "Singh",
];

const NAME_COMBINATIONS: u64 = (FIRST_NAMES.len() * LAST_NAMES.len()) as u64;

/// A user of the demo tenant, `first.last{n}@contoso.com`.
struct DemoUser {
    first: &'static str,
    last: &'static str,
    /// 0 for the first person with this name, else the number that tells namesakes apart (2, 3, …).
    namesake: u64,
}

impl DemoUser {
    /// User `number` of the pool: each first name meets each last name once before names repeat.
    fn of(number: u64) -> Self {
        let combination = number % NAME_COMBINATIONS;
        let first = (combination % FIRST_NAMES.len() as u64) as usize;
        let shift = (combination / FIRST_NAMES.len() as u64) as usize;
        let round = number / NAME_COMBINATIONS;
        DemoUser {
            first: FIRST_NAMES[first],
            last: LAST_NAMES[(first + shift) % LAST_NAMES.len()],
            namesake: if round == 0 { 0 } else { round + 1 },
        }
    }

    fn user_principal_name(&self) -> String {
        let mut upn = String::with_capacity(self.first.len() + self.last.len() + 16);
        upn.extend(self.first.chars().map(|c| c.to_ascii_lowercase()));
        upn.push('.');
        upn.extend(self.last.chars().map(|c| c.to_ascii_lowercase()));
        if self.namesake > 0 {
            upn.push_str(&self.namesake.to_string());
        }
        upn.push_str("@contoso.com");
        upn
    }

    fn display_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    /// The user's Entra object id (`userId`): derived from the UPN, so every device of the user
    /// has the same one.
    fn object_id(&self) -> uuid::Uuid {
        let upn = self.user_principal_name();
        let high = fnv1a(upn.as_bytes());
        let low = fnv1a(&[upn.as_bytes(), b"#object-id"].concat());
        let mut bytes = [0_u8; 16];
        bytes[..8].copy_from_slice(&high.to_be_bytes());
        bytes[8..].copy_from_slice(&low.to_be_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

/// The pool user of device `index`: about a third as many users as devices, each with about three
/// devices, scattered so that neighbouring devices belong to different people.
fn user_number(index: u64, device_count: u64) -> u64 {
    let pool = (device_count / 3).max(1);
    let mut step = (0x9E37_79B9_7F4A_7C15 % pool).max(1);
    // A step coprime with the pool makes the scattering a bijection, so every user gets devices.
    while greatest_common_divisor(step, pool) != 1 {
        step += 1;
    }
    ((index % pool) as u128 * step as u128 % pool as u128) as u64
}

fn greatest_common_divisor(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Graph's `{user}_{platform}_{M/D/YYYY}_{H:MM AM/PM}` name, from the enrollment time.
fn graph_managed_device_name(user: &DemoUser, platform: &str, enrolled: DateTime<Utc>) -> String {
    let (is_pm, hour) = enrolled.hour12();
    let initial = user.last.get(..1).unwrap_or_default();
    let namesake = if user.namesake > 0 {
        user.namesake.to_string()
    } else {
        String::new()
    };
    format!(
        "{}{initial}{namesake}_{platform}_{}/{}/{}_{hour}:{:02} {}",
        user.first,
        enrolled.month(),
        enrolled.day(),
        enrolled.year(),
        enrolled.minute(),
        if is_pm { "PM" } else { "AM" },
    )
}

/// An asset-tag number unique within the tenant, and how many digits to pad it to.
fn asset_number(index: u64, device_count: u64) -> (u64, usize) {
    let mut digits = 5;
    let mut modulus = 100_000_u64;
    while modulus < device_count.max(index + 1) {
        digits += 1;
        modulus = modulus.saturating_mul(10);
    }
    // 7919 is coprime with every power of ten, so distinct indexes keep distinct numbers.
    (
        (index.wrapping_mul(7919).wrapping_add(421)) % modulus,
        digits,
    )
}

/// The name Windows setup gives a PC nobody renamed.
fn windows_default_name(rng: &mut ChaCha8Rng) -> String {
    let mut name = String::from("DESKTOP-");
    push_random_chars(rng, UPPERCASE_ALPHANUMERIC, 7, &mut name);
    name
}

fn serial_number(rng: &mut ChaCha8Rng, style: SerialStyle) -> String {
    let mut serial = String::with_capacity(14);
    match style {
        SerialStyle::DellServiceTag => {
            push_random_chars(rng, DELL_SERVICE_TAG_CHARACTERS, 7, &mut serial);
        }
        SerialStyle::HpNotebook | SerialStyle::HpDesktop => {
            // Plant code, then the year digit and week of manufacture, then a sequence.
            serial.push_str(if style == SerialStyle::HpNotebook {
                "5CG"
            } else {
                "MXL"
            });
            let year = rng.random_range(2..=4_u8);
            let week = rng.random_range(1..=52_u8);
            for digit in [year, week / 10, week % 10] {
                serial.push(char::from(b'0' + digit));
            }
            push_random_chars(rng, UPPERCASE_ALPHANUMERIC, 4, &mut serial);
        }
        SerialStyle::LenovoThinkPad | SerialStyle::LenovoThinkCentre => {
            serial.push_str(if style == SerialStyle::LenovoThinkPad {
                "PF"
            } else {
                "MJ"
            });
            push_random_chars(rng, UPPERCASE_ALPHANUMERIC, 6, &mut serial);
        }
        SerialStyle::Surface => {
            serial.push('0');
            push_random_chars(rng, DIGITS, 11, &mut serial);
        }
        SerialStyle::Apple => {
            push_random_chars(rng, UPPERCASE_ALPHANUMERIC, 10, &mut serial);
        }
        SerialStyle::Samsung => {
            serial.push_str("R5C");
            push_random_chars(rng, UPPERCASE_ALPHANUMERIC, 8, &mut serial);
        }
        SerialStyle::Pixel => {
            push_random_chars(rng, DIGITS, 5, &mut serial);
            serial.push_str("FDH");
            push_random_chars(rng, DIGITS, 4, &mut serial);
            push_random_chars(rng, UPPERCASE_ALPHANUMERIC, 2, &mut serial);
        }
        SerialStyle::Generic => {
            push_random_chars(rng, UPPERCASE_ALPHANUMERIC, 12, &mut serial);
        }
    }
    serial
}

/// A 15-digit IMEI whose last digit is the Luhn check digit, as real IMEIs have.
fn luhn_valid_imei(rng: &mut ChaCha8Rng) -> String {
    let mut digits = [0_u8; 15];
    digits[0] = 3;
    digits[1] = 5;
    for digit in &mut digits[2..14] {
        *digit = rng.random_range(0..10);
    }
    digits[14] = luhn_check_digit(&digits[..14]);
    digits
        .iter()
        .map(|digit| char::from(b'0' + digit))
        .collect()
}

fn luhn_check_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(position, &digit)| {
            let digit = u32::from(digit);
            if position % 2 == 0 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

fn mac_address(rng: &mut ChaCha8Rng) -> String {
    let mut mac = String::with_capacity(17);
    mac.push_str(one_of(rng, MAC_PREFIXES));
    for _ in 0..3 {
        mac.push(':');
        let byte: u8 = rng.random();
        for nibble in [byte >> 4, byte & 0x0F] {
            mac.push(char::from(b"0123456789ABCDEF"[usize::from(nibble)]));
        }
    }
    mac
}

/// Storage sizes are whole 4 KiB clusters.
fn round_to_block(bytes: i64) -> i64 {
    bytes / 4096 * 4096
}

fn push_random_chars(rng: &mut ChaCha8Rng, alphabet: &[u8], count: usize, out: &mut String) {
    for _ in 0..count {
        out.push(char::from(alphabet[rng.random_range(0..alphabet.len())]));
    }
}

fn guid(rng: &mut ChaCha8Rng) -> uuid::Uuid {
    let mut bytes = [0_u8; 16];
    rng.fill_bytes(&mut bytes);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// Picks one of `choices` with probability proportional to its weight.
fn weighted<T: Copy>(rng: &mut ChaCha8Rng, choices: &[(u32, T)]) -> T {
    let total: u32 = choices.iter().map(|(weight, _)| weight).sum();
    let mut roll = rng.random_range(0..total);
    for &(weight, choice) in choices {
        if roll < weight {
            return choice;
        }
        roll -= weight;
    }
    choices[choices.len() - 1].1
}

fn one_of<T: Copy>(rng: &mut ChaCha8Rng, choices: &[T]) -> T {
    choices[rng.random_range(0..choices.len())]
}

/// FNV-1a: a hash that, unlike std's `DefaultHasher`, is the same on every build and platform.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// Graph dates carry no fraction of a second.
fn whole_seconds(time: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(time.timestamp(), 0).unwrap_or(time)
}

fn seconds_before(now: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    now.checked_sub_signed(TimeDelta::seconds(seconds))
        .unwrap_or(now)
}

fn seconds_after(now: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    now.checked_add_signed(TimeDelta::seconds(seconds))
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};
    use std::sync::OnceLock;

    const TENANT_SIZE: u64 = 20_000;

    /// A `now` with a fraction of a second, which no generated date may keep.
    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-11-03T09:41:27.250Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn tenant() -> &'static [ManagedDevice] {
        static TENANT: OnceLock<Vec<ManagedDevice>> = OnceLock::new();
        TENANT.get_or_init(|| {
            (0..TENANT_SIZE)
                .map(|index| demo_device(index, TENANT_SIZE, now()))
                .collect()
        })
    }

    fn configmgr_devices() -> impl Iterator<Item = &'static ManagedDevice> {
        tenant()
            .iter()
            .filter(|device| device.management_agent.has_configuration_manager_client())
    }

    /// The applications of the first `count` ConfigMgr or co-managed devices.
    fn deployments(count: usize) -> Vec<(&'static ManagedDevice, Vec<DemoApplication>)> {
        configmgr_devices()
            .take(count)
            .map(|device| (device, demo_applications(device, now())))
            .collect()
    }

    fn share_of<'a>(
        devices: impl Iterator<Item = &'a ManagedDevice>,
        predicate: impl Fn(&ManagedDevice) -> bool,
    ) -> f64 {
        let (mut matching, mut total) = (0, 0);
        for device in devices {
            total += 1;
            if predicate(device) {
                matching += 1;
            }
        }
        f64::from(matching) / f64::from(total)
    }

    fn assert_near(actual: f64, expected: f64, tolerance: f64, what: &str) {
        assert!(
            (actual - expected).abs() <= tolerance,
            "{what}: {actual:.3}, expected {expected} ± {tolerance}"
        );
    }

    #[test]
    fn the_same_index_always_gives_the_same_device() {
        for index in [0, 1, 17, 999, 123_456] {
            assert_eq!(
                demo_device(index, 200_000, now()),
                demo_device(index, 200_000, now())
            );
        }
        let backwards: Vec<_> = (0..100)
            .rev()
            .map(|index| demo_device(index, TENANT_SIZE, now()))
            .collect();
        assert!(backwards.iter().rev().eq(&tenant()[..100]));
    }

    #[test]
    fn the_same_device_always_gets_the_same_applications() {
        for device in configmgr_devices().take(20) {
            let regenerated = demo_device(
                tenant().iter().position(|d| d == device).unwrap() as u64,
                TENANT_SIZE,
                now(),
            );
            assert_eq!(
                demo_applications(device, now()),
                demo_applications(&regenerated, now())
            );
        }
    }

    #[test]
    fn ids_are_unique_across_a_tenant() {
        let ids: HashSet<&str> = tenant().iter().map(|device| device.id.as_str()).collect();
        assert_eq!(ids.len(), tenant().len());
        for id in ids.iter().take(100) {
            let parsed = uuid::Uuid::parse_str(id).unwrap();
            assert_eq!(parsed.to_string(), *id, "lowercase 8-4-4-4-12");
        }
    }

    #[test]
    fn management_agents_follow_the_tenant_attach_mix() {
        let share = |agents: &[ManagementAgent]| {
            share_of(tenant().iter(), |device| {
                agents.contains(&device.management_agent)
            })
        };
        use ManagementAgent::*;
        assert_near(
            share(&[ConfigurationManagerClient]),
            0.55,
            0.02,
            "ConfigMgr",
        );
        assert_near(
            share(&[
                ConfigurationManagerClientMdm,
                ConfigurationManagerClientMdmEas,
            ]),
            0.20,
            0.02,
            "co-managed",
        );
        assert_near(
            share(&[ConfigurationManagerClientMdmEas]),
            0.02,
            0.01,
            "co-managed EAS",
        );
        assert_near(share(&[Mdm]), 0.24, 0.02, "Intune");
        assert_near(
            share(&[Eas, EasMdm, Jamf]),
            0.01,
            0.005,
            "EAS, Intune/EAS and Jamf",
        );
        for agent in ManagementAgent::ALL {
            assert!(share(&[*agent]) > 0.0, "{agent:?} appears");
        }
    }

    #[test]
    fn configuration_manager_only_devices_defer_compliance_to_configmgr() {
        for device in tenant() {
            let configmgr_only =
                device.management_agent == ManagementAgent::ConfigurationManagerClient;
            assert_eq!(
                device.compliance_state == ComplianceState::ConfigManager,
                configmgr_only,
                "{device:?}"
            );
        }
    }

    #[test]
    fn only_devices_with_a_configmgr_client_carry_client_information() {
        for device in tenant() {
            let has_client = device.management_agent.has_configuration_manager_client();
            assert_eq!(
                device.configuration_manager_client_information.is_some(),
                has_client
            );
            if let Some(client) = &device.configuration_manager_client_information {
                let guid = client.client_identifier.strip_prefix("GUID:").unwrap();
                assert_eq!(guid, guid.to_uppercase());
                uuid::Uuid::parse_str(guid).unwrap();
                assert!(client.client_version.starts_with("5.00."));
            }
        }
    }

    #[test]
    fn configmgr_clients_span_versions_older_and_newer_than_2010() {
        let version = |device: &ManagedDevice| {
            device
                .configuration_manager_client_information
                .as_ref()
                .map(|client| client_build(&client.client_version))
                .unwrap()
        };
        let older_than_2010 = share_of(configmgr_devices(), |device| version(device) < 9040);
        assert_near(older_than_2010, 0.08, 0.015, "clients older than 2010");
        let versions: HashSet<u32> = configmgr_devices().map(version).collect();
        assert!(
            versions.contains(&8968) && versions.contains(&9132),
            "{versions:?}"
        );
        let blocked = share_of(configmgr_devices(), |device| {
            device
                .configuration_manager_client_information
                .as_ref()
                .is_some_and(|client| client.is_blocked)
        });
        assert!(
            blocked > 0.0 && blocked < 0.01,
            "a few blocked clients: {blocked}"
        );
    }

    #[test]
    fn about_fifteen_percent_of_clients_are_offline() {
        let offline = share_of(configmgr_devices(), |device| !device.is_online);
        assert_near(offline, 0.15, 0.015, "offline clients");
    }

    #[test]
    fn every_compliance_state_and_both_ownerships_appear() {
        let states: HashSet<ComplianceState> = tenant()
            .iter()
            .map(|device| device.compliance_state)
            .collect();
        assert_eq!(states.len(), ComplianceState::ALL.len(), "{states:?}");
        let managed_by_intune = || {
            tenant()
                .iter()
                .filter(|device| device.compliance_state != ComplianceState::ConfigManager)
        };
        let compliant = share_of(managed_by_intune(), |device| {
            device.compliance_state == ComplianceState::Compliant
        });
        let noncompliant = share_of(managed_by_intune(), |device| {
            device.compliance_state == ComplianceState::Noncompliant
        });
        assert!(compliant > 0.7, "compliant is most common: {compliant}");
        assert_near(noncompliant, 0.10, 0.02, "noncompliant");

        let owners: HashSet<OwnerType> = tenant()
            .iter()
            .map(|device| device.managed_device_owner_type)
            .collect();
        assert_eq!(owners.len(), OwnerType::ALL.len());
        let corporate = share_of(tenant().iter(), |device| {
            device.managed_device_owner_type == OwnerType::Company
        });
        let personal_phones = share_of(
            tenant()
                .iter()
                .filter(|device| device.device_type == "iPhone"),
            |device| device.managed_device_owner_type == OwnerType::Personal,
        );
        assert!(corporate > 0.85, "corporate: {corporate}");
        assert!(personal_phones > 0.3, "personal iPhones: {personal_phones}");
    }

    #[test]
    fn most_devices_are_managed_and_every_device_state_appears() {
        let states: HashSet<ManagementState> = tenant()
            .iter()
            .map(|device| device.management_state)
            .collect();
        assert_eq!(states.len(), ManagementState::ALL.len(), "{states:?}");
        let managed = share_of(tenant().iter(), |device| {
            device.management_state == ManagementState::Managed
        });
        assert!(managed > 0.93, "managed: {managed}");
    }

    #[test]
    fn users_come_from_a_pool_of_about_a_third_of_the_devices() {
        let mut devices_per_user: HashMap<&str, usize> = HashMap::new();
        for device in tenant()
            .iter()
            .filter(|device| !device.user_principal_name.is_empty())
        {
            *devices_per_user
                .entry(&device.user_principal_name)
                .or_default() += 1;
            assert_eq!(device.email_address, device.user_principal_name);
            assert!(device.user_principal_name.ends_with("@contoso.com"));
        }
        let pool = TENANT_SIZE as usize / 3;
        assert!(devices_per_user.len() <= pool);
        assert!(devices_per_user.len() as f64 > pool as f64 * 0.98);
        assert!(devices_per_user.values().all(|&devices| devices <= 4));
        assert!(devices_per_user.contains_key("adele.vance@contoso.com"));
        assert!(devices_per_user.contains_key("megan.bowen@contoso.com"));
    }

    #[test]
    fn namesakes_get_a_number_after_their_name() {
        let adele = DemoUser::of(0);
        assert_eq!(adele.user_principal_name(), "adele.vance@contoso.com");
        assert_eq!(adele.display_name(), "Adele Vance");
        let namesake = DemoUser::of(NAME_COMBINATIONS);
        assert_eq!(namesake.user_principal_name(), "adele.vance2@contoso.com");
        assert_eq!(namesake.display_name(), "Adele Vance");
        let everyone: HashSet<String> = (0..3 * NAME_COMBINATIONS)
            .map(|number| DemoUser::of(number).user_principal_name())
            .collect();
        assert_eq!(everyone.len() as u64, 3 * NAME_COMBINATIONS);
    }

    #[test]
    fn the_display_name_belongs_to_the_user_principal_name() {
        for device in tenant().iter().take(2000) {
            let expected = device.user_display_name.replace(' ', ".").to_lowercase();
            assert!(
                device.user_principal_name.starts_with(&expected),
                "{device:?}"
            );
        }
    }

    #[test]
    fn about_five_percent_of_configmgr_devices_are_shared_desktops_without_a_user() {
        let shared = share_of(configmgr_devices(), |device| {
            device.user_principal_name.is_empty()
        });
        assert_near(shared, 0.05 * 0.55 / 0.75, 0.01, "shared ConfigMgr devices");
        for device in tenant()
            .iter()
            .filter(|device| device.user_principal_name.is_empty())
        {
            assert_eq!(
                device.management_agent,
                ManagementAgent::ConfigurationManagerClient
            );
            assert!(device.user_display_name.is_empty() && device.email_address.is_empty());
            assert!(
                CORPORATE_DESKTOPS
                    .iter()
                    .any(|(_, pc)| pc.model == device.model)
            );
        }
    }

    #[test]
    fn last_check_in_is_spread_over_the_last_thirty_days() {
        let now = whole_seconds(now());
        let three_years_ago = now - TimeDelta::days(3 * 365);
        let mut days_ago = HashSet::new();
        for device in tenant() {
            assert!(
                device.enrolled_date_time >= three_years_ago && device.enrolled_date_time <= now
            );
            assert!(
                device.last_sync_date_time >= device.enrolled_date_time,
                "{device:?}"
            );
            let since_sync = now - device.last_sync_date_time;
            assert!(since_sync <= TimeDelta::days(30), "{device:?}");
            days_ago.insert(since_sync.num_days());
        }
        assert!(
            (0..30).all(|day| days_ago.contains(&day)),
            "every day of the last 30 has check-ins: {days_ago:?}"
        );
        let checked_in_today = share_of(tenant().iter(), |device| {
            now - device.last_sync_date_time < TimeDelta::days(1)
        });
        assert!(
            checked_in_today > 0.5 && checked_in_today < 0.9,
            "{checked_in_today}"
        );
    }

    #[test]
    fn dates_have_no_fraction_of_a_second() {
        for device in tenant().iter().take(1000) {
            assert_eq!(device.enrolled_date_time.timestamp_subsec_nanos(), 0);
            assert_eq!(device.last_sync_date_time.timestamp_subsec_nanos(), 0);
        }
        for (_, applications) in deployments(100) {
            for application in applications {
                assert_eq!(
                    application
                        .last_state_change_date_time
                        .timestamp_subsec_nanos(),
                    0
                );
                if let Some(deadline) = application.deadline_date_time {
                    assert_eq!(deadline.timestamp_subsec_nanos(), 0);
                }
            }
        }
    }

    #[test]
    fn windows_devices_are_named_by_the_naming_template_or_windows_setup() {
        let is_template_name = |name: &str| {
            ["CONTOSO-LT-", "CONTOSO-DT-"].iter().any(|prefix| {
                name.strip_prefix(prefix).is_some_and(|number| {
                    number.len() == 5 && number.bytes().all(|b| b.is_ascii_digit())
                })
            })
        };
        let is_setup_name = |name: &str| {
            name.strip_prefix("DESKTOP-").is_some_and(|suffix| {
                suffix.len() == 7 && suffix.bytes().all(|b| UPPERCASE_ALPHANUMERIC.contains(&b))
            })
        };
        let windows = || {
            tenant()
                .iter()
                .filter(|device| device.operating_system == "Windows")
        };
        for device in windows() {
            assert!(
                is_template_name(&device.device_name) || is_setup_name(&device.device_name),
                "{}",
                device.device_name
            );
            assert_eq!(device.device_type, "desktop");
        }
        let template_names: HashSet<&str> = windows()
            .map(|device| device.device_name.as_str())
            .filter(|name| is_template_name(name))
            .collect();
        assert_eq!(
            template_names.len(),
            windows()
                .filter(|device| is_template_name(&device.device_name))
                .count(),
            "asset numbers are unique"
        );
        assert!(windows().any(|device| is_setup_name(&device.device_name)));
    }

    #[test]
    fn intune_devices_have_a_graph_style_management_name() {
        for device in tenant().iter().take(3000) {
            if device.management_agent == ManagementAgent::ConfigurationManagerClient {
                assert_eq!(device.managed_device_name, device.device_name);
                continue;
            }
            let parts: Vec<&str> = device.managed_device_name.split('_').collect();
            assert_eq!(parts.len(), 4, "{}", device.managed_device_name);
            let first_name = device.user_display_name.split(' ').next().unwrap();
            assert!(
                parts[0].starts_with(first_name),
                "{}",
                device.managed_device_name
            );
            let enrolled = device.enrolled_date_time;
            assert_eq!(
                parts[2],
                format!(
                    "{}/{}/{}",
                    enrolled.month(),
                    enrolled.day(),
                    enrolled.year()
                )
            );
            assert!(parts[3].ends_with(" AM") || parts[3].ends_with(" PM"));
        }
        let adele = DemoUser::of(0);
        let enrolled = DateTime::parse_from_rfc3339("2025-11-03T09:41:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            graph_managed_device_name(&adele, "Windows", enrolled),
            "AdeleV_Windows_11/3/2025_9:41 AM"
        );
    }

    #[test]
    fn configmgr_devices_run_windows_10_or_11_as_their_client_allows() {
        for device in configmgr_devices() {
            assert_eq!(device.operating_system, "Windows");
            assert!(
                ["10.0.19045.", "10.0.22631.", "10.0.26100."]
                    .iter()
                    .any(|build| device.os_version.starts_with(build)),
                "{}",
                device.os_version
            );
            assert!(device.imei.is_empty() && device.phone_number.is_empty());
            assert!(matches!(
                device.join_type,
                JoinType::HybridAzureAdJoined | JoinType::AzureAdJoined
            ));
            let client = device
                .configuration_manager_client_information
                .as_ref()
                .unwrap();
            if client_build(&client.client_version) < 9040 {
                assert!(device.os_version.starts_with("10.0.19045."));
            }
        }
    }

    #[test]
    fn every_platform_appears_with_its_device_type() {
        let platforms: HashSet<(&str, &str)> = tenant()
            .iter()
            .map(|device| {
                (
                    device.operating_system.as_str(),
                    device.device_type.as_str(),
                )
            })
            .collect();
        let expected: HashSet<(&str, &str)> = [
            ("Windows", "desktop"),
            ("iOS", "iPhone"),
            ("iPadOS", "iPad"),
            ("Android", "android"),
            ("macOS", "macMDM"),
        ]
        .into_iter()
        .collect();
        assert_eq!(platforms, expected);
        for device in tenant() {
            assert!(
                endpoint_admin_model::device::OPERATING_SYSTEMS
                    .contains(&device.operating_system.as_str())
            );
            if device.management_agent == ManagementAgent::Jamf {
                assert_eq!(device.operating_system, "macOS");
            }
        }
    }

    #[test]
    fn phones_have_a_luhn_valid_imei_and_other_devices_none() {
        let luhn_valid = |number: &str| {
            let digits: Vec<u8> = number.bytes().map(|b| b - b'0').collect();
            luhn_check_digit(&digits[..14]) == digits[14]
        };
        for device in tenant() {
            let is_phone = matches!(device.device_type.as_str(), "iPhone" | "android");
            if is_phone {
                assert_eq!(device.imei.len(), 15);
                assert!(device.imei.bytes().all(|b| b.is_ascii_digit()));
                assert!(luhn_valid(&device.imei), "{}", device.imei);
            } else {
                assert!(device.imei.is_empty() && device.phone_number.is_empty());
            }
        }
        // A known valid IMEI from the GSMA's examples.
        assert!(luhn_valid("490154203237518"));
        assert!(
            tenant()
                .iter()
                .any(|device| device.phone_number.starts_with("+1 "))
        );
    }

    #[test]
    fn serial_numbers_follow_each_makers_format() {
        for device in tenant().iter().take(5000) {
            let serial = device.serial_number.as_str();
            match device.manufacturer.as_str() {
                "Dell Inc." => assert_eq!(serial.len(), 7, "{serial}"),
                "HP" => assert!(
                    serial.len() == 10 && (serial.starts_with("5CG") || serial.starts_with("MXL"))
                ),
                "LENOVO" => assert!(
                    serial.len() == 8 && (serial.starts_with("PF") || serial.starts_with("MJ"))
                ),
                "Microsoft Corporation" => {
                    assert!(serial.len() == 12 && serial.bytes().all(|b| b.is_ascii_digit()))
                }
                _ => assert!(serial.len() >= 10, "{serial}"),
            }
        }
    }

    #[test]
    fn storage_is_a_labelled_drive_size_with_some_space_free() {
        for device in tenant().iter().take(5000) {
            let total = device.total_storage_space_in_bytes;
            let nominal = [128, 256, 512]
                .into_iter()
                .find(|gigabytes| (total - gigabytes * 1_000_000_000).abs() < 3_000_000_000);
            assert!(nominal.is_some(), "{total}");
            assert!(device.free_storage_space_in_bytes > 0);
            assert!(device.free_storage_space_in_bytes < total);
            if !device.wi_fi_mac_address.is_empty() {
                assert_eq!(device.wi_fi_mac_address.len(), 17);
                assert_eq!(device.wi_fi_mac_address.matches(':').count(), 5);
            }
        }
        let encrypted = share_of(tenant().iter(), |device| device.is_encrypted);
        assert!(encrypted > 0.85 && encrypted < 1.0, "{encrypted}");
        let categories: HashSet<&str> = tenant()
            .iter()
            .map(|device| device.device_category_display_name.as_str())
            .collect();
        assert!(categories.contains("Unknown") && categories.contains("Kiosk"));
    }

    #[test]
    fn devices_start_without_action_results() {
        assert!(
            tenant()
                .iter()
                .all(|device| device.device_action_results.is_empty())
        );
    }

    #[test]
    fn configmgr_devices_get_8_to_40_distinct_applications() {
        for (device, applications) in deployments(500) {
            assert!(
                (8..=40).contains(&applications.len()),
                "{}",
                applications.len()
            );
            let names: HashSet<&str> = applications.iter().map(|app| app.name).collect();
            assert_eq!(
                names.len(),
                applications.len(),
                "no duplicates on {}",
                device.device_name
            );
        }
        let sizes: HashSet<usize> = deployments(500)
            .iter()
            .map(|(_, apps)| apps.len())
            .collect();
        assert!(sizes.contains(&8) && sizes.contains(&40));
    }

    #[test]
    fn devices_without_a_configmgr_client_have_no_applications() {
        for device in tenant()
            .iter()
            .filter(|device| !device.management_agent.has_configuration_manager_client())
            .take(200)
        {
            assert!(demo_applications(device, now()).is_empty());
        }
    }

    #[test]
    fn every_install_state_appears_across_the_tenant() {
        let mut counts: HashMap<InstallState, usize> = HashMap::new();
        for (_, applications) in deployments(300) {
            for application in applications {
                *counts.entry(application.install_state).or_default() += 1;
            }
        }
        for state in InstallState::ALL {
            assert!(
                counts.get(state).is_some_and(|&count| count > 0),
                "{state:?}"
            );
        }
        let most_common = counts
            .iter()
            .max_by_key(|(_, count)| **count)
            .map(|(state, _)| *state);
        assert_eq!(most_common, Some(InstallState::Installed));
    }

    #[test]
    fn only_failed_installs_carry_an_error_code() {
        let mut codes = HashSet::new();
        for (_, applications) in deployments(300) {
            for application in applications {
                if application.install_state == InstallState::Failed {
                    assert_ne!(application.error_code, 0);
                    codes.insert(application.error_code);
                } else {
                    assert_eq!(application.error_code, 0);
                }
            }
        }
        assert!(
            codes.contains(&0x87D1041C) && codes.contains(&0x80070643),
            "{codes:x?}"
        );
    }

    #[test]
    fn required_deployments_have_a_deadline() {
        let now = whole_seconds(now());
        let (mut past, mut upcoming, mut required) = (0, 0, 0);
        for (_, applications) in deployments(300) {
            for application in applications {
                match (
                    application.deployment_intent,
                    application.deadline_date_time,
                ) {
                    (DeploymentIntent::Required, Some(deadline)) => {
                        required += 1;
                        assert!(deadline <= now + TimeDelta::days(14));
                        if deadline < now {
                            past += 1;
                            assert_ne!(application.install_state, InstallState::Required);
                        } else {
                            upcoming += 1;
                        }
                    }
                    (DeploymentIntent::Available, None) => {
                        assert_ne!(application.install_state, InstallState::Required);
                    }
                    (intent, deadline) => panic!("{intent:?} with deadline {deadline:?}"),
                }
                assert!(application.last_state_change_date_time <= now);
            }
        }
        assert!(past > 0 && upcoming > 0);
        let total: usize = deployments(300).iter().map(|(_, apps)| apps.len()).sum();
        assert_near(
            required as f64 / total as f64,
            0.3,
            0.03,
            "required deployments",
        );
    }

    #[test]
    fn offline_devices_never_show_an_install_in_progress() {
        for (device, applications) in deployments(1000).into_iter().filter(|(d, _)| !d.is_online) {
            assert!(
                applications
                    .iter()
                    .all(|app| app.install_state != InstallState::Installing),
                "{}",
                device.device_name
            );
        }
    }

    #[test]
    fn apps_target_users_only_on_devices_with_a_primary_user_and_approval_is_rare() {
        let (mut approvals, mut total) = (0, 0);
        for (device, applications) in deployments(2000) {
            for application in applications {
                total += 1;
                if device.user_principal_name.is_empty() {
                    assert_eq!(application.targeted_to, TargetedTo::Device);
                }
                if application.is_approval_required {
                    approvals += 1;
                    assert_eq!(application.deployment_intent, DeploymentIntent::Available);
                    assert_eq!(application.targeted_to, TargetedTo::User);
                }
            }
        }
        assert!(approvals > 0 && approvals * 20 < total);
    }

    #[test]
    fn vendor_tools_only_go_to_that_vendors_pcs() {
        for (device, applications) in deployments(1000) {
            for application in applications {
                if application.name.starts_with("Dell ") {
                    assert_eq!(device.manufacturer, "Dell Inc.");
                }
                if application.name.starts_with("HP ") {
                    assert_eq!(device.manufacturer, "HP");
                }
                if application.name.starts_with("Lenovo ") {
                    assert_eq!(device.manufacturer, "LENOVO");
                }
            }
        }
    }

    #[test]
    fn application_ids_are_guids_unique_within_a_device() {
        for (_, applications) in deployments(200) {
            let ids: HashSet<&str> = applications.iter().map(|app| app.id.as_str()).collect();
            assert_eq!(ids.len(), applications.len());
            for id in ids {
                assert_eq!(uuid::Uuid::parse_str(id).unwrap().to_string(), id);
            }
        }
    }

    #[test]
    fn the_catalog_has_about_150_distinct_apps() {
        assert!(
            (140..=170).contains(&APP_CATALOG.len()),
            "{}",
            APP_CATALOG.len()
        );
        let names: HashSet<&str> = APP_CATALOG.iter().map(|app| app.name).collect();
        assert_eq!(names.len(), APP_CATALOG.len());
        for name in [
            "7-Zip",
            "Google Chrome",
            "Microsoft Edge",
            "Microsoft Teams",
            "Zoom Workplace",
        ] {
            assert!(names.iter().any(|app| app.starts_with(name)), "{name}");
        }
        let share = |count: usize| count as f64 / APP_CATALOG.len() as f64;
        let uninstallable = APP_CATALOG
            .iter()
            .filter(|app| app.uninstall_command.is_some())
            .count();
        let repairable = APP_CATALOG
            .iter()
            .filter(|app| app.repair_command.is_some())
            .count();
        assert_near(
            share(uninstallable),
            0.5,
            0.05,
            "apps with an uninstall command",
        );
        assert_near(share(repairable), 0.25, 0.05, "apps with a repair command");
        for app in APP_CATALOG {
            assert!(!app.publisher.is_empty() && !app.version.is_empty());
            if let Some(command) = app.uninstall_command.filter(|c| c.starts_with("msiexec")) {
                assert!(command.starts_with("msiexec /x {") && command.ends_with("} /qn"));
            }
        }
    }

    #[test]
    fn each_user_has_one_entra_object_id_on_all_their_devices_and_shared_devices_none() {
        let mut ids_of_user: HashMap<&str, HashSet<&str>> = HashMap::new();
        for device in tenant() {
            match (
                device.user_principal_name.as_str(),
                device.user_id.as_deref(),
            ) {
                ("", user_id) => assert_eq!(user_id, None),
                (upn, Some(user_id)) => {
                    assert!(uuid::Uuid::parse_str(user_id).is_ok(), "{user_id}");
                    ids_of_user.entry(upn).or_default().insert(user_id);
                }
                (upn, None) => panic!("{upn} has no user id"),
            }
        }
        assert!(ids_of_user.values().all(|ids| ids.len() == 1));
        let distinct: HashSet<&str> = ids_of_user.values().flatten().copied().collect();
        assert_eq!(distinct.len(), ids_of_user.len());
        let again = demo_device(7, TENANT_SIZE, now());
        assert_eq!(again.user_id, tenant()[7].user_id);
    }

    #[test]
    fn devices_registered_in_entra_have_a_unique_entra_device_id() {
        let mut ids = HashSet::new();
        for device in tenant() {
            // The deprecated names carry the same values.
            assert_eq!(
                device.azure_active_directory_device_id,
                device.azure_ad_device_id
            );
            assert_eq!(device.owner_type, device.managed_device_owner_type);
            let registered = device.join_type != JoinType::Unknown;
            assert_eq!(
                device.azure_ad_device_id.is_some(),
                registered,
                "{device:?}"
            );
            if let Some(id) = &device.azure_ad_device_id {
                assert!(uuid::Uuid::parse_str(id).is_ok() && ids.insert(id.as_str()));
            }
        }
    }

    #[test]
    fn enrollment_types_are_graphs_and_fit_the_platform_and_agent() {
        let allowed = match crate::odata::lookup(
            crate::odata::MANAGED_DEVICE,
            "deviceEnrollmentType",
            "$filter",
        )
        .map(|property| property.kind)
        {
            Ok(crate::odata::PropertyKind::Enum(values)) => values,
            other => panic!("{other:?}"),
        };
        let mut seen = HashSet::new();
        for device in tenant() {
            let enrollment = device.device_enrollment_type.as_deref().unwrap_or_default();
            assert!(allowed.contains(&enrollment), "{enrollment}");
            seen.insert(enrollment);
            match device.management_agent {
                ManagementAgent::ConfigurationManagerClient | ManagementAgent::Eas => {
                    assert_eq!(enrollment, "unknown")
                }
                ManagementAgent::ConfigurationManagerClientMdm
                | ManagementAgent::ConfigurationManagerClientMdmEas => {
                    assert_eq!(enrollment, "windowsCoManagement")
                }
                _ => {}
            }
            if enrollment.starts_with("apple") {
                assert!(["iOS", "iPadOS", "macOS"].contains(&device.operating_system.as_str()));
            }
            if enrollment.starts_with("android") {
                assert_eq!(device.operating_system, "Android");
            }
        }
        for expected in [
            "windowsAzureADJoin",
            "windowsAutoEnrollment",
            "windowsCoManagement",
            "appleBulkWithUser",
            "userEnrollment",
            "androidEnterpriseFullyManaged",
        ] {
            assert!(seen.contains(expected), "{expected}");
        }
    }

    #[test]
    fn windows_devices_have_a_sku_family_mostly_enterprise() {
        let windows: Vec<_> = tenant()
            .iter()
            .filter(|device| device.operating_system == "Windows")
            .collect();
        for device in tenant() {
            assert_eq!(
                device.sku_family.is_some(),
                device.operating_system == "Windows"
            );
        }
        let enterprise = share_of(windows.iter().copied(), |device| {
            device.sku_family.as_deref() == Some("Enterprise")
        });
        assert_near(enterprise, 0.85, 0.05, "Enterprise among Windows devices");
    }

    #[test]
    fn apple_devices_have_a_udid_and_phones_with_a_number_an_iccid() {
        for device in tenant() {
            let apple = ["iOS", "iPadOS", "macOS"].contains(&device.operating_system.as_str());
            assert_eq!(device.udid.is_some(), apple);
            if let Some(udid) = &device.udid {
                assert_eq!(udid.len(), 25, "{udid}");
                assert_eq!(&udid[8..9], "-");
            }
            let phone = ["iOS", "Android"].contains(&device.operating_system.as_str());
            assert_eq!(
                device.iccid.is_some(),
                phone && !device.phone_number.is_empty()
            );
            if let Some(iccid) = &device.iccid {
                let digits: Vec<u8> = iccid.bytes().map(|digit| digit - b'0').collect();
                assert!(iccid.len() == 19 && iccid.starts_with("89"), "{iccid}");
                assert_eq!(luhn_check_digit(&digits[..18]), digits[18]);
            }
        }
    }

    #[test]
    fn desktops_are_wired_about_half_the_laptops_are_docked_and_mobiles_never() {
        let is_desktop = |device: &ManagedDevice| {
            CORPORATE_DESKTOPS
                .iter()
                .any(|(_, hardware)| hardware.model == device.model)
        };
        let laptops = tenant()
            .iter()
            .filter(|device| device.operating_system == "Windows" && !is_desktop(device));
        for device in tenant() {
            match device.operating_system.as_str() {
                "Windows" if is_desktop(device) => assert!(device.ethernet_mac_address.is_some()),
                "Windows" => {}
                _ => assert!(device.ethernet_mac_address.is_none()),
            }
        }
        let docked = share_of(laptops, |device| device.ethernet_mac_address.is_some());
        assert_near(docked, 0.55, 0.05, "laptops with a wired adapter");
        let with_notes = share_of(tenant().iter(), |device| device.notes.is_some());
        assert_near(with_notes, 0.01, 0.005, "devices with notes");
    }
}
