//! A device's applications through the same OData-to-SQL step as All devices: the store puts them
//! in a `VALUES` table for the query (a device has 8 to 40), so `$filter`, `$search` and `$orderby`
//! mean exactly what they mean for devices, and nothing per application is stored until an action
//! changes it; application actions are jobs of the pipeline.

use chrono::DateTime;
use endpoint_admin_model::{
    application::{Application, ApplicationActionName, ApplicationActionResult, InstallState},
    device_action::ActionState,
};

use super::{
    Store,
    action_id::action_guid,
    dialect::{Backend, Connection, on_connection, on_pool},
    pipeline::complete_claimed,
};
use crate::odata::{
    APPLICATION, APPLICATION_SEARCH_COLUMNS, Dialect, PropertyKind, QueryOptions, SqlValue,
    order_by_sql, search_to_sql,
};
use crate::pipeline::{enforcement::enforce, schedule::first_application_hop};

impl Store {
    /// The device's reported application states and unfinished application actions.
    pub async fn application_changes(
        &self,
        device_id: &str,
    ) -> Result<ApplicationChanges, sqlx::Error> {
        let (reported, actions): (Vec<ReportedRow>, Vec<ApplicationActionJob>) =
            on_pool!(self.pool(), |pool: B| {
                (
                    sqlx::query_as(
                        "SELECT application_id, install_state, error_code, changed_at
                         FROM application_states
                         WHERE device_seq = (SELECT seq FROM managed_devices WHERE id = $1)",
                    )
                    .bind(device_id)
                    .fetch_all(pool)
                    .await?,
                    sqlx::query_as(
                        "SELECT parameters, action_name, action_state, next_stage, id_bits,
                                started_at, updated_at
                         FROM device_actions
                         WHERE device_seq = (SELECT seq FROM managed_devices WHERE id = $1)
                           AND action_name LIKE '%Application'
                         ORDER BY seq DESC",
                    )
                    .bind(device_id)
                    .fetch_all(pool)
                    .await?,
                )
            });
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
        on_pool!(self.pool(), |pool: B| {
            let mut transaction = B::begin_write(pool).await?;
            // The device row is the application's lock on PostgreSQL: a second server asking the
            // same waits here until the first commits, and its check below (a statement of its
            // own, so it sees what the first wrote) then finds the first's action unfinished.
            let device_seq: Option<i64> = sqlx::query_scalar(&format!(
                "SELECT seq FROM managed_devices WHERE id = $1{}",
                B::FOR_NO_KEY_UPDATE
            ))
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
        })
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
        let matching: Vec<i64> = on_pool!(self.pool(), |pool: B| {
            let (sql, params) = applications_query(B::DIALECT, applications, options);
            sqlx::query_scalar_with(&sql, B::arguments(&params))
                .fetch_all(pool)
                .await?
        });
        Ok(application_page(matching, options, all))
    }
}

/// The client has run application action `action` (job `seq`, claimed under `token`): the job is
/// done and the application's state is what the enforcement came to. Nothing changes unless the
/// claim is still valid.
pub(super) async fn complete_application_action(
    connection: Connection<'_>,
    seq: i64,
    device_seq: i64,
    action: ApplicationActionName,
    parameters: Option<&str>,
    token: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    on_connection!(connection, |connection: B| {
        let completed = complete_claimed((&mut *connection).into(), seq, token, now_ms).await?;
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
    });
    Ok(true)
}

/// One page of a device's applications.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicationPage {
    /// Positions in the list the page was taken from, in the page's order.
    pub rows: Vec<usize>,
    /// How many match, when `$count=true` or `$format=csv` asked.
    pub count: Option<u64>,
    /// Whether more match after this page.
    pub more: bool,
}

/// What the store knows of a device's applications beyond what the demo derives: the state the
/// client last reported after an action, and the actions asked of them, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationChanges {
    pub reported: Vec<ReportedState>,
    pub actions: Vec<ApplicationActionRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedState {
    pub application_id: String,
    pub install_state: InstallState,
    pub error_code: i64,
    /// Unix milliseconds.
    pub changed_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationActionRow {
    pub application_id: String,
    pub result: ApplicationActionResult,
    /// The hop still to run; `None` once the action has ended.
    pub next_stage: Option<i64>,
}

impl ApplicationActionRow {
    pub fn in_flight(&self) -> bool {
        self.next_stage.is_some()
    }

    /// The client has the task (the management point pushed it) and has not answered yet.
    pub fn at_client(&self) -> bool {
        self.next_stage == Some(3)
    }
}

/// The job's `parameters`: which application the action is for.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct ApplicationParameters {
    application_id: String,
}

/// The `parameters` of an action on application `application_id`.
pub(super) fn application_parameters(application_id: &str) -> String {
    serde_json::to_string(&ApplicationParameters {
        application_id: application_id.to_string(),
    })
    .unwrap_or_default()
}

/// The application an application action's `parameters` name.
fn application_of(parameters: Option<&str>) -> Option<String> {
    serde_json::from_str::<ApplicationParameters>(parameters?)
        .ok()
        .map(|parameters| parameters.application_id)
}

/// The column value of `application`'s property `name`, as the device table would hold it.
pub(super) fn value(application: &Application, name: &str) -> SqlValue {
    let text = |text: &str| SqlValue::Text(text.to_string());
    match name {
        "id" => text(&application.id),
        "name" => text(&application.name),
        "publisher" => text(&application.publisher),
        "version" => text(&application.version),
        "type" => text(application.application_type.wire_name()),
        "installState" => text(application.install_state.wire_name()),
        "deploymentIntent" => text(application.deployment_intent.wire_name()),
        "targetedTo" => text(application.targeted_to.wire_name()),
        "isApprovalRequired" => SqlValue::Boolean(application.is_approval_required),
        "deadlineDateTime" => application
            .deadline_date_time
            .map_or(SqlValue::Null, |date| SqlValue::Integer(date.timestamp())),
        "lastStateChangeDateTime" => {
            SqlValue::Integer(application.last_state_change_date_time.timestamp())
        }
        "errorCode" => SqlValue::Integer(application.error_code),
        _ => SqlValue::Null,
    }
}

/// An `application_states` row: application, install state, error code, when (Unix ms).
type ReportedRow = (String, String, i64, i64);

/// A stored job of an application action: parameters, name, state, next stage, id bits, start
/// and last update (Unix milliseconds).
type ApplicationActionJob = (Option<String>, String, String, Option<i64>, i64, i64, i64);

/// What `application_changes` read: the reported states (application, state, error code,
/// changed at) and the device's application action jobs, newest first.
fn application_changes(
    reported: Vec<ReportedRow>,
    actions: Vec<ApplicationActionJob>,
) -> ApplicationChanges {
    ApplicationChanges {
        reported: reported
            .into_iter()
            .filter_map(|(application_id, state, error_code, changed_at)| {
                Some(ReportedState {
                    application_id,
                    install_state: InstallState::from_wire_name(&state)?,
                    error_code,
                    changed_at,
                })
            })
            .collect(),
        actions: actions
            .into_iter()
            .filter_map(
                |(parameters, action, state, next_stage, id_bits, started, updated)| {
                    let seconds = |ms: i64| {
                        DateTime::from_timestamp(ms.div_euclid(1000), 0).unwrap_or_default()
                    };
                    Some(ApplicationActionRow {
                        application_id: application_of(parameters.as_deref())?,
                        result: ApplicationActionResult {
                            id: action_guid(started, id_bits),
                            action_name: ApplicationActionName::from_pipeline_name(&action)?,
                            action_state: ActionState::from_wire_name(&state)?,
                            start_date_time: seconds(started),
                            last_updated_date_time: seconds(updated),
                        },
                        next_stage,
                    })
                },
            )
            .collect(),
    }
}

/// The query that lists the positions of `applications` that `options` matches, in its order:
/// the applications as a `VALUES` table, filtered and searched as devices are. Names sort as an
/// admin reads them, whatever their case (`pgAdmin 4` among the Ps); the catalog's order breaks
/// ties. Placeholders are numbered as `dialect` wants them.
fn applications_query(
    dialect: Dialect,
    applications: &[Application],
    options: &QueryOptions,
) -> (String, Vec<SqlValue>) {
    let columns: Vec<&str> = APPLICATION.iter().map(|property| property.column).collect();
    let placeholders = format!("(?, {})", vec!["?"; columns.len()].join(", "));
    let mut params: Vec<SqlValue> = Vec::new();
    for (position, application) in applications.iter().enumerate() {
        params.push(SqlValue::Integer(position as i64));
        params.extend(
            APPLICATION
                .iter()
                .map(|property| value(application, property.name)),
        );
    }
    let values = vec![placeholders.as_str(); applications.len()].join(", ");
    let table = match dialect {
        Dialect::Sqlite => format!(
            "WITH applications (position, {}) AS (VALUES {values})",
            columns.join(", ")
        ),
        // PostgreSQL gives the text of a VALUES table the database's default collation, which
        // may be linguistic (`installRequested` after `installing` in en-US); SQLite compares
        // bytes. The text columns are made `C`, as the device table's are, so both filter and
        // sort alike whatever the database's default.
        Dialect::Postgres => {
            let collated: Vec<String> = APPLICATION
                .iter()
                .map(|property| match property.kind {
                    PropertyKind::String | PropertyKind::Enum(_) => {
                        format!("{0} COLLATE \"C\" AS {0}", property.column)
                    }
                    _ => property.column.to_string(),
                })
                .collect();
            format!(
                "WITH listed (position, {}) AS (VALUES {values}),
                 applications AS (SELECT position, {} FROM listed)",
                columns.join(", "),
                collated.join(", ")
            )
        }
    };
    let mut conditions = Vec::new();
    if let Some(filter) = &options.filter {
        let fragment = filter.to_sql(dialect);
        conditions.push(fragment.sql);
        params.extend(fragment.params);
    }
    if let Some(term) = &options.search {
        let fragment = search_to_sql(dialect, term, APPLICATION_SEARCH_COLUMNS);
        conditions.push(fragment.sql);
        params.extend(fragment.params);
    }
    let condition = if conditions.is_empty() {
        "true".to_string()
    } else {
        conditions.join(" AND ")
    };
    let order: Vec<String> = [order_by_sql(dialect, &options.order_by)]
        .into_iter()
        .filter(|order| !order.is_empty())
        .chain(["position".to_string()])
        .collect();
    let sql = format!(
        "{table} SELECT position FROM applications WHERE {condition} ORDER BY {}",
        order.join(", ")
    );
    (dialect.numbered(&sql), params)
}

/// The page `options` asks for of the `matching` positions (every one when `all`).
fn application_page(matching: Vec<i64>, options: &QueryOptions, all: bool) -> ApplicationPage {
    let matching: Vec<usize> = matching.into_iter().map(|row| row as usize).collect();
    let count = (options.count || all).then_some(matching.len() as u64);
    if all {
        return ApplicationPage {
            rows: matching,
            count,
            more: false,
        };
    }
    let skip = usize::try_from(options.skip).unwrap_or(usize::MAX);
    let top = options.top as usize;
    let more = matching.len() > skip.saturating_add(top);
    ApplicationPage {
        rows: matching.into_iter().skip(skip).take(top).collect(),
        count,
        more,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::odata::APPLICATION;

    #[test]
    fn every_property_of_the_schema_has_a_value() {
        let application: Application = serde_json::from_value(serde_json::json!({
            "id": "a", "name": "7-Zip", "publisher": "Igor Pavlov", "version": "24.09",
            "type": "application", "installState": "installed", "deploymentIntent": "required",
            "targetedTo": "device", "isApprovalRequired": false,
            "deadlineDateTime": "2026-12-01T10:00:00Z",
            "lastStateChangeDateTime": "2026-11-30T08:00:00Z", "errorCode": 0, "actions": []
        }))
        .unwrap();
        for property in APPLICATION {
            assert_ne!(
                value(&application, property.name),
                SqlValue::Null,
                "{}",
                property.name
            );
        }
    }
}
