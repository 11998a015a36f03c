//! The audit log: writing events, reading the latest, counting failed sign-ins.

use chrono::{DateTime, Utc};
use endpoint_admin_model::audit::AuditEvent;

use super::SqliteStore;
use crate::store::audit::{
    AUDIT_EVENT_COLUMNS, AuditEventRow, FailedSignIns, FailuresOf, INSERT_AUDIT_EVENT,
    NewAuditEvent, audit_event, failed_sign_ins_sql,
};

impl SqliteStore {
    pub async fn record_audit_event(&self, event: &NewAuditEvent<'_>) -> Result<(), sqlx::Error> {
        sqlx::query(INSERT_AUDIT_EVENT)
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
            "SELECT {AUDIT_EVENT_COLUMNS} FROM audit_events ORDER BY seq DESC LIMIT ?"
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
        Ok(FailedSignIns {
            of_account: self
                .failed_sign_in_times(FailuresOf::Account, account, since, limit)
                .await?,
            from_address: self
                .failed_sign_in_times(FailuresOf::Address, ip_address, since, limit)
                .await?,
        })
    }

    async fn failed_sign_in_times(
        &self,
        of: FailuresOf,
        who: &str,
        since: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<i64>, sqlx::Error> {
        sqlx::query_scalar(&failed_sign_ins_sql(of))
            .bind(who)
            .bind(since.timestamp())
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
    }
}
