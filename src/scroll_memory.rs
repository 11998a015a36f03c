//! Where the window was scrolled on a page, so Back to a list lands on the same rows.

const KEY_PREFIX: &str = "endpoint-admin.scroll.";

/// The window's vertical scroll position now, in whole pixels (whole numbers keep float
/// formatting and parsing, kilobytes of them, out of the SPA).
pub fn current() -> i32 {
    web_sys::window()
        .and_then(|window| window.scroll_y().ok())
        .map_or(0, |y| y.round() as i32)
}

/// Remembers scroll position `y` for `href` (called as a page is left).
pub fn remember(href: &str, y: i32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(Some(storage)) = window.session_storage() {
        let _ = storage.set_item(&format!("{KEY_PREFIX}{href}"), &y.to_string());
    }
}

/// Scrolls back to where `href` was left, once; does nothing if it was never left.
pub fn restore(href: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(storage)) = window.session_storage() else {
        return;
    };
    let key = format!("{KEY_PREFIX}{href}");
    if let Ok(Some(y)) = storage.get_item(&key) {
        let _ = storage.remove_item(&key);
        if let Ok(y) = y.parse::<i32>() {
            window.scroll_to_with_x_and_y(0.0, f64::from(y));
        }
    }
}
