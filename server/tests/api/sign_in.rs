//! Sign-in, `/beta/me`, tokens and their expiry.

use crate::common::TestServer;
use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, Utc};
use endpoint_admin_server::auth::new_access_token;
use serde_json::json;

#[tokio::test]
async fn the_right_password_gets_a_token_that_expires_in_eight_hours() {
    let server = TestServer::start().await;
    let answer = server.sign_in("admin@contoso.com", "demo").await;
    assert_eq!(answer.status, StatusCode::OK);
    let body = answer.json();
    assert!(body["accessToken"].as_str().unwrap().len() >= 43);
    let expires: DateTime<Utc> = body["expiresDateTime"].as_str().unwrap().parse().unwrap();
    let lifetime = expires - Utc::now();
    assert!(lifetime > Duration::hours(8) - Duration::minutes(1) && lifetime <= Duration::hours(8));
}

#[tokio::test]
async fn user_names_are_not_case_sensitive() {
    let server = TestServer::start().await;
    assert_eq!(
        server.sign_in("Admin@Contoso.com", "demo").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_wrong_password_or_unknown_account_is_refused_alike() {
    let server = TestServer::start().await;
    let wrong_password = server.sign_in("admin@contoso.com", "Demo").await;
    let unknown = server.sign_in("nobody@contoso.com", "demo").await;
    let first = wrong_password.graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    let second = unknown.graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    assert_eq!(first, "Your account or password is incorrect.");
    assert_eq!(first, second);
}

#[tokio::test]
async fn a_malformed_sign_in_is_a_bad_request() {
    let server = TestServer::start().await;
    for body in [
        json!({"userPrincipalName": "admin@contoso.com"}),
        json!([1, 2]),
        json!("x"),
    ] {
        let answer = server
            .call(Method::POST, "/auth/token", None, Some(body))
            .await;
        answer.graph_error(StatusCode::BAD_REQUEST, "badRequest");
    }
    let no_json = server
        .send(
            axum::http::Request::post("/auth/token")
                .body(axum::body::Body::from("userPrincipalName=admin"))
                .unwrap(),
        )
        .await;
    no_json.graph_error(StatusCode::BAD_REQUEST, "badRequest");
}

#[tokio::test]
async fn me_tells_each_demo_account_its_role_and_permissions() {
    let server = TestServer::start().await;
    let expectations = [
        ("admin@contoso.com", "Intune Administrator", 8, true, true),
        ("helpdesk@contoso.com", "Help Desk Operator", 4, false, true),
        ("reader@contoso.com", "Read Only Operator", 1, false, true),
        (
            "cloudadmin@contoso.com",
            "Intune Administrator",
            8,
            true,
            false,
        ),
    ];
    for (user_principal_name, role, permissions, may_set_authority, synced) in expectations {
        let token = server.token(user_principal_name).await;
        let me = server.get("/beta/me", &token).await.json();
        assert_eq!(me["userPrincipalName"], user_principal_name);
        assert_eq!(me["roles"], json!([role]));
        assert_eq!(me["onPremisesSyncEnabled"], synced, "{me}");
        let granted = me["permissions"].as_array().unwrap();
        assert_eq!(granted.len(), permissions, "{me}");
        assert_eq!(
            granted.contains(&json!(
                "microsoft.intune/organization/setMobileDeviceManagementAuthority"
            )),
            may_set_authority
        );
    }
}

#[tokio::test]
async fn api_calls_without_a_valid_token_are_401() {
    let server = TestServer::start().await;
    let missing = server.call(Method::GET, "/beta/me", None, None).await;
    missing.graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    assert_eq!(missing.headers["www-authenticate"], "Bearer");
    server
        .get("/beta/me", "not-a-token")
        .await
        .graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    let basic = server
        .send(
            axum::http::Request::get("/beta/me")
                .header("authorization", "Basic YWRtaW46ZGVtbw==")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    basic.graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[tokio::test]
async fn an_expired_token_is_401() {
    let server = TestServer::start().await;
    let (token, hash) = new_access_token();
    let (admin, _) = server
        .store
        .find_user_for_sign_in("admin@contoso.com")
        .await
        .unwrap()
        .unwrap();
    server
        .store
        .insert_access_token(&hash, admin.id, Utc::now() - Duration::seconds(1))
        .await
        .unwrap();
    let message = server
        .get("/beta/me", &token)
        .await
        .graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    assert!(message.contains("expired"));
}

#[tokio::test]
async fn tokens_are_stored_only_as_their_hash() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    assert!(
        server
            .store
            .find_user_by_token(&token, Utc::now())
            .await
            .unwrap()
            .is_none(),
        "the raw token must not be a key of the token table"
    );
}
