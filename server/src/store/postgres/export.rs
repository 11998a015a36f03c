//! The rows of the CSV export on PostgreSQL: every matching device, in order, read from a
//! server-side cursor in batches, so memory stays flat however many devices match.

use endpoint_admin_model::device::ManagedDevice;
use futures_util::Stream;

use super::{
    PostgresStore,
    devices::{arguments, condition, device_order},
};
use crate::odata::{Dialect, QueryOptions};
use crate::store::{
    ExportError,
    devices::{DeviceRow, export_columns, export_reader},
};

/// Devices per batch: a batch is fetched, sent and written as a whole.
const EXPORT_BATCH: usize = 512;

impl PostgresStore {
    /// Every device `options` matches, in `$orderby` order, in batches; memory stays flat however
    /// many there are. Only `columns` (device table columns) and `id` are read; the devices'
    /// other fields are left empty. Dropping the stream ends the read: the transaction, and with
    /// it the cursor, is rolled back when its connection returns to the pool.
    pub fn export_managed_devices(
        &self,
        options: &QueryOptions,
        columns: &[&'static str],
    ) -> impl Stream<Item = Result<Vec<ManagedDevice>, ExportError>> + Send + 'static {
        let condition = condition(options);
        let read = export_reader(columns);
        let declare = Dialect::Postgres.numbered(&format!(
            "DECLARE export NO SCROLL CURSOR FOR
             SELECT {} FROM managed_devices WHERE {} ORDER BY {}",
            export_columns(columns).join(", "),
            condition.sql,
            device_order(&options.order_by)
        ));
        let fetch = format!("FETCH {EXPORT_BATCH} FROM export");
        let pool = self.pool.clone();
        async_stream::try_stream! {
            let mut transaction = pool.begin().await?;
            // The export reads every row, so plan for the last row rather than the first ones
            // (a cursor's plan favours the first tenth by default).
            sqlx::query("SET LOCAL cursor_tuple_fraction = 1.0")
                .execute(&mut *transaction)
                .await?;
            sqlx::query_with(&declare, arguments(&condition.params))
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
