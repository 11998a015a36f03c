//! A list page's body, the same for every list: the command bar (**Refresh**, **Filter**,
//! **Columns**, **Export**, then the page's own commands), the search box, the filters shown on
//! the page, the pills, the grid, the pager, and the Filter and Columns panes.

use std::collections::BTreeSet;

use endpoint_admin_model::i18n::Key;
use leptos::prelude::*;

use super::{
    ColumnChooser, ExportCommand, FilterGroup, FilterPane, FilterPills, Grid, GridRows, ListExport,
    ListPage, ListTotal, PaneCommand,
};
use crate::{
    components::{ErrorMessage, Pager, SearchBox, SidePane},
    i18n::use_i18n,
};

#[component]
pub fn ListPageView(
    page: ListPage,
    rows: GridRows,
    /// How many rows the view matches, as far as it is known.
    total: ListTotal,
    export: ListExport,
    /// The grid's accessible name, e.g. *Devices*.
    label: Key,
    /// Shown when the view matches nothing, e.g. *No devices found*.
    empty: Key,
    /// *N devices match*, with `{count}`.
    matching: Key,
    /// Where the name of the row with this id links to.
    row_href: Callback<String, String>,
    /// The checked rows' ids, when the rows have checkboxes.
    #[prop(optional)]
    selected: Option<RwSignal<BTreeSet<String>>>,
    #[prop(optional)] select_all_label: Option<Key>,
    /// The id of the row whose details are open.
    #[prop(optional, into)]
    current: Option<Signal<Option<String>>>,
    /// How many rows have each value of the filters shown on the page, by value.
    #[prop(optional)]
    count: Option<Callback<&'static str, Option<u64>>>,
    /// The page's own commands, after the list's.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let ListPage {
        view,
        go,
        columns,
        user_principal_name,
    } = page;
    let i18n = use_i18n();
    let filter_open = RwSignal::new(false);
    let columns_open = RwSignal::new(false);
    let on_page = view
        .with_untracked(|view| view.spec.filters)
        .iter()
        .filter(|filter| filter.on_page)
        .map(|filter| match count {
            Some(count) => view! { <FilterGroup filter view go count /> }.into_any(),
            None => view! { <FilterGroup filter view go /> }.into_any(),
        })
        .collect_view();
    view! {
        <div class="command-bar" role="toolbar" aria-label=i18n.text(|m| &m.commands)>
            <button type="button" class="command" on:click=move |_| rows.retry.run(())>
                {i18n.text(|m| &m.refresh)}
            </button>
            <PaneCommand label=|m| &m.filter open=filter_open />
            <PaneCommand label=|m| &m.columns open=columns_open />
            <ExportCommand export />
            {children.map(|children| children())}
        </div>
        {move || export.error.get().map(|error| view! { <ErrorMessage error on_retry=move |_| export.run.run(()) /> })}
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
        {on_page}
        <FilterPills view go />
        <Grid label empty view go columns rows row_href selected=selected select_all_label current=current />
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
        <SidePane title=i18n.text(|m| &m.filter) open=filter_open>
            <FilterPane view go total=total.count matching close=move || filter_open.set(false) />
        </SidePane>
        <SidePane title=i18n.text(|m| &m.columns) open=columns_open>
            <ColumnChooser view columns go user_principal_name close=move || columns_open.set(false) />
        </SidePane>
    }
}
