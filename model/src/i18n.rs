//! Languages and the message catalogue: every word the console shows, in English, Dutch and
//! Swedish.
//!
//! The catalogue is one struct, [`Messages`], whose fields are the keys: a key that does not
//! exist is a compile error wherever it is used. English is written here, beside its key, and is
//! the language every other catalogue falls back to. Dutch and Swedish are JSON files
//! (`model/i18n/nl.json`, `sv.json`) read into the same struct, refusing a missing or an unknown
//! key; the SPA downloads only the one it shows, the server (feature `all-languages`) holds all
//! three for the CSV export. Templates name their values in braces: `{device}`.

use std::{borrow::Cow, sync::LazyLock};

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
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Messages {
            $($(#[$doc])* pub $key: Cow<'static, str>,)+
        }

        impl Messages {
            /// Every key, in the order they are declared.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($key)),+];

            fn english_catalogue() -> Messages {
                Messages { $($key: Cow::Borrowed($english),)+ }
            }
        }
    };
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
