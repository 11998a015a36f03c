//! The grid of a list page: sortable headers with `aria-sort`, the rows of the current view (the
//! previous view's, dimmed, while the next are on their way), its error with **Retry**, the empty
//! state, skeleton rows while the first page loads, and optionally a checkbox per row.
//!
//! Built for 1,000 rows a page: the rows are plain DOM cloned from one prototype row (the router
//! intercepts their links like any other), marked by one effect and listened to by one listener;
//! the loading, empty and error states are the view's.

use std::collections::BTreeSet;

use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

use endpoint_admin_model::i18n::{Key, Messages, fill};

use super::ListQuery;
use crate::{api::ApiError, components::ErrorMessage, i18n::use_i18n};

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
    label: Key,
    /// Shown when the view matches nothing, e.g. *No devices found*.
    empty: Key,
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
    #[prop(optional_no_strip)]
    select_all_label: Option<Key>,
    /// The id of the row whose details are open, marked as current. A grid with details opens
    /// them on a click anywhere on a row, as the admin center selects the row, not only on its
    /// name.
    #[prop(optional_no_strip)]
    current: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
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
                <input type="checkbox" aria-label=move || select_all_label.map(|label| label(i18n.get()).to_string()) prop:checked=all_selected on:change=toggle_all />
            </th>
        }
    });
    let headers = move || {
        columns
            .get()
            .into_iter()
            .map(|column| {
                let label = view.with_untracked(|view| view.spec.column(column).map(|c| c.label));
                let label = move || label.map_or(column, |label| label(i18n.get())).to_string();
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
                <tr><td colspan=span class="empty-state">{i18n.text(empty)}</td></tr>
            }
            .into_any(),
            // The rows themselves are the data body's (see `fill_rows`).
            Some(_) => ().into_any(),
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
    let tbody = NodeRef::<html::Tbody>::new();
    let filled = RwSignal::new(0_u64);
    // How each row of the body is marked now, by position: a change touches only its rows.
    let marks = StoredValue::new(Vec::<Mark>::new());
    // The rows, built as plain DOM whenever the page's rows (or their columns) change.
    Effect::new(move |_| {
        let failed = rows.error.with(Option::is_some);
        let Some(body) = tbody.get() else { return };
        let name_at = columns.with(|columns| {
            view.with_untracked(|view| columns.iter().position(|c| *c == view.spec.name_column))
        });
        body.set_text_content(None);
        let mut shown = 0;
        if !failed {
            rows.rows.with(|page| {
                if let Some(page) = page {
                    fill_rows(
                        &body,
                        page,
                        name_at,
                        row_href,
                        selected.is_some(),
                        i18n.get_untracked(),
                    );
                    shown = page.len();
                }
            });
        }
        marks.set_value(vec![Mark::None; shown]);
        filled.update(|filled| *filled += 1);
    });
    // After every rebuild of the rows and every change of the selection or the current row.
    Effect::new(move |_| {
        filled.track();
        let current = current.and_then(|current| current.get());
        let Some(body) = tbody.get() else { return };
        let wanted: Vec<Mark> = rows.rows.with_untracked(|page| {
            page.iter()
                .flatten()
                .map(|row| {
                    if selected.is_some_and(|selected| selected.with(|s| s.contains(&row.id))) {
                        Mark::Selected
                    } else if current.as_deref() == Some(row.id.as_str()) {
                        Mark::Current
                    } else {
                        Mark::None
                    }
                })
                .collect()
        });
        marks.update_value(|marks| mark_rows(&body, marks, &wanted, selected.is_some()));
    });
    // A row's checkbox: the change bubbles up to the body.
    let toggle_row = move |event: leptos::ev::Event| {
        let Some(selected) = selected else { return };
        let Some(id) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|check| check.closest("tr[data-id]").ok().flatten())
            .and_then(|row| row.get_attribute("data-id"))
        else {
            return;
        };
        selected.update(|selected| {
            if !selected.remove(&id) {
                selected.insert(id);
            }
        });
    };
    // A click on a row of a grid with details, elsewhere than on a control, follows the row's
    // name link: the same navigation, so Back and the URL behave as they do for the name.
    let details = current.is_some();
    let open_row = move |event: leptos::ev::MouseEvent| {
        let Some(target) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if !details || matches!(target.closest("a, button, input, label"), Ok(Some(_))) {
            return;
        }
        if let Some(link) = target
            .closest("tr[data-id]")
            .ok()
            .flatten()
            .and_then(|row| row.query_selector("a[href]").ok().flatten())
            .and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok())
        {
            link.click();
        }
    };
    view! {
        <div class="grid-scroll">
            <table
                class="grid"
                class:rows-open-details=details
                class:grid-loading=move || rows.loading.get()
                aria-label=i18n.text(label)
                aria-busy=move || rows.loading.get().to_string()
            >
                <thead>
                    <tr>
                        {select_all}
                        {headers}
                    </tr>
                </thead>
                <tbody node_ref=tbody on:change=toggle_row on:click=open_row></tbody>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// Kept over a keyed `<For>` of leptos views because it is measured faster: 228–232 ms against
/// 265–274 from the last byte of 1,000 devices to the rows painted (issue 19, the `render` bench).
///
/// Builds the page's rows into `body` as plain DOM: one prototype row, cloned and filled per row,
/// the rows appended at once. Each row is static: its checkbox and its class are set by
/// [`mark_rows`], and its checkbox's change reaches the grid's one listener, so a thousand rows
/// cost a thousand clones and their texts, and no reactive node or listener. Texts are set as
/// text (`textContent`), never parsed as HTML.
fn fill_rows(
    body: &web_sys::HtmlElement,
    page: &[GridRow],
    name_at: Option<usize>,
    row_href: Callback<String, String>,
    selectable: bool,
    m: &Messages,
) {
    let Some(columns) = page.first().map(|row| row.cells.len()) else {
        return;
    };
    let document = document();
    let element = |name: &str| document.create_element(name).ok();
    let Some(prototype) = element("tr") else {
        return;
    };
    if selectable && let (Some(cell), Some(check)) = (element("td"), element("input")) {
        cell.set_class_name("select-cell");
        let _ = check.set_attribute("type", "checkbox");
        let _ = cell.append_child(&check);
        let _ = prototype.append_child(&cell);
    }
    for at in 0..columns {
        let Some(cell) = element("td") else { return };
        if Some(at) == name_at
            && let Some(link) = element("a")
        {
            let _ = cell.append_child(&link);
        }
        let _ = prototype.append_child(&cell);
    }
    let rows = document.create_document_fragment();
    for row in page {
        let Some(tr) = prototype
            .clone_node_with_deep(true)
            .ok()
            .and_then(|tr| tr.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let _ = tr.set_attribute("data-id", &row.id);
        let mut cell = tr.first_element_child();
        if selectable {
            if let Some(check) = cell
                .as_ref()
                .and_then(web_sys::Element::first_element_child)
            {
                let _ =
                    check.set_attribute("aria-label", &fill(&m.select_row, &[("name", &row.name)]));
            }
            cell = cell.and_then(|cell| cell.next_element_sibling());
        }
        for (at, text) in row.cells.iter().enumerate() {
            let Some(td) = cell else { break };
            match td.first_element_child().filter(|_| Some(at) == name_at) {
                Some(link) => {
                    let _ = link.set_attribute("href", &row_href.run(row.id.clone()));
                    link.set_text_content(Some(text));
                }
                None => td.set_text_content(Some(text)),
            }
            cell = td.next_element_sibling();
        }
        let _ = rows.append_child(&tr);
    }
    let _ = body.append_child(&rows);
}

/// How a row shows whether it is checked or the one whose details are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Selected,
    Current,
}

/// Marks the rows whose mark changes from `marks` to `wanted` (by position), and no other.
fn mark_rows(body: &web_sys::HtmlElement, marks: &mut [Mark], wanted: &[Mark], selectable: bool) {
    let Ok(rows) = body.query_selector_all("tr") else {
        return;
    };
    for (at, (mark, want)) in marks.iter_mut().zip(wanted).enumerate() {
        if mark == want {
            continue;
        }
        let Some(row) = rows
            .item(at as u32)
            .and_then(|row| row.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        row.set_class_name(match want {
            Mark::None => "",
            Mark::Selected => "selected",
            Mark::Current => "current",
        });
        if selectable
            && let Some(check) = row
                .first_element_child()
                .and_then(|cell| cell.first_element_child())
                .and_then(|check| check.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            check.set_checked(*want == Mark::Selected);
        }
        *mark = *want;
    }
}
