//! A ConfigMgr device's applications: the list with the OData options of All devices, the actions
//! each app allows now with their reasons, the Status filter's counts, the export, and who may see
//! them (not an Intune-only device, not an account the site does not know).

use axum::http::StatusCode;
use endpoint_admin_model::i18n::Messages;
use endpoint_admin_model::{
    application::{Application, ApplicationActionName, InstallState},
    device_action::{ActionState, SITE_REFUSAL_EXPLANATION},
};
use serde_json::Value;

use crate::common::{Answer, TestServer, Worker, run_hops};
use crate::device_actions::{INTUNE, OFFLINE_CONFIGMGR, ONLINE_CONFIGMGR, device_where};

const DEVICES: &str = "/beta/deviceManagement/managedDevices";

async fn applications(server: &TestServer, token: &str, id: &str, query: &str) -> Value {
    let answer = server
        .get(&format!("{DEVICES}/{id}/applications?{query}"), token)
        .await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()
}

fn parsed(page: &Value) -> Vec<Application> {
    serde_json::from_value(page["value"].clone()).unwrap()
}

fn encoded(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn a_configmgr_device_lists_its_applications_with_their_actions() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let page = applications(&server, &token, &device.id, "$count=true").await;
    let apps = parsed(&page);
    assert!((8..=43).contains(&apps.len()), "{}", apps.len());
    assert_eq!(page["@odata.count"], apps.len());
    // Every app carries all five actions; each refusal says why.
    for app in &apps {
        let names: Vec<_> = app.actions.iter().map(|action| action.name).collect();
        assert_eq!(names, ApplicationActionName::ALL);
        for action in &app.actions {
            assert_eq!(action.allowed, action.reason.is_none(), "{app:?}");
        }
        let install = &app.actions[0];
        let installed = app.install_state == InstallState::Installed;
        assert_eq!(
            install.allowed,
            !installed && !app.install_state.is_in_progress()
        );
    }
    // The Status filter's counts: all nine states, zeros included, adding up to the list.
    let counts = page["installStateCounts"].as_object().unwrap();
    assert_eq!(counts.len(), 9);
    let total: u64 = counts.values().map(|count| count.as_u64().unwrap()).sum();
    assert_eq!(total, apps.len() as u64);
    for state in InstallState::ALL {
        let expected = apps
            .iter()
            .filter(|app| app.install_state == *state)
            .count();
        assert_eq!(counts[state.wire_name()], expected, "{state:?}");
    }
}

#[tokio::test]
async fn an_offline_client_allows_no_application_action() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, OFFLINE_CONFIGMGR).await;
    let apps = parsed(&applications(&server, &token, &device.id, "").await);
    assert!(!apps.is_empty());
    for action in apps.iter().flat_map(|app| &app.actions) {
        assert!(!action.allowed);
        assert!(
            action.reason.as_deref().unwrap().contains("offline"),
            "{action:?}"
        );
    }
}

#[tokio::test]
async fn filter_search_sort_and_paging_work_as_for_devices() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let all = parsed(&applications(&server, &token, &device.id, "").await);

    let installed = parsed(
        &applications(
            &server,
            &token,
            &device.id,
            &format!("$filter={}", encoded("installState eq 'installed'")),
        )
        .await,
    );
    let expected: Vec<_> = all
        .iter()
        .filter(|app| app.install_state == InstallState::Installed)
        .cloned()
        .collect();
    assert_eq!(installed, expected);

    // $search looks in the name and the publisher, ignoring case.
    let publisher = all[0].publisher.to_uppercase();
    let found = parsed(
        &applications(
            &server,
            &token,
            &device.id,
            &format!("$search={}", encoded(&format!("\"{publisher}\""))),
        )
        .await,
    );
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|app| app.publisher.to_uppercase().contains(&publisher)
                || app.name.to_uppercase().contains(&publisher))
    );

    // Sorted by version descending, then paged by two with a next link.
    let sorted = applications(
        &server,
        &token,
        &device.id,
        "$orderby=version%20desc&$top=2&$count=true",
    )
    .await;
    let page = parsed(&sorted);
    assert_eq!(page.len(), 2);
    assert!(page[0].version >= page[1].version);
    assert_eq!(sorted["@odata.count"], all.len());
    let next = sorted["@odata.nextLink"].as_str().unwrap();
    assert!(
        next.starts_with(&format!(
            "http://localhost{DEVICES}/{}/applications?",
            device.id
        )),
        "{next}"
    );
    let rest = parsed(&server.get(next, &token).await.json());
    assert!(page[1].version >= rest[0].version);
    assert!(
        !page
            .iter()
            .any(|app| rest.iter().any(|other| other.id == app.id))
    );

    // $select keeps what the page needs to act: the id and the actions.
    let selected = applications(&server, &token, &device.id, "$select=name&$top=1").await;
    let keys: Vec<&String> = selected["value"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["actions", "id", "name"]);
}

#[tokio::test]
async fn bad_options_get_a_400_that_names_them() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    for (query, expected) in [
        ("$filter=installState%20eq%20'broken'", "installState"),
        ("$orderby=deviceName", "deviceName"),
        ("$top=0", "$top"),
    ] {
        let answer = server
            .get(
                &format!("{DEVICES}/{}/applications?{query}", device.id),
                &token,
            )
            .await;
        let message = answer.graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert!(message.contains(expected), "{query}: {message}");
    }
}

#[tokio::test]
async fn the_export_has_every_row_of_the_view_under_the_grids_labels() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let all = parsed(&applications(&server, &token, &device.id, "").await);
    let answer = server
        .get(
            &format!("{DEVICES}/{}/applications?$format=csv&$top=1", device.id),
            &token,
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers["content-type"], "text/csv; charset=utf-8");
    let text = String::from_utf8(answer.body).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("Name,Publisher,Version,Status,Deployment,Targeted to,Type")
    );
    // Every row, whatever $top says: the real page exports only the first 500.
    assert_eq!(lines.count(), all.len());
    assert!(text.contains(all[0].install_state.label(Messages::english())));
}

#[tokio::test]
async fn why_an_action_is_not_possible_and_the_export_follow_accept_language() {
    use endpoint_admin_model::{application::APPLICATION_COLUMNS, i18n::Language};
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let device = device_where(&server, &token, OFFLINE_CONFIGMGR).await;
    let path = format!("{DEVICES}/{}/applications", device.id);
    let list_in = |accept_language: &'static str| {
        let (server, token, path) = (&server, &token, &path);
        async move {
            let answer = server.get_in(path, token, accept_language).await;
            assert_eq!(answer.status, StatusCode::OK);
            parsed(&serde_json::from_slice(&answer.body).unwrap())
        }
    };
    let english = list_in("en-US").await;
    let offline = &Messages::english().app_refusal_client_offline;
    assert_eq!(
        english[0].actions[0].reason.as_ref(),
        Some(&offline.to_string())
    );
    for (accept_language, language) in [("nl", Language::Dutch), ("sv-SE", Language::Swedish)] {
        let m = Messages::of(language);
        let translated = list_in(accept_language).await;
        assert_eq!(translated.len(), english.len());
        for application in &translated {
            for action in &application.actions {
                assert_eq!(
                    action.reason.as_deref(),
                    Some(m.app_refusal_client_offline.as_ref()),
                    "{accept_language}: an offline client refuses every action"
                );
            }
        }
        let answer = server
            .get_in(&format!("{path}?$format=csv"), &token, accept_language)
            .await;
        let text = String::from_utf8(answer.body).unwrap();
        let header: Vec<&str> = APPLICATION_COLUMNS
            .iter()
            .filter(|column| column.is_default)
            .map(|column| (column.label)(m))
            .collect();
        assert_eq!(text.lines().next(), Some(header.join(",").as_str()));
        assert_ne!(header[0], "Name", "{accept_language}");
    }
}

#[tokio::test]
async fn only_configmgr_devices_have_applications() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let intune = device_where(&server, &token, INTUNE).await;
    let answer = server
        .get(&format!("{DEVICES}/{}/applications", intune.id), &token)
        .await;
    let message = answer.graph_error(StatusCode::BAD_REQUEST, "badRequest");
    assert!(message.contains("is managed by Intune"), "{message}");

    let answer = server
        .get(&format!("{DEVICES}/no-such-device/applications"), &token)
        .await;
    answer.graph_error(StatusCode::NOT_FOUND, "itemNotFound");
}

#[tokio::test]
async fn the_site_refuses_an_account_it_does_not_know() {
    let server = TestServer::start().await;
    let admin = server.token("admin@contoso.com").await;
    let device = device_where(&server, &admin, ONLINE_CONFIGMGR).await;
    let cloud = server.token("cloudadmin@contoso.com").await;
    let answer = server
        .get(&format!("{DEVICES}/{}/applications", device.id), &cloud)
        .await;
    let message = answer.graph_error(StatusCode::FORBIDDEN, "accessDenied");
    assert_eq!(message, SITE_REFUSAL_EXPLANATION);
}

/// The device's app `id` as the list shows it now.
async fn app(server: &TestServer, token: &str, device: &str, id: &str) -> Application {
    parsed(&applications(server, token, device, "").await)
        .into_iter()
        .find(|app| app.id == id)
        .unwrap()
}

async fn act(server: &TestServer, token: &str, device: &str, app: &str, action: &str) -> Answer {
    server
        .post(
            &format!("{DEVICES}/{device}/applications/{app}/{action}"),
            token,
            None,
        )
        .await
}

fn allowed(app: &Application, action: ApplicationActionName) -> bool {
    app.actions.iter().any(|a| a.name == action && a.allowed)
}

#[tokio::test]
async fn an_install_goes_through_the_pipeline_requested_installing_then_its_outcome() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("helpdesk@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let apps = parsed(&applications(&server, &token, &device.id, "").await);
    let target = apps
        .iter()
        .find(|app| allowed(app, ApplicationActionName::Install))
        .expect("an app to install");

    let answer = act(&server, &token, &device.id, &target.id, "install").await;
    assert_eq!(
        answer.status,
        StatusCode::ACCEPTED,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let requested = app(&server, &token, &device.id, &target.id).await;
    assert_eq!(requested.install_state, InstallState::InstallRequested);
    // Nothing more may be asked of the app while the install is on its way.
    assert!(requested.actions.iter().all(|action| !action.allowed));
    let again = act(&server, &token, &device.id, &target.id, "install").await;
    let message = again.graph_error(StatusCode::CONFLICT, "conflict");
    assert!(message.contains("has not finished"), "{message}");

    run_hops(&server.store).await; // service connection point
    run_hops(&server.store).await; // management point: pushed to the client
    let installing = app(&server, &token, &device.id, &target.id).await;
    assert_eq!(installing.install_state, InstallState::Installing);
    run_hops(&server.store).await; // the client enforces
    let done = app(&server, &token, &device.id, &target.id).await;
    assert!(
        matches!(
            done.install_state,
            InstallState::Installed | InstallState::Failed | InstallState::RequirementsNotMet
        ),
        "{done:?}"
    );
    assert_eq!(
        done.install_state == InstallState::Failed,
        done.error_code != 0
    );
    assert!(done.last_state_change_date_time > target.last_state_change_date_time);
    let last_action = done.last_action.as_ref().unwrap();
    assert_eq!(last_action.action_name, ApplicationActionName::Install);
    assert_eq!(last_action.action_state, ActionState::Done);
    assert!(requested.last_action.is_some());

    // The log: the site's components, then the client's task and its enforcement of this app.
    let log = server
        .get(
            &format!("{DEVICES}/{}/applications/{}/logs", device.id, target.id),
            &token,
        )
        .await;
    assert_eq!(log.status, StatusCode::OK);
    let lines = log.json()["value"].as_array().unwrap().clone();
    let files: Vec<&str> = lines
        .iter()
        .map(|line| line["logFile"].as_str().unwrap())
        .collect();
    assert_eq!(files[0], "CMGatewayNotificationWorker.log");
    assert!(files.contains(&"BgbServer.log"));
    assert!(files.contains(&"CcmNotificationAgent.log"));
    let client_side = files.last().unwrap();
    assert!(
        ["AppEnforce.log", "AppIntentEval.log"].contains(client_side),
        "{files:?}"
    );
    assert!(
        lines
            .iter()
            .any(|line| line["message"].as_str().unwrap().contains(&last_action.id))
    );
    // The device's action status lists device actions, not the app's.
    assert!(
        crate::device_actions::results(&server, &token, &device.id)
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn an_offline_clients_install_waits_as_requested_until_it_is_online() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let target = parsed(&applications(&server, &token, &device.id, "").await)
        .into_iter()
        .find(|app| allowed(app, ApplicationActionName::Install))
        .unwrap();
    assert_eq!(
        act(&server, &token, &device.id, &target.id, "install")
            .await
            .status,
        StatusCode::ACCEPTED
    );
    // The client goes offline after the request was accepted.
    assert!(
        server
            .store
            .set_client_online(&device.id, false)
            .await
            .unwrap()
    );
    for _ in 0..3 {
        run_hops(&server.store).await;
    }
    let waiting = app(&server, &token, &device.id, &target.id).await;
    assert_eq!(waiting.install_state, InstallState::InstallRequested);
    // Back online (the demo's documented way), the management point pushes and the client installs.
    let check_in = server
        .post(
            &format!("{DEVICES}/{}/simulateCheckIn", device.id),
            &token,
            None,
        )
        .await;
    assert_eq!(check_in.status, StatusCode::NO_CONTENT);
    for _ in 0..2 {
        run_hops(&server.store).await;
    }
    let done = app(&server, &token, &device.id, &target.id).await;
    assert_ne!(done.install_state, InstallState::InstallRequested);
    assert_ne!(done.install_state, InstallState::Installing);
}

#[tokio::test]
async fn uninstall_takes_an_installed_app_away() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let Some(target) = parsed(&applications(&server, &token, &device.id, "").await)
        .into_iter()
        .find(|app| allowed(app, ApplicationActionName::Uninstall))
    else {
        panic!("the first online ConfigMgr device has an app that may be uninstalled");
    };
    let answer = act(&server, &token, &device.id, &target.id, "uninstall").await;
    assert_eq!(answer.status, StatusCode::ACCEPTED);
    for _ in 0..3 {
        run_hops(&server.store).await;
    }
    let done = app(&server, &token, &device.id, &target.id).await;
    assert_eq!(done.install_state, InstallState::NotInstalled);
    assert!(allowed(&done, ApplicationActionName::Install));
}

#[tokio::test]
async fn application_actions_are_refused_with_their_reason() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let admin = server.token("admin@contoso.com").await;
    let device = device_where(&server, &admin, ONLINE_CONFIGMGR).await;
    let apps = parsed(&applications(&server, &admin, &device.id, "").await);

    // A prerequisite that does not hold: 409 with the reason the button shows.
    let (target, refused) = apps
        .iter()
        .find_map(|app| {
            app.actions
                .iter()
                .find(|action| !action.allowed)
                .map(|action| (app, action))
        })
        .unwrap();
    let answer = act(
        &server,
        &admin,
        &device.id,
        &target.id,
        refused.name.wire_name(),
    )
    .await;
    let message = answer.graph_error(StatusCode::CONFLICT, "conflict");
    assert!(
        message.ends_with(refused.reason.as_deref().unwrap()),
        "{message}"
    );

    // The read-only role, an account the site does not know, an unknown action and app.
    let reader = server.token("reader@contoso.com").await;
    let answer = act(&server, &reader, &device.id, &target.id, "reevaluate").await;
    answer.graph_error(StatusCode::FORBIDDEN, "accessDenied");
    let cloud = server.token("cloudadmin@contoso.com").await;
    let answer = act(&server, &cloud, &device.id, &target.id, "reevaluate").await;
    assert_eq!(
        answer.graph_error(StatusCode::FORBIDDEN, "accessDenied"),
        SITE_REFUSAL_EXPLANATION
    );
    let answer = act(&server, &admin, &device.id, &target.id, "explode").await;
    answer.graph_error(StatusCode::BAD_REQUEST, "badRequest");
    let answer = act(&server, &admin, &device.id, "no-such-app", "reevaluate").await;
    answer.graph_error(StatusCode::NOT_FOUND, "itemNotFound");
    let intune = device_where(&server, &admin, INTUNE).await;
    let answer = act(&server, &admin, &intune.id, &target.id, "reevaluate").await;
    answer.graph_error(StatusCode::BAD_REQUEST, "badRequest");
    // None of it started anything, and the app's log is empty.
    assert!(run_hops(&server.store).await.is_empty());
    let log = server
        .get(
            &format!("{DEVICES}/{}/applications/{}/logs", device.id, target.id),
            &admin,
        )
        .await;
    assert_eq!(log.json()["value"], serde_json::json!([]));
}

#[tokio::test]
async fn names_sort_whatever_their_case() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let names =
        |page: &Value| -> Vec<String> { parsed(page).into_iter().map(|app| app.name).collect() };
    let ascending =
        names(&applications(&server, &token, &device.id, "$orderby=name&$top=100").await);
    let mut expected = ascending.clone();
    expected.sort_by_key(|name| name.to_lowercase());
    assert_eq!(ascending, expected);
    // The demo catalog has names in both cases, so a case-sensitive sort would differ.
    let mut binary = ascending.clone();
    binary.sort();
    let all = names(&applications(&server, &token, &device.id, "$top=100").await);
    assert!(
        all.iter().any(|name| name.starts_with(char::is_lowercase)),
        "{all:?}"
    );
    assert_ne!(
        binary, expected,
        "the device's names do not tell the two sorts apart: {all:?}"
    );
    let descending =
        names(&applications(&server, &token, &device.id, "$orderby=name%20desc&$top=100").await);
    expected.reverse();
    assert_eq!(descending, expected);
}

#[tokio::test]
async fn an_application_action_takes_no_body_whitespace_or_any_object_and_refuses_what_is_not_one()
{
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("helpdesk@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let apps = parsed(&applications(&server, &token, &device.id, "").await);
    let installable: Vec<_> = apps
        .iter()
        .filter(|app| allowed(app, ApplicationActionName::Install))
        .take(3)
        .collect();
    assert_eq!(installable.len(), 3, "three apps to install");
    let install = |app: &str| format!("{DEVICES}/{}/applications/{app}/install", device.id);
    for body in ["[]", "install", "\"install\""] {
        server
            .post_text(&install(&installable[0].id), &token, body)
            .await
            .graph_error(StatusCode::BAD_REQUEST, "badRequest");
    }
    assert_eq!(
        app(&server, &token, &device.id, &installable[0].id)
            .await
            .install_state,
        installable[0].install_state,
        "a refused body changes nothing"
    );
    for (app, body) in installable
        .iter()
        .zip([" \n ", "{}", r#"{"@odata.type":"x"}"#])
    {
        let answer = server.post_text(&install(&app.id), &token, body).await;
        assert_eq!(answer.status, StatusCode::ACCEPTED, "{body:?}");
    }
}
