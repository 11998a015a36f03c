//! The API's root as the client reached it, e.g. `http://127.0.0.1:3000/beta`: where
//! `@odata.nextLink` and `@odata.context` point, absolute as Graph's are (Microsoft's SDKs cannot
//! follow a relative next link).

use std::convert::Infallible;

use axum::{
    extract::{FromRequestParts, OriginalUri},
    http::{header, request::Parts},
};

use crate::AppState;

/// `--public-url` when the server sits behind a proxy that changes its address, else `http://` and
/// the request's `Host`; then the version the client asked for (`beta` or `v1.0`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRoot(String);

impl ServiceRoot {
    /// The absolute URL of `path`, an API path as routed (`/beta/deviceManagement/…`).
    pub fn url_of(&self, path: &str) -> String {
        format!("{}{}", self.0, path.strip_prefix("/beta").unwrap_or(path))
    }

    /// `@odata.context`: this server's `$metadata`, at `fragment` (e.g.
    /// `deviceManagement/managedDevices`).
    pub fn context(&self, fragment: &str) -> String {
        format!("{}/$metadata#{fragment}", self.0)
    }

    fn new(origin: &str, original_path: &str) -> ServiceRoot {
        let version = original_path
            .trim_start_matches('/')
            .split('/')
            .next()
            .filter(|version| version.eq_ignore_ascii_case("v1.0"))
            .map_or("beta", |_| "v1.0");
        ServiceRoot(format!("{}/{version}", origin.trim_end_matches('/')))
    }
}

impl FromRequestParts<AppState> for ServiceRoot {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let original_path = parts
            .extensions
            .get::<OriginalUri>()
            .map_or_else(|| parts.uri.path().to_owned(), |uri| uri.path().to_owned());
        let origin = match &state.public_url {
            Some(public_url) => public_url.clone(),
            None => format!("http://{}", host(parts)),
        };
        Ok(ServiceRoot::new(&origin, &original_path))
    }
}

/// The `Host` the client addressed, when it is a plausible one (a name or address and a port);
/// `localhost` otherwise, so that no header can put arbitrary text into a link.
fn host(parts: &Parts) -> String {
    parts
        .headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .or_else(|| parts.uri.authority().map(|authority| authority.as_str()))
        .filter(|host| {
            !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-.:[]_".contains(&b))
        })
        .unwrap_or("localhost")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_version_the_client_used() {
        let root = ServiceRoot::new("http://127.0.0.1:3000", "/v1.0/deviceManagement/x");
        assert_eq!(
            root.url_of("/beta/deviceManagement/managedDevices?$top=5"),
            "http://127.0.0.1:3000/v1.0/deviceManagement/managedDevices?$top=5"
        );
        let root = ServiceRoot::new("https://intune.contoso.com/", "/Beta/organization");
        assert_eq!(
            root.context("organization"),
            "https://intune.contoso.com/beta/$metadata#organization"
        );
    }
}
