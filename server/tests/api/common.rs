//! An in-process server over a fresh demo tenant (in memory, or in a scratch file), driven with
//! `tower::ServiceExt::oneshot`.

use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use endpoint_admin_model::organization::MdmAuthority;
use endpoint_admin_server::{
    AppState, app,
    pipeline::{Pipeline, PipelineConfig, PipelineHandle},
    seed::{DemoTenant, seed_demo_tenant_if_empty},
    store::Store,
};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub const DEVICES: u64 = 300;

/// The pipeline's hop delay in tests: fast, but slow enough to see an action pending.
pub const HOP_DELAY: std::time::Duration = std::time::Duration::from_millis(10);

/// How a test server's pipeline runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Worker {
    /// A worker moves actions on by itself, as in production (without the client churn, so every
    /// client keeps its state).
    Running,
    /// No worker: the test runs the hops itself, one step at a time.
    Stopped,
}

/// Where a test server keeps its tenant: the suite's store, or a SQLite database file.
#[derive(Clone, Copy, Debug)]
pub enum Storage {
    /// The store the suite runs on ([`suite_database`]): SQLite in memory unless told otherwise.
    Memory,
    File,
}

/// The database of a new test server, and the scratch directory that holds its file if it has
/// one: the suite runs on the store `EA_TEST_DATABASE` names, `memory` (the default), `file`, or
/// the URL of a PostgreSQL server (`postgres://…/postgres`), where each test server gets a new
/// database of its own. `scripts/test` runs the suite once on each.
pub async fn suite_database() -> (String, Option<tempdir::Dist>) {
    match std::env::var("EA_TEST_DATABASE").as_deref() {
        Err(_) | Ok("" | "memory") => ("sqlite::memory:".to_string(), None),
        Ok("file") => {
            let scratch = tempdir::Dist::new();
            let url = format!("sqlite://{}", scratch.0.join("tenant.db").display());
            (url, Some(scratch))
        }
        Ok(server) => (new_postgres_database(server).await, None),
    }
}

/// A database that several connections (a restarted server, a second server) can share: a new
/// SQLite file, or a new database on the suite's PostgreSQL server.
pub async fn shared_database() -> (String, tempdir::Dist) {
    let scratch = tempdir::Dist::new();
    match std::env::var("EA_TEST_DATABASE") {
        Ok(server) if server.starts_with("postgres") => {
            (new_postgres_database(&server).await, scratch)
        }
        _ => {
            let url = format!("sqlite://{}", scratch.0.join("tenant.db").display());
            (url, scratch)
        }
    }
}

/// Creates an empty database on the PostgreSQL server `server` (a URL naming an existing
/// database) and returns its URL.
pub async fn new_postgres_database(server: &str) -> String {
    use sqlx::Connection;
    let name = format!("endpoint_admin_test_{}", uuid::Uuid::new_v4().simple());
    let mut connection = sqlx::PgConnection::connect(server).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut connection)
        .await
        .unwrap();
    let (address, _) = server
        .rsplit_once('/')
        .expect("a URL that names a database");
    format!("{address}/{name}")
}

/// Both storages, for tests of paths that read them differently. One server at a time: each is
/// started inside the loop, never both kept at once.
pub const STORAGES: [Storage; 2] = [Storage::Memory, Storage::File];

pub struct TestServer {
    pub app: Router,
    pub store: Store,
    dist: tempdir::Dist,
    /// Holds the database file of [`TestServer::start_on_file`].
    _scratch: Option<tempdir::Dist>,
    /// Stops the worker when the server is dropped.
    _pipeline: Option<Pipeline>,
}

pub mod tempdir {
    /// A `dist/` with an `index.html`, removed when dropped.
    pub struct Dist(pub std::path::PathBuf);

    impl Dist {
        pub fn new() -> Dist {
            let path = std::env::temp_dir().join(format!("ea-dist-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&path).unwrap();
            std::fs::write(
                path.join("index.html"),
                "<!doctype html><title>Endpoint Admin</title>",
            )
            .unwrap();
            Dist(path)
        }
    }

    impl Drop for Dist {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    /// Asserts the Graph error envelope with `code`, and returns its message.
    pub fn graph_error(&self, status: StatusCode, code: &str) -> String {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        let body = self.json();
        assert_eq!(body["error"]["code"], code, "{body}");
        let request_id = body["error"]["innerError"]["request-id"].as_str().unwrap();
        assert_eq!(self.headers["request-id"], request_id);
        assert!(
            body["error"]["innerError"]["date"]
                .as_str()
                .unwrap()
                .ends_with('Z')
        );
        body["error"]["message"].as_str().unwrap().to_string()
    }
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_with(MdmAuthority::Intune).await
    }

    /// A demo tenant whose MDM authority starts as `mdm_authority`.
    pub async fn start_with(mdm_authority: MdmAuthority) -> TestServer {
        TestServer::start_tenant(DEVICES, mdm_authority).await
    }

    pub async fn start_tenant(device_count: u64, mdm_authority: MdmAuthority) -> TestServer {
        let (url, scratch) = suite_database().await;
        TestServer::start_on(
            &url,
            device_count,
            mdm_authority,
            scratch,
            Worker::Running,
            None,
        )
        .await
    }

    /// The demo tenant with the pipeline's worker running or stopped.
    pub async fn start_with_worker(worker: Worker) -> TestServer {
        let (url, scratch) = suite_database().await;
        TestServer::start_on(&url, DEVICES, MdmAuthority::Intune, scratch, worker, None).await
    }

    /// The demo tenant stored as `storage` says.
    pub async fn start_in(storage: Storage) -> TestServer {
        match storage {
            Storage::Memory => TestServer::start().await,
            Storage::File => TestServer::start_on_file().await,
        }
    }

    /// The demo tenant in a database file, as the server runs in production (some paths, like
    /// the CSV export, read a file differently from `sqlite::memory:`).
    pub async fn start_on_file() -> TestServer {
        let scratch = tempdir::Dist::new();
        let url = format!("sqlite://{}", scratch.0.join("tenant.db").display());
        TestServer::start_on(
            &url,
            DEVICES,
            MdmAuthority::Intune,
            Some(scratch),
            Worker::Running,
            None,
        )
        .await
    }

    /// The demo tenant served as if behind a proxy at `public_url` (`--public-url`).
    pub async fn start_behind(public_url: &str) -> TestServer {
        let (url, scratch) = suite_database().await;
        let public_url = Some(public_url.to_owned());
        let (devices, authority) = (DEVICES, MdmAuthority::Intune);
        TestServer::start_on(
            &url,
            devices,
            authority,
            scratch,
            Worker::Running,
            public_url,
        )
        .await
    }

    async fn start_on(
        url: &str,
        device_count: u64,
        mdm_authority: MdmAuthority,
        scratch: Option<tempdir::Dist>,
        worker: Worker,
        public_url: Option<String>,
    ) -> TestServer {
        let store = Store::connect(url).await.unwrap();
        let tenant = DemoTenant {
            device_count,
            mdm_authority,
            password: "demo".to_string(),
        };
        assert!(seed_demo_tenant_if_empty(&store, &tenant).await.unwrap());
        let dist = tempdir::Dist::new();
        let pipeline = (worker == Worker::Running).then(|| {
            Pipeline::start(
                store.clone(),
                PipelineConfig {
                    hop_delay: HOP_DELAY,
                    client_churn: false,
                },
            )
        });
        let app = app(AppState {
            store: store.clone(),
            dist: dist.0.clone(),
            pipeline: pipeline.as_ref().map_or_else(
                || PipelineHandle::without_worker(HOP_DELAY),
                Pipeline::handle,
            ),
            public_url,
        });
        TestServer {
            app,
            store,
            dist,
            _scratch: scratch,
            _pipeline: pipeline,
        }
    }

    /// The directory the SPA is served from.
    pub fn dist(&self) -> &std::path::Path {
        &self.dist.0
    }

    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(body) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(body.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).unwrap()).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Option<Value>) -> Answer {
        self.call(Method::POST, path, Some(token), body).await
    }

    /// A POST whose body is `text` as it is (not necessarily JSON), sent as `application/json`.
    pub async fn post_text(&self, path: &str, token: &str, text: &str) -> Answer {
        let request = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(text.to_string()))
            .unwrap();
        self.send(request).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.call(Method::GET, path, Some(token), None).await
    }

    /// A GET with `Accept-Language: accept_language`.
    pub async fn get_in(&self, path: &str, token: &str, accept_language: &str) -> Answer {
        let request = Request::builder()
            .method(Method::GET)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::ACCEPT_LANGUAGE, accept_language)
            .body(Body::empty())
            .unwrap();
        self.send(request).await
    }

    pub async fn sign_in(&self, user_principal_name: &str, password: &str) -> Answer {
        let body =
            serde_json::json!({ "userPrincipalName": user_principal_name, "password": password });
        self.call(Method::POST, "/auth/token", None, Some(body))
            .await
    }

    pub async fn token(&self, user_principal_name: &str) -> String {
        let answer = self.sign_in(user_principal_name, "demo").await;
        assert_eq!(answer.status, StatusCode::OK);
        answer.json()["accessToken"].as_str().unwrap().to_string()
    }
}

/// Waits one hop delay, then runs every hop due, as the worker would; returns what ran.
pub async fn run_hops(
    store: &Store,
) -> Vec<(i64, endpoint_admin_model::device_action::PipelineStage)> {
    tokio::time::sleep(HOP_DELAY + std::time::Duration::from_millis(5)).await;
    endpoint_admin_server::pipeline::worker::run_due_hops(
        store,
        HOP_DELAY.as_millis() as i64,
        endpoint_admin_server::pipeline::worker::LEASE_MS,
        endpoint_admin_server::pipeline::worker::BATCH,
    )
    .await
    .unwrap()
}
