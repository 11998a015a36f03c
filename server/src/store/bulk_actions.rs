//! `executeAction` scoped by the All devices view: every device the filter and search match gets
//! the action, set-based (one INSERT … SELECT, not a row at a time), in one transaction that first
//! checks the match count against what the admin confirmed.

use endpoint_admin_model::device::ManagementAgent;
use endpoint_admin_model::device_action::{ActionFamily, DeviceActionName};

use super::{
    Store,
    device_actions::BulkAction,
    devices::{SearchThrough, arguments, condition},
};
use crate::{
    odata::{QueryOptions, SqlValue},
    pipeline::schedule::{CHECK_IN_INTERVAL_SECONDS, first_hop},
};

/// What a bulk action by query did, or would have done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BulkCounts {
    /// Every device the view matches.
    pub matching: u64,
    pub successful: u64,
    pub failed: u64,
    pub not_supported: u64,
}

/// A new action id per row, a version-4 GUID as SQLite can make one.
const NEW_GUID: &str = "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
    substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

impl Store {
    /// Acts on every device `view` matches, unless they are not exactly `expected_count`: then
    /// nothing happens and the counts say how many match now.
    pub async fn record_bulk_action_by_query(
        &self,
        bulk: &BulkAction,
        view: &QueryOptions,
        expected_count: u64,
    ) -> Result<Result<BulkCounts, BulkCounts>, sqlx::Error> {
        let BulkAction {
            action,
            requested_by,
            parameters,
            now_ms,
            hop_delay_ms,
        } = bulk.clone();
        let matching = condition(view, SearchThrough::TrigramIndex);
        let supported = supported_condition(action);
        let failing = failing_condition(action);
        let mut transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let count_sql = format!(
            "SELECT count(*), coalesce(sum({supported}), 0),
                    coalesce(sum(({supported}) AND ({failing})), 0)
             FROM managed_devices WHERE {}",
            matching.sql
        );
        let (total, supported_count, failed): (i64, i64, i64) =
            sqlx::query_as_with(&count_sql, arguments(&matching.params))
                .fetch_one(&mut *transaction)
                .await?;
        let counts = BulkCounts {
            matching: total as u64,
            successful: (supported_count - failed) as u64,
            failed: failed as u64,
            not_supported: (total - supported_count) as u64,
        };
        if counts.matching != expected_count {
            return Ok(Err(counts));
        }
        let acted_on = format!("({}) AND ({supported}) AND NOT ({failing})", matching.sql);
        // Every new action starts where one device's would: the same first hop, computed once.
        let hop = first_hop(action, chrono::DateTime::UNIX_EPOCH, now_ms, hop_delay_ms);
        let due_at = match action {
            // Each device's own next scheduled check-in, as `next_scheduled_check_in` computes it.
            DeviceActionName::Retire | DeviceActionName::Wipe => format!(
                "(last_sync_date_time + (({now} - last_sync_date_time) / {CHECK_IN_INTERVAL_SECONDS} + 1) * {CHECK_IN_INTERVAL_SECONDS}) * 1000",
                now = now_ms.div_euclid(1000)
            ),
            _ => hop
                .due_at
                .map_or_else(|| "NULL".to_string(), |due| due.to_string()),
        };
        let insert = format!(
            "INSERT INTO device_actions (id, device_id, action_name, action_state, next_stage,
                                         due_at, requested_by, parameters, started_at, updated_at)
             SELECT {NEW_GUID}, id, ?, ?, ?, {due_at}, ?, ?, ?, ?
             FROM managed_devices WHERE {acted_on}"
        );
        let mut params = vec![
            SqlValue::Text(action.wire_name().to_string()),
            SqlValue::Text(hop.state.wire_name().to_string()),
            hop.stage
                .map_or(SqlValue::Null, |stage| SqlValue::Integer(stage.number())),
            SqlValue::Text(requested_by),
            parameters.map_or(SqlValue::Null, SqlValue::Text),
            SqlValue::Integer(now_ms),
            SqlValue::Integer(now_ms),
        ];
        params.extend(matching.params.iter().cloned());
        sqlx::query_with(&insert, arguments(&params))
            .execute(&mut *transaction)
            .await?;
        match action {
            DeviceActionName::Retire | DeviceActionName::Wipe => {
                let state = if action == DeviceActionName::Retire {
                    "retirePending"
                } else {
                    "wipePending"
                };
                let sql = format!(
                    "UPDATE managed_devices SET management_state = '{state}' WHERE {acted_on}"
                );
                sqlx::query_with(&sql, arguments(&matching.params))
                    .execute(&mut *transaction)
                    .await?;
            }
            DeviceActionName::Delete => {
                let cancel = format!(
                    "UPDATE device_actions
                     SET action_state = 'canceled', next_stage = NULL, due_at = NULL,
                         claim_token = NULL, updated_at = {now_ms}
                     WHERE next_stage IS NOT NULL
                       AND device_id IN (SELECT id FROM managed_devices WHERE {acted_on})"
                );
                sqlx::query_with(&cancel, arguments(&matching.params))
                    .execute(&mut *transaction)
                    .await?;
                let delete = format!("DELETE FROM managed_devices WHERE {acted_on}");
                sqlx::query_with(&delete, arguments(&matching.params))
                    .execute(&mut *transaction)
                    .await?;
            }
            _ => {}
        }
        transaction.commit().await?;
        Ok(Ok(counts))
    }
}

/// The SQL twin of `DeviceActionName::supports`.
fn supported_condition(action: DeviceActionName) -> String {
    let agents: Vec<String> = ManagementAgent::ALL
        .iter()
        .filter(|agent| action.supports(**agent))
        .map(|agent| format!("'{}'", agent.wire_name()))
        .collect();
    format!("management_agent IN ({})", agents.join(", "))
}

/// The SQL twin of the refusals of `device_action::refusal` other than "not supported".
fn failing_condition(action: DeviceActionName) -> &'static str {
    match (action, action.family()) {
        (DeviceActionName::Delete | DeviceActionName::SyncDevice, _) => "0",
        (_, ActionFamily::ConfigurationManager) => {
            "coalesce(cm_is_blocked, 0) OR management_state IN ('retirePending', 'wipePending')"
        }
        (_, ActionFamily::Intune) => "management_state IN ('retirePending', 'wipePending')",
    }
}
