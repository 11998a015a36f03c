//! Breadcrumb and page title of a blade; also the browser tab's title.

use leptos::prelude::*;
use leptos_router::components::A;

/// `crumbs` are (label, link) pairs above the title, e.g. `[("Home", "/"), ("Devices", "/devices")]`.
#[component]
pub fn PageHeader(
    #[prop(into)] title: Signal<String>,
    #[prop(into, optional)] crumbs: Signal<Vec<(&'static str, String)>>,
) -> impl IntoView {
    Effect::new(move |_| document().set_title(&format!("{} - Endpoint Admin", title.get())));
    view! {
        <header class="page-header">
            <nav aria-label="Breadcrumb" class="breadcrumb">
                <ol>
                    {move || {
                        crumbs
                            .get()
                            .into_iter()
                            .map(|(label, href)| view! { <li><A href=href>{label}</A></li> })
                            .collect_view()
                            .into_any()
                    }}
                </ol>
            </nav>
            <h1>{title}</h1>
        </header>
    }
}

/// Crumbs that never change, from string literals.
pub fn crumbs(links: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    links
        .iter()
        .map(|(label, href)| (*label, href.to_string()))
        .collect()
}
