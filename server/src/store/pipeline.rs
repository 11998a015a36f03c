//! The pipeline's queue: completing claimed hops (only under the claim that is still valid, so no
//! hop completes twice however many workers share the database), and the demo's clients going
//! online and offline. Claiming is each dialect's own (`sqlite/pipeline.rs`,
//! `postgres/pipeline.rs`).
//!
//! A claim moves the hop's `due_at` to the end of its lease and stamps it with a random token; a
//! worker that lost its lease (it stalled or died, and another claimed the hop again) completes
//! nothing. Where rows are locked (PostgreSQL), writers lock device rows before action rows, in
//! `seq` order, as a device's deletion does (the device, then its actions by cascade), so they
//! wait for each other rather than deadlock.

use endpoint_admin_model::{
    application::ApplicationActionName,
    device_action::{DeviceActionName, PipelineStage, SetDeviceName},
};

use super::{
    Store,
    applications::complete_application_action,
    device_actions::{SITE_UNAUTHORIZED, bring_check_in_forward},
    dialect::{Backend, Connection, on_connection, on_pool},
};
use crate::pipeline::hop::{Hop, HopFacts, PipelineAction};

impl Store {
    /// Claims up to `limit` hops due at `now_ms`, for `lease_ms`, under `token`; hops another
    /// worker holds are skipped.
    pub async fn claim_due_hops(
        &self,
        now_ms: i64,
        lease_ms: i64,
        token: i64,
        limit: i64,
    ) -> Result<Vec<ClaimedHop>, sqlx::Error> {
        let rows = match self {
            Store::Sqlite(store) => store.claim_due_hops(now_ms, lease_ms, token, limit).await?,
            Store::Postgres(store) => store.claim_due_hops(now_ms, lease_ms, token, limit).await?,
        };
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

    /// Writes the outcome of each hop claimed under `token`, in one transaction; returns those
    /// (by `seq`) that were still this claim's to complete.
    pub async fn complete_hops(
        &self,
        token: i64,
        now_ms: i64,
        hop_delay_ms: i64,
        hops: &[(ClaimedHop, Hop)],
    ) -> Result<Vec<i64>, sqlx::Error> {
        let groups = outcome_groups(hops);
        on_pool!(self.pool(), |pool: B| {
            let mut transaction = B::begin_write(pool).await?;
            // The devices whose hops write about them are locked first, so that none changes under
            // the outcome: a client coming online waits until a hop that found it offline has set
            // its action waiting (then the trigger wakes the action), and a device's deletion
            // waits for its application's new state or its check-in. Hops that write only their
            // own job (most of them) lock nothing: a lock writes to the device's row, and locking
            // every hop's device cost a tenth of the pipeline's time.
            let mut devices: Vec<i64> = hops
                .iter()
                .filter(|(claimed, hop)| writes_about_device(claimed, *hop))
                .map(|(claimed, _)| claimed.device_seq)
                .collect();
            devices.sort_unstable();
            devices.dedup();
            if B::LOCKS_ROWS && !devices.is_empty() {
                sqlx::query(&format!(
                    "SELECT seq FROM managed_devices WHERE {} ORDER BY seq{}",
                    B::in_list("seq", 1),
                    B::FOR_NO_KEY_UPDATE
                ))
                .bind(B::seqs(&devices))
                .execute(&mut *transaction)
                .await?;
            }
            let mut completed = Vec::new();
            for (outcome, seqs) in &groups.grouped {
                let connection = (&mut *transaction).into();
                completed.extend(
                    complete_group(connection, *outcome, seqs, token, now_ms, hop_delay_ms).await?,
                );
            }
            for (claimed, action) in &groups.application_answers {
                if complete_application_action(
                    (&mut *transaction).into(),
                    claimed.seq,
                    claimed.device_seq,
                    *action,
                    claimed.parameters.as_deref(),
                    token,
                    now_ms,
                )
                .await?
                {
                    completed.push(claimed.seq);
                }
            }
            // Devices that leave (Retire, Wipe) are deleted together at the end: one statement
            // updates the counts table in its key order, so workers deleting devices at once
            // never wait for each other's count rows in opposite orders.
            let mut leaving = Vec::new();
            for claimed in &groups.check_ins {
                // Its device leaves with an earlier check-in of this batch, and the action with it.
                if leaving.contains(&claimed.device_seq) {
                    continue;
                }
                let connection = (&mut *transaction).into();
                if complete_check_in(connection, claimed, token, now_ms, &mut leaving).await? {
                    completed.push(claimed.seq);
                }
            }
            if !leaving.is_empty() {
                sqlx::query(&format!(
                    "DELETE FROM managed_devices WHERE {}",
                    B::in_list("seq", 1)
                ))
                .bind(B::seqs(&leaving))
                .execute(&mut *transaction)
                .await?;
            }
            transaction.commit().await?;
            Ok(completed)
        })
    }

    /// When the next hop falls due, in Unix milliseconds.
    pub async fn next_hop_due_at(&self) -> Result<Option<i64>, sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            sqlx::query_scalar("SELECT min(due_at) FROM device_actions WHERE due_at IS NOT NULL")
                .fetch_one(pool)
                .await
        })
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
        on_pool!(self.pool(), |pool: B| {
            let mut transaction = B::begin_write(pool).await?;
            let first = sqlx::query(
                "INSERT INTO client_churn (id, last_slot) VALUES (1, $1)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(slot)
            .execute(&mut *transaction)
            .await?
            .rows_affected()
                == 1;
            if first {
                transaction.commit().await?;
                return Ok(false);
            }
            // A server applying the same slot holds the row until it commits; the condition is
            // then checked again on the slot it wrote, so exactly one of them applies it.
            let applies = sqlx::query(
                "UPDATE client_churn SET last_slot = $1 WHERE id = 1 AND last_slot < $1",
            )
            .bind(slot)
            .execute(&mut *transaction)
            .await?
            .rows_affected()
                == 1;
            if !applies {
                return Ok(false);
            }
            // Every device the slot decides, locked in `seq` order before it is read: an action
            // being recorded for one (its foreign key locks the device) commits first, and the
            // check for unfinished actions below, a statement of its own, sees it.
            if B::LOCKS_ROWS {
                let mut decided: Vec<i64> = online.iter().chain(offline).copied().collect();
                decided.sort_unstable();
                sqlx::query(&format!(
                    "SELECT seq FROM managed_devices WHERE {} ORDER BY seq{}",
                    B::in_list("seq", 1),
                    B::FOR_UPDATE
                ))
                .bind(B::seqs(&decided))
                .execute(&mut *transaction)
                .await?;
            }
            sqlx::query(&format!(
                "UPDATE managed_devices SET is_online = true
                 WHERE {} AND cm_client_identifier IS NOT NULL AND NOT is_online",
                B::in_list("seq", 1)
            ))
            .bind(B::seqs(online))
            .execute(&mut *transaction)
            .await?;
            sqlx::query(&format!(
                "UPDATE managed_devices SET is_online = false
                 WHERE {} AND cm_client_identifier IS NOT NULL AND is_online
                   AND NOT EXISTS (SELECT 1 FROM device_actions
                                   WHERE device_actions.device_seq = managed_devices.seq
                                     AND device_actions.next_stage IS NOT NULL)",
                B::in_list("seq", 1)
            ))
            .bind(B::seqs(offline))
            .execute(&mut *transaction)
            .await?;
            transaction.commit().await?;
            Ok(true)
        })
    }

    /// Takes the device's ConfigMgr client offline or brings it online, whatever it is doing: the
    /// fault tests inject (a client that drops off the network mid-action). Returns whether the
    /// device exists.
    pub async fn set_client_online(
        &self,
        device_id: &str,
        online: bool,
    ) -> Result<bool, sqlx::Error> {
        let changed = on_pool!(self.pool(), |pool: B| {
            sqlx::query(
                "UPDATE managed_devices SET is_online = $1
                 WHERE id = $2 AND cm_client_identifier IS NOT NULL",
            )
            .bind(online)
            .bind(device_id)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(changed == 1)
    }

    /// The highest device sequence number (devices are numbered from 1).
    pub async fn max_device_seq(&self) -> Result<i64, sqlx::Error> {
        let max: Option<i64> = on_pool!(self.pool(), |pool: B| {
            sqlx::query_scalar("SELECT max(seq) FROM managed_devices")
                .fetch_one(pool)
                .await?
        });
        Ok(max.unwrap_or(0))
    }
}

/// A claimed hop as each dialect's claim reads it: the job's `seq`, its device's, its
/// parameters, action and stage, whether the client is online, whether the site knows the
/// requester.
pub(super) type ClaimRow = (i64, i64, Option<String>, String, i64, Option<bool>, bool);

/// A hop a worker has claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedHop {
    pub seq: i64,
    /// The device's `seq`.
    pub device_seq: i64,
    /// The request's options as JSON (a new name, wipe's options).
    pub parameters: Option<String>,
    pub facts: HopFacts,
}

/// How both stores complete a batch of hops: the hops of each outcome together, by `seq`, in one
/// statement; an application action's answer one by one, as it changes the application too; and
/// the Intune check-ins (which change the device) left for the store to complete one by one.
fn outcome_groups(hops: &[(ClaimedHop, Hop)]) -> OutcomeGroups<'_> {
    let grouped = [
        Hop::Forwarded,
        Hop::Unauthorized,
        Hop::Pushed,
        Hop::WaitingForClient,
        Hop::Answered,
        Hop::DeviceGone,
    ]
    .into_iter()
    .map(|outcome| {
        let seqs: Vec<i64> = hops
            .iter()
            .filter(|(claimed, hop)| *hop == outcome && application_answer(claimed, *hop).is_none())
            .map(|(claimed, _)| claimed.seq)
            .collect();
        (outcome, seqs)
    })
    .filter(|(_, seqs)| !seqs.is_empty())
    .collect();
    OutcomeGroups {
        grouped,
        application_answers: hops
            .iter()
            .filter_map(|(claimed, hop)| Some((claimed, application_answer(claimed, *hop)?)))
            .collect(),
        check_ins: hops
            .iter()
            .filter(|(_, hop)| *hop == Hop::CheckedIn)
            .map(|(claimed, _)| claimed)
            .collect(),
    }
}

/// A batch of hops as [`outcome_groups`] splits it.
struct OutcomeGroups<'a> {
    pub grouped: Vec<(Hop, Vec<i64>)>,
    pub application_answers: Vec<(&'a ClaimedHop, ApplicationActionName)>,
    pub check_ins: Vec<&'a ClaimedHop>,
}

/// The application action a hop answered, if it is one.
fn application_answer(claimed: &ClaimedHop, hop: Hop) -> Option<ApplicationActionName> {
    match (hop, claimed.facts.action) {
        (Hop::Answered, PipelineAction::Application(action)) => Some(action),
        _ => None,
    }
}

/// Whether completing `hop` reads or writes its device beyond the job: a client found offline,
/// an Intune check-in, an application's new state.
fn writes_about_device(claimed: &ClaimedHop, hop: Hop) -> bool {
    matches!(hop, Hop::WaitingForClient | Hop::CheckedIn)
        || (hop == Hop::Answered && matches!(claimed.facts.action, PipelineAction::Application(_)))
}

/// Completes every hop of one outcome with one statement.
async fn complete_group(
    connection: Connection<'_>,
    outcome: Hop,
    seqs: &[i64],
    token: i64,
    now_ms: i64,
    hop_delay_ms: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let next_due = now_ms + hop_delay_ms;
    // `$1` and `$2` are the claim's token and hops; the outcome's values follow.
    let (set, binds): (&str, Vec<i64>) = match outcome {
        Hop::Forwarded => (
            "action_state = 'active', next_stage = 2, due_at = $3,
             service_connection_point_at = $4, updated_at = $4",
            vec![next_due, now_ms],
        ),
        Hop::Unauthorized => (
            "action_state = 'failed', next_stage = NULL, due_at = NULL, failure = $3,
             service_connection_point_at = $4, updated_at = $4",
            vec![now_ms],
        ),
        Hop::Pushed => (
            "next_stage = 3, due_at = $3, management_point_at = $4, updated_at = $4",
            vec![next_due, now_ms],
        ),
        // Waits for the client, unless it came online since the claim read it offline (the
        // trigger that wakes waiting actions found this one claimed, not waiting); where rows are
        // locked the device is, so a client coming online now waits, and its trigger then finds
        // this waiting.
        Hop::WaitingForClient => (
            "due_at = CASE WHEN coalesce((SELECT is_online FROM managed_devices
                                          WHERE managed_devices.seq = device_actions.device_seq),
                                         false)
                      THEN $3 ELSE NULL END",
            vec![now_ms],
        ),
        Hop::Answered => (
            "action_state = 'done', next_stage = NULL, due_at = NULL, client_at = $3,
             updated_at = $3",
            vec![now_ms],
        ),
        Hop::DeviceGone => (
            "action_state = 'canceled', next_stage = NULL, due_at = NULL, updated_at = $3",
            vec![now_ms],
        ),
        Hop::CheckedIn => unreachable!("check-ins complete one by one"),
    };
    on_connection!(connection, |connection: B| {
        let sql = format!(
            "UPDATE device_actions SET {set}, claim_token = NULL
             WHERE claim_token = $1 AND {}
             RETURNING seq",
            B::in_list("seq", 2)
        );
        let mut query = sqlx::query_scalar(&sql).bind(token).bind(B::seqs(seqs));
        if outcome == Hop::Unauthorized {
            query = query.bind(SITE_UNAUTHORIZED);
        }
        for bind in binds {
            query = query.bind(bind);
        }
        query.fetch_all(&mut *connection).await
    })
}

/// An Intune action applied at the device's check-in: the action is done, then the device
/// changes as the action says (a device that leaves is added to `leaving`, for the caller to
/// delete). Nothing changes unless the claim is still valid.
async fn complete_check_in(
    connection: Connection<'_>,
    claimed: &ClaimedHop,
    token: i64,
    now_ms: i64,
    leaving: &mut Vec<i64>,
) -> Result<bool, sqlx::Error> {
    let device_seq = claimed.device_seq;
    let now_seconds = now_ms.div_euclid(1000);
    on_connection!(connection, |connection: B| {
        if !complete_claimed((&mut *connection).into(), claimed.seq, token, now_ms).await? {
            return Ok(false);
        }
        let PipelineAction::Device(action) = claimed.facts.action else {
            return Ok(true);
        };
        match action {
            // The device leaves the tenant, and its actions with it.
            DeviceActionName::Retire | DeviceActionName::Wipe => leaving.push(device_seq),
            DeviceActionName::SetDeviceName => {
                let name = claimed
                    .parameters
                    .as_deref()
                    .and_then(|json| serde_json::from_str::<SetDeviceName>(json).ok())
                    .map(|body| body.device_name);
                sqlx::query(
                    "UPDATE managed_devices
                     SET device_name = coalesce($1, device_name), last_sync_date_time = $2
                     WHERE seq = $3",
                )
                .bind(name)
                .bind(now_seconds)
                .bind(device_seq)
                .execute(&mut *connection)
                .await?;
            }
            _ => {
                sqlx::query("UPDATE managed_devices SET last_sync_date_time = $1 WHERE seq = $2")
                    .bind(now_seconds)
                    .bind(device_seq)
                    .execute(&mut *connection)
                    .await?;
                if action == DeviceActionName::SyncDevice {
                    bring_check_in_forward((&mut *connection).into(), device_seq, now_ms).await?;
                }
            }
        }
    });
    Ok(true)
}

/// Marks job `seq` done, if `token`'s claim on it still holds; whether it did.
pub(super) async fn complete_claimed(
    connection: Connection<'_>,
    seq: i64,
    token: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let completed = on_connection!(connection, |connection: B| {
        sqlx::query(
            "UPDATE device_actions
             SET action_state = 'done', next_stage = NULL, due_at = NULL, client_at = $1,
                 updated_at = $1, claim_token = NULL
             WHERE seq = $2 AND claim_token = $3",
        )
        .bind(now_ms)
        .bind(seq)
        .bind(token)
        .execute(&mut *connection)
        .await?
        .rows_affected()
    });
    Ok(completed == 1)
}
