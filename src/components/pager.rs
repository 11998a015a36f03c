//! The grid's pager: page size, first/previous/next/last, and *Showing 1 to 50 of 12,345 records*.

use leptos::prelude::*;

use crate::{format, list_view::PAGE_SIZES};

/// `page` is 1-based; `total` is the number of matching records.
#[component]
pub fn Pager(
    #[prop(into)] page: Signal<u32>,
    #[prop(into)] page_size: Signal<u32>,
    #[prop(into)] total: Signal<Option<u64>>,
    #[prop(into)] on_page: Callback<u32>,
    #[prop(into)] on_page_size: Callback<u32>,
) -> impl IntoView {
    let last_page = move || {
        let total = total.get().unwrap_or(0);
        total.div_ceil(u64::from(page_size.get())).max(1) as u32
    };
    view! {
        <nav class="pager" aria-label="Pagination">
            <span class="pager-summary" aria-live="polite">
                {move || summary(total.get(), page.get(), page_size.get())}
            </span>
            <label class="page-size">
                "Page size "
                <select on:change:target=move |event| {
                    if let Ok(size) = event.target().value().parse() {
                        on_page_size.run(size);
                    }
                }>
                    {PAGE_SIZES
                        .iter()
                        .map(|size| {
                            let size = *size;
                            view! {
                                <option value=size.to_string() selected=move || page_size.get() == size>
                                    {size}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <button type="button" class="button" aria-label="First page" disabled=move || page.get() <= 1 on:click=move |_| on_page.run(1)>
                "«"
            </button>
            <button type="button" class="button" disabled=move || page.get() <= 1 on:click=move |_| on_page.run(page.get() - 1)>
                "Previous"
            </button>
            <span class="pager-position">{move || format!("Page {} of {}", page.get(), last_page())}</span>
            <button type="button" class="button" disabled=move || last_page() <= page.get() on:click=move |_| on_page.run(page.get() + 1)>
                "Next"
            </button>
            <button type="button" class="button" aria-label="Last page" disabled=move || last_page() <= page.get() on:click=move |_| on_page.run(last_page())>
                "»"
            </button>
        </nav>
    }
}

/// *Showing 1 to 50 of 12,345 records*; nothing before the total is known.
fn summary(total: Option<u64>, page: u32, page_size: u32) -> String {
    let Some(total) = total else {
        return String::new();
    };
    if total == 0 {
        return "Showing 0 records".to_string();
    }
    let first = u64::from(page - 1) * u64::from(page_size) + 1;
    let last = (first + u64::from(page_size) - 1).min(total);
    format!(
        "Showing {} to {} of {} records",
        format::count(first),
        format::count(last),
        format::count(total)
    )
}
