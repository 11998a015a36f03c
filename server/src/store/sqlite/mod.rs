//! The embedded SQLite store, one database file (or `sqlite::memory:`) in WAL mode: connecting,
//! and what the store does its own way on SQLite (the rest is written once, in `store/`).

mod bulk_actions;
mod devices;
mod export;
mod pipeline;

pub(super) use {
    bulk_actions::insert_bulk_actions, devices::insert_devices, export::export_condition,
};

use std::str::FromStr;

use sqlx::{
    ConnectOptions, SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use super::StoreError;

/// Page cache of each connection, in KiB (negative, as SQLite spells it): the hot index pages
/// fit, instead of SQLite's default 2 MB; the OS page cache holds the rest.
pub(super) const SERVING_CACHE_SIZE: i64 = -32_768;

/// Connections of a file database: readers run in parallel on WAL; more than the cores buys nothing.
const MAX_CONNECTIONS: u32 = 4;

#[derive(Clone)]
pub struct SqliteStore {
    pub(super) pool: SqlitePool,
    /// When a bulk load last recreated the device table's triggers and indexes.
    schema_rebuilt: SchemaRebuilt,
    /// The database file; `None` for `sqlite::memory:`, which only the pool's connection sees.
    file: Option<std::path::PathBuf>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` (`sqlite://PATH` or `sqlite::memory:`)
    /// and applies the migrations.
    pub async fn connect(url: &str) -> Result<SqliteStore, StoreError> {
        let in_memory = url.contains(":memory:");
        let schema_rebuilt = SchemaRebuilt::default();
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
            let schema_rebuilt = schema_rebuilt.clone();
            SqlitePoolOptions::new()
                .max_connections(MAX_CONNECTIONS)
                .before_acquire(move |_, connection| {
                    let keep = !schema_rebuilt.after(connection.age);
                    Box::pin(async move { Ok(keep) })
                })
        };
        if !in_memory {
            // Migrate on a connection of its own, closed before the pool opens any, so that no
            // pooled connection has read the schema from before the migrations' DDL (see
            // `SchemaRebuilt`).
            let migrating = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(options.clone())
                .await?;
            sqlx::migrate!("./migrations/sqlite")
                .run(&migrating)
                .await?;
            migrating.close().await;
        }
        let pool = pool_options.connect_with(options.clone()).await?;
        if in_memory {
            sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        }
        let file = (!in_memory).then(|| options.get_filename().to_path_buf());
        Ok(SqliteStore {
            pool,
            schema_rebuilt,
            file,
        })
    }
}

impl SqliteStore {
    /// A bulk load has just dropped and created the device table's triggers and indexes: the
    /// pooled connections opened before are closed instead of used (see [`SchemaRebuilt`]).
    pub(super) fn schema_rebuilt_now(&self) {
        self.schema_rebuilt.now();
    }
}

/// When a bulk load last dropped and created the device table's triggers and indexes. A pooled
/// connection opened before that is closed instead of used: SQLite should notice the change by
/// itself, but such a connection answered its next INSERT into the device table with "no such
/// table: managed_devices", every time (SQLite 3.46; reading the schema again did not help).
#[derive(Clone, Default)]
struct SchemaRebuilt(std::sync::Arc<std::sync::Mutex<Option<std::time::Instant>>>);

impl SchemaRebuilt {
    fn now(&self) {
        if let Ok(mut rebuilt) = self.0.lock() {
            *rebuilt = Some(std::time::Instant::now());
        }
    }

    /// Whether a connection opened `age` ago predates the last rebuild.
    fn after(&self, age: std::time::Duration) -> bool {
        self.0
            .lock()
            .ok()
            .and_then(|rebuilt| *rebuilt)
            .is_some_and(|rebuilt| age > rebuilt.elapsed())
    }
}
