//! `/devices/{id}`, the device's Overview: its essentials, the action bar and **Device action
//! status**, which follows every action live.

use endpoint_admin_model::device::ManagedDevice;
use leptos::prelude::*;

use super::{
    action_bar::ActionBar,
    action_status::{ActionResults, DeviceActionStatus},
    use_device,
};
use crate::i18n::use_i18n;

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
    let i18n = use_i18n();
    move || essentials(i18n, &device)
}

fn essentials(i18n: crate::i18n::I18n, device: &ManagedDevice) -> impl IntoView + use<> {
    // Tracked: drawn again in another language.
    let m = i18n.get();
    let client_version = device
        .configuration_manager_client_information
        .as_ref()
        .map(|client| client.client_version.clone());
    let has_client = client_version.is_some();
    let essentials = [
        (&m.column_device_name, device.device_name.clone()),
        (
            &m.column_management_name,
            device.managed_device_name.clone(),
        ),
        (
            &m.column_ownership,
            device.managed_device_owner_type.label(m).to_string(),
        ),
        (&m.column_serial_number, device.serial_number.clone()),
        (&m.device_manufacturer, device.manufacturer.clone()),
        (&m.device_model, device.model.clone()),
        (&m.primary_user, device.user_principal_name.clone()),
        (
            &m.column_compliance,
            device.compliance_state.label(m).to_string(),
        ),
        (&m.operating_system, device.operating_system.clone()),
        (&m.column_os_version, device.os_version.clone()),
        (
            &m.column_managed_by,
            device.management_agent.label(m).to_string(),
        ),
        (
            &m.column_device_state,
            device.management_state.label(m).to_string(),
        ),
        (
            &m.last_check_in_time,
            i18n.date_time(device.last_sync_date_time),
        ),
    ];
    let online = if device.is_online {
        &m.online
    } else {
        &m.offline
    };
    view! {
        <section class="card" aria-label=m.essentials.to_string()>
            <h2>{m.essentials.to_string()}</h2>
            <dl class="essentials">
                {essentials
                    .into_iter()
                    .map(|(label, value)| view! { <dt>{label.to_string()}</dt><dd>{value}</dd> })
                    .collect_view()}
                {client_version.map(|version| view! { <dt>{m.client_version.to_string()}</dt><dd>{version}</dd> })}
                {has_client.then(|| view! {
                    <dt>{m.online_status.to_string()}</dt>
                    <dd>{online.to_string()}</dd>
                })}
            </dl>
        </section>
    }
}
