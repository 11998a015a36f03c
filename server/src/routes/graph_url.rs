//! Graph's spellings of an API URL, rewritten before routing to the one spelling the router knows:
//! keys in parentheses (`managedDevices('{id}')`), segments in any case, trailing and doubled
//! slashes, `microsoft.graph.`-qualified actions, `/v1.0/` for `/beta/`, and system query options
//! in any case, percent-encoded or without their `$` (OData 4.01).
//!
//! The client's own URL stays available as axum's `OriginalUri`: links back to the API are built
//! from it (see [`super::service_root`]).

use std::{collections::HashMap, sync::LazyLock};

use axum::{extract::Request, http::Uri};
use endpoint_admin_model::application::ApplicationActionName;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// The API's versions, as the first segment of its paths; `/v1.0/` serves what `/beta/` does.
pub const VERSIONS: &[&str] = &["beta", "v1.0"];

/// OData's system query options (4.01, §5.1), which a client may send without their `$`.
const SYSTEM_QUERY_OPTIONS: &[&str] = &[
    "apply",
    "compute",
    "count",
    "deltatoken",
    "expand",
    "filter",
    "format",
    "id",
    "index",
    "levels",
    "orderby",
    "schemaversion",
    "search",
    "select",
    "skip",
    "skiptoken",
    "top",
];

/// What a path segment that is not a literal of the routes is escaped with: all but RFC 3986's
/// unreserved characters, so the router's `Path` decodes it back to the same text.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Every literal segment of the API's paths, found by its lowercase spelling.
static LITERAL_SEGMENTS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let routed = super::operations().into_iter().flat_map(|operation| {
        operation
            .path
            .split('/')
            .filter(|segment| !segment.is_empty() && !segment.starts_with('{'))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    });
    // `…/applications/{appId}/{action}` names its action in a segment of its own.
    let application_actions = ApplicationActionName::ALL
        .iter()
        .map(|action| action.wire_name().to_owned());
    routed
        .chain(application_actions)
        .map(|segment| (segment.to_ascii_lowercase(), segment))
        .collect()
});

/// The request with its URL in the router's spelling; other requests (the SPA, sign-in) as they
/// came.
pub fn canonical_request(mut request: Request) -> Request {
    if let Some(uri) = canonical_uri(request.uri()) {
        *request.uri_mut() = uri;
    }
    request
}

/// The URI in the router's spelling, or `None` when it is not the API's or is already canonical.
fn canonical_uri(uri: &Uri) -> Option<Uri> {
    let path = canonical_path(uri.path())?;
    let query = uri.query().map(canonical_query);
    let path_and_query = match &query {
        Some(query) => format!("{path}?{query}"),
        None => path,
    };
    if path_and_query == uri.path_and_query().map_or("", |p| p.as_str()) {
        return None;
    }
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(path_and_query.parse().ok()?);
    Uri::from_parts(parts).ok()
}

/// `/Beta/deviceManagement/managedDevices('x')/microsoft.graph.syncDevice/` →
/// `/beta/deviceManagement/managedDevices/x/syncDevice`; `None` for a path outside the API.
fn canonical_path(path: &str) -> Option<String> {
    let mut segments = path.strip_prefix('/')?.split('/');
    let version = segments.next()?;
    if !VERSIONS.iter().any(|v| v.eq_ignore_ascii_case(version)) {
        return None;
    }
    let mut canonical = String::from("/beta");
    for raw in segments.filter(|segment| !segment.is_empty()) {
        let decoded = match percent_decode_str(raw).decode_utf8() {
            Ok(decoded) => decoded.into_owned(),
            // Not UTF-8: no route's segment, so it travels as it came.
            Err(_) => {
                canonical.push('/');
                canonical.push_str(raw);
                continue;
            }
        };
        let unqualified = strip_prefix_ignoring_case(&decoded, "microsoft.graph.");
        let (name, key) = split_key(unqualified);
        push_segment(&mut canonical, name);
        if let Some(key) = key {
            push_segment(&mut canonical, &key);
        }
    }
    Some(canonical)
}

fn push_segment(path: &mut String, segment: &str) {
    path.push('/');
    match LITERAL_SEGMENTS.get(&segment.to_ascii_lowercase()) {
        Some(literal) => path.push_str(literal),
        None => path.extend(utf8_percent_encode(segment, SEGMENT)),
    }
}

fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> &'a str {
    match text.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => &text[prefix.len()..],
        _ => text,
    }
}

/// `managedDevices('x')`, `managedDevices(x)` or `managedDevices(id='x')` → (`managedDevices`,
/// `x`), with `''` in a quoted key read as `'`; any other segment as it is.
fn split_key(segment: &str) -> (&str, Option<String>) {
    let Some((name, rest)) = segment.split_once('(') else {
        return (segment, None);
    };
    let Some(inner) = rest.strip_suffix(')') else {
        return (segment, None);
    };
    if name.is_empty() || !LITERAL_SEGMENTS.contains_key(&name.to_ascii_lowercase()) {
        return (segment, None);
    }
    let inner = inner.trim();
    let value = match inner.split_once('=') {
        Some((key, value)) if key.trim().eq_ignore_ascii_case("id") => value.trim(),
        _ => inner,
    };
    let key = match value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        Some(quoted) => quoted.replace("''", "'"),
        None => value.to_owned(),
    };
    if key.is_empty() {
        return (segment, None);
    }
    (name, Some(key))
}

/// The query with OData's system options spelled `$name`; everything else as it came.
fn canonical_query(query: &str) -> String {
    let mut canonical = form_urlencoded::Serializer::new(String::new());
    let mut renamed = false;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let bare = key.strip_prefix('$').unwrap_or(&key);
        match SYSTEM_QUERY_OPTIONS
            .iter()
            .find(|option| option.eq_ignore_ascii_case(bare))
        {
            Some(option) => {
                let dollar = format!("${option}");
                renamed |= *key != dollar;
                canonical.append_pair(&dollar, &value);
            }
            None => {
                canonical.append_pair(&key, &value);
            }
        }
    }
    // Untouched unless an option was renamed, so a client's own encoding reaches the handler.
    if renamed {
        canonical.finish()
    } else {
        query.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(uri: &str) -> String {
        let uri: Uri = uri.parse().unwrap();
        canonical_uri(&uri).map_or_else(|| uri.to_string(), |uri| uri.to_string())
    }

    #[test]
    fn graph_spellings_of_a_path_become_the_routers() {
        let device = "/beta/deviceManagement/managedDevices/3f2a";
        for spelling in [
            "/beta/deviceManagement/managedDevices('3f2a')",
            "/beta/deviceManagement/managedDevices(3f2a)",
            "/beta/deviceManagement/managedDevices(id='3f2a')",
            "/beta/deviceManagement/managedDevices(%273f2a%27)",
            "/Beta/DeviceManagement/ManagedDevices/3f2a",
            "/v1.0/devicemanagement/manageddevices/3f2a/",
            "/beta//deviceManagement/managedDevices/3f2a//",
        ] {
            assert_eq!(canonical(spelling), device, "{spelling}");
        }
        assert_eq!(
            canonical(
                "/beta/deviceManagement/managedDevices('3f2a')/microsoft.graph.setDeviceName"
            ),
            format!("{device}/setDeviceName")
        );
        assert_eq!(
            canonical("/beta/deviceManagement/managedDevices/3f2a/Microsoft.Graph.REBOOTNOW"),
            format!("{device}/rebootNow")
        );
        assert_eq!(
            canonical(
                "/beta/Organization('org-1')/microsoft.graph.setMobileDeviceManagementAuthority"
            ),
            "/beta/organization/org-1/setMobileDeviceManagementAuthority"
        );
    }

    #[test]
    fn keys_keep_their_case_and_their_quotes_unescape() {
        assert_eq!(
            canonical("/beta/deviceManagement/managedDevices('AbC')/deviceActionResults('R1')"),
            "/beta/deviceManagement/managedDevices/AbC/deviceActionResults/R1"
        );
        assert_eq!(
            canonical("/beta/deviceManagement/managedDevices('it''s%20x')"),
            "/beta/deviceManagement/managedDevices/it%27s%20x"
        );
    }

    #[test]
    fn query_options_are_spelled_with_their_dollar_in_lowercase() {
        assert_eq!(
            canonical("/beta/deviceManagement/managedDevices?filter=isOnline&Top=5&%24Select=id"),
            "/beta/deviceManagement/managedDevices?%24filter=isOnline&%24top=5&%24select=id"
        );
        assert_eq!(
            canonical("/beta/deviceManagement/managedDevices?$top=5&tenant=x"),
            "/beta/deviceManagement/managedDevices?$top=5&tenant=x"
        );
    }

    #[test]
    fn what_is_not_the_api_is_left_alone() {
        for uri in [
            "/devices/all?filter=x",
            "/auth/token",
            "/beta",
            "/betamax/x",
            "/",
        ] {
            assert_eq!(canonical(uri), uri);
        }
    }
}
