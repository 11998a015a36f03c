//! The pipeline's queue: claiming due hops under a lease, completing them (only under the claim
//! that is still valid, so no hop completes twice however many workers share the database), and
//! the demo's clients going online and offline.
//!
//! A claim moves the hop's `due_at` to the end of its lease and stamps it with a random token.
//! Completing a hop requires the token: a worker that lost its lease (it stalled or died, and
//! another worker claimed the hop again when it fell due) completes nothing.

use endpoint_admin_model::device_action::{DeviceActionName, PipelineStage};
use sqlx::SqliteConnection;

use super::{
    SqliteStore, applications::complete_application_action, device_actions::bring_check_in_forward,
};
use crate::pipeline::hop::{Hop, HopFacts, PipelineAction};
use crate::store::{ClaimedHop, device_actions::SITE_UNAUTHORIZED, pipeline::outcome_groups};

impl SqliteStore {
    /// Claims up to `limit` hops due at `now_ms`, for `lease_ms`, under `token`.
    pub async fn claim_due_hops(
        &self,
        now_ms: i64,
        lease_ms: i64,
        token: i64,
        limit: i64,
    ) -> Result<Vec<ClaimedHop>, sqlx::Error> {
        type Row = (i64, i64, Option<String>, String, i64, Option<bool>, bool);
        // Read, then claim, in one write transaction. (Not `UPDATE … RETURNING` with subqueries
        // on the device and user tables: that made another statement on the same connection fail
        // now and then with "no such table: managed_devices".)
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT device_actions.seq, device_actions.device_seq, device_actions.parameters,
                    device_actions.action_name, device_actions.next_stage,
                    managed_devices.is_online, coalesce(users.on_premises_sync_enabled, 0)
             FROM device_actions
             LEFT JOIN managed_devices ON managed_devices.seq = device_actions.device_seq
             LEFT JOIN users ON users.user_principal_name = device_actions.requested_by
             WHERE device_actions.due_at <= ?
             ORDER BY device_actions.due_at LIMIT ?",
        )
        .bind(now_ms)
        .bind(limit)
        .fetch_all(&mut *transaction)
        .await?;
        let seqs: Vec<i64> = rows.iter().map(|row| row.0).collect();
        if !seqs.is_empty() {
            sqlx::query(
                "UPDATE device_actions SET due_at = ?, claim_token = ?
                 WHERE seq IN (SELECT value FROM json_each(?))",
            )
            .bind(now_ms + lease_ms)
            .bind(token)
            .bind(json_list(&seqs))
            .execute(&mut *transaction)
            .await?;
        }
        transaction.commit().await?;
        Ok(rows
            .into_iter()
            .filter_map(
                |(seq, device_seq, parameters, action, stage, online, known)| {
                    Some(ClaimedHop {
                        seq,
                        device_seq,
                        parameters,
                        facts: HopFacts {
                            action: PipelineAction::from_wire_name(&action)?,
                            stage: PipelineStage::from_number(stage)?,
                            client_online: online,
                            requester_known_to_site: known,
                        },
                    })
                },
            )
            .collect())
    }

    /// Writes the outcome of each hop claimed under `token`, in one transaction; returns how many
    /// were still this claim's to complete.
    pub async fn complete_hops(
        &self,
        token: i64,
        now_ms: i64,
        hop_delay_ms: i64,
        hops: &[(ClaimedHop, Hop)],
    ) -> Result<Vec<i64>, sqlx::Error> {
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let mut completed = Vec::new();
        let groups = outcome_groups(hops);
        for (outcome, seqs) in &groups.grouped {
            completed.extend(
                complete_group(
                    &mut transaction,
                    *outcome,
                    seqs,
                    token,
                    now_ms,
                    hop_delay_ms,
                )
                .await?,
            );
        }
        for (claimed, action) in groups.application_answers {
            if complete_application_action(
                &mut transaction,
                claimed.seq,
                claimed.device_seq,
                action,
                claimed.parameters.as_deref(),
                token,
                now_ms,
            )
            .await?
            {
                completed.push(claimed.seq);
            }
        }
        for claimed in groups.check_ins {
            if complete_check_in(&mut transaction, claimed, token, now_ms).await? {
                completed.push(claimed.seq);
            }
        }
        transaction.commit().await?;
        Ok(completed)
    }

    /// When the next hop falls due, in Unix milliseconds.
    pub async fn next_hop_due_at(&self) -> Result<Option<i64>, sqlx::Error> {
        sqlx::query_scalar("SELECT min(due_at) FROM device_actions WHERE due_at IS NOT NULL")
            .fetch_one(&self.pool)
            .await
    }

    /// Applies time slot `slot` of the demo's client churn once, whichever server gets there
    /// first: each of `online` and `offline` (device sequence numbers) gets that state, except
    /// that a client with an unfinished action is never taken offline. Returns whether this call
    /// applied the slot. The first call on a database only records the slot.
    pub async fn apply_client_churn(
        &self,
        slot: i64,
        online: &[i64],
        offline: &[i64],
    ) -> Result<bool, sqlx::Error> {
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let last: Option<i64> = sqlx::query_scalar("SELECT last_slot FROM client_churn")
            .fetch_optional(&mut *transaction)
            .await?;
        if last.is_some_and(|last| last >= slot) {
            return Ok(false);
        }
        sqlx::query("INSERT OR REPLACE INTO client_churn (id, last_slot) VALUES (1, ?)")
            .bind(slot)
            .execute(&mut *transaction)
            .await?;
        if last.is_some() {
            sqlx::query(
                "UPDATE managed_devices SET is_online = 1
                 WHERE seq IN (SELECT value FROM json_each(?))
                   AND cm_client_identifier IS NOT NULL AND NOT is_online",
            )
            .bind(json_list(online))
            .execute(&mut *transaction)
            .await?;
            sqlx::query(
                "UPDATE managed_devices SET is_online = 0
                 WHERE seq IN (SELECT value FROM json_each(?))
                   AND cm_client_identifier IS NOT NULL AND is_online
                   AND NOT EXISTS (SELECT 1 FROM device_actions
                                   WHERE device_actions.device_seq = managed_devices.seq
                                     AND device_actions.next_stage IS NOT NULL)",
            )
            .bind(json_list(offline))
            .execute(&mut *transaction)
            .await?;
        }
        transaction.commit().await?;
        Ok(last.is_some())
    }

    /// Takes the device's ConfigMgr client offline or brings it online, whatever it is doing: the
    /// fault tests inject (a client that drops off the network mid-action). Returns whether the
    /// device exists.
    pub async fn set_client_online(
        &self,
        device_id: &str,
        online: bool,
    ) -> Result<bool, sqlx::Error> {
        Ok(sqlx::query(
            "UPDATE managed_devices SET is_online = ? WHERE id = ? AND cm_client_identifier IS NOT NULL",
        )
        .bind(online)
        .bind(device_id)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }

    /// The highest device sequence number (devices are numbered from 1).
    pub async fn max_device_seq(&self) -> Result<i64, sqlx::Error> {
        let max: Option<i64> = sqlx::query_scalar("SELECT max(seq) FROM managed_devices")
            .fetch_one(&self.pool)
            .await?;
        Ok(max.unwrap_or(0))
    }
}

/// Completes every hop of one outcome with one statement.
async fn complete_group(
    connection: &mut SqliteConnection,
    outcome: Hop,
    seqs: &[i64],
    token: i64,
    now_ms: i64,
    hop_delay_ms: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let next_due = now_ms + hop_delay_ms;
    let (set, binds): (&str, Vec<Option<i64>>) = match outcome {
        Hop::Forwarded => (
            "action_state = 'active', next_stage = 2, due_at = ?,
             service_connection_point_at = ?, updated_at = ?",
            vec![Some(next_due), Some(now_ms), Some(now_ms)],
        ),
        Hop::Unauthorized => (
            "action_state = 'failed', next_stage = NULL, due_at = NULL, failure = ?failure,
             service_connection_point_at = ?, updated_at = ?",
            vec![Some(now_ms), Some(now_ms)],
        ),
        Hop::Pushed => (
            "next_stage = 3, due_at = ?, management_point_at = ?, updated_at = ?",
            vec![Some(next_due), Some(now_ms), Some(now_ms)],
        ),
        // Waits for the client, unless it came online since the claim read it offline (the
        // trigger that wakes waiting actions found this one claimed, not waiting).
        Hop::WaitingForClient => (
            "due_at = CASE WHEN coalesce((SELECT is_online FROM managed_devices
                                          WHERE managed_devices.seq = device_actions.device_seq), 0)
                      THEN ? ELSE NULL END",
            vec![Some(now_ms)],
        ),
        Hop::Answered => (
            "action_state = 'done', next_stage = NULL, due_at = NULL, client_at = ?,
             updated_at = ?",
            vec![Some(now_ms), Some(now_ms)],
        ),
        Hop::DeviceGone => (
            "action_state = 'canceled', next_stage = NULL, due_at = NULL, updated_at = ?",
            vec![Some(now_ms)],
        ),
        Hop::CheckedIn => unreachable!("check-ins complete one by one"),
    };
    let set = set.replace("?failure", &format!("'{SITE_UNAUTHORIZED}'"));
    let sql = format!(
        "UPDATE device_actions SET {set}, claim_token = NULL
         WHERE claim_token = ? AND seq IN (SELECT value FROM json_each(?))
         RETURNING seq"
    );
    let mut query = sqlx::query_scalar(&sql);
    for bind in binds {
        query = query.bind(bind);
    }
    query
        .bind(token)
        .bind(json_list(seqs))
        .fetch_all(&mut *connection)
        .await
}

/// An Intune action applied at the device's check-in: the action is done, then the device
/// changes as the action says. Nothing changes unless the claim is still valid.
async fn complete_check_in(
    connection: &mut SqliteConnection,
    claimed: &ClaimedHop,
    token: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    if !complete_claimed(connection, claimed.seq, token, now_ms).await? {
        return Ok(false);
    }
    let device_seq = claimed.device_seq;
    let now_seconds = now_ms.div_euclid(1000);
    let PipelineAction::Device(action) = claimed.facts.action else {
        return Ok(true);
    };
    match action {
        // The device leaves the tenant, and its actions with it.
        DeviceActionName::Retire | DeviceActionName::Wipe => {
            sqlx::query("DELETE FROM managed_devices WHERE seq = ?")
                .bind(device_seq)
                .execute(&mut *connection)
                .await?;
        }
        DeviceActionName::SetDeviceName => {
            let name = claimed
                .parameters
                .as_deref()
                .and_then(|json| {
                    serde_json::from_str::<endpoint_admin_model::device_action::SetDeviceName>(json)
                        .ok()
                })
                .map(|body| body.device_name);
            sqlx::query(
                "UPDATE managed_devices
                 SET device_name = coalesce(?, device_name), last_sync_date_time = ?
                 WHERE seq = ?",
            )
            .bind(name)
            .bind(now_seconds)
            .bind(device_seq)
            .execute(&mut *connection)
            .await?;
        }
        _ => {
            sqlx::query("UPDATE managed_devices SET last_sync_date_time = ? WHERE seq = ?")
                .bind(now_seconds)
                .bind(device_seq)
                .execute(&mut *connection)
                .await?;
            if action == DeviceActionName::SyncDevice {
                bring_check_in_forward(connection, device_seq, now_ms).await?;
            }
        }
    }
    Ok(true)
}

/// Marks job `seq` done, if `token`'s claim on it still holds; whether it did.
pub(super) async fn complete_claimed(
    connection: &mut SqliteConnection,
    seq: i64,
    token: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE device_actions
         SET action_state = 'done', next_stage = NULL, due_at = NULL, client_at = ?,
             updated_at = ?, claim_token = NULL
         WHERE seq = ? AND claim_token = ?",
    )
    .bind(now_ms)
    .bind(now_ms)
    .bind(seq)
    .bind(token)
    .execute(&mut *connection)
    .await?
    .rows_affected()
        == 1)
}

fn json_list(values: &[i64]) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "[]".into())
}
