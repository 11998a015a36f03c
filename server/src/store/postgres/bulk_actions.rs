//! Bulk actions by query on PostgreSQL: the devices acted on are marked (Retire, Wipe) or locked as
//! their foreign key would lock them, and the new actions inserted from them, in one statement.

use sqlx::{PgConnection, Postgres};

use crate::odata::SqlFragment;
use crate::store::{
    BulkAction,
    bulk_actions::{NEW_ACTION_COLUMNS, leaving_state, new_actions},
    dialect::Backend,
};

/// A 64-bit random number per row, for `id_bits`: `random()` has fewer bits, so two of it.
const RANDOM_ID_BITS: &str = "(floor(random() * 4294967296)::bigint << 32) \
                              | floor(random() * 4294967296)::bigint";

/// One new action for every device `acted_on` matches (Retire and Wipe mark each as leaving
/// first); how many.
pub(in crate::store) async fn insert_bulk_actions(
    connection: &mut PgConnection,
    bulk: &BulkAction,
    acted_on: &SqlFragment,
) -> Result<u64, sqlx::Error> {
    // The devices acted on: Retire and Wipe mark them (locked already, so the condition reads
    // what any other writer committed); the others lock them as their foreign key would, in
    // `seq` order, so a device deleted meanwhile is skipped rather than failing the statement.
    let devices = match leaving_state(bulk.action) {
        Some(state) => format!(
            "UPDATE managed_devices SET management_state = '{state}' WHERE {}
             RETURNING seq, last_sync_date_time",
            acted_on.sql
        ),
        None => format!(
            "SELECT seq, last_sync_date_time FROM managed_devices WHERE {}
             ORDER BY seq FOR KEY SHARE",
            acted_on.sql
        ),
    };
    // Each action's id is its start time and 64 random bits (`action_id`); inserted in device
    // order, so the index by device is written page after page.
    let new = new_actions(bulk, RANDOM_ID_BITS);
    let sql = Postgres::numbered(&format!(
        "WITH acted_on AS ({devices})
         INSERT INTO device_actions ({NEW_ACTION_COLUMNS})
         {} FROM acted_on ORDER BY seq",
        new.select
    ));
    // The condition's parameters come first in the statement.
    let params = [acted_on.params.clone(), new.values].concat();
    Ok(sqlx::query_with(&sql, Postgres::arguments(&params))
        .execute(&mut *connection)
        .await?
        .rows_affected())
}
