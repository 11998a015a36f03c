//! Reusable widgets.

pub mod charts;
mod devices_menu;
mod dialog;
mod fetch_state;
mod focus_trap;
mod mdm_authority;
pub mod notifications;
mod page_header;
mod pager;
mod search_box;
mod shell;
mod shown;
mod side_pane;
mod wipe_options;

pub use devices_menu::DevicesMenu;
pub use dialog::ConfirmDialog;
pub use fetch_state::{ErrorMessage, FormError, Loading, failure_text, fetched};
pub use mdm_authority::MdmAuthority;
pub use page_header::{PageHeader, crumbs};
pub use pager::Pager;
pub use search_box::SearchBox;
pub use shell::{CurrentUser, Shell, Tenant};
pub use shown::Shown;
pub use side_pane::SidePane;
pub use wipe_options::WipeOptionsFields;
