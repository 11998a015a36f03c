//! Device actions as the API sees them: recording an accepted action together with what it does to
//! the device at once (Retire and Wipe mark it, Delete removes it), reading a device's
//! `deviceActionResults` and the facts its log lines are derived from, and the simulated check-in.
//!
//! Actions belong to their device by its `seq` and leave with it (a foreign key cascades).

use endpoint_admin_model::{
    device::ManagedDevice,
    device_action::{DeviceActionName, DeviceActionResult, PipelineStage, refusal},
};
use sqlx::SqliteConnection;

use super::{SqliteStore, devices::arguments};
use crate::odata::SqlValue;
use crate::pipeline::{log::ActionLogSource, schedule::first_hop};
use crate::store::{
    action_id::action_guid,
    device_actions::{
        BulkAction, BulkOutcome, LogSourceRow, LoggedAction, NewAction, RESULTS_PER_DEVICE,
        Recorded, ResultRow, device_action_result, log_source,
    },
    devices::{DEVICE_COLUMNS, DeviceRow},
};

impl SqliteStore {
    /// Records `action` and what it does at once, in one transaction.
    pub async fn record_device_action(
        &self,
        action: &NewAction,
        now_ms: i64,
        hop_delay_ms: i64,
    ) -> Result<Recorded, sqlx::Error> {
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let id = record(&mut transaction, action, now_ms, hop_delay_ms).await?;
        transaction.commit().await?;
        Ok(id)
    }

    /// `executeAction` by ids: each device found, checked and recorded in one transaction.
    pub async fn record_bulk_action_by_ids(
        &self,
        bulk: &BulkAction,
        device_ids: &[String],
    ) -> Result<Vec<(String, BulkOutcome)>, sqlx::Error> {
        let action = bulk.action;
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let ids = serde_json::to_string(device_ids).unwrap_or_else(|_| "[]".into());
        let sql = format!(
            "SELECT {} FROM managed_devices WHERE id IN (SELECT value FROM json_each(?))",
            DEVICE_COLUMNS
        );
        let devices: Vec<ManagedDevice> = sqlx::query_as::<_, DeviceRow>(&sql)
            .bind(ids)
            .fetch_all(&mut *transaction)
            .await?
            .into_iter()
            .map(ManagedDevice::from)
            .collect();
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
                Some(endpoint_admin_model::device_action::Refusal::NotSupported) => {
                    BulkOutcome::NotSupported
                }
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
                        match record(&mut transaction, &new, bulk.now_ms, bulk.hop_delay_ms).await?
                        {
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
    }

    /// The device's latest actions, newest first.
    pub async fn device_action_results(
        &self,
        device_id: &str,
    ) -> Result<Vec<DeviceActionResult>, sqlx::Error> {
        let rows: Vec<ResultRow> = sqlx::query_as(
            "SELECT id_bits, action_name, action_state, next_stage, due_at, failure, started_at,
                    updated_at
             FROM device_actions
             WHERE device_seq = (SELECT seq FROM managed_devices WHERE id = ?)
             ORDER BY seq DESC LIMIT ?",
        )
        .bind(device_id)
        .bind(RESULTS_PER_DEVICE)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().filter_map(device_action_result).collect())
    }

    /// What the log lines of the device's action `action` are derived from.
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
        let row: Option<LogSourceRow> = sqlx::query_as_with(&sql, arguments(&params))
            .fetch_optional(&self.pool)
            .await?;
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
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let found = sqlx::query(
            "UPDATE managed_devices
             SET is_online = cm_client_identifier IS NOT NULL, last_sync_date_time = ?
             WHERE id = ?",
        )
        .bind(now_ms.div_euclid(1000))
        .bind(device_id)
        .execute(&mut *transaction)
        .await?
        .rows_affected()
            > 0;
        let seq: Option<i64> = sqlx::query_scalar("SELECT seq FROM managed_devices WHERE id = ?")
            .bind(device_id)
            .fetch_optional(&mut *transaction)
            .await?;
        if let Some(seq) = seq {
            bring_check_in_forward(&mut transaction, seq, now_ms).await?;
        }
        transaction.commit().await?;
        Ok(found)
    }
}

/// Records one action in the caller's transaction.
async fn record(
    connection: &mut SqliteConnection,
    new: &NewAction,
    now_ms: i64,
    hop_delay_ms: i64,
) -> Result<Recorded, sqlx::Error> {
    let leaving_state = match new.action {
        DeviceActionName::Retire => Some("retirePending"),
        DeviceActionName::Wipe => Some("wipePending"),
        _ => None,
    };
    if let Some(state) = leaving_state {
        let marked = sqlx::query(
            "UPDATE managed_devices SET management_state = ?
             WHERE id = ? AND management_state NOT IN ('retirePending', 'wipePending')",
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
        let deleted = sqlx::query("DELETE FROM managed_devices WHERE id = ?")
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
    let hop = first_hop(new.action, new.last_sync, now_ms, hop_delay_ms);
    let id_bits: i64 = rand::random();
    // From the device's row, so an action is never recorded for a device that has just left.
    let inserted = sqlx::query(
        "INSERT INTO device_actions (id_bits, device_seq, action_name, action_state, next_stage,
                                     due_at, requested_by, parameters, started_at, updated_at)
         SELECT ?, seq, ?, ?, ?, ?, ?, ?, ?, ? FROM managed_devices WHERE id = ?",
    )
    .bind(id_bits)
    .bind(new.action.wire_name())
    .bind(hop.state.wire_name())
    .bind(hop.stage.map(PipelineStage::number))
    .bind(hop.due_at)
    .bind(&new.requested_by)
    .bind(&new.parameters)
    .bind(now_ms)
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
}

/// The device checks in now: its Retire or Wipe waiting for the scheduled check-in falls due.
pub(super) async fn bring_check_in_forward(
    connection: &mut SqliteConnection,
    device_seq: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE device_actions SET due_at = ?
         WHERE device_seq = ? AND next_stage = 4 AND claim_token IS NULL AND due_at > ?",
    )
    .bind(now_ms)
    .bind(device_seq)
    .bind(now_ms)
    .execute(&mut *connection)
    .await?;
    Ok(())
}
