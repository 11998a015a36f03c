//! The Applications grid as a list: its columns and its filters, as data for the list view.

use endpoint_admin_model::{
    application::{
        Application, ApplicationType, DeploymentIntent, InstallState, TargetedTo, error_code_hex,
    },
    device_column::date_time,
};

use crate::list_view::{Column, FilterOption, GridRow, ListFilter, ListSpec};

/// The Applications grid's columns, in the column chooser's order (the API's properties).
pub const APPLICATION_COLUMNS: &[Column] = &[
    column("name", "Name", true),
    column("publisher", "Publisher", true),
    column("version", "Version", true),
    column("installState", "Status", true),
    column("deploymentIntent", "Deployment", true),
    column("targetedTo", "Targeted to", true),
    column("type", "Type", true),
    column("deadlineDateTime", "Deadline", false),
    column("lastStateChangeDateTime", "Last state change", false),
    column("errorCode", "Error code", false),
];

const fn column(property: &'static str, label: &'static str, is_default: bool) -> Column {
    Column {
        property,
        label,
        is_default,
    }
}

/// A device's applications as a list: its columns and filters.
pub static APPLICATIONS: ListSpec = ListSpec {
    name: "applications",
    columns: APPLICATION_COLUMNS,
    name_column: "name",
    filters: APPLICATION_FILTERS,
};

/// The filters: the Status filter on the page, the others in the Filter pane.
pub const APPLICATION_FILTERS: &[ListFilter] = &[
    ListFilter {
        key: "status",
        label: "Status",
        property: "installState",
        on_page: true,
        options: || {
            FilterOption::each(
                InstallState::ALL,
                InstallState::wire_name,
                InstallState::label,
            )
        },
    },
    ListFilter {
        key: "deployment",
        label: "Deployment",
        property: "deploymentIntent",
        on_page: false,
        options: || {
            FilterOption::each(
                DeploymentIntent::ALL,
                DeploymentIntent::wire_name,
                DeploymentIntent::label,
            )
        },
    },
    ListFilter {
        key: "targetedTo",
        label: "Targeted to",
        property: "targetedTo",
        on_page: false,
        options: || FilterOption::each(TargetedTo::ALL, TargetedTo::wire_name, TargetedTo::label),
    },
    ListFilter {
        key: "type",
        label: "Type",
        property: "type",
        on_page: false,
        options: || {
            FilterOption::each(
                ApplicationType::ALL,
                ApplicationType::wire_name,
                ApplicationType::label,
            )
        },
    },
];

/// An application as the grid shows it in `columns` (properties); the CSV export writes the same
/// text.
pub fn application_row(application: &Application, columns: &[&str]) -> GridRow {
    GridRow {
        id: application.id.clone(),
        name: application.name.clone(),
        cells: columns
            .iter()
            .map(|property| cell(application, property))
            .collect(),
    }
}

fn cell(application: &Application, property: &str) -> String {
    match property {
        "name" => application.name.clone(),
        "publisher" => application.publisher.clone(),
        "version" => application.version.clone(),
        "installState" => application.install_state.label().to_string(),
        "deploymentIntent" => application.deployment_intent.label().to_string(),
        "targetedTo" => application.targeted_to.label().to_string(),
        "type" => application.application_type.label().to_string(),
        "deadlineDateTime" => application
            .deadline_date_time
            .map(date_time)
            .unwrap_or_default(),
        "lastStateChangeDateTime" => date_time(application.last_state_change_date_time),
        "errorCode" if application.error_code != 0 => error_code_hex(application.error_code),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::list_view::ListQuery;

    fn parse(query: &str) -> ListQuery {
        let pairs: HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        ListQuery::from_query(&APPLICATIONS, |key| pairs.get(key).cloned())
    }

    #[test]
    fn the_status_filter_offers_the_nine_states_and_asks_the_api_by_install_state() {
        let options = (APPLICATION_FILTERS[0].options)();
        let labels: Vec<_> = options.iter().map(|option| option.label).collect();
        assert_eq!(
            labels,
            [
                "Available",
                "Installed",
                "Installing",
                "Install requested",
                "Failed",
                "Requirements not met",
                "Not installed",
                "Restart pending",
                "Required"
            ]
        );
        let view = parse("status=failed,requirementsNotMet&deployment=required&search=7-zip");
        assert_eq!(
            view.api_page_query(),
            "%24filter=installState+in+%28%27failed%27%2C+%27requirementsNotMet%27%29+and+deploymentIntent+eq+%27required%27\
             &%24search=%227-zip%22&%24top=50&%24skip=0&%24count=true"
        );
        assert_eq!(
            view.filter_pills(),
            [
                ("Status", "Failed"),
                ("Status", "Requirements not met"),
                ("Deployment", "Required")
            ]
        );
    }

    #[test]
    fn the_default_columns_are_the_grid_of_the_spec_with_the_type() {
        let labels: Vec<_> = APPLICATIONS
            .default_columns()
            .iter()
            .map(|property| APPLICATIONS.column(property).unwrap().label)
            .collect();
        assert_eq!(
            labels,
            [
                "Name",
                "Publisher",
                "Version",
                "Status",
                "Deployment",
                "Targeted to",
                "Type"
            ]
        );
        let view = parse("orderBy=installState+desc&columns=name,errorCode");
        assert_eq!(
            view.sort,
            Some(("installState", crate::list_view::SortDirection::Descending))
        );
        assert_eq!(
            view.api_export_query(&["name", "errorCode"]),
            "%24orderby=installState+desc&%24select=name%2CerrorCode&%24format=csv"
        );
    }
}
