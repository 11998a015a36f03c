//! The Applications grid as a list: its columns and its filters, as data for the list view.

use endpoint_admin_model::application::{
    APPLICATION_COLUMNS, Application, ApplicationType, DeploymentIntent, InstallState, TargetedTo,
    error_code_hex,
};

use crate::{
    i18n::I18n,
    list_view::{FilterOption, GridRow, ListFilter, ListSpec},
};

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
        label: |m| &m.app_column_status,
        property: "installState",
        on_page: true,
        options: |m| {
            FilterOption::each(
                InstallState::ALL,
                InstallState::wire_name,
                InstallState::label,
                m,
            )
        },
    },
    ListFilter {
        key: "deployment",
        label: |m| &m.app_column_deployment,
        property: "deploymentIntent",
        on_page: false,
        options: |m| {
            FilterOption::each(
                DeploymentIntent::ALL,
                DeploymentIntent::wire_name,
                DeploymentIntent::label,
                m,
            )
        },
    },
    ListFilter {
        key: "targetedTo",
        label: |m| &m.app_column_targeted_to,
        property: "targetedTo",
        on_page: false,
        options: |m| {
            FilterOption::each(TargetedTo::ALL, TargetedTo::wire_name, TargetedTo::label, m)
        },
    },
    ListFilter {
        key: "type",
        label: |m| &m.app_column_type,
        property: "type",
        on_page: false,
        options: |m| {
            FilterOption::each(
                ApplicationType::ALL,
                ApplicationType::wire_name,
                ApplicationType::label,
                m,
            )
        },
    },
];

/// An application as the grid shows it in `columns` (properties); the CSV export writes the same
/// text.
pub fn application_row(i18n: I18n, application: &Application, columns: &[&str]) -> GridRow {
    GridRow {
        id: application.id.clone(),
        name: application.name.clone(),
        cells: columns
            .iter()
            .map(|property| cell(i18n, application, property))
            .collect(),
    }
}

fn cell(i18n: I18n, application: &Application, property: &str) -> String {
    let m = i18n.get_untracked();
    match property {
        "name" => application.name.clone(),
        "publisher" => application.publisher.clone(),
        "version" => application.version.clone(),
        "installState" => application.install_state.label(m).to_string(),
        "deploymentIntent" => application.deployment_intent.label(m).to_string(),
        "targetedTo" => application.targeted_to.label(m).to_string(),
        "type" => application.application_type.label(m).to_string(),
        "deadlineDateTime" => application
            .deadline_date_time
            .map(|deadline| i18n.date_time(deadline))
            .unwrap_or_default(),
        "lastStateChangeDateTime" => i18n.date_time(application.last_state_change_date_time),
        "errorCode" if application.error_code != 0 => error_code_hex(application.error_code),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::list_view::ListQuery;
    use endpoint_admin_model::i18n::Messages;

    fn parse(query: &str) -> ListQuery {
        let pairs: HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        ListQuery::from_query(&APPLICATIONS, |key| pairs.get(key).cloned())
    }

    #[test]
    fn the_status_filter_offers_the_nine_states_and_asks_the_api_by_install_state() {
        let options = (APPLICATION_FILTERS[0].options)(Messages::english());
        let labels: Vec<_> = options.iter().map(|option| option.label.as_str()).collect();
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
            view.filter_pills(Messages::english()),
            [
                ("Status", "Failed"),
                ("Status", "Requirements not met"),
                ("Deployment", "Required")
            ]
            .map(|(filter, value)| (filter.to_string(), value.to_string()))
        );
    }

    #[test]
    fn the_default_columns_are_the_grid_of_the_spec_with_the_type() {
        let labels: Vec<_> = APPLICATIONS
            .default_columns()
            .iter()
            .map(|property| (APPLICATIONS.column(property).unwrap().label)(Messages::english()))
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
