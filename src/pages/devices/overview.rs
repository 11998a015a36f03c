//! `/devices`, *Devices | Overview*: how many devices, and charts of them by compliance (a donut),
//! who manages them, OS and device state (bars); every slice, bar and count opens All devices
//! filtered to it.

use endpoint_admin_model::overview::{CountOf, ManagedDeviceOverview};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api::use_api,
    components::{
        DevicesMenu, PageHeader,
        charts::{BarChart, ChartRow, DonutChart},
        crumbs, fetched,
    },
    device_list_query::{ALL_DEVICES_PATH, all_devices},
    format,
    latest_fetch::LatestFetch,
};

#[component]
pub fn DevicesOverview() -> impl IntoView {
    let api = use_api();
    let overview = LatestFetch::new(move |_| api.managed_device_overview());
    view! {
        <PageHeader title="Devices | Overview" crumbs=crumbs(&[("Home", "/")]) />
        <DevicesMenu />
        {fetched(overview, overview_cards)}
    }
}

fn overview_cards(overview: ManagedDeviceOverview) -> impl IntoView {
    let managed_by = chart_rows(overview.managed_by_counts, "managedBy", |value| {
        (value.wire_name().to_string(), value.label().to_string())
    });
    let compliance = chart_rows(overview.compliance_state_counts, "compliance", |value| {
        (value.wire_name().to_string(), value.label().to_string())
    });
    let operating_systems = chart_rows(overview.operating_system_counts, "os", |value| {
        (value.clone(), value)
    });
    let device_states = chart_rows(overview.management_state_counts, "deviceState", |value| {
        (value.wire_name().to_string(), value.label().to_string())
    });
    view! {
        <section class="card-grid">
            <section class="card" aria-labelledby="total-devices">
                <h2 id="total-devices">"Total devices"</h2>
                <A href="/devices/all" attr:class="big-count" attr:data-count="total">
                    {format::count(overview.enrolled_device_count)}
                </A>
            </section>
            <DonutChart id="compliance" title="Compliance" rows=compliance />
            <BarChart id="managed-by" title="Managed by" rows=managed_by />
            <BarChart id="os" title="Operating system" rows=operating_systems />
            <BarChart id="device-state" title="Device state" rows=device_states />
        </section>
    }
}

/// A chart's rows, each linking to All devices filtered on its value by the filter `key`.
fn chart_rows<T>(
    counts: Vec<CountOf<T>>,
    key: &str,
    value_and_label: impl Fn(T) -> (String, String),
) -> Vec<ChartRow> {
    counts
        .into_iter()
        .map(|CountOf { value, count }| {
            let (value, label) = value_and_label(value);
            let view = all_devices().filtered(key, &value);
            ChartRow {
                label,
                count,
                href: view.href(ALL_DEVICES_PATH),
            }
        })
        .collect()
}
