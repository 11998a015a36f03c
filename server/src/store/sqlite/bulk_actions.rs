//! `executeAction` scoped by the All devices view: every device the filter and search match gets
//! the action, set-based (one INSERT … SELECT, not a row at a time), in one transaction that first
//! checks the match count against what the admin confirmed.
//!
//! At a million devices the cost is in touching rows and index pages: the match count comes from
//! the counts table when the filter allows (as All devices' does; any other view is matched once,
//! into a temporary table, then counted and acted on from there), the matching devices are found
//! in an index of the Filter pane's columns (`managed_devices_by_filters`) rather than the table,
//! and the new actions are inserted in device order, so the index by device is written page after
//! page.

use endpoint_admin_model::device_action::DeviceActionName;
use sqlx::SqliteConnection;

use super::{
    SqliteStore,
    devices::{SearchThrough, arguments, condition},
};
use crate::store::{
    BulkAction,
    bulk_actions::{BulkCounts, failing_condition, supported_condition},
    devices::countable,
};
use crate::{
    odata::{QueryOptions, SqlFragment, SqlValue},
    pipeline::schedule::{CHECK_IN_INTERVAL_SECONDS, first_hop},
};

impl SqliteStore {
    /// Acts on every device `view` matches, unless they are not exactly `expected_count`: then
    /// nothing happens and the counts say how many match now.
    pub async fn record_bulk_action_by_query(
        &self,
        bulk: &BulkAction,
        view: &QueryOptions,
        expected_count: u64,
    ) -> Result<Result<BulkCounts, BulkCounts>, sqlx::Error> {
        let action = bulk.action;
        let rare = self.rare_terms(view).await?;
        let matching = condition(view, SearchThrough::TrigramIndex, &rare);
        let supported = supported_condition(action);
        let failing = failing_condition(action);
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let (total, supported_count, acted_on) = if countable(view) {
            let sql = format!(
                "SELECT coalesce(sum(device_count), 0),
                        coalesce(sum(CASE WHEN {supported} THEN device_count END), 0)
                 FROM managed_device_counts WHERE {}",
                matching.sql
            );
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
            // connection, rather than once to count and again to act.
            sqlx::query(
                "CREATE TEMP TABLE IF NOT EXISTS bulk_matches (
                     seq INTEGER PRIMARY KEY, supported INTEGER NOT NULL, acted_on INTEGER NOT NULL)",
            )
            .execute(&mut *transaction)
            .await?;
            sqlx::query("DELETE FROM temp.bulk_matches")
                .execute(&mut *transaction)
                .await?;
            let sql = format!(
                "INSERT INTO temp.bulk_matches (seq, supported, acted_on)
                 SELECT seq, {supported}, ({supported}) AND NOT ({failing})
                 FROM managed_devices WHERE {}",
                matching.sql
            );
            sqlx::query_with(&sql, arguments(&matching.params))
                .execute(&mut *transaction)
                .await?;
            let (total, supported_count): (i64, i64) = sqlx::query_as(
                "SELECT count(*), coalesce(sum(supported), 0) FROM temp.bulk_matches",
            )
            .fetch_one(&mut *transaction)
            .await?;
            let acted_on = SqlFragment {
                sql: "seq IN (SELECT seq FROM temp.bulk_matches WHERE acted_on)".to_string(),
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
        let successful = if action == DeviceActionName::Delete {
            // The devices leave at once, and their actions with them.
            let sql = format!("DELETE FROM managed_devices WHERE {}", acted_on.sql);
            sqlx::query_with(&sql, arguments(&acted_on.params))
                .execute(&mut *transaction)
                .await?
                .rows_affected()
        } else {
            let inserted = insert_actions(&mut transaction, bulk, &acted_on).await?;
            mark_leaving(&mut transaction, action, &acted_on).await?;
            inserted
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

/// One new action for every device `acted_on` matches; how many.
async fn insert_actions(
    connection: &mut SqliteConnection,
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
    let due_at = match action {
        // Each device's own next scheduled check-in, as `next_scheduled_check_in` computes it.
        DeviceActionName::Retire | DeviceActionName::Wipe => format!(
            "(last_sync_date_time + ((? - last_sync_date_time) / {CHECK_IN_INTERVAL_SECONDS} + 1) * {CHECK_IN_INTERVAL_SECONDS}) * 1000"
        ),
        _ => "?".to_string(),
    };
    let due_param = match action {
        DeviceActionName::Retire | DeviceActionName::Wipe => {
            SqlValue::Integer(bulk.now_ms.div_euclid(1000))
        }
        _ => hop.due_at.map_or(SqlValue::Null, SqlValue::Integer),
    };
    // Each action's id is its start time and 64 random bits (`action_id`).
    let sql = format!(
        "INSERT INTO device_actions (id_bits, device_seq, action_name, action_state, next_stage,
                                     due_at, requested_by, parameters, started_at, updated_at)
         SELECT random(), seq, ?, ?, ?, {due_at}, ?, ?, ?, ?
         FROM managed_devices WHERE {} ORDER BY seq",
        acted_on.sql
    );
    let mut params = vec![
        SqlValue::Text(action.wire_name().to_string()),
        SqlValue::Text(hop.state.wire_name().to_string()),
        hop.stage
            .map_or(SqlValue::Null, |stage| SqlValue::Integer(stage.number())),
        due_param,
        SqlValue::Text(bulk.requested_by.clone()),
        bulk.parameters
            .shared()
            .map_or(SqlValue::Null, |parameters| {
                SqlValue::Text(parameters.to_string())
            }),
        SqlValue::Integer(bulk.now_ms),
        SqlValue::Integer(bulk.now_ms),
    ];
    params.extend(acted_on.params.iter().cloned());
    Ok(sqlx::query_with(&sql, arguments(&params))
        .execute(&mut *connection)
        .await?
        .rows_affected())
}

/// Retire and Wipe mark the devices as leaving at once.
async fn mark_leaving(
    connection: &mut SqliteConnection,
    action: DeviceActionName,
    acted_on: &SqlFragment,
) -> Result<(), sqlx::Error> {
    let state = match action {
        DeviceActionName::Retire => "retirePending",
        DeviceActionName::Wipe => "wipePending",
        _ => return Ok(()),
    };
    let sql = format!(
        "UPDATE managed_devices SET management_state = '{state}' WHERE {}",
        acted_on.sql
    );
    sqlx::query_with(&sql, arguments(&acted_on.params))
        .execute(&mut *connection)
        .await?;
    Ok(())
}
