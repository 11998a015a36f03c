//! What every list page shares: the view held in the URL ([`ListQuery`]), the grid with its
//! sortable headers, the filter pane and its pills, the column chooser and the export. A page is
//! then mostly the description of its columns and filters ([`ListSpec`]) and how a row reads in
//! them ([`GridRow`]).

mod column_chooser;
mod export;
mod filter_pane;
mod grid;
mod list_page_view;
mod page;
mod query;
mod total;

pub use column_chooser::ColumnChooser;
pub use export::save_blob;
pub use filter_pane::{FilterGroup, FilterPane, FilterPills};
pub use grid::{Grid, GridRow, GridRows};
pub use list_page_view::ListPageView;
pub use page::{ExportCommand, ListExport, ListPage, PaneCommand, use_list_page};
pub use query::{
    Column, DEFAULT_PAGE_SIZE, FilterOption, ListFilter, ListQuery, ListSpec, PAGE_SIZES,
    SortDirection,
};
pub use total::ListTotal;
