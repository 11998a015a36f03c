//! The demo's ConfigMgr clients go online and offline over time, deterministically: every time
//! slot re-decides the state of one client in [`STRIDE`], chosen by the slot, each online with a
//! probability of 85 % (the demo tenant's share). A client with an unfinished action is never
//! taken offline, so an action on an online client is never stranded by the simulation.

use std::time::Duration;

use tokio::sync::watch;

use super::now_ms;
use crate::store::Store;

/// Length of a slot.
pub const SLOT: Duration = Duration::from_secs(30);

/// Each slot re-decides every `STRIDE`-th device (so each device about every 50 minutes).
pub const STRIDE: i64 = 100;

/// Online share, per mille.
const ONLINE_PER_MILLE: u64 = 850;

/// The slot `now_ms` falls in.
pub fn slot_at(now_ms: i64) -> i64 {
    now_ms.div_euclid(SLOT.as_millis() as i64)
}

/// The devices (by sequence number, `1..=max_seq`) slot `slot` brings online and takes offline.
pub fn churn_of(slot: i64, max_seq: i64) -> (Vec<i64>, Vec<i64>) {
    let offset = (mix(slot as u64) % STRIDE as u64) as i64;
    let mut online = Vec::new();
    let mut offline = Vec::new();
    let mut seq = 1 + offset;
    while seq <= max_seq {
        if mix((seq as u64) ^ (slot as u64).rotate_left(32)) % 1000 < ONLINE_PER_MILLE {
            online.push(seq);
        } else {
            offline.push(seq);
        }
        seq += STRIDE;
    }
    (online, offline)
}

/// SplitMix64's finaliser: a fixed, well-spread hash of a number.
fn mix(mut value: u64) -> u64 {
    value = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    value = (value ^ (value >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    value ^ (value >> 31)
}

pub(super) async fn run(store: Store, mut stopped: watch::Receiver<bool>) {
    loop {
        let now = now_ms();
        let slot = slot_at(now);
        let applied = match store.max_device_seq().await {
            Ok(max_seq) => {
                let (online, offline) = churn_of(slot, max_seq);
                store.apply_client_churn(slot, &online, &offline).await
            }
            Err(error) => Err(error),
        };
        if let Err(error) = applied {
            tracing::warn!(%error, "the demo's client churn could not run");
        }
        let next_slot_in = (slot + 1) * SLOT.as_millis() as i64 - now;
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(next_slot_in.max(1) as u64)) => {}
            _ = stopped.changed() => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_always_decides_the_same_devices_the_same_way() {
        assert_eq!(churn_of(123_456, 10_000), churn_of(123_456, 10_000));
        assert_ne!(churn_of(123_456, 10_000), churn_of(123_457, 10_000));
    }

    #[test]
    fn a_slot_decides_one_device_in_a_stride_and_keeps_most_online() {
        let (online, offline) = churn_of(99, 100_000);
        assert_eq!(online.len() + offline.len(), 1_000);
        let share = online.len() as f64 / 1_000.0;
        assert!((0.80..0.90).contains(&share), "{share}");
        let mut all: Vec<_> = online.iter().chain(&offline).copied().collect();
        all.sort_unstable();
        assert!(all.windows(2).all(|pair| pair[1] - pair[0] == STRIDE));
        assert!(all[0] >= 1 && all[0] <= STRIDE);
    }

    #[test]
    fn slots_follow_the_clock() {
        assert_eq!(slot_at(0), 0);
        assert_eq!(slot_at(29_999), 0);
        assert_eq!(slot_at(30_000), 1);
    }
}
