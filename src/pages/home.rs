//! Home: where the admin lands after sign-in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{components::PageHeader, i18n::use_i18n};

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader title=i18n.text(|m| &m.home) />
        <section class="card-grid">
            <A href="/devices" attr:class="card card-link">
                <h2>{i18n.text(|m| &m.devices)}</h2>
                <p>{i18n.text(|m| &m.home_devices_card)}</p>
            </A>
            <A href="/tenant-admin" attr:class="card card-link">
                <h2>{i18n.text(|m| &m.tenant_administration)}</h2>
                <p>{i18n.text(|m| &m.home_tenant_card)}</p>
            </A>
        </section>
    }
}
