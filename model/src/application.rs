//! Applications deployed to a Configuration Manager device (tenant-attach extension of Graph), and
//! the prerequisites of the five application actions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{device::labelled_enum, device_action::ActionState};

labelled_enum! {
    /// `installState` of an application on a device, with the admin center's *Status* label.
    InstallState {
        Available = "available" => "Available",
        Installed = "installed" => "Installed",
        Installing = "installing" => "Installing",
        InstallRequested = "installRequested" => "Install requested",
        Failed = "failed" => "Failed",
        RequirementsNotMet = "requirementsNotMet" => "Requirements not met",
        NotInstalled = "notInstalled" => "Not installed",
        RestartPending = "restartPending" => "Restart pending",
        Required = "required" => "Required",
    }
}

impl InstallState {
    /// An install or repair the client has not finished.
    pub fn is_in_progress(self) -> bool {
        matches!(
            self,
            InstallState::Installing | InstallState::InstallRequested
        )
    }
}

labelled_enum! {
    /// The deployment's purpose: *Required* has a deadline, *Available* waits for the user.
    DeploymentIntent {
        Required = "required" => "Required",
        Available = "available" => "Available",
    }
}

labelled_enum! {
    /// Whom the deployment targets: the device's collection or its primary user's.
    TargetedTo {
        Device = "device" => "Device",
        User = "user" => "User",
    }
}

labelled_enum! {
    /// An application, or an application group (Configuration Manager 2111 and later).
    ApplicationType {
        Application = "application" => "Application",
        ApplicationGroup = "applicationGroup" => "Application group",
    }
}

labelled_enum! {
    /// What the admin can ask of an application on a device: the path segment of
    /// `POST …/applications/{appId}/{action}` and the button's label.
    ApplicationActionName {
        Install = "install" => "Install",
        Reinstall = "reinstall" => "Reinstall",
        Reevaluate = "reevaluate" => "Re-evaluate",
        Uninstall = "uninstall" => "Uninstall",
        Repair = "repair" => "Repair",
    }
}

impl ApplicationActionName {
    /// The `action_name` of the pipeline's job for this action, beside the device actions' names.
    pub fn pipeline_name(self) -> &'static str {
        match self {
            ApplicationActionName::Install => "installApplication",
            ApplicationActionName::Reinstall => "reinstallApplication",
            ApplicationActionName::Reevaluate => "reevaluateApplication",
            ApplicationActionName::Uninstall => "uninstallApplication",
            ApplicationActionName::Repair => "repairApplication",
        }
    }

    pub fn from_pipeline_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|action| action.pipeline_name() == name)
    }

    /// The remote task the pipeline sends the client: (template id, task type).
    pub fn client_task(self) -> (&'static str, u32) {
        match self {
            ApplicationActionName::Install => ("InstallApplication", 16),
            ApplicationActionName::Reinstall => ("ReinstallApplication", 17),
            ApplicationActionName::Reevaluate => ("ReevaluateApplication", 18),
            ApplicationActionName::Uninstall => ("UninstallApplication", 19),
            ApplicationActionName::Repair => ("RepairApplication", 20),
        }
    }

    /// Whether the client installs (or reinstalls, or repairs) the application: it shows as
    /// *Installing* while the client works.
    pub fn installs(self) -> bool {
        matches!(
            self,
            ApplicationActionName::Install
                | ApplicationActionName::Reinstall
                | ApplicationActionName::Repair
        )
    }
}

/// One action on one application, as the server allows it now: `{"name", "allowed", "reason"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApplicationAction {
    pub name: ApplicationActionName,
    pub allowed: bool,
    /// Why not, when not allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// An application deployed to a device or its primary user, as
/// `GET …/managedDevices/{id}/applications` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub id: String,
    pub name: String,
    pub publisher: String,
    pub version: String,
    #[serde(rename = "type")]
    pub application_type: ApplicationType,
    pub install_state: InstallState,
    pub deployment_intent: DeploymentIntent,
    pub targeted_to: TargetedTo,
    pub is_approval_required: bool,
    #[serde(default, with = "crate::wire_date::option")]
    pub deadline_date_time: Option<DateTime<Utc>>,
    #[serde(with = "crate::wire_date")]
    pub last_state_change_date_time: DateTime<Utc>,
    /// The enforcement error the client reported; 0 when there is none.
    pub error_code: i64,
    pub actions: Vec<ApplicationAction>,
    /// The latest action asked of the application from here, if any (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_action: Option<ApplicationActionResult>,
}

/// An action on an application and how far it got through the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApplicationActionResult {
    pub id: String,
    pub action_name: ApplicationActionName,
    pub action_state: ActionState,
    #[serde(with = "crate::wire_date")]
    pub start_date_time: DateTime<Utc>,
    #[serde(with = "crate::wire_date")]
    pub last_updated_date_time: DateTime<Utc>,
}

/// `GET …/managedDevices/{id}/applications`: a page of the device's applications, and how many
/// of all of them are in each install state (the Status filter's counts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationList {
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<u64>,
    #[serde(rename = "installStateCounts")]
    pub install_state_counts: InstallStateCounts,
    pub value: Vec<Application>,
}

/// `installStateCounts`: every one of the nine states, zeros included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct InstallStateCounts {
    pub available: u64,
    pub installed: u64,
    pub installing: u64,
    pub install_requested: u64,
    pub failed: u64,
    pub requirements_not_met: u64,
    pub not_installed: u64,
    pub restart_pending: u64,
    pub required: u64,
}

impl InstallStateCounts {
    pub fn of(&self, state: InstallState) -> u64 {
        let mut counts = *self;
        *counts.of_mut(state)
    }

    /// The count of `state`, to add to.
    pub fn of_mut(&mut self, state: InstallState) -> &mut u64 {
        match state {
            InstallState::Available => &mut self.available,
            InstallState::Installed => &mut self.installed,
            InstallState::Installing => &mut self.installing,
            InstallState::InstallRequested => &mut self.install_requested,
            InstallState::Failed => &mut self.failed,
            InstallState::RequirementsNotMet => &mut self.requirements_not_met,
            InstallState::NotInstalled => &mut self.not_installed,
            InstallState::RestartPending => &mut self.restart_pending,
            InstallState::Required => &mut self.required,
        }
    }
}

/// What an enforcement error code means, as the ConfigMgr client reports it; `None` for codes
/// this console does not know.
pub fn error_code_meaning(error_code: i64) -> Option<&'static str> {
    Some(match error_code as u32 {
        0x87D0_0607 => {
            "Content not found: the content for this application is not on a distribution point the client can reach."
        }
        0x8007_0643 => "Fatal error during installation: the installer itself failed.",
        0x87D1_041C => {
            "The application was not detected after installation completed: its detection method does not find it."
        }
        0x8007_0652 => "Another installation is already in progress on the device.",
        _ => return None,
    })
}

/// An error code as the admin center writes it: `0x87D00607`.
pub fn error_code_hex(error_code: i64) -> String {
    format!("0x{:08X}", error_code as u32)
}

/// The first ConfigMgr client version (2010) that takes every application action; older clients
/// take only Install and Reinstall.
pub const FULL_ACTIONS_CLIENT_VERSION: &str = "5.00.9040";

/// What decides whether an action may run on an application now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicationFacts<'a> {
    pub install_state: InstallState,
    pub deployment_intent: DeploymentIntent,
    pub has_uninstall_command: bool,
    pub has_repair_command: bool,
    /// An earlier action on this application has not finished.
    pub action_in_flight: bool,
    pub client_online: bool,
    pub client_version: &'a str,
}

/// Why `action` cannot run now, in the words the server's 409 and the disabled button use; `None`
/// when it can.
pub fn application_action_refusal(
    action: ApplicationActionName,
    facts: &ApplicationFacts,
) -> Option<String> {
    use ApplicationActionName::{Install, Reevaluate, Reinstall, Repair, Uninstall};
    if facts.action_in_flight {
        return Some("An earlier action on this application has not finished yet.".into());
    }
    if !facts.client_online {
        return Some(
            "The Configuration Manager client is offline; it must be online to take application actions."
                .into(),
        );
    }
    if !matches!(action, Install | Reinstall)
        && is_older_version(facts.client_version, FULL_ACTIONS_CLIENT_VERSION)
    {
        return Some(format!(
            "The client's version {} is older than {FULL_ACTIONS_CLIENT_VERSION} (version 2010), which allows only Install and Reinstall.",
            facts.client_version
        ));
    }
    let installed = facts.install_state == InstallState::Installed;
    match action {
        Install if installed => Some("The application is already installed.".into()),
        Install if facts.install_state.is_in_progress() => {
            Some("An installation is already in progress.".into())
        }
        Reinstall | Repair | Uninstall if !installed => Some(format!(
            "The application is not installed (its status is {}).",
            facts.install_state.label()
        )),
        Uninstall if !facts.has_uninstall_command => {
            Some("The deployment type has no uninstall command.".into())
        }
        Uninstall if facts.deployment_intent == DeploymentIntent::Required => Some(
            "A required deployment targets this client, so it would install the application again."
                .into(),
        ),
        Repair if !facts.has_repair_command => {
            Some("The deployment type has no repair command.".into())
        }
        Install | Reinstall | Reevaluate | Uninstall | Repair => None,
    }
}

/// Every action with whether it is allowed now and why not.
pub fn application_actions(facts: &ApplicationFacts) -> Vec<ApplicationAction> {
    ApplicationActionName::ALL
        .iter()
        .map(|&name| {
            let reason = application_action_refusal(name, facts);
            ApplicationAction {
                name,
                allowed: reason.is_none(),
                reason,
            }
        })
        .collect()
}

/// Whether dotted version `version` is older than `than`, part by part as numbers
/// (`5.00.8968.1000` < `5.00.9040`); an unreadable part counts as 0.
pub fn is_older_version(version: &str, than: &str) -> bool {
    let parts = |text: &str| -> Vec<u64> {
        text.split('.')
            .map(|part| part.trim().parse().unwrap_or(0))
            .collect()
    };
    let (mut left, mut right) = (parts(version), parts(than));
    let width = left.len().max(right.len());
    left.resize(width, 0);
    right.resize(width, 0);
    left < right
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationActionName::{Install, Reevaluate, Reinstall, Repair, Uninstall};
    use InstallState::*;

    const CURRENT: &str = "5.00.9128.1000";
    const OLD: &str = "5.00.8968.1000";

    fn facts(install_state: InstallState) -> ApplicationFacts<'static> {
        ApplicationFacts {
            install_state,
            deployment_intent: DeploymentIntent::Available,
            has_uninstall_command: true,
            has_repair_command: true,
            action_in_flight: false,
            client_online: true,
            client_version: CURRENT,
        }
    }

    /// The allowed actions, in `ApplicationActionName::ALL`'s order.
    fn allowed(facts: &ApplicationFacts) -> Vec<ApplicationActionName> {
        application_actions(facts)
            .into_iter()
            .filter(|action| action.allowed)
            .map(|action| action.name)
            .collect()
    }

    #[test]
    fn the_prerequisites_as_a_table() {
        let required = |state| ApplicationFacts {
            deployment_intent: DeploymentIntent::Required,
            ..facts(state)
        };
        let table: Vec<(&str, ApplicationFacts, Vec<ApplicationActionName>)> = vec![
            ("available", facts(Available), vec![Install, Reevaluate]),
            (
                "installed",
                facts(Installed),
                vec![Reinstall, Reevaluate, Uninstall, Repair],
            ),
            (
                "installed by a required deployment: no uninstall",
                required(Installed),
                vec![Reinstall, Reevaluate, Repair],
            ),
            (
                "installed, no uninstall command",
                ApplicationFacts {
                    has_uninstall_command: false,
                    ..facts(Installed)
                },
                vec![Reinstall, Reevaluate, Repair],
            ),
            (
                "installed, no repair command",
                ApplicationFacts {
                    has_repair_command: false,
                    ..facts(Installed)
                },
                vec![Reinstall, Reevaluate, Uninstall],
            ),
            ("installing", facts(Installing), vec![Reevaluate]),
            (
                "install requested",
                facts(InstallRequested),
                vec![Reevaluate],
            ),
            ("failed", facts(Failed), vec![Install, Reevaluate]),
            (
                "requirements not met",
                facts(RequirementsNotMet),
                vec![Install, Reevaluate],
            ),
            (
                "not installed",
                facts(NotInstalled),
                vec![Install, Reevaluate],
            ),
            (
                "restart pending",
                facts(RestartPending),
                vec![Install, Reevaluate],
            ),
            ("required", required(Required), vec![Install, Reevaluate]),
            (
                "offline client",
                ApplicationFacts {
                    client_online: false,
                    ..facts(Installed)
                },
                vec![],
            ),
            (
                "an action in flight",
                ApplicationFacts {
                    action_in_flight: true,
                    ..facts(Available)
                },
                vec![],
            ),
            (
                "a client older than 2010, app available",
                ApplicationFacts {
                    client_version: OLD,
                    ..facts(Available)
                },
                vec![Install],
            ),
            (
                "a client older than 2010, app installed",
                ApplicationFacts {
                    client_version: OLD,
                    ..facts(Installed)
                },
                vec![Reinstall],
            ),
        ];
        for (case, facts, expected) in table {
            assert_eq!(allowed(&facts), expected, "{case}");
        }
    }

    #[test]
    fn every_refusal_says_why() {
        let old = ApplicationFacts {
            client_version: OLD,
            ..facts(Installed)
        };
        let reason = |action, facts: &ApplicationFacts| {
            application_action_refusal(action, facts).unwrap_or_default()
        };
        assert!(reason(Uninstall, &old).contains("5.00.8968.1000 is older than 5.00.9040"));
        assert!(reason(Install, &facts(Installed)).contains("already installed"));
        assert!(reason(Install, &facts(Installing)).contains("in progress"));
        assert!(reason(Repair, &facts(Failed)).contains("its status is Failed"));
        let offline = ApplicationFacts {
            client_online: false,
            ..facts(Available)
        };
        assert!(reason(Install, &offline).contains("offline"));
        for action in application_actions(&offline) {
            assert!(!action.allowed && action.reason.is_some(), "{action:?}");
        }
    }

    #[test]
    fn versions_compare_part_by_part_as_numbers() {
        assert!(is_older_version("5.00.8968.1000", "5.00.9040"));
        assert!(is_older_version("5.0.9039", "5.00.9040"));
        assert!(!is_older_version("5.00.9040", "5.00.9040"));
        assert!(!is_older_version("5.00.9040.1000", "5.00.9040"));
        assert!(!is_older_version("5.00.10000", "5.00.9040"));
    }

    #[test]
    fn an_application_reads_as_the_spec_spells_it() {
        let json = serde_json::json!({
            "id": "a", "name": "7-Zip", "publisher": "Igor Pavlov", "version": "24.09",
            "type": "applicationGroup", "installState": "installRequested",
            "deploymentIntent": "required", "targetedTo": "device", "isApprovalRequired": false,
            "deadlineDateTime": "2026-12-01T10:00:00Z",
            "lastStateChangeDateTime": "2026-11-30T08:00:00Z", "errorCode": 0,
            "actions": [{"name": "uninstall", "allowed": false, "reason": "no"}]
        });
        let app: Application = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(app.application_type, ApplicationType::ApplicationGroup);
        assert_eq!(app.install_state, InstallRequested);
        assert_eq!(serde_json::to_value(&app).unwrap(), json);
        // It reads back as written, with and without its optional parts.
        assert_eq!(
            serde_json::from_str::<Application>(&json.to_string()).unwrap(),
            app
        );
        let with_last_action = Application {
            deadline_date_time: None,
            last_action: Some(ApplicationActionResult {
                id: "r".into(),
                action_name: Reinstall,
                action_state: ActionState::Active,
                start_date_time: app.last_state_change_date_time,
                last_updated_date_time: app.last_state_change_date_time,
            }),
            ..app
        };
        let text = serde_json::to_string(&with_last_action).unwrap();
        assert_eq!(
            serde_json::from_str::<Application>(&text).unwrap(),
            with_last_action
        );
        for state in InstallState::ALL {
            let text = serde_json::to_string(state).unwrap();
            assert_eq!(serde_json::from_str::<InstallState>(&text).unwrap(), *state);
        }
        assert!(serde_json::from_str::<InstallState>("\"broken\"").is_err());
    }

    #[test]
    fn a_list_carries_a_count_for_each_of_the_nine_states() {
        let counts = InstallStateCounts {
            failed: 3,
            required: 1,
            ..InstallStateCounts::default()
        };
        let list = ApplicationList {
            count: Some(4),
            install_state_counts: counts,
            value: Vec::new(),
        };
        let text = serde_json::to_string(&list).unwrap();
        assert!(
            text.contains(r#""installStateCounts":{"available":0,"#),
            "{text}"
        );
        assert_eq!(
            serde_json::from_str::<ApplicationList>(&text).unwrap(),
            list
        );
        let by_state: Vec<u64> = InstallState::ALL.iter().map(|s| counts.of(*s)).collect();
        assert_eq!(by_state, [0, 0, 0, 0, 3, 0, 0, 0, 1]);
    }

    #[test]
    fn error_codes_read_as_the_admin_center_writes_them() {
        assert_eq!(error_code_hex(0x87D0_0607), "0x87D00607");
        assert!(
            error_code_meaning(0x87D0_0607)
                .unwrap()
                .starts_with("Content not found")
        );
        assert_eq!(error_code_meaning(0), None);
    }
}
