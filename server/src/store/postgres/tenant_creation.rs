//! Servers that start together on an empty database create the demo tenant once: the first takes
//! a session-level advisory lock, the others wait for it and then find the tenant there.

use sqlx::{Connection, PgConnection};

use super::PostgresStore;
use crate::store::TenantCreationLock;

/// The advisory lock's key: any number fixed for this purpose ("EA demo").
const TENANT_CREATION_LOCK: i64 = 0x0045_4120_6465_6d6f;

impl PostgresStore {
    /// Waits until no other server is creating the tenant, then holds the lock on a connection of
    /// its own, outside the pool: the lock ends with that session, even if the holder dies.
    pub async fn lock_tenant_creation(&self) -> Result<TenantCreationLock, sqlx::Error> {
        let mut connection = self.pool.acquire().await?.detach();
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(TENANT_CREATION_LOCK)
            .execute(&mut connection)
            .await?;
        Ok(TenantCreationLock(Some(connection)))
    }
}

/// Ends the session, and with it the lock.
pub(in crate::store) async fn release(connection: PgConnection) -> Result<(), sqlx::Error> {
    connection.close().await
}
