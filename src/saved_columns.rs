//! Each user's column choice for All devices, remembered in localStorage across sessions.

use endpoint_admin_model::device_column::DeviceColumn;

/// Sign-in names are case-insensitive; ASCII folding is enough for a storage key and keeps
/// Unicode case tables out of the SPA.
fn key(user_principal_name: &str) -> String {
    format!(
        "endpoint-admin.columns.{}",
        user_principal_name.to_ascii_lowercase()
    )
}

pub fn load(user_principal_name: &str) -> Option<Vec<DeviceColumn>> {
    let saved = storage()?.get_item(&key(user_principal_name)).ok()??;
    let columns: Vec<_> = saved
        .split(',')
        .filter_map(DeviceColumn::from_property)
        .collect();
    (!columns.is_empty()).then_some(columns)
}

pub fn save(user_principal_name: &str, columns: &[DeviceColumn]) {
    let properties: Vec<_> = columns.iter().map(|column| column.property()).collect();
    if let Some(storage) = storage() {
        let _ = storage.set_item(&key(user_principal_name), &properties.join(","));
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
