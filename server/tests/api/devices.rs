//! `GET /beta/deviceManagement/managedDevices`: every query option, every error, paging, search,
//! and the CSV export.

use std::collections::HashSet;

use axum::http::StatusCode;
use endpoint_admin_model::i18n::Messages;
use endpoint_admin_model::{
    device::ManagedDevice, device_column::DeviceColumn, organization::MdmAuthority,
};
use endpoint_admin_server::demo::demo_device;
use endpoint_admin_server::odata::{MANAGED_DEVICE, WHOLE_ROW};
use serde_json::Value;

use crate::common::{DEVICES, STORAGES, TestServer};

const LIST: &str = "/beta/deviceManagement/managedDevices";

fn ids(page: &Value) -> Vec<String> {
    page["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|device| device["id"].as_str().unwrap().to_string())
        .collect()
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Which devices a filter should match.
type Expectation = Box<dyn Fn(&ManagedDevice) -> bool>;

async fn list(server: &TestServer, token: &str, query: &str) -> Value {
    let answer = server.get(&format!("{LIST}?{query}"), token).await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{query}: {}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()
}

/// Every device of the test tenant, as the API returns them.
async fn all_devices(server: &TestServer, token: &str) -> Vec<ManagedDevice> {
    let page = list(server, token, "$top=1000").await;
    serde_json::from_value(page["value"].clone()).unwrap()
}

#[tokio::test]
async fn the_list_pages_with_top_skip_count_and_a_next_link() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let first = list(&server, &token, "$top=50&$count=true").await;
    assert_eq!(first["@odata.count"], DEVICES);
    assert_eq!(ids(&first).len(), 50);
    let next = first["@odata.nextLink"].as_str().unwrap();
    assert!(
        next.starts_with(&format!("http://localhost{LIST}?")) && next.contains("%24skiptoken="),
        "{next}"
    );
    let second = server.get(next, &token).await.json();
    assert_eq!(second["@odata.count"], DEVICES);
    let overlap: HashSet<_> = ids(&first).into_iter().collect();
    assert!(ids(&second).iter().all(|id| !overlap.contains(id)));

    let default = list(&server, &token, "").await;
    assert_eq!(ids(&default).len(), 100);
    assert!(default.get("@odata.count").is_none());
    let last = list(&server, &token, &format!("$top=50&$skip={}", DEVICES - 10)).await;
    assert_eq!(ids(&last).len(), 10);
    assert!(last.get("@odata.nextLink").is_none());
}

#[tokio::test]
async fn paging_through_ties_never_repeats_or_skips_a_device() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    // The next link starts after the last row's sort key: in either direction, over several
    // properties in mixed directions, and over properties some devices lack (NULLs sort first
    // ascending, last descending), it gives the pages `$skip` gives.
    for (order, select) in [
        "",
        "deviceName desc",
        "complianceState",
        "managementAgent desc",
        "operatingSystem,osVersion desc",
        "lastSyncDateTime desc",
        "configurationManagerClientInformation/clientVersion",
        "configurationManagerClientInformation/clientVersion desc,deviceName",
        "azureADDeviceId desc",
        "configurationManagerClientInformation/isBlocked desc,enrolledDateTime",
    ]
    .into_iter()
    .flat_map(|order| [(order, ""), (order, "&$select=id")])
    {
        // A page reads only the selected columns, and those its key needs.
        let order = &format!("{}{select}", encode(order));
        let mut seen = Vec::new();
        let mut next = Some(format!("{LIST}?$top=37&$orderby={order}"));
        while let Some(link) = next {
            let page = server.get(&link, &token).await.json();
            seen.extend(ids(&page));
            next = page["@odata.nextLink"].as_str().map(str::to_string);
        }
        let unique: HashSet<_> = seen.iter().collect();
        assert_eq!(seen.len() as u64, DEVICES, "{order}");
        assert_eq!(unique.len() as u64, DEVICES, "{order}");
        let mut by_skip = Vec::new();
        for skip in (0..DEVICES).step_by(37) {
            let query = format!("$top=37&$skip={skip}&$orderby={order}");
            by_skip.extend(ids(&list(&server, &token, &query).await));
        }
        assert_eq!(seen, by_skip, "{order}");
    }
    // Under a filter and a search too.
    let filter = encode("operatingSystem eq 'Windows' or complianceState eq 'noncompliant'");
    let view = format!("$filter={filter}&$search=%22o%22&$orderby=osVersion%20desc");
    let mut seen = Vec::new();
    let mut page = list(&server, &token, &format!("$top=20&{view}")).await;
    loop {
        seen.extend(ids(&page));
        let Some(next) = page["@odata.nextLink"].as_str() else {
            break;
        };
        page = server.get(next, &token).await.json();
    }
    let all = list(&server, &token, &format!("$top=1000&{view}")).await;
    assert!(seen.len() > 40);
    assert_eq!(seen, ids(&all));
}

#[tokio::test]
async fn orderby_sorts_both_ways_with_ties_broken_by_id() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let ascending: Vec<ManagedDevice> = serde_json::from_value(
        list(&server, &token, "$top=1000&$orderby=lastSyncDateTime").await["value"].clone(),
    )
    .unwrap();
    assert!(ascending.windows(2).all(|pair| {
        (pair[0].last_sync_date_time, &pair[0].id) < (pair[1].last_sync_date_time, &pair[1].id)
    }));
    let descending: Vec<ManagedDevice> = serde_json::from_value(
        list(&server, &token, "$top=1000&$orderby=complianceState%20desc").await["value"].clone(),
    )
    .unwrap();
    assert!(descending.windows(2).all(|pair| {
        (pair[0].compliance_state.wire_name(), &pair[0].id)
            >= (pair[1].compliance_state.wire_name(), &pair[1].id)
    }));
    let by_name: Vec<ManagedDevice> =
        serde_json::from_value(list(&server, &token, "$top=1000").await["value"].clone()).unwrap();
    // Text sorts as people read it, whatever its case.
    assert!(by_name.windows(2).all(|pair| {
        pair[0].device_name.to_ascii_lowercase() <= pair[1].device_name.to_ascii_lowercase()
    }));
}

#[tokio::test]
async fn text_sorts_as_people_read_it_whatever_its_case() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    // By the bytes, every capital sorts before every small letter: Android, Windows, iOS, …
    let mut systems: Vec<String> = Vec::new();
    for device in all_devices_sorted(&server, &token, "operatingSystem").await {
        if systems.last() != Some(&device.operating_system) {
            systems.push(device.operating_system);
        }
    }
    assert_eq!(systems, ["Android", "iOS", "iPadOS", "macOS", "Windows"]);
    let descending = all_devices_sorted(&server, &token, "operatingSystem desc").await;
    assert_eq!(descending[0].operating_system, "Windows");
    assert_eq!(descending[descending.len() - 1].operating_system, "Android");
    // Names in any case: `eq` still matches the exact text only.
    let name = &descending[0].device_name;
    for (value, matches) in [(name.clone(), 1), (name.to_ascii_lowercase(), 0)] {
        let filter = encode(&format!("deviceName eq '{value}'"));
        let page = list(&server, &token, &format!("$count=true&$filter={filter}")).await;
        assert_eq!(page["@odata.count"], matches, "{value}");
    }
}

/// Every device, `$orderby` as given, following the next links.
async fn all_devices_sorted(server: &TestServer, token: &str, order: &str) -> Vec<ManagedDevice> {
    let mut devices = Vec::new();
    let mut page = list(
        server,
        token,
        &format!("$top=1000&$orderby={}", encode(order)),
    )
    .await;
    loop {
        devices
            .extend(serde_json::from_value::<Vec<ManagedDevice>>(page["value"].clone()).unwrap());
        let Some(next) = page["@odata.nextLink"].as_str() else {
            return devices;
        };
        let query = next.split_once('?').unwrap().1.to_string();
        page = list(server, token, &query).await;
    }
}

#[tokio::test]
async fn filters_match_exactly_the_devices_they_describe() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let all = all_devices(&server, &token).await;
    let cases: Vec<(&str, Expectation)> = vec![
        (
            "managementAgent eq 'configurationManagerClient'",
            Box::new(|d| d.management_agent.wire_name() == "configurationManagerClient"),
        ),
        (
            "operatingSystem in ('iOS', 'Android')",
            Box::new(|d| d.operating_system == "iOS" || d.operating_system == "Android"),
        ),
        (
            "complianceState ne 'compliant' and managedDeviceOwnerType eq 'personal'",
            Box::new(|d| {
                d.compliance_state.wire_name() != "compliant"
                    && d.managed_device_owner_type.wire_name() == "personal"
            }),
        ),
        (
            "startswith(deviceName,'CONTOSO-LT')",
            Box::new(|d| d.device_name.to_lowercase().starts_with("contoso-lt")),
        ),
        (
            "contains(userPrincipalName,'vance')",
            Box::new(|d| d.user_principal_name.to_lowercase().contains("vance")),
        ),
        ("not (isOnline eq true)", Box::new(|d| !d.is_online)),
        (
            "lastSyncDateTime ge 2020-01-01T00:00:00Z and isEncrypted eq false",
            Box::new(|d| !d.is_encrypted),
        ),
    ];
    for (filter, expected) in cases {
        let page = list(
            &server,
            &token,
            &format!("$top=1000&$count=true&$filter={}", encode(filter)),
        )
        .await;
        let want: HashSet<String> = all
            .iter()
            .filter(|d| expected(d))
            .map(|d| d.id.clone())
            .collect();
        let got: HashSet<String> = ids(&page).into_iter().collect();
        assert_eq!(got, want, "{filter}");
        assert_eq!(page["@odata.count"], want.len() as u64, "{filter}");
    }
}

#[tokio::test]
async fn pages_of_many_matches_are_the_same_whichever_plan_reads_them() {
    // From 10,000 matches on, pages are read by walking the sort index (a search checked with
    // LIKE) instead of looking every match up: the answers must not change.
    const LARGE: u64 = 20_000;
    let server = TestServer::start_tenant(LARGE, MdmAuthority::Intune).await;
    let token = server.token("admin@contoso.com").await;
    let now = chrono::Utc::now();
    let mut devices: Vec<ManagedDevice> = (0..LARGE).map(|i| demo_device(i, LARGE, now)).collect();
    devices.sort_by_key(|d| (d.device_name.to_ascii_lowercase(), d.id.clone()));
    let cases: Vec<(String, Expectation)> = vec![
        (
            format!("$search={}", encode("\"contoso\"")),
            Box::new(|d| {
                [
                    &d.device_name,
                    &d.user_principal_name,
                    &d.email_address,
                    &d.managed_device_name,
                ]
                .iter()
                .any(|field| field.to_lowercase().contains("contoso"))
            }),
        ),
        (
            format!(
                "$filter={}",
                encode("managementAgent eq 'configurationManagerClient'")
            ),
            Box::new(|d| d.management_agent.wire_name() == "configurationManagerClient"),
        ),
    ];
    for (query, expected) in cases {
        let want: Vec<&ManagedDevice> = devices.iter().filter(|d| expected(d)).collect();
        assert!(want.len() >= 10_000, "{query} must take the walking plan");
        let page = list(
            &server,
            &token,
            &format!("{query}&$count=true&$top=50&$skip=100"),
        )
        .await;
        assert_eq!(page["@odata.count"], want.len() as u64, "{query}");
        let want_ids: Vec<String> = want[100..150].iter().map(|d| d.id.clone()).collect();
        assert_eq!(ids(&page), want_ids, "{query}");
    }

    // Sorted by a column whose index meets the matches late (or never evenly), a walk stops after
    // half as many entries as there are matches and the matches are sorted instead: first pages,
    // middle pages and the last page must be the ones a full sort gives.
    let config_manager: Vec<&ManagedDevice> = devices
        .iter()
        .filter(|d| d.management_agent.wire_name() == "configurationManagerClient")
        .collect();
    let filter = encode("managementAgent eq 'configurationManagerClient'");
    type SortKey = fn(&ManagedDevice) -> String;
    let sorts: [(&str, SortKey, bool); 4] = [
        (
            "osVersion asc",
            |d| d.os_version.to_ascii_lowercase(),
            false,
        ),
        (
            "operatingSystem desc",
            |d| d.operating_system.to_ascii_lowercase(),
            true,
        ),
        (
            "userPrincipalName asc",
            |d| d.user_principal_name.to_ascii_lowercase(),
            false,
        ),
        (
            "deviceName desc",
            |d| d.device_name.to_ascii_lowercase(),
            true,
        ),
    ];
    for (order, key, descending) in sorts {
        let mut want = config_manager.clone();
        want.sort_by(|a, b| (key(a), &a.id).cmp(&(key(b), &b.id)));
        if descending {
            want.reverse();
        }
        let matching = want.len();
        for skip in [0, 5_000, matching - 20] {
            let page = list(
                &server,
                &token,
                &format!(
                    "$filter={filter}&$orderby={}&$count=true&$top=50&$skip={skip}",
                    encode(order)
                ),
            )
            .await;
            let want_ids: Vec<String> = want[skip..(skip + 50).min(matching)]
                .iter()
                .map(|d| d.id.clone())
                .collect();
            assert_eq!(ids(&page), want_ids, "{order}, $skip={skip}");
        }
    }
}

#[tokio::test]
async fn a_quote_in_a_value_is_data_not_sql() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let filter = encode("deviceName eq 'x'' OR 1=1 --'");
    let page = list(&server, &token, &format!("$count=true&$filter={filter}")).await;
    assert_eq!(page["@odata.count"], 0);
    let search = encode("\"x' OR 1=1 --\"");
    let page = list(&server, &token, &format!("$count=true&$search={search}")).await;
    assert_eq!(page["@odata.count"], 0);
}

#[tokio::test]
async fn search_finds_substrings_of_name_upn_email_serial_and_imei_in_any_case() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let now = chrono::Utc::now();
    let devices: Vec<ManagedDevice> = (0..DEVICES).map(|i| demo_device(i, DEVICES, now)).collect();
    let phone = devices.iter().find(|d| !d.imei.is_empty()).unwrap();
    let terms = [
        devices[7].device_name[2..9].to_lowercase(),
        devices[11].user_principal_name[..5].to_uppercase(),
        devices[13].serial_number[1..5].to_string(),
        phone.imei[3..11].to_string(),
        "lt".to_string(),
        "Q".to_string(),
    ];
    for term in terms {
        let needle = term.to_lowercase();
        let want: HashSet<String> = devices
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
                .any(|field| field.to_lowercase().contains(&needle))
            })
            .map(|d| d.id.clone())
            .collect();
        assert!(!want.is_empty(), "{term}");
        for quoted in [format!("\"{term}\""), term.clone()] {
            let page = list(
                &server,
                &token,
                &format!("$top=1000&$count=true&$search={}", encode(&quoted)),
            )
            .await;
            let got: HashSet<String> = ids(&page).into_iter().collect();
            assert_eq!(got, want, "search {quoted}");
            assert_eq!(page["@odata.count"], want.len() as u64);
        }
    }
}

#[tokio::test]
async fn select_returns_only_the_chosen_properties() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let page = list(&server, &token, "$top=3&$select=deviceName,serialNumber,configurationManagerClientInformation/clientVersion").await;
    for device in page["value"].as_array().unwrap() {
        let keys: Vec<_> = device.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys.len(), 3, "{device}");
        assert!(device["deviceName"].is_string() && device["serialNumber"].is_string());
    }
}

#[tokio::test]
async fn bad_query_options_are_400s_naming_the_option() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let cases = [
        ("$filter=password%20eq%20'x'", "$filter"),
        ("$filter=deviceName%20eq", "$filter"),
        ("$filter=complianceState%20eq%20'fine'", "$filter"),
        ("$filter=(deviceName%20eq%20'x'", "$filter"),
        ("$orderby=password", "$orderby"),
        ("$orderby=deviceName%20sideways", "$orderby"),
        ("$select=deviceName,secret", "$select"),
        ("$top=0", "$top"),
        ("$top=1001", "$top"),
        ("$top=ten", "$top"),
        ("$skip=-1", "$skip"),
        ("$count=maybe", "$count"),
        ("$format=xml", "$format"),
        ("$expand=users", "$expand"),
        ("$top=5&$top=6", "$top"),
        ("$skiptoken=abc", "$skiptoken"),
    ];
    for (query, option) in cases {
        let answer = server.get(&format!("{LIST}?{query}"), &token).await;
        let message = answer.graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert!(message.contains(option), "{query}: {message}");
    }
}

#[tokio::test]
async fn one_device_by_id_or_a_404() {
    let server = TestServer::start().await;
    let token = server.token("helpdesk@contoso.com").await;
    let first = ids(&list(&server, &token, "$top=1").await).remove(0);
    let device = server.get(&format!("{LIST}/{first}"), &token).await;
    assert_eq!(device.status, StatusCode::OK);
    assert_eq!(device.json()["id"], first.as_str());
    server
        .get(
            &format!("{LIST}/00000000-0000-0000-0000-000000000000"),
            &token,
        )
        .await
        .graph_error(StatusCode::NOT_FOUND, "itemNotFound");
    server
        .call(axum::http::Method::GET, LIST, None, None)
        .await
        .graph_error(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[tokio::test]
async fn the_csv_export_speaks_the_language_the_request_accepts() {
    use endpoint_admin_model::i18n::Language;
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let select = "deviceName,managementAgent,complianceState,isEncrypted,azureADDeviceId";
    let path = format!("{LIST}?$format=csv&$orderby=deviceName&$select={select}");
    let rows_in = |accept_language: &'static str| {
        let (server, token, path) = (&server, &token, &path);
        async move {
            let answer = server.get_in(path, token, accept_language).await;
            assert_eq!(answer.status, StatusCode::OK);
            let mut reader = csv::Reader::from_reader(answer.body.as_slice());
            let headers = reader.headers().unwrap().clone();
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            (headers, rows)
        }
    };
    let (english, english_rows) = rows_in("de-DE, fr;q=0.8").await;
    assert_eq!(
        english,
        vec![
            "Device name",
            "Managed by",
            "Compliance",
            "Encrypted",
            "Microsoft Entra Device ID"
        ]
    );
    for (accept_language, language) in [
        ("nl-NL,nl;q=0.9,en;q=0.8", Language::Dutch),
        ("en;q=0.5, sv-SE", Language::Swedish),
    ] {
        let m = Messages::of(language);
        let (headers, rows) = rows_in(accept_language).await;
        // The grid's columns in the language; a property no grid shows keeps Graph's English.
        assert_eq!(
            headers,
            vec![
                m.column_device_name.as_ref(),
                &m.column_managed_by,
                &m.column_compliance,
                &m.column_encrypted,
                "Microsoft Entra Device ID"
            ],
            "{accept_language}"
        );
        assert_ne!(headers, english);
        assert_eq!(rows.len(), english_rows.len());
        for (row, english_row) in rows.iter().zip(&english_rows).take(50) {
            assert_eq!(&row[0], &english_row[0], "names are data, never translated");
            let agent = endpoint_admin_model::device::ManagementAgent::ALL
                .iter()
                .find(|agent| agent.label(Messages::english()) == &english_row[1])
                .unwrap();
            assert_eq!(&row[1], agent.label(m));
            assert!([m.yes.as_ref(), &m.no].contains(&&row[3]), "{row:?}");
        }
    }
}

#[tokio::test]
async fn the_csv_export_streams_every_matching_row_in_order_under_grid_labels() {
    for storage in STORAGES {
        let server = TestServer::start_in(storage).await;
        let token = server.token("admin@contoso.com").await;
        let filter = encode("operatingSystem eq 'Windows'");
        let json = list(
            &server,
            &token,
            &format!("$top=1000&$count=true&$filter={filter}&$orderby=lastSyncDateTime%20desc"),
        )
        .await;
        let answer = server
            .get(
                &format!("{LIST}?$format=csv&$filter={filter}&$orderby=lastSyncDateTime%20desc&$select=deviceName,managementAgent,lastSyncDateTime,isEncrypted"),
                &token,
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.headers["content-type"], "text/csv; charset=utf-8");
        assert!(
            answer.headers["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let mut reader = csv::Reader::from_reader(answer.body.as_slice());
        assert_eq!(
            reader.headers().unwrap(),
            vec!["Device name", "Managed by", "Last check-in", "Encrypted"]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len() as u64, json["@odata.count"].as_u64().unwrap());
        assert!(rows.len() > 100, "more rows than one page");
        let devices: Vec<ManagedDevice> = serde_json::from_value(json["value"].clone()).unwrap();
        for (row, device) in rows.iter().zip(&devices) {
            assert_eq!(&row[0], device.device_name);
            assert_eq!(&row[1], device.management_agent.label(Messages::english()));
            assert_eq!(
                &row[2],
                device
                    .last_sync_date_time
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            );
            assert!(["Yes", "No"].contains(&&row[3]));
        }
    }
}

#[tokio::test]
async fn the_csv_export_defuses_formulas() {
    for storage in STORAGES {
        let server = TestServer::start_in(storage).await;
        let now = chrono::Utc::now();
        let mut hostile = demo_device(DEVICES + 1, DEVICES + 2, now);
        hostile.id = "hostile".to_string();
        hostile.device_name = "=HYPERLINK(\"http://evil\")".to_string();
        hostile.user_principal_name = "@evil".to_string();
        server.store.insert_devices([hostile]).await.unwrap();
        let token = server.token("admin@contoso.com").await;
        let filter = encode("id eq 'hostile'");
        let answer = server
            .get(
                &format!(
                    "{LIST}?$format=csv&$filter={filter}&$select=deviceName,userPrincipalName"
                ),
                &token,
            )
            .await;
        let mut reader = csv::Reader::from_reader(answer.body.as_slice());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[0], "'=HYPERLINK(\"http://evil\")");
        assert_eq!(&row[1], "'@evil");
    }
}

#[tokio::test]
async fn the_csv_export_reads_every_selected_column() {
    for storage in STORAGES {
        let server = TestServer::start_in(storage).await;
        let token = server.token("admin@contoso.com").await;
        let select: Vec<&str> = MANAGED_DEVICE
            .iter()
            .map(|property| property.name)
            .collect();
        let query = format!(
            "$filter={}&$orderby=id&$select={}",
            encode("managementAgent eq 'configurationManagerClientMdm'"),
            select.join(",")
        );
        let json = list(&server, &token, &format!("{query}&$top=1000")).await;
        let devices: Vec<Value> = json["value"].as_array().unwrap().clone();
        assert!(devices.len() > 10);
        let answer = server
            .get(&format!("{LIST}?$format=csv&{query}"), &token)
            .await;
        let mut reader = csv::Reader::from_reader(answer.body.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), devices.len());
        for (row, json) in rows.iter().zip(&devices) {
            let device: ManagedDevice = serde_json::from_value(json.clone()).unwrap();
            for (cell, name) in row.iter().zip(&select) {
                let expected = match DeviceColumn::from_property(name) {
                    Some(column) => column.cell(Messages::english(), &device),
                    None => match name.split('/').fold(json, |value, key| &value[key]) {
                        Value::String(text) => text.clone(),
                        Value::Bool(true) => "Yes".to_string(),
                        Value::Bool(false) => "No".to_string(),
                        Value::Null => String::new(),
                        other => other.to_string(),
                    },
                };
                // Defused as every export cell is (SPEC: formula injection).
                let expected = if expected.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{expected}")
                } else {
                    expected
                };
                assert_eq!(cell, expected, "{name} of {}", device.id);
            }
        }
    }
}

/// `GET …/$count?{query}` as JSON: the bounded count's answer.
async fn bounded_count(server: &TestServer, token: &str, query: &str) -> Value {
    let answer = server.get(&format!("{LIST}/$count?{query}"), token).await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{query}: {}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(
        answer.headers[axum::http::header::CONTENT_TYPE],
        "application/json",
        "{query}"
    );
    answer.json()
}

/// Graph's plain `$count`, exact.
async fn exact_count(server: &TestServer, token: &str, query: &str) -> u64 {
    let answer = server.get(&format!("{LIST}/$count?{query}"), token).await;
    assert_eq!(answer.status, StatusCode::OK, "{query}");
    String::from_utf8(answer.body).unwrap().parse().unwrap()
}

fn on_postgres() -> bool {
    std::env::var("EA_TEST_DATABASE").is_ok_and(|database| database.starts_with("postgres"))
}

#[tokio::test]
async fn a_bounded_count_stops_at_its_cap_and_says_it_is_not_exact() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    // Neither index can count these: a filter off the Filter pane's columns, and a search too
    // short for the trigram index (with a filter, so no store counts it in its index).
    for query in [
        format!("$filter={}", encode("contains(deviceName,'-')")),
        format!(
            "$search={}&$filter={}",
            encode("\"a\""),
            encode("operatingSystem ne 'none'")
        ),
    ] {
        let exact = exact_count(&server, &token, &query).await;
        assert!(exact > 20, "{query}: {exact}");
        let at_most = exact - 1;
        assert_eq!(
            bounded_count(&server, &token, &format!("{query}&atMost={at_most}")).await,
            serde_json::json!({"count": at_most, "isExact": false}),
            "{query}"
        );
        assert_eq!(
            bounded_count(&server, &token, &format!("{query}&atMost=10")).await,
            serde_json::json!({"count": 10, "isExact": false}),
            "{query}"
        );
        // At the cap or under it, the count went to the end: exact.
        for at_most in [exact, exact + 1, 100_000] {
            assert_eq!(
                bounded_count(&server, &token, &format!("{query}&ATMOST={at_most}")).await,
                serde_json::json!({"count": exact, "isExact": true}),
                "{query}, atMost={at_most}"
            );
        }
    }
    // Nothing matches: exactly none.
    let none = format!("$filter={}", encode("deviceName eq 'no such device'"));
    assert_eq!(
        bounded_count(&server, &token, &format!("{none}&atMost=5")).await,
        serde_json::json!({"count": 0, "isExact": true})
    );
}

#[tokio::test]
async fn a_bounded_count_is_exact_above_its_cap_where_an_index_counts_at_once() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    // The counts table answers the Filter pane's columns, and no filter at all, exactly.
    for query in [
        String::new(),
        format!("$filter={}", encode("operatingSystem eq 'Windows'")),
        format!(
            "$filter={}",
            encode(
                "managementAgent in ('configurationManagerClient','mdm') and complianceState ne 'compliant'"
            )
        ),
    ] {
        let exact = exact_count(&server, &token, &query).await;
        assert!(exact > 1, "{query}: {exact}");
        assert_eq!(
            bounded_count(&server, &token, &format!("{query}&atMost=1")).await,
            serde_json::json!({"count": exact, "isExact": true}),
            "{query}"
        );
    }
    assert_eq!(
        bounded_count(&server, &token, "atMost=1").await["count"],
        DEVICES
    );
    // A search alone of 3 or more characters: SQLite counts it in its trigram index; PostgreSQL
    // counts its matches up to the cap.
    let search = format!("$search={}", encode("\"contoso\""));
    let exact = exact_count(&server, &token, &search).await;
    assert!(exact > 1, "{exact}");
    let bounded = bounded_count(&server, &token, &format!("{search}&atMost=1")).await;
    if on_postgres() {
        assert_eq!(bounded, serde_json::json!({"count": 1, "isExact": false}));
    } else {
        assert_eq!(
            bounded,
            serde_json::json!({"count": exact, "isExact": true})
        );
    }
}

#[tokio::test]
async fn a_bad_cap_is_refused_naming_at_most_and_the_plain_count_stays_graphs() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    for bad in ["0", "-1", "ten", "", "100001", "1.5"] {
        let message = server
            .get(&format!("{LIST}/$count?atMost={bad}"), &token)
            .await
            .graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert_eq!(
            message,
            format!("Invalid atMost: expected a whole number from 1 to 100000, found '{bad}'."),
        );
    }
    let twice = server
        .get(&format!("{LIST}/$count?atMost=5&atMost=6"), &token)
        .await
        .graph_error(StatusCode::BAD_REQUEST, "badRequest");
    assert_eq!(twice, "Invalid atMost: given more than once.");
    // A bad $filter is named before the cap is looked at.
    let bad_filter = server
        .get(
            &format!("{LIST}/$count?$filter=colour%20eq%201&atMost=5"),
            &token,
        )
        .await
        .graph_error(StatusCode::BAD_REQUEST, "badRequest");
    assert_eq!(bad_filter, "Invalid $filter: unknown property 'colour'.");
    // Without a cap, `$count` is Graph's: the exact number as text.
    let plain = server.get(&format!("{LIST}/$count"), &token).await;
    assert_eq!(
        plain.headers[axum::http::header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );
    assert_eq!(String::from_utf8(plain.body).unwrap(), DEVICES.to_string());
    // And the list's `@odata.count` stays exact whatever the size.
    let page = list(
        &server,
        &token,
        &format!(
            "$count=true&$top=1&$filter={}",
            encode("contains(deviceName,'-')")
        ),
    )
    .await;
    assert_eq!(
        page["@odata.count"],
        exact_count(
            &server,
            &token,
            &format!("$filter={}", encode("contains(deviceName,'-')"))
        )
        .await
    );
}

/// Every property of Graph beta's `managedDevice` (Microsoft's Graph SDK for Python, 1.66.0,
/// `ManagedDevice.get_field_deserializers`), its navigation properties left out.
const GRAPH_PROPERTIES: [&str; 85] = [
    "id",
    "aadRegistered",
    "activationLockBypassCode",
    "androidSecurityPatchLevel",
    "autopilotEnrolled",
    "azureADDeviceId",
    "azureADRegistered",
    "azureActiveDirectoryDeviceId",
    "bootstrapTokenEscrowed",
    "chassisType",
    "chromeOSDeviceInfo",
    "cloudPcRemoteActionResults",
    "complianceGracePeriodExpirationDateTime",
    "complianceState",
    "configurationManagerClientEnabledFeatures",
    "configurationManagerClientHealthState",
    "configurationManagerClientInformation",
    "deviceActionResults",
    "deviceCategoryDisplayName",
    "deviceEnrollmentType",
    "deviceFirmwareConfigurationInterfaceManaged",
    "deviceHealthAttestationState",
    "deviceHealthScriptStates",
    "deviceName",
    "deviceRegistrationState",
    "deviceType",
    "easActivated",
    "easActivationDateTime",
    "easDeviceId",
    "emailAddress",
    "enrolledByUserPrincipalName",
    "enrolledDateTime",
    "enrollmentProfileName",
    "ethernetMacAddress",
    "exchangeAccessState",
    "exchangeAccessStateReason",
    "exchangeLastSuccessfulSyncDateTime",
    "freeStorageSpaceInBytes",
    "hardwareInformation",
    "iccid",
    "imei",
    "isEncrypted",
    "isSupervised",
    "jailBroken",
    "joinType",
    "lastSyncDateTime",
    "lostModeState",
    "managedDeviceName",
    "managedDeviceOwnerType",
    "managementAgent",
    "managementCertificateExpirationDate",
    "managementFeatures",
    "managementState",
    "manufacturer",
    "meid",
    "model",
    "notes",
    "operatingSystem",
    "osVersion",
    "ownerType",
    "partnerReportedThreatState",
    "phoneNumber",
    "physicalMemoryInBytes",
    "preferMdmOverGroupPolicyAppliedDateTime",
    "processorArchitecture",
    "remoteAssistanceSessionErrorDetails",
    "remoteAssistanceSessionUrl",
    "requireUserEnrollmentApproval",
    "retireAfterDateTime",
    "roleScopeTagIds",
    "securityPatchLevel",
    "serialNumber",
    "skuFamily",
    "skuNumber",
    "specificationVersion",
    "subscriberCarrier",
    "totalStorageSpaceInBytes",
    "udid",
    "userDisplayName",
    "userId",
    "userPrincipalName",
    "usersLoggedOn",
    "wiFiMacAddress",
    "windowsActiveMalwareCount",
    "windowsRemediatedMalwareCount",
];

/// The properties of [`GRAPH_PROPERTIES`] whose values are objects or collections.
const COMPLEX_PROPERTIES: [&str; 12] = [
    "chromeOSDeviceInfo",
    "cloudPcRemoteActionResults",
    "configurationManagerClientEnabledFeatures",
    "configurationManagerClientHealthState",
    "configurationManagerClientInformation",
    "deviceActionResults",
    "deviceHealthAttestationState",
    "deviceHealthScriptStates",
    "hardwareInformation",
    "roleScopeTagIds",
    "usersLoggedOn",
    "cloudPcRemoteActionResults",
];

/// `name`'s value in `device`, which must have that key and no other.
fn only_property<'a>(device: &'a Value, name: &str) -> &'a Value {
    let keys: Vec<&String> = device.as_object().unwrap().keys().collect();
    assert_eq!(keys, [name], "{device}");
    let value = &device[name];
    let complex = value.is_object() || value.is_array();
    if COMPLEX_PROPERTIES.contains(&name) {
        assert!(complex || value.is_null(), "{name}: {value}");
    } else {
        assert!(!complex, "{name}: {value}");
    }
    value
}

#[tokio::test]
async fn every_property_of_graphs_managed_device_is_selectable_in_the_list_and_on_one_device() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let first = ids(&list(&server, &token, "$top=1").await).remove(0);
    for name in GRAPH_PROPERTIES {
        let page = list(&server, &token, &format!("$top=20&$select={name}")).await;
        let devices = page["value"].as_array().unwrap();
        assert_eq!(devices.len(), 20);
        for device in devices {
            only_property(device, name);
        }
        let one = server
            .get(&format!("{LIST}/{first}?$select={name}"), &token)
            .await;
        assert_eq!(one.status, StatusCode::OK, "{name}");
        only_property(&one.json(), name);
    }
    // One device has every property; a page, those stored (computed ones come when selected).
    let one = server.get(&format!("{LIST}/{first}"), &token).await.json();
    let page = list(&server, &token, "$top=1").await;
    for name in GRAPH_PROPERTIES {
        assert!(one.get(name).is_some(), "{name}");
    }
    for property in MANAGED_DEVICE.iter().filter(|p| p.column != WHOLE_ROW) {
        let name = property.name.split('/').next().unwrap();
        assert!(page["value"][0].get(name).is_some(), "{name}");
    }
}

#[tokio::test]
async fn the_hardware_blade_reads_the_devices_hardware() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let filter = encode("operatingSystem eq 'Windows' and managementAgent eq 'mdm'");
    let page = list(&server, &token, &format!("$top=1&$filter={filter}")).await;
    let device: ManagedDevice = serde_json::from_value(page["value"][0].clone()).unwrap();
    // A page leaves the hardware and health reports out unless they are selected; one device
    // has them.
    assert!(page["value"][0]["hardwareInformation"].is_null());
    assert!(page["value"][0]["deviceHealthAttestationState"].is_null());
    let one = server
        .get(&format!("{LIST}/{}", device.id), &token)
        .await
        .json();
    assert_eq!(one["deviceHealthAttestationState"]["tpmVersion"], "2.0");
    let hardware = &one["hardwareInformation"];
    assert_eq!(hardware["serialNumber"], device.serial_number.as_str());
    assert_eq!(hardware["model"], device.model.as_str());
    assert_eq!(
        hardware["totalStorageSpace"],
        device.total_storage_space_in_bytes
    );
    assert_eq!(hardware["tpmVersion"], "2.0");
    assert!(hardware["osBuildNumber"].is_string() && hardware["ipAddressV4"].is_string());
    assert!(hardware["wiredIPv4Addresses"].is_array());
    let selected = list(
        &server,
        &token,
        &format!("$top=1&$filter={filter}&$select=hardwareInformation"),
    )
    .await;
    assert_eq!(&selected["value"][0]["hardwareInformation"], hardware);
}

#[tokio::test]
async fn the_entra_device_id_and_the_user_id_find_their_devices() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let all = all_devices(&server, &token).await;
    let registered = all
        .iter()
        .find(|device| device.azure_ad_device_id.is_some())
        .unwrap();
    let entra_id = registered.azure_ad_device_id.clone().unwrap();
    for property in ["azureADDeviceId", "azureActiveDirectoryDeviceId"] {
        let filter = encode(&format!("{property} eq '{entra_id}'"));
        let page = list(&server, &token, &format!("$filter={filter}")).await;
        assert_eq!(
            ids(&page),
            std::slice::from_ref(&registered.id),
            "{property}"
        );
    }
    // A user with several devices: the filter finds all of them and nothing else.
    let user_id = all
        .iter()
        .filter_map(|device| device.user_id.clone())
        .find(|user_id| {
            all.iter()
                .filter(|d| d.user_id.as_ref() == Some(user_id))
                .count()
                > 1
        })
        .unwrap();
    let want: HashSet<String> = all
        .iter()
        .filter(|device| device.user_id.as_ref() == Some(&user_id))
        .map(|device| device.id.clone())
        .collect();
    let filter = encode(&format!("userId eq '{user_id}'"));
    let page = list(&server, &token, &format!("$filter={filter}")).await;
    assert_eq!(ids(&page).into_iter().collect::<HashSet<_>>(), want);
    let upns: HashSet<String> = all
        .iter()
        .filter(|device| want.contains(&device.id))
        .map(|device| device.user_principal_name.clone())
        .collect();
    assert_eq!(upns.len(), 1, "one user id, one user");
}

#[tokio::test]
async fn the_other_stored_properties_filter_and_sort_too() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let all = all_devices(&server, &token).await;
    let cases: Vec<(&str, Expectation)> = vec![
        (
            "deviceEnrollmentType eq 'windowsCoManagement'",
            Box::new(|d| d.device_enrollment_type.as_deref() == Some("windowsCoManagement")),
        ),
        (
            "skuFamily eq 'Enterprise'",
            Box::new(|d| d.sku_family.as_deref() == Some("Enterprise")),
        ),
        ("udid ne null", Box::new(|d| d.udid.is_some())),
        ("iccid ne null", Box::new(|d| d.iccid.is_some())),
        (
            "ethernetMacAddress eq null and operatingSystem eq 'Windows'",
            Box::new(|d| d.ethernet_mac_address.is_none() && d.operating_system == "Windows"),
        ),
        ("notes ne null", Box::new(|d| d.notes.is_some())),
    ];
    for (filter, expected) in cases {
        let page = list(
            &server,
            &token,
            &format!("$top=1000&$filter={}", encode(filter)),
        )
        .await;
        let want: HashSet<String> = all
            .iter()
            .filter(|d| expected(d))
            .map(|d| d.id.clone())
            .collect();
        assert!(!want.is_empty() || filter.starts_with("notes"), "{filter}");
        assert_eq!(
            ids(&page).into_iter().collect::<HashSet<_>>(),
            want,
            "{filter}"
        );
    }
    let sorted = list(&server, &token, "$top=1000&$orderby=skuFamily%20desc").await;
    let families: Vec<&str> = sorted["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|device| device["skuFamily"].as_str())
        .collect();
    assert!(!families.is_empty() && families.windows(2).all(|pair| pair[0] >= pair[1]));
}

#[tokio::test]
async fn owner_type_is_managed_device_owner_type_under_its_deprecated_name() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    for value in ["company", "personal", "unknown"] {
        let by_old = list(
            &server,
            &token,
            &format!("$top=1000&$filter=ownerType%20eq%20'{value}'"),
        )
        .await;
        let by_new = list(
            &server,
            &token,
            &format!("$top=1000&$filter=managedDeviceOwnerType%20eq%20'{value}'"),
        )
        .await;
        assert_eq!(ids(&by_old), ids(&by_new), "{value}");
        for device in by_old["value"].as_array().unwrap() {
            assert_eq!(device["ownerType"], value);
            assert_eq!(device["managedDeviceOwnerType"], value);
        }
    }
    let sorted_old = list(&server, &token, "$top=1000&$orderby=ownerType%20desc").await;
    let sorted_new = list(
        &server,
        &token,
        "$top=1000&$orderby=managedDeviceOwnerType%20desc",
    )
    .await;
    assert_eq!(ids(&sorted_old), ids(&sorted_new));
}

#[tokio::test]
async fn filtering_or_sorting_on_a_complex_or_computed_property_is_a_400_naming_it_and_why() {
    let server = TestServer::start().await;
    let token = server.token("reader@contoso.com").await;
    let cases = [
        (
            "$filter=isSupervised%20eq%20true",
            "isSupervised",
            "computed",
        ),
        (
            "$filter=physicalMemoryInBytes%20gt%200",
            "physicalMemoryInBytes",
            "computed",
        ),
        (
            "$filter=hardwareInformation%20eq%20null",
            "hardwareInformation",
            "complex",
        ),
        (
            "$filter=startswith(jailBroken,'F')",
            "jailBroken",
            "computed",
        ),
        ("$orderby=usersLoggedOn", "usersLoggedOn", "complex"),
        ("$orderby=chassisType%20desc", "chassisType", "computed"),
        (
            "$filter=configurationManagerClientInformation%20eq%20null",
            "configurationManagerClientInformation",
            "complex",
        ),
    ];
    for (query, property, why) in cases {
        let answer = server.get(&format!("{LIST}?{query}"), &token).await;
        let message = answer.graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert!(
            message.contains(&format!("'{property}'")) && message.contains(why),
            "{query}: {message}"
        );
    }
}

#[tokio::test]
async fn the_activation_lock_bypass_code_is_only_returned_when_selected() {
    let server = TestServer::start().await;
    let token = server.token("admin@contoso.com").await;
    let page = list(
        &server,
        &token,
        "$top=1000&$select=id,activationLockBypassCode",
    )
    .await;
    let with_code: Vec<&Value> = page["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|device| device["activationLockBypassCode"].is_string())
        .collect();
    assert!(!with_code.is_empty());
    let id = with_code[0]["id"].as_str().unwrap();
    let code = &with_code[0]["activationLockBypassCode"];
    let plain = list(&server, &token, "$top=1000").await;
    for device in plain["value"].as_array().unwrap() {
        assert!(
            device
                .get("activationLockBypassCode")
                .is_none_or(Value::is_null)
        );
    }
    let one = server.get(&format!("{LIST}/{id}"), &token).await.json();
    assert!(one.get("activationLockBypassCode").unwrap().is_null());
    assert_eq!(one["isSupervised"], true);
    let selected = server
        .get(
            &format!("{LIST}/{id}?$select=activationLockBypassCode,isSupervised"),
            &token,
        )
        .await
        .json();
    assert_eq!(&selected["activationLockBypassCode"], code);
}

#[tokio::test]
async fn one_device_returns_only_its_selected_properties_and_refuses_other_options() {
    let server = TestServer::start().await;
    let token = server.token("helpdesk@contoso.com").await;
    let first = ids(&list(&server, &token, "$top=1").await).remove(0);
    let answer = server
        .get(
            &format!(
                "{LIST}/{first}?$select=deviceName,userId,configurationManagerClientInformation/clientVersion"
            ),
            &token,
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let device = answer.json();
    let keys: HashSet<&str> = device
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        HashSet::from([
            "deviceName",
            "userId",
            "configurationManagerClientInformation"
        ])
    );
    let cases = [
        ("$select=deviceName,nope", "'nope'"),
        ("$filter=deviceName%20eq%20'x'", "$filter"),
        ("$orderby=deviceName", "$orderby"),
    ];
    for (query, named) in cases {
        let message = server
            .get(&format!("{LIST}/{first}?{query}"), &token)
            .await
            .graph_error(StatusCode::BAD_REQUEST, "badRequest");
        assert!(message.contains(named), "{query}: {message}");
    }
}

#[tokio::test]
async fn the_export_reads_the_deprecated_names_and_computed_properties_as_the_json_shows_them() {
    for storage in STORAGES {
        let server = TestServer::start_in(storage).await;
        let token = server.token("admin@contoso.com").await;
        for select in [
            "id,ownerType,azureActiveDirectoryDeviceId,userId",
            "id,isSupervised,chassisType,ownerType",
        ] {
            let query = format!("$orderby=id&$select={select}");
            let json = list(&server, &token, &format!("{query}&$top=1000")).await;
            let answer = server
                .get(&format!("{LIST}?$format=csv&{query}"), &token)
                .await;
            let mut reader = csv::Reader::from_reader(answer.body.as_slice());
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            let devices = json["value"].as_array().unwrap();
            assert_eq!(rows.len(), devices.len());
            for (row, device) in rows.iter().zip(devices) {
                for (cell, name) in row.iter().zip(select.split(',')) {
                    let expected = match &device[name] {
                        Value::String(text) => text.clone(),
                        Value::Bool(true) => "Yes".to_string(),
                        Value::Bool(false) => "No".to_string(),
                        Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    assert_eq!(cell, expected, "{name} of {}", device["id"]);
                }
            }
        }
    }
}
