//! Browser security headers on every response: a Content-Security-Policy that lets only our own
//! scripts and the wasm run, `nosniff`, no framing, no referrer; and `no-store` on the API, whose
//! answers (tokens, devices) must not stay in a shared or disk cache.

use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use sha2::{Digest, Sha256};

/// The policy for a SPA whose `index.html` is `index_html`: scripts from our origin, plus the
/// inline module script Trunk writes to start the wasm (allowed by its hash, so no other inline
/// script runs), `'wasm-unsafe-eval'` to compile the wasm, nothing from elsewhere, no framing.
pub fn content_security_policy(index_html: &str) -> HeaderValue {
    let hashes: String = inline_scripts(index_html)
        .map(|script| format!(" 'sha256-{}'", STANDARD.encode(Sha256::digest(script))))
        .collect();
    let policy = format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"))
}

/// The contents of each `<script>` without a `src` in `html`, as the browser hashes them.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        let (body, _) = after.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(body)
    })
}

/// Middleware: adds the headers to every response, keeping any a handler set itself.
pub async fn add_security_headers(
    State(policy): State<HeaderValue>,
    request: Request,
    next: Next,
) -> Response {
    let api = is_api(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(policy);
    headers
        .entry(header::X_CONTENT_TYPE_OPTIONS)
        .or_insert(HeaderValue::from_static("nosniff"));
    // For browsers older than CSP's frame-ancestors.
    headers
        .entry(header::X_FRAME_OPTIONS)
        .or_insert(HeaderValue::from_static("DENY"));
    headers
        .entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("no-referrer"));
    if api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

fn is_api(path: &str) -> bool {
    ["/beta", "/auth"].iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_trunks_inline_loader_by_its_hash_and_nothing_inline_else() {
        let html = "<head><script type=module>import init from '/app.js';</script>\
                    <script src=/other.js></script></head>";
        let policy = content_security_policy(html);
        let policy = policy.to_str().unwrap();
        let hash = STANDARD.encode(Sha256::digest("import init from '/app.js';"));
        assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 1, "{policy}");
        assert!(policy.contains("'wasm-unsafe-eval'"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn api_paths_are_those_under_beta_and_auth() {
        assert!(is_api("/beta/me"));
        assert!(is_api("/auth/token"));
        assert!(!is_api("/betamax"));
        assert!(!is_api("/devices/all"));
    }
}
