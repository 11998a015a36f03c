//! A crash during a burst: the server binary is killed with SIGKILL while 1,000 ConfigMgr actions
//! are being accepted; restarted on the same database, every action that got its 204 exists and
//! reaches `done`.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use http_body_util::{BodyExt, Full};
use hyper::{Method, Request, StatusCode, body::Bytes};
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::TokioExecutor,
};
use serde_json::{Value, json};

const BURST: usize = 1_000;
const DEVICES: &str = "/beta/deviceManagement/managedDevices";

/// The server process; killed (SIGKILL) when dropped, so a failing test leaves none behind.
struct Server(Child);

impl Server {
    fn kill(mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The server binary on `database`, and the address it serves on.
fn start(database: &str, dist: &std::path::Path) -> (Server, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_endpoint-admin-server"))
        .args(["--listen", "127.0.0.1:0", "--database", database])
        .args(["--demo-devices", "3000", "--pipeline-delay-ms", "100"])
        .arg("--dist")
        .arg(dist)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let mut lines = BufReader::new(server.0.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(address) = line.strip_prefix("Endpoint Admin is serving ") {
            // Keep reading what the server prints, so it never writes to a closed pipe.
            std::thread::spawn(move || lines.for_each(drop));
            return (server, address.to_string());
        }
    }
    panic!("the server never said where it serves");
}

struct Api {
    client: Client<HttpConnector, Full<Bytes>>,
    base: String,
    token: String,
}

impl Api {
    async fn call(
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

    async fn sign_in(client: Client<HttpConnector, Full<Bytes>>, base: &str) -> Api {
        let mut api = Api {
            client,
            base: base.to_string(),
            token: String::new(),
        };
        let body = json!({ "userPrincipalName": "admin@contoso.com", "password": "demo" });
        let (status, _, answer) = api
            .call(Method::POST, "/auth/token", Some(body))
            .await
            .unwrap();
        assert_eq!(status, StatusCode::OK);
        api.token = answer["accessToken"].as_str().unwrap().to_string();
        api
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_action_accepted_before_a_sigkill_reaches_done_after_the_restart() {
    let scratch = std::env::temp_dir().join(format!("ea-crash-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&scratch).unwrap();
    std::fs::write(scratch.join("index.html"), "<!doctype html>").unwrap();
    let database = format!("sqlite://{}", scratch.join("tenant.db").display());
    let client = Client::builder(TokioExecutor::new()).build_http();

    let (server, base) = start(&database, &scratch);
    let api = std::sync::Arc::new(Api::sign_in(client.clone(), &base).await);
    let filter = "managementAgent eq 'configurationManagerClient' and isOnline eq true and configurationManagerClientInformation/isBlocked eq false and managementState eq 'managed'";
    let filter: String = form_urlencoded::byte_serialize(filter.as_bytes()).collect();
    let (_, _, page) = api
        .call(
            Method::GET,
            &format!("{DEVICES}?$top=1000&$select=id&$filter={filter}"),
            None,
        )
        .await
        .unwrap();
    let ids: Vec<String> = page["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|device| device["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.len() > 500);

    // The burst, 25 requests at a time; the server is killed once 400 are accepted.
    let accepted = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let mut requests = tokio::task::JoinSet::new();
    let gate = std::sync::Arc::new(tokio::sync::Semaphore::new(25));
    for index in 0..BURST {
        let (api, accepted, gate) = (api.clone(), accepted.clone(), gate.clone());
        let id = ids[index % ids.len()].clone();
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
    while accepted.lock().unwrap().len() < 400 {
        assert!(Instant::now() < deadline, "the burst stalled");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.kill();
    while requests.join_next().await.is_some() {}
    let accepted = accepted.lock().unwrap().clone();
    assert!(
        accepted.len() >= 400 && accepted.len() < BURST,
        "killed mid-burst: {}",
        accepted.len()
    );

    let (restarted, base) = start(&database, &scratch);
    let api = Api::sign_in(client, &base).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut unfinished = accepted.clone();
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
                "pending" | "active" => still.push(location),
                other => panic!("{location} ended {other}"),
            }
        }
        unfinished = still;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    restarted.kill();
    let _ = std::fs::remove_dir_all(&scratch);
}
