//! The grid of a list page: sortable headers with `aria-sort`, the rows of the current view (the
//! previous view's, dimmed, while the next are on their way), its error with **Retry**, the empty
//! state, skeleton rows while the first page loads, and optionally a checkbox per row.
//!
//! Built for 1,000 rows a page: each cell is static text (only the name links to the row, with a
//! plain `<a>` the router intercepts), and a row is reactive only through its checkbox.

use std::collections::BTreeSet;

use leptos::{either::Either, prelude::*};

use super::{ListColumn, ListQuery};
use crate::{api::ApiError, components::ErrorMessage};

/// Skeleton rows shown while the first page loads.
const SKELETON_ROWS: usize = 8;

/// What the grid shows, from the page's fetch of its rows.
pub struct GridRows<C: ListColumn> {
    /// The rows of the latest answer; `None` before the first.
    pub rows: Signal<Option<Vec<C::Row>>>,
    /// The latest fetch's error.
    pub error: Signal<Option<ApiError>>,
    pub loading: Signal<bool>,
    pub retry: Callback<()>,
}

impl<C: ListColumn> Clone for GridRows<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C: ListColumn> Copy for GridRows<C> {}

#[component]
pub fn Grid<C: ListColumn>(
    /// The table's accessible name, e.g. *Devices*.
    label: &'static str,
    /// Shown when the view matches nothing, e.g. *No devices found*.
    empty: &'static str,
    view: Memo<ListQuery<C>>,
    go: Callback<(ListQuery<C>, bool)>,
    columns: Memo<Vec<C>>,
    rows: GridRows<C>,
    /// Where the name of the row with this id links to.
    row_href: Callback<String, String>,
    /// The checked rows' ids, when the rows have checkboxes.
    #[prop(optional)]
    selected: Option<RwSignal<BTreeSet<String>>>,
    /// The name of the select-all checkbox, e.g. *Select all devices on this page*.
    #[prop(optional)]
    select_all_label: &'static str,
    /// The id of the row whose details are open, marked as current.
    #[prop(optional, into)]
    current: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let page_ids = move || {
        rows.rows.with(|rows| {
            rows.iter()
                .flatten()
                .map(|row| C::row_id(row).to_string())
                .collect::<Vec<_>>()
        })
    };
    let select_all = selected.map(|selected| {
        let all_selected = Memo::new(move |_| {
            let ids = page_ids();
            !ids.is_empty() && selected.with(|selected| ids.iter().all(|id| selected.contains(id)))
        });
        let toggle_all = move |_| {
            let ids = page_ids();
            if all_selected.get_untracked() {
                selected.update(|selected| ids.iter().for_each(|id| {
                    selected.remove(id);
                }));
            } else {
                selected.update(|selected| selected.extend(ids));
            }
        };
        view! {
            <th scope="col" class="select-cell">
                <input type="checkbox" aria-label=select_all_label prop:checked=all_selected on:change=toggle_all />
            </th>
        }
    });
    let headers = move || {
        columns
            .get()
            .into_iter()
            .map(|column| {
                let aria_sort = move || view.with(|view| view.aria_sort(column));
                view! {
                    <th scope="col" aria-sort=aria_sort>
                        <button
                            type="button"
                            class="sort-button"
                            on:click=move |_| go.run((view.get_untracked().sorted_on(column), false))
                        >
                            {column.label()}
                            <span class="sort-arrow" aria-hidden="true">
                                {move || match aria_sort() {
                                    "ascending" => "↑",
                                    "descending" => "↓",
                                    _ => "",
                                }}
                            </span>
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    let body = move || {
        let columns = columns.get();
        let span = columns.len() + usize::from(selected.is_some());
        if let Some(error) = rows.error.get() {
            return view! {
                <tr><td colspan=span>
                    <ErrorMessage error on_retry=move |_| rows.retry.run(()) />
                </td></tr>
            }
            .into_any();
        }
        rows.rows.with(|page| match page {
            Some(page) if page.is_empty() => view! {
                <tr><td colspan=span class="empty-state">{empty}</td></tr>
            }
            .into_any(),
            Some(page) => untrack(|| {
                page.iter()
                    .map(|row| grid_row::<C>(row, &columns, row_href, selected, current))
                    .collect_view()
                    .into_any()
            }),
            None => (0..SKELETON_ROWS)
                .map(|_| view! {
                    <tr class="skeleton-row" aria-hidden="true">
                        {(0..span).map(|_| view! { <td><span class="skeleton"></span></td> }).collect_view()}
                    </tr>
                })
                .collect_view()
                .into_any(),
        })
    };
    view! {
        <div class="grid-scroll">
            <table
                class="grid"
                class:grid-loading=move || rows.loading.get()
                aria-label=label
                aria-busy=move || rows.loading.get().to_string()
            >
                <thead>
                    <tr>
                        {select_all}
                        {headers}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

fn grid_row<C: ListColumn>(
    row: &C::Row,
    columns: &[C],
    row_href: Callback<String, String>,
    selected: Option<RwSignal<BTreeSet<String>>>,
    current: Option<Signal<Option<String>>>,
) -> impl IntoView + use<C> {
    let id = C::row_id(row).to_string();
    let is_selected = selected.map(|selected| {
        let id = id.clone();
        Memo::new(move |_| selected.with(|selected| selected.contains(&id)))
    });
    let check = selected.zip(is_selected).map(|(selected, is_selected)| {
        let toggle = {
            let id = id.clone();
            move |_| {
                selected.update(|selected| {
                    if !selected.remove(&id) {
                        selected.insert(id.clone());
                    }
                })
            }
        };
        let name = C::NAME.cell(row);
        view! {
            <td class="select-cell">
                <input type="checkbox" aria-label=format!("Select {name}") prop:checked=is_selected on:change=toggle />
            </td>
        }
    });
    let is_current = current.map(|current| {
        let id = id.clone();
        move || current.with(|current| current.as_deref() == Some(id.as_str()))
    });
    // One effect a row, for whichever of the two the grid has.
    let row_class = move || {
        if is_selected.is_some_and(|is| is.get()) {
            "selected"
        } else if is_current.as_ref().is_some_and(|is| is()) {
            "current"
        } else {
            ""
        }
    };
    let cells = columns
        .iter()
        .map(|column| {
            let text = column.cell(row);
            if *column == C::NAME {
                Either::Left(view! { <td><a href=row_href.run(id.clone())>{text}</a></td> })
            } else {
                Either::Right(view! { <td>{text}</td> })
            }
        })
        .collect_view();
    view! {
        <tr class=row_class>
            {check}
            {cells}
        </tr>
    }
}
