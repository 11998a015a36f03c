//! The Devices area's own menu, as the admin center has it: **Overview** and **All devices**.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;

#[component]
pub fn DevicesMenu() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="area-menu" aria-label=i18n.text(|m| &m.devices)>
            <A href="/devices" exact=true>{i18n.text(|m| &m.overview)}</A>
            <A href="/devices/all">{i18n.text(|m| &m.all_devices)}</A>
        </nav>
    }
}
