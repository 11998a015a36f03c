//! What the tests that run the server binary share: starting it on a database, an HTTP client
//! signed in to it, a burst of ConfigMgr actions, and a throw-away PostgreSQL cluster. Each test
//! binary uses a part of it.
#![allow(dead_code)]

pub mod postgres;

use std::{
    io::{BufRead, BufReader, Write},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use http_body_util::{BodyExt, Full};
use hyper::{Method, Request, StatusCode, body::Bytes};
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::TokioExecutor,
};
use serde_json::{Value, json};

pub const DEVICES: &str = "/beta/deviceManagement/managedDevices";

/// A scratch directory with an `index.html` to serve as `--dist`; removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let path = std::env::temp_dir().join(format!("ea-{name}-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&path).unwrap();
        std::fs::write(path.join("index.html"), "<!doctype html>").unwrap();
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The server process; killed (SIGKILL) when dropped, so a failing test leaves none behind.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// The server binary on `database` with the demo tenant of `devices` devices and a hop delay
    /// of 100 ms, serving on a free port; its log (what it prints after its banner) goes to
    /// `log` when given.
    pub fn start(database: &str, dist: &Path, devices: u64, log: Option<&Path>) -> Server {
        let mut log = log.map(|path| std::fs::File::create(path).unwrap());
        let child = Command::new(env!("CARGO_BIN_EXE_endpoint-admin-server"))
            .args(["--listen", "127.0.0.1:0", "--database", database])
            .args(["--demo-devices", &devices.to_string()])
            .args(["--pipeline-delay-ms", "100"])
            .arg("--dist")
            .arg(dist)
            .env(
                "RUST_LOG",
                "warn,endpoint_admin_server::pipeline::worker=debug",
            )
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut server = Server {
            child,
            base: String::new(),
        };
        let mut lines = BufReader::new(server.child.stdout.take().unwrap()).lines();
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(address) = line.strip_prefix("Endpoint Admin is serving ") {
                // Keep reading what the server prints, so it never writes to a closed pipe.
                std::thread::spawn(move || {
                    for line in lines.map_while(Result::ok) {
                        if let Some(log) = log.as_mut() {
                            let _ = writeln!(log, "{line}");
                        }
                    }
                });
                server.base = address.to_string();
                return server;
            }
        }
        panic!("the server never said where it serves");
    }

    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Whether the process is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub type HttpClient = Client<HttpConnector, Full<Bytes>>;

pub fn http_client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

/// A client of one server, with a token.
pub struct Api {
    client: HttpClient,
    pub base: String,
    pub token: String,
}

impl Api {
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<(StatusCode, hyper::HeaderMap, Value), String> {
        let request = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header("authorization", format!("Bearer {}", self.token))
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(
                body.map(|b| b.to_string()).unwrap_or_default(),
            )))
            .unwrap();
        let response = self
            .client
            .request(request)
            .await
            .map_err(|error| error.to_string())?;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|error| error.to_string())?
            .to_bytes();
        Ok((
            status,
            headers,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        ))
    }

    /// Signed in as the admin on the server at `base`.
    pub async fn sign_in(client: HttpClient, base: &str) -> Api {
        let mut api = Api::with_token(client, base, "");
        let body = json!({ "userPrincipalName": "admin@contoso.com", "password": "demo" });
        let (status, _, answer) = api
            .call(Method::POST, "/auth/token", Some(body))
            .await
            .unwrap();
        assert_eq!(status, StatusCode::OK);
        api.token = answer["accessToken"].as_str().unwrap().to_string();
        api
    }

    /// The server at `base` with a token another server issued.
    pub fn with_token(client: HttpClient, base: &str, token: &str) -> Api {
        Api {
            client,
            base: base.to_string(),
            token: token.to_string(),
        }
    }

    /// Up to 1,000 devices whose ConfigMgr client is online and can take a client action.
    pub async fn online_clients(&self) -> Vec<String> {
        let filter = "managementAgent eq 'configurationManagerClient' and isOnline eq true and configurationManagerClientInformation/isBlocked eq false and managementState eq 'managed'";
        let filter: String = form_urlencoded::byte_serialize(filter.as_bytes()).collect();
        let (_, _, page) = self
            .call(
                Method::GET,
                &format!("{DEVICES}?$top=1000&$select=id&$filter={filter}"),
                None,
            )
            .await
            .unwrap();
        page["value"]
            .as_array()
            .unwrap()
            .iter()
            .map(|device| device["id"].as_str().unwrap().to_string())
            .collect()
    }
}

/// Sends `count` Sync machine policy actions to `devices` (round robin), spread over `servers`
/// (round robin), 25 at a time; once `kill_after` are accepted, `kill` runs. Returns the
/// `Location` of every accepted action (204).
pub async fn burst(
    servers: &[Arc<Api>],
    devices: &[String],
    count: usize,
    kill_after: usize,
    kill: impl FnOnce(),
) -> Vec<String> {
    let accepted = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut requests = tokio::task::JoinSet::new();
    let gate = Arc::new(tokio::sync::Semaphore::new(25));
    for index in 0..count {
        let api = servers[index % servers.len()].clone();
        let (accepted, gate) = (accepted.clone(), gate.clone());
        let id = devices[index % devices.len()].clone();
        requests.spawn(async move {
            let _permit = gate.acquire().await.unwrap();
            let path = format!("{DEVICES}/{id}/triggerConfigurationManagerAction");
            let body =
                json!({ "configurationManagerAction": { "action": "refreshMachinePolicy" } });
            if let Ok((StatusCode::NO_CONTENT, headers, _)) =
                api.call(Method::POST, &path, Some(body)).await
            {
                let location = headers["location"].to_str().unwrap().to_string();
                accepted.lock().unwrap().push(location);
            }
        });
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while accepted.lock().unwrap().len() < kill_after {
        assert!(Instant::now() < deadline, "the burst stalled");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    kill();
    while requests.join_next().await.is_some() {}
    accepted.lock().unwrap().clone()
}

/// Waits until every action at `locations` is `done`, reading through `api`; fails on one that
/// is lost or ends otherwise, or after a minute. The demo's clients go offline now and then (the
/// client churn): one that went offline just before its action was recorded is asked to check
/// in, as its admin would, so that its action goes on.
pub async fn wait_until_done(api: &Api, locations: &[String]) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut unfinished = locations.to_vec();
    while !unfinished.is_empty() {
        assert!(
            Instant::now() < deadline,
            "{} actions never finished, e.g. {}",
            unfinished.len(),
            unfinished[0]
        );
        let mut still = Vec::new();
        for location in unfinished {
            let (status, _, result) = api.call(Method::GET, &location, None).await.unwrap();
            assert_eq!(status, StatusCode::OK, "{location} was lost");
            match result["actionState"].as_str().unwrap() {
                "done" => {}
                "pending" | "active" => {
                    let waiting_for_client = result["errorMessage"]
                        .as_str()
                        .is_some_and(|message| message.starts_with("Waiting for the client"));
                    if let (true, Some((device, _))) = (
                        waiting_for_client,
                        location.split_once("/deviceActionResults"),
                    ) {
                        let check_in = format!("{device}/simulateCheckIn");
                        api.call(Method::POST, &check_in, None).await.unwrap();
                    }
                    still.push(location)
                }
                other => panic!("{location} ended {other}"),
            }
        }
        unfinished = still;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
