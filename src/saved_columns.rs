//! Each user's column choice for each list, remembered in localStorage across sessions.

use crate::list_view::ListSpec;

/// Sign-in names are case-insensitive; ASCII folding is enough for a storage key and keeps
/// Unicode case tables out of the SPA.
fn key(list: &str, user_principal_name: &str) -> String {
    format!(
        "endpoint-admin.{list}.columns.{}",
        user_principal_name.to_ascii_lowercase()
    )
}

/// The columns (properties) of `spec` the user chose last, if any.
pub fn load(spec: &'static ListSpec, user_principal_name: &str) -> Option<Vec<&'static str>> {
    let saved = storage()?
        .get_item(&key(spec.name, user_principal_name))
        .ok()??;
    let columns: Vec<_> = saved
        .split(',')
        .filter_map(|property| spec.column(property).map(|column| column.property))
        .collect();
    (!columns.is_empty()).then_some(columns)
}

pub fn save(list: &str, user_principal_name: &str, columns: &[&str]) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&key(list, user_principal_name), &columns.join(","));
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
