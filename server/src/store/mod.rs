//! Storage: every SQL statement of the server lives here, behind methods that speak model types.
//!
//! [`Store`] is the interface handlers call, on SQLite (the embedded default) or PostgreSQL (for
//! several servers on one database), with the same answers; handlers never learn which. Each
//! operation is written once, in the module of its area (`audit`, `users`, `organization`,
//! `applications`, `device_actions`, `bulk_actions`, `pipeline`, `devices`), and compiled for
//! both dialects by `dialect`'s `on_pool!`; `sqlite/` and `postgres/` hold only what is each
//! dialect's own: connecting, full-text search and the page planner, bulk loading, the export's
//! cursor, claiming hops, and the set-based insert of bulk actions.

mod action_id;
mod applications;
mod audit;
mod bulk_actions;
mod device_actions;
mod devices;
mod dialect;
mod organization;
mod pipeline;
mod postgres;
mod sqlite;
mod users;

use dialect::{Backend, on_pool};

use endpoint_admin_model::device::ManagedDevice;
use futures_util::{Stream, StreamExt};

pub use applications::{ApplicationActionRow, ApplicationChanges, ApplicationPage, ReportedState};
pub use audit::{FailedSignIns, NewAuditEvent};
pub use bulk_actions::BulkCounts;
pub use device_actions::{
    BulkAction, BulkOutcome, BulkParameters, LoggedAction, NewAction, Recorded,
    WAITING_FOR_CHECK_IN,
};
pub use devices::DevicePage;
pub use pipeline::ClaimedHop;
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;
pub use users::UserAccount;

use crate::odata::QueryOptions;

/// The store the server was started with (`--database`).
#[derive(Clone)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

/// An error while exporting; the export has begun, so it ends the download.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// SQLite's export reads the database file on a connection of its own (rusqlite).
    #[error("database file: {0}")]
    File(#[from] rusqlite::Error),
}

impl Store {
    /// The store's connection pool, for the statements written once for both dialects.
    fn pool(&self) -> dialect::Pool<'_> {
        match self {
            Store::Sqlite(store) => dialect::Pool::from(&store.pool),
            Store::Postgres(store) => dialect::Pool::from(&store.pool),
        }
    }

    /// Opens the database `url` names and applies its migrations: `sqlite://PATH`,
    /// `sqlite::memory:`, or `postgres://…` (also `postgresql://…`).
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Store::Postgres(PostgresStore::connect(url).await?))
        } else {
            Ok(Store::Sqlite(SqliteStore::connect(url).await?))
        }
    }

    /// Every device `options` matches, in `$orderby` order, in batches; memory stays flat however
    /// many there are. Only `columns` (device table columns) and `id` are read; the devices'
    /// other fields are left empty.
    pub fn export_managed_devices(
        &self,
        options: &QueryOptions,
        columns: &[&'static str],
    ) -> impl Stream<Item = Result<Vec<ManagedDevice>, ExportError>> + Send + 'static {
        let (condition, dialect) = match self {
            Store::Sqlite(_) => (sqlite::export_condition(options), dialect::Dialect::Sqlite),
            Store::Postgres(_) => (postgres::condition(options), dialect::Dialect::Postgres),
        };
        let read_columns = devices::export_columns(columns);
        let export = devices::Export {
            select: format!(
                "SELECT {} FROM managed_devices WHERE {} ORDER BY {}",
                read_columns.join(", "),
                condition.sql,
                devices::order_by(dialect, &options.order_by)
            ),
            params: condition.params,
            columns: read_columns,
            read: devices::export_reader(columns),
        };
        match self {
            Store::Sqlite(store) => store.export_rows(export).boxed(),
            Store::Postgres(store) => store.export_rows(export).boxed(),
        }
    }
}

/// Declares each of `Store`'s methods as the same method of whichever store it holds: the list
/// below is what each dialect does its own way (the rest is written once, in the areas' files).
macro_rules! delegate {
    ($(
        $(#[$doc:meta])*
        fn $name:ident(&self $(, $arg:ident: $type:ty)* $(,)?) -> $answer:ty;
    )+) => {
        impl Store {
            $(
                $(#[$doc])*
                pub async fn $name(&self $(, $arg: $type)*) -> Result<$answer, sqlx::Error> {
                    match self {
                        Store::Sqlite(store) => store.$name($($arg),*).await,
                        Store::Postgres(store) => store.$name($($arg),*).await,
                    }
                }
            )+
        }
    };
}

delegate! {
    /// The page of devices `options` asks for.
    fn list_managed_devices(&self, options: &QueryOptions) -> DevicePage;
}

/// Held while the demo tenant is being created; see [`Store::lock_tenant_creation`].
pub struct TenantCreationLock(Option<sqlx::PgConnection>);

impl TenantCreationLock {
    pub async fn release(self) -> Result<(), sqlx::Error> {
        match self.0 {
            Some(connection) => postgres::release(connection).await,
            None => Ok(()),
        }
    }
}

impl Store {
    /// Keeps other servers from creating the tenant until released, so that servers starting
    /// together on an empty PostgreSQL database create it once. SQLite is one server's file:
    /// nothing to wait for.
    pub async fn lock_tenant_creation(&self) -> Result<TenantCreationLock, sqlx::Error> {
        match self {
            Store::Sqlite(_) => Ok(TenantCreationLock(None)),
            Store::Postgres(store) => store.lock_tenant_creation().await,
        }
    }

    /// Closes every connection; on SQLite the last one to close checkpoints the write-ahead log
    /// into the database file and removes it.
    pub async fn close(&self) {
        on_pool!(self.pool(), |pool: B| pool.close().await)
    }

    /// The database's size in bytes.
    pub async fn database_bytes(&self) -> Result<i64, sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            sqlx::query_scalar(B::DATABASE_BYTES).fetch_one(pool).await
        })
    }

    /// Makes what was written durable in the database proper (SQLite's write-ahead log).
    pub async fn checkpoint(&self) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            for statement in B::CHECKPOINT {
                sqlx::query(statement).execute(pool).await?;
            }
        });
        Ok(())
    }

    /// Refreshes the query planner's statistics, e.g. after a bulk load.
    pub async fn analyze(&self) -> Result<(), sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            for statement in B::ANALYZE {
                sqlx::query(statement).execute(pool).await?;
            }
        });
        Ok(())
    }
}

/// Why the store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
}
