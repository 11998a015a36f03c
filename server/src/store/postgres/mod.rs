//! The PostgreSQL store, for several stateless servers on one database: the same methods and the
//! same answers as the SQLite store.

mod applications;
mod audit;
mod bulk_actions;
mod device_actions;
mod devices;
mod export;
mod organization;
mod pipeline;
mod tenant_creation;
mod users;

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
    pool: PgPool,
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

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The database's size in bytes, as PostgreSQL counts it (tables, indexes, TOAST).
    pub async fn database_bytes(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT pg_database_size(current_database())")
            .fetch_one(&self.pool)
            .await
    }

    /// Nothing to do: a committed transaction is already durable in PostgreSQL's write-ahead
    /// log, and the server checkpoints it into the tables by itself.
    pub async fn checkpoint(&self) -> Result<(), sqlx::Error> {
        Ok(())
    }

    /// Refreshes the query planner's statistics, e.g. after a bulk load, and the device table's
    /// visibility map: without it an index-only scan (a deep page's skip) visits the table anyway.
    pub async fn analyze(&self) -> Result<(), sqlx::Error> {
        sqlx::query("VACUUM (ANALYZE) managed_devices")
            .execute(&self.pool)
            .await?;
        sqlx::query("ANALYZE").execute(&self.pool).await?;
        Ok(())
    }

    /// True until the demo tenant (or any tenant) has been created.
    pub async fn is_empty(&self) -> Result<bool, sqlx::Error> {
        let any: bool = sqlx::query_scalar("SELECT EXISTS (SELECT FROM organization)")
            .fetch_one(&self.pool)
            .await?;
        Ok(!any)
    }
}
