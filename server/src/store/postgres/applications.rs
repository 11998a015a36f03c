//! A device's applications on PostgreSQL, through the same OData-to-SQL step as All devices (a
//! `VALUES` table of the device's 8 to 40 applications), what is stored of them once an action
//! changes one, and application actions as jobs of the pipeline.

use endpoint_admin_model::application::{Application, ApplicationActionName};
use sqlx::PgConnection;

use super::{PostgresStore, devices::arguments, pipeline::complete_claimed};
use crate::odata::{Dialect, QueryOptions};
use crate::pipeline::{enforcement::enforce, schedule::first_application_hop};
use crate::store::applications::{
    ApplicationActionJob, ApplicationChanges, ApplicationPage, application_changes, application_of,
    application_page, application_parameters, applications_query,
};

impl PostgresStore {
    /// The device's reported application states and unfinished application actions.
    pub async fn application_changes(
        &self,
        device_id: &str,
    ) -> Result<ApplicationChanges, sqlx::Error> {
        let reported: Vec<(String, String, i64, i64)> = sqlx::query_as(
            "SELECT application_id, install_state, error_code, changed_at FROM application_states
             WHERE device_seq = (SELECT seq FROM managed_devices WHERE id = $1)",
        )
        .bind(device_id)
        .fetch_all(&self.pool)
        .await?;
        let actions: Vec<ApplicationActionJob> = sqlx::query_as(
            "SELECT parameters, action_name, action_state, next_stage, id_bits, started_at,
                    updated_at
             FROM device_actions
             WHERE device_seq = (SELECT seq FROM managed_devices WHERE id = $1)
               AND action_name LIKE '%Application'
             ORDER BY seq DESC",
        )
        .bind(device_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(application_changes(reported, actions))
    }

    /// Records `action` on the device's application `application_id` as a job of the pipeline,
    /// unless an earlier action on that application is unfinished (then `false`, nothing written).
    pub async fn record_application_action(
        &self,
        device_id: &str,
        application_id: &str,
        action: ApplicationActionName,
        requested_by: &str,
        now_ms: i64,
        hop_delay_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let hop = first_application_hop(now_ms, hop_delay_ms);
        let parameters = application_parameters(application_id);
        let mut transaction = self.pool.begin().await?;
        // The device row is the application's lock: a second server asking the same waits here
        // until the first commits, and its check below (a statement of its own, so it sees what
        // the first wrote) then finds the first's action unfinished.
        let device_seq: Option<i64> =
            sqlx::query_scalar("SELECT seq FROM managed_devices WHERE id = $1 FOR NO KEY UPDATE")
                .bind(device_id)
                .fetch_optional(&mut *transaction)
                .await?;
        let Some(device_seq) = device_seq else {
            return Ok(false);
        };
        let inserted = sqlx::query(
            "INSERT INTO device_actions (id_bits, device_seq, action_name, action_state,
                                         next_stage, due_at, requested_by, parameters,
                                         started_at, updated_at)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $9
             WHERE NOT EXISTS (SELECT 1 FROM device_actions
                               WHERE device_seq = $2 AND next_stage IS NOT NULL
                                 AND parameters = $8)",
        )
        .bind(rand::random::<i64>())
        .bind(device_seq)
        .bind(action.pipeline_name())
        .bind(hop.state.wire_name())
        .bind(hop.stage.map(|stage| stage.number()))
        .bind(hop.due_at)
        .bind(requested_by)
        .bind(&parameters)
        .bind(now_ms)
        .execute(&mut *transaction)
        .await?
        .rows_affected();
        transaction.commit().await?;
        Ok(inserted == 1)
    }

    /// The applications of `applications` that `options` asks for: filtered, searched, sorted
    /// (the list's own order breaks ties) and paged; every match for `$format=csv`.
    pub async fn page_applications(
        &self,
        applications: &[Application],
        options: &QueryOptions,
        all: bool,
    ) -> Result<ApplicationPage, sqlx::Error> {
        if applications.is_empty() {
            return Ok(ApplicationPage {
                rows: Vec::new(),
                count: options.count.then_some(0),
                more: false,
            });
        }
        let (sql, params) = applications_query(Dialect::Postgres, applications, options);
        let matching: Vec<i64> = sqlx::query_scalar_with(&sql, arguments(&params))
            .fetch_all(&self.pool)
            .await?;
        Ok(application_page(matching, options, all))
    }
}

/// The client has run application action `action` (job `seq`, claimed under `token`): the job is
/// done and the application's state is what the enforcement came to. Nothing changes unless the
/// claim is still valid.
pub(super) async fn complete_application_action(
    connection: &mut PgConnection,
    seq: i64,
    device_seq: i64,
    action: ApplicationActionName,
    parameters: Option<&str>,
    token: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let completed = complete_claimed(connection, seq, token, now_ms).await?;
    let Some(application_id) = application_of(parameters).filter(|_| completed) else {
        return Ok(completed);
    };
    if let Some(enforced) = enforce(action, &application_id) {
        sqlx::query(
            "INSERT INTO application_states
                 (device_seq, application_id, install_state, error_code, changed_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (device_seq, application_id) DO UPDATE SET
                 install_state = excluded.install_state, error_code = excluded.error_code,
                 changed_at = excluded.changed_at",
        )
        .bind(device_seq)
        .bind(&application_id)
        .bind(enforced.install_state.wire_name())
        .bind(enforced.error_code)
        .bind(now_ms)
        .execute(&mut *connection)
        .await?;
    }
    Ok(true)
}
