//! How a statement is written once for both stores: [`on_pool!`] and [`on_connection!`] compile
//! it for SQLite and for PostgreSQL (vaultwarden's `db_run!`, for sqlx), and [`Backend`] carries
//! the little that differs between the two dialects' text: row locks, write transactions, lists
//! of ids, arguments.
//!
//! Why not a generic `SqlStore<B: sqlx::Database>`: sqlx's own bounds (`&mut B::Connection:
//! Executor`, `i64: Encode<B>`, `Row: FromRow<B::Row>`, …) are not implied by a trait's where
//! clauses (rust-lang/rust#20671), so every `impl` and helper would repeat a dozen of them plus one
//! per row type. Written inside the macros, the code is checked against each concrete driver, as
//! hand-written code is, and a type error names the line and the dialect.

use sqlx::{
    Arguments, Database, Encode, PgConnection, Postgres, Sqlite, SqliteConnection, Transaction,
    Type,
};

use endpoint_admin_model::device::ManagedDevice;

use super::BulkAction;
pub(crate) use crate::odata::Dialect;
use crate::odata::{SqlFragment, SqlValue};

/// What differs between the dialects for the statements the store writes once.
pub(crate) trait Backend: Database {
    const DIALECT: Dialect;
    /// Whether writers lock the rows they depend on one by one (PostgreSQL, several servers), or
    /// the write transaction holds the whole database (SQLite, one server): then a statement that
    /// only locks rows is left out.
    const LOCKS_ROWS: bool;
    /// The database's size in bytes.
    const DATABASE_BYTES: &'static str;
    /// Makes what was written durable in the database proper.
    const CHECKPOINT: &'static [&'static str];
    /// Refreshes the query planner's statistics, e.g. after a bulk load.
    const ANALYZE: &'static [&'static str];
    /// Row locks taken as rows are read, where several servers write at once (PostgreSQL); empty
    /// on SQLite, whose write transaction (`BEGIN IMMEDIATE`) holds the whole database.
    const FOR_UPDATE: &'static str;
    const FOR_NO_KEY_UPDATE: &'static str;
    const FOR_KEY_SHARE: &'static str;
    /// Lists of device `seq`s and of ids, each bound as one parameter (see [`Backend::in_list`]).
    type Seqs: Send;
    type Ids: Send;

    /// Begins a transaction that will write. SQLite takes its write lock at once, so that two
    /// writers wait for each other instead of one failing when it upgrades a read.
    async fn begin_write(
        pool: &sqlx::Pool<Self>,
    ) -> Result<Transaction<'static, Self>, sqlx::Error>;

    /// Locks every row of the counts table, in key order, before a transaction changes the
    /// counted columns of many devices (PostgreSQL): the counts follow each device by trigger, row
    /// by row in the devices' order, and two such transactions (or one and a worker deleting
    /// devices) would otherwise take count rows in opposite orders and deadlock. The table has one
    /// row per combination of the Filter pane's values, a few hundred at most.
    async fn lock_device_counts(connection: &mut Self::Connection) -> Result<(), sqlx::Error>;

    /// Makes bulk actions by query wait for each other (PostgreSQL's transaction-level advisory
    /// lock; SQLite's write transaction already does).
    async fn serialize_bulk_actions(connection: &mut Self::Connection) -> Result<(), sqlx::Error>;

    /// The statements that give a write transaction an empty temporary table `bulk_matches`
    /// (`seq`, `supported`, `acted_on`).
    const BULK_MATCHES: &'static [&'static str];

    /// One new action for every device `acted_on` matches (Retire and Wipe mark each as leaving);
    /// how many.
    async fn insert_bulk_actions(
        connection: &mut Self::Connection,
        bulk: &BulkAction,
        acted_on: &SqlFragment,
    ) -> Result<u64, sqlx::Error>;

    /// Inserts `devices` in the caller's transaction; how many. The triggers keep the counts (and
    /// SQLite's search index) up to date.
    async fn insert_devices(
        connection: &mut Self::Connection,
        devices: impl IntoIterator<Item = ManagedDevice> + Send,
    ) -> Result<u64, sqlx::Error>;

    /// The indexes (and triggers) derived from the device table, as `(drop, create)` statements
    /// read from the catalog: a bulk load drops them and builds them again once.
    const DERIVED_FROM_DEVICES: &'static str;

    /// Sets a connection up for a bulk load.
    async fn bulk_load_begins(connection: &mut Self::Connection) -> Result<(), sqlx::Error>;

    /// Loads `devices` in a bulk load's transaction, `derived` dropped; how many.
    async fn load_devices(
        connection: &mut Self::Connection,
        devices: impl IntoIterator<Item = ManagedDevice> + Send,
        derived: &[(String, String)],
    ) -> Result<u64, sqlx::Error>;

    /// Ends a bulk load once its transaction has committed.
    async fn bulk_load_ends(
        connection: &mut Self::Connection,
        pool: &sqlx::Pool<Self>,
        derived: Vec<(String, String)>,
    ) -> Result<(), sqlx::Error>;

    /// `column` is one of the list bound as parameter `$n`.
    fn in_list(column: &str, n: usize) -> String;

    /// `column`, an account name of the `users` table, names the same account as `value`,
    /// ignoring ASCII case as the table's unique index does.
    fn same_account(column: &str, value: &str) -> String;

    fn seqs(values: &[i64]) -> Self::Seqs;
    fn ids(values: &[String]) -> Self::Ids;

    /// `params` bound in order as this dialect's arguments.
    fn arguments(params: &[SqlValue]) -> Self::Arguments<'static>;

    /// The statement's `?` placeholders as this dialect reads them (`$1, $2, …` on PostgreSQL).
    fn numbered(sql: &str) -> String {
        Self::DIALECT.numbered(sql)
    }
}

impl Backend for Sqlite {
    const DIALECT: Dialect = Dialect::Sqlite;
    const LOCKS_ROWS: bool = false;
    /// Pages in use, not counting the write-ahead log.
    const DATABASE_BYTES: &'static str =
        "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
    /// Moves the write-ahead log into the database file.
    const CHECKPOINT: &'static [&'static str] = &["PRAGMA wal_checkpoint(TRUNCATE)"];
    const ANALYZE: &'static [&'static str] = &["ANALYZE"];
    const FOR_UPDATE: &'static str = "";
    const FOR_NO_KEY_UPDATE: &'static str = "";
    const FOR_KEY_SHARE: &'static str = "";
    type Seqs = String;
    type Ids = String;

    async fn begin_write(
        pool: &sqlx::Pool<Self>,
    ) -> Result<Transaction<'static, Self>, sqlx::Error> {
        pool.begin_with("BEGIN IMMEDIATE").await
    }

    async fn lock_device_counts(_: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        Ok(())
    }

    async fn serialize_bulk_actions(_: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        Ok(())
    }

    /// A table of the connection, emptied for each use.
    const BULK_MATCHES: &'static [&'static str] = &[
        "CREATE TEMP TABLE IF NOT EXISTS bulk_matches (
             seq INTEGER PRIMARY KEY, supported INTEGER NOT NULL, acted_on INTEGER NOT NULL)",
        "DELETE FROM temp.bulk_matches",
    ];

    /// Indexes and triggers, the search index's included.
    const DERIVED_FROM_DEVICES: &'static str =
        "SELECT 'DROP ' || type || ' \"' || name || '\"', sql
         FROM sqlite_master
         WHERE tbl_name = 'managed_devices' AND type IN ('index', 'trigger') AND sql IS NOT NULL
         ORDER BY type, name";

    /// Index builds over a million rows sort in memory instead of spilling to disk, on every
    /// core. The load is not synced to disk until its checkpoint: a load cut short by a crash is
    /// loaded again, as the demo tenant's organization is added after it.
    async fn bulk_load_begins(connection: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        sqlx::query(&format!(
            "PRAGMA cache_size = -1048576; PRAGMA threads = {cores}; PRAGMA synchronous = OFF"
        ))
        .execute(connection)
        .await?;
        Ok(())
    }

    /// The devices inserted without triggers and indexes, which are then created again in the
    /// same transaction, each in one pass; the search index rebuilt in one.
    async fn load_devices(
        connection: &mut SqliteConnection,
        devices: impl IntoIterator<Item = ManagedDevice> + Send,
        derived: &[(String, String)],
    ) -> Result<u64, sqlx::Error> {
        let loaded = Self::insert_devices(&mut *connection, devices).await?;
        for (_, create) in derived {
            sqlx::query(create).execute(&mut *connection).await?;
        }
        sqlx::query(
            "INSERT INTO managed_devices_search (managed_devices_search) VALUES ('rebuild')",
        )
        .execute(&mut *connection)
        .await?;
        Ok(loaded)
    }

    /// Moves the load out of the write-ahead log now, synced, instead of leaving a log as big as
    /// the database until the last connection closes.
    async fn bulk_load_ends(
        connection: &mut SqliteConnection,
        _: &sqlx::Pool<Self>,
        _: Vec<(String, String)>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(&format!(
            "PRAGMA synchronous = NORMAL; PRAGMA threads = 0; \
             PRAGMA cache_size = {}; PRAGMA wal_checkpoint(TRUNCATE)",
            super::sqlite::SERVING_CACHE_SIZE
        ))
        .execute(connection)
        .await?;
        Ok(())
    }

    /// Many rows per INSERT statement.
    async fn insert_devices(
        connection: &mut SqliteConnection,
        devices: impl IntoIterator<Item = ManagedDevice> + Send,
    ) -> Result<u64, sqlx::Error> {
        super::sqlite::insert_devices(connection, devices).await
    }

    async fn insert_bulk_actions(
        connection: &mut SqliteConnection,
        bulk: &BulkAction,
        acted_on: &SqlFragment,
    ) -> Result<u64, sqlx::Error> {
        super::sqlite::insert_bulk_actions(connection, bulk, acted_on).await
    }

    fn in_list(column: &str, n: usize) -> String {
        format!("{column} IN (SELECT value FROM json_each(${n}))")
    }

    /// The column is `COLLATE NOCASE`.
    fn same_account(column: &str, value: &str) -> String {
        format!("{column} = {value}")
    }

    fn seqs(values: &[i64]) -> String {
        json_list(values)
    }

    fn ids(values: &[String]) -> String {
        json_list(values)
    }

    fn arguments(params: &[SqlValue]) -> Self::Arguments<'static> {
        arguments::<Self>(params)
    }
}

impl Backend for Postgres {
    const DIALECT: Dialect = Dialect::Postgres;
    const LOCKS_ROWS: bool = true;
    /// As PostgreSQL counts it: tables, indexes, TOAST.
    const DATABASE_BYTES: &'static str = "SELECT pg_database_size(current_database())";
    /// Nothing: a committed transaction is already durable in PostgreSQL's write-ahead log, and
    /// the server checkpoints it into the tables by itself.
    const CHECKPOINT: &'static [&'static str] = &[];
    /// And the device table's visibility map: without it an index-only scan (a deep page's skip)
    /// visits the table anyway.
    const ANALYZE: &'static [&'static str] = &["VACUUM (ANALYZE) managed_devices", "ANALYZE"];
    const FOR_UPDATE: &'static str = " FOR UPDATE";
    const FOR_NO_KEY_UPDATE: &'static str = " FOR NO KEY UPDATE";
    const FOR_KEY_SHARE: &'static str = " FOR KEY SHARE";
    type Seqs = Vec<i64>;
    type Ids = Vec<String>;

    async fn begin_write(
        pool: &sqlx::Pool<Self>,
    ) -> Result<Transaction<'static, Self>, sqlx::Error> {
        pool.begin().await
    }

    async fn lock_device_counts(connection: &mut PgConnection) -> Result<(), sqlx::Error> {
        sqlx::query(
            "SELECT count(*) FROM (SELECT 1 FROM managed_device_counts
                                   ORDER BY management_agent, managed_device_owner_type,
                                            compliance_state, operating_system, management_state
                                   FOR UPDATE) AS locked",
        )
        .execute(connection)
        .await?;
        Ok(())
    }

    async fn serialize_bulk_actions(connection: &mut PgConnection) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(BULK_ACTION_LOCK)
            .execute(connection)
            .await?;
        Ok(())
    }

    /// A table of the transaction.
    const BULK_MATCHES: &'static [&'static str] = &["CREATE TEMP TABLE bulk_matches (
         seq bigint PRIMARY KEY, supported boolean NOT NULL, acted_on boolean NOT NULL
     ) ON COMMIT DROP"];

    /// Indexes only: the primary key and `id`'s unique constraint stay, as other tables refer to
    /// them.
    const DERIVED_FROM_DEVICES: &'static str =
        "SELECT 'DROP INDEX ' || format('%I.%I', namespace.nspname, class.relname),
                pg_get_indexdef(class.oid)
         FROM pg_index
         JOIN pg_class AS class ON class.oid = pg_index.indexrelid
         JOIN pg_namespace AS namespace ON namespace.oid = class.relnamespace
         WHERE pg_index.indrelid = 'managed_devices'::regclass
           AND NOT EXISTS (SELECT FROM pg_constraint WHERE conindid = pg_index.indexrelid)
         ORDER BY class.relname";

    async fn bulk_load_begins(_: &mut PgConnection) -> Result<(), sqlx::Error> {
        Ok(())
    }

    /// COPY with the triggers off; the counts are then counted again from scratch, as the
    /// triggers did not see these rows.
    async fn load_devices(
        connection: &mut PgConnection,
        devices: impl IntoIterator<Item = ManagedDevice> + Send,
        _: &[(String, String)],
    ) -> Result<u64, sqlx::Error> {
        sqlx::query("ALTER TABLE managed_devices DISABLE TRIGGER USER")
            .execute(&mut *connection)
            .await?;
        let loaded = Self::insert_devices(&mut *connection, devices).await?;
        sqlx::query("ALTER TABLE managed_devices ENABLE TRIGGER USER")
            .execute(&mut *connection)
            .await?;
        sqlx::query("DELETE FROM managed_device_counts")
            .execute(&mut *connection)
            .await?;
        Ok(loaded)
    }

    /// The indexes built after the devices are committed, as an index build on another
    /// connection sees only committed rows, several side by side (queries meanwhile are slower,
    /// never wrong; the demo seed holds the tenant creation lock throughout and adds the
    /// organization last, so no server serves the tenant before its indexes are there).
    async fn bulk_load_ends(
        _: &mut PgConnection,
        pool: &sqlx::Pool<Self>,
        derived: Vec<(String, String)>,
    ) -> Result<(), sqlx::Error> {
        super::postgres::build_indexes(pool, derived.into_iter().map(|(_, create)| create)).await
    }

    /// Through COPY; the statement's trigger counts them.
    async fn insert_devices(
        connection: &mut PgConnection,
        devices: impl IntoIterator<Item = ManagedDevice> + Send,
    ) -> Result<u64, sqlx::Error> {
        super::postgres::insert_devices(connection, devices).await
    }

    async fn insert_bulk_actions(
        connection: &mut PgConnection,
        bulk: &BulkAction,
        acted_on: &SqlFragment,
    ) -> Result<u64, sqlx::Error> {
        super::postgres::insert_bulk_actions(connection, bulk, acted_on).await
    }

    fn in_list(column: &str, n: usize) -> String {
        format!("{column} = ANY(${n})")
    }

    /// Both sides lowered under the "C" collation, which folds ASCII only, so the unique index on
    /// `lower(user_principal_name)` answers.
    fn same_account(column: &str, value: &str) -> String {
        format!("lower({column}) = lower({value} COLLATE \"C\")")
    }

    fn seqs(values: &[i64]) -> Vec<i64> {
        values.to_vec()
    }

    fn ids(values: &[String]) -> Vec<String> {
        values.to_vec()
    }

    fn arguments(params: &[SqlValue]) -> Self::Arguments<'static> {
        arguments::<Self>(params)
    }
}

/// The advisory lock bulk actions by query hold for their transaction on PostgreSQL (any fixed
/// number, unique in the database).
const BULK_ACTION_LOCK: i64 = 0x6561_6275_6c6b; // "eabulk"

/// A JSON array, which SQLite's `json_each` reads.
fn json_list<T: serde::Serialize>(values: &[T]) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "[]".into())
}

/// `params` bound in order: text, a 64-bit integer, a boolean (SQLite stores it as 0 or 1), or a
/// NULL integer.
fn arguments<B: Database>(params: &[SqlValue]) -> B::Arguments<'static>
where
    String: for<'q> Encode<'q, B> + Type<B>,
    i64: for<'q> Encode<'q, B> + Type<B>,
    bool: for<'q> Encode<'q, B> + Type<B>,
    Option<i64>: for<'q> Encode<'q, B> + Type<B>,
{
    let mut arguments = B::Arguments::default();
    for param in params {
        let added = match param {
            SqlValue::Text(text) => arguments.add(text.clone()),
            SqlValue::Integer(number) => arguments.add(*number),
            SqlValue::Boolean(flag) => arguments.add(*flag),
            SqlValue::Null => arguments.add(None::<i64>),
        };
        debug_assert!(added.is_ok(), "binding a plain value cannot fail");
    }
    arguments
}

/// The connection pool of either store.
#[derive(Clone, Copy)]
pub(crate) enum Pool<'p> {
    Sqlite(&'p sqlx::SqlitePool),
    Postgres(&'p sqlx::PgPool),
}

impl<'p> From<&'p sqlx::SqlitePool> for Pool<'p> {
    fn from(pool: &'p sqlx::SqlitePool) -> Self {
        Pool::Sqlite(pool)
    }
}

impl<'p> From<&'p sqlx::PgPool> for Pool<'p> {
    fn from(pool: &'p sqlx::PgPool) -> Self {
        Pool::Postgres(pool)
    }
}

/// A connection of either store, for the steps one transaction takes in several places.
pub(crate) enum Connection<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

impl<'c> From<&'c mut SqliteConnection> for Connection<'c> {
    fn from(connection: &'c mut SqliteConnection) -> Self {
        Connection::Sqlite(connection)
    }
}

impl<'c> From<&'c mut PgConnection> for Connection<'c> {
    fn from(connection: &'c mut PgConnection) -> Self {
        Connection::Postgres(connection)
    }
}

/// `on_pool!(pool, |pool: B| body)`: `body` compiled for each dialect, with `pool` the [`Pool`]'s
/// `sqlx` pool and `B` its [`Backend`] (`sqlx::Sqlite` or `sqlx::Postgres`).
macro_rules! on_pool {
    ($pool:expr, |$name:ident: $backend:ident| $body:expr) => {
        match $pool {
            $crate::store::dialect::Pool::Sqlite($name) => {
                #[allow(unused)]
                type $backend = sqlx::Sqlite;
                $body
            }
            $crate::store::dialect::Pool::Postgres($name) => {
                #[allow(unused)]
                type $backend = sqlx::Postgres;
                $body
            }
        }
    };
}

/// `on_connection!(connection, |connection: B| body)`: as [`on_pool!`], for a [`Connection`].
macro_rules! on_connection {
    ($connection:expr, |$name:ident: $backend:ident| $body:expr) => {
        match $connection {
            $crate::store::dialect::Connection::Sqlite($name) => {
                #[allow(unused)]
                type $backend = sqlx::Sqlite;
                $body
            }
            $crate::store::dialect::Connection::Postgres($name) => {
                #[allow(unused)]
                type $backend = sqlx::Postgres;
                $body
            }
        }
    };
}

pub(crate) use {on_connection, on_pool};
