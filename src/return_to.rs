//! Where sign-in sends the user back to: only paths of this app, never another site.

/// The query key on `/signin` that carries the page the user wanted.
pub const RETURN_TO: &str = "returnTo";

/// `requested` if it is a path of this app (`/…`, not `//host` or `/\host`), else the home page.
pub fn safe_return_path(requested: Option<&str>) -> String {
    match requested {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.starts_with("/signin") =>
        {
            path.to_string()
        }
        _ => "/".to_string(),
    }
}

/// `/signin?returnTo=…` for the page at `path_and_query`.
pub fn sign_in_path(path_and_query: &str) -> String {
    let encoded: String =
        form_urlencoded::byte_serialize(safe_return_path(Some(path_and_query)).as_bytes())
            .collect();
    format!("/signin?{RETURN_TO}={encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_of_this_app_is_returned_to() {
        assert_eq!(
            safe_return_path(Some("/devices/all?managedBy=configMgr")),
            "/devices/all?managedBy=configMgr"
        );
    }

    #[test]
    fn other_sites_and_missing_paths_return_home() {
        for requested in [
            None,
            Some(""),
            Some("https://evil.example"),
            Some("//evil.example/devices"),
            Some("/\\evil.example"),
            Some("/signin?returnTo=/devices"),
        ] {
            assert_eq!(safe_return_path(requested), "/", "{requested:?}");
        }
    }

    #[test]
    fn the_sign_in_link_carries_the_encoded_path() {
        assert_eq!(
            sign_in_path("/devices/all?os=iOS&page=2"),
            "/signin?returnTo=%2Fdevices%2Fall%3Fos%3DiOS%26page%3D2"
        );
    }
}
