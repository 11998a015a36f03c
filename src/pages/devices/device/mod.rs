//! `/devices/{id}` and its sections: the device is fetched once here and shared through
//! [`DeviceContext`] with Overview, Applications and whatever follows; the device's own menu sits
//! beside them.

mod action_bar;
mod action_status;
mod applications;
mod overview;

use endpoint_admin_model::device::ManagedDevice;
use leptos::prelude::*;
use leptos_router::{
    components::{A, Outlet},
    hooks::{use_location, use_params_map},
};

use crate::{
    api::use_api,
    components::{ErrorMessage, Loading, PageHeader, Shown},
    i18n::use_i18n,
    last_view,
    latest_fetch::LatestFetch,
};

pub use applications::DeviceApplications;
pub use overview::DeviceOverview;

/// The device on screen, for the sections of its page.
#[derive(Clone, Copy)]
pub struct DeviceContext {
    fetch: LatestFetch<ManagedDevice>,
    /// The device of the current address, once loaded; kept while it is fetched again.
    pub device: Memo<Option<ManagedDevice>>,
}

impl DeviceContext {
    /// Asks for the device again, e.g. after an action changed it.
    pub fn refetch(&self) {
        self.fetch.refetch();
    }
}

pub fn use_device() -> DeviceContext {
    expect_context::<DeviceContext>()
}

#[component]
pub fn DevicePage() -> impl IntoView {
    let api = use_api();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").unwrap_or_default()));
    // Back and Forward between two devices must never leave one's page under the other's
    // address (see `LatestFetch`).
    let fetch = LatestFetch::new(move |abort| {
        let id = id.get();
        async move { api.managed_device(&id, abort.as_ref()).await }
    });
    let device = Memo::new(move |_| {
        fetch
            .get()
            .and_then(Result::ok)
            .filter(|device| id.with(|id| *id == device.id))
    });
    provide_context(DeviceContext { fetch, device });

    let location = use_location();
    let i18n = use_i18n();
    let applications = Memo::new(move |_| {
        location
            .pathname
            .with(|path| path.ends_with("/applications"))
    });
    let title = Signal::derive(move || {
        let m = i18n.get();
        let section = if applications.get() {
            &m.applications
        } else {
            &m.overview
        };
        device.with(|device| {
            device
                .as_ref()
                .map(|device| format!("{} | {section}", device.device_name))
                .unwrap_or_else(|| m.device.to_string())
        })
    });
    let crumbs = Signal::derive(move || {
        let m = i18n.get();
        vec![
            (m.home.to_string(), "/".to_string()),
            (m.devices.to_string(), "/devices".to_string()),
            (m.all_devices.to_string(), last_view::all_devices()),
        ]
    });
    // The fetch's error once it has failed, not while it is asked for again.
    let failed = move || match fetch.get() {
        Some(Err(error)) if !fetch.loading() => Some(error),
        _ => None,
    };
    view! {
        <PageHeader title crumbs />
        {move || failed().map(|error| view! { <ErrorMessage error on_retry=move |_| fetch.refetch() /> })}
        <Shown when=move || device.with(Option::is_some) fallback=move || failed().is_none().then(|| view! { <Loading /> })>
            <div class="device-blade">
                <DeviceMenu />
                <div class="device-section">
                    <Outlet />
                </div>
            </div>
        </Shown>
    }
}

/// The device's own menu: Overview, and Applications for devices with a ConfigMgr client.
#[component]
fn DeviceMenu() -> impl IntoView {
    let DeviceContext { device, .. } = use_device();
    let base = move || {
        device
            .with(|device| {
                device
                    .as_ref()
                    .map(|device| format!("/devices/{}", device.id))
            })
            .unwrap_or_default()
    };
    let has_client = move || {
        device.with(|device| {
            device
                .as_ref()
                .is_some_and(|device| device.management_agent.has_configuration_manager_client())
        })
    };
    let i18n = use_i18n();
    view! {
        <nav class="area-menu" aria-label=i18n.text(|m| &m.device)>
            <A href=base exact=true>{i18n.text(|m| &m.overview)}</A>
            <Shown when=has_client>
                <A href=move || format!("{}/applications", base()) exact=true>{i18n.text(|m| &m.applications)}</A>
            </Shown>
        </nav>
    }
}
