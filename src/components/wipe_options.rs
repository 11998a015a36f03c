//! Wipe's two options, as the admin center words them, for the device's action bar and for bulk.

use endpoint_admin_model::device_action::WipeOptions;
use leptos::prelude::*;

#[component]
pub fn WipeOptionsFields(options: RwSignal<WipeOptions>) -> impl IntoView {
    let check = |label: &'static str, field: fn(&mut WipeOptions) -> &mut bool| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || *field(&mut options.get())
                    on:change=move |_| options.update(|options| *field(options) ^= true)
                />
                {label}
            </label>
        }
    };
    (
        check("Retain enrollment state and user account", |options| {
            &mut options.keep_enrollment_data
        }),
        check("Wipe device, but keep user data", |options| {
            &mut options.keep_user_data
        }),
    )
}
