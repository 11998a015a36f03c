//! The **Export** command's last step: the CSV the server wrote, handed to the browser.

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// Hands a blob to the browser as a download named `file_name`.
pub fn save_blob(blob: &web_sys::Blob, file_name: &str) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
