//! The audit log: writing events, reading the latest, counting failed sign-ins.

use chrono::{DateTime, Utc};
use endpoint_admin_model::audit::AuditEvent;

use super::PostgresStore;
use crate::store::audit::{
    AUDIT_EVENT_COLUMNS, AuditEventRow, FailedSignIns, NewAuditEvent, audit_event,
};

impl PostgresStore {
    pub async fn record_audit_event(&self, event: &NewAuditEvent<'_>) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO audit_events (activity_date_time, display_name, activity_result,
                                       failure_reason, user_principal_name, ip_address,
                                       sign_in_account)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(event.at.timestamp())
        .bind(event.display_name)
        .bind(event.activity_result())
        .bind(event.failure_reason)
        .bind(event.user_principal_name)
        .bind(event.ip_address)
        .bind(event.sign_in_account)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn latest_audit_events(&self, top: u32) -> Result<Vec<AuditEvent>, sqlx::Error> {
        let rows: Vec<AuditEventRow> = sqlx::query_as(&format!(
            "SELECT {AUDIT_EVENT_COLUMNS} FROM audit_events ORDER BY seq DESC LIMIT $1"
        ))
        .bind(i64::from(top))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(audit_event).collect())
    }

    pub async fn failed_sign_ins(
        &self,
        account: &str,
        ip_address: &str,
        since: DateTime<Utc>,
        limit: u32,
    ) -> Result<FailedSignIns, sqlx::Error> {
        let of_account = sqlx::query_scalar(
            "SELECT activity_date_time FROM audit_events
             WHERE sign_in_account = $1 AND activity_result = 'failure'
               AND sign_in_account IS NOT NULL AND activity_date_time >= $2
             ORDER BY activity_date_time DESC LIMIT $3",
        )
        .bind(account)
        .bind(since.timestamp())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let from_address = sqlx::query_scalar(
            "SELECT activity_date_time FROM audit_events
             WHERE ip_address = $1 AND activity_result = 'failure'
               AND sign_in_account IS NOT NULL AND activity_date_time >= $2
             ORDER BY activity_date_time DESC LIMIT $3",
        )
        .bind(ip_address)
        .bind(since.timestamp())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(FailedSignIns {
            of_account,
            from_address,
        })
    }
}
