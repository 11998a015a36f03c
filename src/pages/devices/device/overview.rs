//! `/devices/{id}`, the device's Overview: its essentials, the action bar and **Device action
//! status**, which follows every action live.

use endpoint_admin_model::{device::ManagedDevice, device_column::date_time};
use leptos::prelude::*;

use super::{
    action_bar::ActionBar,
    action_status::{ActionResults, DeviceActionStatus},
    use_device,
};

#[component]
pub fn DeviceOverview() -> impl IntoView {
    let device = use_device().device;
    // The sections are built once per device (the parent rebuilds them for another one); only
    // the essentials follow the device as actions change it.
    let Some(first) = device.get_untracked() else {
        return ().into_any();
    };
    let results = ActionResults::new(first.id.clone(), first.device_action_results.clone());
    view! {
        <ActionBar results />
        {move || device.get().map(|device| view! { <Essentials device /> })}
        <DeviceActionStatus results />
    }
    .into_any()
}

#[component]
fn Essentials(device: ManagedDevice) -> impl IntoView {
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
        ("Device state", device.management_state.label().to_string()),
        ("Last check-in time", date_time(device.last_sync_date_time)),
    ];
    view! {
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
