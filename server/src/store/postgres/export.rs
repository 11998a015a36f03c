//! The rows of the CSV export on PostgreSQL: every matching device, in order, read from a
//! server-side cursor in batches, so memory stays flat however many devices match.

use endpoint_admin_model::device::ManagedDevice;
use futures_util::Stream;
use sqlx::Postgres;

use super::PostgresStore;
use crate::store::{
    ExportError,
    devices::{DeviceRow, EXPORT_BATCH, Export},
    dialect::Backend,
};

impl PostgresStore {
    /// The rows of `export`, in batches; memory stays flat however many there are. Dropping the
    /// stream ends the read: the transaction, and with it the cursor, is rolled back when its
    /// connection returns to the pool.
    pub(in crate::store) fn export_rows(
        &self,
        export: Export,
    ) -> impl Stream<Item = Result<Vec<ManagedDevice>, ExportError>> + Send + 'static {
        let Export {
            select,
            params,
            read,
            ..
        } = export;
        let declare = Postgres::numbered(&format!("DECLARE export NO SCROLL CURSOR FOR {select}"));
        let fetch = format!("FETCH {EXPORT_BATCH} FROM export");
        let pool = self.pool.clone();
        async_stream::try_stream! {
            let mut transaction = pool.begin().await?;
            // The export reads every row, so plan for the last row rather than the first ones
            // (a cursor's plan favours the first tenth by default).
            sqlx::query("SET LOCAL cursor_tuple_fraction = 1.0")
                .execute(&mut *transaction)
                .await?;
            sqlx::query_with(&declare, Postgres::arguments(&params))
                .persistent(false)
                .execute(&mut *transaction)
                .await?;
            loop {
                // Not cached as a prepared statement: its columns are those of this export's
                // cursor, which the next export on this connection may choose differently.
                let rows: Vec<DeviceRow> = sqlx::query_as(&fetch)
                    .persistent(false)
                    .fetch_all(&mut *transaction)
                    .await?;
                let last = rows.len() < EXPORT_BATCH;
                if !rows.is_empty() {
                    yield rows.into_iter().map(read).collect::<Vec<_>>();
                }
                if last {
                    break;
                }
            }
            transaction.commit().await?;
        }
    }
}
