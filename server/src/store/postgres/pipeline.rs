//! Claiming due hops on PostgreSQL, shared by the workers of every server: under a lease, `FOR
//! UPDATE SKIP LOCKED`, so two workers never claim one hop.

use super::PostgresStore;
use crate::store::pipeline::ClaimRow;

impl PostgresStore {
    /// Claims up to `limit` hops due at `now_ms`, for `lease_ms`, under `token`; hops another
    /// worker is claiming are skipped.
    pub async fn claim_due_hops(
        &self,
        now_ms: i64,
        lease_ms: i64,
        token: i64,
        limit: i64,
    ) -> Result<Vec<ClaimRow>, sqlx::Error> {
        // One statement: the due rows are locked as they are picked (a row another worker's
        // claim has locked is skipped, one it has just claimed is no longer due when checked
        // again), then moved to the end of the lease; the facts come with them.
        let rows: Vec<ClaimRow> = sqlx::query_as(
            "WITH claimed AS (
                 UPDATE device_actions SET due_at = $2, claim_token = $3
                 FROM (SELECT seq, due_at FROM device_actions
                       WHERE due_at <= $1
                       ORDER BY due_at LIMIT $4
                       FOR UPDATE SKIP LOCKED) AS due
                 WHERE device_actions.seq = due.seq
                 RETURNING device_actions.seq, device_actions.device_seq,
                           device_actions.parameters, device_actions.action_name,
                           device_actions.next_stage, device_actions.requested_by,
                           due.due_at AS was_due
             )
             SELECT claimed.seq, claimed.device_seq, claimed.parameters, claimed.action_name,
                    claimed.next_stage, managed_devices.is_online,
                    coalesce(users.on_premises_sync_enabled, false)
             FROM claimed
             LEFT JOIN managed_devices ON managed_devices.seq = claimed.device_seq
             LEFT JOIN users
                    ON lower(users.user_principal_name) = lower(claimed.requested_by)
             ORDER BY claimed.was_due, claimed.seq",
        )
        .bind(now_ms)
        .bind(now_ms + lease_ms)
        .bind(token)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }
}
