//! Benchmark of the tenant-attach pipeline (run by `bench/run`, see bench/README.md): on a copy of a
//! seeded tenant, one ConfigMgr action for every online client, taken to `done` by the worker's own
//! hop loop with no hop delay, by one worker or several at once (each with its own connections, as
//! several servers on one database); prints actions per second and the database's growth per
//! action.
//!
//! `cargo run --release -p endpoint-admin-server --example pipeline_throughput -- SOURCE COPY [WORKERS]`
//!
//! SOURCE and COPY are SQLite files (copied with `VACUUM INTO`) or PostgreSQL URLs (copied with
//! `CREATE DATABASE … TEMPLATE`, so nothing may be connected to SOURCE). The copy is left behind
//! for the bulk-acceptance measurement that follows.

use std::time::Instant;

use endpoint_admin_model::device_action::DeviceActionName;
use endpoint_admin_server::{
    odata::{MANAGED_DEVICE, QueryOptions},
    pipeline::{
        now_ms,
        worker::{BATCH, LEASE_MS, run_due_hops},
    },
    store::{BulkAction, BulkParameters, Store},
};

/// Every online, unblocked, managed ConfigMgr-only client: each gets one action.
const ONLINE_CLIENTS: &str = "$filter=managementAgent%20eq%20'configurationManagerClient'%20and%20isOnline%20eq%20true%20and%20configurationManagerClientInformation/isBlocked%20eq%20false%20and%20managementState%20eq%20'managed'&$count=true&$top=1";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut args = std::env::args().skip(1);
    let (Some(source), Some(copy)) = (args.next(), args.next()) else {
        return Err("usage: pipeline_throughput SOURCE COPY [WORKERS]".into());
    };
    let workers: usize = args.next().map_or(Ok(1), |workers| workers.parse())?;
    let started = Instant::now();
    let copy = copy_database(&source, &copy).await?;
    println!(
        "copied {source} in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let store = Store::connect(&copy).await?;
    let before = store.database_bytes().await?;
    let view = QueryOptions::parse(ONLINE_CLIENTS, MANAGED_DEVICE)?;
    let matching = store.list_managed_devices(&view).await?.count.unwrap_or(0);
    let bulk = BulkAction {
        action: DeviceActionName::RefreshMachinePolicy,
        requested_by: "admin@contoso.com".into(),
        parameters: BulkParameters::Shared(None),
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

    let mut stores = vec![store.clone()];
    for _ in 1..workers {
        stores.push(Store::connect(&copy).await?);
    }
    let started = Instant::now();
    let mut running = tokio::task::JoinSet::new();
    for store in stores {
        running.spawn(async move { run_until_done(&store).await });
    }
    let mut hops = 0;
    while let Some(ran) = running.join_next().await {
        hops += ran??;
    }
    let seconds = started.elapsed().as_secs_f64();
    store.checkpoint().await?;
    let after = store.database_bytes().await?;
    println!("recorded {actions} actions in one bulk request in {recorded:.2} s");
    println!(
        "pipeline, {workers} worker(s): {actions} actions ({hops} hops) to done in {seconds:.2} s = {:.0} actions/s",
        actions as f64 / seconds
    );
    println!(
        "database: {before} -> {after} bytes = {:.0} bytes per action",
        (after - before) as f64 / actions as f64
    );
    // One line the harness reads.
    println!(
        "RESULT workers={workers} actions={actions} seconds={seconds:.3} actions_per_second={:.0} bytes_per_action={:.0}",
        actions as f64 / seconds,
        (after - before) as f64 / actions as f64
    );
    store.close().await;
    Ok(())
}

/// Runs the hops that are due until none is left unfinished; how many this worker ran. Another
/// worker's claims fall due again only if it dies, so an empty claim with hops still claimed
/// elsewhere waits a moment and looks again.
async fn run_until_done(store: &Store) -> Result<usize, sqlx::Error> {
    let mut hops = 0;
    loop {
        let ran = run_due_hops(store, 0, LEASE_MS, BATCH).await?;
        if ran.is_empty() {
            if store.next_hop_due_at().await?.is_none() {
                return Ok(hops);
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        hops += ran.len();
    }
}

/// Copies the database `source` to `copy` (both SQLite files, or both PostgreSQL URLs on one
/// server), replacing an earlier copy; returns the copy's URL.
async fn copy_database(
    source: &str,
    copy: &str,
) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    if !source.starts_with("postgres") {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{copy}{suffix}"));
        }
        rusqlite::Connection::open(source)?.execute("VACUUM INTO ?1", [copy])?;
        return Ok(format!("sqlite://{copy}"));
    }
    use sqlx::Connection;
    let name = |url: &str| url.rsplit_once('/').map(|(_, name)| name.to_string());
    let (Some(source_name), Some(copy_name)) = (name(source), name(copy)) else {
        return Err("PostgreSQL URLs must name their database".into());
    };
    let (server, _) = source.rsplit_once('/').unwrap_or_default();
    let mut connection = sqlx::PgConnection::connect(&format!("{server}/postgres")).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {copy_name}"))
        .execute(&mut connection)
        .await?;
    sqlx::query(&format!(
        "CREATE DATABASE {copy_name} TEMPLATE {source_name}"
    ))
    .execute(&mut connection)
    .await?;
    Ok(copy.to_string())
}
