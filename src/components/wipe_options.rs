//! Wipe's two options, as the admin center words them, for the device's action bar and for bulk.

use endpoint_admin_model::device_action::WipeOptions;
use endpoint_admin_model::i18n::Key;
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn WipeOptionsFields(options: RwSignal<WipeOptions>) -> impl IntoView {
    let i18n = use_i18n();
    let check = move |label: Key, field: fn(&mut WipeOptions) -> &mut bool| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || *field(&mut options.get())
                    on:change=move |_| options.update(|options| *field(options) ^= true)
                />
                {i18n.text(label)}
            </label>
        }
    };
    (
        check(
            |m| &m.wipe_retain_enrollment,
            |options| &mut options.keep_enrollment_data,
        ),
        check(
            |m| &m.wipe_keep_user_data,
            |options| &mut options.keep_user_data,
        ),
    )
}
