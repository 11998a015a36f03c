//! The two stores held to the same answers: one demo tenant, seeded from one fixed "now" into
//! SQLite (a database file, as in production) and into PostgreSQL (a throw-away cluster whose
//! database sorts text linguistically by default, as a cloud provider's would: only the store's
//! own `COLLATE "C"` may decide an order), both served in-process by `app()`; every list shape is
//! asked of both, and the answers must be the same bytes: JSON pages with their counts and next
//! links, `$count`, CSV exports, and the applications of ConfigMgr devices.
//!
//! The shapes are generated, about 820 of them: every property of `managedDevice` as `$orderby`,
//! both ways, on six views that between them take every way the stores have to a page; each of
//! 33 views of the Filter pane, of `$filter`'s operators and of `$search` (1, 2, 3 and 8
//! characters) at its first, a middle and its last page and with `$top` 1 (999 when broad), and
//! its `$count`; `startswith`, `contains` and `endswith` on every text property with probes taken
//! from the devices; `$select`; CSV exports; the applications of six ConfigMgr and co-managed
//! devices with their options. 20,000 devices, so that each plan of each store runs: views of
//! 10,000 devices or more (`WALK_SORT_INDEX_FROM`) are read by walking the sort index, bounded
//! or not, a bounded walk gives up once (Managed by = ConfigMgr by Compliance), and smaller views
//! are found and sorted. The test checks that each view stays on its side of the threshold.
//!
//! Needs PostgreSQL's programs (Debian's `postgresql`, which `scripts/test` installs); run alone
//! with `cargo test -p endpoint-admin-server --test store_parity`.

mod support;

use std::{path::Path, time::Instant};

use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use chrono::{DateTime, TimeZone, Utc};
use endpoint_admin_model::organization::MdmAuthority;
use endpoint_admin_server::{
    AppState, app,
    odata::{MANAGED_DEVICE, PropertyKind},
    pipeline::PipelineHandle,
    seed::{DemoTenant, seed_demo_tenant_at},
    store::Store,
};
use http_body_util::BodyExt;
use serde_json::Value;
use support::{Scratch, postgres::PostgresCluster};
use tower::ServiceExt;

/// Enough for views of more than 10,000 devices (walks of a sort index) and of fewer.
const DEVICES: u64 = 20_000;
const COLLECTION: &str = "/beta/deviceManagement/managedDevices";
/// The stores walk a sort index for a page from this many matching devices on.
const WALK_SORT_INDEX_FROM: u64 = 10_000;
/// Rows per page when `$top` is absent.
const PAGE: u64 = 100;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgresql_give_the_same_answers() {
    let started = Instant::now();
    let cluster = PostgresCluster::start();
    let postgres_url = linguistic_database(&cluster).await;
    let scratch = Scratch::new("store-parity");
    let sqlite_url = format!("sqlite://{}", scratch.0.join("tenant.db").display());
    // One "now" for both, so that every date of the tenant is the same in both.
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
    let (sqlite, postgres) = tokio::join!(
        Side::start("SQLite", &sqlite_url, &scratch.0, now),
        Side::start("PostgreSQL", &postgres_url, &scratch.0, now),
    );
    let seeded = started.elapsed();
    let mut parity = Parity {
        sqlite,
        postgres,
        asked: 0,
        differences: Vec::new(),
    };

    let views = views(&mut parity).await;
    every_sort(&mut parity, &views).await;
    every_page(&mut parity, &views).await;
    counts(&mut parity, &views).await;
    selections(&mut parity).await;
    exports(&mut parity).await;
    applications(&mut parity).await;
    one_device_and_the_overview(&mut parity).await;

    eprintln!(
        "store parity: {} queries asked of both stores, {} answered differently \
         ({:.1} s, seeding {:.1} s)",
        parity.asked,
        parity.differences.len(),
        started.elapsed().as_secs_f64(),
        seeded.as_secs_f64(),
    );
    assert!(
        parity.differences.is_empty(),
        "{} of {} queries were answered differently by SQLite and PostgreSQL; the first ones:\n\n{}",
        parity.differences.len(),
        parity.asked,
        parity.differences[..parity.differences.len().min(10)].join("\n\n")
    );
}

/// A new database whose default collation is ICU's English (`en-US`), where `a < B < b`, unlike
/// SQLite's binary order.
async fn linguistic_database(cluster: &PostgresCluster) -> String {
    use sqlx::Connection;
    let mut connection = sqlx::PgConnection::connect(&cluster.url("postgres"))
        .await
        .unwrap();
    sqlx::query(
        "CREATE DATABASE parity TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' \
         LOCALE 'C.UTF-8'",
    )
    .execute(&mut connection)
    .await
    .unwrap();
    cluster.url("parity")
}

/// One store with the demo tenant, served by `app()`, and an administrator's token for it.
struct Side {
    name: &'static str,
    app: Router,
    token: String,
}

impl Side {
    async fn start(name: &'static str, url: &str, dist: &Path, now: DateTime<Utc>) -> Side {
        let store = Store::connect(url).await.unwrap();
        let tenant = DemoTenant {
            device_count: DEVICES,
            mdm_authority: MdmAuthority::Intune,
            password: "demo".to_string(),
        };
        assert!(seed_demo_tenant_at(&store, &tenant, now).await.unwrap());
        // No pipeline worker, no client churn: nothing changes the tenant while it is read.
        let app = app(AppState {
            store,
            dist: dist.to_owned(),
            pipeline: PipelineHandle::without_worker(std::time::Duration::from_secs(1)),
            public_url: None,
        });
        let mut side = Side {
            name,
            app,
            token: String::new(),
        };
        let body = r#"{"userPrincipalName":"admin@contoso.com","password":"demo"}"#;
        let request = Request::post("/auth/token")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let answer = side.send(request).await;
        assert_eq!(answer.status, StatusCode::OK, "signing in on {name}");
        side.token = answer.json()["accessToken"].as_str().unwrap().to_owned();
        side
    }

    async fn get(&self, path: &str) -> Answer {
        let request = Request::get(path)
            .header(header::AUTHORIZATION, format!("Bearer {}", self.token))
            .body(Body::empty())
            .unwrap();
        self.send(request).await
    }

    async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|value| value.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            content_type,
            body: body.to_vec(),
        }
    }
}

struct Answer {
    status: StatusCode,
    content_type: String,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    fn is_json(&self) -> bool {
        self.content_type.starts_with("application/json")
    }
}

/// Both stores, and what they answered differently so far.
struct Parity {
    sqlite: Side,
    postgres: Side,
    asked: usize,
    differences: Vec<String>,
}

impl Parity {
    /// Asks both stores `path`; a difference, or a refusal by both (a shape the test got wrong),
    /// is recorded. Returns SQLite's answer.
    async fn ask(&mut self, path: &str) -> Answer {
        let (sqlite, postgres) = tokio::join!(self.sqlite.get(path), self.postgres.get(path));
        self.compare(path, sqlite, postgres)
    }

    /// [`Parity::ask`] for answers that depend on the time of the request (the applications'
    /// dates are relative to it): asked again until both were answered within one second.
    async fn ask_within_one_second(&mut self, path: &str) -> Answer {
        for _ in 0..20 {
            let before = endpoint_admin_server::now();
            let (sqlite, postgres) = tokio::join!(self.sqlite.get(path), self.postgres.get(path));
            if endpoint_admin_server::now() == before {
                return self.compare(path, sqlite, postgres);
            }
        }
        panic!(
            "GET {}: 20 times, the two stores' answers were not both had within one second",
            readable(path)
        );
    }

    fn compare(&mut self, path: &str, sqlite: Answer, postgres: Answer) -> Answer {
        self.asked += 1;
        let names = (self.sqlite.name, self.postgres.name);
        if sqlite.status == postgres.status && sqlite.status != StatusCode::OK {
            // The test asked for something the API refuses: not a shape of the list.
            self.differences.push(format!(
                "GET {}\nboth answered {}: {}",
                readable(path),
                sqlite.status,
                String::from_utf8_lossy(&sqlite.body)
            ));
        } else if let Some(difference) = difference(&sqlite, &postgres, names, &sort_fields(path)) {
            self.differences
                .push(format!("GET {}\n{difference}", readable(path)));
        }
        sqlite
    }

    /// How many devices the view matches, by SQLite's `$count`.
    async fn count(&mut self, view: &View) -> u64 {
        let answer = self.ask(&view.count_path()).await;
        String::from_utf8_lossy(&answer.body).parse().unwrap_or(0)
    }
}

/// A view of All devices: a filter, a search, or both.
#[derive(Clone)]
struct View {
    filter: Option<String>,
    search: Option<String>,
}

impl View {
    /// Every device.
    fn all() -> View {
        View {
            filter: None,
            search: None,
        }
    }

    fn filter(filter: &str) -> View {
        View {
            filter: Some(filter.to_owned()),
            search: None,
        }
    }

    fn search(term: &str) -> View {
        View {
            filter: None,
            search: Some(term.to_owned()),
        }
    }

    fn both(filter: &str, term: &str) -> View {
        View {
            filter: Some(filter.to_owned()),
            search: Some(term.to_owned()),
        }
    }

    /// The collection's URL with the view and `options` (name and value pairs) as its query.
    fn path(&self, options: &[(&str, &str)]) -> String {
        self.path_under(COLLECTION, options)
    }

    fn count_path(&self) -> String {
        self.path_under(&format!("{COLLECTION}/$count"), &[])
    }

    fn path_under(&self, path: &str, options: &[(&str, &str)]) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(filter) = &self.filter {
            query.append_pair("$filter", filter);
        }
        if let Some(term) = &self.search {
            query.append_pair("$search", &format!("\"{term}\""));
        }
        for (name, value) in options {
            query.append_pair(name, value);
        }
        let query = query.finish();
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    }
}

/// The views: the Filter pane's (one filter, several, broad and narrow), `$search` of 1, 2, 3 and
/// 8 characters, each operator of `$filter`, and the string functions on every text property
/// with probes taken from the devices.
async fn views(parity: &mut Parity) -> Views {
    let co_managed = "managementAgent in ('configurationManagerClientMdm', \
                      'configurationManagerClientMdmEas')";
    // Asked in every sort order: one view for each way the stores find a page.
    let in_every_order = vec![
        // Every device: the sort index walked without a bound.
        View::all(),
        // Managed by = ConfigMgr, about 11,000 devices: the counts table counts them, and the
        // sort index is walked with a bound (none when the sort is by Managed by); by Compliance,
        // the other devices' `compliant` come first and the walk gives up for find-and-sort.
        View::filter("managementAgent eq 'configurationManagerClient'"),
        // About 18,000, which only the device table can count.
        View::filter("isEncrypted eq true"),
        // A search too short for the trigram indexes, and one they answer; both broad.
        View::search("e"),
        View::search("con"),
        // Managed by = Co-managed, about 4,000: found, then sorted.
        View::filter(co_managed),
    ];
    let broad = vec![
        View::filter(
            "managementAgent in ('configurationManagerClient', 'configurationManagerClientMdm', \
             'configurationManagerClientMdmEas')",
        ),
        View::filter("operatingSystem ne 'macOS'"),
        View::filter("not startswith(deviceName, 'CONTOSO-LT')"),
        View::filter("configurationManagerClientInformation/isBlocked ne true"),
        View::filter("not (configurationManagerClientInformation/clientVersion lt '5.00.9040')"),
        View::search("7"),
        View::search("on"),
        View::both("operatingSystem eq 'Windows'", "contoso"),
    ];
    let narrow = vec![
        View::filter("operatingSystem eq 'macOS'"),
        View::filter("managedDeviceOwnerType eq 'company' and complianceState eq 'noncompliant'"),
        // The Filter pane's three filters at once.
        View::filter(&format!(
            "{co_managed} and complianceState eq 'noncompliant' and operatingSystem eq 'Windows'"
        )),
        View::filter("managementState ne 'managed'"),
        View::filter("complianceState eq 'noncompliant' or managementState eq 'retirePending'"),
        View::filter("not (operatingSystem eq 'Windows' or operatingSystem eq 'iOS')"),
        View::filter(
            "enrolledDateTime ge 2026-03-01T00:00:00Z and enrolledDateTime lt 2026-09-01T00:00:00Z",
        ),
        View::filter("lastSyncDateTime lt 2026-11-24T12:00:00Z"),
        View::filter("freeStorageSpaceInBytes lt 21474836480"),
        View::filter("configurationManagerClientInformation/clientVersion eq null"),
        View::filter(
            "configurationManagerClientInformation/clientVersion ne null and isOnline eq false",
        ),
        View::filter("deviceCategoryDisplayName ne '' and joinType eq 'azureADRegistered'"),
        // `_` and `%` are themselves, not LIKE's wildcards.
        View::filter("contains(deviceName, 'd_2') or contains(model, '%')"),
        View::search("_"),
        View::search("lt"),
        View::search("ele"),
        View::search("'s iphon"),
        View::search("xyzzy"),
        View::both(co_managed, "lt"),
    ];
    let text_functions = text_functions(parity).await;
    Views {
        in_every_order,
        broad,
        narrow,
        text_functions,
    }
}

struct Views {
    in_every_order: Vec<View>,
    /// Views of 10,000 devices or more, where a page may be found by walking a sort index.
    broad: Vec<View>,
    /// Views of fewer.
    narrow: Vec<View>,
    /// `startswith`, `contains` and `endswith` on each text property.
    text_functions: Vec<View>,
}

impl Views {
    /// The views other than the string functions', each with whether it is broad.
    fn named(&self) -> impl Iterator<Item = (&View, bool)> {
        let (co_managed, broad) = self.in_every_order.split_last().unwrap();
        broad
            .iter()
            .chain(&self.broad)
            .map(|view| (view, true))
            .chain(
                std::iter::once(co_managed)
                    .chain(&self.narrow)
                    .map(|view| (view, false)),
            )
    }
}

/// `startswith`, `contains` (in lower case: the functions ignore case) and `endswith` on every
/// text property, each with a part of the value of a device that has one.
async fn text_functions(parity: &mut Parity) -> Vec<View> {
    let sample = parity
        .ask(&View::all().path(&[("$orderby", "id"), ("$top", "1000")]))
        .await
        .json();
    let devices = sample["value"].as_array().cloned().unwrap_or_default();
    let mut views = Vec::new();
    for property in MANAGED_DEVICE {
        if property.kind != PropertyKind::String {
            continue;
        }
        let pointer = format!("/{}", property.name);
        let value = devices.iter().find_map(|device| {
            let value = device.pointer(&pointer)?.as_str()?;
            (value.chars().count() >= 5).then_some(value.chars().collect::<Vec<char>>())
        });
        let Some(value) = value else {
            panic!("no device has a {} of 5 characters or more", property.name);
        };
        let part = |from: usize, to: usize| -> String {
            value[from..to]
                .iter()
                .collect::<String>()
                .replace('\'', "''")
        };
        let name = property.name;
        let length = value.len();
        views.push(View::filter(&format!(
            "startswith({name}, '{}')",
            part(0, 4)
        )));
        views.push(View::filter(&format!(
            "contains({name}, '{}')",
            part(1, 4).to_lowercase()
        )));
        views.push(View::filter(&format!(
            "endswith({name}, '{}')",
            part(length - 3, length)
        )));
    }
    views
}

/// `$orderby` of every property, ascending and descending, two of several properties, and none.
fn sorts() -> Vec<String> {
    let mut sorts = vec![String::new()];
    // Computed and complex properties are selected, never sorted on.
    let sortable = MANAGED_DEVICE
        .iter()
        .filter(|property| !matches!(property.kind, PropertyKind::SelectOnly(_)));
    for property in sortable {
        sorts.push(property.name.to_owned());
        sorts.push(format!("{} desc", property.name));
    }
    sorts.push("managementAgent, lastSyncDateTime desc".to_owned());
    sorts.push("operatingSystem desc, osVersion, deviceName desc".to_owned());
    sorts
}

/// A sort's options: nothing for the default order.
fn sort_option(sort: &str) -> Vec<(&'static str, &str)> {
    if sort.is_empty() {
        Vec::new()
    } else {
        vec![("$orderby", sort)]
    }
}

/// The grid's first page (50 devices) with its count, in every sort order, of the views that
/// between them take every way to a page.
async fn every_sort(parity: &mut Parity, views: &Views) {
    for view in &views.in_every_order {
        for sort in sorts() {
            let mut options = sort_option(&sort);
            options.extend([("$top", "50"), ("$count", "true")]);
            parity.ask(&view.path(&options)).await;
        }
    }
}

/// Every view at its first page, a middle one (deep: from 1,000 on, PostgreSQL skips in the sort
/// index), its last, and with `$top` 1, each in a sort order of its own (the views take the
/// orders in turn) and the first page in the default order too; the broad ones with `$top` 999;
/// the string functions' first page.
async fn every_page(parity: &mut Parity, views: &Views) {
    let sorts = sorts();
    for (index, (view, broad)) in views.named().enumerate() {
        let count = parity.count(view).await;
        // Both plans keep being tried, whatever becomes of the demo tenant's mix.
        assert_eq!(
            count >= WALK_SORT_INDEX_FROM,
            broad,
            "{} matches {count} devices",
            readable(&view.path(&[]))
        );
        let middle = (count / 2).to_string();
        let last = (count.saturating_sub(1) / PAGE * PAGE).to_string();
        let sort = &sorts[(index * 7 + 1) % sorts.len()];
        let mut pages: Vec<Vec<(&str, &str)>> = vec![
            vec![],
            vec![("$skip", &middle)],
            vec![("$skip", &last)],
            vec![("$top", "1"), ("$skip", "1")],
        ];
        if broad {
            pages.push(vec![("$top", "999"), ("$skip", "1000")]);
        }
        for page in pages {
            let mut options = sort_option(sort);
            options.extend(page);
            options.push(("$count", "true"));
            parity.ask(&view.path(&options)).await;
        }
        parity.ask(&view.path(&[("$count", "true")])).await;
    }
    for (index, view) in views.text_functions.iter().enumerate() {
        let sort = &sorts[(index * 5 + 2) % sorts.len()];
        let mut options = sort_option(sort);
        options.push(("$count", "true"));
        let answer = parity.ask(&view.path(&options)).await;
        let matched = answer.json()["@odata.count"].as_u64().unwrap_or(0);
        assert!(matched > 0, "{:?} matches no device", view.filter);
    }
}

/// `GET …/managedDevices/$count` of every view.
async fn counts(parity: &mut Parity, views: &Views) {
    let named = views.named().map(|(view, _)| view);
    for view in named.chain(&views.text_functions) {
        parity.ask(&view.count_path()).await;
    }
}

/// `$select` of several properties (the ConfigMgr client's among them), on a few shapes.
async fn selections(parity: &mut Parity) {
    let selects = [
        "deviceName,osVersion,lastSyncDateTime",
        "id,configurationManagerClientInformation/clientVersion,isEncrypted,totalStorageSpaceInBytes",
        "userPrincipalName,managementAgent,complianceState,joinType,isOnline",
    ];
    let shapes = [
        View::all(),
        View::filter("operatingSystem eq 'macOS'"),
        View::search("-04"),
    ];
    for select in selects {
        for view in &shapes {
            let options = [
                ("$select", select),
                ("$orderby", "osVersion desc"),
                ("$count", "true"),
            ];
            parity.ask(&view.path(&options)).await;
        }
    }
}

/// The CSV export (`$format=csv`, every matching device) of a few shapes, with the grid's default
/// columns and with chosen ones.
async fn exports(parity: &mut Parity) {
    let shapes: [(View, &[(&str, &str)]); 6] = [
        (View::all(), &[]),
        (
            View::filter(
                "managementAgent in ('configurationManagerClientMdm', \
                 'configurationManagerClientMdmEas')",
            ),
            &[("$orderby", "lastSyncDateTime desc")],
        ),
        (
            View::filter("operatingSystem ne 'Windows'"),
            &[
                ("$orderby", "osVersion desc"),
                (
                    "$select",
                    "deviceName,osVersion,configurationManagerClientInformation/clientVersion,\
                     enrolledDateTime,freeStorageSpaceInBytes,isEncrypted",
                ),
            ],
        ),
        (View::search("'s iphon"), &[("$orderby", "userDisplayName")]),
        (View::search("e"), &[("$select", "id,serialNumber,imei")]),
        (
            View::filter(
                "not (configurationManagerClientInformation/clientVersion lt '5.00.9040')",
            ),
            &[(
                "$orderby",
                "configurationManagerClientInformation/clientVersion desc",
            )],
        ),
    ];
    for (view, options) in shapes {
        let mut options = options.to_vec();
        options.push(("$format", "csv"));
        parity.ask(&view.path(&options)).await;
    }
}

/// The applications of a few ConfigMgr and co-managed devices, with the list's options.
async fn applications(parity: &mut Parity) {
    let mut devices = Vec::new();
    for agent in [
        "configurationManagerClient",
        "configurationManagerClientMdm",
        "configurationManagerClientMdmEas",
    ] {
        let view = View::filter(&format!("managementAgent eq '{agent}'"));
        let page = parity
            .ask(&view.path(&[("$top", "2"), ("$skip", "100")]))
            .await
            .json();
        for device in page["value"].as_array().into_iter().flatten() {
            devices.push(device["id"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(devices.len(), 6);
    let option_sets: [&[(&str, &str)]; 12] = [
        &[],
        &[("$count", "true")],
        &[("$orderby", "name desc")],
        &[("$orderby", "publisher, version desc")],
        &[("$orderby", "installState"), ("$top", "5"), ("$skip", "5")],
        &[("$orderby", "lastStateChangeDateTime desc"), ("$top", "3")],
        &[
            ("$filter", "installState eq 'installed'"),
            ("$count", "true"),
        ],
        &[(
            "$filter",
            "startswith(name, 'm') or deadlineDateTime ne null",
        )],
        // Lower case sorts after upper case in both: they compare bytes.
        &[("$filter", "name ge 'a' or publisher lt 'M'")],
        &[("$search", "\"micro\""), ("$select", "name,version")],
        &[("$format", "csv")],
        &[("$format", "csv"), ("$orderby", "publisher desc")],
    ];
    for id in &devices {
        for options in option_sets {
            let mut query = form_urlencoded::Serializer::new(String::new());
            for (name, value) in options {
                query.append_pair(name, value);
            }
            let path = format!("{COLLECTION}/{id}/applications?{}", query.finish());
            parity.ask_within_one_second(&path).await;
        }
    }
}

/// A few devices one by one, and the Devices overview (its counts are the counts table's).
async fn one_device_and_the_overview(parity: &mut Parity) {
    let page = parity
        .ask(&View::all().path(&[("$top", "5"), ("$skip", "12345")]))
        .await
        .json();
    for device in page["value"].as_array().into_iter().flatten() {
        let id = device["id"].as_str().unwrap();
        parity.ask(&format!("{COLLECTION}/{id}")).await;
    }
    parity
        .ask("/beta/deviceManagement/managedDeviceOverview")
        .await;
}

/// Where two answers differ, told so that the fix can start from it: the status, the first row
/// that differs (which device, which fields), any other member, or the first line of CSV.
fn difference(
    sqlite: &Answer,
    postgres: &Answer,
    names: (&str, &str),
    sort_fields: &[String],
) -> Option<String> {
    let (a, b) = names;
    if sqlite.status != postgres.status || sqlite.content_type != postgres.content_type {
        return Some(format!(
            "{a}: {} {}: {}\n{b}: {} {}: {}",
            sqlite.status,
            sqlite.content_type,
            excerpt(&sqlite.body),
            postgres.status,
            postgres.content_type,
            excerpt(&postgres.body)
        ));
    }
    if sqlite.body == postgres.body {
        return None;
    }
    if sqlite.is_json() {
        let (left, right) = (sqlite.json(), postgres.json());
        if left == right {
            let at = sqlite
                .body
                .iter()
                .zip(&postgres.body)
                .position(|(x, y)| x != y)
                .unwrap_or(sqlite.body.len().min(postgres.body.len()));
            return Some(format!(
                "the same JSON written differently, from byte {at}: {a} {} / {b} {}",
                excerpt(&sqlite.body[at..]),
                excerpt(&postgres.body[at..])
            ));
        }
        return Some(json_difference(&left, &right, names, sort_fields));
    }
    let left = String::from_utf8_lossy(&sqlite.body);
    let right = String::from_utf8_lossy(&postgres.body);
    let (left_lines, right_lines): (Vec<&str>, Vec<&str>) =
        (left.lines().collect(), right.lines().collect());
    let line = (0..left_lines.len().max(right_lines.len()))
        .find(|&line| left_lines.get(line) != right_lines.get(line))
        .unwrap_or(0);
    Some(format!(
        "line {} of {} / {}:\n{a}: {}\n{b}: {}",
        line + 1,
        left_lines.len(),
        right_lines.len(),
        left_lines.get(line).unwrap_or(&"(no more lines)"),
        right_lines.get(line).unwrap_or(&"(no more lines)")
    ))
}

/// What differs between two JSON answers: the members beside the rows, and the first row that
/// differs with its differing fields, the sort's first.
fn json_difference(
    sqlite: &Value,
    postgres: &Value,
    (a, b): (&str, &str),
    sort_fields: &[String],
) -> String {
    let mut told = Vec::new();
    let members = |value: &Value| -> Vec<String> {
        value
            .as_object()
            .map(|object| object.keys().cloned().collect())
            .unwrap_or_default()
    };
    let mut keys = members(sqlite);
    keys.extend(members(postgres));
    keys.sort();
    keys.dedup();
    for key in keys.iter().filter(|key| *key != "value") {
        if sqlite.get(key) != postgres.get(key) {
            told.push(format!(
                "{key}: {a} {} / {b} {}",
                shown(sqlite.get(key)),
                shown(postgres.get(key))
            ));
        }
    }
    let rows = |value: &Value| value["value"].as_array().cloned().unwrap_or_default();
    let (left, right) = (rows(sqlite), rows(postgres));
    let first = (0..left.len().max(right.len())).find(|&row| left.get(row) != right.get(row));
    if let Some(row) = first {
        let (x, y) = (left.get(row), right.get(row));
        let mut line = format!(
            "rows: {a} {}, {b} {}; the first that differs, row {row}: {a} has {}, {b} has {}",
            left.len(),
            right.len(),
            row_name(x),
            row_name(y)
        );
        if let (Some(Value::Object(x)), Some(Value::Object(y))) = (x, y) {
            let mut fields: Vec<&String> = x.keys().chain(y.keys()).collect();
            fields.sort();
            fields.dedup();
            fields.sort_by_key(|field| !sort_fields.contains(field));
            let differing: Vec<String> = fields
                .into_iter()
                .filter(|field| x.get(*field) != y.get(*field))
                .take(8)
                .map(|field| {
                    format!(
                        "\n  {field}: {a} {} / {b} {}",
                        shown(x.get(field)),
                        shown(y.get(field))
                    )
                })
                .collect();
            line.push_str(&differing.concat());
        }
        told.push(line);
    }
    if told.is_empty() {
        told.push(format!(
            "{a}: {}\n{b}: {}",
            excerpt(sqlite.to_string().as_bytes()),
            excerpt(postgres.to_string().as_bytes())
        ));
    }
    told.join("\n")
}

/// The JSON members `$orderby` sorts by, in its order (the ConfigMgr client's properties are
/// members of one object).
fn sort_fields(path: &str) -> Vec<String> {
    let query = path.split_once('?').map_or("", |(_, query)| query);
    form_urlencoded::parse(query.as_bytes())
        .filter(|(name, _)| name == "$orderby")
        .flat_map(|(_, value)| {
            value
                .split(',')
                .filter_map(|item| item.split_whitespace().next())
                .map(|property| property.split('/').next().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A row by its id and name.
fn row_name(row: Option<&Value>) -> String {
    match row {
        None => "no row".to_owned(),
        Some(row) => {
            let name = row.get("deviceName").or_else(|| row.get("name"));
            format!("{} ({})", shown(row.get("id")), shown(name))
        }
    }
}

fn shown(value: Option<&Value>) -> String {
    let shown = value.map_or_else(|| "(absent)".to_owned(), Value::to_string);
    excerpt(shown.as_bytes())
}

fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let cut: String = text.chars().take(160).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// A path with its query decoded, as a person would write it.
fn readable(path: &str) -> String {
    match path.split_once('?') {
        None => path.to_owned(),
        Some((path, query)) => {
            let options: Vec<String> = form_urlencoded::parse(query.as_bytes())
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            format!("{path}?{}", options.join("&"))
        }
    }
}
