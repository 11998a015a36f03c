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
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(answer.json()["error"]["code"], "badRequest");
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
