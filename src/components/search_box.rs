//! The search box: reports what was typed once the typist pauses (150 ms: a keystroke to rows
//! painted is budgeted at 300 ms, and a page of any search takes the server 5–25 ms).

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::use_i18n;

pub const SEARCH_DEBOUNCE: Duration = Duration::from_millis(150);

#[component]
pub fn SearchBox(
    /// The search the view currently shows (from the URL).
    #[prop(into)]
    value: Signal<String>,
    #[prop(into)] on_search: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let on_input = move |text: String| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || on_search.run(text.trim().to_string()),
            SEARCH_DEBOUNCE,
        );
        pending.set_value(handle.ok());
    };
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    view! {
        <input
            type="search"
            class="search-box"
            aria-label=i18n.text(|m| &m.search)
            placeholder=i18n.text(|m| &m.search)
            prop:value=value
            on:input:target=move |event| on_input(event.target().value())
        />
    }
}
