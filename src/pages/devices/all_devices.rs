//! `/devices/all`, *Devices | All devices*: every device of the tenant with search, filters, sort,
//! paging, column chooser and CSV export. The whole view lives in the URL ([`DeviceListQuery`]).

use std::{
    collections::BTreeSet,
    sync::{Arc, Mutex},
};

use endpoint_admin_model::device_action::DeviceActionName;
use leptos::prelude::*;

use crate::{
    api::use_api,
    components::{CurrentUser, DevicesMenu, PageHeader, SidePane, crumbs},
    device_list_query::{ALL_DEVICES, ALL_DEVICES_PATH, DeviceListQuery, device_row},
    last_view,
    latest_fetch::LatestFetch,
    list_view::{GridRows, ListExport, ListPageView, use_list_page},
    pages::devices::bulk_actions::{BulkActions, role_forbids},
    scroll_memory,
};

#[component]
pub fn AllDevices() -> impl IntoView {
    let api = use_api();
    let page = use_list_page(&ALL_DEVICES, Signal::stored(ALL_DEVICES_PATH.to_string()));
    let view = page.view;
    let me = use_context::<CurrentUser>();
    let me = Memo::new(move |_| me.and_then(|me| me.get()?.ok()));

    // Only ever the rows of the newest view (see `LatestFetch`).
    let rows = LatestFetch::new(move |abort| {
        let query = view.with(DeviceListQuery::api_page_query);
        async move { api.managed_devices(&query, abort.as_ref()).await }
    });
    // Whether the view's rows have come, and how many the view matches; the rows themselves are
    // read in place (`LatestFetch::with`), never cloned.
    let count = Memo::new(move |_| {
        rows.with(|answer| match answer {
            Some(Ok(page)) => Some(page.count),
            _ => None,
        })
    });
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
            if count.with(Option::is_some) && !restored.get_value() {
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
    let total = Signal::derive(move || count.get().flatten());

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
    let grid_rows = GridRows {
        rows: Memo::new(move |_| {
            let columns = page.columns.get();
            rows.with(|answer| match answer {
                Some(Ok(page)) => Some(
                    page.value
                        .iter()
                        .map(|device| device_row(device, &columns))
                        .collect(),
                ),
                _ => None,
            })
        })
        .into(),
        error: Signal::derive(move || rows.error()),
        loading: Signal::derive(move || rows.loading()),
        retry: Callback::new(move |()| rows.refetch()),
    };

    view! {
        <PageHeader title="Devices | All devices" crumbs=crumbs(&[("Home", "/"), ("Devices", "/devices")]) />
        <DevicesMenu />
        <ListPageView
            page
            rows=grid_rows
            total
            export
            label="Devices"
            empty="No devices found"
            row_href=Callback::new(|id: String| format!("/devices/{id}"))
            selected
            select_all_label="Select all devices on this page"
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
                "Bulk device actions"
            </button>
            <span class="visually-hidden" id="bulk-forbidden">{bulk_forbidden}</span>
        </ListPageView>
        <SidePane title="Bulk device actions" open=bulk_open>
            <BulkActions view selected total me on_done=move |_| rows.refetch() />
        </SidePane>
    }
}
