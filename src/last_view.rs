//! The All devices view the admin last looked at (search, filters, sort, page), so the device
//! page's breadcrumb leads back to it rather than to the unfiltered list.

const KEY: &str = "endpoint-admin.allDevicesView";

/// Remembers the href of the All devices view on screen.
pub fn remember(href: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, href);
    }
}

/// The href of the All devices view last on screen; the plain list if none.
pub fn all_devices() -> String {
    storage()
        .and_then(|storage| storage.get_item(KEY).ok().flatten())
        .filter(|href| href.starts_with("/devices/all"))
        .unwrap_or_else(|| "/devices/all".to_string())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}
