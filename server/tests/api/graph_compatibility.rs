//! Graph's own forms, accepted as Graph accepts them because administrators' scripts and Microsoft's
//! SDKs send them (SPEC §4.1): URL spellings, names in any case, collections an SDK can follow,
//! `$count`, and queries that do exactly what they say where Graph is known not to.

use std::collections::HashSet;

use axum::{
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use endpoint_admin_model::device::ManagedDevice;
use serde_json::Value;

use crate::common::{DEVICES, TestServer};

const LIST: &str = "/beta/deviceManagement/managedDevices";

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn ids(page: &Value) -> Vec<String> {
    page["value"]
        .as_array()
        .unwrap_or_else(|| panic!("no value: {page}"))
        .iter()
        .map(|device| device["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn ok_json(server: &TestServer, path: &str, token: &str) -> Value {
    let answer = server.get(path, token).await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{path}: {}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()
}

async fn all_devices(server: &TestServer, token: &str) -> Vec<ManagedDevice> {
    let page = ok_json(server, &format!("{LIST}?$top=1000"), token).await;
    serde_json::from_value(page["value"].clone()).unwrap()
}

/// The first device `filter` matches.
async fn a_device(server: &TestServer, token: &str, filter: &str) -> String {
    let page = ok_json(
        server,
        &format!("{LIST}?$top=1&$filter={}", encode(filter)),
        token,
    )
    .await;
    ids(&page).remove(0)
}

#[tokio::test]
async fn every_graph_spelling_of_a_device_url_reaches_the_device() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let id = a_device(&server, &token, "managementAgent eq 'mdm'").await;
    for path in [
        format!("{LIST}/{id}"),
        format!("{LIST}('{id}')"),
        format!("{LIST}({id})"),
        format!("{LIST}(id='{id}')"),
        format!("{LIST}(%27{id}%27)"),
        format!("/beta/devicemanagement/manageddevices/{id}"),
        format!("/Beta/DeviceManagement/ManagedDevices('{id}')"),
        format!("/BETA/deviceManagement/managedDevices/{id}/"),
        format!("/v1.0/deviceManagement/managedDevices/{id}"),
        format!("/v1.0/deviceManagement/managedDevices('{id}')/"),
    ] {
        let device = ok_json(&server, &path, &token).await;
        assert_eq!(device["id"], id.as_str(), "{path}");
    }
    for path in [
        format!("{LIST}('{id}')/deviceActionResults"),
        format!("{LIST}/{id}/DeviceActionResults/"),
        "/beta/Organization".to_owned(),
        "/v1.0/organization/".to_owned(),
        "/beta/deviceManagement/managedDevices/".to_owned(),
        "/V1.0/DEVICEMANAGEMENT/MANAGEDDEVICES?$top=1".to_owned(),
    ] {
        let collection = ok_json(&server, &path, &token).await;
        assert!(collection["value"].is_array(), "{path}: {collection}");
    }
    // A key that is not a device's is still the 404 it always was, not a 400 or a 405.
    let missing = server
        .get(&format!("{LIST}('no-such-device')"), &token)
        .await;
    missing.graph_error(StatusCode::NOT_FOUND, "itemNotFound");
}

#[tokio::test]
async fn actions_are_reached_by_key_in_parentheses_and_qualified_names() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let id = a_device(&server, &token, "managementAgent eq 'mdm'").await;
    let answer = server
        .post(
            &format!("{LIST}('{id}')/microsoft.graph.syncDevice"),
            &token,
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    let answer = server
        .post(
            &format!("/v1.0/deviceManagement/managedDevices/{id}/Microsoft.Graph.RebootNow/"),
            &token,
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    let results = ok_json(&server, &format!("{LIST}/{id}/deviceActionResults"), &token).await;
    let names: HashSet<_> = results["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| result["actionName"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        names.contains("syncDevice") && names.contains("rebootNow"),
        "{names:?}"
    );

    let deleted = server
        .call(
            Method::DELETE,
            &format!("{LIST}('{id}')"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let gone = server.get(&format!("{LIST}/{id}"), &token).await;
    gone.graph_error(StatusCode::NOT_FOUND, "itemNotFound");
}

#[tokio::test]
async fn system_query_options_read_in_any_case_encoded_or_without_their_dollar() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let filter = encode("operatingSystem eq 'Android'");
    let expected = ok_json(
        &server,
        &format!("{LIST}?$filter={filter}&$top=7&$orderby=deviceName&$count=true"),
        &token,
    )
    .await;
    assert!(expected["@odata.count"].as_u64().unwrap() > 7);
    for query in [
        format!("%24filter={filter}&%24top=7&%24orderby=deviceName&%24count=true"),
        format!("filter={filter}&top=7&orderby=deviceName&count=true"),
        format!("$FILTER={filter}&$Top=7&OrderBy=deviceName&$COUNT=true"),
        format!("Filter={filter}&%24TOP=7&$orderBy=deviceName&count=true"),
    ] {
        let page = ok_json(&server, &format!("{LIST}?{query}"), &token).await;
        assert_eq!(ids(&page), ids(&expected), "{query}");
        assert_eq!(page["@odata.count"], expected["@odata.count"], "{query}");
    }
    // One option given twice, once with its `$` and once without, is still twice.
    let twice = server
        .get(&format!("{LIST}?$top=5&top=6"), &token)
        .await
        .graph_error(StatusCode::BAD_REQUEST, "badRequest");
    assert_eq!(twice, "Invalid $top: given more than once.");
    // What OData does not name is not an option, and is still left alone.
    ok_json(&server, &format!("{LIST}?tenant=contoso&$top=1"), &token).await;
}

#[tokio::test]
async fn names_and_enum_values_read_in_any_case_and_an_unknown_name_is_still_named() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let same = |a: &str, b: &str| {
        let (a, b) = (a.to_owned(), b.to_owned());
        let server = &server;
        let token = &token;
        async move {
            let page = |filter: String| async move {
                ok_json(
                    server,
                    &format!("{LIST}?$top=1000&$count=true&$filter={}", encode(&filter)),
                    token,
                )
                .await
            };
            let (left, right) = (page(a.clone()).await, page(b.clone()).await);
            assert!(left["@odata.count"].as_u64().unwrap() > 0, "{a}");
            assert_eq!(ids(&left), ids(&right), "{a} ~ {b}");
        }
    };
    same(
        "OperatingSystem eq 'Android'",
        "operatingSystem eq 'Android'",
    )
    .await;
    same(
        "startsWith(DeviceName,'CONTOSO') AND IsOnline EQ TRUE",
        "startswith(deviceName,'CONTOSO') and isOnline eq true",
    )
    .await;
    same("managementAgent eq 'MDM'", "managementAgent eq 'mdm'").await;
    same(
        "managementagent in ('configurationmanagerclientmdm', 'CONFIGURATIONMANAGERCLIENT')",
        "managementAgent in ('configurationManagerClientMdm', 'configurationManagerClient')",
    )
    .await;
    let device = &all_devices(&server, &token).await[0];
    same(
        &format!("serialnumber eq '{}'", device.serial_number),
        &format!("serialNumber eq '{}'", device.serial_number),
    )
    .await;
    let sorted = ok_json(
        &server,
        &format!("{LIST}?$top=20&$orderby=LastSyncDateTime%20DESC&$select=DeviceName,id"),
        &token,
    )
    .await;
    let reference = ok_json(
        &server,
        &format!("{LIST}?$top=20&$orderby=lastSyncDateTime%20desc&$select=deviceName,id"),
        &token,
    )
    .await;
    assert_eq!(sorted["value"], reference["value"]);
    assert!(sorted["value"][0].get("deviceName").is_some());

    for (query, named) in [
        (
            "$filter=colour%20eq%20'red'",
            "Invalid $filter: unknown property 'colour'.",
        ),
        (
            "$select=deviceName,colour",
            "Invalid $select: unknown property 'colour'.",
        ),
        (
            "$orderby=colour",
            "Invalid $orderby: unknown property 'colour'.",
        ),
    ] {
        let message = server
            .get(&format!("{LIST}?{query}"), &token)
            .await
            .graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert_eq!(message, named, "{query}");
    }
}

#[tokio::test]
async fn filters_do_what_they_say_where_graph_is_known_not_to() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let devices = all_devices(&server, &token).await;
    let matching = |filter: &str| {
        let path = format!("{LIST}?$top=1000&$filter={}", encode(filter));
        let server = &server;
        let token = &token;
        async move {
            let mut found = ids(&ok_json(server, &path, token).await);
            found.sort();
            found
        }
    };
    let expected = |keep: &dyn Fn(&ManagedDevice) -> bool| {
        let mut ids: Vec<_> = devices
            .iter()
            .filter(|d| keep(d))
            .map(|d| d.id.clone())
            .collect();
        ids.sort();
        assert!(!ids.is_empty() && ids.len() < devices.len());
        ids
    };
    // Graph has been seen answering `ne` as `eq`, and applying only the first term of an `or`
    // across properties.
    assert_eq!(
        matching("operatingSystem ne 'Windows'").await,
        expected(&|d| d.operating_system != "Windows")
    );
    assert_eq!(
        matching("operatingSystem eq 'Android' or isEncrypted eq false").await,
        expected(&|d| d.operating_system == "Android" || !d.is_encrypted)
    );
    // PowerShell's `Get-Date -Format o` sends seven digits of a second.
    let since = devices[devices.len() / 2].enrolled_date_time;
    let fraction = format!("{}.0000001Z", since.format("%Y-%m-%dT%H:%M:%S"));
    assert_eq!(
        matching(&format!("enrolledDateTime ge {fraction}")).await,
        expected(&|d| d.enrolled_date_time > since)
    );
}

#[tokio::test]
async fn next_links_are_absolute_and_an_sdk_following_them_reads_every_device_once() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let mut seen = Vec::new();
    let mut next = Some("/v1.0/deviceManagement/managedDevices?$top=64&$orderby=model".to_owned());
    let mut pages = 0;
    while let Some(link) = next {
        let request = Request::get(&link)
            .header(header::HOST, "intune.example.test:8443")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        let page = server.send(request).await.json();
        assert_eq!(
            page["@odata.context"],
            "http://intune.example.test:8443/v1.0/$metadata#deviceManagement/managedDevices"
        );
        seen.extend(ids(&page));
        next = page["@odata.nextLink"].as_str().map(|link| {
            let rest = link
                .strip_prefix(
                    "http://intune.example.test:8443/v1.0/deviceManagement/managedDevices?",
                )
                .unwrap_or_else(|| panic!("{link}"));
            assert!(
                rest.contains("%24skiptoken=") && !rest.contains("%24skip="),
                "{link}"
            );
            link.to_owned()
        });
        pages += 1;
    }
    assert_eq!(pages, DEVICES.div_ceil(64));
    let unique: HashSet<_> = seen.iter().collect();
    assert_eq!((seen.len() as u64, unique.len() as u64), (DEVICES, DEVICES));

    let forged = server
        .get(&format!("{LIST}?$skiptoken=not-ours"), &token)
        .await
        .graph_error(StatusCode::BAD_REQUEST, "badRequest");
    assert!(forged.starts_with("Invalid $skiptoken"), "{forged}");
}

#[tokio::test]
async fn behind_a_proxy_links_start_at_the_public_url() {
    let server = TestServer::start_behind("https://intune.contoso.com/endpoint").await;
    let token = server.token("reader@contoso.com").await;
    let page = ok_json(&server, &format!("{LIST}?$top=10"), &token).await;
    assert_eq!(
        page["@odata.context"],
        "https://intune.contoso.com/endpoint/beta/$metadata#deviceManagement/managedDevices"
    );
    let next = page["@odata.nextLink"].as_str().unwrap();
    assert!(
        next.starts_with(
            "https://intune.contoso.com/endpoint/beta/deviceManagement/managedDevices?"
        ),
        "{next}"
    );
}

#[tokio::test]
async fn count_answers_plain_text_honouring_filter_and_search_with_or_without_consistency_level() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let devices = all_devices(&server, &token).await;
    let count = |query: String, eventual: bool| {
        let server = &server;
        let token = &token;
        async move {
            let mut request = Request::get(format!("{LIST}/$count?{query}"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"));
            if eventual {
                request = request.header("ConsistencyLevel", "eventual");
            }
            let answer = server.send(request.body(Body::empty()).unwrap()).await;
            assert_eq!(answer.status, StatusCode::OK, "{query}");
            assert_eq!(
                answer.headers[header::CONTENT_TYPE],
                "text/plain; charset=utf-8"
            );
            String::from_utf8(answer.body).unwrap()
        }
    };
    assert_eq!(count(String::new(), false).await, DEVICES.to_string());
    let android = devices
        .iter()
        .filter(|d| d.operating_system == "Android")
        .count();
    for eventual in [false, true] {
        let query = format!("$filter={}", encode("operatingSystem eq 'Android'"));
        assert_eq!(count(query, eventual).await, android.to_string());
    }
    let term = &devices[0].serial_number;
    let searched = devices
        .iter()
        .filter(|d| {
            [
                &d.device_name,
                &d.managed_device_name,
                &d.user_principal_name,
                &d.email_address,
                &d.serial_number,
                &d.imei,
            ]
            .iter()
            .any(|text| text.to_lowercase().contains(&term.to_lowercase()))
        })
        .count();
    assert_eq!(
        count(format!("$search={}", encode(&format!("\"{term}\""))), true).await,
        searched.to_string()
    );
    // The list itself takes the header too, and never needs it.
    let request = Request::get(format!("{LIST}?$count=true&$search=%22{term}%22"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header("ConsistencyLevel", "eventual")
        .body(Body::empty())
        .unwrap();
    assert_eq!(server.send(request).await.json()["@odata.count"], searched);
    let bad = server
        .get(&format!("{LIST}/$count?$filter=colour%20eq%201"), &token)
        .await
        .graph_error(StatusCode::BAD_REQUEST, "badRequest");
    assert_eq!(bad, "Invalid $filter: unknown property 'colour'.");
}
