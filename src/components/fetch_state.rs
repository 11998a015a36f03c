//! Loading and error states of every fetch: never a blank page, always a way to retry.

use std::sync::{Arc, Mutex};

use leptos::{prelude::*, tachys::reactive_graph::SharedReactiveFunction};

use crate::{
    api::{ApiError, ApiResource},
    latest_fetch::LatestFetch,
};

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

/// Something fetched from the API that a page shows with [`fetched`].
pub trait Fetch<T>: Copy + Send + Sync + 'static {
    /// `None` while loading the first time. Tracked.
    fn answer(&self) -> Option<Result<T, ApiError>>;
    fn retry(&self);
}

impl<T: Clone + Send + Sync + 'static> Fetch<T> for ApiResource<T> {
    fn answer(&self) -> Option<Result<T, ApiError>> {
        self.get()
    }

    fn retry(&self) {
        self.refetch();
    }
}

/// A page shows loading, not the previous answer, while the next is on its way: the previous
/// one may be another device's.
impl<T: Clone + Send + Sync + 'static> Fetch<T> for LatestFetch<T> {
    fn answer(&self) -> Option<Result<T, ApiError>> {
        if self.loading() { None } else { self.get() }
    }

    fn retry(&self) {
        self.refetch();
    }
}

/// Shows `resource` once loaded through `loaded`, with the loading and error states around it.
///
/// A shared reactive function, as `view!` makes of its inline `{move || …}` blocks: every use
/// shares one compiled render effect instead of one per closure type.
pub fn fetched<T, V>(
    resource: impl Fetch<T>,
    loaded: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let view: SharedReactiveFunction<AnyView> =
        Arc::new(Mutex::new(move || match resource.answer() {
            None => view! { <Loading /> }.into_any(),
            Some(Ok(value)) => loaded(value).into_any(),
            Some(Err(error)) => view! {
                <ErrorMessage error on_retry=move |_| resource.retry() />
            }
            .into_any(),
        }));
    view
}
