//! Device actions as both stores record them: what an accepted action is, what recording it came
//! to, and the stored row read back as a `deviceActionResult`.

use chrono::{DateTime, Utc};
use endpoint_admin_model::{
    device::ManagedDevice,
    device_action::{
        ActionState, DeviceActionName, DeviceActionResult, DeviceNameTemplate, PipelineStage,
        SITE_REFUSAL_EXPLANATION, SetDeviceName, WAITING_FOR_CLIENT,
    },
};
use rand::Rng;

use super::{
    Store,
    action_id::{action_guid, parse_action_guid},
    applications::application_parameters,
};
use crate::odata::SqlValue;
use crate::pipeline::{hop::PipelineAction, log::ActionLogSource};

/// A `deviceActionResults` list never grows without bound on the device.
pub const RESULTS_PER_DEVICE: i64 = 50;

/// `failure` of an action the site refused.
pub(super) const SITE_UNAUTHORIZED: &str = "siteUnauthorized";

/// Why a Retire or Wipe waits.
pub const WAITING_FOR_CHECK_IN: &str =
    "Waits for the device's next check-in; Sync asks the device to check in now.";

/// An action the API has accepted, about to be recorded.
#[derive(Debug, Clone)]
pub struct NewAction {
    pub action: DeviceActionName,
    pub device_id: String,
    pub last_sync: DateTime<Utc>,
    pub requested_by: String,
    /// The request's options as JSON (a new name, wipe's options).
    pub parameters: Option<String>,
}

/// A bulk action: what every device's action shares.
#[derive(Debug, Clone)]
pub struct BulkAction {
    pub action: DeviceActionName,
    pub requested_by: String,
    pub parameters: BulkParameters,
    pub now_ms: i64,
    pub hop_delay_ms: i64,
}

/// What each device's action of a bulk request is given.
#[derive(Debug, Clone)]
pub enum BulkParameters {
    /// The same options for every device, as JSON (wipe's), or none.
    Shared(Option<String>),
    /// A rename: each device's own name, made from the template. Only by ids: the set-based
    /// path by query gives every device the same parameters.
    DeviceName(DeviceNameTemplate),
}

impl BulkParameters {
    /// The parameters of the action on `device`, or `None` when the device cannot take them (the
    /// name the template gives it breaks the rules): the device fails.
    pub fn for_device(&self, device: &ManagedDevice) -> Option<Option<String>> {
        match self {
            BulkParameters::Shared(parameters) => Some(parameters.clone()),
            BulkParameters::DeviceName(template) => {
                let mut random = rand::rng();
                let device_name = template
                    .name_for(&device.serial_number, &device.operating_system, || {
                        char::from(b'0' + random.random_range(0..10u8))
                    })
                    .ok()?;
                Some(serde_json::to_string(&SetDeviceName { device_name }).ok())
            }
        }
    }

    /// The parameters every device shares, for the set-based path.
    pub fn shared(&self) -> Option<&str> {
        match self {
            BulkParameters::Shared(parameters) => parameters.as_deref(),
            BulkParameters::DeviceName(_) => None,
        }
    }
}

/// What recording an action came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    /// The action is on its way; its result has this id.
    Accepted { result_id: String },
    /// Delete: the device and its actions are gone.
    Removed,
    /// The device left, or started leaving, since it was checked.
    Changed,
}

/// How an action by id fared in a bulk request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkOutcome {
    Successful,
    Failed,
    NotFound,
    NotSupported,
}

pub(super) type LogSourceRow = (
    i64,
    i64,
    i64,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

pub(super) type ResultRow = (
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    i64,
    i64,
);

pub(super) fn device_action_result(
    (id_bits, action, state, stage, due_at, failure, started, updated): ResultRow,
) -> Option<DeviceActionResult> {
    let action_name = DeviceActionName::from_wire_name(&action)?;
    let pipeline_stage = stage.and_then(PipelineStage::from_number);
    let error_message = match (failure.as_deref(), pipeline_stage) {
        (Some(SITE_UNAUTHORIZED), _) => Some(SITE_REFUSAL_EXPLANATION.to_string()),
        (_, Some(PipelineStage::ManagementPoint)) if due_at.is_none() => {
            Some(WAITING_FOR_CLIENT.to_string())
        }
        (_, Some(PipelineStage::CheckIn))
            if matches!(
                action_name,
                DeviceActionName::Retire | DeviceActionName::Wipe
            ) =>
        {
            Some(WAITING_FOR_CHECK_IN.to_string())
        }
        _ => None,
    };
    let seconds = |ms: i64| DateTime::from_timestamp(ms.div_euclid(1000), 0).unwrap_or_default();
    Some(DeviceActionResult {
        id: action_guid(started, id_bits),
        action_name,
        action_state: ActionState::from_wire_name(&state)?,
        start_date_time: seconds(started),
        last_updated_date_time: seconds(updated),
        pipeline_stage,
        error_message,
    })
}

/// The stored facts of an action, as `log_source_where` reads them, for its log lines.
pub(super) fn log_source(
    (seq, id_bits, started, action, requested_by, tenant, scp, mp, client, failure): LogSourceRow,
) -> Option<ActionLogSource> {
    Some(ActionLogSource {
        seq,
        id: action_guid(started, id_bits),
        action: PipelineAction::from_wire_name(&action)?,
        application: None,
        requested_by,
        tenant_id: tenant.unwrap_or_default(),
        service_connection_point_at: scp.and_then(DateTime::from_timestamp_millis),
        management_point_at: mp.and_then(DateTime::from_timestamp_millis),
        client_at: client.and_then(DateTime::from_timestamp_millis),
        refused_by_site: failure.as_deref() == Some(SITE_UNAUTHORIZED),
    })
}

/// Which of a device's actions a log is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoggedAction {
    /// The action whose result has this id (its start and random bits).
    Result { started_ms: i64, id_bits: i64 },
    /// The latest action on an application, by the job's `parameters`.
    LatestOnApplication { parameters: String },
}

impl LoggedAction {
    /// The condition on `device_actions` that picks the action, with `?` placeholders.
    pub(super) fn condition(&self) -> (&'static str, Vec<SqlValue>) {
        match self {
            LoggedAction::Result {
                started_ms,
                id_bits,
            } => (
                "id_bits = ? AND started_at = ?",
                vec![SqlValue::Integer(*id_bits), SqlValue::Integer(*started_ms)],
            ),
            LoggedAction::LatestOnApplication { parameters } => {
                ("parameters = ?", vec![SqlValue::Text(parameters.clone())])
            }
        }
    }
}

impl Store {
    /// What the log lines of the device's action `result_id` are derived from.
    pub async fn action_log_source(
        &self,
        device_id: &str,
        result_id: &str,
    ) -> Result<Option<ActionLogSource>, sqlx::Error> {
        let Some((started_ms, id_bits)) = parse_action_guid(result_id) else {
            return Ok(None);
        };
        let action = LoggedAction::Result {
            started_ms,
            id_bits,
        };
        let source = self.logged_action_source(device_id, &action).await?;
        // Application actions have their log beside the application.
        Ok(source.filter(|source| matches!(source.action, PipelineAction::Device(_))))
    }

    /// What the log lines of the latest action on the device's application are derived from.
    pub async fn application_log_source(
        &self,
        device_id: &str,
        application_id: &str,
        application_name: &str,
    ) -> Result<Option<ActionLogSource>, sqlx::Error> {
        let action = LoggedAction::LatestOnApplication {
            parameters: application_parameters(application_id),
        };
        let source = self.logged_action_source(device_id, &action).await?;
        Ok(source.map(|source| ActionLogSource {
            application: Some((application_id.to_string(), application_name.to_string())),
            ..source
        }))
    }
}
