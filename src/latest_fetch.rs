//! The answer to the newest request of a view whose query changes: All devices as its filters,
//! sort and page change; a device's page as its id changes; the user and tenant as the session
//! does; every other fetch of the SPA too.
//!
//! Not a `LocalResource`: it starts the next fetch only once the running one has finished, and a
//! change made meanwhile can be lost (leptos #3454), leaving the previous query's answer on
//! screen. Here each new query aborts the request still in flight at once, and an aborted request
//! never writes its answer, so whatever order the answers come in, the latest query's is shown.
//! It is also lighter: a `LocalResource` compiles its async-derived machinery once per answer
//! type, this a signal and an effect.

use std::{future::Future, time::Duration};

use leptos::{prelude::*, task::spawn_local};

use crate::api::ApiError;

pub struct LatestFetch<T: Send + Sync + 'static> {
    answer: RwSignal<Option<Result<T, ApiError>>>,
    loading: RwSignal<bool>,
    retries: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for LatestFetch<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for LatestFetch<T> {}

impl<T: Send + Sync + 'static> LatestFetch<T> {
    /// Calls `fetch` now and whenever a signal it reads (before its future starts) changes,
    /// handing it the abort signal of the new request.
    pub fn new<F>(fetch: impl Fn(Option<web_sys::AbortSignal>) -> F + 'static) -> LatestFetch<T>
    where
        F: Future<Output = Result<T, ApiError>> + 'static,
    {
        let this = LatestFetch {
            answer: RwSignal::new(None),
            loading: RwSignal::new(true),
            retries: RwSignal::new(0),
        };
        let in_flight = StoredValue::new_local(None::<web_sys::AbortController>);
        Effect::new(move |_| {
            this.retries.track();
            let signal = start_request(in_flight);
            let answer = fetch(signal.clone());
            this.loading.set(true);
            spawn_local(async move {
                let answer = answer.await;
                if !signal.is_some_and(|signal| signal.aborted()) {
                    this.answer.try_set(Some(answer));
                    this.loading.try_set(false);
                }
            });
        });
        on_cleanup(move || {
            if let Some(controller) = in_flight.try_get_value().flatten() {
                controller.abort();
            }
        });
        this
    }

    /// The latest answer (the previous one while the next is on its way); `None` before the
    /// first. Tracked.
    pub fn get(&self) -> Option<Result<T, ApiError>>
    where
        T: Clone,
    {
        self.answer.get()
    }

    /// Reads the latest answer in place, without cloning it (a page of 1,000 devices is 40,000
    /// strings). Tracked.
    pub fn with<R>(&self, read: impl FnOnce(Option<&Result<T, ApiError>>) -> R) -> R {
        self.answer.with(|answer| read(answer.as_ref()))
    }

    /// The latest answer's error, if it failed. Tracked.
    pub fn error(&self) -> Option<ApiError> {
        self.with(|answer| answer.and_then(|answer| answer.as_ref().err().cloned()))
    }

    /// Whether the answer to the current query is still on its way. Tracked.
    pub fn loading(&self) -> bool {
        self.loading.get()
    }

    /// Asks again for the current query.
    pub fn refetch(&self) {
        self.retries.update(|retries| *retries += 1);
    }

    /// Asks again every [`POLL`] while the latest answer says something is still on its way
    /// (an action, pending or in progress), and never once nothing is. One chain of polls
    /// whatever else asks meanwhile: each answer replaces the poll it had scheduled.
    pub fn poll_while(self, unfinished: impl Fn(&T) -> bool + 'static) {
        let scheduled = StoredValue::new_local(None::<TimeoutHandle>);
        Effect::new(move |_| {
            let again =
                self.with(|answer| matches!(answer, Some(Ok(answer)) if unfinished(answer)));
            if let Some(handle) = scheduled.get_value() {
                handle.clear();
            }
            let next = again
                .then(|| set_timeout_with_handle(move || self.refetch(), POLL).ok())
                .flatten();
            scheduled.set_value(next);
        });
        on_cleanup(move || {
            if let Some(handle) = scheduled.try_get_value().flatten() {
                handle.clear();
            }
        });
    }
}

/// How often [`LatestFetch::poll_while`] asks: a change shows within a second.
pub const POLL: Duration = Duration::from_millis(500);

/// Aborts the request still running for the previous query and returns the new one's signal.
fn start_request(
    in_flight: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
) -> Option<web_sys::AbortSignal> {
    if let Some(previous) = in_flight.get_value() {
        previous.abort();
    }
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(web_sys::AbortController::signal);
    in_flight.set_value(controller);
    signal
}
