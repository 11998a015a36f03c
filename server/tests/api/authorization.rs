//! The authorization matrix: every operation of the route table × every kind of caller, against who
//! may call it. An operation added without a row here fails the test.
//!
//! Device routes are called on a device that does not exist, so that nothing changes: whoever may
//! call the operation gets past the permission check (a 404, a 400 for the empty body), whoever may
//! not gets 403, and no caller without a valid token gets further than 401.

use axum::http::{Method, StatusCode};
use chrono::{Duration, Utc};
use endpoint_admin_server::{auth::new_access_token, routes::operations};
use serde_json::json;

use crate::common::TestServer;

const READER: &str = "reader@contoso.com";
const HELPDESK: &str = "helpdesk@contoso.com";
const ADMIN: &str = "admin@contoso.com";
const CLOUDADMIN: &str = "cloudadmin@contoso.com";

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum May {
    /// Anyone, without a token (sign-in, the CSDL document).
    Anyone,
    /// Every signed-in account.
    SignedIn,
    /// The Help Desk Operator and the Intune Administrators.
    RemoteTasks,
    /// The Intune Administrators only.
    Administrators,
}

impl May {
    fn allows(self, account: &str) -> bool {
        match self {
            May::Anyone | May::SignedIn => true,
            May::RemoteTasks => account != READER,
            May::Administrators => account == ADMIN || account == CLOUDADMIN,
        }
    }
}

const DEVICES: &str = "/beta/deviceManagement/managedDevices";

/// The matrix's rows: method, path as routed, who may.
fn rows() -> Vec<(Method, String, May)> {
    let device = |path: &str| format!("{DEVICES}/{{id}}{path}");
    vec![
        (Method::POST, "/auth/token".into(), May::Anyone),
        (Method::POST, "/auth/signout".into(), May::SignedIn),
        (Method::GET, "/beta/me".into(), May::SignedIn),
        (Method::PATCH, "/beta/me".into(), May::SignedIn),
        (Method::GET, "/beta/organization".into(), May::SignedIn),
        (
            Method::POST,
            "/beta/organization/{id}/setMobileDeviceManagementAuthority".into(),
            May::Administrators,
        ),
        (
            Method::GET,
            "/beta/deviceManagement/managedDeviceOverview".into(),
            May::SignedIn,
        ),
        (Method::GET, DEVICES.into(), May::SignedIn),
        (Method::GET, format!("{DEVICES}/$count"), May::SignedIn),
        (
            Method::POST,
            format!("{DEVICES}/executeAction"),
            May::RemoteTasks,
        ),
        (Method::GET, device(""), May::SignedIn),
        (Method::DELETE, device(""), May::Administrators),
        (Method::GET, device("/deviceActionResults"), May::SignedIn),
        (
            Method::GET,
            device("/deviceActionResults/{result_id}"),
            May::SignedIn,
        ),
        (
            Method::GET,
            device("/deviceActionResults/{result_id}/logs"),
            May::SignedIn,
        ),
        (Method::GET, device("/applications"), May::SignedIn),
        (
            Method::GET,
            device("/applications/{application_id}/logs"),
            May::SignedIn,
        ),
        (
            Method::POST,
            device("/applications/{application_id}/{action}"),
            May::RemoteTasks,
        ),
        (
            Method::POST,
            device("/triggerConfigurationManagerAction"),
            May::RemoteTasks,
        ),
        (Method::POST, device("/syncDevice"), May::RemoteTasks),
        (Method::POST, device("/rebootNow"), May::RemoteTasks),
        (Method::POST, device("/setDeviceName"), May::RemoteTasks),
        (Method::POST, device("/retire"), May::Administrators),
        (Method::POST, device("/wipe"), May::Administrators),
        (Method::POST, device("/simulateCheckIn"), May::RemoteTasks),
        (
            Method::GET,
            "/beta/deviceManagement/auditEvents".into(),
            May::Administrators,
        ),
        (Method::GET, "/beta/$openapi".into(), May::SignedIn),
        (Method::GET, "/beta/$metadata".into(), May::Anyone),
    ]
}

/// The path with each `{parameter}` given a value that names nothing.
fn concrete(path: &str) -> String {
    path.replace("{id}", "00000000-0000-4000-8000-000000000000")
        .replace("{result_id}", "no-such-result")
        .replace("{application_id}", "no-such-application")
        .replace("{action}", "install")
}

/// A kind of caller and the token it sends.
struct Caller {
    name: String,
    token: Option<String>,
    /// The account, for a valid token.
    account: Option<&'static str>,
}

async fn callers(server: &TestServer) -> Vec<Caller> {
    let (expired, hash) = new_access_token();
    let (admin, _) = server
        .store
        .find_user_for_sign_in(ADMIN)
        .await
        .unwrap()
        .unwrap();
    server
        .store
        .insert_access_token(&hash, admin.id, Utc::now() - Duration::seconds(1))
        .await
        .unwrap();
    let revoked = server.token(ADMIN).await;
    let signed_out = server
        .call(Method::POST, "/auth/signout", Some(&revoked), None)
        .await;
    assert_eq!(signed_out.status, StatusCode::NO_CONTENT);
    let mut callers = vec![
        Caller {
            name: "no token".into(),
            token: None,
            account: None,
        },
        Caller {
            name: "an expired token".into(),
            token: Some(expired),
            account: None,
        },
        Caller {
            name: "a revoked token".into(),
            token: Some(revoked),
            account: None,
        },
    ];
    for account in [READER, HELPDESK, ADMIN, CLOUDADMIN] {
        callers.push(Caller {
            name: account.into(),
            token: Some(server.token(account).await),
            account: Some(account),
        });
    }
    callers
}

#[tokio::test]
async fn every_operation_answers_every_caller_as_its_row_says() {
    let server = TestServer::start().await;
    let callers = callers(&server).await;
    let rows = rows();
    let operations = operations();
    for operation in &operations {
        assert!(
            rows.iter()
                .any(|(method, path, _)| *method == operation.method && *path == operation.path),
            "{} {} has no row in the authorization matrix",
            operation.method,
            operation.path
        );
    }
    let mut cells = 0;
    for (method, path, may) in &rows {
        assert!(
            operations
                .iter()
                .any(|operation| operation.method == *method && operation.path == *path),
            "the matrix has a row for {method} {path}, which the route table does not have"
        );
        for caller in &callers {
            // Signing out revokes the token it is called with: each caller signs out a fresh one.
            let token = match (path.as_str(), caller.account) {
                ("/auth/signout", Some(account)) => Some(server.token(account).await),
                _ => caller.token.clone(),
            };
            let body = (*method == Method::POST || *method == Method::PATCH).then(|| json!({}));
            let answer = server
                .call(method.clone(), &concrete(path), token.as_deref(), body)
                .await;
            let status = answer.status;
            let what = format!("{method} {path} as {}: {status}", caller.name);
            assert!(!status.is_server_error(), "{what}");
            match (may, caller.account) {
                (May::Anyone, _) => assert!(
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                    "{what}"
                ),
                (_, None) => {
                    answer.graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
                }
                (may, Some(account)) if may.allows(account) => assert!(
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                    "{what}"
                ),
                (_, Some(_)) => {
                    answer.graph_error(StatusCode::FORBIDDEN, "accessDenied");
                }
            }
            cells += 1;
        }
    }
    assert_eq!(cells, rows.len() * 7, "every row × 7 callers");
}
