//! A crash during a burst: the server binary is killed with SIGKILL while 1,000 ConfigMgr actions
//! are being accepted; restarted on the same database, every action that got its 204 exists and
//! reaches `done`.

mod support;

use std::sync::Arc;

use support::{Api, Scratch, Server, burst, http_client, wait_until_done};

const BURST: usize = 1_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_action_accepted_before_a_sigkill_reaches_done_after_the_restart() {
    let scratch = Scratch::new("crash");
    let database = format!("sqlite://{}", scratch.0.join("tenant.db").display());
    let client = http_client();

    let server = Server::start(&database, &scratch.0, 3000, None);
    let api = Arc::new(Api::sign_in(client.clone(), &server.base).await);
    let devices = api.online_clients().await;
    assert!(devices.len() > 500);

    // The server is killed once 400 are accepted.
    let accepted = burst(&[api], &devices, BURST, 400, || server.kill()).await;
    assert!(
        accepted.len() >= 400 && accepted.len() < BURST,
        "killed mid-burst: {}",
        accepted.len()
    );

    let restarted = Server::start(&database, &scratch.0, 3000, None);
    let api = Api::sign_in(client, &restarted.base).await;
    wait_until_done(&api, &accepted).await;
}
