//! A device's applications as both stores see them: a page of the list, what is stored beyond
//! what the demo derives, and which application an action's job is for.

use chrono::DateTime;
use endpoint_admin_model::{
    application::{Application, ApplicationActionName, ApplicationActionResult, InstallState},
    device_action::ActionState,
};

use super::action_id::action_guid;
use crate::odata::{
    APPLICATION, APPLICATION_SEARCH_COLUMNS, Dialect, PropertyKind, QueryOptions, SqlValue,
    order_by_sql, search_to_sql,
};

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
pub(super) fn application_of(parameters: Option<&str>) -> Option<String> {
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

/// A stored job of an application action: parameters, name, state, next stage, id bits, start
/// and last update (Unix milliseconds).
pub(super) type ApplicationActionJob = (Option<String>, String, String, Option<i64>, i64, i64, i64);

/// What `application_changes` read: the reported states (application, state, error code,
/// changed at) and the device's application action jobs, newest first.
pub(super) fn application_changes(
    reported: Vec<(String, String, i64, i64)>,
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
pub(super) fn applications_query(
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
pub(super) fn application_page(
    matching: Vec<i64>,
    options: &QueryOptions,
    all: bool,
) -> ApplicationPage {
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
