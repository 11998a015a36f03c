//! All devices as a list: its columns, its five filters and its address. The view itself, its URL
//! and its API requests are the generic [`ListQuery`].

use endpoint_admin_model::{
    device::{
        ComplianceState, ManagedBy, ManagedDevice, ManagementState, OPERATING_SYSTEMS, OwnerType,
    },
    device_column::DeviceColumn,
};

pub use crate::list_view::{DEFAULT_PAGE_SIZE, SortDirection};
use crate::{
    i18n::I18n,
    list_view::{FilterOption, GridRow, ListFilter, ListQuery, ListSpec},
};

/// The All devices view as it lives in the URL.
pub type DeviceListQuery = ListQuery;

/// All devices' address.
pub const ALL_DEVICES_PATH: &str = "/devices/all";

/// All devices as a list: its columns and filters.
pub static ALL_DEVICES: ListSpec = ListSpec {
    name: "devices",
    columns: DeviceColumn::COLUMNS,
    name_column: "deviceName",
    filters: DEVICE_FILTERS,
};

/// The filters of All devices, in the Filter pane's order.
pub const DEVICE_FILTERS: &[ListFilter] = &[
    ListFilter {
        key: "managedBy",
        label: |m| &m.column_managed_by,
        property: "managementAgent",
        on_page: false,
        options: |m| {
            ManagedBy::ALL
                .iter()
                .map(|managed_by| FilterOption {
                    value: managed_by.wire_name(),
                    label: managed_by.label(m).to_string(),
                    matches: managed_by.agents().map(|agent| agent.wire_name()).collect(),
                })
                .collect()
        },
    },
    ListFilter {
        key: "ownership",
        label: |m| &m.column_ownership,
        property: "managedDeviceOwnerType",
        on_page: false,
        options: |m| FilterOption::each(OwnerType::ALL, OwnerType::wire_name, OwnerType::label, m),
    },
    ListFilter {
        key: "compliance",
        label: |m| &m.column_compliance,
        property: "complianceState",
        on_page: false,
        options: |m| {
            FilterOption::each(
                ComplianceState::ALL,
                ComplianceState::wire_name,
                ComplianceState::label,
                m,
            )
        },
    },
    ListFilter {
        key: "os",
        label: |m| &m.column_os,
        property: "operatingSystem",
        on_page: false,
        options: |m| FilterOption::each(OPERATING_SYSTEMS, |os| os, |os, _| os, m),
    },
    ListFilter {
        key: "deviceState",
        label: |m| &m.column_device_state,
        property: "managementState",
        on_page: false,
        options: |m| {
            FilterOption::each(
                ManagementState::ALL,
                ManagementState::wire_name,
                ManagementState::label,
                m,
            )
        },
    },
];

/// All devices' default view.
pub fn all_devices() -> DeviceListQuery {
    ListQuery::new(&ALL_DEVICES)
}

/// A device as the grid shows it in `columns` (properties): labels in the user's language, dates
/// and sizes as their locale writes them.
pub fn device_row(i18n: I18n, device: &ManagedDevice, columns: &[&str]) -> GridRow {
    let m = i18n.get_untracked();
    GridRow {
        id: device.id.clone(),
        name: device.device_name.clone(),
        cells: columns
            .iter()
            .map(|property| match DeviceColumn::from_property(property) {
                Some(DeviceColumn::LastCheckIn) => i18n.date_time(device.last_sync_date_time),
                Some(DeviceColumn::EnrollmentDate) => i18n.date_time(device.enrolled_date_time),
                Some(DeviceColumn::FreeStorage) => {
                    i18n.gigabytes(device.free_storage_space_in_bytes)
                }
                Some(DeviceColumn::TotalStorage) => {
                    i18n.gigabytes(device.total_storage_space_in_bytes)
                }
                Some(column) => column.cell(m, device),
                None => String::new(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use endpoint_admin_model::i18n::Messages;

    fn parse(query: &str) -> DeviceListQuery {
        let pairs: HashMap<String, String> =
            form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .into_owned()
                .collect();
        DeviceListQuery::from_query(&ALL_DEVICES, |key| pairs.get(key).cloned())
    }

    #[test]
    fn an_empty_query_is_the_default_view() {
        assert_eq!(parse(""), all_devices());
        assert_eq!(all_devices().to_query_string(), "");
        assert_eq!(all_devices().href(ALL_DEVICES_PATH), "/devices/all");
    }

    #[test]
    fn a_view_round_trips_through_its_query_string() {
        let view = DeviceListQuery {
            spec: &ALL_DEVICES,
            search: "adele's iphone".to_string(),
            chosen: vec![
                vec!["configMgr", "coManaged"],
                vec!["personal"],
                vec!["noncompliant"],
                vec!["Windows", "iOS"],
                vec!["retirePending"],
            ],
            sort: Some(("lastSyncDateTime", SortDirection::Descending)),
            page: 3,
            page_size: 250,
            columns: Some(vec!["deviceName", "serialNumber"]),
        };
        let query = view.to_query_string();
        assert_eq!(
            query,
            "?search=adele%27s+iphone&managedBy=configMgr%2CcoManaged&ownership=personal\
             &compliance=noncompliant&os=Windows%2CiOS&deviceState=retirePending\
             &orderBy=lastSyncDateTime+desc&page=3&pageSize=250&columns=deviceName%2CserialNumber"
        );
        assert_eq!(parse(&query), view);
    }

    #[test]
    fn unknown_values_and_bad_numbers_are_dropped() {
        let view = parse(
            "?managedBy=configMgr,martian,configMgr&page=0&pageSize=33&compliance=nope&os=O%27Brien",
        );
        assert_eq!(view.chosen("managedBy"), ["configMgr"]);
        assert!(view.chosen("compliance").is_empty());
        assert!(view.chosen("os").is_empty());
        assert_eq!(view.page, 1);
        assert_eq!(view.page_size, DEFAULT_PAGE_SIZE);
    }

    #[test]
    fn filters_are_or_within_one_and_across_filters_in_odata() {
        let view = parse("?managedBy=coManaged,intune&os=Windows&compliance=noncompliant");
        assert_eq!(
            view.odata_filter().unwrap(),
            "managementAgent in ('configurationManagerClientMdm', 'configurationManagerClientMdmEas', 'mdm') \
             and complianceState eq 'noncompliant' and operatingSystem eq 'Windows'"
        );
        assert_eq!(parse("").odata_filter(), None);
    }

    #[test]
    fn a_page_asks_the_api_for_its_rows_and_apart_for_the_count_of_its_filters_and_search() {
        let view = parse("?search=lt-00&os=iOS&orderBy=deviceName+desc&page=3&pageSize=25");
        assert_eq!(
            view.api_rows_query(),
            "%24filter=operatingSystem+eq+%27iOS%27&%24search=%22lt-00%22\
             &%24orderby=deviceName+desc&%24top=25&%24skip=50"
        );
        assert_eq!(
            view.api_count_query(),
            "%24filter=operatingSystem+eq+%27iOS%27&%24search=%22lt-00%22"
        );
        // Another page or sort of the same view is the same count.
        let next = parse("?search=lt-00&os=iOS&page=4&pageSize=50");
        assert_eq!(next.api_count_query(), view.api_count_query());
        assert_eq!(parse("").api_count_query(), "");
    }

    #[test]
    fn an_export_asks_for_every_row_of_the_visible_columns_as_csv() {
        let view = parse("?os=iOS&orderBy=lastSyncDateTime");
        let query = view.api_export_query(&["deviceName", "lastSyncDateTime"]);
        assert_eq!(
            query,
            "%24filter=operatingSystem+eq+%27iOS%27&%24orderby=lastSyncDateTime\
             &%24select=deviceName%2ClastSyncDateTime&%24format=csv"
        );
        assert!(!query.contains("top"));
    }

    #[test]
    fn removing_a_pill_removes_exactly_that_filter_value() {
        let mut view = parse("?managedBy=intune,configMgr&os=iOS&deviceState=managed");
        view.remove_filter_pill(3);
        assert_eq!(view, parse("?managedBy=intune,configMgr&os=iOS"));
        view.remove_filter_pill(0);
        assert_eq!(view, parse("?managedBy=configMgr&os=iOS"));
        view.remove_filter_pill(9);
        assert_eq!(view, parse("?managedBy=configMgr&os=iOS"));
        view.clear_filters();
        assert_eq!(view, all_devices());
    }

    #[test]
    fn toggling_a_filter_value_adds_it_then_removes_it() {
        let mut view = parse("?os=iOS");
        view.toggle("managedBy", "coManaged");
        view.toggle("os", "iOS");
        assert_eq!(view, parse("?managedBy=coManaged"));
        assert_eq!(view.chosen("managedBy"), ["coManaged"]);
        view.toggle("compliance", "martian");
        view.toggle("martian", "coManaged");
        assert_eq!(view, parse("?managedBy=coManaged"));
        assert_eq!(
            all_devices().filtered("os", "macOS").href(ALL_DEVICES_PATH),
            "/devices/all?os=macOS"
        );
        let labels: Vec<_> = DEVICE_FILTERS
            .iter()
            .map(|f| (f.label)(Messages::english()))
            .collect();
        assert_eq!(
            labels,
            [
                "Managed by",
                "Ownership",
                "Compliance",
                "OS",
                "Device state"
            ]
        );
        let ownership = (DEVICE_FILTERS[1].options)(Messages::english());
        assert_eq!(
            (ownership[0].value, ownership[0].label.as_str()),
            ("company", "Corporate")
        );
    }

    #[test]
    fn sorting_a_column_again_reverses_it() {
        let view = parse("?page=4").sorted_on("operatingSystem");
        assert_eq!(view.to_query_string(), "?orderBy=operatingSystem");
        assert_eq!(view.aria_sort("operatingSystem"), "ascending");
        assert_eq!(view.aria_sort("deviceName"), "none");
        let view = view.sorted_on("operatingSystem");
        assert_eq!(view.aria_sort("operatingSystem"), "descending");
        assert_eq!(
            view.sorted_on("operatingSystem")
                .aria_sort("operatingSystem"),
            "ascending"
        );
    }

    #[test]
    fn a_bad_sort_is_dropped() {
        assert_eq!(parse("?orderBy=password").sort, None);
        assert_eq!(parse("?orderBy=deviceName+sideways").sort, None);
        assert_eq!(
            parse("?orderBy=osVersion+asc").sort,
            Some(("osVersion", SortDirection::Ascending))
        );
    }

    #[test]
    fn filter_pills_name_each_filter_and_value_label() {
        let view = parse("?compliance=configManager&managedBy=coManaged");
        assert_eq!(
            view.filter_pills(Messages::english()),
            vec![
                ("Managed by".to_string(), "Co-managed".to_string()),
                ("Compliance".to_string(), "See ConfigMgr".to_string())
            ]
        );
    }
}
