//! `executeAction` scoped by the All devices view: every device the filter and search match gets
//! the action, set-based (one INSERT … SELECT, not a row at a time), in one transaction that first
//! checks the match count against what the admin confirmed.
//!
//! At a million devices the cost is in touching rows and index pages: the match count comes from
//! the counts table when the filter allows (as All devices' does; any other view is matched once,
//! into a temporary table, then counted and acted on from there), and the new actions are inserted
//! in device order, so the index by device is written page after page (each dialect's
//! `insert_bulk_actions`).
//!
//! On PostgreSQL, bulk actions by query run one at a time on any number of servers (an advisory
//! lock), as SQLite's one writer does: each counts after the one before it committed. Against
//! other writers (single actions, the pipeline's worker), the devices are locked before they
//! change, in `seq` order, so a device another server has just marked as leaving is left out and
//! no two transactions deadlock.

use endpoint_admin_model::device::ManagementAgent;
use endpoint_admin_model::device_action::{ActionFamily, DeviceActionName};

use super::{
    BulkAction, Store,
    devices::countable,
    dialect::{Backend, on_pool},
};
use crate::odata::{QueryOptions, SqlFragment, SqlValue};
use crate::pipeline::schedule::{CHECK_IN_INTERVAL_SECONDS, first_hop};

impl Store {
    /// Acts on every device `view` matches, unless they are not exactly `expected_count`: then
    /// nothing happens and the counts say how many match now.
    pub async fn record_bulk_action_by_query(
        &self,
        bulk: &BulkAction,
        view: &QueryOptions,
        expected_count: u64,
    ) -> Result<Result<BulkCounts, BulkCounts>, sqlx::Error> {
        let action = bulk.action;
        let matching = self.matching_condition(view).await?;
        let supported = supported_condition(action);
        let failing = failing_condition(action);
        on_pool!(self.pool(), |pool: B| {
            let mut transaction = B::begin_write(pool).await?;
            B::serialize_bulk_actions(&mut transaction).await?;
            let (total, supported_count, acted_on) = if countable(view) {
                let sql = B::numbered(&format!(
                    "SELECT CAST(coalesce(sum(device_count), 0) AS BIGINT),
                            CAST(coalesce(sum(CASE WHEN {supported} THEN device_count END), 0)
                                 AS BIGINT)
                     FROM managed_device_counts WHERE {}",
                    matching.sql
                ));
                let (total, supported_count): (i64, i64) =
                    sqlx::query_as_with(&sql, B::arguments(&matching.params))
                        .fetch_one(&mut *transaction)
                        .await?;
                let acted_on = SqlFragment {
                    sql: format!("({}) AND ({supported}) AND NOT ({failing})", matching.sql),
                    params: matching.params.clone(),
                };
                (total, supported_count, acted_on)
            } else {
                // Only the devices can say what matches: find them once, into a table of this
                // transaction, rather than once to count and again to act.
                for statement in B::BULK_MATCHES {
                    sqlx::query(statement).execute(&mut *transaction).await?;
                }
                let sql = B::numbered(&format!(
                    "INSERT INTO bulk_matches (seq, supported, acted_on)
                     SELECT seq, {supported}, ({supported}) AND NOT ({failing})
                     FROM managed_devices WHERE {}",
                    matching.sql
                ));
                sqlx::query_with(&sql, B::arguments(&matching.params))
                    .execute(&mut *transaction)
                    .await?;
                let (total, supported_count): (i64, i64) = sqlx::query_as(
                    "SELECT count(*), count(CASE WHEN supported THEN 1 END) FROM bulk_matches",
                )
                .fetch_one(&mut *transaction)
                .await?;
                // Where other servers write, checked again as the devices are written, in case a
                // single action changed one.
                let recheck = if B::LOCKS_ROWS {
                    format!(" AND NOT ({failing})")
                } else {
                    String::new()
                };
                let acted_on = SqlFragment {
                    sql: format!("seq IN (SELECT seq FROM bulk_matches WHERE acted_on){recheck}"),
                    params: Vec::new(),
                };
                (total, supported_count, acted_on)
            };
            let not_supported = (total - supported_count).max(0) as u64;
            if total.max(0) as u64 != expected_count {
                return Ok(Err(BulkCounts {
                    matching: total.max(0) as u64,
                    not_supported,
                    ..BulkCounts::default()
                }));
            }
            // Delete, Retire and Wipe lock the devices they change, all of them before changing
            // any and in `seq` order, as every writer of several devices locks them (the
            // pipeline's worker, the client churn, bulk actions by ids), then the counts table
            // they change: they then wait for each other instead of deadlocking. The other
            // actions lock the devices as their foreign key does, as they read them.
            let lock = match action {
                DeviceActionName::Delete => Some(B::FOR_UPDATE),
                DeviceActionName::Retire | DeviceActionName::Wipe => Some(B::FOR_NO_KEY_UPDATE),
                _ => None,
            };
            if let Some(lock) = lock.filter(|_| B::LOCKS_ROWS) {
                let sql = B::numbered(&format!(
                    "SELECT count(*) FROM (SELECT 1 FROM managed_devices WHERE {}
                                           ORDER BY seq{lock}) AS locked",
                    acted_on.sql
                ));
                sqlx::query_with(&sql, B::arguments(&acted_on.params))
                    .execute(&mut *transaction)
                    .await?;
                B::lock_device_counts(&mut transaction).await?;
            }
            let successful = if action == DeviceActionName::Delete {
                // The devices leave at once, and their actions with them.
                let sql = B::numbered(&format!(
                    "DELETE FROM managed_devices WHERE {}",
                    acted_on.sql
                ));
                sqlx::query_with(&sql, B::arguments(&acted_on.params))
                    .execute(&mut *transaction)
                    .await?
                    .rows_affected()
            } else {
                B::insert_bulk_actions(&mut transaction, bulk, &acted_on).await?
            };
            transaction.commit().await?;
            Ok(Ok(BulkCounts {
                matching: expected_count,
                successful,
                failed: expected_count - successful - not_supported,
                not_supported,
            }))
        })
    }
}

/// What a bulk action by query did, or would have done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BulkCounts {
    /// Every device the view matches.
    pub matching: u64,
    pub successful: u64,
    pub failed: u64,
    pub not_supported: u64,
}

/// The SQL twin of `DeviceActionName::supports`.
pub(super) fn supported_condition(action: DeviceActionName) -> String {
    let agents: Vec<String> = ManagementAgent::ALL
        .iter()
        .filter(|agent| action.supports(**agent))
        .map(|agent| format!("'{}'", agent.wire_name()))
        .collect();
    format!("management_agent IN ({})", agents.join(", "))
}

/// The SQL twin of the refusals of `device_action::refusal` other than "not supported".
pub(super) fn failing_condition(action: DeviceActionName) -> &'static str {
    match (action, action.family()) {
        (DeviceActionName::Delete | DeviceActionName::SyncDevice, _) => "false",
        (_, ActionFamily::ConfigurationManager) => {
            "coalesce(cm_is_blocked, false) OR management_state IN ('retirePending', 'wipePending')"
        }
        (_, ActionFamily::Intune) => "management_state IN ('retirePending', 'wipePending')",
    }
}

/// The state Retire and Wipe mark a device with while it waits to leave.
pub(super) fn leaving_state(action: DeviceActionName) -> Option<&'static str> {
    match action {
        DeviceActionName::Retire => Some("retirePending"),
        DeviceActionName::Wipe => Some("wipePending"),
        _ => None,
    }
}

/// The `device_actions` columns a bulk action fills, in the order of [`NewActions::select`].
pub(super) const NEW_ACTION_COLUMNS: &str = "id_bits, device_seq, action_name, action_state, \
    next_stage, due_at, requested_by, parameters, started_at, updated_at";

/// The new actions of a bulk action, for each dialect's `INSERT … SELECT` from the devices acted
/// on: `select` is the SELECT list (reading `seq` and `last_sync_date_time` of each device), with
/// `?` placeholders for `values`, in order.
pub(super) struct NewActions {
    pub select: String,
    pub values: Vec<SqlValue>,
}

/// [`NewActions`] of `bulk`, each action's id's 64 random bits from the SQL `id_bits`.
pub(super) fn new_actions(bulk: &BulkAction, id_bits: &str) -> NewActions {
    let action = bulk.action;
    // Every new action starts where one device's would: the same first hop, computed once.
    let hop = first_hop(
        action,
        chrono::DateTime::UNIX_EPOCH,
        bulk.now_ms,
        bulk.hop_delay_ms,
    );
    let (due_at, due) = match action {
        // Each device's own next scheduled check-in, as `next_scheduled_check_in` computes it.
        DeviceActionName::Retire | DeviceActionName::Wipe => (
            format!(
                "(last_sync_date_time + ((? - last_sync_date_time) / {CHECK_IN_INTERVAL_SECONDS} + 1) * {CHECK_IN_INTERVAL_SECONDS}) * 1000"
            ),
            Some(bulk.now_ms.div_euclid(1000)),
        ),
        _ => ("?".to_string(), hop.due_at),
    };
    let integer = |value: Option<i64>| value.map_or(SqlValue::Null, SqlValue::Integer);
    NewActions {
        // The parameters are cast: a NULL is bound as a NULL integer.
        select: format!("SELECT {id_bits}, seq, ?, ?, ?, {due_at}, ?, CAST(? AS TEXT), ?, ?"),
        values: vec![
            SqlValue::Text(action.wire_name().to_string()),
            SqlValue::Text(hop.state.wire_name().to_string()),
            integer(hop.stage.map(|stage| stage.number())),
            integer(due),
            SqlValue::Text(bulk.requested_by.clone()),
            bulk.parameters
                .shared()
                .map_or(SqlValue::Null, |parameters| {
                    SqlValue::Text(parameters.to_string())
                }),
            SqlValue::Integer(bulk.now_ms),
            SqlValue::Integer(bulk.now_ms),
        ],
    }
}
