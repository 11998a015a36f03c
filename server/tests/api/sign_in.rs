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
        ("admin@contoso.com", "Intune Administrator", 9, true, true),
        ("helpdesk@contoso.com", "Help Desk Operator", 4, false, true),
        ("reader@contoso.com", "Read Only Operator", 1, false, true),
        (
            "cloudadmin@contoso.com",
            "Intune Administrator",
            9,
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

#[tokio::test]
async fn signing_out_revokes_the_token_on_the_server_everywhere() {
    let server = TestServer::start().await;
    let token = server.token("helpdesk@contoso.com").await;
    let other = server.token("helpdesk@contoso.com").await;
    assert_eq!(server.get("/beta/me", &token).await.status, StatusCode::OK);
    let signed_out = server
        .call(Method::POST, "/auth/signout", Some(&token), None)
        .await;
    assert_eq!(signed_out.status, StatusCode::NO_CONTENT);
    for path in ["/beta/me", "/beta/deviceManagement/managedDevices?$top=1"] {
        server
            .get(path, &token)
            .await
            .graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
    server
        .call(Method::POST, "/auth/signout", Some(&token), None)
        .await
        .graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    // Another session of the same account stays signed in.
    assert_eq!(server.get("/beta/me", &other).await.status, StatusCode::OK);
}

#[tokio::test]
async fn after_five_wrong_passwords_the_account_is_refused_even_the_right_one_with_when_to_retry() {
    let server = TestServer::start().await;
    for _ in 0..5 {
        let answer = server.sign_in("admin@contoso.com", "guess").await;
        answer.graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
    let refused = server.sign_in("ADMIN@contoso.com", "demo").await;
    let message = refused.graph_error(StatusCode::TOO_MANY_REQUESTS, "tooManyRequests");
    assert!(message.contains("Try again in 15 minutes"), "{message}");
    let retry_after: u64 = refused.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((850..=900).contains(&retry_after), "{retry_after}");
    // Other accounts from the same address are not locked out by one account's failures.
    assert_eq!(
        server.sign_in("reader@contoso.com", "demo").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn fifty_failures_from_one_address_across_accounts_refuse_that_address() {
    let server = TestServer::start().await;
    for attempt in 0..50 {
        let answer = server
            .sign_in(&format!("nobody{attempt}@contoso.com"), "guess")
            .await;
        answer.graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
    let refused = server.sign_in("admin@contoso.com", "demo").await;
    refused.graph_error(StatusCode::TOO_MANY_REQUESTS, "tooManyRequests");
    assert!(refused.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn failed_sign_ins_and_every_change_are_in_the_audit_log_the_admin_reads() {
    let server = TestServer::start().await;
    server.sign_in("admin@contoso.com", "guess").await;
    let helpdesk = server.token("helpdesk@contoso.com").await;
    let device = server
        .get("/beta/deviceManagement/managedDevices?$top=1", &helpdesk)
        .await
        .json()["value"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let retire = format!("/beta/deviceManagement/managedDevices/{device}/retire");
    let refused = server.post(&retire, &helpdesk, None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let admin = server.token("admin@contoso.com").await;
    let log = server
        .get("/beta/deviceManagement/auditEvents?$top=10", &admin)
        .await
        .json();
    let events: Vec<(String, String, String, String)> = log["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| {
            (
                event["displayName"].as_str().unwrap().to_string(),
                event["actor"]["userPrincipalName"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                event["activityResult"].as_str().unwrap().to_string(),
                event["failureReason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("Sign in", "admin@contoso.com", "success", ""),
        (
            &*format!("POST {retire}"),
            "helpdesk@contoso.com",
            "failure",
            "403 Forbidden",
        ),
        ("Sign in", "helpdesk@contoso.com", "success", ""),
        (
            "Sign in",
            "admin@contoso.com",
            "failure",
            "Wrong account or password",
        ),
    ];
    let expected: Vec<(String, String, String, String)> = expected
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(events, expected);
    assert!(
        log["value"][0]["activityDateTime"]
            .as_str()
            .unwrap()
            .ends_with('Z')
    );
    assert_eq!(log["value"][0]["actor"]["ipAddress"], "unknown");
    server
        .get("/beta/deviceManagement/auditEvents", &helpdesk)
        .await
        .graph_error(StatusCode::FORBIDDEN, "accessDenied");
    server
        .get("/beta/deviceManagement/auditEvents?$top=0", &admin)
        .await
        .graph_error(StatusCode::BAD_REQUEST, "badRequest");
}

#[tokio::test]
async fn the_preferred_language_is_kept_per_account_for_its_next_sign_in() {
    let server = TestServer::start().await;
    let language = |me: serde_json::Value| me["preferredLanguage"].clone();
    let token = server.token("helpdesk@contoso.com").await;
    assert_eq!(
        language(server.get("/beta/me", &token).await.json()),
        json!(null)
    );
    let set = |body: serde_json::Value| {
        let (server, token) = (&server, token.clone());
        async move {
            server
                .call(Method::PATCH, "/beta/me", Some(&token), Some(body))
                .await
        }
    };
    assert_eq!(
        set(json!({"preferredLanguage": "nl-NL"})).await.status,
        StatusCode::NO_CONTENT
    );
    // The next sign-in, from any browser, starts in it; other accounts are not touched.
    let again = server.token("helpdesk@contoso.com").await;
    assert_eq!(
        language(server.get("/beta/me", &again).await.json()),
        json!("nl-NL")
    );
    let admin = server.token("admin@contoso.com").await;
    assert_eq!(
        language(server.get("/beta/me", &admin).await.json()),
        json!(null)
    );
    // Members not given stay, as in Graph's PATCH; unknown members are ignored.
    let other = set(json!({"@odata.type": "#microsoft.graph.user", "displayName": "x"})).await;
    assert_eq!(other.status, StatusCode::NO_CONTENT);
    assert_eq!(
        language(server.get("/beta/me", &again).await.json()),
        json!("nl-NL")
    );
    // What is not a language tag is refused and changes nothing.
    for bad in [
        json!(""),
        json!("dutch"),
        json!("n"),
        json!("nl_NL"),
        json!("nl--NL"),
        json!("x".repeat(36)),
        json!(5),
    ] {
        let answer = set(json!({ "preferredLanguage": bad })).await;
        answer.graph_error(StatusCode::BAD_REQUEST, "badRequest");
    }
    assert_eq!(
        language(server.get("/beta/me", &again).await.json()),
        json!("nl-NL")
    );
    // null forgets it: the browser's languages decide again.
    assert_eq!(
        set(json!({"preferredLanguage": null})).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        language(server.get("/beta/me", &again).await.json()),
        json!(null)
    );
}
