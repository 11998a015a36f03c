//! Several servers on one PostgreSQL database, and the faults they must survive: a server killed
//! mid-burst while another carries on, and the database stopped for ten seconds under traffic.
//! Each test starts a throw-away PostgreSQL cluster of its own.

mod support;

use std::{
    collections::HashSet,
    path::Path,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use hyper::{Method, StatusCode};
use serde_json::json;
use support::{
    Api, DEVICES, Scratch, Server, burst, http_client, postgres::PostgresCluster, wait_until_done,
};

const BURST: usize = 1_000;
const DEMO_DEVICES: u64 = 3_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_run_every_accepted_action_once_though_one_is_killed_mid_burst() {
    let cluster = PostgresCluster::start();
    let database = cluster.create_database("tenant").await;
    let scratch = Scratch::new("scale-out");
    let logs = [scratch.0.join("a.log"), scratch.0.join("b.log")];
    // Both start at once on the empty database.
    let (a, b) = std::thread::scope(|threads| {
        let a =
            threads.spawn(|| Server::start(&database, &scratch.0, DEMO_DEVICES, Some(&logs[0])));
        let b =
            threads.spawn(|| Server::start(&database, &scratch.0, DEMO_DEVICES, Some(&logs[1])));
        (a.join().unwrap(), b.join().unwrap())
    });
    let client = http_client();
    let api_a = Arc::new(Api::sign_in(client.clone(), &a.base).await);
    // A's token is good on B.
    let api_b = Arc::new(Api::with_token(client, &b.base, &api_a.token));
    let (status, _, me) = api_b.call(Method::GET, "/beta/me", None).await.unwrap();
    assert_eq!(status, StatusCode::OK, "{me}");
    // The demo tenant was created once.
    let (_, _, overview) = api_b
        .call(
            Method::GET,
            "/beta/deviceManagement/managedDeviceOverview",
            None,
        )
        .await
        .unwrap();
    assert_eq!(overview["enrolledDeviceCount"], DEMO_DEVICES);

    let devices = api_a.online_clients().await;
    assert!(devices.len() > 500);
    let accepted = burst(&[api_a, api_b.clone()], &devices, BURST, 400, || a.kill()).await;
    assert!(
        accepted.len() >= 400 && accepted.len() < BURST,
        "A killed mid-burst: {}",
        accepted.len()
    );
    // Every action, whichever server accepted it and whichever ran its hops, is seen through B.
    wait_until_done(&api_b, &accepted).await;

    // No hop ran twice: each (action, stage) is logged as completed by one server, once. And the
    // logs are real: each action has three ConfigMgr hops, all logged but those A had committed
    // and not yet logged when it was killed (one batch at most).
    let completed = completed_hops(&logs);
    let distinct: HashSet<&(i64, String)> = completed.iter().collect();
    assert_eq!(distinct.len(), completed.len(), "a hop was completed twice");
    assert!(
        completed.len() >= 2 * accepted.len(),
        "{} hops logged for {} actions",
        completed.len(),
        accepted.len()
    );
    drop(b);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_database_outage_answers_503_and_service_resumes_without_a_restart() {
    let cluster = PostgresCluster::start();
    let database = cluster.create_database("tenant").await;
    let scratch = Scratch::new("outage");
    let mut server = Server::start(&database, &scratch.0, DEMO_DEVICES, None);
    let api = Arc::new(Api::sign_in(http_client(), &server.base).await);
    let devices = api.online_clients().await;

    // Reads and writes, one after the other, for as long as `traffic` runs.
    let answers = Arc::new(Mutex::new(Vec::<(Instant, StatusCode)>::new()));
    let running = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let traffic = {
        let (api, answers, running) = (api.clone(), answers.clone(), running.clone());
        tokio::spawn(async move {
            let mut index = 0;
            while running.load(std::sync::atomic::Ordering::Relaxed) {
                let (method, path, body) = if index % 2 == 0 {
                    (Method::GET, format!("{DEVICES}?$top=50&$count=true"), None)
                } else {
                    let id = &devices[index % devices.len()];
                    let body =
                        json!({ "configurationManagerAction": { "action": "refreshUserPolicy" } });
                    (
                        Method::POST,
                        format!("{DEVICES}/{id}/triggerConfigurationManagerAction"),
                        Some(body),
                    )
                };
                let (status, headers, body) = api.call(method, &path, body).await.unwrap();
                if status.is_server_error() {
                    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
                    assert_eq!(body["error"]["code"], "serviceNotAvailable", "{body}");
                    assert!(headers.contains_key("retry-after"));
                }
                answers.lock().unwrap().push((Instant::now(), status));
                index += 1;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
    };
    tokio::time::sleep(Duration::from_secs(1)).await;
    cluster.stop();
    let stopped = Instant::now();
    tokio::time::sleep(Duration::from_secs(10)).await;
    cluster.resume();
    let resumed = Instant::now();
    // Served again within 5 s of the database's return.
    loop {
        let (status, _, _) = api
            .call(Method::GET, &format!("{DEVICES}?$top=1"), None)
            .await
            .unwrap();
        if status == StatusCode::OK {
            break;
        }
        assert!(
            resumed.elapsed() < Duration::from_secs(5),
            "still {status} 5 s after the database came back"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    running.store(false, std::sync::atomic::Ordering::Relaxed);
    traffic.await.unwrap();
    assert!(server.running(), "the server exited");

    let answers = answers.lock().unwrap().clone();
    let during = |status: StatusCode| {
        answers
            .iter()
            .filter(|(at, answered)| {
                *at > stopped + Duration::from_secs(1) && *at < resumed && *answered == status
            })
            .count()
    };
    assert!(
        during(StatusCode::SERVICE_UNAVAILABLE) > 0,
        "no 503 during the outage"
    );
    assert!(
        answers
            .iter()
            .any(|(at, status)| *at > resumed && status.is_success()),
        "nothing succeeded after the outage"
    );
    // A write after the outage runs to the end.
    let id = api.online_clients().await[0].clone();
    let body = json!({ "configurationManagerAction": { "action": "refreshMachinePolicy" } });
    let (status, headers, _) = api
        .call(
            Method::POST,
            &format!("{DEVICES}/{id}/triggerConfigurationManagerAction"),
            Some(body),
        )
        .await
        .unwrap();
    assert_eq!(status, StatusCode::NO_CONTENT);
    let location = headers["location"].to_str().unwrap().to_string();
    wait_until_done(&api, &[location]).await;
}

/// Every (action, stage) the servers' workers logged as completed, as many times as logged;
/// a hop that only found its client offline is not a completion.
fn completed_hops(logs: &[impl AsRef<Path>]) -> Vec<(i64, String)> {
    let mut completed = Vec::new();
    for log in logs {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        for line in text.lines().filter(|line| line.contains("hop completed")) {
            let field = |name: &str| {
                line.split_whitespace()
                    .find_map(|word| word.strip_prefix(&format!("{name}=")))
                    .map(str::to_string)
            };
            if field("outcome").as_deref() == Some("WaitingForClient") {
                continue;
            }
            let (Some(seq), Some(stage)) = (field("seq"), field("stage")) else {
                continue;
            };
            completed.push((seq.parse().unwrap(), stage));
        }
    }
    completed
}
