//! The MDM authority: `GET /beta/organization` and `setMobileDeviceManagementAuthority`.

use axum::http::{Method, StatusCode};
use endpoint_admin_model::organization::MdmAuthority;
use endpoint_admin_server::seed::DEMO_ORGANIZATION_ID;
use serde_json::{Value, json};

use crate::common::TestServer;

fn set_path(id: &str) -> String {
    format!("/beta/organization/{id}/setMobileDeviceManagementAuthority")
}

async fn organization(server: &TestServer, token: &str) -> Value {
    server.get("/beta/organization", token).await.json()["value"][0].clone()
}

async fn set_authority(server: &TestServer, token: &str) -> crate::common::Answer {
    server
        .call(
            Method::POST,
            &set_path(DEMO_ORGANIZATION_ID),
            Some(token),
            None,
        )
        .await
}

#[tokio::test]
async fn unknown_becomes_intune_and_the_change_is_recorded() {
    let server = TestServer::start_with(MdmAuthority::Unknown).await;
    let token = server.token("admin@contoso.com").await;
    assert_eq!(
        organization(&server, &token).await["mobileDeviceManagementAuthority"],
        "unknown"
    );
    let answer = set_authority(&server, &token).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json(), json!({ "value": 1 }));
    let after = organization(&server, &token).await;
    assert_eq!(after["mobileDeviceManagementAuthority"], "intune");
    assert_eq!(after["isCoexistenceEnabled"], false);
    let changes = after["mobileDeviceManagementAuthorityChanges"]
        .as_array()
        .unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["fromAuthority"], "unknown");
    assert_eq!(changes[0]["toAuthority"], "intune");
    assert_eq!(changes[0]["changedBy"], "admin@contoso.com");
    assert!(
        changes[0]["changedDateTime"]
            .as_str()
            .unwrap()
            .ends_with('Z')
    );
}

#[tokio::test]
async fn office_365_becomes_intune_with_coexistence() {
    let server = TestServer::start_with(MdmAuthority::Office365).await;
    let token = server.token("admin@contoso.com").await;
    assert_eq!(set_authority(&server, &token).await.status, StatusCode::OK);
    let after = organization(&server, &token).await;
    assert_eq!(after["mobileDeviceManagementAuthority"], "intune");
    assert_eq!(after["isCoexistenceEnabled"], true);
    assert_eq!(
        after["mobileDeviceManagementAuthorityChanges"][0]["fromAuthority"],
        "office365"
    );
}

#[tokio::test]
async fn setting_intune_again_is_an_idempotent_200_that_changes_nothing() {
    let server = TestServer::start_with(MdmAuthority::Unknown).await;
    let token = server.token("admin@contoso.com").await;
    for _ in 0..3 {
        let answer = set_authority(&server, &token).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.json(), json!({ "value": 1 }));
    }
    let after = organization(&server, &token).await;
    assert_eq!(after["mobileDeviceManagementAuthority"], "intune");
    assert_eq!(
        after["mobileDeviceManagementAuthorityChanges"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn only_the_intune_administrator_may_set_it() {
    let server = TestServer::start_with(MdmAuthority::Unknown).await;
    for account in ["helpdesk@contoso.com", "reader@contoso.com"] {
        let token = server.token(account).await;
        set_authority(&server, &token)
            .await
            .graph_error(StatusCode::FORBIDDEN, "accessDenied");
        assert_eq!(
            organization(&server, &token).await["mobileDeviceManagementAuthority"],
            "unknown"
        );
    }
    server
        .call(Method::POST, &set_path(DEMO_ORGANIZATION_ID), None, None)
        .await
        .graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[tokio::test]
async fn it_takes_no_body_whitespace_or_any_object_and_refuses_what_is_not_one() {
    let server = TestServer::start_with(MdmAuthority::Unknown).await;
    let token = server.token("admin@contoso.com").await;
    let path = set_path(DEMO_ORGANIZATION_ID);
    for body in ["[]", "\"intune\"", "intune", "{"] {
        server
            .post_text(&path, &token, body)
            .await
            .graph_error(StatusCode::BAD_REQUEST, "badRequest");
    }
    assert_eq!(
        organization(&server, &token).await["mobileDeviceManagementAuthority"],
        "unknown",
        "a refused body changes nothing"
    );
    for body in [
        "",
        " \n\t ",
        "{}",
        r##"{"@odata.type":"#microsoft.graph.organization","mobileDeviceManagementAuthority":"intune"}"##,
    ] {
        let answer = server.post_text(&path, &token, body).await;
        assert_eq!(answer.status, StatusCode::OK, "{body:?}");
        assert_eq!(answer.json(), json!({ "value": 1 }));
    }
    assert_eq!(
        organization(&server, &token).await["mobileDeviceManagementAuthority"],
        "intune"
    );
}

#[tokio::test]
async fn an_unknown_organization_is_a_404() {
    let server = TestServer::start_with(MdmAuthority::Unknown).await;
    let token = server.token("admin@contoso.com").await;
    server
        .call(
            Method::POST,
            &set_path("00000000-0000-0000-0000-000000000000"),
            Some(&token),
            None,
        )
        .await
        .graph_error(StatusCode::NOT_FOUND, "itemNotFound");
    assert_eq!(
        organization(&server, &token).await["mobileDeviceManagementAuthority"],
        "unknown"
    );
}

#[tokio::test]
async fn the_authority_cannot_be_read_or_set_by_other_methods() {
    let server = TestServer::start_with(MdmAuthority::Intune).await;
    let token = server.token("admin@contoso.com").await;
    let answer = server
        .call(
            Method::GET,
            &set_path(DEMO_ORGANIZATION_ID),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    let answer = server
        .call(
            Method::PATCH,
            &format!("/beta/organization/{DEMO_ORGANIZATION_ID}"),
            Some(&token),
            Some(json!({ "mobileDeviceManagementAuthority": "unknown" })),
        )
        .await;
    assert!(answer.status.is_client_error());
    assert_eq!(
        organization(&server, &token).await["mobileDeviceManagementAuthority"],
        "intune"
    );
}
