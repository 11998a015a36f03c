//! `POST /beta/deviceManagement/managedDevices/executeAction`: by ids (Graph), and by the All
//! devices view with the count the admin confirmed.

use axum::http::StatusCode;
use endpoint_admin_model::{
    device::ManagedDevice,
    device_action::{DeviceActionName, Refusal, refusal},
};
use serde_json::{Value, json};

use crate::common::{TestServer, Worker, run_hops};
use crate::device_actions::{INTUNE, OFFLINE_CONFIGMGR, ONLINE_CONFIGMGR, device_where, results};

const EXECUTE: &str = "/beta/deviceManagement/managedDevices/executeAction";
const DEVICES: &str = "/beta/deviceManagement/managedDevices";

async fn execute(server: &TestServer, token: &str, body: Value) -> crate::common::Answer {
    server.post(EXECUTE, token, Some(body)).await
}

async fn count(server: &TestServer, token: &str, filter: &str) -> u64 {
    let filter: String = form_urlencoded::byte_serialize(filter.as_bytes()).collect();
    server
        .get(
            &format!("{DEVICES}?$top=1&$count=true&$filter={filter}"),
            token,
        )
        .await
        .json()["@odata.count"]
        .as_u64()
        .unwrap()
}

/// Every device of the tenant.
async fn all_devices(server: &TestServer, token: &str) -> Vec<ManagedDevice> {
    let page = server
        .get(&format!("{DEVICES}?$top=1000"), token)
        .await
        .json();
    serde_json::from_value(page["value"].clone()).unwrap()
}

#[tokio::test]
async fn by_ids_each_device_is_reported_as_it_fared() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let online = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let offline = device_where(&server, &token, OFFLINE_CONFIGMGR).await;
    let intune = device_where(&server, &token, INTUNE).await;
    let answer = execute(
        &server,
        &token,
        json!({
            "actionName": "refreshMachinePolicy",
            "deviceIds": [online.id, offline.id, intune.id, "no-such-device", online.id],
        }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let result = answer.json();
    assert_eq!(
        result["successfulDeviceIds"],
        json!([online.id, offline.id])
    );
    assert_eq!(result["notSupportedDeviceIds"], json!([intune.id]));
    assert_eq!(result["notFoundDeviceIds"], json!(["no-such-device"]));
    assert_eq!(result["failedDeviceIds"], json!([]));
    assert_eq!(result["successfulDeviceCount"], 2);
    assert_eq!(
        results(&server, &token, &online.id).await.len(),
        1,
        "a repeated id acts once"
    );
    assert_eq!(results(&server, &token, &intune.id).await.len(), 0);

    let retire = execute(
        &server,
        &token,
        json!({ "actionName": "retire", "deviceIds": [intune.id] }),
    )
    .await
    .json();
    assert_eq!(retire["successfulDeviceIds"], json!([intune.id]));
    let again = execute(
        &server,
        &token,
        json!({ "actionName": "rebootNow", "deviceIds": [intune.id] }),
    )
    .await
    .json();
    assert_eq!(
        again["failedDeviceIds"],
        json!([intune.id]),
        "it is leaving"
    );
}

#[tokio::test]
async fn by_view_every_matching_device_gets_the_action_when_the_count_is_what_the_admin_saw() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("helpdesk@contoso.com").await;
    let filter = "managementAgent eq 'configurationManagerClient' and operatingSystem eq 'Windows'";
    let matching = count(&server, &token, filter).await;
    assert!(matching > 20);
    let answer = execute(
        &server,
        &token,
        json!({ "actionName": "appEvaluation", "filter": filter, "expectedCount": matching }),
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let result = answer.json();
    assert!(
        result.get("successfulDeviceIds").is_none(),
        "counts, not id lists: {result}"
    );
    let successful = result["successfulDeviceCount"].as_u64().unwrap();
    let failed = result["failedDeviceCount"].as_u64().unwrap();
    assert_eq!(successful + failed, matching);
    assert_eq!(result["notSupportedDeviceCount"], 0);
    let ran = run_hops(&server.store).await;
    assert_eq!(ran.len() as u64, successful, "one action per device");
    let device = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    assert_eq!(results(&server, &token, &device.id).await.len(), 1);
}

#[tokio::test]
async fn by_view_a_count_that_changed_is_409_and_nothing_happens() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let filter = "managementAgent eq 'mdm'";
    let matching = count(&server, &token, filter).await;
    let pending = "managementState eq 'retirePending'";
    let pending_before = count(&server, &token, pending).await;
    let message = execute(
        &server,
        &token,
        json!({ "actionName": "retire", "filter": filter, "expectedCount": matching - 1 }),
    )
    .await
    .graph_error(StatusCode::CONFLICT, "conflict");
    assert!(
        message.contains(&format!("now matches {matching} devices")),
        "{message}"
    );
    assert_eq!(count(&server, &token, pending).await, pending_before);
    assert!(run_hops(&server.store).await.is_empty());
    let device = device_where(&server, &token, INTUNE).await;
    assert_eq!(results(&server, &token, &device.id).await.len(), 0);
}

#[tokio::test]
async fn by_view_with_a_search_acts_only_on_what_the_search_finds() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let searched = server
        .get(
            &format!("{DEVICES}?$top=1000&$count=true&$search=%22LT-00%22"),
            &token,
        )
        .await
        .json();
    let matching = searched["@odata.count"].as_u64().unwrap();
    assert!(matching > 0);
    let result = execute(
        &server,
        &token,
        json!({ "actionName": "quickScan", "search": "LT-00", "expectedCount": matching }),
    )
    .await
    .json();
    let acted = result["successfulDeviceCount"].as_u64().unwrap()
        + result["failedDeviceCount"].as_u64().unwrap()
        + result["notSupportedDeviceCount"].as_u64().unwrap();
    assert_eq!(acted, matching);
    for device in searched["value"].as_array().unwrap() {
        let expected = usize::from(
            device["managementAgent"]
                .as_str()
                .unwrap()
                .starts_with("configurationManagerClient")
                && device["configurationManagerClientInformation"]["isBlocked"] == false
                && !["retirePending", "wipePending"]
                    .contains(&device["managementState"].as_str().unwrap()),
        );
        assert_eq!(
            results(&server, &token, device["id"].as_str().unwrap())
                .await
                .len(),
            expected,
            "{device}"
        );
    }
}

#[tokio::test]
async fn by_view_the_sql_classifies_every_device_as_the_one_device_rule_does() {
    for action in [
        DeviceActionName::RefreshMachinePolicy,
        DeviceActionName::SyncDevice,
        DeviceActionName::Retire,
        DeviceActionName::Delete,
    ] {
        let server = TestServer::start_tenant(
            2000,
            endpoint_admin_model::organization::MdmAuthority::Intune,
        )
        .await;
        let token = server.token("admin@contoso.com").await;
        let mut devices = all_devices(&server, &token).await;
        let page_two = server
            .get(&format!("{DEVICES}?$top=1000&$skip=1000"), &token)
            .await
            .json();
        devices.extend(
            serde_json::from_value::<Vec<ManagedDevice>>(page_two["value"].clone()).unwrap(),
        );
        assert_eq!(devices.len(), 2000);
        let (mut successful, mut failed, mut not_supported) = (0, 0, 0);
        for device in &devices {
            match refusal(action, device) {
                None => successful += 1,
                Some(Refusal::NotSupported) => not_supported += 1,
                Some(_) => failed += 1,
            }
        }
        assert!(successful > 0 && not_supported > 0, "{action:?}");
        let result = execute(
            &server,
            &token,
            json!({ "actionName": action.wire_name(), "filter": "", "expectedCount": 2000 }),
        )
        .await
        .json();
        assert_eq!(
            result["successfulDeviceCount"], successful,
            "{action:?} {result}"
        );
        assert_eq!(result["failedDeviceCount"], failed, "{action:?}");
        assert_eq!(
            result["notSupportedDeviceCount"], not_supported,
            "{action:?}"
        );
    }
}

#[tokio::test]
async fn a_bulk_retire_keeps_the_counts_exact() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let filter = "managementAgent eq 'mdm' and operatingSystem eq 'iOS'";
    let matching = count(&server, &token, filter).await;
    let leaving = format!("{filter} and managementState eq 'retirePending'");
    let leaving_before = count(&server, &token, &leaving).await;
    let result = execute(
        &server,
        &token,
        json!({ "actionName": "retire", "filter": filter, "expectedCount": matching }),
    )
    .await
    .json();
    assert!(result["successfulDeviceCount"].as_u64().unwrap() > 0);
    // The first count comes from the counts table; the second (contains() is not a counted
    // column) from scanning the devices.
    let pending = "managementState eq 'retirePending'";
    assert_eq!(
        count(&server, &token, pending).await,
        count(
            &server,
            &token,
            &format!("{pending} and contains(deviceName, '')")
        )
        .await
    );
    assert_eq!(
        count(&server, &token, &leaving).await,
        leaving_before + result["successfulDeviceCount"].as_u64().unwrap()
    );
}

#[tokio::test]
async fn bad_requests_are_400_and_permissions_403() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let admin = server.token("admin@contoso.com").await;
    let device = device_where(&server, &admin, INTUNE).await;
    for (body, says) in [
        (
            json!({ "actionName": "formatDisk", "deviceIds": [device.id] }),
            "Invalid actionName 'formatDisk'",
        ),
        (
            json!({ "actionName": "Wipe", "deviceIds": [device.id] }),
            "Invalid actionName 'Wipe'",
        ),
        (
            json!({ "actionName": "setDeviceName", "deviceIds": [device.id] }),
            "deviceName is required",
        ),
        (
            json!({ "actionName": "setDeviceName", "deviceIds": [device.id], "deviceName": "LAB_{{serialnumber}}" }),
            "Invalid deviceName 'LAB_{{serialnumber}}': A device name can contain only letters",
        ),
        (
            json!({ "actionName": "setDeviceName", "deviceIds": [device.id], "deviceName": "LAB-{{assetTag}}" }),
            "unknown macro {{assetTag}}",
        ),
        (
            json!({ "actionName": "setDeviceName", "filter": "managementAgent eq 'mdm'", "expectedCount": 1, "deviceName": "LAB-{{rand:4}}" }),
            "setDeviceName takes deviceIds",
        ),
        (
            json!({ "actionName": "wipe", "deviceIds": [device.id], "keepUserData": "yes" }),
            "Invalid keepUserData",
        ),
        (
            json!({ "actionName": "wipe", "deviceIds": [device.id], "persistEsimDataPlan": 0 }),
            "Invalid persistEsimDataPlan",
        ),
        (
            json!({ "actionName": "collectDiagnostics", "deviceIds": [] }),
            "Invalid deviceIds",
        ),
        (json!({ "actionName": "retire" }), "Name the devices"),
        (
            json!({ "actionName": "retire", "deviceIds": [] }),
            "Invalid deviceIds",
        ),
        (
            json!({ "actionName": "retire", "deviceIds": vec!["x"; 1001] }),
            "Invalid deviceIds",
        ),
        (
            json!({ "actionName": "retire", "filter": "managementAgent eq 'mdm'" }),
            "expectedCount is required",
        ),
        (
            json!({ "actionName": "retire", "filter": "nope eq 1", "expectedCount": 1 }),
            "Invalid filter",
        ),
        (
            json!({ "actionName": "retire", "deviceIds": [device.id], "expectedCount": 1 }),
            "not both",
        ),
        (json!({ "deviceIds": [device.id] }), "actionName"),
    ] {
        let message = execute(&server, &admin, body.clone())
            .await
            .graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert!(message.contains(says), "{body}: {message}");
    }
    let reader = server.token("reader@contoso.com").await;
    execute(
        &server,
        &reader,
        json!({ "actionName": "syncDevice", "deviceIds": [device.id] }),
    )
    .await
    .graph_error(StatusCode::FORBIDDEN, "accessDenied");
    execute(&server, &reader, json!({}))
        .await
        .graph_error(StatusCode::FORBIDDEN, "accessDenied");
    let helpdesk = server.token("helpdesk@contoso.com").await;
    for action in ["retire", "wipe", "delete"] {
        execute(
            &server,
            &helpdesk,
            json!({ "actionName": action, "deviceIds": [device.id] }),
        )
        .await
        .graph_error(StatusCode::FORBIDDEN, "accessDenied");
    }
    assert_eq!(results(&server, &admin, &device.id).await.len(), 0);
}

/// The first `top` devices (by name) that `filter` matches.
async fn devices_where(
    server: &TestServer,
    token: &str,
    filter: &str,
    top: u32,
) -> Vec<ManagedDevice> {
    let filter: String = form_urlencoded::byte_serialize(filter.as_bytes()).collect();
    let page = server
        .get(&format!("{DEVICES}?$top={top}&$filter={filter}"), token)
        .await
        .json();
    serde_json::from_value(page["value"].clone()).unwrap()
}

const INTUNE_WINDOWS: &str =
    "managementAgent eq 'mdm' and operatingSystem eq 'Windows' and managementState eq 'managed'";
const INTUNE_IOS: &str =
    "managementAgent eq 'mdm' and operatingSystem eq 'iOS' and managementState eq 'managed'";

#[tokio::test]
async fn a_graph_action_this_product_does_not_carry_out_is_not_supported_on_every_device() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let intune = device_where(&server, &token, INTUNE).await;
    let client = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    for action_name in [
        "collectDiagnostics",
        "customTextNotification",
        "unknownFutureValue",
        "cleanWindowsDevice",
        "remoteLock",
    ] {
        let answer = execute(
            &server,
            &token,
            json!({
                "actionName": action_name,
                "deviceIds": [intune.id, client.id, "no-such-device", intune.id],
                "notificationTitle": "Restart tonight",
                "notificationBody": "IT will restart your device at 22:00.",
                "keepEnrollmentData": "false",
            }),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{action_name}");
        let result = answer.json();
        assert_eq!(
            result["notSupportedDeviceIds"],
            json!([intune.id, client.id])
        );
        assert_eq!(result["notFoundDeviceIds"], json!(["no-such-device"]));
        assert_eq!(result["successfulDeviceIds"], json!([]));
        assert_eq!(result["failedDeviceIds"], json!([]));
    }
    let windows = count(&server, &token, "operatingSystem eq 'Windows'").await;
    let by_view = execute(
        &server,
        &token,
        json!({ "actionName": "initiateDeviceAttestation", "filter": "operatingSystem eq 'Windows'", "expectedCount": windows }),
    )
    .await;
    assert_eq!(by_view.status, StatusCode::OK);
    assert_eq!(by_view.json()["notSupportedDeviceCount"], windows);
    assert_eq!(by_view.json()["successfulDeviceCount"], 0);
    execute(
        &server,
        &token,
        json!({ "actionName": "initiateDeviceAttestation", "filter": "operatingSystem eq 'Windows'", "expectedCount": windows + 1 }),
    )
    .await
    .graph_error(StatusCode::CONFLICT, "conflict");
    assert!(results(&server, &token, &intune.id).await.is_empty());
    assert!(results(&server, &token, &client.id).await.is_empty());
}

#[tokio::test]
async fn an_action_acts_on_the_devices_it_applies_to_and_lists_the_others_as_not_supported() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let intune = device_where(&server, &token, INTUNE).await;
    let client = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    let wipe = execute(
        &server,
        &token,
        json!({
            "actionName": "wipe",
            "deviceIds": [intune.id, client.id],
            "keepEnrollmentData": "false",
            "keepUserData": "TRUE",
            "persistEsimDataPlan": false,
            "@odata.type": "#microsoft.graph.executeActionPostRequestBody",
        }),
    )
    .await;
    assert_eq!(wipe.status, StatusCode::OK);
    assert_eq!(wipe.json()["successfulDeviceIds"], json!([intune.id]));
    assert_eq!(wipe.json()["notSupportedDeviceIds"], json!([client.id]));
    // Graph's signatureUpdate is the ConfigMgr client's Update Windows Defender security
    // intelligence; an Intune-only device has no client.
    let update = execute(
        &server,
        &token,
        json!({ "actionName": "signatureUpdate", "deviceIds": [client.id, intune.id] }),
    )
    .await;
    assert_eq!(update.status, StatusCode::OK);
    assert_eq!(update.json()["successfulDeviceIds"], json!([client.id]));
    assert_eq!(update.json()["notSupportedDeviceIds"], json!([intune.id]));
    assert_eq!(
        results(&server, &token, &client.id).await[0]["actionName"],
        "windowsDefenderUpdateSignatures"
    );
}

#[tokio::test]
async fn a_bulk_rename_gives_each_device_its_name_from_the_template() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let windows = devices_where(&server, &token, INTUNE_WINDOWS, 2).await;
    let answer = execute(
        &server,
        &token,
        json!({
            "actionName": "setDeviceName",
            "deviceIds": windows.iter().map(|device| &device.id).collect::<Vec<_>>(),
            "deviceName": "PC-{{SerialNumber}}",
        }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["successfulDeviceCount"], 2);
    let random = devices_where(&server, &token, INTUNE_IOS, 2).await;
    let answer = execute(
        &server,
        &token,
        json!({
            "actionName": "setDeviceName",
            "deviceIds": random.iter().map(|device| &device.id).collect::<Vec<_>>(),
            "deviceName": "KIOSK-{{rand:5}}",
        }),
    )
    .await;
    assert_eq!(answer.json()["successfulDeviceCount"], 2);
    run_hops(&server.store).await;
    for device in &windows {
        let renamed = server
            .get(&format!("{DEVICES}/{}", device.id), &token)
            .await
            .json();
        assert_eq!(
            renamed["deviceName"],
            format!("PC-{}", device.serial_number)
        );
    }
    for device in &random {
        let renamed = server
            .get(&format!("{DEVICES}/{}", device.id), &token)
            .await
            .json();
        let name = renamed["deviceName"].as_str().unwrap();
        let digits = name.strip_prefix("KIOSK-").unwrap();
        assert!(
            digits.len() == 5 && digits.chars().all(|c| c.is_ascii_digit()),
            "{name}"
        );
    }
}

#[tokio::test]
async fn a_bulk_rename_fails_the_devices_whose_name_breaks_the_rules_and_renames_the_others() {
    let server = TestServer::start_with_worker(Worker::Stopped).await;
    let token = server.token("admin@contoso.com").await;
    let windows = device_where(&server, &token, INTUNE_WINDOWS).await;
    let ios = device_where(&server, &token, INTUNE_IOS).await;
    let client = device_where(&server, &token, ONLINE_CONFIGMGR).await;
    // 15 characters before the serial number: too long for Windows, not for iOS.
    let answer = execute(
        &server,
        &token,
        json!({
            "actionName": "setDeviceName",
            "deviceIds": [windows.id, ios.id, client.id, "no-such-device"],
            "deviceName": "CONTOSO-KIOSK-{{serialnumber}}",
        }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let result = answer.json();
    assert_eq!(result["successfulDeviceIds"], json!([ios.id]));
    assert_eq!(result["failedDeviceIds"], json!([windows.id]));
    assert_eq!(result["notSupportedDeviceIds"], json!([client.id]));
    assert_eq!(result["notFoundDeviceIds"], json!(["no-such-device"]));
    assert!(results(&server, &token, &windows.id).await.is_empty());
    run_hops(&server.store).await;
    let renamed = server
        .get(&format!("{DEVICES}/{}", ios.id), &token)
        .await
        .json();
    assert_eq!(
        renamed["deviceName"],
        format!("CONTOSO-KIOSK-{}", ios.serial_number)
    );
    let unchanged = server
        .get(&format!("{DEVICES}/{}", windows.id), &token)
        .await
        .json();
    assert_eq!(unchanged["deviceName"], windows.device_name);
}
