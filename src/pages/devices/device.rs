//! `/devices/{id}`: a device's essentials.

use endpoint_admin_model::device::ManagedDevice;
use endpoint_admin_model::device_column::date_time;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::use_api,
    components::{PageHeader, fetched},
    latest_fetch::LatestFetch,
};

#[component]
pub fn DeviceOverview() -> impl IntoView {
    let api = use_api();
    let params = use_params_map();
    // Back and Forward between two devices must never leave one's essentials under the other's
    // address (see `LatestFetch`).
    let device = LatestFetch::new(move |abort| {
        let id = params.with(|params| params.get("id").unwrap_or_default());
        async move { api.managed_device(&id, abort.as_ref()).await }
    });
    fetched(device, |device| view! { <DeviceEssentials device /> })
}

#[component]
fn DeviceEssentials(device: ManagedDevice) -> impl IntoView {
    let client_version = device
        .configuration_manager_client_information
        .as_ref()
        .map(|client| client.client_version.clone());
    let has_client = client_version.is_some();
    let essentials = [
        ("Device name", device.device_name.clone()),
        ("Management name", device.managed_device_name.clone()),
        (
            "Ownership",
            device.managed_device_owner_type.label().to_string(),
        ),
        ("Serial number", device.serial_number.clone()),
        ("Device manufacturer", device.manufacturer.clone()),
        ("Device model", device.model.clone()),
        ("Primary user", device.user_principal_name.clone()),
        ("Compliance", device.compliance_state.label().to_string()),
        ("Operating system", device.operating_system.clone()),
        ("OS version", device.os_version.clone()),
        ("Managed by", device.management_agent.label().to_string()),
        ("Last check-in time", date_time(device.last_sync_date_time)),
    ];
    view! {
        <PageHeader
            title=format!("{} | Overview", device.device_name)
            crumbs=&[("Home", "/"), ("Devices", "/devices"), ("All devices", "/devices/all")]
        />
        <section class="card" aria-label="Essentials">
            <h2>"Essentials"</h2>
            <dl class="essentials">
                {essentials
                    .into_iter()
                    .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                    .collect_view()}
                {client_version.map(|version| view! { <dt>"Client version"</dt><dd>{version}</dd> })}
                {has_client.then(|| view! {
                    <dt>"Online status"</dt>
                    <dd>{if device.is_online { "Online" } else { "Offline" }}</dd>
                })}
            </dl>
        </section>
    }
}
