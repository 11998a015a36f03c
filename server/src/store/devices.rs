//! Managed devices as both stores read and write them: the columns, the row as stored and the
//! device it becomes, which queries the counts table can answer, the counts and the page
//! planner's steps both dialects take, one device, and the Devices overview. Each dialect's page
//! planner (`sqlite/devices.rs`, `postgres/devices.rs`) decides how a page is found.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::DateTime;
use endpoint_admin_model::{
    BoundedCount,
    device::{
        ComplianceState, ConfigurationManagerClientInformation, JoinType, ManagedBy, ManagedDevice,
        ManagementAgent, ManagementState, OwnerType,
    },
    overview::{CountOf, ManagedDeviceOverview},
};

use super::{
    Store,
    dialect::{Backend, Connection, Pool, on_connection, on_pool},
};
use crate::demo::details::report_details;
use crate::odata::{
    Dialect, Filter, MANAGED_DEVICE, OrderBy, PageKey, PropertyKind, QueryOptions, SqlFragment,
    SqlValue, StoreTerms, WHOLE_ROW, order_by_sql, order_key,
};

/// Columns of `managed_devices` read into a [`ManagedDevice`].
pub(super) const DEVICE_COLUMNS: &str = "id, device_name, managed_device_name, management_agent,
    managed_device_owner_type, compliance_state, management_state, operating_system, os_version,
    device_type, user_principal_name, user_display_name, email_address, enrolled_date_time,
    last_sync_date_time, serial_number, manufacturer, model, imei, phone_number,
    wi_fi_mac_address, total_storage_space_in_bytes, free_storage_space_in_bytes,
    device_category_display_name, join_type, is_encrypted, cm_client_identifier,
    cm_client_version, cm_is_blocked, is_online, azure_ad_device_id, user_id,
    device_enrollment_type, sku_family, notes, ethernet_mac_address, udid, iccid";

impl Store {
    /// True until the demo tenant (or any tenant) has been created.
    pub async fn is_empty(&self) -> Result<bool, sqlx::Error> {
        let any: bool = on_pool!(self.pool(), |pool: B| {
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM organization)")
                .fetch_one(pool)
                .await?
        });
        Ok(!any)
    }

    /// How many devices `options`' filter and search match (its paging ignored).
    pub async fn count_managed_devices(&self, options: &QueryOptions) -> Result<u64, sqlx::Error> {
        let condition = self.matching_condition(options).await?;
        match self.count_cheaply(options, &condition).await? {
            Some(count) => Ok(count),
            None => count_scanning(self.pool(), &condition).await,
        }
    }

    /// How many devices `options`' filter and search match, counted no further than `at_most`
    /// matches, unless an exact count is as cheap.
    pub async fn count_managed_devices_up_to(
        &self,
        options: &QueryOptions,
        at_most: u64,
    ) -> Result<BoundedCount, sqlx::Error> {
        let condition = self.matching_condition(options).await?;
        if let Some(count) = self.count_cheaply(options, &condition).await? {
            return Ok(BoundedCount::exact(count));
        }
        count_up_to(self.pool(), &condition, at_most).await
    }

    /// Inserts devices in one transaction; the counts and the search index follow row by row.
    pub async fn insert_devices(
        &self,
        devices: impl IntoIterator<Item = ManagedDevice> + Send,
    ) -> Result<u64, sqlx::Error> {
        on_pool!(self.pool(), |pool: B| {
            let mut transaction = B::begin_write(pool).await?;
            let inserted = B::insert_devices(&mut transaction, devices).await?;
            transaction.commit().await?;
            Ok(inserted)
        })
    }

    /// The `WHERE` condition of the devices `options`' filter and search match, as the dialect
    /// finds them best for a statement that reads them all.
    pub(super) async fn matching_condition(
        &self,
        options: &QueryOptions,
    ) -> Result<SqlFragment, sqlx::Error> {
        match self {
            Store::Sqlite(store) => store.matching_condition(options).await,
            Store::Postgres(_) => Ok(super::postgres::condition(options)),
        }
    }

    /// The exact number of devices matching `condition` (`options`' filter and search) when an
    /// index can tell without reading the device table.
    async fn count_cheaply(
        &self,
        options: &QueryOptions,
        condition: &SqlFragment,
    ) -> Result<Option<u64>, sqlx::Error> {
        match self {
            Store::Sqlite(store) => store.count_cheaply(options, condition).await,
            Store::Postgres(_) => count_from_counts_table(self.pool(), options, condition).await,
        }
    }

    /// Loads devices into an empty device table the fast way: what is derived from the table
    /// (its indexes, SQLite's triggers and search index, the counts) is dropped first and made
    /// again once the devices are in, in one pass each (sorted index builds, one GROUP BY for the
    /// counts) instead of row by row. The definitions are read back from the catalog, so the
    /// migrations stay the only place that defines them.
    pub async fn bulk_load_devices(
        &self,
        devices: impl IntoIterator<Item = ManagedDevice> + Send,
    ) -> Result<u64, sqlx::Error> {
        let loaded = on_pool!(self.pool(), |pool: B| {
            let mut connection = pool.acquire().await?;
            B::bulk_load_begins(&mut connection).await?;
            let mut transaction = sqlx::Connection::begin(&mut *connection).await?;
            let derived: Vec<(String, String)> = sqlx::query_as(B::DERIVED_FROM_DEVICES)
                .fetch_all(&mut *transaction)
                .await?;
            for (drop, _) in &derived {
                sqlx::query(drop).execute(&mut *transaction).await?;
            }
            let loaded = B::load_devices(&mut transaction, devices, &derived).await?;
            sqlx::query(COUNT_EVERY_DEVICE)
                .execute(&mut *transaction)
                .await?;
            transaction.commit().await?;
            B::bulk_load_ends(&mut connection, pool, derived).await?;
            loaded
        });
        if let Store::Sqlite(store) = self {
            store.schema_rebuilt_now();
        }
        Ok(loaded)
    }

    pub async fn managed_device(&self, id: &str) -> Result<Option<ManagedDevice>, sqlx::Error> {
        let sql = format!("SELECT {DEVICE_COLUMNS} FROM managed_devices WHERE id = $1");
        let row: Option<DeviceRow> = on_pool!(self.pool(), |pool: B| {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?
        });
        Ok(row.map(ManagedDevice::from))
    }

    /// Counts for the Devices overview, read from the per-combination counts table.
    pub async fn managed_device_overview(&self) -> Result<ManagedDeviceOverview, sqlx::Error> {
        let rows: Vec<(String, String, String, String, i64)> = on_pool!(self.pool(), |pool: B| {
            sqlx::query_as(
                "SELECT management_agent, compliance_state, operating_system, management_state,
                        CAST(sum(device_count) AS BIGINT)
                 FROM managed_device_counts
                 GROUP BY management_agent, compliance_state, operating_system, management_state",
            )
            .fetch_all(pool)
            .await?
        });
        Ok(overview_from_counts(rows))
    }
}

/// How many devices `condition` matches, summed from `managed_device_counts`, when `options` is a
/// view the table can count ([`countable`]).
pub(super) async fn count_from_counts_table(
    pool: Pool<'_>,
    options: &QueryOptions,
    condition: &SqlFragment,
) -> Result<Option<u64>, sqlx::Error> {
    if !countable(options) {
        return Ok(None);
    }
    let sql = format!(
        "SELECT CAST(coalesce(sum(device_count), 0) AS BIGINT) FROM managed_device_counts
         WHERE {}",
        condition.sql
    );
    Ok(Some(count(pool, &sql, condition).await?))
}

/// The rows of a page's `sql`, whose last two placeholders are its `LIMIT` and `OFFSET`: `$top`
/// and one more (to tell whether more follow), from `$skip` on.
pub(super) async fn fetch_page(
    connection: Connection<'_>,
    options: &QueryOptions,
    sql: &str,
    params: &[SqlValue],
) -> Result<Vec<DeviceRow>, sqlx::Error> {
    let limit = i64::from(options.top) + 1;
    let offset = i64::try_from(options.skip).unwrap_or(i64::MAX);
    on_connection!(connection, |connection: B| {
        #[cfg(test)]
        plan_shapes::record_plan((&mut *connection).into(), sql, params, limit, offset).await;
        sqlx::query_as_with(sql, B::arguments(params))
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *connection)
            .await
    })
}

/// How many devices `condition` matches, counted in the device table.
pub(super) async fn count_scanning(
    pool: Pool<'_>,
    condition: &SqlFragment,
) -> Result<u64, sqlx::Error> {
    let sql = format!(
        "SELECT count(*) FROM managed_devices WHERE {}",
        condition.sql
    );
    count(pool, &sql, condition).await
}

/// How many devices `condition` matches, counted in the device table until there is one more
/// than `at_most`.
pub(super) async fn count_up_to(
    pool: Pool<'_>,
    condition: &SqlFragment,
    at_most: u64,
) -> Result<BoundedCount, sqlx::Error> {
    let sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM managed_devices WHERE {} LIMIT {}) AS matching",
        condition.sql,
        at_most.saturating_add(1).min(i64::MAX as u64)
    );
    let found = count(pool, &sql, condition).await?;
    Ok(BoundedCount::up_to(found, at_most))
}

async fn count(pool: Pool<'_>, sql: &str, condition: &SqlFragment) -> Result<u64, sqlx::Error> {
    let count: i64 = on_pool!(pool, |pool: B| {
        sqlx::query_scalar_with(&B::numbered(sql), B::arguments(&condition.params))
            .fetch_one(pool)
            .await?
    });
    Ok(count.max(0) as u64)
}

/// The span of the first sort key among the matches, when the counts table tells it.
pub(super) async fn sort_span(
    pool: Pool<'_>,
    options: &QueryOptions,
    condition: &SqlFragment,
) -> Result<Option<SortSpan>, sqlx::Error> {
    let (low, high): (Option<String>, Option<String>) = on_pool!(pool, |pool: B| {
        let Some(query) = SortSpan::query(B::DIALECT, options, condition) else {
            return Ok(None);
        };
        sqlx::query_as_with(&B::numbered(&query.sql), B::arguments(&query.params))
            .fetch_one(pool)
            .await?
    });
    Ok(SortSpan::from_row(low, high))
}

/// The `WHERE` condition of `options`' filter, with the terms a dialect finds its own way written
/// by `terms`, and its search as `search` writes it; `true` when there is neither.
pub(super) fn view_condition(
    options: &QueryOptions,
    dialect: Dialect,
    terms: StoreTerms<'_>,
    search: impl FnOnce(&str) -> SqlFragment,
) -> SqlFragment {
    let filter = options
        .filter
        .as_ref()
        .map(|filter| filter.to_sql_with(dialect, terms));
    let search = options.search.as_deref().map(search);
    SqlFragment::all_of(filter.into_iter().chain(search).collect())
}

/// Devices per batch of the CSV export: a batch is read, sent and written as a whole.
pub(super) const EXPORT_BATCH: usize = 512;

/// What the CSV export reads, for each dialect's way of streaming rows: every device the view
/// matches, in its order, only the exported columns (and `id`), each row read into a device.
pub(super) struct Export {
    pub select: String,
    pub params: Vec<SqlValue>,
    pub columns: Vec<&'static str>,
    pub read: fn(DeviceRow) -> ManagedDevice,
}

/// From this many matches on, a page is found faster by walking the sort index than by finding
/// the matches and sorting them, on both stores.
pub(super) const WALK_SORT_INDEX_FROM: u64 = 10_000;

/// Fills the empty `managed_device_counts` from the device table in one pass, after a bulk load.
const COUNT_EVERY_DEVICE: &str = "INSERT INTO managed_device_counts
    SELECT management_agent, managed_device_owner_type, compliance_state, operating_system,
           management_state, count(*)
    FROM managed_devices
    GROUP BY 1, 2, 3, 4, 5";

/// The filter columns `managed_device_counts` is grouped by.
const COUNTED_COLUMNS: [&str; 5] = [
    "management_agent",
    "managed_device_owner_type",
    "compliance_state",
    "operating_system",
    "management_state",
];

/// One page of All devices.
#[derive(Debug)]
pub struct DevicePage {
    /// As stored: what Graph reports beyond the columns is computed by `demo::details` on demand.
    pub devices: Vec<ManagedDevice>,
    /// All matching devices, when `$count=true`.
    pub count: Option<u64>,
    /// More devices follow this page.
    pub more: bool,
    /// Where the next page starts, when more devices follow: the sort key of this page's last.
    pub next: Option<PageKey>,
}

impl DevicePage {
    /// The page of `rows` found for `options`: `$top` of them (one more was read, to tell whether
    /// more follow), with the key of the last for the next link.
    pub(super) fn of(mut rows: Vec<DeviceRow>, options: &QueryOptions, count: Option<u64>) -> Self {
        let more = rows.len() > options.top as usize;
        rows.truncate(options.top as usize);
        let next = rows.last().filter(|_| more).map(|last| PageKey {
            order: order_key(&options.order_by),
            values: sort_order(&options.order_by)
                .iter()
                .map(|item| last.value(item.property.column))
                .collect(),
            id: last.id.clone(),
        });
        DevicePage {
            devices: rows
                .into_iter()
                .map(DeviceRow::into_stored_device)
                .collect(),
            count,
            more,
            next,
        }
    }
}

/// Columns that may hold NULL: the Configuration Manager client's (devices without one) and the
/// Graph identifiers not every device has. NULLs sort first ascending and last descending, which
/// a key after a page must respect (a store test checks this list against the table).
pub(super) const NULLABLE_COLUMNS: [&str; 11] = [
    "cm_client_identifier",
    "cm_client_version",
    "cm_is_blocked",
    "azure_ad_device_id",
    "user_id",
    "device_enrollment_type",
    "sku_family",
    "notes",
    "ethernet_mac_address",
    "udid",
    "iccid",
];

/// The order a page is sorted in: `$orderby`, or the device name when it has none (the grid's
/// default); the `id` tiebreak comes after it.
pub(super) fn sort_order(order: &[OrderBy]) -> Cow<'_, [OrderBy]> {
    if order.is_empty() {
        let device_name = MANAGED_DEVICE
            .iter()
            .find(|property| property.column == "device_name")
            .expect("the device schema has the device name");
        Cow::Owned(vec![OrderBy {
            property: device_name,
            descending: false,
        }])
    } else {
        Cow::Borrowed(order)
    }
}

/// The devices that sort after `options.after` (a next link's key), as a condition: `1`/`true`
/// without one.
///
/// Spelled out term by term (equal on the keys before, after on this one, NULLs first ascending
/// and last descending), and led by a plain range on the first key, `key >= ?`, which both engines
/// read as one seek into the `(key, id)` sort index: page 10,000 then costs what page 2 does. (A
/// row-value comparison, `(key, id) > (?, ?)`, would say it shorter, but SQLite seeks with one only
/// over plain columns, not over `column COLLATE NOCASE`.)
pub(super) fn keyset(dialect: Dialect, options: &QueryOptions) -> SqlFragment {
    let Some(key) = &options.after else {
        return SqlFragment {
            sql: dialect.true_value().to_string(),
            params: Vec::new(),
        };
    };
    let order = sort_order(&options.order_by);
    let value = |item: &OrderBy| match item.property.kind {
        PropertyKind::String => dialect.folded_value(),
        _ => "?",
    };
    let nullable = |item: &OrderBy| NULLABLE_COLUMNS.contains(&item.property.column);
    let mut sql = String::new();
    let mut params = Vec::new();
    let first = &order[0];
    let first_key = dialect.sort_key(first.property);
    match (&key.values[0], first.descending) {
        (SqlValue::Null, false) => {}
        (SqlValue::Null, true) => sql.push_str(&format!("{first_key} IS NULL AND ")),
        (first_value, descending) => {
            let range = match (descending, nullable(first)) {
                (false, _) => format!("{first_key} >= {}", value(first)),
                (true, false) => format!("{first_key} <= {}", value(first)),
                (true, true) => format!("({first_key} <= {} OR {first_key} IS NULL)", value(first)),
            };
            sql.push_str(&format!("{range} AND "));
            params.push(first_value.clone());
        }
    }
    let mut alternatives = Vec::new();
    let mut equal_before = String::new();
    let mut equal_params = Vec::new();
    for (item, value_of_key) in order.iter().zip(&key.values) {
        let sort_key = dialect.sort_key(item.property);
        let after = match (value_of_key, item.descending) {
            (SqlValue::Null, false) => Some(format!("{sort_key} IS NOT NULL")),
            (SqlValue::Null, true) => None,
            (_, false) => Some(format!("{sort_key} > {}", value(item))),
            (_, true) => Some(format!(
                "({sort_key} < {} OR {sort_key} IS NULL)",
                value(item)
            )),
        };
        if let Some(after) = after {
            alternatives.push(format!("{equal_before}{after}"));
            params.extend(equal_params.iter().cloned());
            if *value_of_key != SqlValue::Null {
                params.push(value_of_key.clone());
            }
        }
        match value_of_key {
            SqlValue::Null => equal_before.push_str(&format!("{sort_key} IS NULL AND ")),
            _ => {
                equal_before.push_str(&format!("{sort_key} = {} AND ", value(item)));
                equal_params.push(value_of_key.clone());
            }
        }
    }
    let comparison = if order[order.len() - 1].descending {
        "<"
    } else {
        ">"
    };
    alternatives.push(format!("{equal_before}id {comparison} ?"));
    params.extend(equal_params);
    params.push(SqlValue::Text(key.id.clone()));
    sql.push_str(&format!("({})", alternatives.join(" OR ")));
    SqlFragment { sql, params }
}

/// Both stores' trigram indexes need three characters; shorter searches scan.
pub(super) const TRIGRAM: usize = 3;

/// Columns with a `(column, id)` index in both stores, so sorting on them can read the index in
/// order.
const SORT_INDEXES: [(&str, &str); 10] = [
    ("device_name", "managed_devices_by_device_name"),
    ("management_agent", "managed_devices_by_management_agent"),
    ("managed_device_owner_type", "managed_devices_by_owner_type"),
    ("compliance_state", "managed_devices_by_compliance_state"),
    ("operating_system", "managed_devices_by_operating_system"),
    ("os_version", "managed_devices_by_os_version"),
    (
        "user_principal_name",
        "managed_devices_by_user_principal_name",
    ),
    ("last_sync_date_time", "managed_devices_by_last_sync"),
    (
        "enrolled_date_time",
        "managed_devices_by_enrolled_date_time",
    ),
    ("serial_number", "managed_devices_by_serial_number"),
];

/// Whether `column` has a sort index, which also finds its `eq` matches.
pub(super) fn has_sort_index(column: &str) -> bool {
    SORT_INDEXES.iter().any(|(indexed, _)| *indexed == column)
}

/// The first sort column's index, when it has one.
pub(super) fn sort_index(order: &[OrderBy]) -> Option<&'static str> {
    let column = sort_order(order)[0].property.column;
    SORT_INDEXES
        .iter()
        .find(|(indexed, _)| *indexed == column)
        .map(|(_, index)| *index)
}

/// Index entries a walk of the sort index may read before it gives up and the matches are found
/// and sorted instead: a walk assumes the matches are spread evenly, but they cluster (macOS
/// versions sort after every Windows version: a page of macOS devices by OS version walked
/// 978,000 entries, 2.8 s at 1M). Reading an entry and its row costs about twice finding and
/// sorting a match (measured on SQLite at 1M: 2.9 and 1.4 µs), so a walk stopped after half as
/// many entries as there are matches costs at most about twice the better plan.
///
/// `None` when the walk needs no bound: every device matches; the filter, or the `span` of its
/// matches, pins the first sort column, so that the walk seeks straight to the matching part of
/// the index; or the search is
/// too short for the trigram index, so that finding its matches reads every row anyway (a
/// bounded walk made "ad" 360 → 557 ms at 1M).
pub(super) fn walk_bound(
    options: &QueryOptions,
    matching: u64,
    span: Option<&SortSpan>,
) -> Option<u64> {
    let short_search = options
        .search
        .as_ref()
        .is_some_and(|term| term.chars().count() < TRIGRAM);
    let sort_column = sort_order(&options.order_by)[0].property.column;
    let pinned = options
        .filter
        .as_ref()
        .is_some_and(|filter| filter_columns(filter).contains(&sort_column));
    let pinned = pinned || span.is_some_and(SortSpan::pins_the_sort);
    if pinned || short_search || (options.filter.is_none() && options.search.is_none()) {
        return None;
    }
    let page_end = options.skip.saturating_add(u64::from(options.top) + 1);
    Some((matching / 2).max(page_end.saturating_mul(2)))
}

/// The lowest and the highest key of the first sort column among a filter's matches, as the
/// counts table tells: a walk of that column's sort index starts at the first and stops after the
/// last. Matches cluster by the columns the counts table counts (every co-managed device runs
/// Windows, which sorts after Android, iOS and macOS: a page of co-managed devices by OS walked
/// 100,000 entries and gave up, 1.1 s at 1M); within one key they are spread by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SortSpan {
    low: SqlValue,
    high: SqlValue,
}

impl SortSpan {
    /// The counts table's query for the span, when it can tell one and a walk can use it: the
    /// filter is on its columns only, the first sort column is one of them and has a sort index,
    /// and the filter does not test that column (it then pins the walk itself). Its row is the lowest and the highest key, both NULL when
    /// nothing matches.
    pub(super) fn query(
        dialect: Dialect,
        options: &QueryOptions,
        condition: &SqlFragment,
    ) -> Option<SqlFragment> {
        let filter = options.filter.as_ref()?;
        let first = sort_order(&options.order_by)[0].property;
        if !countable(options)
            || !COUNTED_COLUMNS.contains(&first.column)
            || !has_sort_index(first.column)
            || filter_columns(filter).contains(&first.column)
        {
            return None;
        }
        let key = dialect.sort_key(first);
        Some(SqlFragment {
            sql: format!(
                "SELECT min({key}), max({key}) FROM managed_device_counts
                 WHERE device_count > 0 AND ({})",
                condition.sql
            ),
            params: condition.params.clone(),
        })
    }

    /// The span from the query's row; `None` when nothing matches.
    pub(super) fn from_row(low: Option<String>, high: Option<String>) -> Option<SortSpan> {
        Some(SortSpan {
            low: SqlValue::Text(low?),
            high: SqlValue::Text(high?),
        })
    }

    /// Whether every match has the same first sort key, so that a walk from the span's start
    /// meets them spread by id alone.
    pub(super) fn pins_the_sort(&self) -> bool {
        self.low == self.high
    }

    /// The devices within the span, as a condition on the first sort key: a range of its index.
    pub(super) fn condition(&self, dialect: Dialect, options: &QueryOptions) -> SqlFragment {
        let first = sort_order(&options.order_by)[0].property;
        let key = dialect.sort_key(first);
        let value = match first.kind {
            PropertyKind::String => dialect.folded_value(),
            _ => "?",
        };
        SqlFragment {
            sql: format!("{key} >= {value} AND {key} <= {value}"),
            params: vec![self.low.clone(), self.high.clone()],
        }
    }
}

/// The columns a bounded walk reads: the sort's and the condition's. A filter on the Filter
/// pane's columns is checked inside the device-name index, which includes them in both stores (an
/// index-only walk); anything else reads the rows.
pub(super) fn walked_columns(options: &QueryOptions) -> String {
    if !countable(options) {
        return "*".to_string();
    }
    let mut columns = vec!["id"];
    for item in sort_order(&options.order_by).iter() {
        if !columns.contains(&item.property.column) {
            columns.push(item.property.column);
        }
    }
    for column in COUNTED_COLUMNS {
        if !columns.contains(&column) {
            columns.push(column);
        }
    }
    columns.join(", ")
}

/// Whether a bounded walk that found `found` rows found the whole page: a full page and one more,
/// or every match from `$skip` on.
pub(super) fn walk_found_page(options: &QueryOptions, matching: u64, found: usize) -> bool {
    found > options.top as usize || found as u64 >= matching.saturating_sub(options.skip)
}

/// Whether `managed_device_counts` can count what `options` matches: no search, and a filter on
/// its columns only (they have the same names in both tables).
pub(super) fn countable(options: &QueryOptions) -> bool {
    options.search.is_none()
        && options.filter.as_ref().is_none_or(|filter| {
            filter_columns(filter)
                .iter()
                .all(|column| COUNTED_COLUMNS.contains(column))
        })
}

/// The SQL columns a filter reads.
pub(super) fn filter_columns(filter: &Filter) -> Vec<&'static str> {
    match filter {
        Filter::Compare { property, .. }
        | Filter::In { property, .. }
        | Filter::Function { property, .. } => vec![property.column],
        Filter::Not(inner) => filter_columns(inner),
        Filter::And(left, right) | Filter::Or(left, right) => {
            let mut columns = filter_columns(left);
            columns.extend(filter_columns(right));
            columns
        }
    }
}

/// The select list of a page: every stored column, or with `$select` the selected ones and those
/// its next link's key needs. Each value read costs a hand-over from the driver: a page of 999
/// devices read whole took 34–60 ms at 20,000 devices whatever was selected.
pub(super) fn page_columns(options: &QueryOptions) -> String {
    let Some(select) = &options.select else {
        return DEVICE_COLUMNS.to_string();
    };
    let mut columns: Vec<&'static str> = select.iter().map(|property| property.column).collect();
    columns.extend(
        sort_order(&options.order_by)
            .iter()
            .map(|item| item.property.column),
    );
    export_columns(&columns).join(", ")
}

/// The select list of an export: `id` and `columns`, which must be device table columns or
/// [`WHOLE_ROW`] (every column, for properties computed from the row); the Configuration Manager
/// client's columns come together, as the device holds them together.
pub(super) fn export_columns(columns: &[&'static str]) -> Vec<&'static str> {
    if columns.contains(&WHOLE_ROW) {
        return ROW_COLUMNS.to_vec();
    }
    let mut selected = vec!["id"];
    for column in columns {
        let group: &[&'static str] = if column.starts_with("cm_") {
            &["cm_client_identifier", "cm_client_version", "cm_is_blocked"]
        } else {
            std::slice::from_ref(column)
        };
        for column in group {
            if !selected.contains(column) {
                selected.push(column);
            }
        }
    }
    selected
}

/// Declares [`DeviceRow`] and how rusqlite reads one (sqlx derives it); the CSV export reads
/// through rusqlite (see `export.rs`).
macro_rules! device_row {
    ($($field:ident: $type:ty,)+) => {
        /// A row of `managed_devices` as stored; a column the query did not select is left empty.
        #[derive(sqlx::FromRow, Default)]
        #[sqlx(default)]
        pub(super) struct DeviceRow {
            $($field: $type,)+
        }

        /// Every column of [`DeviceRow`], in [`DEVICE_COLUMNS`] order.
        pub(super) const ROW_COLUMNS: &[&str] = &[$(stringify!($field)),+];

        impl DeviceRow {
            /// The selected columns of a rusqlite row, by the names in `columns` (its order).
            pub(super) fn from_rusqlite(
                row: &rusqlite::Row<'_>,
                columns: &[&str],
            ) -> rusqlite::Result<DeviceRow> {
                let mut device = DeviceRow::default();
                for (index, column) in columns.iter().enumerate() {
                    match *column {
                        $(stringify!($field) => device.$field = row.get(index)?,)+
                        _ => {}
                    }
                }
                Ok(device)
            }

            /// The value of `column` (one of [`ROW_COLUMNS`]), as a page key holds it.
            pub(super) fn value(&self, column: &str) -> SqlValue {
                match column {
                    $(stringify!($field) => self.$field.to_sql_value(),)+
                    _ => SqlValue::Null,
                }
            }
        }
    };
}

/// A column's value as a bound parameter.
trait ToSqlValue {
    fn to_sql_value(&self) -> SqlValue;
}

impl ToSqlValue for String {
    fn to_sql_value(&self) -> SqlValue {
        SqlValue::Text(self.clone())
    }
}

impl ToSqlValue for i64 {
    fn to_sql_value(&self) -> SqlValue {
        SqlValue::Integer(*self)
    }
}

impl ToSqlValue for bool {
    fn to_sql_value(&self) -> SqlValue {
        SqlValue::Boolean(*self)
    }
}

impl<T: ToSqlValue> ToSqlValue for Option<T> {
    fn to_sql_value(&self) -> SqlValue {
        self.as_ref()
            .map_or(SqlValue::Null, ToSqlValue::to_sql_value)
    }
}

device_row! {
    id: String,
    device_name: String,
    managed_device_name: String,
    management_agent: String,
    managed_device_owner_type: String,
    compliance_state: String,
    management_state: String,
    operating_system: String,
    os_version: String,
    device_type: String,
    user_principal_name: String,
    user_display_name: String,
    email_address: String,
    enrolled_date_time: i64,
    last_sync_date_time: i64,
    serial_number: String,
    manufacturer: String,
    model: String,
    imei: String,
    phone_number: String,
    wi_fi_mac_address: String,
    total_storage_space_in_bytes: i64,
    free_storage_space_in_bytes: i64,
    device_category_display_name: String,
    join_type: String,
    is_encrypted: bool,
    cm_client_identifier: Option<String>,
    cm_client_version: Option<String>,
    cm_is_blocked: Option<bool>,
    is_online: bool,
    azure_ad_device_id: Option<String>,
    user_id: Option<String>,
    device_enrollment_type: Option<String>,
    sku_family: Option<String>,
    notes: Option<String>,
    ethernet_mac_address: Option<String>,
    udid: Option<String>,
    iccid: Option<String>,
}

/// How an export turns its rows into devices: completed with the computed properties only when
/// one of them is exported ([`WHOLE_ROW`]), as computing them for every row of a million-device
/// export would be work thrown away.
pub(super) fn export_reader(columns: &[&'static str]) -> fn(DeviceRow) -> ManagedDevice {
    if columns.contains(&WHOLE_ROW) {
        ManagedDevice::from
    } else {
        DeviceRow::into_stored_device
    }
}

impl From<DeviceRow> for ManagedDevice {
    /// The stored device, completed with what Graph reports of it beyond its columns.
    fn from(row: DeviceRow) -> Self {
        let mut device = row.into_stored_device();
        report_details(&mut device);
        device
    }
}

impl DeviceRow {
    /// The device as stored: its properties computed when it is read are left empty (a page of
    /// the list, whose route completes the devices only when a computed property is selected).
    pub(super) fn into_stored_device(self) -> ManagedDevice {
        let date = |seconds| DateTime::from_timestamp(seconds, 0).unwrap_or_default();
        let owner_type = OwnerType::from_wire_name(&self.managed_device_owner_type)
            .unwrap_or(OwnerType::Unknown);
        let client = match (self.cm_client_identifier, self.cm_client_version) {
            (Some(client_identifier), Some(client_version)) => {
                Some(ConfigurationManagerClientInformation {
                    client_identifier,
                    client_version,
                    is_blocked: self.cm_is_blocked.unwrap_or(false),
                })
            }
            _ => None,
        };
        ManagedDevice {
            id: self.id,
            device_name: self.device_name,
            managed_device_name: self.managed_device_name,
            management_agent: ManagementAgent::from_wire_name(&self.management_agent)
                .unwrap_or(ManagementAgent::Mdm),
            managed_device_owner_type: owner_type,
            compliance_state: ComplianceState::from_wire_name(&self.compliance_state)
                .unwrap_or(ComplianceState::Unknown),
            management_state: ManagementState::from_wire_name(&self.management_state)
                .unwrap_or(ManagementState::Managed),
            operating_system: self.operating_system,
            os_version: self.os_version,
            device_type: self.device_type,
            user_principal_name: self.user_principal_name,
            user_display_name: self.user_display_name,
            email_address: self.email_address,
            enrolled_date_time: date(self.enrolled_date_time),
            last_sync_date_time: date(self.last_sync_date_time),
            serial_number: self.serial_number,
            manufacturer: self.manufacturer,
            model: self.model,
            imei: self.imei,
            phone_number: self.phone_number,
            wi_fi_mac_address: self.wi_fi_mac_address,
            total_storage_space_in_bytes: self.total_storage_space_in_bytes,
            free_storage_space_in_bytes: self.free_storage_space_in_bytes,
            device_category_display_name: self.device_category_display_name,
            join_type: JoinType::from_wire_name(&self.join_type).unwrap_or(JoinType::Unknown),
            is_encrypted: self.is_encrypted,
            device_action_results: Vec::new(),
            configuration_manager_client_information: client,
            is_online: self.is_online,
            // The deprecated names of two stored properties, read from the same columns.
            owner_type,
            azure_active_directory_device_id: self.azure_ad_device_id.clone(),
            azure_ad_device_id: self.azure_ad_device_id,
            user_id: self.user_id,
            device_enrollment_type: self.device_enrollment_type,
            sku_family: self.sku_family,
            notes: self.notes,
            ethernet_mac_address: self.ethernet_mac_address,
            udid: self.udid,
            iccid: self.iccid,
            ..ManagedDevice::default()
        }
    }
}

fn counts<T>(map: BTreeMap<T, u64>) -> Vec<CountOf<T>> {
    map.into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(value, count)| CountOf { value, count })
        .collect()
}

/// `ORDER BY` list: the requested order (device name by default), then `id` so ties never
/// reorder between pages.
pub(super) fn order_by(dialect: Dialect, order: &[OrderBy]) -> String {
    let order = sort_order(order);
    let direction = if order[order.len() - 1].descending {
        "DESC"
    } else {
        "ASC"
    };
    format!("{}, id {direction}", order_by_sql(dialect, &order))
}

/// The Devices overview from `managed_device_counts` rows: (agent, compliance, OS, state, count).
pub(super) fn overview_from_counts(
    rows: Vec<(String, String, String, String, i64)>,
) -> ManagedDeviceOverview {
    let mut total = 0;
    let mut by_managed_by = BTreeMap::<ManagedBy, u64>::new();
    let mut by_compliance = BTreeMap::<ComplianceState, u64>::new();
    let mut by_os = BTreeMap::<String, u64>::new();
    let mut by_state = BTreeMap::<ManagementState, u64>::new();
    for (agent, compliance, os, state, count) in rows {
        let count = count.max(0) as u64;
        total += count;
        if let Some(agent) = ManagementAgent::from_wire_name(&agent) {
            *by_managed_by.entry(agent.managed_by()).or_default() += count;
        }
        if let Some(compliance) = ComplianceState::from_wire_name(&compliance) {
            *by_compliance.entry(compliance).or_default() += count;
        }
        *by_os.entry(os).or_default() += count;
        if let Some(state) = ManagementState::from_wire_name(&state) {
            *by_state.entry(state).or_default() += count;
        }
    }
    ManagedDeviceOverview {
        enrolled_device_count: total,
        managed_by_counts: counts(by_managed_by),
        compliance_state_counts: counts(by_compliance),
        operating_system_counts: counts(by_os),
        management_state_counts: counts(by_state),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_device_columns_are_those_of_the_row_in_order() {
        let listed: Vec<&str> = DEVICE_COLUMNS.split(',').map(str::trim).collect();
        assert_eq!(listed, ROW_COLUMNS);
    }

    #[test]
    fn an_export_of_a_computed_property_reads_the_whole_row() {
        assert_eq!(export_columns(&["device_name", WHOLE_ROW]), ROW_COLUMNS);
        assert_eq!(
            export_columns(&["cm_client_version"]),
            [
                "id",
                "cm_client_identifier",
                "cm_client_version",
                "cm_is_blocked"
            ]
        );
    }
}

/// The list shapes both stores' plan tests ask for.
#[cfg(test)]
pub(super) mod plan_shapes {
    use std::cell::RefCell;

    use chrono::{TimeZone, Utc};
    use endpoint_admin_model::device::ManagedDevice;
    use serde_json::Value as Json;
    use sqlx::{Postgres, Sqlite};

    use super::DevicePage;
    use crate::demo::demo_device;
    use crate::odata::{MANAGED_DEVICE, QueryOptions, SkipToken, SqlValue};
    use crate::store::{
        Store,
        dialect::{Backend, Connection},
    };

    tokio::task_local! {
        /// The plans of the pages read in this task, while a test records them.
        static PLANS: RefCell<Vec<Json>>;
    }

    /// Records the plan of a page's `sql`, while a test asks for plans: SQLite's `EXPLAIN QUERY
    /// PLAN` lines, each a string; PostgreSQL's `EXPLAIN (ANALYZE, FORMAT JSON)` tree, the
    /// statement run once more.
    pub async fn record_plan(
        connection: Connection<'_>,
        sql: &str,
        params: &[SqlValue],
        limit: i64,
        offset: i64,
    ) {
        if PLANS.try_with(|_| ()).is_err() {
            return;
        }
        let plans = match connection {
            Connection::Sqlite(connection) => {
                let explain = format!("EXPLAIN QUERY PLAN {sql}");
                let rows: Vec<(i64, i64, i64, String)> =
                    sqlx::query_as_with(&explain, Sqlite::arguments(params))
                        .bind(limit)
                        .bind(offset)
                        .fetch_all(connection)
                        .await
                        .expect("a page's query has a plan");
                rows.into_iter()
                    .map(|(_, _, _, detail)| Json::String(detail))
                    .collect()
            }
            Connection::Postgres(connection) => {
                let explain = format!("EXPLAIN (ANALYZE, FORMAT JSON) {sql}");
                let (plan,): (Json,) = sqlx::query_as_with(&explain, Postgres::arguments(params))
                    .bind(limit)
                    .bind(offset)
                    .fetch_one(connection)
                    .await
                    .expect("a page's query has a plan");
                vec![plan[0]["Plan"].clone()]
            }
        };
        PLANS.with(|recorded| recorded.borrow_mut().extend(plans));
    }

    /// Records a step that has no plan of its own.
    pub fn record(step: &str) {
        let _ = PLANS.try_with(|plans| plans.borrow_mut().push(Json::String(step.to_string())));
    }

    /// The plans of the page `query` asks of `store`, and the page.
    pub async fn plans(store: &Store, query: &str) -> (Vec<Json>, DevicePage) {
        let options = QueryOptions::parse(query, MANAGED_DEVICE).expect("a valid query");
        PLANS
            .scope(RefCell::new(Vec::new()), async {
                let page = store.list_managed_devices(&options).await.expect("a page");
                (PLANS.with(|plans| plans.take()), page)
            })
            .await
    }

    /// Reads the page after `first(order)`'s through its next link, in each of
    /// [`NEXT_LINK_ORDERS`]; `fails_to_seek` tells what is wrong with the next page's plans.
    pub async fn follow_next_links(
        store: &Store,
        first: impl Fn(&str) -> String,
        fails_to_seek: impl Fn(&[Json]) -> Option<String>,
    ) {
        for order in NEXT_LINK_ORDERS {
            let (_, page) = plans(store, &first(order)).await;
            let key = page.next.clone().expect("more devices follow");
            let token = SkipToken::After(key).encode();
            let next = format!("$top=50&{order}&$skiptoken={token}");
            let (plans, next) = plans(store, &next).await;
            assert_eq!(next.devices.len(), 50);
            if let Some(problem) = fails_to_seek(&plans) {
                panic!("{order}: the next page {problem}: {plans:#?}");
            }
        }
    }

    /// Loads the plan tests' tenant into `store`: `count` demo devices from one fixed "now", and
    /// the planner's statistics of them.
    pub async fn load(store: &Store, count: u64) {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let devices = (0..count).map(move |index| demo_device(index, count, now));
        store.bulk_load_devices(devices).await.unwrap();
        store.analyze().await.unwrap();
    }

    /// A device to look up (the 1,235th by name), and a phone (a device with an IMEI).
    pub async fn samples(store: &Store) -> (ManagedDevice, ManagedDevice) {
        let first = |query: &'static str| async move {
            let options = QueryOptions::parse(query, MANAGED_DEVICE).unwrap();
            let page = store.list_managed_devices(&options).await.unwrap();
            page.devices.into_iter().next().expect("a device")
        };
        (
            first("$top=1&$skip=1234").await,
            first("$top=1&$filter=imei ne ''").await,
        )
    }

    /// The orders a next link's page is read in by the tests.
    const NEXT_LINK_ORDERS: [&str; 3] = [
        "",
        "$orderby=deviceName desc",
        "$orderby=lastSyncDateTime desc",
    ];

    /// Shapes whose devices an index finds at once, with values taken from `device` and `phone`
    /// (a device with an IMEI): `eq`, the string functions, and the date ranges scripts send,
    /// sorted by their own column.
    pub fn looked_up(device: &ManagedDevice, phone: &ManagedDevice) -> Vec<String> {
        let local_part = device.user_principal_name.split('@').next();
        let serial = &device.serial_number;
        vec![
            format!("$filter=deviceName eq '{}'", device.device_name),
            format!("$filter=serialNumber eq '{serial}'"),
            format!(
                "$filter=userPrincipalName eq '{}'",
                device.user_principal_name
            ),
            format!(
                "$filter=azureADDeviceId eq '{}'",
                device.azure_ad_device_id.as_deref().unwrap_or_default()
            ),
            format!("$filter=imei eq '{}'", phone.imei),
            format!("$filter=emailAddress eq '{}'", device.email_address),
            format!(
                "$filter=managedDeviceName eq '{}'",
                device.managed_device_name
            ),
            format!("$filter=startswith(serialNumber, '{}')", &serial[..4]),
            format!(
                "$filter=startswith(deviceName, '{}')",
                &device.device_name[..device.device_name.len() - 2]
            ),
            "$filter=startswith(deviceName, 'CONTOSO-LT-0')".to_string(),
            format!(
                "$filter=contains(userPrincipalName, '{}')",
                local_part.unwrap_or_default()
            ),
            format!(
                "$filter=endswith(serialNumber, '{}')",
                &serial[serial.len() - 5..]
            ),
            format!("$filter=contains(imei, '{}')", &phone.imei[3..9]),
            "$filter=operatingSystem eq 'Windows' and enrolledDateTime ge 2026-06-01T00:00:00Z\
             &$orderby=enrolledDateTime desc"
                .to_string(),
            "$filter=lastSyncDateTime ge 2026-11-25T00:00:00Z&$orderby=lastSyncDateTime desc"
                .to_string(),
        ]
    }

    /// Filter pane views sorted by a column the counts table counts, whose matches sort after
    /// many devices that do not match: every Configuration Manager device runs Windows, which
    /// sorts after Android, iOS and macOS, and is `configManager` in compliance, which sorts
    /// after `compliant`. The counts table tells where the walk of the sort index starts.
    pub const SORTED_LATE: [&str; 2] = [
        "$filter=managementAgent eq 'configurationManagerClient' \
         and complianceState eq 'configManager' and managedDeviceOwnerType eq 'company'\
         &$orderby=operatingSystem",
        "$filter=managementAgent eq 'configurationManagerClient'&$orderby=complianceState",
    ];

    /// Shapes read in order from a sort index.
    pub const SORTED: [&str; 6] = [
        "",
        "$orderby=deviceName desc",
        "$orderby=serialNumber",
        "$orderby=userPrincipalName desc",
        "$orderby=enrolledDateTime",
        "$orderby=lastSyncDateTime desc",
    ];
}
