//! Applications deployed to a Configuration Manager device (tenant-attach extension of Graph), and
//! the prerequisites of the five application actions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    device::labelled_enum,
    device_action::ActionState,
    device_column::Column,
    i18n::{Messages, fill},
};

labelled_enum! {
    /// `installState` of an application on a device, with the admin center's *Status* label.
    InstallState {
        Available = "available" => install_state_available,
        Installed = "installed" => install_state_installed,
        Installing = "installing" => install_state_installing,
        InstallRequested = "installRequested" => install_state_install_requested,
        Failed = "failed" => install_state_failed,
        RequirementsNotMet = "requirementsNotMet" => install_state_requirements_not_met,
        NotInstalled = "notInstalled" => install_state_not_installed,
        RestartPending = "restartPending" => install_state_restart_pending,
        Required = "required" => install_state_required,
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
        Required = "required" => deployment_required,
        Available = "available" => deployment_available,
    }
}

labelled_enum! {
    /// Whom the deployment targets: the device's collection or its primary user's.
    TargetedTo {
        Device = "device" => targeted_to_device,
        User = "user" => targeted_to_user,
    }
}

labelled_enum! {
    /// An application, or an application group (Configuration Manager 2111 and later).
    ApplicationType {
        Application = "application" => application_type_application,
        ApplicationGroup = "applicationGroup" => application_type_application_group,
    }
}

labelled_enum! {
    /// What the admin can ask of an application on a device: the path segment of
    /// `POST …/applications/{appId}/{action}` and the button's label.
    ApplicationActionName {
        Install = "install" => application_action_install,
        Reinstall = "reinstall" => application_action_reinstall,
        Reevaluate = "reevaluate" => application_action_reevaluate,
        Uninstall = "uninstall" => application_action_uninstall,
        Repair = "repair" => application_action_repair,
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

/// The Applications grid's columns, in the column chooser's order (the API's properties); their
/// headers are the CSV export's too.
pub const APPLICATION_COLUMNS: &[Column] = &[
    Column {
        property: "name",
        label: |m| &m.app_column_name,
        is_default: true,
    },
    Column {
        property: "publisher",
        label: |m| &m.app_column_publisher,
        is_default: true,
    },
    Column {
        property: "version",
        label: |m| &m.app_column_version,
        is_default: true,
    },
    Column {
        property: "installState",
        label: |m| &m.app_column_status,
        is_default: true,
    },
    Column {
        property: "deploymentIntent",
        label: |m| &m.app_column_deployment,
        is_default: true,
    },
    Column {
        property: "targetedTo",
        label: |m| &m.app_column_targeted_to,
        is_default: true,
    },
    Column {
        property: "type",
        label: |m| &m.app_column_type,
        is_default: true,
    },
    Column {
        property: "deadlineDateTime",
        label: |m| &m.app_column_deadline,
        is_default: false,
    },
    Column {
        property: "lastStateChangeDateTime",
        label: |m| &m.app_column_last_state_change,
        is_default: false,
    },
    Column {
        property: "errorCode",
        label: |m| &m.app_column_error_code,
        is_default: false,
    },
];

/// The header of an Applications grid column by its property, in `m`'s language.
pub fn application_column_label<'m>(m: &'m Messages, property: &str) -> Option<&'m str> {
    APPLICATION_COLUMNS
        .iter()
        .find(|column| column.property == property)
        .map(|column| (column.label)(m))
}

/// What an enforcement error code means, as the ConfigMgr client reports it; `None` for codes
/// this console does not know.
pub fn error_code_meaning(m: &Messages, error_code: i64) -> Option<&str> {
    Some(match error_code as u32 {
        0x87D0_0607 => &m.app_error_content_not_found,
        0x8007_0643 => &m.app_error_fatal_install,
        0x87D1_041C => &m.app_error_not_detected,
        0x8007_0652 => &m.app_error_install_in_progress,
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
    m: &Messages,
    action: ApplicationActionName,
    facts: &ApplicationFacts,
) -> Option<String> {
    use ApplicationActionName::{Install, Reevaluate, Reinstall, Repair, Uninstall};
    if facts.action_in_flight {
        return Some(m.app_refusal_in_flight.to_string());
    }
    if !facts.client_online {
        return Some(m.app_refusal_client_offline.to_string());
    }
    if !matches!(action, Install | Reinstall)
        && is_older_version(facts.client_version, FULL_ACTIONS_CLIENT_VERSION)
    {
        return Some(fill(
            &m.app_refusal_old_client,
            &[
                ("version", facts.client_version),
                ("required", FULL_ACTIONS_CLIENT_VERSION),
            ],
        ));
    }
    let installed = facts.install_state == InstallState::Installed;
    let reason = match action {
        Install if installed => &m.app_refusal_already_installed,
        Install if facts.install_state.is_in_progress() => &m.app_refusal_installing,
        Reinstall | Repair | Uninstall if !installed => {
            return Some(fill(
                &m.app_refusal_not_installed,
                &[("status", facts.install_state.label(m))],
            ));
        }
        Uninstall if !facts.has_uninstall_command => &m.app_refusal_no_uninstall_command,
        Uninstall if facts.deployment_intent == DeploymentIntent::Required => {
            &m.app_refusal_required_deployment
        }
        Repair if !facts.has_repair_command => &m.app_refusal_no_repair_command,
        Install | Reinstall | Reevaluate | Uninstall | Repair => return None,
    };
    Some(reason.to_string())
}

/// Every action with whether it is allowed now and why not.
pub fn application_actions(m: &Messages, facts: &ApplicationFacts) -> Vec<ApplicationAction> {
    ApplicationActionName::ALL
        .iter()
        .map(|&name| {
            let reason = application_action_refusal(m, name, facts);
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
        application_actions(Messages::english(), facts)
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
            application_action_refusal(Messages::english(), action, facts).unwrap_or_default()
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
        for action in application_actions(Messages::english(), &offline) {
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
            error_code_meaning(Messages::english(), 0x87D0_0607)
                .unwrap()
                .starts_with("Content not found")
        );
        assert_eq!(error_code_meaning(Messages::english(), 0), None);
    }
}
