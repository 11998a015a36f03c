//! Storage: every SQL statement of the server lives here, behind methods that speak model types.
//!
//! Handlers only call `Store` methods, so PostgreSQL can join SQLite as a second backend here
//! without touching them.

mod bulk_actions;
mod device_actions;
mod devices;
mod export;
mod organization;
mod pipeline;
mod users;

use std::str::FromStr;

use sqlx::{
    ConnectOptions, SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

pub use bulk_actions::BulkCounts;
pub use device_actions::{BulkOutcome, NewAction, WAITING_FOR_CHECK_IN};
pub use pipeline::ClaimedHop;
pub use users::UserAccount;

/// Page cache of each connection, in KiB (negative, as SQLite spells it): the hot index pages
/// fit, instead of SQLite's default 2 MB; the OS page cache holds the rest.
const SERVING_CACHE_SIZE: i64 = -32_768;

/// Connections of a file database: readers run in parallel on WAL; more than the cores buys nothing.
const MAX_CONNECTIONS: u32 = 4;

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    /// The database file; `None` for `sqlite::memory:`, which only the pool's connection sees.
    file: Option<std::path::PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `url` and applies the migrations.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Err(StoreError::Unsupported(
                "PostgreSQL storage is not built yet; use sqlite://PATH or sqlite::memory:".into(),
            ));
        }
        let in_memory = url.contains(":memory:");
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(10))
            .pragma("cache_size", SERVING_CACHE_SIZE.to_string())
            .log_slow_statements(
                tracing::log::LevelFilter::Warn,
                std::time::Duration::from_secs(5),
            );
        // Every connection to `:memory:` is its own database: keep exactly one, forever.
        let pool_options = if in_memory {
            SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
        } else {
            SqlitePoolOptions::new().max_connections(MAX_CONNECTIONS)
        };
        let pool = pool_options.connect_with(options.clone()).await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        let file = (!in_memory).then(|| options.get_filename().to_path_buf());
        Ok(Store { pool, file })
    }

    /// Refreshes the query planner's statistics, e.g. after a bulk load.
    pub async fn analyze(&self) -> Result<(), sqlx::Error> {
        sqlx::query("ANALYZE").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection; the last one to close checkpoints the write-ahead log into the
    /// database file and removes it.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// True until the demo tenant (or any tenant) has been created.
    pub async fn is_empty(&self) -> Result<bool, sqlx::Error> {
        let organizations: i64 = sqlx::query_scalar("SELECT count(*) FROM organization")
            .fetch_one(&self.pool)
            .await?;
        Ok(organizations == 0)
    }
}

#[derive(Debug)]
pub enum StoreError {
    Unsupported(String),
    Database(sqlx::Error),
    Migration(sqlx::migrate::MigrateError),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unsupported(message) => f.write_str(message),
            StoreError::Database(error) => write!(f, "database: {error}"),
            StoreError::Migration(error) => write!(f, "migration: {error}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        StoreError::Database(error)
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        StoreError::Migration(error)
    }
}
