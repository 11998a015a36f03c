//! `executeAction` scoped by the All devices view on PostgreSQL: every device the filter and search
//! match gets the action, set-based, in one transaction that first checks the match count against
//! what the admin confirmed.
//!
//! Bulk actions by query take a transaction-level advisory lock, so on any number of servers they
//! run one at a time, as SQLite's one writer did: each counts after the one before it committed.
//! Against other writers (single actions, the pipeline's worker), the devices are locked before
//! they change, in `seq` order, so a device another server has just marked as leaving is left out
//! and no two transactions deadlock.

use endpoint_admin_model::device_action::DeviceActionName;
use sqlx::{Arguments, PgConnection};

use super::{
    PostgresStore,
    devices::{arguments, condition},
};
use crate::store::{
    BulkAction,
    bulk_actions::{BulkCounts, failing_condition, supported_condition},
    devices::countable,
};
use crate::{
    odata::{Dialect, QueryOptions, SqlFragment},
    pipeline::schedule::{CHECK_IN_INTERVAL_SECONDS, first_hop},
};

/// The advisory lock bulk actions by query hold for their transaction (any fixed number, unique
/// in the database).
const BULK_ACTION_LOCK: i64 = 0x6561_6275_6c6b; // "eabulk"

/// A 64-bit random number per row, for `id_bits`: `random()` has fewer bits, so two of it.
const RANDOM_ID_BITS: &str = "(floor(random() * 4294967296)::bigint << 32) \
                              | floor(random() * 4294967296)::bigint";

impl PostgresStore {
    /// Acts on every device `view` matches, unless they are not exactly `expected_count`: then
    /// nothing happens and the counts say how many match now.
    pub async fn record_bulk_action_by_query(
        &self,
        bulk: &BulkAction,
        view: &QueryOptions,
        expected_count: u64,
    ) -> Result<Result<BulkCounts, BulkCounts>, sqlx::Error> {
        let action = bulk.action;
        let matching = condition(view);
        let supported = supported_condition(action);
        let failing = failing_condition(action);
        let mut transaction = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(BULK_ACTION_LOCK)
            .execute(&mut *transaction)
            .await?;
        let (total, supported_count, acted_on) = if countable(view) {
            let sql = Dialect::Postgres.numbered(&format!(
                "SELECT coalesce(sum(device_count), 0)::bigint,
                        coalesce(sum(device_count) FILTER (WHERE {supported}), 0)::bigint
                 FROM managed_device_counts WHERE {}",
                matching.sql
            ));
            let (total, supported_count): (i64, i64) =
                sqlx::query_as_with(&sql, arguments(&matching.params))
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
            sqlx::query(
                "CREATE TEMP TABLE bulk_matches (
                     seq bigint PRIMARY KEY, supported boolean NOT NULL, acted_on boolean NOT NULL
                 ) ON COMMIT DROP",
            )
            .execute(&mut *transaction)
            .await?;
            let sql = Dialect::Postgres.numbered(&format!(
                "INSERT INTO bulk_matches (seq, supported, acted_on)
                 SELECT seq, {supported}, ({supported}) AND NOT ({failing})
                 FROM managed_devices WHERE {}",
                matching.sql
            ));
            sqlx::query_with(&sql, arguments(&matching.params))
                .execute(&mut *transaction)
                .await?;
            let (total, supported_count): (i64, i64) = sqlx::query_as(
                "SELECT count(*), count(*) FILTER (WHERE supported) FROM bulk_matches",
            )
            .fetch_one(&mut *transaction)
            .await?;
            // Checked again as the devices are written, in case a single action changed one.
            let acted_on = SqlFragment {
                sql: format!(
                    "seq IN (SELECT seq FROM bulk_matches WHERE acted_on) AND NOT ({failing})"
                ),
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
        lock_devices(&mut transaction, action, &acted_on).await?;
        let successful = if action == DeviceActionName::Delete {
            // The devices leave at once, and their actions with them.
            let sql = Dialect::Postgres.numbered(&format!(
                "DELETE FROM managed_devices WHERE {}",
                acted_on.sql
            ));
            sqlx::query_with(&sql, arguments(&acted_on.params))
                .execute(&mut *transaction)
                .await?
                .rows_affected()
        } else {
            insert_actions(&mut transaction, bulk, &acted_on).await?
        };
        transaction.commit().await?;
        Ok(Ok(BulkCounts {
            matching: expected_count,
            successful,
            failed: expected_count - successful - not_supported,
            not_supported,
        }))
    }
}

/// Locks the devices Delete, Retire and Wipe change, all of them before changing any and in `seq`
/// order, as every writer of several devices locks them (the pipeline's worker, the client
/// churn, bulk actions by ids), then the counts table they change: they then wait for each other
/// instead of deadlocking. The other actions only lock the devices as their foreign key does, in
/// `seq` order, as they read them.
async fn lock_devices(
    connection: &mut PgConnection,
    action: DeviceActionName,
    acted_on: &SqlFragment,
) -> Result<(), sqlx::Error> {
    let lock = match action {
        DeviceActionName::Delete => "FOR UPDATE",
        DeviceActionName::Retire | DeviceActionName::Wipe => "FOR NO KEY UPDATE",
        _ => return Ok(()),
    };
    let sql = Dialect::Postgres.numbered(&format!(
        "SELECT count(*) FROM (SELECT 1 FROM managed_devices WHERE {} ORDER BY seq {lock}) AS locked",
        acted_on.sql
    ));
    sqlx::query_with(&sql, arguments(&acted_on.params))
        .execute(&mut *connection)
        .await?;
    lock_device_counts(connection).await
}

/// Locks every row of the counts table, in key order, before a transaction changes the counted
/// columns of many devices: the counts follow each device by trigger, row by row in the devices'
/// order, and two such transactions (or one and a worker deleting devices) would otherwise take
/// count rows in opposite orders and deadlock. The table has one row per combination of the
/// Filter pane's values, a few hundred at most.
pub(super) async fn lock_device_counts(connection: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query(
        "SELECT count(*) FROM (SELECT 1 FROM managed_device_counts
                               ORDER BY management_agent, managed_device_owner_type,
                                        compliance_state, operating_system, management_state
                               FOR UPDATE) AS locked",
    )
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// One new action for every device `acted_on` matches (Retire and Wipe mark each as leaving
/// first); how many.
async fn insert_actions(
    connection: &mut PgConnection,
    bulk: &BulkAction,
    acted_on: &SqlFragment,
) -> Result<u64, sqlx::Error> {
    let action = bulk.action;
    // Every new action starts where one device's would: the same first hop, computed once.
    let hop = first_hop(
        action,
        chrono::DateTime::UNIX_EPOCH,
        bulk.now_ms,
        bulk.hop_delay_ms,
    );
    // The devices acted on: Retire and Wipe mark them (locked already, so the condition reads
    // what any other writer committed); the others lock them as their foreign key would, in
    // `seq` order, so a device deleted meanwhile is skipped rather than failing the statement.
    let devices = match action {
        DeviceActionName::Retire | DeviceActionName::Wipe => {
            let state = if action == DeviceActionName::Retire {
                "retirePending"
            } else {
                "wipePending"
            };
            format!(
                "UPDATE managed_devices SET management_state = '{state}' WHERE {}
                 RETURNING seq, last_sync_date_time",
                acted_on.sql
            )
        }
        _ => format!(
            "SELECT seq, last_sync_date_time FROM managed_devices WHERE {}
             ORDER BY seq FOR KEY SHARE",
            acted_on.sql
        ),
    };
    let (due_at, due_param) = match action {
        // Each device's own next scheduled check-in, as `next_scheduled_check_in` computes it.
        DeviceActionName::Retire | DeviceActionName::Wipe => (
            format!(
                "(last_sync_date_time + ((? - last_sync_date_time) / {CHECK_IN_INTERVAL_SECONDS} + 1) * {CHECK_IN_INTERVAL_SECONDS}) * 1000"
            ),
            Some(bulk.now_ms.div_euclid(1000)),
        ),
        _ => ("?".to_string(), hop.due_at),
    };
    // Each action's id is its start time and 64 random bits (`action_id`); inserted in device
    // order, so the index by device is written page after page.
    let sql = Dialect::Postgres.numbered(&format!(
        "WITH acted_on AS ({devices})
         INSERT INTO device_actions (id_bits, device_seq, action_name, action_state, next_stage,
                                     due_at, requested_by, parameters, started_at, updated_at)
         SELECT {RANDOM_ID_BITS}, seq, ?, ?, ?, {due_at}, ?, ?, ?, ?
         FROM acted_on ORDER BY seq"
    ));
    // The condition's parameters come first in the statement; the typed values follow.
    let mut params = arguments(&acted_on.params);
    let mut add_values = || -> Result<(), sqlx::error::BoxDynError> {
        params.add(action.wire_name())?;
        params.add(hop.state.wire_name())?;
        params.add(hop.stage.map(|stage| stage.number()))?;
        params.add(due_param)?;
        params.add(bulk.requested_by.as_str())?;
        params.add(bulk.parameters.shared())?;
        params.add(bulk.now_ms)?;
        params.add(bulk.now_ms)
    };
    add_values().map_err(sqlx::Error::Encode)?;
    Ok(sqlx::query_with(&sql, params)
        .execute(&mut *connection)
        .await?
        .rows_affected())
}
