//! `/devices/all`, *Devices | All devices*: every device of the tenant with search, filters, sort,
//! paging, column chooser and CSV export. The whole view lives in the URL ([`DeviceListQuery`]).

use std::{
    collections::BTreeSet,
    sync::{Arc, Mutex},
};

use endpoint_admin_model::{BoundedCount, device_action::DeviceActionName, i18n::Messages};
use leptos::prelude::*;

use crate::{
    api::use_api,
    components::{CurrentUser, DevicesMenu, PageHeader, SidePane, crumbs},
    device_list_query::{ALL_DEVICES, ALL_DEVICES_PATH, DeviceListQuery, device_row},
    i18n::use_i18n,
    last_view,
    latest_fetch::LatestFetch,
    list_view::{GridRows, ListExport, ListPageView, ListTotal, use_list_page},
    pages::devices::bulk_actions::{BulkActions, role_forbids, role_refusal},
    scroll_memory,
};

/// The bounded count's cap: up to it, a view's count is exact at once; beyond it the pager says
/// *10,000+* until the exact count comes.
const COUNT_AT_MOST: u64 = 10_000;

#[component]
pub fn AllDevices() -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let page = use_list_page(&ALL_DEVICES, Signal::stored(ALL_DEVICES_PATH.to_string()));
    let view = page.view;
    let me = use_context::<CurrentUser>();
    let me = Memo::new(move |_| me.and_then(|me| me.get()?.ok()));

    // Only ever the rows of the newest view (see `LatestFetch`), asked without their count: an
    // exact count of a broad match reads every match (400 ms for a 1-character search at a
    // million devices, where the rows take 1 ms), and the rows must not wait for it.
    let rows = LatestFetch::new(move |abort| {
        let query = view.with(DeviceListQuery::api_rows_query);
        async move { api.managed_devices(&query, abort.as_ref()).await }
    });
    // The count is the view's filters and search, so paging and sorting never count again. Each
    // answer carries the query it counted, so that a count never shows for another view.
    let count_query = Memo::new(move |_| view.with(DeviceListQuery::api_count_query));
    let bounded = LatestFetch::new(move |abort| {
        let query = count_query.get();
        async move {
            let count = api
                .count_managed_devices_up_to(&query, COUNT_AT_MOST, abort.as_ref())
                .await?;
            Ok((query, count))
        }
    });
    // The exact count, asked once the bounded count of the same view says more match.
    let exact = LatestFetch::new(move |abort| {
        let query = count_query.get();
        let needed = bounded.with(|answer| {
            matches!(answer, Some(Ok((counted, count))) if *counted == query && !count.is_exact)
        });
        async move {
            if !needed {
                return Ok(None);
            }
            let count = api.count_managed_devices(&query, abort.as_ref()).await?;
            Ok(Some((query, count)))
        }
    });
    let total_count = Memo::new(move |_| {
        let query = count_query.get();
        let exact = exact.with(|answer| match answer {
            Some(Ok(Some((counted, count)))) if *counted == query => {
                Some(BoundedCount::exact(*count))
            }
            _ => None,
        });
        exact.or_else(|| {
            bounded.with(|answer| match answer {
                Some(Ok((counted, count))) if *counted == query => Some(*count),
                _ => None,
            })
        })
    });
    let total = ListTotal {
        count: total_count.into(),
        counting: Signal::derive(move || bounded.loading() || exact.loading()),
        // The grid already says why when the rows failed too: one Retry is enough.
        error: Signal::derive(move || match rows.error() {
            Some(_) => None,
            None => bounded.error().or_else(|| exact.error()),
        }),
        retry: Callback::new(move |()| bounded.refetch()),
    };
    let refresh = move || {
        rows.refetch();
        bounded.refetch();
    };
    // Whether the view's rows have come; they are read in place (`LatestFetch::with`), never
    // cloned.
    let painted = Memo::new(move |_| rows.with(|answer| matches!(answer, Some(Ok(_)))));
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
            let href = view.with(|view| view.href(ALL_DEVICES_PATH));
            last_view::remember(&href);
            if let Ok(mut leaving) = leaving_href.lock() {
                leaving.clone_from(&href);
            }
            if painted.get() && !restored.get_value() {
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
    let selected = RwSignal::new(BTreeSet::<String>::new());
    Effect::new(move |_| {
        view.track();
        selected.set(BTreeSet::new());
    });

    let export = ListExport::new(page, "devices.csv", move |query| async move {
        api.export_managed_devices(&query).await
    });
    let bulk_open = RwSignal::new(false);
    // Bulk actions need at least one action permission; the reader's button says why not.
    let bulk_forbidden = Memo::new(move |_| {
        let m = i18n.get();
        me.with(|me| {
            let me = me.as_ref()?;
            DeviceActionName::ALL
                .iter()
                .all(|action| role_forbids(m, Some(me), *action).is_some())
                .then(|| role_refusal(m, me, &m.device_actions_lowercase))
        })
    });
    let grid_rows = GridRows {
        rows: Memo::new(move |_| {
            let columns = page.columns.get();
            // Tracked: the rows are written again in another language.
            i18n.track();
            rows.with(|answer| match answer {
                Some(Ok(page)) => Some(
                    page.value
                        .iter()
                        .map(|device| device_row(i18n, device, &columns))
                        .collect(),
                ),
                _ => None,
            })
        })
        .into(),
        error: Signal::derive(move || rows.error()),
        loading: Signal::derive(move || rows.loading()),
        retry: Callback::new(move |()| refresh()),
    };

    view! {
        <PageHeader title=i18n.text(|m| &m.all_devices_title) crumbs=crumbs(&[(|m| &m.home, "/"), (|m| &m.devices, "/devices")]) />
        <DevicesMenu />
        <ListPageView
            page
            rows=grid_rows
            total
            export
            label=|m: &Messages| &m.devices
            empty=|m: &Messages| &m.no_devices_found
            matching=|m: &Messages| &m.devices_match
            row_href=Callback::new(|id: String| format!("/devices/{id}"))
            selected
            select_all_label=|m: &Messages| &m.select_all_devices
        >
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
                {i18n.text(|m| &m.bulk_device_actions)}
            </button>
            <span class="visually-hidden" id="bulk-forbidden">{bulk_forbidden}</span>
        </ListPageView>
        <SidePane title=i18n.text(|m| &m.bulk_device_actions) open=bulk_open>
            <BulkActions view selected total me on_done=move |_| refresh() />
        </SidePane>
    }
}
