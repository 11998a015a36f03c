//! Benchmark of the tenant-attach pipeline (run by `bench/run`, see bench/README.md): on a copy of a
//! seeded tenant, one ConfigMgr action for every online client, taken to `done` by the worker's own
//! hop loop with no hop delay; prints actions per second and the database's growth per action.
//!
//! `cargo run --release -p endpoint-admin-server --example pipeline_throughput -- SOURCE.db COPY.db`
//!
//! The copy (`VACUUM INTO`) is left behind for the bulk-acceptance measurement that follows.

use std::time::Instant;

use endpoint_admin_model::device_action::DeviceActionName;
use endpoint_admin_server::{
    odata::{MANAGED_DEVICE, QueryOptions},
    pipeline::{
        now_ms,
        worker::{BATCH, LEASE_MS, run_due_hops},
    },
    store::{BulkAction, Store},
};

/// Every online, unblocked, managed ConfigMgr-only client: each gets one action.
const ONLINE_CLIENTS: &str = "$filter=managementAgent%20eq%20'configurationManagerClient'%20and%20isOnline%20eq%20true%20and%20configurationManagerClientInformation/isBlocked%20eq%20false%20and%20managementState%20eq%20'managed'&$count=true&$top=1";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut args = std::env::args().skip(1);
    let (Some(source), Some(copy)) = (args.next(), args.next()) else {
        return Err("usage: pipeline_throughput SOURCE.db COPY.db".into());
    };
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{copy}{suffix}"));
    }
    let started = Instant::now();
    rusqlite::Connection::open(&source)?.execute("VACUUM INTO ?1", [&copy])?;
    println!(
        "copied {source} in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let store = Store::connect(&format!("sqlite://{copy}")).await?;
    let before = store.database_bytes().await?;
    let view = QueryOptions::parse(ONLINE_CLIENTS, MANAGED_DEVICE)?;
    let matching = store.list_managed_devices(&view).await?.count.unwrap_or(0);
    let bulk = BulkAction {
        action: DeviceActionName::RefreshMachinePolicy,
        requested_by: "admin@contoso.com".into(),
        parameters: None,
        now_ms: now_ms(),
        hop_delay_ms: 0,
    };
    let started = Instant::now();
    let counts = store
        .record_bulk_action_by_query(&bulk, &view, matching)
        .await?
        .map_err(|counts| format!("the view changed: {counts:?}"))?;
    let recorded = started.elapsed().as_secs_f64();
    let actions = counts.successful;

    let started = Instant::now();
    let mut hops = 0;
    loop {
        let ran = run_due_hops(&store, 0, LEASE_MS, BATCH).await?;
        if ran.is_empty() {
            break;
        }
        hops += ran.len();
    }
    let seconds = started.elapsed().as_secs_f64();
    store.checkpoint().await?;
    let after = store.database_bytes().await?;
    println!("recorded {actions} actions in one bulk request in {recorded:.2} s");
    println!(
        "pipeline: {actions} actions ({hops} hops) to done in {seconds:.2} s = {:.0} actions/s",
        actions as f64 / seconds
    );
    println!(
        "database: {before} -> {after} bytes = {:.0} bytes per action",
        (after - before) as f64 / actions as f64
    );
    // One line the harness reads.
    println!(
        "RESULT actions={actions} seconds={seconds:.3} actions_per_second={:.0} bytes_per_action={:.0}",
        actions as f64 / seconds,
        (after - before) as f64 / actions as f64
    );
    store.close().await;
    Ok(())
}
