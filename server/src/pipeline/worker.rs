//! The worker: claims the hops that are due under a lease, runs them, and completes them under
//! the same claim; between batches it sleeps until the next hop falls due or an action arrives.

use std::time::Duration;

use endpoint_admin_model::device_action::PipelineStage;
use tokio::sync::watch;

use super::{PipelineHandle, hop, now_ms};
use crate::store::Store;

/// How long a claim holds: long past any batch's work, short enough that a dead server's hops
/// resume soon after.
pub const LEASE_MS: i64 = 5_000;

/// Hops claimed and completed together.
pub const BATCH: i64 = 2_000;

/// Hops can fall due without this worker hearing of it (another server accepted an action, a
/// client came online): look at least this often.
const POLL: Duration = Duration::from_millis(250);

/// After a database error, wait this long before trying again.
const BACKOFF: Duration = Duration::from_secs(1);

pub(super) async fn run(store: Store, handle: PipelineHandle, mut stopped: watch::Receiver<bool>) {
    loop {
        if *stopped.borrow() {
            return;
        }
        let wait = match run_due_hops(&store, handle.hop_delay_ms(), LEASE_MS, BATCH).await {
            Ok(done) if !done.is_empty() => continue,
            Ok(_) => until_next_hop(&store).await,
            Err(error) => {
                tracing::warn!(%error, "the pipeline could not run its hops; trying again");
                BACKOFF
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = handle.wake.notified() => {}
            _ = stopped.changed() => return,
        }
    }
}

async fn until_next_hop(store: &Store) -> Duration {
    match store.next_hop_due_at().await {
        Ok(Some(due)) => {
            Duration::from_millis(u64::try_from(due - now_ms()).unwrap_or(0)).min(POLL)
        }
        _ => POLL,
    }
}

/// Claims and runs up to `limit` hops due now; returns the (action, stage) pairs it ran.
pub async fn run_due_hops(
    store: &Store,
    hop_delay_ms: i64,
    lease_ms: i64,
    limit: i64,
) -> Result<Vec<(i64, PipelineStage)>, sqlx::Error> {
    let token = rand::random::<i64>();
    let claimed = store
        .claim_due_hops(now_ms(), lease_ms, token, limit)
        .await?;
    if claimed.is_empty() {
        return Ok(Vec::new());
    }
    let ran = claimed
        .iter()
        .map(|hop| (hop.seq, hop.facts.stage))
        .collect();
    let hops: Vec<_> = claimed
        .into_iter()
        .map(|claimed| {
            let outcome = hop::run(&claimed.facts);
            (claimed, outcome)
        })
        .collect();
    let completed = store
        .complete_hops(token, now_ms(), hop_delay_ms, &hops)
        .await?;
    // One line per hop this worker moved on: several servers' logs together show each hop once.
    if tracing::enabled!(tracing::Level::DEBUG) {
        let completed: std::collections::HashSet<i64> = completed.into_iter().collect();
        for (claimed, outcome) in hops
            .iter()
            .filter(|(claimed, _)| completed.contains(&claimed.seq))
        {
            tracing::debug!(seq = claimed.seq, stage = ?claimed.facts.stage, ?outcome, "hop completed");
        }
    }
    Ok(ran)
}
