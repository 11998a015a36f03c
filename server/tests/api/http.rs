//! The HTTP surface: JSON 404s for unknown API paths, the SPA fallback, errors, compression, health.

use crate::common::TestServer;
use axum::{
    body::Body,
    http::{Method, Request, StatusCode},
};

#[tokio::test]
async fn unknown_api_paths_are_json_404s_never_html() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    for path in [
        "/beta",
        "/beta/nothing/here",
        "/beta/deviceManagement/nope",
        "/auth",
        "/auth/nope",
    ] {
        let answer = server.get(path, &token).await;
        answer.graph_error(StatusCode::NOT_FOUND, "itemNotFound");
        assert_eq!(answer.headers["content-type"], "application/json", "{path}");
    }
}

#[tokio::test]
async fn client_routes_fall_back_to_the_spa() {
    let server = TestServer::start().await;
    for path in [
        "/devices/all",
        "/devices/all?managedBy=configMgr",
        "/signin",
        "/tenant-admin",
        "/",
    ] {
        let answer = server.call(Method::GET, path, None, None).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert!(
            answer.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(String::from_utf8_lossy(&answer.body).contains("<title>Endpoint Admin</title>"));
    }
}

#[tokio::test]
async fn a_wrong_method_is_an_error_envelope() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let answer = server
        .call(Method::DELETE, "/beta/me", Some(&token), None)
        .await;
    answer.graph_error(StatusCode::METHOD_NOT_ALLOWED, "methodNotAllowed");
}

#[tokio::test]
async fn without_a_valid_token_every_api_path_and_method_is_401_so_none_tells_it_exists() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    for (method, path) in [
        (Method::GET, "/beta"),
        (Method::GET, "/beta/nothing/here"),
        (Method::GET, "/beta/deviceManagement/managedDevices"),
        (Method::DELETE, "/beta/me"),
        (Method::PUT, "/beta/organization"),
    ] {
        for bad in [None, Some("not-a-token")] {
            let answer = server.call(method.clone(), path, bad, None).await;
            answer.graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
        }
    }
    let known = server
        .call(Method::GET, "/beta/nothing/here", Some(&token), None)
        .await;
    known.graph_error(StatusCode::NOT_FOUND, "itemNotFound");
}

#[tokio::test]
async fn a_nul_in_a_search_filter_path_or_body_is_a_400_that_changes_nothing() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let list = "/beta/deviceManagement/managedDevices";
    for path in [
        format!("{list}?$search=a%00b"),
        format!("{list}?$search=%22abc%00%22&$format=csv"),
        format!("{list}?$search=%00"),
        format!("{list}?$filter=contains(deviceName,'a%00zzzz')"),
        format!("{list}/abc%00def"),
        format!("{list}/abc%00def/syncDevice"),
    ] {
        let answer = server.get(&path, &token).await;
        let message = answer.graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert!(message.contains("NUL"), "{path}: {message}");
    }
    let device = server.get(&format!("{list}?$top=1"), &token).await.json()["value"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let renamed = server
        .post(
            &format!("{list}/{device}/setDeviceName"),
            &token,
            Some(serde_json::json!({ "deviceName": "PC\u{0}1" })),
        )
        .await;
    let message = renamed.graph_error(StatusCode::BAD_REQUEST, "badRequest");
    assert!(message.contains("NUL"), "{message}");
    let sign_in = server.sign_in("admin@contoso.com\u{0}", "demo").await;
    sign_in.graph_error(StatusCode::BAD_REQUEST, "badRequest");
}

#[tokio::test]
async fn a_static_path_no_file_can_have_falls_back_to_the_spa_never_a_5xx() {
    let server = TestServer::start().await;
    for path in [
        format!("/{}", "a".repeat(256)),
        format!("/public/{}", "b".repeat(4000)),
        "/index.html/x".to_string(),
    ] {
        let answer = server.call(Method::GET, &path, None, None).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert!(String::from_utf8_lossy(&answer.body).contains("<title>Endpoint Admin</title>"));
    }
}

#[tokio::test]
async fn a_directory_is_never_redirected_so_no_location_can_name_another_host() {
    let server = TestServer::start().await;
    std::fs::create_dir_all(server.dist().join("public")).unwrap();
    for path in ["//public", "/public", "//public/"] {
        let answer = server.call(Method::GET, path, None, None).await;
        assert!(answer.headers.get("location").is_none(), "{path}");
        assert_eq!(answer.status, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn every_response_carries_the_browser_security_headers_and_the_api_is_never_stored() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let sign_in = server.sign_in("admin@contoso.com", "demo").await;
    let answers = [
        ("/", server.call(Method::GET, "/", None, None).await),
        (
            "/devices/all",
            server.call(Method::GET, "/devices/all", None, None).await,
        ),
        ("/auth/token", sign_in),
        ("/beta/me", server.get("/beta/me", &token).await),
        (
            "list",
            server
                .get("/beta/deviceManagement/managedDevices?$top=1", &token)
                .await,
        ),
        (
            "export",
            server
                .get("/beta/deviceManagement/managedDevices?$format=csv", &token)
                .await,
        ),
        (
            "401",
            server.call(Method::GET, "/beta/me", None, None).await,
        ),
    ];
    for (name, answer) in answers {
        let policy = answer.headers["content-security-policy"].to_str().unwrap();
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{name}: {policy}"
        );
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{name}: {policy}"
        );
        assert!(!policy.contains("unsafe-inline"), "{name}: {policy}");
        assert_eq!(
            answer.headers["x-content-type-options"], "nosniff",
            "{name}"
        );
        assert_eq!(answer.headers["referrer-policy"], "no-referrer", "{name}");
        assert_eq!(answer.headers["x-frame-options"], "DENY", "{name}");
        if !name.starts_with('/') || name.starts_with("/auth") || name.starts_with("/beta") {
            assert_eq!(answer.headers["cache-control"], "no-store", "{name}");
        }
    }
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413_envelope() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let ids: Vec<String> = (0..20_000).map(|i| format!("{i:036}")).collect();
    let answer = server
        .post(
            "/beta/deviceManagement/managedDevices/executeAction",
            &token,
            Some(serde_json::json!({ "actionName": "syncDevice", "deviceIds": ids })),
        )
        .await;
    answer.graph_error(StatusCode::PAYLOAD_TOO_LARGE, "payloadTooLarge");
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let server = TestServer::start().await;
    let first = server.call(Method::GET, "/healthz", None, None).await;
    let second = server.call(Method::GET, "/healthz", None, None).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.body, b"ok");
    assert_ne!(first.headers["request-id"], second.headers["request-id"]);
}

#[tokio::test]
async fn a_clients_own_request_id_is_echoed_in_the_header_and_the_error_as_graph_does() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    for (path, status) in [
        ("/beta/organization", StatusCode::OK),
        (
            "/beta/deviceManagement/managedDevices/nope",
            StatusCode::NOT_FOUND,
        ),
    ] {
        let request = Request::get(path)
            .header("authorization", format!("Bearer {token}"))
            .header("client-request-id", "6f0b1c2e-script-42")
            .body(Body::empty())
            .unwrap();
        let answer = server.send(request).await;
        assert_eq!(answer.status, status, "{path}");
        assert_eq!(answer.headers["client-request-id"], "6f0b1c2e-script-42");
        if status == StatusCode::NOT_FOUND {
            let inner = &answer.json()["error"]["innerError"];
            assert_eq!(inner["client-request-id"], "6f0b1c2e-script-42");
        }
    }
}

#[tokio::test]
async fn responses_are_compressed_when_the_client_accepts_it() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let answer = server
        .send(
            Request::get("/beta/deviceManagement/managedDeviceOverview")
                .header("authorization", format!("Bearer {token}"))
                .header("accept-encoding", "gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers["content-encoding"], "gzip");
}

#[tokio::test]
async fn a_json_body_that_is_not_an_object_is_a_400_that_changes_nothing() {
    // Found by Schemathesis: serde reads a struct from an array of its fields, so `[]` was
    // accepted as wipe options and the device was wiped.
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let list = "/beta/deviceManagement/managedDevices";
    let device = server.get(&format!("{list}?$top=1"), &token).await.json()["value"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for (path, body) in [
        (format!("{list}/{device}/wipe"), serde_json::json!([])),
        (
            format!("{list}/{device}/wipe"),
            serde_json::json!([true, false]),
        ),
        (
            format!("{list}/{device}/setDeviceName"),
            serde_json::json!(["PC-1"]),
        ),
        (
            "/auth/token".to_string(),
            serde_json::json!(["admin@contoso.com", "demo"]),
        ),
    ] {
        let answer = server
            .call(Method::POST, &path, Some(&token), Some(body.clone()))
            .await;
        let message = answer.graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert!(message.contains("JSON object"), "{path} {body}: {message}");
    }
    let results = server
        .get(&format!("{list}/{device}/deviceActionResults"), &token)
        .await
        .json();
    assert_eq!(results["value"], serde_json::json!([]), "{results}");
}
