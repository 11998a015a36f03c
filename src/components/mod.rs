//! Reusable widgets.

mod fetch_state;
mod page_header;
mod shell;

pub use fetch_state::{ErrorMessage, Loading, fetched};
pub use page_header::PageHeader;
pub use shell::Shell;
