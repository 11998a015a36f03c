//! The grid's pager: page size, first/previous/next/last, and *Showing 1 to 50 of 12,345 records*
//! (*of 10,000+ records* while only a bounded count is known).

use endpoint_admin_model::{
    BoundedCount,
    i18n::{Messages, fill},
};
use leptos::prelude::*;

use crate::{
    components::ErrorMessage,
    i18n::use_i18n,
    list_view::{ListTotal, PAGE_SIZES},
};

/// `page` is 1-based; `total` is how many records match, as far as it is known.
#[component]
pub fn Pager(
    #[prop(into)] page: Signal<u32>,
    #[prop(into)] page_size: Signal<u32>,
    total: ListTotal,
    #[prop(into)] on_page: Callback<u32>,
    #[prop(into)] on_page_size: Callback<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = move |value| i18n.count(value);
    let pages = move || known_pages(total.count.get(), page_size.get());
    // The last page is somewhere to go only once the exact count says where.
    let last_page = move || match pages() {
        (pages, true) => Some(pages),
        (_, false) => None,
    };
    view! {
        <nav class="pager" aria-label=i18n.text(|m| &m.pagination)>
            <span class="pager-summary" aria-live="polite" aria-busy=move || total.counting.get().to_string()>
                {move || summary(i18n.get(), &count, total.count.get(), page.get(), page_size.get())}
            </span>
            {move || total.error.get().map(|error| view! { <ErrorMessage error on_retry=move |_| total.retry.run(()) /> })}
            <label class="page-size">
                {i18n.text(|m| &m.page_size)}" "
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
            <button type="button" class="button" aria-label=i18n.text(|m| &m.first_page) disabled=move || page.get() <= 1 on:click=move |_| on_page.run(1)>
                "«"
            </button>
            <button type="button" class="button" disabled=move || page.get() <= 1 on:click=move |_| on_page.run(page.get() - 1)>
                {i18n.text(|m| &m.previous)}
            </button>
            <span class="pager-position">{move || position(i18n.get(), &count, total.count.get(), page.get(), page_size.get())}</span>
            <button type="button" class="button" disabled=move || pages().0 <= page.get() on:click=move |_| on_page.run(page.get() + 1)>
                {i18n.text(|m| &m.next)}
            </button>
            <button
                type="button"
                class="button"
                aria-label=i18n.text(|m| &m.last_page)
                disabled=move || last_page().is_none_or(|last| last <= page.get())
                on:click=move |_| {
                    if let Some(last) = last_page() {
                        on_page.run(last);
                    }
                }
            >
                "»"
            </button>
        </nav>
    }
}

/// How many pages there are at least, and whether that is all of them: more than a bounded
/// count's number match, so at least one page more than it fills.
fn known_pages(total: Option<BoundedCount>, page_size: u32) -> (u32, bool) {
    let page_size = u64::from(page_size.max(1));
    let pages = match total {
        None => (1, false),
        Some(total) if total.is_exact => (total.count.div_ceil(page_size).max(1), true),
        Some(total) => (total.count / page_size + 1, false),
    };
    (u32::try_from(pages.0).unwrap_or(u32::MAX), pages.1)
}

/// *Page 3 of 247*, or *Page 3 of 201+* while only a bounded count is known.
fn position(
    m: &Messages,
    count: &dyn Fn(u64) -> String,
    total: Option<BoundedCount>,
    page: u32,
    page_size: u32,
) -> String {
    let page = count(page.into());
    if total.is_none() {
        return fill(&m.pager_page, &[("page", &page)]);
    }
    let (pages, exact) = known_pages(total, page_size);
    let pages = count(pages.into());
    let template = if exact {
        &m.pager_page_of
    } else {
        &m.pager_page_of_more
    };
    fill(template, &[("page", &page), ("pages", &pages)])
}

/// *Showing 1 to 50 of 12,345 records*, or *… of 10,000+ records* while the count says only
/// that more than 10,000 match; nothing before any count is known.
fn summary(
    m: &Messages,
    count: &dyn Fn(u64) -> String,
    total: Option<BoundedCount>,
    page: u32,
    page_size: u32,
) -> String {
    let Some(total) = total else {
        return String::new();
    };
    if total.count == 0 {
        return m.pager_showing_none.to_string();
    }
    let first = u64::from(page.max(1) - 1) * u64::from(page_size) + 1;
    let last = first + u64::from(page_size) - 1;
    // More than an inexact count match, so a page within it is full.
    let last = if total.is_exact || last <= total.count {
        last.min(total.count)
    } else {
        last
    };
    let total_text = count(total.count) + if total.is_exact { "" } else { "+" };
    fill(
        &m.pager_showing,
        &[
            ("first", &count(first)),
            ("last", &count(last)),
            ("total", &total_text),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(total: Option<BoundedCount>, page: u32, page_size: u32) -> String {
        super::summary(
            Messages::english(),
            &crate::i18n::english_count,
            total,
            page,
            page_size,
        )
    }

    fn position(total: Option<BoundedCount>, page: u32, page_size: u32) -> String {
        super::position(
            Messages::english(),
            &crate::i18n::english_count,
            total,
            page,
            page_size,
        )
    }

    #[test]
    fn an_exact_count_shows_the_records_of_the_page_and_how_many_in_all() {
        let exact = Some(BoundedCount::exact(12_345));
        assert_eq!(summary(exact, 1, 50), "Showing 1 to 50 of 12,345 records");
        assert_eq!(
            summary(exact, 247, 50),
            "Showing 12,301 to 12,345 of 12,345 records"
        );
        assert_eq!(position(exact, 1, 50), "Page 1 of 247");
        assert_eq!(known_pages(exact, 50), (247, true));
    }

    #[test]
    fn a_count_stopped_at_its_cap_says_more_match_and_the_last_page_is_unknown() {
        let bounded = Some(BoundedCount::up_to(10_001, 10_000));
        assert_eq!(
            summary(bounded, 1, 50),
            "Showing 1 to 50 of 10,000+ records"
        );
        assert_eq!(
            summary(bounded, 200, 50),
            "Showing 9,951 to 10,000 of 10,000+ records"
        );
        assert_eq!(position(bounded, 1, 50), "Page 1 of 201+");
        // Page 201 holds at least the 10,001st record: Next may go there.
        assert_eq!(known_pages(bounded, 50), (201, false));
    }

    #[test]
    fn a_bounded_count_under_its_cap_is_final_at_once() {
        let under = Some(BoundedCount::up_to(1_234, 10_000));
        assert_eq!(summary(under, 1, 50), "Showing 1 to 50 of 1,234 records");
        assert_eq!(position(under, 1, 50), "Page 1 of 25");
    }

    #[test]
    fn nothing_is_said_before_a_count_and_none_is_zero_records() {
        assert_eq!(summary(None, 1, 50), "");
        assert_eq!(position(None, 2, 50), "Page 2");
        assert_eq!(
            summary(Some(BoundedCount::exact(0)), 1, 50),
            "Showing 0 records"
        );
        assert_eq!(position(Some(BoundedCount::exact(0)), 1, 50), "Page 1 of 1");
    }
}
