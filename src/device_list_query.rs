//! The All devices view as it lives in the URL: search, filters, sort, page, page size, columns.
//!
//! `DeviceListQuery` parses from and renders to the query string, so a link or a reload
//! reproduces the view; values the app does not know are dropped rather than failing the page.

use endpoint_admin_model::{
    device::{ComplianceState, ManagedBy, ManagementState, OPERATING_SYSTEMS, OwnerType},
    device_column::DeviceColumn,
};

pub const PAGE_SIZES: [u32; 6] = [25, 50, 100, 250, 500, 1000];
pub const DEFAULT_PAGE_SIZE: u32 = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceListQuery {
    pub search: String,
    pub managed_by: Vec<ManagedBy>,
    pub ownership: Vec<OwnerType>,
    pub compliance: Vec<ComplianceState>,
    pub os: Vec<String>,
    pub device_state: Vec<ManagementState>,
    /// The column sorted on and whether descending; `None`: the server's order (device name).
    pub sort: Option<(DeviceColumn, SortDirection)>,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
    /// Visible columns in order; `None`: the user's saved choice, else the defaults.
    pub columns: Option<Vec<DeviceColumn>>,
}

/// The filters of the Filter pane, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceFilter {
    ManagedBy,
    Ownership,
    Compliance,
    Os,
    DeviceState,
}

impl DeviceFilter {
    pub const ALL: [DeviceFilter; 5] = [
        DeviceFilter::ManagedBy,
        DeviceFilter::Ownership,
        DeviceFilter::Compliance,
        DeviceFilter::Os,
        DeviceFilter::DeviceState,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DeviceFilter::ManagedBy => "Managed by",
            DeviceFilter::Ownership => "Ownership",
            DeviceFilter::Compliance => "Compliance",
            DeviceFilter::Os => "OS",
            DeviceFilter::DeviceState => "Device state",
        }
    }

    /// Every value the filter offers, as (wire name, label).
    pub fn options(self) -> Vec<(String, String)> {
        fn pairs<T: Copy>(
            all: &[T],
            wire: fn(T) -> &'static str,
            label: fn(T) -> &'static str,
        ) -> Vec<(String, String)> {
            all.iter()
                .map(|v| (wire(*v).to_string(), label(*v).to_string()))
                .collect()
        }
        match self {
            DeviceFilter::ManagedBy => {
                pairs(ManagedBy::ALL, ManagedBy::wire_name, ManagedBy::label)
            }
            DeviceFilter::Ownership => {
                pairs(OwnerType::ALL, OwnerType::wire_name, OwnerType::label)
            }
            DeviceFilter::Compliance => pairs(
                ComplianceState::ALL,
                ComplianceState::wire_name,
                ComplianceState::label,
            ),
            DeviceFilter::Os => OPERATING_SYSTEMS
                .iter()
                .map(|os| (os.to_string(), os.to_string()))
                .collect(),
            DeviceFilter::DeviceState => pairs(
                ManagementState::ALL,
                ManagementState::wire_name,
                ManagementState::label,
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    Ascending,
    Descending,
}

impl SortDirection {
    /// `aria-sort` value.
    pub fn aria(self) -> &'static str {
        match self {
            SortDirection::Ascending => "ascending",
            SortDirection::Descending => "descending",
        }
    }
}

impl Default for DeviceListQuery {
    fn default() -> Self {
        DeviceListQuery {
            search: String::new(),
            managed_by: Vec::new(),
            ownership: Vec::new(),
            compliance: Vec::new(),
            os: Vec::new(),
            device_state: Vec::new(),
            sort: None,
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
            columns: None,
        }
    }
}

impl DeviceListQuery {
    /// Reads the view from the URL's query, given a lookup of its parameters.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> DeviceListQuery {
        let list = |key: &str| -> Vec<String> {
            get(key)
                .map(|value| {
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|item| !item.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        let defaults = DeviceListQuery::default();
        DeviceListQuery {
            search: get("search").unwrap_or_default().trim().to_string(),
            managed_by: parsed(list("managedBy"), ManagedBy::from_wire_name),
            ownership: parsed(list("ownership"), OwnerType::from_wire_name),
            compliance: parsed(list("compliance"), ComplianceState::from_wire_name),
            os: list("os"),
            device_state: parsed(list("deviceState"), ManagementState::from_wire_name),
            sort: get("orderBy").and_then(|order_by| parse_sort(&order_by)),
            page: get("page")
                .and_then(|page| page.parse().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(defaults.page),
            page_size: get("pageSize")
                .and_then(|size| size.parse().ok())
                .filter(|size| PAGE_SIZES.contains(size))
                .unwrap_or(defaults.page_size),
            columns: get("columns")
                .map(|_| parsed(list("columns"), DeviceColumn::from_property))
                .filter(|columns| !columns.is_empty()),
        }
    }

    /// The query string (with `?`, or empty for the default view) that reproduces this view.
    pub fn to_query_string(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !self.search.is_empty() {
            query.append_pair("search", &self.search);
        }
        let mut append_list = |key: &str, values: Vec<&str>| {
            if !values.is_empty() {
                query.append_pair(key, &values.join(","));
            }
        };
        append_list(
            "managedBy",
            self.managed_by.iter().map(|v| v.wire_name()).collect(),
        );
        append_list(
            "ownership",
            self.ownership.iter().map(|v| v.wire_name()).collect(),
        );
        append_list(
            "compliance",
            self.compliance.iter().map(|v| v.wire_name()).collect(),
        );
        append_list("os", self.os.iter().map(String::as_str).collect());
        append_list(
            "deviceState",
            self.device_state.iter().map(|v| v.wire_name()).collect(),
        );
        if let Some((column, direction)) = self.sort {
            query.append_pair("orderBy", &sort_text(column, direction));
        }
        let defaults = DeviceListQuery::default();
        if self.page != defaults.page {
            query.append_pair("page", &self.page.to_string());
        }
        if self.page_size != defaults.page_size {
            query.append_pair("pageSize", &self.page_size.to_string());
        }
        if let Some(columns) = &self.columns {
            let properties: Vec<_> = columns.iter().map(|column| column.property()).collect();
            query.append_pair("columns", &properties.join(","));
        }
        let query = query.finish();
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }

    /// The API request (query string without `?`) for this view's page, with its count.
    pub fn api_page_query(&self) -> String {
        let mut query = self.api_query();
        query.append_pair("$top", &self.page_size.to_string());
        query.append_pair(
            "$skip",
            &(u64::from(self.page - 1) * u64::from(self.page_size)).to_string(),
        );
        query.append_pair("$count", "true");
        query.finish()
    }

    /// The API request (query string without `?`) exporting every row of this view as CSV,
    /// with `columns` in order.
    pub fn api_export_query(&self, columns: &[DeviceColumn]) -> String {
        let mut query = self.api_query();
        let properties: Vec<_> = columns.iter().map(|column| column.property()).collect();
        query.append_pair("$select", &properties.join(","));
        query.append_pair("$format", "csv");
        query.finish()
    }

    fn api_query(&self) -> form_urlencoded::Serializer<'static, String> {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(filter) = self.odata_filter() {
            query.append_pair("$filter", &filter);
        }
        if !self.search.is_empty() {
            query.append_pair("$search", &format!("\"{}\"", self.search));
        }
        if let Some((column, direction)) = self.sort {
            query.append_pair("$orderby", &sort_text(column, direction));
        }
        query
    }

    /// OR within one filter, AND across filters.
    pub fn odata_filter(&self) -> Option<String> {
        let agents: Vec<&str> = self
            .managed_by
            .iter()
            .flat_map(|managed_by| managed_by.agents())
            .map(|agent| agent.wire_name())
            .collect();
        let clauses: Vec<String> = [
            any_of("managementAgent", agents),
            any_of(
                "managedDeviceOwnerType",
                self.ownership.iter().map(|v| v.wire_name()).collect(),
            ),
            any_of(
                "complianceState",
                self.compliance.iter().map(|v| v.wire_name()).collect(),
            ),
            any_of(
                "operatingSystem",
                self.os.iter().map(String::as_str).collect(),
            ),
            any_of(
                "managementState",
                self.device_state.iter().map(|v| v.wire_name()).collect(),
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!clauses.is_empty()).then(|| clauses.join(" and "))
    }

    /// The link to All devices showing this view.
    pub fn href(&self) -> String {
        format!("/devices/all{}", self.to_query_string())
    }

    /// Wire names of the values chosen for `filter`.
    pub fn chosen(&self, filter: DeviceFilter) -> Vec<String> {
        fn wire<T: Copy>(values: &[T], wire: fn(T) -> &'static str) -> Vec<String> {
            values.iter().map(|v| wire(*v).to_string()).collect()
        }
        match filter {
            DeviceFilter::ManagedBy => wire(&self.managed_by, ManagedBy::wire_name),
            DeviceFilter::Ownership => wire(&self.ownership, OwnerType::wire_name),
            DeviceFilter::Compliance => wire(&self.compliance, ComplianceState::wire_name),
            DeviceFilter::Os => self.os.clone(),
            DeviceFilter::DeviceState => wire(&self.device_state, ManagementState::wire_name),
        }
    }

    /// Adds the value with wire name `value` to `filter`, or removes it if chosen already.
    pub fn toggle(&mut self, filter: DeviceFilter, value: &str) {
        match filter {
            DeviceFilter::ManagedBy => {
                toggle(&mut self.managed_by, ManagedBy::from_wire_name(value))
            }
            DeviceFilter::Ownership => {
                toggle(&mut self.ownership, OwnerType::from_wire_name(value))
            }
            DeviceFilter::Compliance => {
                toggle(&mut self.compliance, ComplianceState::from_wire_name(value))
            }
            DeviceFilter::Os => toggle(&mut self.os, Some(value.to_string())),
            DeviceFilter::DeviceState => toggle(
                &mut self.device_state,
                ManagementState::from_wire_name(value),
            ),
        }
    }

    /// Removes the `index`-th pill of [`Self::filter_pills`].
    pub fn remove_filter_pill(&mut self, mut index: usize) {
        fn take<T>(values: &mut Vec<T>, index: &mut usize) -> bool {
            if *index < values.len() {
                values.remove(*index);
                true
            } else {
                *index -= values.len();
                false
            }
        }
        let _ = take(&mut self.managed_by, &mut index)
            || take(&mut self.ownership, &mut index)
            || take(&mut self.compliance, &mut index)
            || take(&mut self.os, &mut index)
            || take(&mut self.device_state, &mut index);
    }

    pub fn clear_filters(&mut self) {
        self.managed_by.clear();
        self.ownership.clear();
        self.compliance.clear();
        self.os.clear();
        self.device_state.clear();
    }

    /// Every active filter as (filter name, value label), in the order the filter pane lists them.
    pub fn filter_pills(&self) -> Vec<(&'static str, String)> {
        let mut pills = Vec::new();
        let mut add = |name: &'static str, label: &str| pills.push((name, label.to_string()));
        self.managed_by
            .iter()
            .for_each(|v| add("Managed by", v.label()));
        self.ownership
            .iter()
            .for_each(|v| add("Ownership", v.label()));
        self.compliance
            .iter()
            .for_each(|v| add("Compliance", v.label()));
        self.os.iter().for_each(|v| add("OS", v));
        self.device_state
            .iter()
            .for_each(|v| add("Device state", v.label()));
        pills
    }
}

/// Adds `value` to `values`, or removes it if present; unknown values change nothing.
fn toggle<T: PartialEq>(values: &mut Vec<T>, value: Option<T>) {
    let Some(value) = value else { return };
    match values.iter().position(|existing| *existing == value) {
        Some(index) => {
            values.remove(index);
        }
        None => values.push(value),
    }
}

/// `property eq 'a'` or `property in ('a', 'b')`; nothing for no values.
fn any_of(property: &str, values: Vec<&str>) -> Option<String> {
    let quoted: Vec<String> = values
        .iter()
        .map(|value| format!("'{}'", value.replace('\'', "''")))
        .collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("{property} eq {one}")),
        many => Some(format!("{property} in ({})", many.join(", "))),
    }
}

fn sort_text(column: DeviceColumn, direction: SortDirection) -> String {
    match direction {
        SortDirection::Ascending => column.property().to_string(),
        SortDirection::Descending => format!("{} desc", column.property()),
    }
}

fn parse_sort(text: &str) -> Option<(DeviceColumn, SortDirection)> {
    let mut words = text.split_whitespace();
    let column = DeviceColumn::from_property(words.next()?)?;
    let direction = match words.next() {
        None | Some("asc") => SortDirection::Ascending,
        Some("desc") => SortDirection::Descending,
        Some(_) => return None,
    };
    words.next().is_none().then_some((column, direction))
}

/// Known values in URL order, each once.
fn parsed<T: PartialEq>(values: Vec<String>, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    let mut known = Vec::new();
    for value in values.iter().filter_map(|value| parse(value)) {
        if !known.contains(&value) {
            known.push(value);
        }
    }
    known
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn parse(query: &str) -> DeviceListQuery {
        let pairs: HashMap<String, String> =
            form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .into_owned()
                .collect();
        DeviceListQuery::from_query(|key| pairs.get(key).cloned())
    }

    #[test]
    fn an_empty_query_is_the_default_view() {
        assert_eq!(parse(""), DeviceListQuery::default());
        assert_eq!(DeviceListQuery::default().to_query_string(), "");
        assert_eq!(DeviceListQuery::default().href(), "/devices/all");
    }

    #[test]
    fn a_view_round_trips_through_its_query_string() {
        let view = DeviceListQuery {
            search: "adele's iphone".to_string(),
            managed_by: vec![ManagedBy::ConfigMgr, ManagedBy::CoManaged],
            ownership: vec![OwnerType::Personal],
            compliance: vec![ComplianceState::Noncompliant],
            os: vec!["Windows".to_string(), "iOS".to_string()],
            device_state: vec![ManagementState::RetirePending],
            sort: Some((DeviceColumn::LastCheckIn, SortDirection::Descending)),
            page: 3,
            page_size: 250,
            columns: Some(vec![DeviceColumn::DeviceName, DeviceColumn::SerialNumber]),
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
        let view =
            parse("?managedBy=configMgr,martian,configMgr&page=0&pageSize=33&compliance=nope");
        assert_eq!(view.managed_by, vec![ManagedBy::ConfigMgr]);
        assert!(view.compliance.is_empty());
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
    fn a_page_asks_the_api_for_its_rows_and_the_count() {
        let view = parse("?search=lt-00&orderBy=deviceName+desc&page=3&pageSize=25");
        assert_eq!(
            view.api_page_query(),
            "%24search=%22lt-00%22&%24orderby=deviceName+desc&%24top=25&%24skip=50&%24count=true"
        );
    }

    #[test]
    fn an_export_asks_for_every_row_of_the_visible_columns_as_csv() {
        let view = parse("?os=iOS&orderBy=lastSyncDateTime");
        let query = view.api_export_query(&[DeviceColumn::DeviceName, DeviceColumn::LastCheckIn]);
        assert_eq!(
            query,
            "%24filter=operatingSystem+eq+%27iOS%27&%24orderby=lastSyncDateTime\
             &%24select=deviceName%2ClastSyncDateTime&%24format=csv"
        );
        assert!(!query.contains("top"));
    }

    #[test]
    fn quotes_in_filter_values_are_escaped() {
        let view = parse("?os=O%27Brien");
        assert_eq!(
            view.odata_filter().unwrap(),
            "operatingSystem eq 'O''Brien'"
        );
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
        assert_eq!(view, DeviceListQuery::default());
    }

    #[test]
    fn toggling_a_filter_value_adds_it_then_removes_it() {
        let mut view = parse("?os=iOS");
        view.toggle(DeviceFilter::ManagedBy, "coManaged");
        view.toggle(DeviceFilter::Os, "iOS");
        assert_eq!(view, parse("?managedBy=coManaged"));
        assert_eq!(view.chosen(DeviceFilter::ManagedBy), ["coManaged"]);
        view.toggle(DeviceFilter::Compliance, "martian");
        assert_eq!(view, parse("?managedBy=coManaged"));
        let labels: Vec<_> = DeviceFilter::ALL.iter().map(|f| f.label()).collect();
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
        assert_eq!(
            DeviceFilter::Ownership.options()[0],
            ("company".to_string(), "Corporate".to_string())
        );
    }

    #[test]
    fn a_bad_sort_is_dropped() {
        assert_eq!(parse("?orderBy=password").sort, None);
        assert_eq!(parse("?orderBy=deviceName+sideways").sort, None);
        assert_eq!(
            parse("?orderBy=osVersion+asc").sort,
            Some((DeviceColumn::OsVersion, SortDirection::Ascending))
        );
    }

    #[test]
    fn filter_pills_name_each_filter_and_value_label() {
        let view = parse("?compliance=configManager&managedBy=coManaged");
        assert_eq!(
            view.filter_pills(),
            vec![
                ("Managed by", "Co-managed".to_string()),
                ("Compliance", "See ConfigMgr".to_string())
            ]
        );
    }
}
