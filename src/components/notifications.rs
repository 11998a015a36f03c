//! Notifications in the top-right corner, announced to screen readers, gone after a while.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::use_i18n;

const SHOWN_FOR: Duration = Duration::from_secs(8);

/// Provided by the shell; `notify` shows a message.
#[derive(Debug, Clone, Copy)]
pub struct Notifications {
    messages: RwSignal<Vec<(u64, String)>>,
    next_id: StoredValue<u64>,
}

impl Notifications {
    pub fn new() -> Notifications {
        Notifications {
            messages: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    pub fn notify(&self, message: impl Into<String>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.messages
            .update(|messages| messages.push((id, message.into())));
        let messages = self.messages;
        set_timeout(move || dismiss(messages, id), SHOWN_FOR);
    }
}

impl Default for Notifications {
    fn default() -> Self {
        Notifications::new()
    }
}

fn dismiss(messages: RwSignal<Vec<(u64, String)>>, id: u64) {
    messages.try_update(|messages| messages.retain(|(shown, _)| *shown != id));
}

pub fn use_notifications() -> Notifications {
    expect_context::<Notifications>()
}

#[component]
pub fn NotificationArea(notifications: Notifications) -> impl IntoView {
    let i18n = use_i18n();
    let messages = notifications.messages;
    view! {
        <div class="notifications" role="status" aria-live="polite">
            <For each=move || messages.get() key=|(id, _)| *id let:((id, message))>
                <div class="notification">
                    <span>{message}</span>
                    <button
                        type="button"
                        class="icon-button"
                        aria-label=i18n.text(|m| &m.dismiss_notification)
                        on:click=move |_| dismiss(messages, id)
                    >
                        "✕"
                    </button>
                </div>
            </For>
        </div>
    }
}
