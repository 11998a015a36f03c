//! The Devices area's own menu, as the admin center has it: **Overview** and **All devices**.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn DevicesMenu() -> impl IntoView {
    view! {
        <nav class="area-menu" aria-label="Devices">
            <A href="/devices" exact=true>"Overview"</A>
            <A href="/devices/all">"All devices"</A>
        </nav>
    }
}
