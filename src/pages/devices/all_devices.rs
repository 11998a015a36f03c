//! `/devices/all`, *Devices | All devices*: for now the view's filters as the URL carries them.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{components::PageHeader, device_list_query::DeviceListQuery};

#[component]
pub fn AllDevices() -> impl IntoView {
    let query = use_query_map();
    let view_query =
        Memo::new(move |_| query.with(|query| DeviceListQuery::from_query(|key| query.get(key))));
    view! {
        <PageHeader title="Devices | All devices" crumbs=&[("Home", "/"), ("Devices", "/devices")] />
        <ul class="filter-pills" aria-label="Active filters">
            {move || {
                view_query
                    .get()
                    .filter_pills()
                    .into_iter()
                    .map(|(filter, value)| view! { <li class="pill">{filter} ": " {value}</li> })
                    .collect_view()
            }}
        </ul>
    }
}
