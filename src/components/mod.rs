//! Reusable widgets.

mod fetch_state;
mod page_header;
mod pager;
mod search_box;
mod shell;
mod side_pane;

pub use fetch_state::{ErrorMessage, Loading, fetched};
pub use page_header::PageHeader;
pub use pager::Pager;
pub use search_box::SearchBox;
pub use shell::{CurrentUser, Shell};
pub use side_pane::SidePane;
