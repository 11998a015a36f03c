//! Device actions as the API sees them: recording an accepted action together with what it does to
//! the device at once (Retire and Wipe mark it, Delete removes it), reading a device's
//! `deviceActionResults` and the facts its log lines are derived from, and the simulated check-in.
//!
//! Actions belong to their device by its `seq` and leave with it (a foreign key cascades). On
//! PostgreSQL writers on several servers run under READ COMMITTED, where SQLite has one writer at
//! a time: a device row is locked before its actions are written, so an action is never recorded
//! for a device that a concurrent transaction deleted or changed after it was read.

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
    bulk_actions::leaving_state,
    devices::{DEVICE_COLUMNS, DeviceRow},
    dialect::{Backend, Connection, on_connection, on_pool},
};
use crate::odata::SqlValue;
use crate::pipeline::{hop::PipelineAction, log::ActionLogSource, schedule::first_hop};
use endpoint_admin_model::device_action::{Refusal, refusal};

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

type LogSourceRow = (
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

type ResultRow = (
    i64,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    i64,
    i64,
);

fn device_action_result(
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
fn log_source(
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
    fn condition(&self) -> (&'static str, Vec<SqlValue>) {
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
    /// Records `action` and what it does at once, in one transaction.
    pub async fn record_device_action(
        &self,
        action: &NewAction,
        now_ms: i64,
        hop_delay_ms: i64,
    ) -> Result<Recorded, sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            let mut transaction = B::begin_write(pool).await?;
            let recorded = record((&mut *transaction).into(), action, now_ms, hop_delay_ms).await?;
            transaction.commit().await?;
            Ok(recorded)
        })
    }

    /// `executeAction` by ids: each device found, checked and recorded in one transaction.
    pub async fn record_bulk_action_by_ids(
        &self,
        bulk: &BulkAction,
        device_ids: &[String],
    ) -> Result<Vec<(String, BulkOutcome)>, sqlx::Error> {
        let action = bulk.action;
        on_pool!(self.pool(), |pool: B| {
            // The devices are locked as they are read (in one order, so two bulk actions cannot
            // deadlock), so no other server changes them between the check and the record.
            let lock = if action == DeviceActionName::Delete {
                B::FOR_UPDATE
            } else {
                B::FOR_NO_KEY_UPDATE
            };
            let sql = format!(
                "SELECT {DEVICE_COLUMNS} FROM managed_devices WHERE {} ORDER BY seq{lock}",
                B::in_list("id", 1)
            );
            let mut transaction = B::begin_write(pool).await?;
            let devices: Vec<ManagedDevice> = sqlx::query_as::<_, DeviceRow>(&sql)
                .bind(B::ids(device_ids))
                .fetch_all(&mut *transaction)
                .await?
                .into_iter()
                .map(ManagedDevice::from)
                .collect();
            // Several devices' counts change, one after another.
            if matches!(
                action,
                DeviceActionName::Retire | DeviceActionName::Wipe | DeviceActionName::Delete
            ) {
                B::lock_device_counts(&mut transaction).await?;
            }
            let mut outcomes = Vec::with_capacity(device_ids.len());
            for device_id in device_ids {
                if outcomes.iter().any(|(done, _)| done == device_id) {
                    continue;
                }
                let Some(device) = devices.iter().find(|device| &device.id == device_id) else {
                    outcomes.push((device_id.clone(), BulkOutcome::NotFound));
                    continue;
                };
                let outcome = match refusal(action, device) {
                    Some(Refusal::NotSupported) => BulkOutcome::NotSupported,
                    Some(_) => BulkOutcome::Failed,
                    None => match bulk.parameters.for_device(device) {
                        None => BulkOutcome::Failed,
                        Some(parameters) => {
                            let new = NewAction {
                                action,
                                device_id: device.id.clone(),
                                last_sync: device.last_sync_date_time,
                                requested_by: bulk.requested_by.clone(),
                                parameters,
                            };
                            let connection = (&mut *transaction).into();
                            match record(connection, &new, bulk.now_ms, bulk.hop_delay_ms).await? {
                                Recorded::Accepted { .. } | Recorded::Removed => {
                                    BulkOutcome::Successful
                                }
                                Recorded::Changed => BulkOutcome::Failed,
                            }
                        }
                    },
                };
                outcomes.push((device_id.clone(), outcome));
            }
            transaction.commit().await?;
            Ok(outcomes)
        })
    }

    /// The device's latest actions, newest first.
    pub async fn device_action_results(
        &self,
        device_id: &str,
    ) -> Result<Vec<DeviceActionResult>, sqlx::Error> {
        let rows: Vec<ResultRow> = on_pool!(self.pool(), |pool: B| {
            sqlx::query_as(
                "SELECT id_bits, action_name, action_state, next_stage, due_at, failure,
                        started_at, updated_at
                 FROM device_actions
                 WHERE device_seq = (SELECT seq FROM managed_devices WHERE id = $1)
                 ORDER BY seq DESC LIMIT $2",
            )
            .bind(device_id)
            .bind(RESULTS_PER_DEVICE)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().filter_map(device_action_result).collect())
    }

    /// What the log lines of the device's action `action` are derived from (see
    /// `action_log_source` and `application_log_source`, which ask through this).
    pub async fn logged_action_source(
        &self,
        device_id: &str,
        action: &LoggedAction,
    ) -> Result<Option<ActionLogSource>, sqlx::Error> {
        let (condition, mut params) = action.condition();
        let sql = format!(
            "SELECT seq, id_bits, started_at, action_name, requested_by,
                    (SELECT id FROM organization ORDER BY id LIMIT 1),
                    service_connection_point_at, management_point_at, client_at, failure
             FROM device_actions
             WHERE device_seq = (SELECT seq FROM managed_devices WHERE id = ?) AND {condition}
             ORDER BY seq DESC LIMIT 1"
        );
        params.insert(0, SqlValue::Text(device_id.to_string()));
        let row: Option<LogSourceRow> = on_pool!(self.pool(), |pool: B| {
            sqlx::query_as_with(&B::numbered(&sql), B::arguments(&params))
                .fetch_optional(pool)
                .await?
        });
        Ok(row.and_then(log_source))
    }

    /// The demo's stand-in for a device contacting its services now: its ConfigMgr client comes
    /// online (actions waiting for it fall due, by trigger) and its Intune check-in runs (a
    /// pending Retire or Wipe falls due). False when there is no such device.
    pub async fn simulate_check_in(
        &self,
        device_id: &str,
        now_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            let mut transaction = B::begin_write(pool).await?;
            let seq: Option<i64> = sqlx::query_scalar(
                "UPDATE managed_devices
                 SET is_online = cm_client_identifier IS NOT NULL, last_sync_date_time = $1
                 WHERE id = $2
                 RETURNING seq",
            )
            .bind(now_ms.div_euclid(1000))
            .bind(device_id)
            .fetch_optional(&mut *transaction)
            .await?;
            if let Some(seq) = seq {
                bring_check_in_forward((&mut *transaction).into(), seq, now_ms).await?;
            }
            transaction.commit().await?;
            Ok(seq.is_some())
        })
    }

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

/// Records one action in the caller's transaction.
async fn record(
    connection: Connection<'_>,
    new: &NewAction,
    now_ms: i64,
    hop_delay_ms: i64,
) -> Result<Recorded, sqlx::Error> {
    let hop = first_hop(new.action, new.last_sync, now_ms, hop_delay_ms);
    let id_bits: i64 = rand::random();
    on_connection!(connection, |connection: B| {
        if let Some(state) = leaving_state(new.action) {
            // A concurrent Retire or Wipe on PostgreSQL holds the row until it commits; the
            // condition is then checked again on what it wrote, so only one of them marks it.
            let marked = sqlx::query(
                "UPDATE managed_devices SET management_state = $1
                 WHERE id = $2 AND management_state NOT IN ('retirePending', 'wipePending')",
            )
            .bind(state)
            .bind(&new.device_id)
            .execute(&mut *connection)
            .await?
            .rows_affected();
            if marked == 0 {
                return Ok(Recorded::Changed);
            }
        }
        if new.action == DeviceActionName::Delete {
            let deleted = sqlx::query("DELETE FROM managed_devices WHERE id = $1")
                .bind(&new.device_id)
                .execute(&mut *connection)
                .await?
                .rows_affected();
            return Ok(if deleted == 0 {
                Recorded::Changed
            } else {
                Recorded::Removed
            });
        }
        // From the device's row, locked as the foreign key would lock it: never recorded for a
        // device that has just left, nor a foreign key error for one a running transaction deletes.
        let inserted = sqlx::query(&format!(
            "INSERT INTO device_actions (id_bits, device_seq, action_name, action_state,
                                         next_stage, due_at, requested_by, parameters,
                                         started_at, updated_at)
             SELECT $1, seq, $2, $3, $4, $5, $6, $7, $8, $8 FROM managed_devices WHERE id = $9{}",
            B::FOR_KEY_SHARE
        ))
        .bind(id_bits)
        .bind(new.action.wire_name())
        .bind(hop.state.wire_name())
        .bind(hop.stage.map(PipelineStage::number))
        .bind(hop.due_at)
        .bind(&new.requested_by)
        .bind(&new.parameters)
        .bind(now_ms)
        .bind(&new.device_id)
        .execute(&mut *connection)
        .await?
        .rows_affected();
        Ok(if inserted == 0 {
            Recorded::Changed
        } else {
            Recorded::Accepted {
                result_id: action_guid(now_ms, id_bits),
            }
        })
    })
}

/// The device checks in now: its Retire or Wipe waiting for the scheduled check-in falls due.
pub(super) async fn bring_check_in_forward(
    connection: Connection<'_>,
    device_seq: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    on_connection!(connection, |connection: B| {
        sqlx::query(
            "UPDATE device_actions SET due_at = $1
             WHERE device_seq = $2 AND next_stage = 4 AND claim_token IS NULL AND due_at > $1",
        )
        .bind(now_ms)
        .bind(device_seq)
        .execute(&mut *connection)
        .await?;
    });
    Ok(())
}
