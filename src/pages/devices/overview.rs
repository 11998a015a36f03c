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
    i18n::{I18n, use_i18n},
    latest_fetch::LatestFetch,
};

#[component]
pub fn DevicesOverview() -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let overview = LatestFetch::new(move |_| api.managed_device_overview());
    view! {
        <PageHeader title=i18n.text(|m| &m.devices_overview_title) crumbs=crumbs(&[(|m| &m.home, "/")]) />
        <DevicesMenu />
        {fetched(overview, move |overview| overview_cards(i18n, overview))}
    }
}

fn overview_cards(i18n: I18n, overview: ManagedDeviceOverview) -> impl IntoView {
    // Tracked: the cards are drawn again in another language.
    let m = i18n.get();
    let managed_by = chart_rows(overview.managed_by_counts, "managedBy", |value| {
        (value.wire_name().to_string(), value.label(m).to_string())
    });
    let compliance = chart_rows(overview.compliance_state_counts, "compliance", |value| {
        (value.wire_name().to_string(), value.label(m).to_string())
    });
    let operating_systems = chart_rows(overview.operating_system_counts, "os", |value| {
        (value.clone(), value)
    });
    let device_states = chart_rows(overview.management_state_counts, "deviceState", |value| {
        (value.wire_name().to_string(), value.label(m).to_string())
    });
    view! {
        <section class="card-grid">
            <section class="card" aria-labelledby="total-devices">
                <h2 id="total-devices">{m.total_devices.to_string()}</h2>
                <A href="/devices/all" attr:class="big-count" attr:data-count="total">
                    {i18n.count(overview.enrolled_device_count)}
                </A>
            </section>
            <DonutChart id="compliance" title=m.column_compliance.to_string() rows=compliance />
            <BarChart id="managed-by" title=m.column_managed_by.to_string() rows=managed_by />
            <BarChart id="os" title=m.operating_system.to_string() rows=operating_systems />
            <BarChart id="device-state" title=m.column_device_state.to_string() rows=device_states />
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
