//! Loading and error states of every fetch: never a blank page, always a way to retry.

use leptos::prelude::*;

use crate::api::{ApiError, ApiResource};

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            "Loading…"
        </div>
    }
}

/// The failure of a fetch, with **Retry**.
#[component]
pub fn ErrorMessage(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="error-message" role="alert">
            <p>{error.message}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </div>
    }
}

/// Shows `resource` once loaded through `loaded`, with the loading and error states around it.
pub fn fetched<T, V>(
    resource: ApiResource<T>,
    loaded: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(value)) => loaded(value).into_any(),
        Some(Err(error)) => view! {
            <ErrorMessage error on_retry=move |_| resource.refetch() />
        }
        .into_any(),
    }
}
