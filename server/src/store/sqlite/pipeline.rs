//! Claiming due hops on SQLite: read, then claim, in one write transaction (the one writer at a
//! time is the lock).

use sqlx::Sqlite;

use super::SqliteStore;
use crate::store::{dialect::Backend, pipeline::ClaimRow};

impl SqliteStore {
    /// Claims up to `limit` hops due at `now_ms`, for `lease_ms`, under `token`.
    pub async fn claim_due_hops(
        &self,
        now_ms: i64,
        lease_ms: i64,
        token: i64,
        limit: i64,
    ) -> Result<Vec<ClaimRow>, sqlx::Error> {
        // Read, then claim, in one write transaction. (Not `UPDATE … RETURNING` with subqueries
        // on the device and user tables: that made another statement on the same connection fail
        // now and then with "no such table: managed_devices".)
        let mut transaction = Sqlite::begin_write(&self.pool).await?;
        let rows: Vec<ClaimRow> = sqlx::query_as(
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
            .bind(Sqlite::seqs(&seqs))
            .execute(&mut *transaction)
            .await?;
        }
        transaction.commit().await?;
        Ok(rows)
    }
}
