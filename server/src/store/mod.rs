//! Storage: every SQL statement of the server lives here, behind methods that speak model types.
//!
//! [`Store`] is the interface handlers call; it answers from one of two implementations with the
//! same methods and the same answers: [`SqliteStore`] (`sqlite/`, the embedded default) and
//! [`PostgresStore`] (`postgres/`, for several servers on one database). Handlers never learn
//! which one they talk to. What both share (the row types, the `deviceActionResult` a stored
//! action becomes, which devices can take an action) is in the modules beside them.

mod action_id;
mod applications;
mod audit;
mod bulk_actions;
mod device_actions;
mod devices;
mod organization;
mod pipeline;
mod postgres;
mod sqlite;
mod users;

use endpoint_admin_model::{
    application::{Application, ApplicationActionName},
    device::ManagedDevice,
    device_action::DeviceActionResult,
    organization::Organization,
    overview::ManagedDeviceOverview,
};
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

use crate::{
    odata::QueryOptions,
    pipeline::{hop::Hop, log::ActionLogSource},
};

/// The store the server was started with (`--database`).
#[derive(Clone)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

/// An error while exporting; the export has begun, so it ends the download.
pub type ExportError = Box<dyn std::error::Error + Send + Sync>;

impl Store {
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
        match self {
            Store::Sqlite(store) => store.export_managed_devices(options, columns).boxed(),
            Store::Postgres(store) => store.export_managed_devices(options, columns).boxed(),
        }
    }
}

/// Declares each of `Store`'s methods as the same method of whichever store it holds: the list
/// below is the interface both stores implement.
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
    // The database itself.
    /// The database's size in bytes.
    fn database_bytes(&self) -> i64;
    /// Makes what was written durable in the database proper (SQLite's write-ahead log).
    fn checkpoint(&self) -> ();
    /// Refreshes the query planner's statistics, e.g. after a bulk load.
    fn analyze(&self) -> ();
    /// True until the demo tenant (or any tenant) has been created.
    fn is_empty(&self) -> bool;

    // The tenant and its accounts.
    fn insert_organization(&self, organization: &Organization) -> ();
    fn organizations(&self) -> Vec<Organization>;
    /// Makes Intune the MDM authority of `organization_id` (turning on coexistence when it was
    /// Office 365) and records the change; nothing changes when it already is. False when no
    /// such organization exists.
    fn set_mdm_authority_to_intune(
        &self,
        organization_id: &str,
        changed_by: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> bool;
    fn insert_user(
        &self,
        user_principal_name: &str,
        display_name: &str,
        role: endpoint_admin_model::auth::Role,
        on_premises_sync_enabled: bool,
        password_hash: &str,
    ) -> ();
    /// The account and its password hash, for checking a sign-in.
    fn find_user_for_sign_in(&self, user_principal_name: &str) -> Option<(UserAccount, String)>;
    /// Stores a new token (by its hash) and forgets the expired ones.
    fn insert_access_token(
        &self,
        token_hash: &str,
        user_id: i64,
        expires: chrono::DateTime<chrono::Utc>,
    ) -> ();
    // The audit log.
    fn record_audit_event(&self, event: &NewAuditEvent<'_>) -> ();
    /// The latest `top` events, newest first.
    fn latest_audit_events(&self, top: u32) -> Vec<endpoint_admin_model::audit::AuditEvent>;
    /// The latest `limit` failed sign-ins since `since` of `account` and from `ip_address`.
    fn failed_sign_ins(
        &self,
        account: &str,
        ip_address: &str,
        since: chrono::DateTime<chrono::Utc>,
        limit: u32,
    ) -> FailedSignIns;
    /// Forgets a token: it is no longer anybody's.
    fn revoke_access_token(&self, token_hash: &str) -> ();
    /// Sets the language an account's console shows (`None` forgets it).
    fn set_preferred_language(&self, user_id: i64, preferred_language: Option<&str>) -> ();
    /// The account a token belongs to, if the token exists and has not expired at `now`.
    fn find_user_by_token(
        &self,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<UserAccount>;

    // Devices.
    /// The page of devices `options` asks for.
    fn list_managed_devices(&self, options: &QueryOptions) -> DevicePage;
    /// How many devices `options`' filter and search match (its paging ignored).
    fn count_managed_devices(&self, options: &QueryOptions) -> u64;
    /// How many devices `options`' filter and search match, counted no further than `at_most`
    /// matches, unless an exact count is as cheap.
    fn count_managed_devices_up_to(
        &self,
        options: &QueryOptions,
        at_most: u64,
    ) -> endpoint_admin_model::BoundedCount;
    fn managed_device(&self, id: &str) -> Option<ManagedDevice>;
    /// Inserts devices in one transaction; the counts and the search index follow row by row.
    fn insert_devices(&self, devices: impl IntoIterator<Item = ManagedDevice>) -> u64;
    /// Loads devices into an empty device table the fast way, rebuilding what is derived from
    /// it (indexes, counts, search) in one pass each.
    fn bulk_load_devices(&self, devices: impl IntoIterator<Item = ManagedDevice>) -> u64;
    /// Counts for the Devices overview, read from the per-combination counts table.
    fn managed_device_overview(&self) -> ManagedDeviceOverview;

    // Device actions.
    /// Records `action` and what it does at once, in one transaction.
    fn record_device_action(&self, action: &NewAction, now_ms: i64, hop_delay_ms: i64) -> Recorded;
    /// `executeAction` by ids: each device found, checked and recorded in one transaction.
    fn record_bulk_action_by_ids(
        &self,
        bulk: &BulkAction,
        device_ids: &[String],
    ) -> Vec<(String, BulkOutcome)>;
    /// Acts on every device `view` matches, unless they are not exactly `expected_count`: then
    /// nothing happens and the counts say how many match now.
    fn record_bulk_action_by_query(
        &self,
        bulk: &BulkAction,
        view: &QueryOptions,
        expected_count: u64,
    ) -> Result<BulkCounts, BulkCounts>;
    /// The device's latest actions, newest first.
    fn device_action_results(&self, device_id: &str) -> Vec<DeviceActionResult>;
    /// What the log lines of the device's action `action` are derived from (see
    /// `action_log_source` and `application_log_source`, which ask through this).
    fn logged_action_source(&self, device_id: &str, action: &LoggedAction) -> Option<ActionLogSource>;
    /// The demo's stand-in for a device contacting its services now: its ConfigMgr client comes
    /// online and its Intune check-in runs. False when there is no such device.
    fn simulate_check_in(&self, device_id: &str, now_ms: i64) -> bool;

    // Applications.
    /// The device's reported application states and unfinished application actions.
    fn application_changes(&self, device_id: &str) -> ApplicationChanges;
    /// Records `action` on the device's application `application_id` as a job of the pipeline,
    /// unless an earlier action on that application is unfinished (then `false`).
    fn record_application_action(
        &self,
        device_id: &str,
        application_id: &str,
        action: ApplicationActionName,
        requested_by: &str,
        now_ms: i64,
        hop_delay_ms: i64,
    ) -> bool;
    /// The applications of `applications` that `options` asks for: filtered, searched, sorted
    /// and paged; every match when `all`.
    fn page_applications(
        &self,
        applications: &[Application],
        options: &QueryOptions,
        all: bool,
    ) -> ApplicationPage;

    // The pipeline's queue.
    /// Claims up to `limit` hops due at `now_ms`, for `lease_ms`, under `token`; hops another
    /// worker holds are skipped.
    fn claim_due_hops(&self, now_ms: i64, lease_ms: i64, token: i64, limit: i64) -> Vec<ClaimedHop>;
    /// Writes the outcome of each hop claimed under `token`, in one transaction; returns those
    /// (by `seq`) that were still this claim's to complete.
    fn complete_hops(
        &self,
        token: i64,
        now_ms: i64,
        hop_delay_ms: i64,
        hops: &[(ClaimedHop, Hop)],
    ) -> Vec<i64>;
    /// When the next hop falls due, in Unix milliseconds.
    fn next_hop_due_at(&self) -> Option<i64>;
    /// Applies time slot `slot` of the demo's client churn once, whichever server gets there
    /// first; whether this call applied it.
    fn apply_client_churn(&self, slot: i64, online: &[i64], offline: &[i64]) -> bool;
    /// Takes the device's ConfigMgr client offline or brings it online (a fault the tests
    /// inject). Returns whether the device exists.
    fn set_client_online(&self, device_id: &str, online: bool) -> bool;
    /// The highest device sequence number (devices are numbered from 1).
    fn max_device_seq(&self) -> i64;
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

    /// Closes every connection.
    pub async fn close(&self) {
        match self {
            Store::Sqlite(store) => store.close().await,
            Store::Postgres(store) => store.close().await,
        }
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
