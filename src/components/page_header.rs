//! Breadcrumb and page title of a blade; also the browser tab's title.

use leptos::prelude::*;
use leptos_router::components::A;

/// `crumbs` are (label, link) pairs above the title, e.g. `[("Home", "/"), ("Devices", "/devices")]`.
#[component]
pub fn PageHeader(
    #[prop(into)] title: String,
    #[prop(default = &[])] crumbs: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    document().set_title(&format!("{title} - Endpoint Admin"));
    view! {
        <header class="page-header">
            <nav aria-label="Breadcrumb" class="breadcrumb">
                <ol>
                    {crumbs
                        .iter()
                        .map(|(label, href)| view! { <li><A href=*href>{*label}</A></li> })
                        .collect_view()}
                </ol>
            </nav>
            <h1>{title}</h1>
        </header>
    }
}
