//! Device actions: the Configuration Manager actions that travel the tenant-attach pipeline, the
//! Intune remote actions, the bulk `executeAction`, and the pipeline's log lines.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::Permission;
use crate::device::{ManagedDevice, ManagementAgent, ManagementState};
use crate::i18n::{Messages, fill};

/// Every action an admin can run on a device, by its Graph name (ConfigMgr actions by their
/// `configurationManagerAction.action` value), with the admin center's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum DeviceActionName {
    RefreshMachinePolicy,
    RefreshUserPolicy,
    AppEvaluation,
    WakeUpClient,
    QuickScan,
    FullScan,
    WindowsDefenderUpdateSignatures,
    SyncDevice,
    RebootNow,
    SetDeviceName,
    Retire,
    Wipe,
    Delete,
}

/// Which of the two families an action belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionFamily {
    /// `triggerConfigurationManagerAction`: through the tenant-attach pipeline to the ConfigMgr client.
    ConfigurationManager,
    /// Intune's own remote actions, applied at the device's check-in.
    Intune,
}

impl DeviceActionName {
    pub const ALL: [DeviceActionName; 13] = [
        DeviceActionName::RefreshMachinePolicy,
        DeviceActionName::RefreshUserPolicy,
        DeviceActionName::AppEvaluation,
        DeviceActionName::WakeUpClient,
        DeviceActionName::QuickScan,
        DeviceActionName::FullScan,
        DeviceActionName::WindowsDefenderUpdateSignatures,
        DeviceActionName::SyncDevice,
        DeviceActionName::RebootNow,
        DeviceActionName::SetDeviceName,
        DeviceActionName::Retire,
        DeviceActionName::Wipe,
        DeviceActionName::Delete,
    ];

    /// The Graph name, as stored and sent.
    pub fn wire_name(self) -> &'static str {
        match self {
            DeviceActionName::RefreshMachinePolicy => "refreshMachinePolicy",
            DeviceActionName::RefreshUserPolicy => "refreshUserPolicy",
            DeviceActionName::AppEvaluation => "appEvaluation",
            DeviceActionName::WakeUpClient => "wakeUpClient",
            DeviceActionName::QuickScan => "quickScan",
            DeviceActionName::FullScan => "fullScan",
            DeviceActionName::WindowsDefenderUpdateSignatures => "windowsDefenderUpdateSignatures",
            DeviceActionName::SyncDevice => "syncDevice",
            DeviceActionName::RebootNow => "rebootNow",
            DeviceActionName::SetDeviceName => "setDeviceName",
            DeviceActionName::Retire => "retire",
            DeviceActionName::Wipe => "wipe",
            DeviceActionName::Delete => "delete",
        }
    }

    pub fn from_wire_name(name: &str) -> Option<DeviceActionName> {
        DeviceActionName::ALL
            .into_iter()
            .find(|action| action.wire_name() == name)
    }

    /// The admin center's name of the action (its button).
    pub fn label(self, m: &Messages) -> &str {
        match self {
            DeviceActionName::RefreshMachinePolicy => &m.action_sync_machine_policy,
            DeviceActionName::RefreshUserPolicy => &m.action_sync_user_policy,
            DeviceActionName::AppEvaluation => &m.action_app_evaluation_cycle,
            DeviceActionName::WakeUpClient => &m.action_wake_up_client,
            DeviceActionName::QuickScan => &m.action_quick_scan,
            DeviceActionName::FullScan => &m.action_full_scan,
            DeviceActionName::WindowsDefenderUpdateSignatures => {
                &m.action_update_defender_signatures
            }
            DeviceActionName::SyncDevice => &m.action_sync,
            DeviceActionName::RebootNow => &m.action_restart,
            DeviceActionName::SetDeviceName => &m.action_rename_device,
            DeviceActionName::Retire => &m.action_retire,
            DeviceActionName::Wipe => &m.action_wipe,
            DeviceActionName::Delete => &m.action_delete,
        }
    }

    pub fn family(self) -> ActionFamily {
        match self {
            DeviceActionName::RefreshMachinePolicy
            | DeviceActionName::RefreshUserPolicy
            | DeviceActionName::AppEvaluation
            | DeviceActionName::WakeUpClient
            | DeviceActionName::QuickScan
            | DeviceActionName::FullScan
            | DeviceActionName::WindowsDefenderUpdateSignatures => {
                ActionFamily::ConfigurationManager
            }
            _ => ActionFamily::Intune,
        }
    }

    /// Intune's role-based permission the action needs (Intune's gate; the site has its own).
    pub fn permission(self) -> Permission {
        match self {
            DeviceActionName::Retire => Permission::RetireDevices,
            DeviceActionName::Wipe => Permission::WipeDevices,
            DeviceActionName::Delete => Permission::DeleteDevices,
            action if action.family() == ActionFamily::ConfigurationManager => {
                Permission::InitiateConfigurationManagerAction
            }
            _ => Permission::RemoteTasks,
        }
    }

    /// The management agents whose devices can run the action.
    pub fn supports(self, agent: ManagementAgent) -> bool {
        match self.family() {
            ActionFamily::ConfigurationManager => agent.has_configuration_manager_client(),
            ActionFamily::Intune => agent.is_intune_managed(),
        }
    }

    /// A device on its way out can still be synced (so it checks in and leaves now) and deleted.
    pub fn is_allowed_while_leaving(self) -> bool {
        matches!(
            self,
            DeviceActionName::SyncDevice | DeviceActionName::Delete
        )
    }

    /// Whether the SPA's Bulk device actions offers it: the same request for every device, by ids
    /// or by the view. A rename takes a name template instead, and only by ids.
    pub fn is_bulk(self) -> bool {
        self != DeviceActionName::SetDeviceName
    }

    /// The question the confirmation asks.
    pub fn confirmation(self, m: &Messages, device_name: &str) -> String {
        let template = match self {
            DeviceActionName::SyncDevice => &m.confirm_sync,
            DeviceActionName::RebootNow => &m.confirm_restart,
            DeviceActionName::SetDeviceName => &m.confirm_rename,
            DeviceActionName::Retire => &m.confirm_retire,
            DeviceActionName::Wipe => &m.confirm_wipe,
            DeviceActionName::Delete => &m.confirm_delete,
            _ => &m.confirm_run_action,
        };
        fill(
            template,
            &[("device", device_name), ("action", self.label(m))],
        )
    }

    /// The ConfigMgr client notification the site sends for it: the template id the service
    /// connection point logs and the BGB task type of the push.
    pub fn client_notification(self) -> Option<ClientNotification> {
        let (template_id, task_type) = match self {
            DeviceActionName::RefreshMachinePolicy => ("RequestMachinePolicy", 1),
            DeviceActionName::RefreshUserPolicy => ("RequestUserPolicy", 2),
            DeviceActionName::AppEvaluation => ("AppDeplEval", 8),
            DeviceActionName::WakeUpClient => ("WakeUpClient", 9),
            DeviceActionName::QuickScan => ("QuickScan", 10),
            DeviceActionName::FullScan => ("FullScan", 11),
            DeviceActionName::WindowsDefenderUpdateSignatures => ("DownloadDefinition", 12),
            _ => return None,
        };
        Some(ClientNotification {
            template_id,
            task_type,
        })
    }
}

/// What the tenant-attach pipeline sends the ConfigMgr client for an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientNotification {
    pub template_id: &'static str,
    pub task_type: u32,
}

/// Why an action cannot run on a device right now, or `None` when it can (the same rule for one
/// device and for bulk; the store mirrors it in SQL).
pub fn refusal(action: DeviceActionName, device: &ManagedDevice) -> Option<Refusal> {
    if !action.supports(device.management_agent) {
        return Some(Refusal::NotSupported);
    }
    let client_blocked = device
        .configuration_manager_client_information
        .as_ref()
        .is_some_and(|client| client.is_blocked);
    if action.family() == ActionFamily::ConfigurationManager && client_blocked {
        return Some(Refusal::ClientBlocked);
    }
    if device.management_state.is_leaving() && !action.is_allowed_while_leaving() {
        return Some(Refusal::AlreadyLeaving(device.management_state));
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The device's management agent cannot run the action (400; bulk: not supported).
    NotSupported,
    /// The site blocked the device's ConfigMgr client (409; bulk: failed).
    ClientBlocked,
    /// The device is being retired or wiped (409; bulk: failed).
    AlreadyLeaving(ManagementState),
}

impl Refusal {
    pub fn message(self, m: &Messages, action: DeviceActionName, device: &ManagedDevice) -> String {
        let template = match self {
            Refusal::NotSupported => match action.family() {
                ActionFamily::ConfigurationManager => &m.refusal_needs_config_mgr_client,
                ActionFamily::Intune => &m.refusal_needs_intune,
            },
            Refusal::ClientBlocked => &m.refusal_client_blocked,
            Refusal::AlreadyLeaving(_) => &m.refusal_leaving,
        };
        let state = match self {
            Refusal::AlreadyLeaving(state) => state.label(m),
            _ => "",
        };
        fill(
            template,
            &[
                ("action", action.label(m)),
                ("device", &device.device_name),
                ("managedBy", device.management_agent.label(m)),
                ("state", state),
            ],
        )
    }
}

/// Body of `POST …/managedDevices/{id}/triggerConfigurationManagerAction`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TriggerConfigurationManagerAction {
    pub configuration_manager_action: ConfigurationManagerAction,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfigurationManagerAction {
    pub action: ConfigurationManagerActionType,
}

/// `configurationManagerActionType`: the ConfigMgr actions, as Graph names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ConfigurationManagerActionType {
    RefreshMachinePolicy,
    RefreshUserPolicy,
    AppEvaluation,
    WakeUpClient,
    QuickScan,
    FullScan,
    WindowsDefenderUpdateSignatures,
}

impl ConfigurationManagerActionType {
    /// `action` as `triggerConfigurationManagerAction` names it, if it is a ConfigMgr action.
    pub fn of(action: DeviceActionName) -> Option<ConfigurationManagerActionType> {
        Some(match action {
            DeviceActionName::RefreshMachinePolicy => {
                ConfigurationManagerActionType::RefreshMachinePolicy
            }
            DeviceActionName::RefreshUserPolicy => {
                ConfigurationManagerActionType::RefreshUserPolicy
            }
            DeviceActionName::AppEvaluation => ConfigurationManagerActionType::AppEvaluation,
            DeviceActionName::WakeUpClient => ConfigurationManagerActionType::WakeUpClient,
            DeviceActionName::QuickScan => ConfigurationManagerActionType::QuickScan,
            DeviceActionName::FullScan => ConfigurationManagerActionType::FullScan,
            DeviceActionName::WindowsDefenderUpdateSignatures => {
                ConfigurationManagerActionType::WindowsDefenderUpdateSignatures
            }
            _ => return None,
        })
    }
}

impl From<ConfigurationManagerActionType> for DeviceActionName {
    fn from(action: ConfigurationManagerActionType) -> Self {
        match action {
            ConfigurationManagerActionType::RefreshMachinePolicy => {
                DeviceActionName::RefreshMachinePolicy
            }
            ConfigurationManagerActionType::RefreshUserPolicy => {
                DeviceActionName::RefreshUserPolicy
            }
            ConfigurationManagerActionType::AppEvaluation => DeviceActionName::AppEvaluation,
            ConfigurationManagerActionType::WakeUpClient => DeviceActionName::WakeUpClient,
            ConfigurationManagerActionType::QuickScan => DeviceActionName::QuickScan,
            ConfigurationManagerActionType::FullScan => DeviceActionName::FullScan,
            ConfigurationManagerActionType::WindowsDefenderUpdateSignatures => {
                DeviceActionName::WindowsDefenderUpdateSignatures
            }
        }
    }
}

/// Body of `POST …/managedDevices/{id}/setDeviceName`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SetDeviceName {
    pub device_name: String,
}

/// Body of `POST …/managedDevices/{id}/wipe`: every parameter Graph's wipe takes, all optional
/// (off and absent without a body). Only the two admin center options change what the demo does;
/// the others are recorded with the action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", default)]
pub struct WipeOptions {
    /// *Retain enrollment state and user account*.
    #[serde(with = "crate::graph_bool")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::graph_bool::schema))]
    pub keep_enrollment_data: bool,
    /// *Wipe device, but keep user data*.
    #[serde(with = "crate::graph_bool")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::graph_bool::schema))]
    pub keep_user_data: bool,
    /// Keep the device's eSIM data plan.
    #[serde(with = "crate::graph_bool", skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::graph_bool::schema))]
    pub persist_esim_data_plan: bool,
    /// Windows: protected wipe, which a user cannot cancel.
    #[serde(with = "crate::graph_bool", skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::graph_bool::schema))]
    pub use_protected_wipe: bool,
    /// macOS: the unlock code the device shows after the wipe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mac_os_unlock_code: Option<String>,
    /// macOS: whether to erase all content when Erase All Content and Settings fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obliteration_behavior: Option<ObliterationBehavior>,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// Graph's `obliterationBehavior` (macOS wipe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ObliterationBehavior {
    Default,
    DoNotObliterate,
    ObliterateWithWarning,
    Always,
    UnknownFutureValue,
}

impl ObliterationBehavior {
    pub fn wire_name(self) -> &'static str {
        match self {
            ObliterationBehavior::Default => "default",
            ObliterationBehavior::DoNotObliterate => "doNotObliterate",
            ObliterationBehavior::ObliterateWithWarning => "obliterateWithWarning",
            ObliterationBehavior::Always => "always",
            ObliterationBehavior::UnknownFutureValue => "unknownFutureValue",
        }
    }
}

/// Body of `POST …/managedDevices/executeAction`: Graph's `deviceIds`, or our extension that
/// scopes by the All devices view (`filter`, `search`) and says how many devices the admin saw;
/// with the parameters of Graph's executeAction this product uses (others are ignored, as unknown
/// members are).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ExecuteAction {
    /// A value of Graph's `managedDeviceRemoteAction`, or a ConfigMgr action by its
    /// `configurationManagerAction.action` value.
    #[cfg_attr(feature = "openapi", schema(schema_with = bulk_action_name_schema))]
    pub action_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_count: Option<u64>,
    #[serde(
        default,
        with = "crate::graph_bool::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::graph_bool::schema))]
    pub keep_enrollment_data: Option<bool>,
    #[serde(
        default,
        with = "crate::graph_bool::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::graph_bool::schema))]
    pub keep_user_data: Option<bool>,
    #[serde(
        default,
        with = "crate::graph_bool::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::graph_bool::schema))]
    pub persist_esim_data_plan: Option<bool>,
    /// `setDeviceName`: the new name, as a template each device's name is made from: the
    /// macros `{{serialnumber}}` and `{{rand:x}}` (x random digits) in letters, digits and hyphens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
}

impl ExecuteAction {
    /// Wipe's options as the request gives them (each off when absent).
    pub fn wipe_options(&self) -> WipeOptions {
        WipeOptions {
            keep_enrollment_data: self.keep_enrollment_data.unwrap_or(false),
            keep_user_data: self.keep_user_data.unwrap_or(false),
            persist_esim_data_plan: self.persist_esim_data_plan.unwrap_or(false),
            ..WipeOptions::default()
        }
    }
}

/// Graph's `managedDeviceRemoteAction`: every action `executeAction` may name (Microsoft's
/// msgraph-beta-sdk 1.66.0, `managed_device_remote_action.py`).
pub const MANAGED_DEVICE_REMOTE_ACTIONS: [&str; 20] = [
    "retire",
    "delete",
    "fullScan",
    "quickScan",
    "signatureUpdate",
    "wipe",
    "customTextNotification",
    "rebootNow",
    "setDeviceName",
    "syncDevice",
    "deprovision",
    "disable",
    "reenable",
    "moveDeviceToOrganizationalUnit",
    "activateDeviceEsim",
    "collectDiagnostics",
    "initiateMobileDeviceManagementKeyRecovery",
    "initiateOnDemandProactiveRemediation",
    "unknownFutureValue",
    "initiateDeviceAttestation",
];

/// Graph's other actions on one device (`POST …/managedDevices/{id}/cleanWindowsDevice` and the
/// like), which scripts also send to `executeAction`. Graph's enum has no member for them; this API
/// answers them as it answers any action it does not carry out, device by device, rather than
/// refusing the whole request.
pub const GRAPH_DEVICE_ACTIONS: [&str; 27] = [
    "bypassActivationLock",
    "cleanWindowsDevice",
    "createDeviceLogCollectionRequest",
    "deleteUserFromSharedAppleDevice",
    "disableLostMode",
    "enableLostMode",
    "enrollNowAction",
    "locateDevice",
    "logoutSharedAppleDeviceActiveUser",
    "overrideComplianceState",
    "pauseConfigurationRefresh",
    "playLostModeSound",
    "recoverPasscode",
    "remoteLock",
    "removeDeviceFirmwareConfigurationInterfaceManagement",
    "requestRemoteAssistance",
    "resetPasscode",
    "revokeAppleVppLicenses",
    "rotateBitLockerKeys",
    "rotateFileVaultKey",
    "rotateLocalAdminPassword",
    "sendCustomNotificationToCompanyPortal",
    "shutDown",
    "triggerConfigurationManagerAction",
    "updateWindowsDeviceAccount",
    "windowsDefenderScan",
    "windowsDefenderUpdateSignatures",
];

/// What `executeAction` does for its `actionName`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkActionName {
    /// An action this product carries out.
    CarriedOut(DeviceActionName),
    /// A Graph action this product does not carry out: no device supports it here.
    NotCarriedOut(&'static str),
}

impl BulkActionName {
    /// Graph's names (its `signatureUpdate` is our *Update Windows Defender security
    /// intelligence*), then, as our extension, the ConfigMgr actions by their `action` value.
    /// Names are matched exactly, as Graph matches enum members.
    pub fn from_wire_name(name: &str) -> Option<BulkActionName> {
        if name == "signatureUpdate" {
            return Some(BulkActionName::CarriedOut(
                DeviceActionName::WindowsDefenderUpdateSignatures,
            ));
        }
        let ours = DeviceActionName::from_wire_name(name)
            .filter(|action| {
                action.family() == ActionFamily::ConfigurationManager
                    || MANAGED_DEVICE_REMOTE_ACTIONS.contains(&action.wire_name())
            })
            .map(BulkActionName::CarriedOut);
        ours.or_else(|| {
            MANAGED_DEVICE_REMOTE_ACTIONS
                .into_iter()
                .chain(GRAPH_DEVICE_ACTIONS)
                .find(|graph| *graph == name)
                .map(BulkActionName::NotCarriedOut)
        })
    }

    /// Every `actionName` `executeAction` takes: Graph's, the ConfigMgr actions, then Graph's
    /// actions on one device.
    pub fn wire_names() -> impl Iterator<Item = &'static str> {
        let configuration_manager = DeviceActionName::ALL
            .into_iter()
            .filter(|action| {
                action.family() == ActionFamily::ConfigurationManager
                    && !MANAGED_DEVICE_REMOTE_ACTIONS.contains(&action.wire_name())
            })
            .map(DeviceActionName::wire_name);
        let mut names: Vec<&'static str> = MANAGED_DEVICE_REMOTE_ACTIONS
            .into_iter()
            .chain(configuration_manager)
            .collect();
        for name in GRAPH_DEVICE_ACTIONS {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.into_iter()
    }
}

#[cfg(feature = "openapi")]
fn bulk_action_name_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(BulkActionName::wire_names()))
        .description(Some(
            "A value of Graph's managedDeviceRemoteAction; those this product does not carry out answer every device as not supported. Extension: the Configuration Manager actions by their configurationManagerAction.action value.",
        ))
        .build()
}

/// Answer of `executeAction`: Graph's id lists when the request named devices; always the counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BulkActionResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successful_device_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_device_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_found_device_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_supported_device_ids: Option<Vec<String>>,
    pub successful_device_count: u64,
    pub failed_device_count: u64,
    pub not_found_device_count: u64,
    pub not_supported_device_count: u64,
}

/// The most devices `executeAction` takes by id; larger sets are scoped by `filter`.
pub const MAX_BULK_DEVICE_IDS: usize = 1000;

/// A device's action and where it stands (Graph's `deviceActionResult`, plus the pipeline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeviceActionResult {
    pub id: String,
    pub action_name: DeviceActionName,
    pub action_state: ActionState,
    #[serde(with = "crate::wire_date")]
    pub start_date_time: DateTime<Utc>,
    #[serde(with = "crate::wire_date")]
    pub last_updated_date_time: DateTime<Utc>,
    /// Extension: the pipeline component the action waits for; `None` once it has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_stage: Option<PipelineStage>,
    /// Extension: why it failed or is held up, in the admin's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

impl DeviceActionResult {
    pub fn is_finished(&self) -> bool {
        !matches!(
            self.action_state,
            ActionState::Pending | ActionState::Active
        )
    }
}

/// `actionState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ActionState {
    Pending,
    Active,
    Done,
    Failed,
    Canceled,
}

impl ActionState {
    pub const ALL: [ActionState; 5] = [
        ActionState::Pending,
        ActionState::Active,
        ActionState::Done,
        ActionState::Failed,
        ActionState::Canceled,
    ];

    pub fn wire_name(self) -> &'static str {
        match self {
            ActionState::Pending => "pending",
            ActionState::Active => "active",
            ActionState::Done => "done",
            ActionState::Failed => "failed",
            ActionState::Canceled => "canceled",
        }
    }

    pub fn from_wire_name(name: &str) -> Option<ActionState> {
        ActionState::ALL
            .into_iter()
            .find(|state| state.wire_name() == name)
    }

    /// The *Status* column of Device action status.
    pub fn label(self, m: &Messages) -> &str {
        match self {
            ActionState::Pending => &m.action_state_pending,
            ActionState::Active => &m.action_state_in_progress,
            ActionState::Done => &m.action_state_completed,
            ActionState::Failed => &m.action_state_failed,
            ActionState::Canceled => &m.action_state_canceled,
        }
    }
}

/// The hops of the tenant-attach pipeline, and Intune's check-in for its own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum PipelineStage {
    ServiceConnectionPoint,
    ManagementPoint,
    Client,
    CheckIn,
}

impl PipelineStage {
    pub const ALL: [PipelineStage; 4] = [
        PipelineStage::ServiceConnectionPoint,
        PipelineStage::ManagementPoint,
        PipelineStage::Client,
        PipelineStage::CheckIn,
    ];

    /// The number the database stores.
    pub fn number(self) -> i64 {
        match self {
            PipelineStage::ServiceConnectionPoint => 1,
            PipelineStage::ManagementPoint => 2,
            PipelineStage::Client => 3,
            PipelineStage::CheckIn => 4,
        }
    }

    /// Its serde name.
    pub fn from_wire_name(name: &str) -> Option<PipelineStage> {
        Some(match name {
            "serviceConnectionPoint" => PipelineStage::ServiceConnectionPoint,
            "managementPoint" => PipelineStage::ManagementPoint,
            "client" => PipelineStage::Client,
            "checkIn" => PipelineStage::CheckIn,
            _ => return None,
        })
    }

    pub fn from_number(number: i64) -> Option<PipelineStage> {
        PipelineStage::ALL
            .into_iter()
            .find(|stage| stage.number() == number)
    }

    pub fn label(self, m: &Messages) -> &str {
        match self {
            PipelineStage::ServiceConnectionPoint => &m.stage_service_connection_point,
            PipelineStage::ManagementPoint => &m.stage_management_point,
            PipelineStage::Client => &m.stage_client,
            PipelineStage::CheckIn => &m.stage_device_check_in,
        }
    }
}

/// One line of a component's log about an action
/// (`GET …/deviceActionResults/{id}/logs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PipelineLogLine {
    #[serde(with = "crate::wire_date")]
    pub date_time: DateTime<Utc>,
    pub component: String,
    pub log_file: String,
    pub message: String,
}

/// Why the site refuses a cloud-only account, in the words of the troubleshooting article.
pub const SITE_REFUSAL_EXPLANATION: &str = "The Configuration Manager site refused this action: \
     your account must be discovered by both Azure AD user discovery and Active Directory user \
     discovery, and hold the permission on the device's collection.";

/// Why an action waits at the management point.
pub const WAITING_FOR_CLIENT: &str =
    "Waiting for the client to come online: the management point sends the task when it does.";

/// The admin center's rules for a new device name, checked in order; the first broken one is
/// the message.
pub fn device_name_problem(m: &Messages, name: &str, operating_system: &str) -> Option<String> {
    let limit = if operating_system == "Windows" {
        15
    } else {
        63
    };
    let problem = if name.is_empty() {
        &m.rename_empty
    } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        &m.rename_characters
    } else if name.chars().all(|c| c.is_ascii_digit()) {
        &m.rename_only_numbers
    } else if name.len() > limit {
        if limit == 15 {
            &m.rename_too_long_windows
        } else {
            &m.rename_too_long
        }
    } else {
        return None;
    };
    Some(problem.to_string())
}

/// A bulk rename's `deviceName`: text with the admin center's macros, `{{serialnumber}}` (the
/// device's serial number) and `{{rand:x}}` (x random digits), in any case, from which each
/// device's name is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceNameTemplate {
    parts: Vec<NamePart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum NamePart {
    Text(String),
    SerialNumber,
    RandomDigits(usize),
}

impl DeviceNameTemplate {
    /// The template, or why no device could take a name from it: a malformed or unknown macro, or
    /// text that breaks the rules whatever the device. What depends on the device (length, only
    /// digits, its serial number's characters) is checked per device by [`Self::name_for`].
    pub fn parse(template: &str) -> Result<DeviceNameTemplate, String> {
        let mut parts = Vec::new();
        let mut rest = template;
        while !rest.is_empty() {
            let Some(start) = rest.find("{{") else {
                parts.push(NamePart::Text(rest.to_string()));
                break;
            };
            if start > 0 {
                parts.push(NamePart::Text(rest[..start].to_string()));
            }
            let after = &rest[start + 2..];
            let end = after.find("}}").ok_or_else(|| {
                format!("a macro opened with {{{{ is not closed with }}}} in '{template}'.")
            })?;
            parts.push(Self::macro_part(&after[..end])?);
            rest = &after[end + 2..];
        }
        if parts.is_empty() {
            return Err("Enter a device name.".to_string());
        }
        let text_breaks_rules = parts.iter().any(|part| {
            matches!(part, NamePart::Text(text)
                if !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        });
        if text_breaks_rules {
            return Err(
                "A device name can contain only letters, numbers and hyphens, besides the macros {{serialnumber}} and {{rand:x}}."
                    .to_string(),
            );
        }
        Ok(DeviceNameTemplate { parts })
    }

    fn macro_part(name: &str) -> Result<NamePart, String> {
        let lower = name.trim().to_ascii_lowercase();
        if lower == "serialnumber" {
            return Ok(NamePart::SerialNumber);
        }
        let digits = lower
            .strip_prefix("rand:")
            .map(|count| count.trim().parse::<usize>().ok().filter(|count| (1..=63).contains(count)))
            .ok_or_else(|| {
                format!("unknown macro {{{{{name}}}}}: the macros are {{{{serialnumber}}}} and {{{{rand:x}}}}.")
            })?
            .ok_or_else(|| {
                format!("{{{{{name}}}}} needs the number of random digits, 1 to 63, as in {{{{rand:4}}}}.")
            })?;
        Ok(NamePart::RandomDigits(digits))
    }

    /// The name the template gives a device with `serial_number`, its random digits drawn from
    /// `random_digit`; or why that name breaks the admin center's rules for the device's
    /// `operating_system`.
    pub fn name_for(
        &self,
        serial_number: &str,
        operating_system: &str,
        mut random_digit: impl FnMut() -> char,
    ) -> Result<String, String> {
        let mut name = String::new();
        for part in &self.parts {
            match part {
                NamePart::Text(text) => name.push_str(text),
                NamePart::SerialNumber => name.push_str(serial_number),
                NamePart::RandomDigits(count) => name.extend((0..*count).map(|_| random_digit())),
            }
        }
        match device_name_problem(Messages::english(), &name, operating_system) {
            Some(problem) => Err(problem),
            None => Ok(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Messages;

    #[test]
    fn every_action_round_trips_through_its_wire_name() {
        for action in DeviceActionName::ALL {
            assert_eq!(
                DeviceActionName::from_wire_name(action.wire_name()),
                Some(action)
            );
            assert_eq!(
                serde_json::to_string(&action).unwrap(),
                format!("\"{}\"", action.wire_name())
            );
        }
    }

    #[test]
    fn configuration_manager_actions_carry_the_spec_template_ids() {
        let template = |action: DeviceActionName| action.client_notification().unwrap().template_id;
        assert_eq!(
            template(DeviceActionName::RefreshMachinePolicy),
            "RequestMachinePolicy"
        );
        assert_eq!(
            template(DeviceActionName::RefreshUserPolicy),
            "RequestUserPolicy"
        );
        assert_eq!(template(DeviceActionName::AppEvaluation), "AppDeplEval");
        assert_eq!(
            DeviceActionName::RefreshMachinePolicy
                .client_notification()
                .unwrap()
                .task_type,
            1
        );
        for action in DeviceActionName::ALL {
            assert_eq!(
                action.client_notification().is_some(),
                action.family() == ActionFamily::ConfigurationManager
            );
        }
    }

    #[test]
    fn the_configuration_manager_actions_are_those_triggerconfigurationmanageraction_names() {
        for action in DeviceActionName::ALL {
            let named = ConfigurationManagerActionType::of(action);
            assert_eq!(
                named.is_some(),
                action.family() == ActionFamily::ConfigurationManager,
                "{action:?}"
            );
            if let Some(named) = named {
                assert_eq!(DeviceActionName::from(named), action);
                assert_eq!(
                    serde_json::to_value(named).unwrap(),
                    serde_json::to_value(action).unwrap()
                );
            }
        }
    }

    #[test]
    fn retire_wipe_and_delete_need_their_own_permissions() {
        assert_eq!(
            DeviceActionName::Retire.permission(),
            Permission::RetireDevices
        );
        assert_eq!(DeviceActionName::Wipe.permission(), Permission::WipeDevices);
        assert_eq!(
            DeviceActionName::Delete.permission(),
            Permission::DeleteDevices
        );
        assert_eq!(
            DeviceActionName::RebootNow.permission(),
            Permission::RemoteTasks
        );
        assert_eq!(
            DeviceActionName::AppEvaluation.permission(),
            Permission::InitiateConfigurationManagerAction
        );
    }

    #[test]
    fn configuration_manager_actions_need_a_client_and_intune_actions_need_intune() {
        use ManagementAgent::*;
        let machine_policy = DeviceActionName::RefreshMachinePolicy;
        let retire = DeviceActionName::Retire;
        for (agent, configuration_manager, intune) in [
            (Mdm, false, true),
            (ConfigurationManagerClient, true, false),
            (ConfigurationManagerClientMdm, true, true),
            (ConfigurationManagerClientMdmEas, true, true),
            (Eas, false, false),
            (EasMdm, false, true),
            (Jamf, false, false),
        ] {
            assert_eq!(
                machine_policy.supports(agent),
                configuration_manager,
                "{agent:?}"
            );
            assert_eq!(retire.supports(agent), intune, "{agent:?}");
        }
    }

    #[test]
    fn a_device_name_follows_the_admin_centers_rules() {
        assert_eq!(
            device_name_problem(Messages::english(), "CONTOSO-LT-0001", "Windows"),
            None
        );
        assert_eq!(
            device_name_problem(Messages::english(), "Adeles-iPhone", "iOS"),
            None
        );
        assert_eq!(
            device_name_problem(Messages::english(), "", "Windows").unwrap(),
            "Enter a device name."
        );
        assert_eq!(
            device_name_problem(Messages::english(), "LT_0001", "Windows").unwrap(),
            "A device name can contain only letters, numbers and hyphens."
        );
        assert_eq!(
            device_name_problem(Messages::english(), "Adele's iPhone", "iOS").unwrap(),
            "A device name can contain only letters, numbers and hyphens."
        );
        assert_eq!(
            device_name_problem(Messages::english(), "12345", "Windows").unwrap(),
            "A device name can't contain only numbers."
        );
        assert_eq!(
            device_name_problem(Messages::english(), "CONTOSO-LT-00001", "Windows").unwrap(),
            "A Windows device name can have at most 15 characters."
        );
        assert_eq!(
            device_name_problem(Messages::english(), "CONTOSO-LT-00001", "iOS"),
            None
        );
        assert_eq!(
            device_name_problem(Messages::english(), &"a".repeat(64), "Android").unwrap(),
            "A device name can have at most 63 characters."
        );
        assert_eq!(
            device_name_problem(Messages::english(), &"a".repeat(63), "Android"),
            None
        );
        assert!(device_name_problem(Messages::english(), "CONTOSO-LÄPTOP", "macOS").is_some());
    }

    fn device(agent: ManagementAgent, state: ManagementState, blocked: bool) -> ManagedDevice {
        ManagedDevice {
            id: "d".into(),
            device_name: "CONTOSO-LT-0001".into(),
            managed_device_name: String::new(),
            management_agent: agent,
            managed_device_owner_type: crate::device::OwnerType::Company,
            compliance_state: crate::device::ComplianceState::Compliant,
            management_state: state,
            operating_system: "Windows".into(),
            os_version: String::new(),
            device_type: String::new(),
            user_principal_name: String::new(),
            user_display_name: String::new(),
            email_address: String::new(),
            enrolled_date_time: DateTime::UNIX_EPOCH,
            last_sync_date_time: DateTime::UNIX_EPOCH,
            serial_number: String::new(),
            manufacturer: String::new(),
            model: String::new(),
            imei: String::new(),
            phone_number: String::new(),
            wi_fi_mac_address: String::new(),
            total_storage_space_in_bytes: 0,
            free_storage_space_in_bytes: 0,
            device_category_display_name: String::new(),
            join_type: crate::device::JoinType::Unknown,
            is_encrypted: true,
            device_action_results: Vec::new(),
            configuration_manager_client_information: agent
                .has_configuration_manager_client()
                .then(|| crate::device::ConfigurationManagerClientInformation {
                    client_identifier: "GUID:1".into(),
                    client_version: "5.00.9132.1000".into(),
                    is_blocked: blocked,
                }),
            is_online: true,
            ..ManagedDevice::default()
        }
    }

    #[test]
    fn an_action_is_refused_when_it_does_not_fit_the_device_or_its_state() {
        use DeviceActionName::*;
        use ManagementAgent::*;
        use ManagementState::*;
        for (action, agent, state, blocked, expected) in [
            (
                RefreshMachinePolicy,
                ConfigurationManagerClient,
                Managed,
                false,
                None,
            ),
            (
                RefreshMachinePolicy,
                Mdm,
                Managed,
                false,
                Some(Refusal::NotSupported),
            ),
            (
                RefreshMachinePolicy,
                ConfigurationManagerClient,
                Managed,
                true,
                Some(Refusal::ClientBlocked),
            ),
            (
                Retire,
                ConfigurationManagerClient,
                Managed,
                false,
                Some(Refusal::NotSupported),
            ),
            (Retire, ConfigurationManagerClientMdm, Managed, true, None),
            (
                Retire,
                Mdm,
                RetirePending,
                false,
                Some(Refusal::AlreadyLeaving(RetirePending)),
            ),
            (
                RebootNow,
                Mdm,
                WipePending,
                false,
                Some(Refusal::AlreadyLeaving(WipePending)),
            ),
            (SyncDevice, Mdm, WipePending, false, None),
            (Delete, Mdm, RetirePending, false, None),
            (Delete, Jamf, Managed, false, Some(Refusal::NotSupported)),
        ] {
            assert_eq!(
                refusal(action, &device(agent, state, blocked)),
                expected,
                "{action:?} on {agent:?} {state:?}"
            );
        }
    }

    #[test]
    fn execute_action_takes_every_graph_remote_action_and_the_configuration_manager_actions() {
        use BulkActionName::*;
        for name in MANAGED_DEVICE_REMOTE_ACTIONS {
            assert!(BulkActionName::from_wire_name(name).is_some(), "{name}");
        }
        assert_eq!(
            BulkActionName::from_wire_name("wipe"),
            Some(CarriedOut(DeviceActionName::Wipe))
        );
        assert_eq!(
            BulkActionName::from_wire_name("signatureUpdate"),
            Some(CarriedOut(
                DeviceActionName::WindowsDefenderUpdateSignatures
            ))
        );
        assert_eq!(
            BulkActionName::from_wire_name("refreshMachinePolicy"),
            Some(CarriedOut(DeviceActionName::RefreshMachinePolicy))
        );
        assert_eq!(
            BulkActionName::from_wire_name("collectDiagnostics"),
            Some(NotCarriedOut("collectDiagnostics"))
        );
        for action in DeviceActionName::ALL {
            assert!(
                matches!(BulkActionName::from_wire_name(action.wire_name()), Some(CarriedOut(named)) if named == action),
                "{action:?}"
            );
        }
        // Graph's actions of one device are answered device by device, as not carried out.
        assert_eq!(
            BulkActionName::from_wire_name("cleanWindowsDevice"),
            Some(NotCarriedOut("cleanWindowsDevice"))
        );
        // Not a name of Graph's, nor one in another case.
        for name in ["Wipe", "formatDisk", "cleanwindowsdevice", ""] {
            assert_eq!(BulkActionName::from_wire_name(name), None, "{name}");
        }
        let names: Vec<_> = BulkActionName::wire_names().collect();
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        assert!(names.contains(&"cleanWindowsDevice"));
        assert!(
            names
                .iter()
                .all(|name| BulkActionName::from_wire_name(name).is_some())
        );
    }

    #[test]
    fn a_name_template_gives_each_device_its_name_by_the_admin_centers_rules() {
        let template = DeviceNameTemplate::parse("LAB-{{SerialNumber}}").unwrap();
        assert_eq!(
            template.name_for("PF3X9K", "Windows", || '7'),
            Ok("LAB-PF3X9K".to_string())
        );
        assert_eq!(
            template
                .name_for("PF3X9K2LM8QZ", "Windows", || '7')
                .unwrap_err(),
            "A Windows device name can have at most 15 characters."
        );
        assert_eq!(
            template.name_for("PF3X9K2LM8QZ", "iOS", || '7'),
            Ok("LAB-PF3X9K2LM8QZ".to_string())
        );
        assert!(template.name_for("SN 1/2", "Windows", || '7').is_err());
        let mut digits = "3141".chars();
        let random = DeviceNameTemplate::parse("KIOSK-{{rand:4}}").unwrap();
        assert_eq!(
            random.name_for("", "Android", || digits.next().unwrap()),
            Ok("KIOSK-3141".to_string())
        );
        assert_eq!(
            DeviceNameTemplate::parse("{{rand:3}}")
                .unwrap()
                .name_for("", "Windows", || '1')
                .unwrap_err(),
            "A device name can't contain only numbers."
        );
        assert_eq!(
            DeviceNameTemplate::parse("CONTOSO-LT-01")
                .unwrap()
                .name_for("X", "macOS", || '1'),
            Ok("CONTOSO-LT-01".to_string())
        );
    }

    #[test]
    fn a_template_no_device_could_take_a_name_from_is_refused_with_the_reason() {
        for (template, says) in [
            ("", "Enter a device name."),
            ("LAB_{{serialnumber}}", "only letters, numbers and hyphens"),
            ("LAB-{{serialnumber", "not closed"),
            ("LAB-{{deviceName}}", "unknown macro {{deviceName}}"),
            ("LAB-{{rand:0}}", "1 to 63"),
            ("LAB-{{rand:x}}", "1 to 63"),
        ] {
            let problem = DeviceNameTemplate::parse(template).unwrap_err();
            assert!(problem.contains(says), "{template}: {problem}");
        }
    }

    #[test]
    fn finished_states_are_done_failed_and_canceled() {
        for state in ActionState::ALL {
            assert_eq!(ActionState::from_wire_name(state.wire_name()), Some(state));
        }
        assert_eq!(ActionState::Done.label(Messages::english()), "Completed");
    }
}
