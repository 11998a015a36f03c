//! The tenant-attach pipeline: device actions move hop by hop (service connection point →
//! management point → client, or Intune's check-in) through the database, so a restart loses
//! nothing and several servers can share the work. Started with the server, stopped with it.
//!
//! - `hop`: what a hop does (pure); `schedule`: when an action's first hop falls due (pure);
//!   `log`: the components' log lines, derived from the stored hop times (pure);
//! - `worker`: claims due hops under a lease and completes them;
//! - `client_churn`: the demo's ConfigMgr clients going online and offline over time.

pub mod client_churn;
pub mod enforcement;
pub mod hop;
pub mod log;
pub mod schedule;
pub mod worker;

use std::{sync::Arc, time::Duration};

use tokio::{
    sync::{Notify, watch},
    task::JoinHandle,
};

use crate::store::Store;

#[derive(Debug, Clone, Copy)]
pub struct PipelineConfig {
    /// Simulated time per hop (`--pipeline-delay-ms`).
    pub hop_delay: Duration,
    /// Whether the demo's clients go online and offline by themselves; tests that need every
    /// client to keep its state turn it off.
    pub client_churn: bool,
}

/// What handlers hold: the hop delay, and a way to wake the worker when an action is accepted.
#[derive(Clone)]
pub struct PipelineHandle {
    hop_delay: Duration,
    wake: Arc<Notify>,
}

impl PipelineHandle {
    /// A handle with no worker behind it, for tests that run the hops themselves.
    pub fn without_worker(hop_delay: Duration) -> PipelineHandle {
        PipelineHandle {
            hop_delay,
            wake: Arc::new(Notify::new()),
        }
    }

    pub fn hop_delay_ms(&self) -> i64 {
        i64::try_from(self.hop_delay.as_millis()).unwrap_or(i64::MAX)
    }

    /// Something new may be due: the worker looks now instead of at its next poll.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

/// The running pipeline; stopping it (or dropping it) stops its tasks.
pub struct Pipeline {
    handle: PipelineHandle,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Pipeline {
    /// Starts the worker (and the client churn) on the current runtime. Unfinished actions of an
    /// earlier run are simply due, so they resume where they stood.
    pub fn start(store: Store, config: PipelineConfig) -> Pipeline {
        let handle = PipelineHandle {
            hop_delay: config.hop_delay,
            wake: Arc::new(Notify::new()),
        };
        let (stop, stopped) = watch::channel(false);
        let mut tasks = vec![tokio::spawn(worker::run(
            store.clone(),
            handle.clone(),
            stopped.clone(),
        ))];
        if config.client_churn {
            tasks.push(tokio::spawn(client_churn::run(store, stopped)));
        }
        Pipeline {
            handle,
            stop,
            tasks,
        }
    }

    pub fn handle(&self) -> PipelineHandle {
        self.handle.clone()
    }

    /// Lets the hop being written finish, then stops.
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        for task in self.tasks.drain(..) {
            let _ = task.await;
        }
    }
}

impl Drop for Pipeline {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Now, in Unix milliseconds: the pipeline's clock.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
