//! The All devices view as it lives in the URL: search, filters, page and page size.
//!
//! `DeviceListQuery` parses from and renders to the query string, so a link or a reload
//! reproduces the view; values the app does not know are dropped rather than failing the page.

use endpoint_admin_model::device::{ComplianceState, ManagedBy, ManagementState, OwnerType};

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
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
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
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
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
            page: get("page")
                .and_then(|page| page.parse().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(defaults.page),
            page_size: get("pageSize")
                .and_then(|size| size.parse().ok())
                .filter(|size| PAGE_SIZES.contains(size))
                .unwrap_or(defaults.page_size),
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
        let defaults = DeviceListQuery::default();
        if self.page != defaults.page {
            query.append_pair("page", &self.page.to_string());
        }
        if self.page_size != defaults.page_size {
            query.append_pair("pageSize", &self.page_size.to_string());
        }
        let query = query.finish();
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }

    /// The link to All devices showing this view.
    pub fn href(&self) -> String {
        format!("/devices/all{}", self.to_query_string())
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
            page: 3,
            page_size: 250,
        };
        let query = view.to_query_string();
        assert_eq!(
            query,
            "?search=adele%27s+iphone&managedBy=configMgr%2CcoManaged&ownership=personal\
             &compliance=noncompliant&os=Windows%2CiOS&deviceState=retirePending&page=3&pageSize=250"
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
