//! The audit log: writing events, reading the latest, counting failed sign-ins.

use chrono::{DateTime, Utc};
use endpoint_admin_model::audit::{AuditActor, AuditEvent};

use super::{Store, dialect::on_pool};

impl Store {
    pub async fn record_audit_event(&self, event: &NewAuditEvent<'_>) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            sqlx::query(
                "INSERT INTO audit_events
                     (activity_date_time, display_name, activity_result, failure_reason,
                      user_principal_name, ip_address, sign_in_account)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(event.at.timestamp())
            .bind(event.display_name)
            .bind(event.activity_result())
            .bind(event.failure_reason)
            .bind(event.user_principal_name)
            .bind(event.ip_address)
            .bind(event.sign_in_account)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The latest `top` events, newest first.
    pub async fn latest_audit_events(&self, top: u32) -> Result<Vec<AuditEvent>, sqlx::Error> {
        let rows: Vec<AuditEventRow> = on_pool!(self.pool(), |pool: B| {
            sqlx::query_as(
                "SELECT seq, activity_date_time, display_name, activity_result, failure_reason,
                        user_principal_name, ip_address
                 FROM audit_events ORDER BY seq DESC LIMIT $1",
            )
            .bind(i64::from(top))
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(audit_event).collect())
    }

    /// The latest `limit` failed sign-ins since `since` of `account` and from `ip_address`.
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

    /// The times of failed sign-ins of an account or from an address since `since`, newest first;
    /// each condition as the partial indexes state it.
    async fn failed_sign_in_times(
        &self,
        of: FailuresOf,
        who: &str,
        since: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<i64>, sqlx::Error> {
        let column = match of {
            FailuresOf::Account => "sign_in_account",
            FailuresOf::Address => "ip_address",
        };
        let sql = format!(
            "SELECT activity_date_time FROM audit_events
             WHERE {column} = $1 AND sign_in_account IS NOT NULL AND activity_result = 'failure'
               AND activity_date_time >= $2
             ORDER BY activity_date_time DESC LIMIT $3"
        );
        on_pool!(self.pool(), |pool: B| {
            sqlx::query_scalar(&sql)
                .bind(who)
                .bind(since.timestamp())
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await
        })
    }
}

/// An event to write to the audit log.
#[derive(Debug, Clone)]
pub struct NewAuditEvent<'a> {
    pub at: DateTime<Utc>,
    pub display_name: &'a str,
    pub succeeded: bool,
    pub failure_reason: &'a str,
    pub user_principal_name: &'a str,
    pub ip_address: &'a str,
    /// For a sign-in: the account as attempts are counted (the name typed, in lower case).
    pub sign_in_account: Option<&'a str>,
}

impl NewAuditEvent<'_> {
    fn activity_result(&self) -> &'static str {
        if self.succeeded { "success" } else { "failure" }
    }
}

/// The failed sign-ins since some time, newest first, as seconds since the epoch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FailedSignIns {
    pub of_account: Vec<i64>,
    pub from_address: Vec<i64>,
}

/// Whose failed sign-ins are counted.
#[derive(Debug, Clone, Copy)]
enum FailuresOf {
    Account,
    Address,
}

type AuditEventRow = (i64, i64, String, String, String, String, String);

fn audit_event(
    (seq, at, display_name, activity_result, failure_reason, user_principal_name, ip_address): AuditEventRow,
) -> AuditEvent {
    AuditEvent {
        id: seq.to_string(),
        display_name,
        activity_date_time: DateTime::from_timestamp(at, 0).unwrap_or_default(),
        activity_result,
        failure_reason,
        actor: AuditActor {
            user_principal_name,
            ip_address,
        },
    }
}
