//! A blade that slides in from the right: `role="dialog"`, focus moved in, trapped and restored,
//! Escape closes. Filter, Columns, Bulk device actions and the MDM authority blades use it.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::{ev, html, prelude::*};

use super::{
    Shown,
    focus_trap::{keep_tab_inside, move_focus_in},
};
use crate::i18n::use_i18n;

#[component]
pub fn SidePane(
    /// Its heading and accessible name: a blade's name, or the item it shows.
    #[prop(into)]
    title: Signal<String>,
    /// Whether the pane is shown; the pane sets it to false when it closes itself.
    open: RwSignal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let pane = NodeRef::<html::Div>::new();
    static PANES: AtomicUsize = AtomicUsize::new(0);
    let title_id = format!("pane-{}", PANES.fetch_add(1, Ordering::Relaxed));

    let on_keydown = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            open.set(false);
        } else {
            keep_tab_inside(&event, pane);
        }
    };

    view! {
        <Shown when=move || open.get()>
            {move_focus_in(pane, None)}
            <div class="pane-backdrop" on:click=move |_| open.set(false)></div>
            <div
                class="side-pane"
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_id.clone()
                node_ref=pane
                on:keydown=on_keydown
            >
                <div class="side-pane-header">
                    <h2 id=title_id.clone()>{title}</h2>
                    <button type="button" class="icon-button" aria-label=i18n.text(|m| &m.close) on:click=move |_| open.set(false)>
                        "✕"
                    </button>
                </div>
                <div class="side-pane-body">{children()}</div>
            </div>
        </Shown>
    }
}
