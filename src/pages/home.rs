//! Home: where the admin lands after sign-in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageHeader;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <PageHeader title="Home" />
        <section class="card-grid">
            <A href="/devices" attr:class="card card-link">
                <h2>"Devices"</h2>
                <p>"Intune, co-managed and Configuration Manager devices of the tenant."</p>
            </A>
            <A href="/tenant-admin" attr:class="card card-link">
                <h2>"Tenant administration"</h2>
                <p>"Tenant status and the MDM authority."</p>
            </A>
        </section>
    }
}
