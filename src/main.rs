//! Mounts the Endpoint Admin app on the page's body, once its language's catalogue is here.

use endpoint_admin::{App, i18n};
use endpoint_admin_model::i18n::{Language, Messages};
use leptos::prelude::*;

fn main() {
    let language = i18n::first_language();
    i18n::set_document_language(language);
    // Leptos' own executor starts with the mount; until then, the browser's.
    wasm_bindgen_futures::spawn_local(async move {
        // A catalogue that cannot be fetched leaves the console in English, never blank.
        let (language, messages) = match i18n::catalogue(language).await {
            Ok(messages) => (language, messages),
            Err(()) => (Language::English, Messages::english()),
        };
        leptos::mount::mount_to_body(move || view! { <App language messages /> });
    });
}
