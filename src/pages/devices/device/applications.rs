//! `/devices/{id}/applications`: the applications of a ConfigMgr device (the page itself comes
//! with the Applications work; the device menu already leads here).

use leptos::prelude::*;

#[component]
pub fn DeviceApplications() -> impl IntoView {
    view! {
        <section class="card" aria-label="Applications">
            <h2>"Applications"</h2>
            <p>"The applications deployed to this device and its users will be listed here."</p>
        </section>
    }
}
