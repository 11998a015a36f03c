//! `/devices`, *Devices | Overview*: how many devices, by who manages them, compliance and OS;
//! every count opens All devices filtered to it.

use endpoint_admin_model::overview::{CountOf, ManagedDeviceOverview};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api::use_api,
    components::{DevicesMenu, PageHeader, crumbs, fetched},
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
    let managed_by = count_rows(overview.managed_by_counts, "managedBy", |value| {
        (value.wire_name().to_string(), value.label().to_string())
    });
    let compliance = count_rows(overview.compliance_state_counts, "compliance", |value| {
        (value.wire_name().to_string(), value.label().to_string())
    });
    let operating_systems = count_rows(overview.operating_system_counts, "os", |value| {
        (value.clone(), value)
    });
    let device_states = count_rows(overview.management_state_counts, "deviceState", |value| {
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
            <CountCard title="Managed by" rows=managed_by />
            <CountCard title="Compliance" rows=compliance />
            <CountCard title="Operating system" rows=operating_systems />
            <CountCard title="Device state" rows=device_states />
        </section>
    }
}

/// (label, count, link) rows of one card.
type CountRows = Vec<(String, u64, String)>;

/// One card's rows, each linking to All devices filtered on its value by the filter `key`.
fn count_rows<T>(
    counts: Vec<CountOf<T>>,
    key: &str,
    value_and_label: impl Fn(T) -> (String, String),
) -> CountRows {
    counts
        .into_iter()
        .map(|CountOf { value, count }| {
            let (value, label) = value_and_label(value);
            let view = all_devices().filtered(key, &value);
            (label, count, view.href(ALL_DEVICES_PATH))
        })
        .collect()
}

#[component]
fn CountCard(title: &'static str, rows: CountRows) -> impl IntoView {
    view! {
        <section class="card" aria-label=title>
            <h2>{title}</h2>
            <table class="count-table">
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(label, count, href)| {
                            view! {
                                <tr>
                                    <th scope="row">{label.clone()}</th>
                                    <td>
                                        <A href=href attr:aria-label=format!("{label}: {} devices", format::count(count))>
                                            {format::count(count)}
                                        </A>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}
