//! Endpoint Admin SPA: the Devices area of the Intune admin center, in Leptos (client-side rendered).

pub mod api;
pub mod app;
pub mod components;
pub mod device_list_query;
pub mod i18n;
pub mod last_view;
pub mod latest_fetch;
pub mod list_view;
pub mod pages;
pub mod return_to;
pub mod saved_columns;
pub mod scroll_memory;
pub mod session;

pub use app::App;
