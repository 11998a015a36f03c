//! Keyboard focus for blades and dialogs: moved in as they open, kept inside while they are open
//! (Tab and Shift+Tab wrap around), given back to the opener as they close.

use leptos::{ev, html, prelude::*};
use wasm_bindgen::JsCast;

const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// Runs each time the container opens, while it is being built: remembers where focus was, moves
/// it to the first control (or `initial`, a selector), and gives it back on close. A microtask
/// moves it in: it runs right after the container is in the document and before the browser
/// handles the next key, so a Tab typed at once after opening already lands inside.
pub fn move_focus_in(container: NodeRef<html::Div>, initial: Option<&'static str>) {
    let opener: Option<web_sys::HtmlElement> = document()
        .active_element()
        .and_then(|element| element.dyn_into().ok());
    queue_microtask(move || {
        let Some(container) = container.get_untracked() else {
            return;
        };
        let chosen = initial
            .and_then(|selector| container.query_selector(selector).ok().flatten())
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(first) = chosen.or_else(|| focusables(&container).into_iter().next()) {
            let _ = first.focus();
        }
    });
    on_cleanup(move || {
        if let Some(opener) = opener {
            let _ = opener.focus();
        }
    });
}

/// Keeps Tab and Shift+Tab inside `container`.
pub fn keep_tab_inside(event: &ev::KeyboardEvent, container: NodeRef<html::Div>) {
    if event.key() != "Tab" {
        return;
    }
    let Some(container) = container.get_untracked() else {
        return;
    };
    let focusables = focusables(&container);
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

fn focusables(container: &web_sys::HtmlDivElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = container.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into().ok())
        .collect()
}
