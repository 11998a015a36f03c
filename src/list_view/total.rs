//! How many rows a list view matches, as far as it is known: on All devices a bounded count at
//! once and the exact count after it, each fetched apart from the rows, so the rows never wait.

use endpoint_admin_model::BoundedCount;
use leptos::prelude::*;

use crate::api::ApiError;

#[derive(Clone, Copy)]
pub struct ListTotal {
    /// The count of the current view, as far as it is known; `None` before any.
    pub count: Signal<Option<BoundedCount>>,
    /// A count of the current view is on its way.
    pub counting: Signal<bool>,
    /// Why the current view could not be counted.
    pub error: Signal<Option<ApiError>>,
    pub retry: Callback<()>,
}

impl ListTotal {
    /// A total that comes exact with the rows, for lists short enough to count with each page:
    /// loading and failing with them.
    pub fn with_rows(count: Signal<Option<u64>>) -> ListTotal {
        ListTotal {
            count: Signal::derive(move || count.get().map(BoundedCount::exact)),
            counting: Signal::stored(false),
            error: Signal::stored(None),
            retry: Callback::new(|()| {}),
        }
    }
}
