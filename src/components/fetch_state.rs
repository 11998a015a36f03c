//! Loading and error states of every fetch: never a blank page, always a way to retry.

use std::sync::{Arc, Mutex};

use leptos::{prelude::*, tachys::reactive_graph::SharedReactiveFunction};

use crate::{
    api::ApiError,
    i18n::{I18n, use_i18n},
    latest_fetch::LatestFetch,
};

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {i18n.text(|m| &m.loading)}
        </div>
    }
}

/// The failure of a fetch, with **Retry**.
#[component]
pub fn ErrorMessage(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="error-message" role="alert">
            <p>{move || error.text(i18n.get())}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                {i18n.text(|m| &m.retry)}
            </button>
        </div>
    }
}

/// Why the last request of `action` failed, while no other is on its way.
pub fn failure_text<I: 'static>(
    i18n: I18n,
    action: Action<I, Result<(), ApiError>>,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        if action.pending().get() {
            return None;
        }
        action.value().with(|value| match value {
            Some(Err(error)) => Some(error.text(i18n.get())),
            _ => None,
        })
    }
}

/// Why the request a form or blade sent failed, announced as it appears; nothing before.
#[component]
pub fn FormError(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        {move || message.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
    }
}

/// Shows `resource` once loaded through `loaded`, with the loading and error states around it;
/// while it is asked for again (Retry, a refresh) the previous answer stays.
///
/// A shared reactive function, as `view!` makes of its inline `{move || …}` blocks: every use
/// shares one compiled render effect instead of one per closure type.
pub fn fetched<T, V>(
    resource: LatestFetch<T>,
    loaded: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let view: SharedReactiveFunction<AnyView> =
        Arc::new(Mutex::new(move || match resource.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Ok(value)) => loaded(value).into_any(),
            Some(Err(error)) => view! {
                <ErrorMessage error on_retry=move |_| resource.refetch() />
            }
            .into_any(),
        }));
    view
}
