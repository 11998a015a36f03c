//! Bulk actions by query on SQLite: the new actions inserted in device order from the devices
//! matched (found in an index of the Filter pane's columns, `managed_devices_by_filters`, rather
//! than the table), then the leaving devices marked.

use sqlx::{Sqlite, SqliteConnection};

use crate::odata::SqlFragment;
use crate::store::{
    BulkAction,
    bulk_actions::{NEW_ACTION_COLUMNS, leaving_state, new_actions},
    dialect::Backend,
};

/// One new action for every device `acted_on` matches, then Retire and Wipe mark the devices as
/// leaving; how many.
pub(in crate::store) async fn insert_bulk_actions(
    connection: &mut SqliteConnection,
    bulk: &BulkAction,
    acted_on: &SqlFragment,
) -> Result<u64, sqlx::Error> {
    // Each action's id is its start time and 64 random bits (`action_id`).
    let new = new_actions(bulk, "random()");
    let sql = format!(
        "INSERT INTO device_actions ({NEW_ACTION_COLUMNS})
         {} FROM managed_devices WHERE {} ORDER BY seq",
        new.select, acted_on.sql
    );
    let params = [new.values, acted_on.params.clone()].concat();
    let inserted = sqlx::query_with(&sql, Sqlite::arguments(&params))
        .execute(&mut *connection)
        .await?
        .rows_affected();
    if let Some(state) = leaving_state(bulk.action) {
        let sql = format!(
            "UPDATE managed_devices SET management_state = '{state}' WHERE {}",
            acted_on.sql
        );
        sqlx::query_with(&sql, Sqlite::arguments(&acted_on.params))
            .execute(&mut *connection)
            .await?;
    }
    Ok(inserted)
}
