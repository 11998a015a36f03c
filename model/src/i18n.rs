//! Languages and the message catalogue: every word the console shows, in English, Dutch and
//! Swedish.
//!
//! The catalogue is one struct, [`Messages`], whose fields are the keys: a key that does not
//! exist is a compile error wherever it is used. English is written here, beside its key, and is
//! the language every other catalogue falls back to. Dutch and Swedish are JSON files
//! (`model/i18n/nl.json`, `sv.json`) read into the same struct, refusing a missing or an unknown
//! key; the SPA downloads only the one it shows, the server (feature `all-languages`) holds all
//! three for the CSV export. Templates name their values in braces: `{device}`.

use std::{borrow::Cow, collections::HashMap, sync::LazyLock};

use serde::{Deserialize, Serialize};

/// A language of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "nl")]
    Dutch,
    #[serde(rename = "sv")]
    Swedish,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::English, Language::Dutch, Language::Swedish];

    /// Its BCP 47 tag, as `<html lang>` and Graph's `preferredLanguage` carry it.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Dutch => "nl",
            Language::Swedish => "sv",
        }
    }

    /// The locale numbers and dates are formatted in.
    pub fn locale(self) -> &'static str {
        match self {
            Language::English => "en-US",
            Language::Dutch => "nl-NL",
            Language::Swedish => "sv-SE",
        }
    }

    /// Its name in itself, as the Language menu lists it whatever the current language.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Dutch => "Nederlands",
            Language::Swedish => "Svenska",
        }
    }

    /// The language of a tag by its primary subtag: `nl-BE` is Dutch, `sv-FI` Swedish.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next()?.trim();
        Language::ALL
            .into_iter()
            .find(|language| language.tag().eq_ignore_ascii_case(primary))
    }

    /// The first of `tags` (most preferred first) the console speaks.
    pub fn first_supported<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Language> {
        tags.into_iter().find_map(Language::from_tag)
    }

    /// The catalogue's file name under `/i18n/`, with its content's hash so a new build's
    /// catalogue is never read from an old cache: `nl.json?v=…`. `None` for English, which is
    /// built in.
    pub fn catalogue_path(self) -> Option<String> {
        let (name, hash) = match self {
            Language::English => return None,
            Language::Dutch => ("nl", fnv1a(DUTCH.as_bytes())),
            Language::Swedish => ("sv", fnv1a(SWEDISH.as_bytes())),
        };
        Some(format!("/i18n/{name}.json?v={hash:016x}"))
    }
}

const DUTCH: &str = include_str!("../i18n/nl.json");
const SWEDISH: &str = include_str!("../i18n/sv.json");

/// FNV-1a, 64 bits: a content hash for a cache-busting URL.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut index = 0;
    while index < bytes.len() {
        hash ^= bytes[index] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        index += 1;
    }
    hash
}

macro_rules! catalogue {
    ($($(#[$doc:meta])* $key:ident: $english:literal,)+) => {
        /// Every message of the console in one language; see the module's documentation.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        pub struct Messages {
            $($(#[$doc])* pub $key: Cow<'static, str>,)+
        }

        impl Messages {
            /// Every key, in the order they are declared.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($key)),+];

            fn english_catalogue() -> Messages {
                Messages { $($key: Cow::Borrowed($english),)+ }
            }

            /// The catalogue of these texts by key: every key, and no other.
            fn from_entries(mut entries: HashMap<String, String>) -> Result<Messages, String> {
                let mut values = Vec::with_capacity(Messages::KEYS.len());
                for key in Messages::KEYS {
                    let text = entries
                        .remove(*key)
                        .ok_or_else(|| format!("the catalogue has no `{key}`"))?;
                    values.push(Cow::Owned(text));
                }
                if let Some(unknown) = entries.keys().next() {
                    return Err(format!("`{unknown}` is no key of the catalogue"));
                }
                let mut values = values.into_iter();
                let mut next = || values.next().unwrap_or_default();
                Ok(Messages { $($key: next(),)+ })
            }
        }
    };
}

/// Read as a JSON object of key → text, not field by field as serde's derive would: its visitor
/// for 300 fields is 380 KB of wasm (about 95 KiB gzip), this a few.
impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = HashMap::<String, String>::deserialize(deserializer)?;
        Messages::from_entries(entries).map_err(serde::de::Error::custom)
    }
}

impl Messages {
    /// The English catalogue, built in.
    pub fn english() -> &'static Messages {
        static ENGLISH: LazyLock<Messages> = LazyLock::new(Messages::english_catalogue);
        &ENGLISH
    }

    /// The catalogue of `language`: every language is built into the server.
    #[cfg(feature = "all-languages")]
    pub fn of(language: Language) -> &'static Messages {
        static DUTCH_MESSAGES: LazyLock<Messages> =
            LazyLock::new(|| serde_json::from_str(DUTCH).expect("nl.json is tested"));
        static SWEDISH_MESSAGES: LazyLock<Messages> =
            LazyLock::new(|| serde_json::from_str(SWEDISH).expect("sv.json is tested"));
        match language {
            Language::English => Messages::english(),
            Language::Dutch => &DUTCH_MESSAGES,
            Language::Swedish => &SWEDISH_MESSAGES,
        }
    }
}

/// A message of the catalogue as a value: `|m| &m.sign_in`.
pub type Key = fn(&Messages) -> &str;

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// `one` for exactly one, else `other`: the plural rule of English, Dutch and Swedish alike.
pub fn plural<'a>(count: u64, one: &'a str, other: &'a str) -> &'a str {
    if count == 1 { one } else { other }
}

catalogue! {
    // Labels of the API's enums (the model's `label(m)`).
    managed_by_intune: "Intune",
    managed_by_co_managed: "Co-managed",
    managed_by_config_mgr: "ConfigMgr",
    managed_by_eas: "EAS",
    managed_by_intune_eas: "Intune/EAS",
    managed_by_jamf: "Jamf",
    ownership_corporate: "Corporate",
    ownership_personal: "Personal",
    ownership_unknown: "Unknown",
    compliance_compliant: "Compliant",
    compliance_noncompliant: "Not compliant",
    compliance_in_grace_period: "In grace period",
    compliance_not_evaluated: "Not evaluated",
    compliance_conflict: "Conflict",
    compliance_error: "Error",
    compliance_see_config_mgr: "See ConfigMgr",
    device_state_managed: "Managed",
    device_state_retire_pending: "Retire pending",
    device_state_retire_failed: "Retire failed",
    device_state_wipe_pending: "Wipe pending",
    device_state_wipe_failed: "Wipe failed",
    device_state_unhealthy: "Unhealthy",
    device_state_delete_pending: "Delete pending",
    device_state_discovered: "Discovered",
    join_type_unknown: "Unknown",
    join_type_entra_joined: "Microsoft Entra joined",
    join_type_entra_registered: "Microsoft Entra registered",
    join_type_entra_hybrid_joined: "Microsoft Entra hybrid joined",
    install_state_available: "Available",
    install_state_installed: "Installed",
    install_state_installing: "Installing",
    install_state_install_requested: "Install requested",
    install_state_failed: "Failed",
    install_state_requirements_not_met: "Requirements not met",
    install_state_not_installed: "Not installed",
    install_state_restart_pending: "Restart pending",
    install_state_required: "Required",
    deployment_required: "Required",
    deployment_available: "Available",
    targeted_to_device: "Device",
    targeted_to_user: "User",
    application_type_application: "Application",
    application_type_application_group: "Application group",
    application_action_install: "Install",
    application_action_reinstall: "Reinstall",
    application_action_reevaluate: "Re-evaluate",
    application_action_uninstall: "Uninstall",
    application_action_repair: "Repair",
    mdm_authority_not_set: "Not set",
    mdm_authority_intune: "Intune",
    mdm_authority_office365: "Office 365",
    role_intune_administrator: "Intune Administrator",
    role_help_desk_operator: "Help Desk Operator",
    role_read_only_operator: "Read Only Operator",
    yes: "Yes",
    no: "No",

    // Applications' columns (also the CSV export's headers).
    app_column_name: "Name",
    app_column_publisher: "Publisher",
    app_column_version: "Version",
    app_column_status: "Status",
    app_column_deployment: "Deployment",
    app_column_targeted_to: "Targeted to",
    app_column_type: "Type",
    app_column_deadline: "Deadline",
    app_column_last_state_change: "Last state change",
    app_column_error_code: "Error code",

    // All devices' columns (also the CSV export's headers).
    column_device_name: "Device name",
    column_managed_by: "Managed by",
    column_ownership: "Ownership",
    column_compliance: "Compliance",
    column_os: "OS",
    column_os_version: "OS version",
    column_primary_user_upn: "Primary user UPN",
    column_last_check_in: "Last check-in",
    column_serial_number: "Serial number",
    column_manufacturer: "Manufacturer",
    column_model: "Model",
    column_enrollment_date: "Enrollment date",
    column_management_name: "Management name",
    column_device_state: "Device state",
    column_category: "Category",
    column_primary_user_email: "Primary user email address",
    column_phone_number: "Phone number",
    column_wi_fi_mac: "Wi-Fi MAC",
    column_free_storage: "Free storage",
    column_total_storage: "Total storage",
    column_encrypted: "Encrypted",
    column_join_type: "Join type",

    // Device actions.
    action_sync_machine_policy: "Sync machine policy",
    action_sync_user_policy: "Sync user policy",
    action_app_evaluation_cycle: "App evaluation cycle",
    action_wake_up_client: "Wake up client",
    action_quick_scan: "Quick scan",
    action_full_scan: "Full scan",
    action_update_defender_signatures: "Update Windows Defender security intelligence",
    action_sync: "Sync",
    action_restart: "Restart",
    action_rename_device: "Rename device",
    action_retire: "Retire",
    action_wipe: "Wipe",
    action_delete: "Delete",
    confirm_sync: "Are you sure you want to sync {device}?",
    confirm_restart: "Are you sure you want to restart {device}?",
    confirm_rename: "Are you sure you want to rename {device}?",
    confirm_retire: "Are you sure you want to retire {device}?",
    confirm_wipe: "Are you sure you want to wipe {device}?",
    confirm_delete: "Are you sure you want to delete {device}?",
    confirm_run_action: "Are you sure you want to run {action} on {device}?",
    refusal_needs_config_mgr_client: "{action} needs a Configuration Manager client (ConfigMgr or co-managed devices); {device} is managed by {managedBy}.",
    refusal_needs_intune: "{action} is for Intune-managed and co-managed devices; {device} is managed by {managedBy}.",
    refusal_client_blocked: "The Configuration Manager site has blocked the client of {device}; it sends the client no actions.",
    refusal_leaving: "{device} is leaving the tenant ({state}); it takes no more actions.",
    action_state_pending: "Pending",
    action_state_in_progress: "In progress",
    action_state_completed: "Completed",
    action_state_failed: "Failed",
    action_state_canceled: "Canceled",
    stage_service_connection_point: "Service connection point",
    stage_management_point: "Management point",
    stage_client: "Client",
    stage_device_check_in: "Device check-in",

    // Application actions' refusals and enforcement errors.
    app_refusal_in_flight: "An earlier action on this application has not finished yet.",
    app_refusal_client_offline: "The Configuration Manager client is offline; it must be online to take application actions.",
    app_refusal_old_client: "The client's version {version} is older than {required} (version 2010), which allows only Install and Reinstall.",
    app_refusal_already_installed: "The application is already installed.",
    app_refusal_installing: "An installation is already in progress.",
    app_refusal_not_installed: "The application is not installed (its status is {status}).",
    app_refusal_no_uninstall_command: "The deployment type has no uninstall command.",
    app_refusal_required_deployment: "A required deployment targets this client, so it would install the application again.",
    app_refusal_no_repair_command: "The deployment type has no repair command.",
    app_error_content_not_found: "Content not found: the content for this application is not on a distribution point the client can reach.",
    app_error_fatal_install: "Fatal error during installation: the installer itself failed.",
    app_error_not_detected: "The application was not detected after installation completed: its detection method does not find it.",
    app_error_install_in_progress: "Another installation is already in progress on the device.",

    // The SPA's words.
    sign_in_locked_seconds: "Too many failed sign-ins. Try again in {seconds} seconds.",
    sign_in_locked_minute: "Too many failed sign-ins. Try again in 1 minute.",
    sign_in_locked_minutes: "Too many failed sign-ins. Try again in {minutes} minutes.",
    breadcrumb: "Breadcrumb",
    loading: "Loading…",
    retry: "Retry",
    search: "Search",
    close: "Close",
    devices: "Devices",
    overview: "Overview",
    all_devices: "All devices",
    wipe_retain_enrollment: "Retain enrollment state and user account",
    wipe_keep_user_data: "Wipe device, but keep user data",
    dismiss_notification: "Dismiss notification",
    pagination: "Pagination",
    page_size: "Page size",
    first_page: "First page",
    last_page: "Last page",
    previous: "Previous",
    next: "Next",
    pager_page: "Page {page}",
    pager_page_of: "Page {page} of {pages}",
    pager_page_of_more: "Page {page} of {pages}+",
    pager_showing_none: "Showing 0 records",
    pager_showing: "Showing {first} to {last} of {total} records",
    mdm_authority: "MDM authority",
    mdm_banner: "You haven't enabled device management yet. Select this banner to choose an MDM authority.",
    mdm_only_admin_can_choose: "Only an Intune Administrator can choose the MDM authority.",
    choose_mdm_authority: "Choose MDM Authority",
    add_mdm_authority: "Add MDM Authority",
    mdm_set_to_intune: "You have successfully set your MDM authority to Intune.",
    mdm_choose_explanation: "Choose whether Intune manages this tenant's devices. Once set, the MDM authority cannot be unset.",
    intune_mdm_authority: "Intune MDM Authority",
    none: "None",
    choose: "Choose",
    mdm_add_explanation: "This tenant manages devices with Basic Mobility and Security for Office 365. Add Intune as MDM authority to manage them with Intune too (coexistence).",
    mdm_authority_to_add: "MDM authority to add",
    mdm_only_admin_can_add: "Only an Intune Administrator can add the MDM authority.",
    add: "Add",
    error_bad_request: "The request was not valid. Check what you entered and try again.",
    error_unauthenticated: "Your session has ended. Sign in again.",
    error_access_denied: "You don't have permission to do this.",
    error_item_not_found: "The item was not found. It may have been deleted.",
    error_conflict: "This is not possible in the current state. Refresh and try again.",
    error_too_many_requests: "Too many requests. Wait a moment and try again.",
    error_network: "The server could not be reached. Check your connection and try again.",
    error_download: "The download could not be completed.",
    error_invalid_response: "The server's answer could not be read.",
    error_other: "Something went wrong (HTTP {status}). Try again.",
    sign_in: "Sign in",
    user_name: "User name",
    password: "Password",
    sign_in_incorrect: "Your account or password is incorrect.",
    home: "Home",
    home_devices_card: "Intune, co-managed and Configuration Manager devices of the tenant.",
    tenant_administration: "Tenant administration",
    home_tenant_card: "Tenant status and the MDM authority.",
    page_not_found: "Page not found",
    page_not_found_text: "This page does not exist.",
    go_home: "Go to Home",
    tenant_status_title: "Tenant administration | Tenant status",
    tenant_details: "Tenant details",
    tenant_name: "Tenant name",
    tenant_id: "Tenant ID",
    coexistence_with_office365: "Coexistence with Office 365",
    enabled: "Enabled",
    disabled: "Disabled",
    mdm_authority_changes: "MDM authority changes",
    mdm_authority_not_changed: "The MDM authority has not been changed.",
    changed: "Changed",
    from: "From",
    to: "To",
    changed_by: "Changed by",
    audit_log: "Audit log",
    date: "Date",
    activity: "Activity",
    result: "Result",
    initiated_by: "Initiated by",
    ip_address: "IP address",
    success: "Success",
    failure: "Failure",
    failure_because: "Failure: {reason}",
    language_not_loaded: "{language} could not be loaded. The console stays in its current language.",
    language_not_remembered: "Your language could not be saved for your next sign-in.",
    skip_to_content: "Skip to content",
    account: "Account",
    language: "Language",
    sign_out: "Sign out",
    main_navigation: "Main",
    chart_donut: "Donut chart",
    chart_bars: "Bar chart",
    chart_share: "{label} {count} ({percent} %)",
    chart_description: "{chart} of {total} devices: {shares}.",
    chart_count_link: "{label}: {count} devices",
    devices_overview_title: "Devices | Overview",
    total_devices: "Total devices",
    operating_system: "Operating system",
    remove_filter: "Remove filter {filter}",
    active_filters: "Active filters",
    apply: "Apply",
    clear_all: "Clear all",
    visible_columns: "Visible columns",
    commands: "Commands",
    refresh: "Refresh",
    filter: "Filter",
    columns: "Columns",
    exporting: "Exporting…",
    export: "Export",
    select_row: "Select {name}",
    role_does_not_allow: "The {role} role does not allow {what}.",
    your_role_does_not_allow: "Your role does not allow {what}.",
    bulk_scope_selected: "the {count} selected devices",
    bulk_scope_matching: "all {count} devices that match the current search and filters",
    bulk_scope_tenant: "all {count} devices of the tenant",
    action: "Action",
    configuration_manager: "Configuration Manager",
    not_allowed_for_your_role: "{action} (not allowed for your role)",
    bulk_choice_selected: "The {count} selected devices",
    bulk_choice_matching: "All {count} devices that match the current search and filters",
    bulk_choice_all: "All {count} devices",
    review: "Review",
    counting_matching_devices: "Counting the matching devices…",
    bulk_confirm: "Run {action} on {scope}?",
    bulk_result: "{action}: {succeeded} succeeded, {failed} failed, {notFound} not found, {notSupported} not supported.",
    run_another_action: "Run another action",
    device_actions_lowercase: "device actions",
    all_devices_title: "Devices | All devices",
    no_devices_found: "No devices found",
    devices_match: "{count} devices match",
    select_all_devices: "Select all devices on this page",
    bulk_device_actions: "Bulk device actions",
    rename_empty: "Enter a device name.",
    rename_characters: "A device name can contain only letters, numbers and hyphens.",
    rename_only_numbers: "A device name can't contain only numbers.",
    rename_too_long_windows: "A Windows device name can have at most 15 characters.",
    rename_too_long: "A device name can have at most 63 characters.",
    device_manufacturer: "Device manufacturer",
    device_model: "Device model",
    primary_user: "Primary user",
    last_check_in_time: "Last check-in time",
    online: "Online",
    offline: "Offline",
    essentials: "Essentials",
    client_version: "Client version",
    online_status: "Online status",
    checking_role: "Checking what your role allows…",
    device_actions: "Device actions",
    more_actions: "More actions",
    device_deleted: "{device} was deleted.",
    action_sent_to_site: "{action} was sent to the Configuration Manager site for {device}.",
    action_sent: "{action} was sent to {device}.",
    new_device_name: "New device name",
    rename_rules: "Letters, numbers and hyphens, not only numbers; at most 15 characters on Windows, 63 on other platforms.",
    action_ended: "{action} on {device}: {state}",
    device_action_status: "Device action status",
    no_actions_yet: "No actions have run on this device.",
    date_time: "Date/Time",
    error: "Error",
    next_stage: "Next: {stage}",
    nothing_logged: "Nothing logged yet.",
    applications: "Applications",
    applications_need_client: "{device} is managed by {managedBy}. Applications are listed for devices with a Configuration Manager client (ConfigMgr and co-managed devices), which the site uploads through tenant attach; manage this device's apps from Intune's Apps area.",
    application: "Application",
    no_applications_found: "No applications found",
    applications_match: "{count} applications match",
    site_refused_applications: "The Configuration Manager site refused to list this device's applications.",
    site_refusal_explanation: "Your account must be discovered by both Azure AD user discovery and Active Directory user discovery (a user synchronised to Azure AD), and hold the Initiate Configuration Manager action permission under Remote tasks.",
    application_action_ended: "{action} {application} on {device}: {state}",
    application_not_in_view: "This application is not in the current view of the list; clear the search and filters to find it.",
    hide_log: "Hide log",
    show_log: "Show log",
    approval_required: "Approval required",
    as_soon_as_possible: "As soon as possible",
    no_action_from_console: "None from this console",
    last_action_value: "{action}: {state} ({time})",
    last_action: "Last action",
    application_actions_lowercase: "application actions",
    previous_request_on_its_way: "The previous request is on its way.",
    not_allowed_now: "Not allowed now.",
    application_action_sent: "{action} {application} was sent to the Configuration Manager site for {device}.",
    application_actions: "Application actions",
    why_actions_unavailable: "Why actions are unavailable",
    device: "Device",
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn catalogue_json(language: Language) -> serde_json::Map<String, serde_json::Value> {
        let text = match language {
            Language::English => serde_json::to_string(Messages::english()).unwrap(),
            Language::Dutch => DUTCH.to_string(),
            Language::Swedish => SWEDISH.to_string(),
        };
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn every_catalogue_has_every_key_and_no_other() {
        for (language, text) in [(Language::Dutch, DUTCH), (Language::Swedish, SWEDISH)] {
            let keys: BTreeSet<String> = catalogue_json(language).keys().cloned().collect();
            let expected: BTreeSet<String> = Messages::KEYS.iter().map(|k| k.to_string()).collect();
            let missing: Vec<_> = expected.difference(&keys).collect();
            let unknown: Vec<_> = keys.difference(&expected).collect();
            assert!(
                missing.is_empty() && unknown.is_empty(),
                "{language:?}: missing {missing:?}, not keys {unknown:?}"
            );
            serde_json::from_str::<Messages>(text).expect("the catalogue reads as Messages");
        }
    }

    #[test]
    fn a_catalogue_with_a_key_missing_or_one_too_many_is_refused() {
        let mut entries: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(DUTCH).unwrap();
        entries.remove("sign_in");
        let error = serde_json::from_value::<Messages>(entries.clone().into()).unwrap_err();
        assert!(error.to_string().contains("no `sign_in`"), "{error}");
        entries.insert("sign_in".into(), "Aanmelden".into());
        assert!(serde_json::from_value::<Messages>(entries.clone().into()).is_ok());
        entries.insert("sign_on".into(), "Aanmelden".into());
        let error = serde_json::from_value::<Messages>(entries.into()).unwrap_err();
        assert!(error.to_string().contains("`sign_on` is no key"), "{error}");
    }

    fn placeholders(template: &str) -> BTreeSet<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_translation_fills_the_values_english_fills() {
        let english = catalogue_json(Language::English);
        for language in [Language::Dutch, Language::Swedish] {
            for (key, text) in catalogue_json(language) {
                let text = text.as_str().unwrap();
                let english = english[&key].as_str().unwrap();
                assert_eq!(
                    placeholders(text),
                    placeholders(english),
                    "{language:?} {key}: {text:?}"
                );
                assert!(!text.trim().is_empty(), "{language:?} {key} is empty");
            }
        }
    }

    /// Every file of the workspace's Rust sources but this one.
    fn sources() -> String {
        fn read(dir: &std::path::Path, into: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    read(&path, into);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n.rs")
                {
                    into.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut text = String::new();
        for dir in ["src", "model/src", "server/src"] {
            read(&root.join(dir), &mut text);
        }
        text
    }

    #[test]
    fn every_key_is_used_somewhere() {
        let sources = sources();
        let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let unused: Vec<_> = Messages::KEYS
            .iter()
            .filter(|key| {
                // Read as a field (`m.key`) or named in a label table (`=> key`).
                !sources.match_indices(*key).any(|(at, _)| {
                    let before = &sources[..at];
                    let after = sources[at + key.len()..].chars().next();
                    (before.ends_with('.') || before.ends_with("=> "))
                        && !after.is_some_and(is_word)
                })
            })
            .collect();
        assert!(unused.is_empty(), "keys nothing uses: {unused:?}");
    }

    #[test]
    fn a_language_is_found_by_its_primary_subtag() {
        assert_eq!(Language::from_tag("nl-BE"), Some(Language::Dutch));
        assert_eq!(Language::from_tag("SV_fi"), Some(Language::Swedish));
        assert_eq!(Language::from_tag("en-GB"), Some(Language::English));
        assert_eq!(Language::from_tag("de-DE"), None);
        assert_eq!(
            Language::first_supported(["de", "fr-FR", "sv-SE", "nl"]),
            Some(Language::Swedish)
        );
        assert_eq!(Language::first_supported(["de"]), None);
    }

    #[test]
    fn templates_fill_their_values() {
        assert_eq!(
            fill(&Messages::english().confirm_sync, &[("device", "PC-1")]),
            "Are you sure you want to sync PC-1?"
        );
        assert_eq!(plural(1, "device", "devices"), "device");
        assert_eq!(plural(0, "device", "devices"), "devices");
    }

    #[test]
    fn a_catalogue_url_changes_with_its_content() {
        let path = Language::Dutch.catalogue_path().unwrap();
        assert!(path.starts_with("/i18n/nl.json?v="), "{path}");
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
        assert_eq!(Language::English.catalogue_path(), None);
    }
}
