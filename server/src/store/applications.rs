//! A device's applications through the same OData-to-SQL step as All devices: the store puts them
//! in a `VALUES` table for the query (a device has 8 to 40), so `$filter`, `$search` and `$orderby`
//! mean exactly what they mean for devices, and nothing per application is stored until an action
//! changes it.

use endpoint_admin_model::application::Application;

use super::{Store, devices::arguments};
use crate::odata::{
    APPLICATION, APPLICATION_SEARCH_COLUMNS, QueryOptions, SqlValue, order_by_sql, search_to_sql,
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

impl Store {
    /// The applications of `applications` that `options` asks for: filtered, searched, sorted
    /// (the list's own order, by name, breaks ties) and paged; every match for `$format=csv`.
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
        let columns: Vec<&str> = APPLICATION.iter().map(|property| property.column).collect();
        let placeholders = format!("(?, {})", vec!["?"; columns.len()].join(", "));
        let mut params: Vec<SqlValue> = Vec::new();
        for (row, application) in applications.iter().enumerate() {
            params.push(SqlValue::Integer(row as i64));
            params.extend(
                APPLICATION
                    .iter()
                    .map(|property| value(application, property.name)),
            );
        }
        let table = format!(
            "WITH applications (row, {}) AS (VALUES {})",
            columns.join(", "),
            vec![placeholders.as_str(); applications.len()].join(", ")
        );
        let mut conditions = Vec::new();
        if let Some(filter) = &options.filter {
            let fragment = filter.to_sql();
            conditions.push(fragment.sql);
            params.extend(fragment.params);
        }
        if let Some(term) = &options.search {
            let fragment = search_to_sql(term, APPLICATION_SEARCH_COLUMNS);
            conditions.push(fragment.sql);
            params.extend(fragment.params);
        }
        let condition = if conditions.is_empty() {
            "1".to_string()
        } else {
            conditions.join(" AND ")
        };
        let order = match order_by_sql(&options.order_by) {
            order if order.is_empty() => "row".to_string(),
            order => format!("{order}, row"),
        };
        let sql =
            format!("{table} SELECT row FROM applications WHERE {condition} ORDER BY {order}");
        let matching: Vec<i64> = sqlx::query_scalar_with(&sql, arguments(&params))
            .fetch_all(&self.pool)
            .await?;
        let matching: Vec<usize> = matching.into_iter().map(|row| row as usize).collect();
        let count = (options.count || all).then_some(matching.len() as u64);
        if all {
            return Ok(ApplicationPage {
                rows: matching,
                count,
                more: false,
            });
        }
        let skip = usize::try_from(options.skip).unwrap_or(usize::MAX);
        let top = options.top as usize;
        let more = matching.len() > skip.saturating_add(top);
        Ok(ApplicationPage {
            rows: matching.into_iter().skip(skip).take(top).collect(),
            count,
            more,
        })
    }
}

/// The column value of `application`'s property `name`, as the device table would hold it.
fn value(application: &Application, name: &str) -> SqlValue {
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
        "isApprovalRequired" => SqlValue::Integer(i64::from(application.is_approval_required)),
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
