//! Endpoint Admin server: the Graph-shaped JSON API, the static SPA, storage and the demo tenant.

pub mod audit;
pub mod auth;
pub mod config;
pub mod demo;
pub mod error;
pub mod odata;
pub mod openapi;
pub mod pipeline;
pub mod routes;
pub mod seed;
pub mod serve;
pub mod sign_in_limit;
pub mod store;

use std::path::PathBuf;

use chrono::{DateTime, SubsecRound, Utc};

pub use routes::app;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: store::Store,
    /// The built SPA (`--dist`).
    pub dist: PathBuf,
    /// Wakes the tenant-attach pipeline when an action is accepted.
    pub pipeline: pipeline::PipelineHandle,
    /// `--public-url`: the origin links to the API start with, when not the request's `Host`.
    pub public_url: Option<String>,
}

/// The current time in whole seconds, as every date of the API is.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}
