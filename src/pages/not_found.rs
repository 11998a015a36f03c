//! Any path the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="content">
            <h1>"Page not found"</h1>
            <p>"This page does not exist. " <A href="/">"Go to Home"</A></p>
        </main>
    }
}
