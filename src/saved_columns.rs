//! Each user's column choice for each list, remembered in localStorage across sessions.

use crate::list_view::ListColumn;

/// Sign-in names are case-insensitive; ASCII folding is enough for a storage key and keeps
/// Unicode case tables out of the SPA.
fn key<C: ListColumn>(user_principal_name: &str) -> String {
    format!(
        "endpoint-admin.{}.columns.{}",
        C::LIST,
        user_principal_name.to_ascii_lowercase()
    )
}

pub fn load<C: ListColumn>(user_principal_name: &str) -> Option<Vec<C>> {
    let saved = storage()?.get_item(&key::<C>(user_principal_name)).ok()??;
    let columns: Vec<_> = saved.split(',').filter_map(C::from_property).collect();
    (!columns.is_empty()).then_some(columns)
}

pub fn save<C: ListColumn>(user_principal_name: &str, columns: &[C]) {
    let properties: Vec<_> = columns.iter().map(|column| column.property()).collect();
    if let Some(storage) = storage() {
        let _ = storage.set_item(&key::<C>(user_principal_name), &properties.join(","));
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
