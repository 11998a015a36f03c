//! Any path the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main class="content">
            <h1>{i18n.text(|m| &m.page_not_found)}</h1>
            <p>{i18n.text(|m| &m.page_not_found_text)}" " <A href="/">{i18n.text(|m| &m.go_home)}</A></p>
        </main>
    }
}
