//! A modal confirmation dialog: a question, what the action needs (a name, options), **Yes** and
//! **No**. `role="dialog"` with `aria-modal`, focus moved in, trapped and given back; Escape is No.

use leptos::{ev, html, prelude::*};

use super::focus_trap::{keep_tab_inside, move_focus_in};
use crate::i18n::use_i18n;

#[component]
pub fn ConfirmDialog(
    /// The dialog's accessible name and heading, e.g. the action's name.
    #[prop(into)]
    title: String,
    /// The question, e.g. *Are you sure you want to retire CONTOSO-LT-0001?*
    #[prop(into)]
    question: String,
    /// Why Yes cannot be chosen now (e.g. an invalid name); Yes is disabled while there is one.
    #[prop(into, optional)]
    problem: Signal<Option<String>>,
    /// The request is on its way: Yes is disabled.
    #[prop(into, optional)]
    busy: Signal<bool>,
    #[prop(into)] on_yes: Callback<()>,
    #[prop(into)] on_no: Callback<()>,
    /// What the action needs besides a yes (inputs, options, the server's error).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<html::Div>::new();
    let on_keydown = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_no.run(());
        } else {
            keep_tab_inside(&event, dialog);
        }
    };
    move_focus_in(
        dialog,
        Some("input:not([type=checkbox]), .dialog-actions button"),
    );
    view! {
        <div class="pane-backdrop"></div>
        <div
            class="dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="dialog-title"
            aria-describedby="dialog-question"
            node_ref=dialog
            on:keydown=on_keydown
        >
            <h2 id="dialog-title">{title}</h2>
            <p id="dialog-question">{question}</p>
            {children.map(|children| children())}
            <div class="dialog-actions">
                <button
                    type="button"
                    class="button primary"
                    disabled=move || busy.get() || problem.with(Option::is_some)
                    on:click=move |_| on_yes.run(())
                >
                    {i18n.text(|m| &m.yes)}
                </button>
                <button type="button" class="button" on:click=move |_| on_no.run(())>{i18n.text(|m| &m.no)}</button>
            </div>
        </div>
    }
}
