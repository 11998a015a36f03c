//! The PostgreSQL store, for several stateless servers on one database: connecting, and what the
//! store does its own way on PostgreSQL (the rest is written once, in `store/`).

mod bulk_actions;
mod devices;
mod export;
mod pipeline;
mod tenant_creation;

pub(super) use {
    bulk_actions::insert_bulk_actions,
    devices::{build_indexes, condition, insert_devices},
};

use std::str::FromStr;

use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use super::StoreError;
pub(super) use tenant_creation::release;

/// How PostgreSQL plans the store's statements: each for its values (see `connect`).
const PLAN_CACHE_MODE: &str = "force_custom_plan";

/// Connections per server: enough for the list queries of a busy admin team and the pipeline's
/// worker, few enough that several servers stay well inside PostgreSQL's `max_connections`.
const MAX_CONNECTIONS: u32 = 16;

#[derive(Clone)]
pub struct PostgresStore {
    pub(super) pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://…`) and applies the migrations; servers starting together
    /// on one database apply them once (the migrator holds an advisory lock).
    pub async fn connect(url: &str) -> Result<PostgresStore, StoreError> {
        // Every statement is planned for its own values. sqlx prepares each statement once per
        // connection, and after five runs PostgreSQL may keep one generic plan for all values:
        // but a list's best plan depends on them. A one-character search has no trigram, yet
        // the generic plan read all six trigram indexes whole (its count: 6.7 s instead of
        // 0.43 s at 1M). Planning costs a millisecond or two.
        let options =
            PgConnectOptions::from_str(url)?.options([("plan_cache_mode", PLAN_CACHE_MODE)]);
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(std::time::Duration::from_secs(5))
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        Ok(PostgresStore { pool })
    }
}
