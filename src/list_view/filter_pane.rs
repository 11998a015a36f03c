//! Filters: the Filter pane's checkbox groups, a group on the page itself, and the pills that
//! show each active filter value and remove it.

use endpoint_admin_model::BoundedCount;
use leptos::prelude::*;

use super::{ListFilter, ListQuery};
use crate::format;

/// Every active filter value as a removable pill.
#[component]
pub fn FilterPills(view: Memo<ListQuery>, go: Callback<(ListQuery, bool)>) -> impl IntoView {
    let pills = move || {
        view.with(ListQuery::filter_pills)
            .into_iter()
            .enumerate()
            .map(|(index, (filter, value))| {
                let name = format!("{filter}: {value}");
                let remove = move |_| {
                    let mut next = view.get_untracked();
                    next.remove_filter_pill(index);
                    next.page = 1;
                    go.run((next, false));
                };
                view! {
                    <li class="pill">
                        <span>{name.clone()}</span>
                        <button type="button" class="pill-remove" aria-label=format!("Remove filter {name}") on:click=remove></button>
                    </li>
                }
            })
            .collect_view()
    };
    view! { <ul class="filter-pills" aria-label="Active filters">{pills}</ul> }
}

/// The Filter pane: every filter of the list not shown on the page, *N devices match*, **Apply**
/// and **Clear all**.
#[component]
pub fn FilterPane(
    view: Memo<ListQuery>,
    go: Callback<(ListQuery, bool)>,
    total: Signal<Option<BoundedCount>>,
    #[prop(into)] close: Callback<()>,
) -> impl IntoView {
    view! {
        <p class="filter-summary" aria-live="polite">
            {move || total.get().map(|total| format!("{} {} match", format::bounded_count(total), view.with(|view| view.spec.name)))}
        </p>
        {view
            .with_untracked(|view| view.spec.filters)
            .iter()
            .filter(|filter| !filter.on_page)
            .map(|filter| view! { <FilterGroup filter view go /> })
            .collect_view()}
        <div class="pane-actions">
            <button type="button" class="button primary" on:click=move |_| close.run(())>"Apply"</button>
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    let mut next = view.get_untracked();
                    next.clear_filters();
                    next.page = 1;
                    go.run((next, false));
                }
            >
                "Clear all"
            </button>
        </div>
    }
}

/// One filter as checkboxes in a fieldset named by its label, each value with its count when
/// the list gives counts.
#[component]
pub fn FilterGroup(
    filter: &'static ListFilter,
    view: Memo<ListQuery>,
    go: Callback<(ListQuery, bool)>,
    /// How many rows have each value, by value.
    #[prop(optional)]
    count: Option<Callback<&'static str, Option<u64>>>,
) -> impl IntoView {
    view! {
        <fieldset class="filter-group" class:filter-bar=filter.on_page>
            <legend>{filter.label}</legend>
            {(filter.options)()
                .into_iter()
                .map(|option| {
                    let value = option.value;
                    let count = move || {
                        count
                            .and_then(|count| count.run(value))
                            .map(|count| format!(" ({})", format::count(count)))
                    };
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || view.with(|view| view.chosen(filter.key).contains(&value))
                                on:change=move |_| {
                                    let mut next = view.get_untracked();
                                    next.toggle(filter.key, value);
                                    next.page = 1;
                                    go.run((next, false));
                                }
                            />
                            {option.label}
                            {count}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
