//! The lines the site's components log about an action, derived from what the action's row holds
//! (its hop times, its id and sequence number, who asked), so no log line is ever stored.

use chrono::{DateTime, SecondsFormat, Utc};
use endpoint_admin_model::{
    application::{ApplicationActionName, InstallState},
    device_action::PipelineLogLine,
};
use sha2::{Digest, Sha256};

use super::{enforcement::enforce, hop::PipelineAction};

/// What the log of one action is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionLogSource {
    /// The action's sequence number: the push and task ids of the management point.
    pub seq: i64,
    /// The action's id: the TaskGuid.
    pub id: String,
    pub action: PipelineAction,
    /// The application an application action is for: its id and name.
    pub application: Option<(String, String)>,
    pub requested_by: String,
    pub tenant_id: String,
    pub service_connection_point_at: Option<DateTime<Utc>>,
    pub management_point_at: Option<DateTime<Utc>>,
    pub client_at: Option<DateTime<Utc>>,
    /// The site refused the requesting account at the service connection point.
    pub refused_by_site: bool,
}

const SERVICE_CONNECTION_POINT: (&str, &str) =
    ("SMS_SERVICE_CONNECTOR", "CMGatewayNotificationWorker.log");
const MANAGEMENT_POINT: (&str, &str) = ("SMS_NOTIFICATION_SERVER", "BgbServer.log");
const CLIENT: (&str, &str) = ("BgbAgent", "CcmNotificationAgent.log");
const APP_ENFORCE: (&str, &str) = ("AppEnforce", "AppEnforce.log");
const APP_INTENT: (&str, &str) = ("AppIntentEval", "AppIntentEval.log");
const APP_DISCOVERY: (&str, &str) = ("AppDiscovery", "AppDiscovery.log");

/// The action's log lines, oldest first; none for Intune's own actions, which the site never sees.
pub fn log_lines(source: &ActionLogSource) -> Vec<PipelineLogLine> {
    let (template, task_type) = match source.action {
        PipelineAction::Device(action) => match action.client_notification() {
            Some(notification) => (notification.template_id, notification.task_type),
            None => return Vec::new(),
        },
        PipelineAction::Application(action) => action.client_task(),
    };
    let (push_id, task_id, guid) = (source.seq, source.seq, &source.id);
    let user = aad_user_id(&source.requested_by);
    let tenant = &source.tenant_id;
    let mut lines = Vec::new();
    let mut log = |at: DateTime<Utc>, (component, log_file): (&str, &str), message: String| {
        lines.push(PipelineLogLine {
            date_time: at,
            component: component.to_string(),
            log_file: log_file.to_string(),
            message,
        });
    };
    if let Some(at) = source.service_connection_point_at {
        log(
            at,
            SERVICE_CONNECTION_POINT,
            "Received new notification. Validating basic notification details...".into(),
        );
        log(
            at,
            SERVICE_CONNECTION_POINT,
            "Validating device action message content...".into(),
        );
        if source.refused_by_site {
            log(
                at,
                SERVICE_CONNECTION_POINT,
                format!(
                    "Unauthorized to perform client action. TemplateID: {template} TenantId: {tenant} AADUserID: {user}"
                ),
            );
        } else {
            log(
                at,
                SERVICE_CONNECTION_POINT,
                format!(
                    "Authorized to perform client action. TemplateID: {template} TenantId: {tenant} AADUserID: {user}"
                ),
            );
            log(
                at,
                SERVICE_CONNECTION_POINT,
                format!(
                    "Forwarded BGB remote task. TemplateID: {task_type} TaskGuid: {guid} TaskParam: TargetDeviceIDs: 1"
                ),
            );
        }
    }
    if let Some(at) = source.management_point_at {
        log(
            at,
            MANAGEMENT_POINT,
            "Get one push message from database.".into(),
        );
        log(
            at,
            MANAGEMENT_POINT,
            format!(
                "Starting to send push task (PushID: {push_id} TaskID: {task_id} TaskGUID: {guid} TaskType: {task_type} TaskParam: ) to 1 clients with throttling (strategy: 1 param: 42)"
            ),
        );
    }
    if let Some(at) = source.client_at {
        log(
            at,
            CLIENT,
            format!(
                "Receive task from server with pushid={push_id}, taskid={task_id}, taskguid={guid}, tasktype={task_type} and taskParam="
            ),
        );
        let time_stamp = at.to_rfc3339_opts(SecondsFormat::Secs, true);
        log(
            at,
            CLIENT,
            format!(
                "Send Task response message <BgbResponseMessage TimeStamp=\"{time_stamp}\"><PushID>{push_id}</PushID><TaskID>{task_id}</TaskID><ReturnCode>1</ReturnCode></BgbResponseMessage> successfully."
            ),
        );
        if let (PipelineAction::Application(action), Some((id, name))) =
            (source.action, &source.application)
        {
            for (file, message) in enforcement_lines(action, id, name, tenant) {
                log(at, file, message);
            }
        }
    }
    lines
}

/// What the client's application components log as it runs `action` on the application.
fn enforcement_lines(
    action: ApplicationActionName,
    id: &str,
    name: &str,
    tenant: &str,
) -> Vec<((&'static str, &'static str), String)> {
    let deployment_type = format!("ScopeId_{}/DeploymentType_{id}", tenant.to_uppercase());
    let enforced = enforce(action, id);
    let kind = match action {
        ApplicationActionName::Uninstall => "Uninstall",
        ApplicationActionName::Repair => "Repair",
        _ => "Install",
    };
    let completed = format!(
        "++++++ App enforcement completed (0 seconds) for App DT \"{name}\" [{deployment_type}], Revision: 1, User SID: ] ++++++"
    );
    let starting = format!(
        "+++ Starting {kind} enforcement for App DT \"{name}\" ApplicationDeliveryType - {deployment_type}, Revision - 1, ContentPath - C:\\WINDOWS\\ccmcache\\{}, Execution Context - System",
        &id[..2.min(id.len())]
    );
    match enforced.map(|enforced| (enforced.install_state, enforced.error_code)) {
        None => vec![
            (
                APP_DISCOVERY,
                format!(
                    "Entering ExecQueryAsync for query \"select * from CCM_AppDeliveryType where (AppDeliveryTypeId = \"{deployment_type}\" AND ApplicationRevision = 1)\""
                ),
            ),
            (
                APP_DISCOVERY,
                format!("+++ Application re-evaluated [AppDT Id: {deployment_type}, Revision: 1]"),
            ),
        ],
        Some((InstallState::RequirementsNotMet, _)) => vec![(
            APP_INTENT,
            format!(
                "{deployment_type} :- Current State = RequirementsNotMet, Applicability = NotApplicable, ResolvedState = NotApplicable"
            ),
        )],
        Some((InstallState::Failed, code)) => vec![
            (APP_ENFORCE, starting),
            (
                APP_ENFORCE,
                format!("Unmatched exit code ({code:#X}) is considered an execution failure."),
            ),
            (APP_ENFORCE, completed),
        ],
        Some(_) => vec![
            (APP_ENFORCE, starting),
            (
                APP_ENFORCE,
                "Matched exit code 0 to a Success entry in exit codes table.".to_string(),
            ),
            (APP_ENFORCE, completed),
        ],
    }
}

/// The account's Microsoft Entra object id as the site logs it; derived from the user principal
/// name, so the same account always has the same id.
pub fn aad_user_id(user_principal_name: &str) -> String {
    let digest = Sha256::digest(user_principal_name.to_ascii_lowercase().as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use endpoint_admin_model::device_action::DeviceActionName;

    fn at(seconds: i64) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(1_790_000_000 + seconds, 0)
    }

    fn source() -> ActionLogSource {
        ActionLogSource {
            seq: 42,
            id: "3b2d5d5e-8f1c-4c3e-9a57-0d6f3f1e2a77".into(),
            action: PipelineAction::Device(DeviceActionName::RefreshMachinePolicy),
            application: None,
            requested_by: "admin@contoso.com".into(),
            tenant_id: "6c0d7e2a-3b1f-4f5e-9a8d-2c4b6e8f0a1d".into(),
            service_connection_point_at: None,
            management_point_at: None,
            client_at: None,
            refused_by_site: false,
        }
    }

    fn messages(source: &ActionLogSource) -> Vec<String> {
        log_lines(source)
            .into_iter()
            .map(|line| line.message)
            .collect()
    }

    #[test]
    fn a_pending_action_has_logged_nothing_yet() {
        assert!(log_lines(&source()).is_empty());
    }

    #[test]
    fn a_completed_action_logs_what_each_component_logs() {
        let source = ActionLogSource {
            service_connection_point_at: at(1),
            management_point_at: at(2),
            client_at: at(3),
            ..source()
        };
        let user = aad_user_id("admin@contoso.com");
        assert_eq!(
            messages(&source),
            [
                "Received new notification. Validating basic notification details...".to_string(),
                "Validating device action message content...".to_string(),
                format!("Authorized to perform client action. TemplateID: RequestMachinePolicy TenantId: 6c0d7e2a-3b1f-4f5e-9a8d-2c4b6e8f0a1d AADUserID: {user}"),
                "Forwarded BGB remote task. TemplateID: 1 TaskGuid: 3b2d5d5e-8f1c-4c3e-9a57-0d6f3f1e2a77 TaskParam: TargetDeviceIDs: 1".to_string(),
                "Get one push message from database.".to_string(),
                "Starting to send push task (PushID: 42 TaskID: 42 TaskGUID: 3b2d5d5e-8f1c-4c3e-9a57-0d6f3f1e2a77 TaskType: 1 TaskParam: ) to 1 clients with throttling (strategy: 1 param: 42)".to_string(),
                "Receive task from server with pushid=42, taskid=42, taskguid=3b2d5d5e-8f1c-4c3e-9a57-0d6f3f1e2a77, tasktype=1 and taskParam=".to_string(),
                "Send Task response message <BgbResponseMessage TimeStamp=\"2026-09-21T14:13:23Z\"><PushID>42</PushID><TaskID>42</TaskID><ReturnCode>1</ReturnCode></BgbResponseMessage> successfully.".to_string(),
            ]
        );
        let lines = log_lines(&source);
        let components: Vec<_> = lines
            .iter()
            .map(|line| (line.component.as_str(), line.log_file.as_str()))
            .collect();
        assert_eq!(components[0], SERVICE_CONNECTION_POINT);
        assert_eq!(components[4], MANAGEMENT_POINT);
        assert_eq!(components[7], CLIENT);
        assert_eq!(lines[7].date_time, at(3).unwrap());
    }

    #[test]
    fn the_sites_refusal_is_the_last_line_of_the_service_connection_point() {
        let source = ActionLogSource {
            action: PipelineAction::Device(DeviceActionName::AppEvaluation),
            requested_by: "cloudadmin@contoso.com".into(),
            service_connection_point_at: at(1),
            refused_by_site: true,
            ..source()
        };
        let messages = messages(&source);
        assert_eq!(messages.len(), 3);
        assert!(messages[2].starts_with(
            "Unauthorized to perform client action. TemplateID: AppDeplEval TenantId: 6c0d7e2a"
        ));
        assert!(messages[2].ends_with(&aad_user_id("cloudadmin@contoso.com")));
    }

    #[test]
    fn an_offline_clients_action_has_logged_only_the_service_connection_point() {
        let source = ActionLogSource {
            service_connection_point_at: at(1),
            ..source()
        };
        let lines = log_lines(&source);
        assert_eq!(lines.len(), 4);
        assert!(
            lines
                .iter()
                .all(|line| line.log_file == "CMGatewayNotificationWorker.log")
        );
    }

    #[test]
    fn intune_actions_leave_no_site_log() {
        let source = ActionLogSource {
            action: PipelineAction::Device(DeviceActionName::SyncDevice),
            client_at: at(1),
            ..source()
        };
        assert!(log_lines(&source).is_empty());
    }

    #[test]
    fn an_application_action_logs_the_clients_enforcement_after_the_task() {
        let install = |id: &str| ActionLogSource {
            action: PipelineAction::Application(ApplicationActionName::Install),
            application: Some((id.to_string(), "7-Zip 24.09 (x64)".to_string())),
            service_connection_point_at: at(1),
            management_point_at: at(2),
            client_at: at(3),
            ..source()
        };
        // Ids whose install succeeds, fails, and misses its requirements.
        let id_for = |state: InstallState| {
            (0..)
                .map(|n| format!("app-{n}"))
                .find(|id| {
                    enforce(ApplicationActionName::Install, id)
                        .unwrap()
                        .install_state
                        == state
                })
                .unwrap()
        };
        let installed = log_lines(&install(&id_for(InstallState::Installed)));
        assert_eq!(installed.len(), 11);
        assert!(
            installed[2]
                .message
                .contains("TemplateID: InstallApplication")
        );
        assert_eq!(installed[8].log_file, "AppEnforce.log");
        assert!(
            installed[8]
                .message
                .starts_with("+++ Starting Install enforcement for App DT \"7-Zip 24.09 (x64)\"")
        );
        assert!(
            installed[10]
                .message
                .starts_with("++++++ App enforcement completed")
        );

        let failed = log_lines(&install(&id_for(InstallState::Failed)));
        assert!(
            failed[9].message.starts_with("Unmatched exit code (0x8"),
            "{}",
            failed[9].message
        );

        let unmet = log_lines(&install(&id_for(InstallState::RequirementsNotMet)));
        assert_eq!(unmet.len(), 9);
        assert_eq!(unmet[8].log_file, "AppIntentEval.log");
        assert!(unmet[8].message.contains("RequirementsNotMet"));
    }

    #[test]
    fn an_accounts_object_id_is_a_stable_guid() {
        let id = aad_user_id("admin@contoso.com");
        assert_eq!(id, aad_user_id("Admin@Contoso.com"));
        assert_ne!(id, aad_user_id("helpdesk@contoso.com"));
        assert!(uuid::Uuid::parse_str(&id).is_ok());
    }
}
