//! Managed devices on PostgreSQL: how the All devices list finds a page (a bounded walk of a sort
//! index, or the matches found through `pg_trgm` and the filter indexes, then sorted), and the
//! demo tenant's `COPY` and parallel index builds.

use std::fmt::Write as _;

use endpoint_admin_model::device::ManagedDevice;
use futures_util::{StreamExt, TryStreamExt};
use sqlx::{PgConnection, PgPool, Postgres};

use super::PostgresStore;
use crate::odata::{
    Dialect, Filter, MANAGED_DEVICE_SEARCH_COLUMNS, OrderBy, PropertyKind, QueryOptions,
    SqlFragment, StringFunction, search_to_sql,
};
use crate::store::{
    devices::{
        DEVICE_COLUMNS, DevicePage, DeviceRow, SortSpan, WALK_SORT_INDEX_FROM,
        count_from_counts_table, count_scanning, countable, fetch_page, has_sort_index, keyset,
        order_by, page_columns, sort_index, sort_order, sort_span, view_condition, walk_bound,
        walk_found_page, walked_columns,
    },
    dialect::Backend,
};

/// COPY data is sent in chunks of about this many bytes: large enough that the server parses
/// while the next chunk is encoded, small enough to stay out of the way of memory.
const COPY_CHUNK: usize = 1 << 20;

/// Indexes a bulk load builds at once, each on a connection (and a core) of its own: an index
/// build is bound by one core (the B-trees' parallel workers aside), and a million devices have
/// 15 indexes to build.
const INDEX_BUILDERS: usize = 3;

/// Memory for each index build of a bulk load, instead of PostgreSQL's default 64 MB, so that
/// sorting a million keys and gathering a million rows' trigrams take one pass in memory.
const INDEX_BUILD_MEMORY: &str = "512MB";

impl PostgresStore {
    /// The page of devices `options` asks for.
    pub async fn list_managed_devices(
        &self,
        options: &QueryOptions,
    ) -> Result<DevicePage, sqlx::Error> {
        let condition = condition(options);
        // Counted first when asked for, or when the counts table tells at once: the count decides
        // the plan below.
        let matching = match options.count || countable(options) {
            true => Some(self.count_devices(options, &condition).await?),
            false => None,
        };
        let few = matching.is_some_and(|matching| matching < WALK_SORT_INDEX_FROM);
        let span = match few {
            true => None,
            false => sort_span((&self.pool).into(), options, &condition).await?,
        };
        let bound = matching
            .and_then(|matching| Some((matching, walk_bound(options, matching, span.as_ref())?)))
            .filter(|_| sort_index(&options.order_by).is_some());
        let rows = match (few, bound) {
            (true, _) => self.find_and_sort(options, &condition).await?,
            (false, Some((matching, bound))) => {
                let rows = page(
                    &mut *self.pool.acquire().await?,
                    options,
                    &condition,
                    span.as_ref(),
                    Walk::Within(bound),
                )
                .await?;
                if walk_found_page(options, matching, rows.len()) {
                    rows
                } else {
                    self.find_and_sort(options, &condition).await?
                }
            }
            (false, None) => {
                page(
                    &mut *self.pool.acquire().await?,
                    options,
                    &condition,
                    span.as_ref(),
                    Walk::AsPlanned,
                )
                .await?
            }
        };
        Ok(DevicePage::of(
            rows,
            options,
            matching.filter(|_| options.count),
        ))
    }

    /// A page found through the trigram and filter indexes, then sorted. The planner would
    /// rather walk the sort index until it has a page, expecting matches spread evenly; but they
    /// cluster (names like CONTOSO-LT-04… sort after every personal device), and at a million
    /// devices such a walk took 1.1 s where finding and sorting took 52 ms.
    async fn find_and_sort(
        &self,
        options: &QueryOptions,
        condition: &SqlFragment,
    ) -> Result<Vec<DeviceRow>, sqlx::Error> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query("SET LOCAL enable_indexscan = off")
            .execute(&mut *transaction)
            .await?;
        let rows = page(&mut transaction, options, condition, None, Walk::AsPlanned).await?;
        transaction.commit().await?;
        Ok(rows)
    }

    /// The exact number of devices `condition` matches: summed from `managed_device_counts` when
    /// it can tell, counted in the device table otherwise.
    async fn count_devices(
        &self,
        options: &QueryOptions,
        condition: &SqlFragment,
    ) -> Result<u64, sqlx::Error> {
        let pool = (&self.pool).into();
        match count_from_counts_table(pool, options, condition).await? {
            Some(count) => Ok(count),
            None => count_scanning(pool, condition).await,
        }
    }
}

/// `ORDER BY` of a device query.
pub(super) fn device_order(order: &[OrderBy]) -> String {
    order_by(Dialect::Postgres, order)
}

/// A page of the devices `condition` matches, `walk`ing the sort index as told, from the start
/// of the `span` of their first sort key when there is one.
///
/// A page's ids first, then its rows: the ids come from an index alone where one holds the sort
/// and the filter (an index-only scan skips entries without reading their rows; with the rows in
/// the scan, page 10,000 of a million devices read every skipped row, 3–5 s), and only the page's
/// own rows are read from the table.
async fn page(
    connection: &mut PgConnection,
    options: &QueryOptions,
    condition: &SqlFragment,
    span: Option<&SortSpan>,
    walk: Walk,
) -> Result<Vec<DeviceRow>, sqlx::Error> {
    let order = device_order(&options.order_by);
    let columns = page_columns(options);
    // After a next link's key, the page starts at the key: one seek into the sort index.
    let mut after = keyset(Dialect::Postgres, options);
    if let Some(span) = span {
        after = after.and(span.condition(Dialect::Postgres, options));
    }
    let (walked, condition_sql, walked_order) = match walk {
        Walk::AsPlanned => (
            "managed_devices".to_string(),
            format!("({}) AND ({})", after.sql, condition.sql),
            order.clone(),
        ),
        // The walk hands its sort keys out as columns, and the page is ordered by those: ordered
        // by `lower(device_name)` again, the planner would not know the walk already is, and would
        // sort every walked row before the first is returned (a page of ConfigMgr devices by
        // name: 431 ms instead of a few).
        Walk::Within(bound) => {
            let keys = sort_order(&options.order_by);
            let walked_keys: Vec<String> = keys
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    format!(
                        "{} AS sort_key_{index}",
                        Dialect::Postgres.sort_key(item.property)
                    )
                })
                .collect();
            let mut walked_order: Vec<String> = keys
                .iter()
                .enumerate()
                .map(|(index, item)| match item.descending {
                    false => format!("sort_key_{index} ASC NULLS FIRST"),
                    true => format!("sort_key_{index} DESC NULLS LAST"),
                })
                .collect();
            walked_order.push(match keys[keys.len() - 1].descending {
                false => "id ASC".to_string(),
                true => "id DESC".to_string(),
            });
            (
                format!(
                    "(SELECT {}, {} FROM managed_devices WHERE {} ORDER BY {order} LIMIT {bound})
                     AS walked",
                    walked_columns(options),
                    walked_keys.join(", "),
                    after.sql
                ),
                condition.sql.clone(),
                walked_order.join(", "),
            )
        }
    };
    let sql = Postgres::numbered(&format!(
        "SELECT {columns} FROM managed_devices
         WHERE id IN (SELECT id FROM {walked} WHERE {condition_sql}
                      ORDER BY {walked_order} LIMIT ? OFFSET ?)
         ORDER BY {order}"
    ));
    let params = [after.params, condition.params.clone()].concat();
    fetch_page(connection.into(), options, &sql, &params).await
}

/// How far a page may walk the sort index.
#[derive(Clone, Copy)]
enum Walk {
    /// As far as the planner sees fit.
    AsPlanned,
    /// This many index entries at most.
    Within(u64),
}

/// `WHERE` condition of `$filter` and `$search` together, with `?` placeholders (number the whole
/// statement with `Dialect::Postgres.numbered`).
pub(in crate::store) fn condition(options: &QueryOptions) -> SqlFragment {
    view_condition(options, Dialect::Postgres, &prefix_in_sort_index, |term| {
        search_to_sql(Dialect::Postgres, term, MANAGED_DEVICE_SEARCH_COLUMNS)
    })
}

/// `startswith` on a text column with a sort index, also as a range of that index: the index is
/// on `lower(column)` in "C" order, where `lower(column) LIKE lower('prefix%')` is a range, so the
/// planner may read the prefix's devices in order from it (`startswith(deviceName,'CONTOSO-LT-0')`
/// was read in name order from the start, and took 200 ms at 1M). `ILIKE` in "C" folds ASCII as
/// `lower()` does, so the two tests agree; the `ILIKE` stays for the trigram index.
fn prefix_in_sort_index(filter: &Filter) -> Option<SqlFragment> {
    let Filter::Function {
        function: StringFunction::StartsWith,
        property,
        ..
    } = filter
    else {
        return None;
    };
    if property.kind != PropertyKind::String || !has_sort_index(property.column) {
        return None;
    }
    let exact = filter.to_sql(Dialect::Postgres);
    Some(SqlFragment {
        sql: format!(
            "({} AND lower({}) LIKE lower(?) ESCAPE '\\')",
            exact.sql, property.column
        ),
        params: [exact.params.clone(), exact.params].concat(),
    })
}

/// COPYs `devices` into the device table, in the caller's transaction.
pub(in crate::store) async fn insert_devices(
    connection: &mut PgConnection,
    devices: impl IntoIterator<Item = ManagedDevice>,
) -> Result<u64, sqlx::Error> {
    let mut copy = connection
        .copy_in_raw(&format!(
            "COPY managed_devices ({DEVICE_COLUMNS}) FROM STDIN"
        ))
        .await?;
    let mut chunk = String::with_capacity(COPY_CHUNK + 4096);
    for device in devices {
        copy_row(&mut chunk, device);
        if chunk.len() >= COPY_CHUNK {
            copy.send(chunk.as_bytes()).await?;
            chunk.clear();
        }
    }
    if !chunk.is_empty() {
        copy.send(chunk.as_bytes()).await?;
    }
    copy.finish().await
}

/// One device as a line of COPY's text format, its fields in [`DEVICE_COLUMNS`] order.
fn copy_row(line: &mut String, device: ManagedDevice) {
    let client = device.configuration_manager_client_information;
    let texts = [
        device.id.as_str(),
        &device.device_name,
        &device.managed_device_name,
        device.management_agent.wire_name(),
        device.managed_device_owner_type.wire_name(),
        device.compliance_state.wire_name(),
        device.management_state.wire_name(),
        &device.operating_system,
        &device.os_version,
        &device.device_type,
        &device.user_principal_name,
        &device.user_display_name,
        &device.email_address,
    ];
    for text in texts {
        copy_text(line, text);
    }
    copy_integer(line, device.enrolled_date_time.timestamp());
    copy_integer(line, device.last_sync_date_time.timestamp());
    let texts = [
        device.serial_number.as_str(),
        &device.manufacturer,
        &device.model,
        &device.imei,
        &device.phone_number,
        &device.wi_fi_mac_address,
    ];
    for text in texts {
        copy_text(line, text);
    }
    copy_integer(line, device.total_storage_space_in_bytes);
    copy_integer(line, device.free_storage_space_in_bytes);
    copy_text(line, &device.device_category_display_name);
    copy_text(line, device.join_type.wire_name());
    copy_boolean(line, device.is_encrypted);
    match &client {
        Some(client) => {
            copy_text(line, &client.client_identifier);
            copy_text(line, &client.client_version);
            copy_boolean(line, client.is_blocked);
        }
        None => line.push_str("\\N\t\\N\t\\N\t"),
    }
    copy_boolean(line, device.is_online);
    let optional_texts = [
        &device.azure_ad_device_id,
        &device.user_id,
        &device.device_enrollment_type,
        &device.sku_family,
        &device.notes,
        &device.ethernet_mac_address,
        &device.udid,
        &device.iccid,
    ];
    for text in optional_texts {
        match text {
            Some(text) => copy_text(line, text),
            None => line.push_str("\\N\t"),
        }
    }
    // Every field ends in a tab; the last one ends the line instead.
    line.pop();
    line.push('\n');
}

/// A text field, with the characters COPY's text format gives a meaning escaped.
fn copy_text(line: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => line.push_str("\\\\"),
            '\t' => line.push_str("\\t"),
            '\n' => line.push_str("\\n"),
            '\r' => line.push_str("\\r"),
            c => line.push(c),
        }
    }
    line.push('\t');
}

fn copy_integer(line: &mut String, number: i64) {
    let _ = write!(line, "{number}\t");
}

fn copy_boolean(line: &mut String, flag: bool) {
    line.push_str(if flag { "t\t" } else { "f\t" });
}

/// The integration tests' throw-away cluster, for the plan tests below (which leave some of it unused).
#[cfg(test)]
#[path = "../../../tests/support/postgres.rs"]
#[allow(dead_code)]
mod cluster;

/// Builds the indexes `definitions` of a bulk load, each on a connection of its own,
/// [`INDEX_BUILDERS`] at once.
pub(in crate::store) async fn build_indexes(
    pool: &PgPool,
    definitions: impl IntoIterator<Item = String>,
) -> Result<(), sqlx::Error> {
    let mut definitions: Vec<String> = definitions.into_iter().collect();
    // The trigram indexes take longest to build (PostgreSQL builds a GIN index on one core):
    // started first, they end about when the B-trees built beside them do.
    definitions.sort_by_key(|definition| !definition.contains("USING gin"));
    futures_util::stream::iter(definitions)
        .map(|definition| build_index(pool, definition))
        .buffer_unordered(INDEX_BUILDERS)
        .try_collect::<()>()
        .await
}

/// Builds one index of a bulk load.
async fn build_index(pool: &PgPool, definition: String) -> Result<(), sqlx::Error> {
    let mut transaction = pool.begin().await?;
    sqlx::query(&format!(
        "SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'"
    ))
    .execute(&mut *transaction)
    .await?;
    sqlx::query(&definition).execute(&mut *transaction).await?;
    transaction.commit().await
}

#[cfg(test)]
mod tests {
    //! The plans of the list's queries on PostgreSQL, as `EXPLAIN (ANALYZE, FORMAT JSON)` gives
    //! them: no shape an administrator sends may read more than a page's worth of the devices'
    //! rows or index entries, and a next link's page starts with a seek.

    use serde_json::Value as Json;

    use super::cluster::PostgresCluster;
    use super::*;
    use crate::store::{Store, devices::plan_shapes};

    /// Devices in the test tenant: enough that reading every device would show.
    const DEVICES: u64 = 20_000;

    /// The plans of the page `query` asks for, and the page.
    async fn plans(store: &PostgresStore, query: &str) -> (Vec<Json>, DevicePage) {
        plan_shapes::plans(&Store::Postgres(store.clone()), query).await
    }

    /// Rows and index entries a plan read from the device table and its indexes: each scan's
    /// rows, those its filter removed and those rechecked away, in every loop.
    fn devices_read(plan: &Json) -> u64 {
        let own = match plan["Relation Name"].as_str() {
            Some("managed_devices") => {
                let number = |key: &str| plan[key].as_f64().unwrap_or(0.0);
                (number("Actual Rows")
                    + number("Rows Removed by Filter")
                    + number("Rows Removed by Index Recheck"))
                    * number("Actual Loops").max(1.0)
            }
            _ => 0.0,
        };
        let below: u64 = plan["Plans"]
            .as_array()
            .map(|plans| plans.iter().map(devices_read).sum())
            .unwrap_or(0);
        own as u64 + below
    }

    /// Whether a plan seeks into an index of the device table with a range on its sort key.
    fn seeks(plan: &Json) -> bool {
        let here = plan["Relation Name"] == "managed_devices"
            && plan["Index Cond"]
                .as_str()
                .is_some_and(|condition| condition.contains('>') || condition.contains('<'));
        here || plan["Plans"]
            .as_array()
            .is_some_and(|plans| plans.iter().any(seeks))
    }

    async fn tenant(cluster: &PostgresCluster) -> PostgresStore {
        let url = cluster.create_database("plans").await;
        let store = PostgresStore::connect(&url).await.unwrap();
        plan_shapes::load(&Store::Postgres(store.clone()), DEVICES).await;
        store
    }

    #[tokio::test]
    async fn no_shape_reads_every_device() {
        let cluster = PostgresCluster::start();
        let store = tenant(&cluster).await;
        // Each statement is planned for its values: a generic plan, which PostgreSQL may keep
        // after five runs of a prepared statement, counted a one-character search by reading
        // all six trigram indexes whole (6.7 s at 1M instead of 0.43 s).
        let mode: String = sqlx::query_scalar("SHOW plan_cache_mode")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(mode, "force_custom_plan");
        let (device, phone) = plan_shapes::samples(&Store::Postgres(store.clone())).await;
        let mut shapes = plan_shapes::looked_up(&device, &phone);
        shapes.extend(plan_shapes::SORTED.map(String::from));
        shapes.extend(plan_shapes::SORTED_LATE.map(String::from));
        shapes.extend([
            // Half the devices, in name order: a walk of the name index.
            "$filter=managementAgent eq 'configurationManagerClient'".to_string(),
            // Searched: broad terms walk the sort index. The same statement, run more than five
            // times, is still planned for its term: a one-character term reads no trigram index.
            "$search=\"contoso\"".to_string(),
            "$search=\"ade\"".to_string(),
            "$search=\"com\"".to_string(),
            "$search=\"con\"".to_string(),
            "$search=\"tos\"".to_string(),
            "$search=\"nto\"".to_string(),
            "$search=\"a\"".to_string(),
        ]);
        for query in shapes {
            let (plans, page) = plans(&store, &format!("$top=50&{query}")).await;
            assert!(!page.devices.is_empty(), "{query}: nothing found");
            assert!(!plans.is_empty(), "{query}: no page read");
            let read: u64 = plans.iter().map(devices_read).sum();
            assert!(
                read <= DEVICES / 10,
                "{query} read {read} of {DEVICES} devices: {plans:#?}"
            );
        }
    }

    #[tokio::test]
    async fn a_next_link_seeks_to_its_page() {
        let cluster = PostgresCluster::start();
        let store = tenant(&cluster).await;
        let first = |order: &str| format!("$top=50&$skip=5000&{order}");
        plan_shapes::follow_next_links(&Store::Postgres(store), first, |plans| {
            let read: u64 = plans.iter().map(devices_read).sum();
            (!plans.iter().any(seeks) || read > 500).then(|| format!("read {read} devices"))
        })
        .await;
    }
}
