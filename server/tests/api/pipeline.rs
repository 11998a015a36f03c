//! The pipeline's durability and its claims: several workers on one database never run the same
//! hop twice, a lost lease completes nothing, and a restart resumes every unfinished action.

use std::{collections::HashSet, time::Duration};

use endpoint_admin_model::{
    device_action::{DeviceActionName, PipelineStage},
    organization::MdmAuthority,
};
use endpoint_admin_server::{
    odata::{MANAGED_DEVICE, QueryOptions},
    pipeline::{
        Pipeline, PipelineConfig,
        hop::Hop,
        now_ms,
        worker::{LEASE_MS, run_due_hops},
    },
    seed::{DemoTenant, seed_demo_tenant_if_empty},
    store::{BulkAction, BulkParameters, Store},
};

use crate::common::tempdir;

const ONLINE_CLIENTS: &str = "$filter=managementAgent eq 'configurationManagerClient' and isOnline eq true and configurationManagerClientInformation/isBlocked eq false and managementState eq 'managed'&$count=true&$top=1";

/// A seeded demo tenant in a database more connections can share, and its URL.
async fn file_tenant(devices: u64) -> (Store, String, tempdir::Dist) {
    let (url, scratch) = crate::common::shared_database().await;
    let store = Store::connect(&url).await.unwrap();
    let tenant = DemoTenant {
        device_count: devices,
        mdm_authority: MdmAuthority::Intune,
        password: "demo".into(),
    };
    seed_demo_tenant_if_empty(&store, &tenant).await.unwrap();
    (store, url, scratch)
}

/// Sync machine policy on every online client; returns how many actions that made.
async fn sync_every_online_client(store: &Store, hop_delay_ms: i64) -> u64 {
    let query = ONLINE_CLIENTS.replace(' ', "%20");
    let view = QueryOptions::parse(&query, MANAGED_DEVICE).unwrap();
    let matching = store
        .list_managed_devices(&view)
        .await
        .unwrap()
        .count
        .unwrap();
    let bulk = BulkAction {
        action: DeviceActionName::RefreshMachinePolicy,
        requested_by: "admin@contoso.com".into(),
        parameters: BulkParameters::Shared(None),
        now_ms: now_ms(),
        hop_delay_ms,
    };
    let counts = store
        .record_bulk_action_by_query(&bulk, &view, matching)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(counts.successful, matching);
    counts.successful
}

async fn states(store: &Store) -> Vec<String> {
    let query = ONLINE_CLIENTS
        .replace("$top=1", "$top=1000")
        .replace(' ', "%20");
    let view = QueryOptions::parse(&query, MANAGED_DEVICE).unwrap();
    let mut states = Vec::new();
    for device in store.list_managed_devices(&view).await.unwrap().devices {
        for result in store.device_action_results(&device.id).await.unwrap() {
            states.push(result.action_state.wire_name().to_string());
        }
    }
    states
}

/// Runs hops in small batches until nothing has been due for a while; returns what it ran.
async fn drain(store: &Store) -> Vec<(i64, PipelineStage)> {
    let mut ran = Vec::new();
    let mut idle = 0;
    while idle < 5 {
        let batch = run_due_hops(store, 0, LEASE_MS, 7).await.unwrap();
        if batch.is_empty() {
            idle += 1;
            tokio::time::sleep(Duration::from_millis(5)).await;
        } else {
            idle = 0;
            ran.extend(batch);
        }
    }
    ran
}

#[tokio::test]
async fn a_hop_claimed_by_one_worker_is_not_due_for_another() {
    let (first, url, _scratch) = file_tenant(300).await;
    let second = Store::connect(&url).await.unwrap();
    let actions = sync_every_online_client(&first, 0).await;
    let by_first = first
        .claim_due_hops(now_ms(), LEASE_MS, 1, 50)
        .await
        .unwrap();
    let by_second = second
        .claim_due_hops(now_ms(), LEASE_MS, 2, 1000)
        .await
        .unwrap();
    assert_eq!(by_first.len(), 50);
    assert_eq!(by_first.len() + by_second.len(), actions as usize);
    let first_seqs: HashSet<i64> = by_first.iter().map(|hop| hop.seq).collect();
    assert!(by_second.iter().all(|hop| !first_seqs.contains(&hop.seq)));
    assert!(
        first
            .claim_due_hops(now_ms(), LEASE_MS, 3, 1000)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_on_one_database_never_run_the_same_hop() {
    let (first, url, _scratch) = file_tenant(600).await;
    let second = Store::connect(&url).await.unwrap();
    let actions = sync_every_online_client(&first, 0).await;
    assert!(actions > 200);
    let other = tokio::spawn(async move { drain(&second).await });
    let by_first = drain(&first).await;
    let by_second = other.await.unwrap();
    let mut seen = HashSet::new();
    for hop in by_first.iter().chain(&by_second) {
        assert!(seen.insert(*hop), "{hop:?} ran twice");
    }
    assert_eq!(
        seen.len() as u64,
        actions * 3,
        "every action ran its three hops"
    );
    let states = states(&first).await;
    assert_eq!(states.len() as u64, actions);
    assert!(states.iter().all(|state| state == "done"));
}

#[tokio::test]
async fn a_worker_that_lost_its_lease_completes_nothing() {
    let (store, _url, _scratch) = file_tenant(200).await;
    let actions = sync_every_online_client(&store, 0).await;
    // A lease of 0 ms runs out at once: the second claim takes the same hops over.
    let lost = store.claim_due_hops(now_ms(), 0, 1, 1000).await.unwrap();
    assert_eq!(lost.len() as u64, actions);
    let taken_over = store
        .claim_due_hops(now_ms() + 1, LEASE_MS, 2, 1000)
        .await
        .unwrap();
    assert_eq!(taken_over.len() as u64, actions);
    let outcome = |claims: &[endpoint_admin_server::store::ClaimedHop]| {
        claims
            .iter()
            .map(|claim| (claim.clone(), Hop::Forwarded))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        store
            .complete_hops(1, now_ms(), 0, &outcome(&lost))
            .await
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        store
            .complete_hops(2, now_ms(), 0, &outcome(&taken_over))
            .await
            .unwrap()
            .len() as u64,
        actions
    );
    assert!(states(&store).await.iter().all(|state| state == "active"));
}

#[tokio::test]
async fn a_restart_resumes_every_unfinished_action_where_it_stood() {
    let (store, url, _scratch) = file_tenant(300).await;
    let actions = sync_every_online_client(&store, 0).await;
    // Some hops run, some are claimed by a worker that then dies, the rest never start.
    run_due_hops(&store, 0, LEASE_MS, 20).await.unwrap();
    let abandoned = store.claim_due_hops(now_ms(), 300, 9, 20).await.unwrap();
    assert_eq!(abandoned.len(), 20);
    store.close().await;
    drop(store);

    let restarted = Store::connect(&url).await.unwrap();
    let pipeline = Pipeline::start(
        restarted.clone(),
        PipelineConfig {
            hop_delay: Duration::from_millis(5),
            client_churn: false,
        },
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let states = states(&restarted).await;
        if states.len() as u64 == actions && states.iter().all(|state| state == "done") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not all done: {states:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    pipeline.stop().await;
}
