//! Actions on one device: ConfigMgr actions through every hop of the tenant-attach pipeline (the
//! offline wait, the site's refusal of a cloud-only account), Intune's actions, and both gates.
//!
//! Most tests stop the worker and run the hops themselves, one step at a time.

use axum::http::{Method, StatusCode};
use endpoint_admin_model::{
    device::ManagedDevice,
    device_action::{SITE_REFUSAL_EXPLANATION, WAITING_FOR_CLIENT},
    overview::ManagedDeviceOverview,
};
use serde_json::{Value, json};

use crate::common::{TestServer, Worker, run_hops};

const DEVICES: &str = "/beta/deviceManagement/managedDevices";

/// The first device (by name) that `filter` matches.
pub async fn device_where(server: &TestServer, token: &str, filter: &str) -> ManagedDevice {
    let filter: String = form_urlencoded::byte_serialize(filter.as_bytes()).collect();
    let page = server
        .get(&format!("{DEVICES}?$top=1&$filter={filter}"), token)
        .await
        .json();
    serde_json::from_value(page["value"][0].clone())
        .unwrap_or_else(|_| panic!("no device matches {filter}"))
}

pub const ONLINE_CONFIGMGR: &str = "managementAgent eq 'configurationManagerClient' and isOnline eq true and configurationManagerClientInformation/isBlocked eq false and managementState eq 'managed'";
pub const OFFLINE_CONFIGMGR: &str = "managementAgent eq 'configurationManagerClient' and isOnline eq false and configurationManagerClientInformation/isBlocked eq false and managementState eq 'managed'";
pub const INTUNE: &str = "managementAgent eq 'mdm' and managementState eq 'managed'";
const INTUNE_WINDOWS: &str =
    "managementAgent eq 'mdm' and operatingSystem eq 'Windows' and managementState eq 'managed'";
const CO_MANAGED: &str = "managementAgent eq 'configurationManagerClientMdm' and isOnline eq true and managementState eq 'managed'";

fn machine_policy() -> Value {
    json!({ "configurationManagerAction": { "action": "refreshMachinePolicy" } })
}

async fn trigger(
    server: &TestServer,
    token: &str,
    id: &str,
    action: &str,
) -> crate::common::Answer {
    server
        .post(
            &format!("{DEVICES}/{id}/triggerConfigurationManagerAction"),
            token,
            Some(json!({ "configurationManagerAction": { "action": action } })),
        )
        .await
}

/// The device's action results, newest first.
pub async fn results(server: &TestServer, token: &str, id: &str) -> Vec<Value> {
    let answer = server
        .get(&format!("{DEVICES}/{id}/deviceActionResults"), token)
        .await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()["value"].as_array().unwrap().clone()
}

async fn log_messages(server: &TestServer, token: &str, id: &str, result: &str) -> Vec<String> {
    let answer = server
        .get(
            &format!("{DEVICES}/{id}/deviceActionResults/{result}/logs"),
            token,
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    answer.json()["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line["message"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_configuration_manager_action_is_recorded_before_the_204_and_travels_every_hop() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let answer = trigger(&server, &token, &device.id, "refreshMachinePolicy").await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    let location = answer.headers["location"].to_str().unwrap().to_string();
    let result_id = location.rsplit('/').next().unwrap().to_string();
    assert!(location.starts_with(&format!("{DEVICES}/{}/deviceActionResults/", device.id)));

    let fetched = server
        .get(&format!("{DEVICES}/{}", device.id), &token)
        .await
        .json();
    let first = &fetched["deviceActionResults"][0];
    assert_eq!(first["id"], result_id);
    assert_eq!(first["actionName"], "refreshMachinePolicy");
    assert_eq!(first["actionState"], "pending");
    assert_eq!(first["pipelineStage"], "serviceConnectionPoint");
    assert!(
        log_messages(&server, &token, &device.id, &result_id)
            .await
            .is_empty()
    );
    assert_eq!(
        server.get(&location, &token).await.json()["actionState"],
        "pending"
    );

    let expected = [
        ("active", Some("managementPoint"), 4),
        ("active", Some("client"), 6),
        ("done", None, 8),
    ];
    for (state, stage, lines) in expected {
        run_hops(&server.store).await;
        let result = &results(&server, &token, &device.id).await[0];
        assert_eq!(result["actionState"], state, "{result}");
        assert_eq!(result.get("pipelineStage").and_then(Value::as_str), stage);
        let log = log_messages(&server, &token, &device.id, &result_id).await;
        assert_eq!(log.len(), lines, "{log:?}");
    }
    let log = log_messages(&server, &token, &device.id, &result_id).await;
    assert!(log[2].starts_with(
        "Authorized to perform client action. TemplateID: RequestMachinePolicy TenantId: "
    ));
    assert!(log[3].contains(&format!("TaskGuid: {result_id}")));
    assert!(log[5].starts_with("Starting to send push task (PushID: "));
    assert!(log[7].ends_with("<ReturnCode>1</ReturnCode></BgbResponseMessage> successfully."));
    assert!(
        run_hops(&server.store).await.is_empty(),
        "nothing is left to run"
    );
}

#[tokio::test]
async fn each_configuration_manager_action_logs_its_own_template() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("helpdesk@contoso.com").await;
    let device = device_where(&server, &token, CO_MANAGED).await;
    for (action, template) in [
        ("refreshUserPolicy", "RequestUserPolicy"),
        ("appEvaluation", "AppDeplEval"),
        ("wakeUpClient", "WakeUpClient"),
        ("quickScan", "QuickScan"),
        ("fullScan", "FullScan"),
        ("windowsDefenderUpdateSignatures", "DownloadDefinition"),
    ] {
        let answer = trigger(&server, &token, &device.id, action).await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT, "{action}");
        run_hops(&server.store).await;
        let result = &results(&server, &token, &device.id).await[0];
        assert_eq!(result["actionName"], action);
        let id = result["id"].as_str().unwrap();
        let log = log_messages(&server, &token, &device.id, id).await;
        assert!(
            log[2].contains(&format!("TemplateID: {template} ")),
            "{log:?}"
        );
    }
}

#[tokio::test]
async fn an_offline_clients_action_waits_at_the_management_point_until_it_is_online() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, OFFLINE_CONFIGMGR).await;
    assert_eq!(
        trigger(&server, &token, &device.id, "appEvaluation")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    run_hops(&server.store).await;
    run_hops(&server.store).await;
    let waiting = &results(&server, &token, &device.id).await[0];
    assert_eq!(waiting["actionState"], "active");
    assert_eq!(waiting["pipelineStage"], "managementPoint");
    assert_eq!(waiting["errorMessage"], WAITING_FOR_CLIENT);
    assert!(run_hops(&server.store).await.is_empty(), "the push waits");
    let id = waiting["id"].as_str().unwrap();
    assert_eq!(log_messages(&server, &token, &device.id, id).await.len(), 4);

    let online = server
        .post(
            &format!("{DEVICES}/{}/simulateCheckIn", device.id),
            &token,
            None,
        )
        .await;
    assert_eq!(online.status, StatusCode::NO_CONTENT);
    let fetched: ManagedDevice = serde_json::from_value(
        server
            .get(&format!("{DEVICES}/{}", device.id), &token)
            .await
            .json(),
    )
    .unwrap();
    assert!(fetched.is_online);
    run_hops(&server.store).await;
    run_hops(&server.store).await;
    let done = &results(&server, &token, &device.id).await[0];
    assert_eq!(done["actionState"], "done", "{done}");
    assert_eq!(log_messages(&server, &token, &device.id, id).await.len(), 8);
}

#[tokio::test]
async fn the_site_refuses_a_cloud_only_account_at_the_service_connection_point() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("cloudadmin@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let answer = trigger(&server, &token, &device.id, "refreshMachinePolicy").await;
    assert_eq!(
        answer.status,
        StatusCode::NO_CONTENT,
        "Intune's gate lets it through"
    );
    run_hops(&server.store).await;
    let failed = &results(&server, &token, &device.id).await[0];
    assert_eq!(failed["actionState"], "failed");
    assert_eq!(failed["errorMessage"], SITE_REFUSAL_EXPLANATION);
    assert!(failed.get("pipelineStage").is_none());
    let log = log_messages(&server, &token, &device.id, failed["id"].as_str().unwrap()).await;
    assert_eq!(log.len(), 3);
    assert!(log[2].starts_with(
        "Unauthorized to perform client action. TemplateID: RequestMachinePolicy TenantId: "
    ));
    assert!(run_hops(&server.store).await.is_empty());
}

#[tokio::test]
async fn actions_that_do_not_fit_the_device_are_400_and_record_nothing() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let intune = device_where(&server, &token, INTUNE).await;
    let configmgr = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let message = trigger(&server, &token, &intune.id, "refreshMachinePolicy")
        .await
        .graph_error(StatusCode::BAD_REQUEST, "badRequest");
    assert!(
        message.contains("needs a Configuration Manager client"),
        "{message}"
    );
    for path in ["syncDevice", "rebootNow", "retire", "wipe"] {
        let message = server
            .post(&format!("{DEVICES}/{}/{path}", configmgr.id), &token, None)
            .await
            .graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert!(
            message.contains("is for Intune-managed and co-managed devices"),
            "{message}"
        );
    }
    server
        .call(
            Method::DELETE,
            &format!("{DEVICES}/{}", configmgr.id),
            Some(&token),
            None,
        )
        .await
        .graph_error(StatusCode::BAD_REQUEST, "badRequest");
    assert!(results(&server, &token, &intune.id).await.is_empty());
    assert!(results(&server, &token, &configmgr.id).await.is_empty());
}

#[tokio::test]
async fn intunes_gate_is_403_for_the_reader_on_every_action_and_for_the_help_desk_on_retire_wipe_and_delete()
 {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let admin = server.token("admin@contoso.com").await;
    let co_managed = device_where(&server, &admin, CO_MANAGED).await;
    let reader = server.token("reader@contoso.com").await;
    let helpdesk = server.token("helpdesk@contoso.com").await;
    let device = format!("{DEVICES}/{}", co_managed.id);
    let posts = [
        ("triggerConfigurationManagerAction", Some(machine_policy())),
        ("syncDevice", None),
        ("rebootNow", None),
        ("setDeviceName", Some(json!({ "deviceName": "LAB-01" }))),
        ("retire", None),
        ("wipe", None),
        ("simulateCheckIn", None),
    ];
    for (path, body) in &posts {
        server
            .post(&format!("{device}/{path}"), &reader, body.clone())
            .await
            .graph_error(StatusCode::FORBIDDEN, "accessDenied");
    }
    server
        .call(Method::DELETE, &device, Some(&reader), None)
        .await
        .graph_error(StatusCode::FORBIDDEN, "accessDenied");
    for path in ["retire", "wipe"] {
        server
            .post(&format!("{device}/{path}"), &helpdesk, None)
            .await
            .graph_error(StatusCode::FORBIDDEN, "accessDenied");
    }
    server
        .call(Method::DELETE, &device, Some(&helpdesk), None)
        .await
        .graph_error(StatusCode::FORBIDDEN, "accessDenied");
    assert!(
        results(&server, &admin, &co_managed.id).await.is_empty(),
        "nothing was recorded"
    );
    for (path, body) in &posts[..4] {
        let answer = server
            .post(&format!("{device}/{path}"), &helpdesk, body.clone())
            .await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT, "{path}");
    }
    // A bad body is still 403 for someone who may not act at all.
    server
        .post(
            &format!("{device}/triggerConfigurationManagerAction"),
            &reader,
            Some(json!({})),
        )
        .await
        .graph_error(StatusCode::FORBIDDEN, "accessDenied");
}

#[tokio::test]
async fn unknown_devices_are_404_and_bad_bodies_400() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    for path in [
        "triggerConfigurationManagerAction",
        "syncDevice",
        "rebootNow",
        "retire",
        "wipe",
        "simulateCheckIn",
        "deviceActionResults",
    ] {
        let uri = format!("{DEVICES}/no-such-device/{path}");
        let answer = if path == "deviceActionResults" {
            server.get(&uri, &token).await
        } else {
            let body = (path == "triggerConfigurationManagerAction").then(machine_policy);
            server.post(&uri, &token, body).await
        };
        answer.graph_error(StatusCode::NOT_FOUND, "itemNotFound");
    }
    server
        .call(
            Method::DELETE,
            &format!("{DEVICES}/no-such-device"),
            Some(&token),
            None,
        )
        .await
        .graph_error(StatusCode::NOT_FOUND, "itemNotFound");
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let trigger_path = format!("{DEVICES}/{}/triggerConfigurationManagerAction", device.id);
    for body in [
        json!({ "configurationManagerAction": { "action": "formatDisk" } }),
        json!({ "configurationManagerAction": {} }),
        json!({}),
        json!("refreshMachinePolicy"),
    ] {
        let message = server
            .post(&trigger_path, &token, Some(body.clone()))
            .await
            .graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert!(!message.is_empty(), "{body}");
    }
    server
        .get(
            &format!(
                "{DEVICES}/{}/deviceActionResults/no-such-result/logs",
                device.id
            ),
            &token,
        )
        .await
        .graph_error(StatusCode::NOT_FOUND, "itemNotFound");
    let intune = device_where(&server, &token, INTUNE).await;
    server
        .post(
            &format!("{DEVICES}/{}/wipe", intune.id),
            &token,
            Some(json!({ "keepUserData": "yes" })),
        )
        .await
        .graph_error(StatusCode::BAD_REQUEST, "badRequest");
    assert!(results(&server, &token, &device.id).await.is_empty());
    assert!(results(&server, &token, &intune.id).await.is_empty());
}

#[tokio::test]
async fn rename_follows_the_admin_centers_rules_and_applies_at_the_check_in() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let windows = device_where(&server, &token, INTUNE_WINDOWS).await;
    let rename = format!("{DEVICES}/{}/setDeviceName", windows.id);
    for (name, rule) in [
        ("", "Enter a device name."),
        ("LAB_01", "only letters, numbers and hyphens"),
        ("LAB 01", "only letters, numbers and hyphens"),
        ("1234", "can't contain only numbers"),
        ("CONTOSO-LAB-0001", "at most 15 characters"),
    ] {
        let message = server
            .post(&rename, &token, Some(json!({ "deviceName": name })))
            .await
            .graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert!(message.contains(rule), "{name}: {message}");
    }
    assert!(results(&server, &token, &windows.id).await.is_empty());
    let answer = server
        .post(
            &rename,
            &token,
            Some(json!({ "deviceName": "CONTOSO-LAB-01" })),
        )
        .await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert_eq!(
        results(&server, &token, &windows.id).await[0]["actionState"],
        "pending"
    );
    run_hops(&server.store).await;
    assert_eq!(
        results(&server, &token, &windows.id).await[0]["actionState"],
        "done"
    );
    let renamed = server
        .get(&format!("{DEVICES}/{}", windows.id), &token)
        .await
        .json();
    assert_eq!(renamed["deviceName"], "CONTOSO-LAB-01");
    let found = server
        .get(
            &format!("{DEVICES}?$search=%22contoso-lab-01%22&$count=true"),
            &token,
        )
        .await
        .json();
    assert_eq!(
        found["@odata.count"], 1,
        "the search index follows the rename"
    );
}

async fn overview(server: &TestServer, token: &str) -> ManagedDeviceOverview {
    serde_json::from_value(
        server
            .get("/beta/deviceManagement/managedDeviceOverview", token)
            .await
            .json(),
    )
    .unwrap()
}

fn state_count(overview: &ManagedDeviceOverview, state: &str) -> u64 {
    overview
        .management_state_counts
        .iter()
        .find(|count| count.value.wire_name() == state)
        .map_or(0, |count| count.count)
}

#[tokio::test]
async fn retire_shows_retire_pending_everywhere_and_the_device_leaves_at_its_next_check_in() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, INTUNE).await;
    let before = overview(&server, &token).await;
    let answer = server
        .post(&format!("{DEVICES}/{}/retire", device.id), &token, None)
        .await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);

    let fetched = server
        .get(&format!("{DEVICES}/{}", device.id), &token)
        .await
        .json();
    assert_eq!(fetched["managementState"], "retirePending");
    assert_eq!(fetched["deviceActionResults"][0]["actionState"], "pending");
    let after = overview(&server, &token).await;
    assert_eq!(
        state_count(&after, "retirePending"),
        state_count(&before, "retirePending") + 1
    );
    assert_eq!(
        state_count(&after, "managed"),
        state_count(&before, "managed") - 1
    );
    let listed = server
        .get(
            &format!("{DEVICES}?$filter=managementState%20eq%20%27retirePending%27%20and%20id%20eq%20%27{}%27", device.id),
            &token,
        )
        .await
        .json();
    assert_eq!(listed["value"].as_array().unwrap().len(), 1);
    assert!(
        run_hops(&server.store).await.is_empty(),
        "the check-in is hours away"
    );
    server
        .post(&format!("{DEVICES}/{}/retire", device.id), &token, None)
        .await
        .graph_error(StatusCode::CONFLICT, "conflict");

    server
        .post(&format!("{DEVICES}/{}/rebootNow", device.id), &token, None)
        .await
        .graph_error(StatusCode::CONFLICT, "conflict");
    let check_in = server
        .post(
            &format!("{DEVICES}/{}/simulateCheckIn", device.id),
            &token,
            None,
        )
        .await;
    assert_eq!(check_in.status, StatusCode::NO_CONTENT);
    run_hops(&server.store).await;
    server
        .get(&format!("{DEVICES}/{}", device.id), &token)
        .await
        .graph_error(StatusCode::NOT_FOUND, "itemNotFound");
    let gone = overview(&server, &token).await;
    assert_eq!(gone.enrolled_device_count, before.enrolled_device_count - 1);
    assert_eq!(
        state_count(&gone, "retirePending"),
        state_count(&before, "retirePending")
    );
}

#[tokio::test]
async fn sync_makes_a_device_with_a_pending_wipe_check_in_now_and_leave() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, INTUNE).await;
    let wipe = server
        .post(
            &format!("{DEVICES}/{}/wipe", device.id),
            &token,
            Some(json!({ "keepEnrollmentData": true, "keepUserData": false })),
        )
        .await;
    assert_eq!(wipe.status, StatusCode::NO_CONTENT);
    assert_eq!(
        server
            .get(&format!("{DEVICES}/{}", device.id), &token)
            .await
            .json()["managementState"],
        "wipePending"
    );
    assert!(
        run_hops(&server.store).await.is_empty(),
        "the check-in is hours away"
    );
    let sync = server
        .post(&format!("{DEVICES}/{}/syncDevice", device.id), &token, None)
        .await;
    assert_eq!(sync.status, StatusCode::NO_CONTENT);
    run_hops(&server.store).await;
    let wiped = results(&server, &token, &device.id).await;
    assert_eq!(wiped[1]["actionName"], "wipe");
    run_hops(&server.store).await;
    server
        .get(&format!("{DEVICES}/{}", device.id), &token)
        .await
        .graph_error(StatusCode::NOT_FOUND, "itemNotFound");
}

#[tokio::test]
async fn restart_and_sync_complete_at_the_check_in_and_update_the_last_check_in() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("helpdesk@contoso.com").await;
    let device = device_where(&server, &token, INTUNE).await;
    for path in ["rebootNow", "syncDevice"] {
        let answer = server
            .post(&format!("{DEVICES}/{}/{path}", device.id), &token, None)
            .await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT);
    }
    run_hops(&server.store).await;
    let all = results(&server, &token, &device.id).await;
    let names: Vec<_> = all
        .iter()
        .map(|result| result["actionName"].clone())
        .collect();
    assert_eq!(
        names,
        [json!("syncDevice"), json!("rebootNow")],
        "newest first"
    );
    assert!(all.iter().all(|result| result["actionState"] == "done"));
    let fetched: ManagedDevice = serde_json::from_value(
        server
            .get(&format!("{DEVICES}/{}", device.id), &token)
            .await
            .json(),
    )
    .unwrap();
    assert!(fetched.last_sync_date_time > device.last_sync_date_time);
}

#[tokio::test]
async fn delete_removes_the_device_at_once_and_its_actions_with_it() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, CO_MANAGED).await;
    let before = overview(&server, &token).await;
    assert_eq!(
        trigger(&server, &token, &device.id, "fullScan")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let answer = server
        .call(
            Method::DELETE,
            &format!("{DEVICES}/{}", device.id),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    server
        .get(&format!("{DEVICES}/{}", device.id), &token)
        .await
        .graph_error(StatusCode::NOT_FOUND, "itemNotFound");
    assert_eq!(
        overview(&server, &token).await.enrolled_device_count,
        before.enrolled_device_count - 1
    );
    assert!(
        run_hops(&server.store).await.is_empty(),
        "the scan left with the device"
    );
}

#[tokio::test]
async fn with_the_worker_running_an_action_reaches_done_by_itself() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    assert_eq!(
        trigger(&server, &token, &device.id, "appEvaluation")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    for _ in 0..200 {
        if results(&server, &token, &device.id).await[0]["actionState"] == "done" {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("the action never reached done");
}

#[tokio::test]
async fn wipe_reads_booleans_sent_as_strings_and_graphs_other_parameters() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let intune = device_where(&server, &token, INTUNE).await;
    let wipe = format!("{DEVICES}/{}/wipe", intune.id);
    for (body, member) in [
        (json!({ "keepUserData": "yes" }), "keepUserData"),
        (json!({ "keepEnrollmentData": 1 }), "keepEnrollmentData"),
        (json!({ "useProtectedWipe": "" }), "useProtectedWipe"),
        (
            json!({ "obliterationBehavior": "sometimes" }),
            "obliterationBehavior",
        ),
        (json!({ "macOsUnlockCode": 123456 }), "macOsUnlockCode"),
    ] {
        let message = server
            .post(&wipe, &token, Some(body.clone()))
            .await
            .graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert!(
            message.contains(&format!("Invalid {member}")),
            "{body}: {message}"
        );
    }
    assert!(results(&server, &token, &intune.id).await.is_empty());
    let answer = server
        .post(
            &wipe,
            &token,
            Some(json!({
                "@odata.type": "#microsoft.graph.wipePostRequestBody",
                "keepEnrollmentData": "FALSE",
                "keepUserData": "false",
                "persistEsimDataPlan": " True ",
                "useProtectedWipe": false,
                "macOsUnlockCode": null,
                "obliterationBehavior": "default",
                "reason": "sent by a script",
            })),
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::NO_CONTENT,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(
        results(&server, &token, &intune.id).await[0]["actionName"],
        "wipe"
    );
    let device = server
        .get(&format!("{DEVICES}/{}", intune.id), &token)
        .await
        .json();
    assert_eq!(device["managementState"], "wipePending");
}

#[tokio::test]
async fn bodies_with_odata_type_and_members_tools_add_are_read_for_what_they_mean() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let client = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let trigger = server
        .post(
            &format!("{DEVICES}/{}/triggerConfigurationManagerAction", client.id),
            &token,
            Some(json!({
                "@odata.type": "#microsoft.graph.triggerConfigurationManagerActionPostRequestBody",
                "configurationManagerAction": {
                    "@odata.type": "microsoft.graph.configurationManagerAction",
                    "action": "refreshMachinePolicy",
                },
                "clientRequestId": "7b0c",
            })),
        )
        .await;
    assert_eq!(trigger.status, StatusCode::NO_CONTENT);
    let windows = device_where(&server, &token, INTUNE_WINDOWS).await;
    let rename = server
        .post(
            &format!("{DEVICES}/{}/setDeviceName", windows.id),
            &token,
            Some(json!({
                "@odata.type": "#microsoft.graph.setDeviceNamePostRequestBody",
                "deviceName": "CONTOSO-LAB-02",
                "restartAfterRename": true,
            })),
        )
        .await;
    assert_eq!(rename.status, StatusCode::NO_CONTENT);
    let signed_in = server
        .call(
            Method::POST,
            "/auth/token",
            None,
            Some(json!({
                "@odata.type": "#microsoft.graph.tokenRequest",
                "userPrincipalName": "admin@contoso.com",
                "password": "demo",
                "scope": "https://graph.microsoft.com/.default",
            })),
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::OK);
    // A NUL in a member nobody reads still refuses the body, and the action is not recorded.
    let intune = device_where(&server, &token, INTUNE).await;
    server
        .post(
            &format!("{DEVICES}/{}/rebootNow", intune.id),
            &token,
            Some(json!({ "note": "a\u{0}b" })),
        )
        .await
        .graph_error(StatusCode::BAD_REQUEST, "badRequest");
    assert!(results(&server, &token, &intune.id).await.is_empty());
}

#[tokio::test]
async fn actions_without_parameters_take_no_body_whitespace_or_any_object() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let filter: String = form_urlencoded::byte_serialize(INTUNE.as_bytes()).collect();
    let intune: Vec<ManagedDevice> = serde_json::from_value(
        server
            .get(&format!("{DEVICES}?$top=8&$filter={filter}"), &token)
            .await
            .json()["value"]
            .clone(),
    )
    .unwrap();
    let bodies = [
        "",
        "   \r\n\t ",
        "{}",
        r##"{"@odata.type":"#microsoft.graph.syncDevice"}"##,
    ];
    for (body, device) in bodies.iter().zip(&intune) {
        for action in ["syncDevice", "rebootNow", "simulateCheckIn", "retire"] {
            let answer = server
                .post_text(&format!("{DEVICES}/{}/{action}", device.id), &token, body)
                .await;
            assert_eq!(
                answer.status,
                StatusCode::NO_CONTENT,
                "{action} with {body:?}: {}",
                String::from_utf8_lossy(&answer.body)
            );
        }
        assert_eq!(results(&server, &token, &device.id).await.len(), 3);
    }
    let untouched = &intune[bodies.len()];
    for body in ["[]", "\"syncDevice\"", "null", "sync please", "{\"a\":"] {
        for action in ["syncDevice", "rebootNow", "retire"] {
            let message = server
                .post_text(
                    &format!("{DEVICES}/{}/{action}", untouched.id),
                    &token,
                    body,
                )
                .await
                .graph_error(StatusCode::BAD_REQUEST, "badRequest");
            assert!(!message.is_empty());
        }
    }
    assert!(results(&server, &token, &untouched.id).await.is_empty());
    let wipe = server
        .post_text(&format!("{DEVICES}/{}/wipe", untouched.id), &token, " \n ")
        .await;
    assert_eq!(wipe.status, StatusCode::NO_CONTENT);
}
