//! The state every list page starts from: its view read from the URL, the way to change it, the
//! visible columns, and the **Export** of every row of the view.

use std::future::Future;

use leptos::{prelude::*, task::spawn_local};
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_query_map},
};

use super::{ListQuery, ListSpec, save_blob};
use endpoint_admin_model::i18n::Key;

use crate::{api::ApiError, components::CurrentUser, i18n::use_i18n, saved_columns};

#[derive(Clone, Copy)]
pub struct ListPage {
    /// The view the URL holds.
    pub view: Memo<ListQuery>,
    /// Shows a view: (view, whether it replaces the current history entry, as typing does).
    pub go: Callback<(ListQuery, bool)>,
    /// The view's columns, else the user's saved choice, else the defaults.
    pub columns: Memo<Vec<&'static str>>,
    pub user_principal_name: Memo<Option<String>>,
}

/// The page of list `spec` at `path` (its address without the query).
pub fn use_list_page(spec: &'static ListSpec, path: Signal<String>) -> ListPage {
    let query_map = use_query_map();
    let view = Memo::new(move |_| {
        query_map.with(|query| ListQuery::from_query(spec, |key| query.get(key)))
    });
    let navigate = use_navigate();
    let go = Callback::new(move |(next, replace): (ListQuery, bool)| {
        let options = NavigateOptions {
            replace,
            scroll: false,
            ..Default::default()
        };
        navigate(
            &format!("{}{}", path.get_untracked(), next.to_query_string()),
            options,
        );
    });
    let me = use_context::<CurrentUser>();
    let user_principal_name = Memo::new(move |_| {
        me.and_then(|me| me.get()?.ok())
            .map(|me| me.user_principal_name)
    });
    let columns = Memo::new(move |_| {
        let saved = user_principal_name
            .get()
            .and_then(|upn| saved_columns::load(spec, &upn));
        view.with(|view| view.visible_columns(saved))
    });
    ListPage {
        view,
        go,
        columns,
        user_principal_name,
    }
}

/// **Export**: every row of the view, in its visible columns, as a CSV download.
#[derive(Clone, Copy)]
pub struct ListExport {
    pub exporting: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    pub run: Callback<()>,
}

impl ListExport {
    /// `fetch` asks the API for the CSV of a query ([`ListQuery::api_export_query`]).
    pub fn new<F>(
        page: ListPage,
        file_name: &'static str,
        fetch: impl Fn(String) -> F + Copy + Send + Sync + 'static,
    ) -> ListExport
    where
        F: Future<Output = Result<web_sys::Blob, ApiError>> + 'static,
    {
        let exporting = RwSignal::new(false);
        let error = RwSignal::new(None);
        let run = Callback::new(move |()| {
            if exporting.get_untracked() {
                return;
            }
            exporting.set(true);
            error.set(None);
            let query = page
                .view
                .with_untracked(|view| view.api_export_query(&page.columns.get_untracked()));
            spawn_local(async move {
                match fetch(query).await {
                    Ok(blob) => save_blob(&blob, file_name),
                    Err(failure) => error.set(Some(failure)),
                }
                exporting.set(false);
            });
        });
        ListExport {
            exporting,
            error,
            run,
        }
    }
}

/// The command-bar button of a [`ListExport`].
#[component]
pub fn ExportCommand(export: ListExport) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="button" class="command" disabled=move || export.exporting.get() on:click=move |_| export.run.run(())>
            {move || {
                let m = i18n.get();
                if export.exporting.get() { m.exporting.to_string() } else { m.export.to_string() }
            }}
        </button>
    }
}

/// A command-bar button that opens a side pane.
#[component]
pub fn PaneCommand(label: Key, open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="command"
            aria-haspopup="dialog"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.set(true)
        >
            {i18n.text(label)}
        </button>
    }
}
