//! Breadcrumb and page title of a blade; also the browser tab's title.

use endpoint_admin_model::i18n::Key;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;

/// `crumbs` are (label, link) pairs above the title, e.g. `[("Home", "/"), ("Devices", "/devices")]`.
#[component]
pub fn PageHeader(
    #[prop(into)] title: Signal<String>,
    #[prop(into, optional)] crumbs: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| document().set_title(&format!("{} - Endpoint Admin", title.get())));
    view! {
        <header class="page-header">
            <nav aria-label=i18n.text(|m| &m.breadcrumb) class="breadcrumb">
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

/// Crumbs to fixed places, named in the user's language.
pub fn crumbs(links: &'static [(Key, &'static str)]) -> Signal<Vec<(String, String)>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let m = i18n.get();
        links
            .iter()
            .map(|(label, href)| (label(m).to_string(), href.to_string()))
            .collect()
    })
}
