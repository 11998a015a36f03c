//! `/devices/all`, *Devices | All devices*: every device of the tenant with search, filters, sort,
//! paging, column chooser and CSV export. The whole view lives in the URL ([`DeviceListQuery`]).

use std::{
    collections::BTreeSet,
    sync::{Arc, Mutex},
};

use endpoint_admin_model::{
    Collection, device::ManagedDevice, device_action::DeviceActionName, device_column::DeviceColumn,
};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{
    NavigateOptions,
    components::A,
    hooks::{use_navigate, use_query_map},
};
use wasm_bindgen::JsCast;

use crate::{
    api::{ApiError, use_api},
    components::{
        CurrentUser, DevicesMenu, ErrorMessage, PageHeader, Pager, SearchBox, SidePane, crumbs,
    },
    device_list_query::{DeviceFilter, DeviceListQuery, SortDirection},
    last_view,
    latest_fetch::LatestFetch,
    pages::devices::bulk_actions::{BulkActions, role_forbids},
    saved_columns, scroll_memory,
};

/// Skeleton rows shown while the first page loads.
const SKELETON_ROWS: usize = 8;

#[component]
pub fn AllDevices() -> impl IntoView {
    let api = use_api();
    let query_map = use_query_map();
    let view = Memo::new(move |_| {
        query_map.with(|query| DeviceListQuery::from_query(|key| query.get(key)))
    });
    let navigate = use_navigate();
    let go = Callback::new(move |(next, replace): (DeviceListQuery, bool)| {
        let options = NavigateOptions {
            replace,
            scroll: false,
            ..Default::default()
        };
        navigate(&next.href(), options);
    });

    let me = use_context::<CurrentUser>();
    let me = Memo::new(move |_| me.and_then(|me| me.get()?.ok()));
    let user_principal_name =
        Memo::new(move |_| me.with(|me| me.as_ref().map(|me| me.user_principal_name.clone())));
    let columns = Memo::new(move |_| {
        view.with(|view| view.columns.clone())
            .or_else(|| {
                user_principal_name
                    .get()
                    .and_then(|upn| saved_columns::load(&upn))
            })
            .unwrap_or_else(DeviceColumn::defaults)
    });

    // Only ever the rows of the newest view (see `LatestFetch`).
    let rows = LatestFetch::new(move |abort| {
        let query = view.with(DeviceListQuery::api_page_query);
        async move { api.managed_devices(&query, abort.as_ref()).await }
    });
    let page_rows = Memo::new(move |_| rows.get().and_then(Result::ok));
    // Back from a device lands on the same rows: remember the scroll when leaving, restore it
    // once this view's rows are painted.
    // The router scrolls to the top before this page is cleaned up: keep the last position the
    // admin scrolled to, not the one at cleanup.
    let leaving_href = Arc::new(Mutex::new(String::new()));
    let last_scroll = Arc::new(Mutex::new(0));
    let scrolling = window_event_listener(leptos::ev::scroll, {
        let last_scroll = Arc::clone(&last_scroll);
        move |_| {
            if let Ok(mut last) = last_scroll.lock() {
                *last = scroll_memory::current();
            }
        }
    });
    let restored = StoredValue::new(false);
    Effect::new({
        let leaving_href = Arc::clone(&leaving_href);
        move |_| {
            let href = view.with(DeviceListQuery::href);
            last_view::remember(&href);
            if let Ok(mut leaving) = leaving_href.lock() {
                leaving.clone_from(&href);
            }
            if page_rows.with(Option::is_some) && !restored.get_value() {
                restored.set_value(true);
                request_animation_frame(move || scroll_memory::restore(&href));
            }
        }
    });
    on_cleanup(move || {
        scrolling.remove();
        if let (Ok(href), Ok(y)) = (leaving_href.lock(), last_scroll.lock()) {
            scroll_memory::remember(&href, *y);
        }
    });
    let total = Signal::derive(move || page_rows.get().and_then(|page| page.count));

    let selected = RwSignal::new(BTreeSet::<String>::new());
    Effect::new(move |_| {
        view.track();
        selected.set(BTreeSet::new());
    });

    let filter_open = RwSignal::new(false);
    let columns_open = RwSignal::new(false);
    let exporting = RwSignal::new(false);
    let export_error = RwSignal::new(None::<ApiError>);
    let export = Callback::new(move |()| {
        if exporting.get_untracked() {
            return;
        }
        exporting.set(true);
        export_error.set(None);
        let query = view
            .get_untracked()
            .api_export_query(&columns.get_untracked());
        spawn_local(async move {
            match api.export_managed_devices(&query).await {
                Ok(blob) => save_blob(&blob, "devices.csv"),
                Err(error) => export_error.set(Some(error)),
            }
            exporting.set(false);
        });
    });
    let bulk_open = RwSignal::new(false);
    // Bulk actions need at least one action permission; the reader's button says why not.
    let bulk_forbidden = Memo::new(move |_| {
        me.with(|me| {
            let me = me.as_ref()?;
            DeviceActionName::ALL
                .iter()
                .all(|action| role_forbids(Some(me), *action).is_some())
                .then(|| {
                    let role = me.roles.first().map_or("your", |role| role.display_name());
                    format!("The {role} role does not allow device actions.")
                })
        })
    });

    view! {
        <PageHeader title="Devices | All devices" crumbs=crumbs(&[("Home", "/"), ("Devices", "/devices")]) />
        <DevicesMenu />
        <div class="command-bar" role="toolbar" aria-label="Commands">
            <button type="button" class="command" on:click=move |_| rows.refetch()>
                "Refresh"
            </button>
            <PaneCommand label="Filter" open=filter_open />
            <PaneCommand label="Columns" open=columns_open />
            <button type="button" class="command" disabled=move || exporting.get() on:click=move |_| export.run(())>
                {move || if exporting.get() { "Exporting…" } else { "Export" }}
            </button>
            <button
                type="button"
                class="command"
                aria-haspopup="dialog"
                aria-expanded=move || bulk_open.get().to_string()
                disabled=move || bulk_forbidden.with(Option::is_some)
                aria-describedby=move || bulk_forbidden.with(Option::is_some).then_some("bulk-forbidden")
                title=bulk_forbidden
                on:click=move |_| bulk_open.set(true)
            >
                "Bulk device actions"
            </button>
            <span class="visually-hidden" id="bulk-forbidden">{bulk_forbidden}</span>
        </div>
        {move || export_error.get().map(|error| view! { <ErrorMessage error on_retry=move |_| export.run(()) /> })}
        <div class="list-toolbar">
            <SearchBox
                value=Signal::derive(move || view.with(|view| view.search.clone()))
                on_search=move |search: String| {
                    let mut next = view.get_untracked();
                    if next.search != search {
                        next.search = search;
                        next.page = 1;
                        go.run((next, true));
                    }
                }
            />
        </div>
        <FilterPills view go />
        <DeviceGrid view columns rows page_rows selected go />
        <Pager
            page=Signal::derive(move || view.with(|view| view.page))
            page_size=Signal::derive(move || view.with(|view| view.page_size))
            total
            on_page=move |page| {
                let mut next = view.get_untracked();
                next.page = page;
                go.run((next, false));
            }
            on_page_size=move |page_size| {
                let mut next = view.get_untracked();
                next.page_size = page_size;
                next.page = 1;
                go.run((next, false));
            }
        />
        <SidePane title="Filter" open=filter_open>
            <FilterPane view go total close=move || filter_open.set(false) />
        </SidePane>
        <SidePane title="Bulk device actions" open=bulk_open>
            <BulkActions view selected total me on_done=move |_| rows.refetch() />
        </SidePane>
        <SidePane title="Columns" open=columns_open>
            <ColumnChooser view columns go user_principal_name close=move || columns_open.set(false) />
        </SidePane>
    }
}

/// A command-bar button that opens a side pane.
#[component]
fn PaneCommand(label: &'static str, open: RwSignal<bool>) -> impl IntoView {
    view! {
        <button
            type="button"
            class="command"
            aria-haspopup="dialog"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.set(true)
        >
            {label}
        </button>
    }
}

/// Hands a blob to the browser as a download named `file_name`.
fn save_blob(blob: &web_sys::Blob, file_name: &str) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
fn FilterPills(
    view: Memo<DeviceListQuery>,
    go: Callback<(DeviceListQuery, bool)>,
) -> impl IntoView {
    view! {
        <ul class="filter-pills" aria-label="Active filters">
            {move || {
                view.get()
                    .filter_pills()
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
                    .into_any()
            }}
        </ul>
    }
}

#[component]
fn DeviceGrid(
    view: Memo<DeviceListQuery>,
    columns: Memo<Vec<DeviceColumn>>,
    /// The current view's rows; while the next view's are on their way, the previous ones stay,
    /// dimmed.
    rows: LatestFetch<Collection<ManagedDevice>>,
    page_rows: Memo<Option<Collection<ManagedDevice>>>,
    selected: RwSignal<BTreeSet<String>>,
    go: Callback<(DeviceListQuery, bool)>,
) -> impl IntoView {
    let sort_by = move |column: DeviceColumn| {
        let mut next = view.get_untracked();
        next.sort = Some(match next.sort {
            Some((current, SortDirection::Ascending)) if current == column => {
                (column, SortDirection::Descending)
            }
            _ => (column, SortDirection::Ascending),
        });
        next.page = 1;
        go.run((next, false));
    };
    let page_ids = move || {
        page_rows
            .get()
            .map(|page| {
                page.value
                    .iter()
                    .map(|device| device.id.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let all_selected = Memo::new(move |_| {
        let ids = page_ids();
        !ids.is_empty() && selected.with(|selected| ids.iter().all(|id| selected.contains(id)))
    });
    let toggle_all = move |_| {
        let ids = page_ids();
        if all_selected.get_untracked() {
            selected.update(|selected| {
                ids.iter().for_each(|id| {
                    selected.remove(id);
                })
            });
        } else {
            selected.update(|selected| selected.extend(ids));
        }
    };
    view! {
        <div class="grid-scroll">
            <table class="grid" class:grid-loading=move || rows.loading() aria-label="Devices" aria-busy=move || rows.loading().to_string()>
                <thead>
                    <tr>
                        <th scope="col" class="select-cell">
                            <input
                                type="checkbox"
                                aria-label="Select all devices on this page"
                                prop:checked=all_selected
                                on:change=toggle_all
                            />
                        </th>
                        {move || {
                            columns
                                .get()
                                .into_iter()
                                .map(|column| {
                                    view! {
                                        <th scope="col" aria-sort=move || aria_sort(view, column)>
                                            <button type="button" class="sort-button" on:click=move |_| sort_by(column)>
                                                {column.label()}
                                                <span class="sort-arrow" aria-hidden="true">
                                                    {move || match aria_sort(view, column) {
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
                                .into_any()
                        }}
                    </tr>
                </thead>
                <tbody>{move || grid_body(rows, page_rows, columns, selected)}</tbody>
            </table>
        </div>
    }
}

/// The grid's rows: the error, *No devices found*, the devices, or skeleton rows while the first
/// page loads.
fn grid_body(
    rows: LatestFetch<Collection<ManagedDevice>>,
    page_rows: Memo<Option<Collection<ManagedDevice>>>,
    columns: Memo<Vec<DeviceColumn>>,
    selected: RwSignal<BTreeSet<String>>,
) -> AnyView {
    let columns = columns.get();
    let span = columns.len() + 1;
    match (rows.get(), page_rows.get()) {
        (Some(Err(error)), _) => view! {
            <tr><td colspan=span>
                <ErrorMessage error on_retry=move |_| rows.refetch() />
            </td></tr>
        }
        .into_any(),
        (_, Some(page)) if page.value.is_empty() => view! {
            <tr><td colspan=span class="empty-state">"No devices found"</td></tr>
        }
        .into_any(),
        (_, Some(page)) => page
            .value
            .into_iter()
            .map(|device| device_row(device, &columns, selected))
            .collect_view()
            .into_any(),
        _ => (0..SKELETON_ROWS)
            .map(|_| view! {
                <tr class="skeleton-row" aria-hidden="true">
                    {(0..span).map(|_| view! { <td><span class="skeleton"></span></td> }).collect_view()}
                </tr>
            })
            .collect_view()
            .into_any(),
    }
}

/// The `aria-sort` of `column`'s header in `view`.
fn aria_sort(view: Memo<DeviceListQuery>, column: DeviceColumn) -> &'static str {
    match view.with(|view| view.sort) {
        Some((sorted, direction)) if sorted == column => direction.aria(),
        _ => "none",
    }
}

fn device_row(
    device: ManagedDevice,
    columns: &[DeviceColumn],
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let id = device.id.clone();
    let is_selected = {
        let id = id.clone();
        Memo::new(move |_| selected.with(|selected| selected.contains(&id)))
    };
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
    let cells = columns
        .iter()
        .map(|column| {
            let text = column.cell(&device);
            if *column == DeviceColumn::DeviceName {
                view! { <td><A href=format!("/devices/{}", device.id)>{text}</A></td> }.into_any()
            } else {
                view! { <td>{text}</td> }.into_any()
            }
        })
        .collect_view();
    view! {
        <tr class:selected=is_selected>
            <td class="select-cell">
                <input
                    type="checkbox"
                    aria-label=format!("Select {}", device.device_name)
                    prop:checked=is_selected
                    on:change=toggle
                />
            </td>
            {cells}
        </tr>
    }
}

#[component]
fn FilterPane(
    view: Memo<DeviceListQuery>,
    go: Callback<(DeviceListQuery, bool)>,
    total: Signal<Option<u64>>,
    #[prop(into)] close: Callback<()>,
) -> impl IntoView {
    let apply = move |edit: Box<dyn FnOnce(&mut DeviceListQuery)>| {
        let mut next = view.get_untracked();
        edit(&mut next);
        next.page = 1;
        go.run((next, false));
    };
    view! {
        <p class="filter-summary" aria-live="polite">
            {move || total.get().map(|total| format!("{} devices match", crate::format::count(total)))}
        </p>
        {DeviceFilter::ALL
            .into_iter()
            .map(|filter| view! {
                <FilterGroup
                    legend=filter.label()
                    options=filter.options()
                    checked=Signal::derive(move || view.with(|view| view.chosen(filter)))
                    on_toggle=move |value: String| apply(Box::new(move |next| next.toggle(filter, &value)))
                />
            })
            .collect_view()}
        <div class="pane-actions">
            <button type="button" class="button primary" on:click=move |_| close.run(())>"Apply"</button>
            <button
                type="button"
                class="button"
                on:click=move |_| apply(Box::new(|next| next.clear_filters()))
            >
                "Clear all"
            </button>
        </div>
    }
}

/// A multi-select list of one filter: checkboxes in a fieldset named by `legend`.
#[component]
fn FilterGroup(
    legend: &'static str,
    /// (value, label) pairs.
    options: Vec<(String, String)>,
    #[prop(into)] checked: Signal<Vec<String>>,
    #[prop(into)] on_toggle: Callback<String>,
) -> impl IntoView {
    view! {
        <fieldset class="filter-group">
            <legend>{legend}</legend>
            {options
                .into_iter()
                .map(|(value, label)| {
                    let option = value.clone();
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || checked.with(|checked| checked.contains(&option))
                                on:change=move |_| on_toggle.run(value.clone())
                            />
                            {label}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

#[component]
fn ColumnChooser(
    view: Memo<DeviceListQuery>,
    columns: Memo<Vec<DeviceColumn>>,
    go: Callback<(DeviceListQuery, bool)>,
    user_principal_name: Memo<Option<String>>,
    #[prop(into)] close: Callback<()>,
) -> impl IntoView {
    let choose = move |column: DeviceColumn| {
        let mut chosen = columns.get_untracked();
        match chosen.iter().position(|existing| *existing == column) {
            Some(index) if chosen.len() > 1 => {
                chosen.remove(index);
            }
            Some(_) => return,
            None => {
                chosen.push(column);
                chosen.sort_by_key(|column| DeviceColumn::ALL.iter().position(|c| c == column));
            }
        }
        if let Some(upn) = user_principal_name.get_untracked() {
            saved_columns::save(&upn, &chosen);
        }
        let mut next = view.get_untracked();
        next.columns = Some(chosen);
        go.run((next, false));
    };
    view! {
        <fieldset class="filter-group">
            <legend>"Visible columns"</legend>
            {DeviceColumn::ALL
                .iter()
                .map(|column| {
                    let column = *column;
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || columns.with(|columns| columns.contains(&column))
                                on:change=move |_| choose(column)
                            />
                            {column.label()}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        <div class="pane-actions">
            <button type="button" class="button primary" on:click=move |_| close.run(())>"Apply"</button>
        </div>
    }
}
