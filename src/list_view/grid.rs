//! The grid of a list page: sortable headers with `aria-sort`, the rows of the current view (the
//! previous view's, dimmed, while the next are on their way), its error with **Retry**, the empty
//! state, skeleton rows while the first page loads, and optionally a checkbox per row.
//!
//! Built for 1,000 rows a page: each cell is static text (only the name links to the row, with a
//! plain `<a>` the router intercepts), and a row is reactive only through its checkbox.

use std::collections::BTreeSet;

use leptos::{either::Either, prelude::*};

use super::ListQuery;
use crate::{api::ApiError, components::ErrorMessage};

/// Skeleton rows shown while the first page loads.
const SKELETON_ROWS: usize = 8;

/// One row as the grid shows it: its cells' text in the order of the visible columns.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    pub id: String,
    /// What its checkbox names it by.
    pub name: String,
    pub cells: Vec<String>,
}

/// What the grid shows, from the page's fetch of its rows.
#[derive(Clone, Copy)]
pub struct GridRows {
    /// The rows of the latest answer, in the visible columns; `None` before the first.
    pub rows: Signal<Option<Vec<GridRow>>>,
    /// The latest fetch's error.
    pub error: Signal<Option<ApiError>>,
    pub loading: Signal<bool>,
    pub retry: Callback<()>,
}

#[component]
pub fn Grid(
    /// The table's accessible name, e.g. *Devices*.
    label: &'static str,
    /// Shown when the view matches nothing, e.g. *No devices found*.
    empty: &'static str,
    view: Memo<ListQuery>,
    go: Callback<(ListQuery, bool)>,
    /// The visible columns' properties, in order.
    columns: Memo<Vec<&'static str>>,
    rows: GridRows,
    /// Where the name of the row with this id links to.
    row_href: Callback<String, String>,
    /// The checked rows' ids, when the rows have checkboxes.
    #[prop(optional_no_strip)]
    selected: Option<RwSignal<BTreeSet<String>>>,
    /// The name of the select-all checkbox, e.g. *Select all devices on this page*.
    #[prop(optional)]
    select_all_label: &'static str,
    /// The id of the row whose details are open, marked as current.
    #[prop(optional_no_strip)]
    current: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let page_ids = move || {
        rows.rows.with(|rows| {
            rows.iter()
                .flatten()
                .map(|row| row.id.clone())
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
                let label = view.with_untracked(|view| view.spec.column(column).map_or(column, |c| c.label));
                let aria_sort = move || view.with(|view| view.aria_sort(column));
                view! {
                    <th scope="col" aria-sort=aria_sort>
                        <button
                            type="button"
                            class="sort-button"
                            on:click=move |_| go.run((view.get_untracked().sorted_on(column), false))
                        >
                            {label}
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
                let name_at = view.with(|view| columns.iter().position(|c| *c == view.spec.name_column));
                page.iter()
                    .map(|row| grid_row(row, name_at, row_href, selected, current))
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

fn grid_row(
    row: &GridRow,
    name_at: Option<usize>,
    row_href: Callback<String, String>,
    selected: Option<RwSignal<BTreeSet<String>>>,
    current: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let id = row.id.clone();
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
        let name = &row.name;
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
    let cells = row
        .cells
        .iter()
        .enumerate()
        .map(|(at, text)| {
            let text = text.clone();
            if Some(at) == name_at {
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
