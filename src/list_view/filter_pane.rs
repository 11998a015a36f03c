//! Filters: the Filter pane's checkbox groups, a group on the page itself, and the pills that
//! show each active filter value and remove it.

use endpoint_admin_model::{
    BoundedCount,
    i18n::{Key, fill},
};
use leptos::prelude::*;

use super::{ListFilter, ListQuery};
use crate::i18n::use_i18n;

/// Every active filter value as a removable pill.
#[component]
pub fn FilterPills(view: Memo<ListQuery>, go: Callback<(ListQuery, bool)>) -> impl IntoView {
    let i18n = use_i18n();
    let pills = move || {
        let m = i18n.get();
        view.with(|view| view.filter_pills(m))
            .into_iter()
            .enumerate()
            .map(|(index, (filter, value))| {
                let name = format!("{filter}: {value}");
                let remove_name = fill(&m.remove_filter, &[("filter", &name)]);
                let remove = move |_| {
                    let mut next = view.get_untracked();
                    next.remove_filter_pill(index);
                    next.page = 1;
                    go.run((next, false));
                };
                view! {
                    <li class="pill">
                        <span>{name.clone()}</span>
                        <button type="button" class="pill-remove" aria-label=remove_name on:click=remove></button>
                    </li>
                }
            })
            .collect_view()
    };
    view! { <ul class="filter-pills" aria-label=i18n.text(|m| &m.active_filters)>{pills}</ul> }
}

/// The Filter pane: every filter of the list not shown on the page, *N devices match*, **Apply**
/// and **Clear all**.
#[component]
pub fn FilterPane(
    view: Memo<ListQuery>,
    go: Callback<(ListQuery, bool)>,
    total: Signal<Option<BoundedCount>>,
    /// *N devices match*: the template with `{count}`.
    matching: Key,
    #[prop(into)] close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="filter-summary" aria-live="polite">
            {move || total.get().map(|total| fill(matching(i18n.get()), &[("count", &i18n.bounded_count(total))]))}
        </p>
        {view
            .with_untracked(|view| view.spec.filters)
            .iter()
            .filter(|filter| !filter.on_page)
            .map(|filter| view! { <FilterGroup filter view go /> })
            .collect_view()}
        <div class="pane-actions">
            <button type="button" class="button primary" on:click=move |_| close.run(())>{i18n.text(|m| &m.apply)}</button>
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
                {i18n.text(|m| &m.clear_all)}
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
    let i18n = use_i18n();
    view! {
        <fieldset class="filter-group" class:filter-bar=filter.on_page>
            <legend>{i18n.text(filter.label)}</legend>
            {move || (filter.options)(i18n.get())
                .into_iter()
                .map(|option| {
                    let value = option.value;
                    let count = move || {
                        count
                            .and_then(|count| count.run(value))
                            .map(|count| format!(" ({})", i18n.count(count)))
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
