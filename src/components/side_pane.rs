//! A blade that slides in from the right: `role="dialog"`, focus moved in, trapped and restored,
//! Escape closes. Filter, Columns and the MDM authority blades use it.

use leptos::{ev, html, prelude::*};
use wasm_bindgen::JsCast;

const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select, a[href], [tabindex]:not([tabindex='-1'])";

#[component]
pub fn SidePane(
    title: &'static str,
    /// Whether the pane is shown; the pane sets it to false when it closes itself.
    open: RwSignal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let pane = NodeRef::<html::Div>::new();
    let title_id = format!("pane-{}", title.to_ascii_lowercase().replace(' ', "-"));

    let on_keydown = move |event: ev::KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            event.stop_propagation();
            open.set(false);
        }
        "Tab" => {
            let Some(pane) = pane.get_untracked() else {
                return;
            };
            let focusables = focusables(&pane);
            let (Some(first), Some(last)) = (focusables.first(), focusables.last()) else {
                return;
            };
            let active = document().active_element();
            let at = |element: &web_sys::HtmlElement| {
                active
                    .as_ref()
                    .is_some_and(|active| active == element.unchecked_ref::<web_sys::Element>())
            };
            if event.shift_key() && at(first) {
                event.prevent_default();
                let _ = last.focus();
            } else if !event.shift_key() && at(last) {
                event.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };

    view! {
        <Show when=move || open.get()>
            {move_focus_in(pane)}
            <div class="pane-backdrop" on:click=move |_| open.set(false)></div>
            <div
                class="side-pane"
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_id.clone()
                node_ref=pane
                on:keydown=on_keydown
            >
                <header class="side-pane-header">
                    <h2 id=title_id.clone()>{title}</h2>
                    <button type="button" class="icon-button" aria-label="Close" on:click=move |_| open.set(false)>
                        "✕"
                    </button>
                </header>
                <div class="side-pane-body">{children()}</div>
            </div>
        </Show>
    }
}

/// Runs each time the pane opens, while it is being built: remembers where focus was, moves it to
/// the pane's first control, and gives it back when the pane closes. A microtask moves it in: it
/// runs right after the pane is in the document and before the browser handles the next key, so a
/// Tab typed at once after opening already lands inside the pane.
fn move_focus_in(pane: NodeRef<html::Div>) {
    let opener: Option<web_sys::HtmlElement> = document()
        .active_element()
        .and_then(|element| element.dyn_into().ok());
    queue_microtask(move || {
        if let Some(first) = pane
            .get_untracked()
            .and_then(|pane| focusables(&pane).into_iter().next())
        {
            let _ = first.focus();
        }
    });
    on_cleanup(move || {
        if let Some(opener) = opener {
            let _ = opener.focus();
        }
    });
}

fn focusables(pane: &web_sys::HtmlDivElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = pane.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into().ok())
        .collect()
}
