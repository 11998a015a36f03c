//! Managed devices on SQLite: how the All devices list finds a page (walking a sort index, or
//! finding the matches through the FTS5 trigram index or the Filter pane's index and sorting
//! them), the counts the search index tells, and the demo tenant's batched inserts.

use endpoint_admin_model::device::ManagedDevice;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::SqliteStore;
use crate::odata::{
    CompareOp, Dialect, Filter, MANAGED_DEVICE_SEARCH_COLUMNS, QueryOptions, SqlFragment, SqlValue,
    StringFunction, Value, search_to_sql,
};
use crate::store::devices::{
    DevicePage, DeviceRow, SortSpan, TRIGRAM, WALK_SORT_INDEX_FROM, count_from_counts_table,
    count_scanning, countable, fetch_page, filter_columns, has_sort_index, keyset, order_by,
    page_columns, sort_index, sort_order, sort_span, view_condition, walk_bound, walk_found_page,
    walked_columns,
};

/// Index entries a walk reads for a broad search before it finds and sorts the matches instead:
/// about 50 ms of reading rows at a million devices.
const BROAD_SEARCH_WALK: u64 = 50_000;

/// What the plan tests see when a search's matches are counted, every one.
#[cfg(test)]
const EVERY_MATCH_COUNTED: &str = "COUNT every match of the search";

/// Rows per INSERT: 500 rows × 38 columns stays under SQLite's 32,766 bound parameters.
const INSERT_BATCH: usize = 500;

impl SqliteStore {
    /// The page of devices `options` asks for.
    pub async fn list_managed_devices(
        &self,
        options: &QueryOptions,
    ) -> Result<DevicePage, sqlx::Error> {
        let rare = self.rare_terms(options).await?;
        let condition = condition(options, SearchThrough::TrigramIndex, &rare);
        if let Some(rows) = self.walk_broad_search(options, &condition).await? {
            return Ok(DevicePage::of(rows, options, None));
        }
        let matching = self.count_cheaply(options, &condition).await?;
        let count = match (options.count, matching) {
            (false, _) => None,
            (true, Some(count)) => Some(count),
            (true, None) => Some(count_scanning((&self.pool).into(), &condition).await?),
        };
        // Walking the sort index finds a page after reading about total / matching × 50 entries;
        // looking the matches up and sorting them costs about `matching`. The exact count
        // decides, when one is cheap to have.
        let walk_sort_index = match matching {
            Some(matching) => matching >= WALK_SORT_INDEX_FROM,
            None => options.filter.is_none() && options.search.is_none(),
        };
        let rows = if let Some(index) = sort_index(&options.order_by)
            && walk_sort_index
        {
            let span = sort_span((&self.pool).into(), options, &condition).await?;
            let bound = matching.and_then(|matching| walk_bound(options, matching, span.as_ref()));
            let rows = self
                .walk_sort_index(options, &rare, index, bound, span.as_ref())
                .await?;
            match (bound, matching) {
                (Some(_), Some(matching)) if !walk_found_page(options, matching, rows.len()) => {
                    self.find_and_sort(options, &condition, Find::AvoidingSortIndex)
                        .await?
                }
                _ => rows,
            }
        } else {
            let find = self.find_plan(options, matching).await?;
            self.find_and_sort(options, &condition, find).await?
        };
        Ok(DevicePage::of(rows, options, count))
    }

    /// The page of a search alone that is not counted and matches more devices than a walk of
    /// the sort index needs, or `None` when it is not one. Its first matches tell, not its exact
    /// count: "contoso" matches nearly every device, and counting them took 300 ms where a walk
    /// finds its page in the first 51 entries. A walk that does not find the page within
    /// `BROAD_SEARCH_WALK` entries stops, and the matches are found and sorted: they cluster
    /// late in the sort order ("LT-" matches no name before CONTOSO-LT-…, 249,000 names in).
    async fn walk_broad_search(
        &self,
        options: &QueryOptions,
        condition: &SqlFragment,
    ) -> Result<Option<Vec<DeviceRow>>, sqlx::Error> {
        let (false, None, Some(term)) = (options.count, &options.filter, &options.search) else {
            return Ok(None);
        };
        let Some(index) = sort_index(&options.order_by) else {
            return Ok(None);
        };
        if term.chars().count() < TRIGRAM
            || self
                .count_matches_up_to(&fts_phrase(term), WALK_SORT_INDEX_FROM)
                .await?
                < WALK_SORT_INDEX_FROM
        {
            return Ok(None);
        }
        let page_end = options.skip.saturating_add(u64::from(options.top) + 1);
        let bound = BROAD_SEARCH_WALK.max(page_end.saturating_mul(2));
        let rows = self
            .walk_sort_index(options, &RareTerms::default(), index, Some(bound), None)
            .await?;
        if rows.len() > options.top as usize {
            return Ok(Some(rows));
        }
        let rows = self
            .find_and_sort(options, condition, Find::AvoidingSortIndex)
            .await?;
        Ok(Some(rows))
    }

    /// A page read in sort order from `index`, the first sort column's, checking each row; when
    /// `bound` is given, from that many index entries at most. After a next link's key, the walk
    /// starts at the key; within a `span`, at its start.
    async fn walk_sort_index(
        &self,
        options: &QueryOptions,
        rare: &RareTerms,
        index: &str,
        bound: Option<u64>,
        span: Option<&SortSpan>,
    ) -> Result<Vec<DeviceRow>, sqlx::Error> {
        // While walking, a search is checked row by row: an index lookup of every match first
        // would cost as much as the matches are many.
        let condition = condition(options, SearchThrough::Scanning, rare);
        let mut after = keyset(Dialect::Sqlite, options);
        if let Some(span) = span {
            after = after.and(span.condition(Dialect::Sqlite, options));
        }
        let order = order_by(Dialect::Sqlite, &options.order_by);
        let columns = page_columns(options);
        let sql = match bound {
            // The bounded walk is a co-routine whose rows SQLite reads in the order it yields
            // them, so the page's ids need no ORDER BY of their own: one would sort every walked
            // row before the first is returned (a page of ConfigMgr devices: 1.2 s instead of
            // 8 ms). The walk reads only the columns it checks, so that the device-name index,
            // which includes the Filter pane's, answers without reading rows.
            Some(bound) => format!(
                "SELECT {columns} FROM managed_devices
                 WHERE id IN (SELECT id
                              FROM (SELECT {} FROM managed_devices INDEXED BY {index}
                                    WHERE {} ORDER BY {order} LIMIT {bound})
                              WHERE {} LIMIT ? OFFSET ?)
                 ORDER BY {order}",
                walked_columns(options),
                after.sql,
                condition.sql
            ),
            None => format!(
                "SELECT {columns} FROM managed_devices INDEXED BY {index}
                 WHERE ({}) AND ({}) ORDER BY {order} LIMIT ? OFFSET ?",
                after.sql, condition.sql
            ),
        };
        let params = [after.params, condition.params].concat();
        let mut connection = self.pool.acquire().await?;
        fetch_page((&mut *connection).into(), options, &sql, &params).await
    }

    /// How to find the matches of a page that is not walked, from what the counts table tells of
    /// a filter on its columns. SQLite's planner knows each column's average, not its values: it
    /// reads Personal and Noncompliant devices through the compliance index (44,951 rows for
    /// 6,037 matches, 190 ms at 1M), and co-managed devices through the management agent's, one
    /// row at a time (200,000 rows, 0.6–0.7 s), where the table read in its own order takes
    /// 0.37 s.
    async fn find_plan(
        &self,
        options: &QueryOptions,
        matching: Option<u64>,
    ) -> Result<Find, sqlx::Error> {
        let (Some(matching), Some(filter), true) = (matching, &options.filter, countable(options))
        else {
            return Ok(Find::AsPlanned);
        };
        let sort_column = sort_order(&options.order_by)[0].property.column;
        if !has_sort_index(sort_column) {
            let total: i64 = sqlx::query_scalar(
                "SELECT coalesce(sum(device_count), 0) FROM managed_device_counts",
            )
            .fetch_one(&self.pool)
            .await?;
            if matching.saturating_mul(READ_EVERY_ROW_FROM) >= total.max(0) as u64 {
                return Ok(Find::ReadingEveryRow);
            }
        }
        if !filter_columns(filter).contains(&"management_agent") {
            return Ok(Find::ThroughFilterIndex);
        }
        Ok(Find::AsPlanned)
    }

    /// A page of the devices `condition` matches, found first and then sorted.
    async fn find_and_sort(
        &self,
        options: &QueryOptions,
        condition: &SqlFragment,
        find: Find,
    ) -> Result<Vec<DeviceRow>, sqlx::Error> {
        let after = keyset(Dialect::Sqlite, options);
        let columns = page_columns(options);
        let order = order_by(Dialect::Sqlite, &options.order_by);
        let (table, order, hint) = match find {
            Find::AsPlanned => ("managed_devices", order, ""),
            // A unary `+` keeps the planner from satisfying the ORDER BY with the sort index.
            Find::AvoidingSortIndex => ("managed_devices", format!("+{order}"), ""),
            // Every management agent, listed, makes the Filter pane's index, which leads with
            // it, one seek per agent for the other columns.
            Find::ThroughFilterIndex => (
                "managed_devices",
                order,
                " AND management_agent IN (SELECT management_agent FROM managed_device_counts)",
            ),
            Find::ReadingEveryRow => ("managed_devices NOT INDEXED", order, ""),
        };
        let sql = format!(
            "SELECT {columns} FROM {table} WHERE ({}) AND ({}){hint}
             ORDER BY {order} LIMIT ? OFFSET ?",
            after.sql, condition.sql
        );
        let params = [after.params, condition.params.clone()].concat();
        let mut connection = self.pool.acquire().await?;
        fetch_page((&mut *connection).into(), options, &sql, &params).await
    }

    /// How many devices `options`' filter and search match.
    /// The `WHERE` condition of the devices `options` matches, the filter's rare terms found
    /// through the trigram index.
    pub async fn matching_condition(
        &self,
        options: &QueryOptions,
    ) -> Result<SqlFragment, sqlx::Error> {
        let rare = self.rare_terms(options).await?;
        Ok(condition(options, SearchThrough::TrigramIndex, &rare))
    }

    /// The exact number of matching devices when an index can tell without touching the device
    /// table: the counts table for filters on its columns, the search index for a search alone.
    pub async fn count_cheaply(
        &self,
        options: &QueryOptions,
        condition: &SqlFragment,
    ) -> Result<Option<u64>, sqlx::Error> {
        match (&options.filter, &options.search) {
            (None, Some(term)) if term.chars().count() >= TRIGRAM => {
                Ok(Some(self.count_search_matches(term).await?))
            }
            _ => count_from_counts_table((&self.pool).into(), options, condition).await,
        }
    }

    /// Devices a search matches, counted in the search index alone.
    async fn count_search_matches(&self, term: &str) -> Result<u64, sqlx::Error> {
        #[cfg(test)]
        crate::store::devices::plan_shapes::record(EVERY_MATCH_COUNTED);
        let count: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM managed_devices_search WHERE managed_devices_search MATCH ?",
        )
        .bind(fts_phrase(term))
        .fetch_one(&self.pool)
        .await?;
        Ok(count.max(0) as u64)
    }

    /// The string-function terms of `options`' filter that the trigram index finds few devices
    /// for: looked up first, they need not be tested on every device read in sort order.
    pub(super) async fn rare_terms(
        &self,
        options: &QueryOptions,
    ) -> Result<RareTerms, sqlx::Error> {
        let mut terms = Vec::new();
        if let Some(filter) = &options.filter {
            string_function_terms(filter, &mut terms);
        }
        let mut rare = Vec::new();
        for (column, text) in terms {
            let phrase = format!("{column} : {}", fts_phrase(&text));
            if self
                .count_matches_up_to(&phrase, WALK_SORT_INDEX_FROM)
                .await?
                < WALK_SORT_INDEX_FROM
            {
                rare.push((column, text));
            }
        }
        Ok(RareTerms(rare))
    }

    /// Devices an FTS5 query matches in the search index, counted until there are `at_most`.
    async fn count_matches_up_to(&self, query: &str, at_most: u64) -> Result<u64, sqlx::Error> {
        let count: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM (SELECT rowid FROM managed_devices_search
                                   WHERE managed_devices_search MATCH ? LIMIT ?)",
        )
        .bind(query)
        .bind(i64::try_from(at_most).unwrap_or(i64::MAX))
        .fetch_one(&self.pool)
        .await?;
        Ok(count.max(0) as u64)
    }
}

/// How a `$search` term is matched.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SearchThrough {
    /// The trigram index finds every match at once.
    TrigramIndex,
    /// Each row is checked with LIKE, for plans that read rows in sort order anyway.
    Scanning,
}

/// `WHERE` condition of `$filter` and `$search` together; the `rare` terms of the filter are
/// found through the trigram index.
pub(super) fn condition(
    options: &QueryOptions,
    search: SearchThrough,
    rare: &RareTerms,
) -> SqlFragment {
    view_condition(
        options,
        Dialect::Sqlite,
        &|term| through_trigrams(term, rare),
        |term| match search {
            SearchThrough::TrigramIndex => search_condition(term),
            SearchThrough::Scanning => {
                search_to_sql(Dialect::Sqlite, term, MANAGED_DEVICE_SEARCH_COLUMNS)
            }
        },
    )
}

/// A filter's terms whose devices are found through the trigram index, in the term's column
/// only, and then tested exactly:
/// - `eq` on a searched column without an index of its own (IMEI, management name, email
///   address): an `eq` matches few devices, so finding them first always pays (an IMEI found by
///   reading the devices in name order: 3.6 s at 1M);
/// - `contains`, `startswith` and `endswith` on a searched column when the index finds `rare`
///   matches: read in name order instead, a UPN fragment that 80 devices share took 1.2 s at 1M,
///   while a fragment most devices share is found in the first rows read.
///
/// The trigram index folds case as LIKE does and more, so every device the exact test matches
/// is among those it finds.
fn through_trigrams(filter: &Filter, rare: &RareTerms) -> Option<SqlFragment> {
    let (column, text) = match filter {
        Filter::Compare {
            property,
            op: CompareOp::Eq,
            value: Value::String(text),
        } if !has_sort_index(property.column) => (property.column, text),
        Filter::Function {
            property, value, ..
        } if rare
            .0
            .iter()
            .any(|(column, text)| *column == property.column && text == value) =>
        {
            (property.column, value)
        }
        _ => return None,
    };
    if !MANAGED_DEVICE_SEARCH_COLUMNS.contains(&column) || text.chars().count() < TRIGRAM {
        return None;
    }
    let exact = filter.to_sql(Dialect::Sqlite);
    Some(SqlFragment {
        sql: format!(
            "(seq IN (SELECT rowid FROM managed_devices_search WHERE managed_devices_search MATCH ?) \
             AND {})",
            exact.sql
        ),
        params: [
            vec![SqlValue::Text(format!("{column} : {}", fts_phrase(text)))],
            exact.params,
        ]
        .concat(),
    })
}

/// The `contains`, `startswith` and `endswith` terms of a filter, on searched columns, that the
/// trigram index finds fewer than `WALK_SORT_INDEX_FROM` devices for, in that column.
#[derive(Default)]
pub(super) struct RareTerms(Vec<(&'static str, String)>);

/// A filter's string-function terms on searched columns, of three characters or more, that an
/// index does not find already.
fn string_function_terms(filter: &Filter, terms: &mut Vec<(&'static str, String)>) {
    match filter {
        // A prefix of a column with a sort index is a range of that index already.
        Filter::Function {
            function,
            property,
            value,
        } if MANAGED_DEVICE_SEARCH_COLUMNS.contains(&property.column)
            && value.chars().count() >= TRIGRAM
            && !(*function == StringFunction::StartsWith && has_sort_index(property.column)) =>
        {
            terms.push((property.column, value.clone()));
        }
        Filter::Not(inner) => string_function_terms(inner, terms),
        Filter::And(left, right) | Filter::Or(left, right) => {
            string_function_terms(left, terms);
            string_function_terms(right, terms);
        }
        _ => {}
    }
}

/// Case-insensitive *contains* over the search columns: through the trigram index from three
/// characters on (quoted as one FTS5 phrase), by LIKE below that.
fn search_condition(term: &str) -> SqlFragment {
    if term.chars().count() < TRIGRAM {
        return search_to_sql(Dialect::Sqlite, term, MANAGED_DEVICE_SEARCH_COLUMNS);
    }
    SqlFragment {
        sql:
            "seq IN (SELECT rowid FROM managed_devices_search WHERE managed_devices_search MATCH ?)"
                .to_string(),
        params: vec![SqlValue::Text(fts_phrase(term))],
    }
}

/// `term` as one FTS5 phrase: matched as a contiguous substring, quotes in it doubled.
fn fts_phrase(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// How the matches of a page that is not walked are found, before they are sorted.
#[derive(Clone, Copy)]
enum Find {
    /// As the planner sees fit.
    AsPlanned,
    /// Not by walking the sort index: a bounded walk just found that the matches come late in it.
    AvoidingSortIndex,
    /// Through the Filter pane's index, one seek per management agent, for a filter on its other
    /// columns.
    ThroughFilterIndex,
    /// By reading the whole table in its own order: a tenth of the devices or more match, and
    /// reading them one by one through an index costs more.
    ReadingEveryRow,
}

/// A filter that matches at least one device in this many, sorted on a column without an index,
/// is found by reading the whole table: a row read through an index costs about ten read in the
/// table's order (SQLite at 1M: 200,000 co-managed devices 0.6–0.7 s through the agent's index,
/// 0.37 s reading every row).
const READ_EVERY_ROW_FROM: u64 = 10;

/// Many rows per INSERT statement, in the caller's transaction.
pub(in crate::store) async fn insert_devices(
    connection: &mut SqliteConnection,
    devices: impl IntoIterator<Item = ManagedDevice>,
) -> Result<u64, sqlx::Error> {
    let mut devices = devices.into_iter().peekable();
    let mut inserted = 0;
    while devices.peek().is_some() {
        let batch: Vec<ManagedDevice> = devices.by_ref().take(INSERT_BATCH).collect();
        inserted += batch.len() as u64;
        insert_statement(batch)
            .build()
            .execute(&mut *connection)
            .await?;
    }
    Ok(inserted)
}

fn insert_statement(batch: Vec<ManagedDevice>) -> QueryBuilder<'static, Sqlite> {
    let mut insert = QueryBuilder::new(
        "INSERT INTO managed_devices (id, device_name, managed_device_name, management_agent,
         managed_device_owner_type, compliance_state, management_state, operating_system,
         os_version, device_type, user_principal_name, user_display_name, email_address,
         enrolled_date_time, last_sync_date_time, serial_number, manufacturer, model, imei,
         phone_number, wi_fi_mac_address, total_storage_space_in_bytes,
         free_storage_space_in_bytes, device_category_display_name, join_type, is_encrypted,
         cm_client_identifier, cm_client_version, cm_is_blocked, is_online, azure_ad_device_id,
         user_id, device_enrollment_type, sku_family, notes, ethernet_mac_address, udid, iccid) ",
    );
    insert.push_values(batch, |mut row, device| {
        let client = device.configuration_manager_client_information;
        row.push_bind(device.id)
            .push_bind(device.device_name)
            .push_bind(device.managed_device_name)
            .push_bind(device.management_agent.wire_name())
            .push_bind(device.managed_device_owner_type.wire_name())
            .push_bind(device.compliance_state.wire_name())
            .push_bind(device.management_state.wire_name())
            .push_bind(device.operating_system)
            .push_bind(device.os_version)
            .push_bind(device.device_type)
            .push_bind(device.user_principal_name)
            .push_bind(device.user_display_name)
            .push_bind(device.email_address)
            .push_bind(device.enrolled_date_time.timestamp())
            .push_bind(device.last_sync_date_time.timestamp())
            .push_bind(device.serial_number)
            .push_bind(device.manufacturer)
            .push_bind(device.model)
            .push_bind(device.imei)
            .push_bind(device.phone_number)
            .push_bind(device.wi_fi_mac_address)
            .push_bind(device.total_storage_space_in_bytes)
            .push_bind(device.free_storage_space_in_bytes)
            .push_bind(device.device_category_display_name)
            .push_bind(device.join_type.wire_name())
            .push_bind(device.is_encrypted)
            .push_bind(client.as_ref().map(|c| c.client_identifier.clone()))
            .push_bind(client.as_ref().map(|c| c.client_version.clone()))
            .push_bind(client.as_ref().map(|c| c.is_blocked))
            .push_bind(device.is_online)
            .push_bind(device.azure_ad_device_id)
            .push_bind(device.user_id)
            .push_bind(device.device_enrollment_type)
            .push_bind(device.sku_family)
            .push_bind(device.notes)
            .push_bind(device.ethernet_mac_address)
            .push_bind(device.udid)
            .push_bind(device.iccid);
    });
    insert
}

#[cfg(test)]
mod tests {
    //! The plans of the list's queries: no shape an administrator sends may read every device
    //! (`SCAN managed_devices`, a full table scan), and a next link's page starts with a seek.

    use super::*;
    use crate::store::{
        Store,
        devices::{NULLABLE_COLUMNS, plan_shapes},
    };

    /// The plans of the page `query` asks for, each a line of `EXPLAIN QUERY PLAN`, and the page.
    async fn plans(store: &SqliteStore, query: &str) -> (Vec<String>, DevicePage) {
        let (plans, page) = plan_shapes::plans(&Store::Sqlite(store.clone()), query).await;
        let lines = plans
            .iter()
            .filter_map(|plan| plan.as_str().map(String::from));
        (lines.collect(), page)
    }

    async fn tenant(devices: u64) -> SqliteStore {
        let store = SqliteStore::connect("sqlite::memory:").await.unwrap();
        plan_shapes::load(&Store::Sqlite(store.clone()), devices).await;
        store
    }

    #[tokio::test]
    async fn no_shape_reads_every_device() {
        let store = tenant(5_000).await;
        let (device, phone) = plan_shapes::samples(&Store::Sqlite(store.clone())).await;
        // Looked up: the page's rows are found by a seek into an index, not by reading rows (or
        // walking an index) until enough match.
        let looked_up = plan_shapes::looked_up(&device, &phone);
        for query in looked_up {
            let (plans, page) = plans(&store, &query).await;
            assert!(!page.devices.is_empty(), "{query}: nothing found");
            assert!(
                plans
                    .iter()
                    .any(|plan| plan.starts_with("SEARCH managed_devices USING")),
                "{query} is not a seek: {plans:#?}"
            );
        }
        // Sorted: the page is read in order from the sort index, neither a scan of the table nor
        // a sort of every row.
        for query in plan_shapes::SORTED {
            let (plans, _) = plans(&store, query).await;
            assert!(!plans.is_empty(), "{query}: no page read");
            assert!(
                !plans.iter().any(|plan| plan == "SCAN managed_devices"
                    || plan.starts_with("USE TEMP B-TREE FOR ORDER BY")),
                "{query} reads every device: {plans:#?}"
            );
        }
    }

    #[tokio::test]
    async fn filter_pane_views_are_found_by_what_the_counts_table_tells() {
        let store = tenant(20_000).await;
        // Matches that sort late: the walk seeks to the first sort key they have.
        for query in plan_shapes::SORTED_LATE {
            let (steps, page) = plans(&store, &format!("$top=50&{query}")).await;
            assert_eq!(page.devices.len(), 50, "{query}");
            assert!(
                steps.iter().any(|plan| plan
                    .starts_with("SEARCH managed_devices USING INDEX managed_devices_by_")
                    && plan.contains(">?")),
                "{query} does not seek to its matches: {steps:#?}"
            );
        }
        // Few matches, without a management agent: one seek per agent into the Filter pane's
        // index, not every noncompliant device read through the compliance index.
        let query = "$top=50&$filter=managedDeviceOwnerType eq 'personal' \
                     and complianceState eq 'noncompliant'&$orderby=model";
        let (steps, page) = plans(&store, query).await;
        assert!(!page.devices.is_empty());
        assert!(
            steps.iter().any(|plan| plan.starts_with(
                "SEARCH managed_devices USING INDEX managed_devices_by_filters (management_agent=?"
            )),
            "{query}: {steps:#?}"
        );
        // A fifth of the devices, sorted without an index: the table read in its own order, not
        // each match through the management agent's index.
        let query = "$top=50&$filter=managementAgent in \
                     ('configurationManagerClientMdm', 'configurationManagerClientMdmEas')\
                     &$orderby=model";
        let (steps, page) = plans(&store, query).await;
        assert_eq!(page.devices.len(), 50);
        assert!(
            steps.iter().any(|plan| plan == "SCAN managed_devices"),
            "{query}: {steps:#?}"
        );
    }

    #[tokio::test]
    async fn broad_terms_walk_without_counting_their_matches() {
        let store = tenant(20_000).await;
        // "contoso" is in every user name: the page is the first 50 entries of the sort index.
        let (steps, page) = plans(&store, "$top=50&$search=\"contoso\"").await;
        assert_eq!(page.devices.len(), 50);
        assert!(
            !steps.iter().any(|step| step == EVERY_MATCH_COUNTED),
            "every match counted: {steps:#?}"
        );
        assert!(
            steps
                .iter()
                .any(|step| step.contains("USING INDEX managed_devices_by_device_name")),
            "not walked: {steps:#?}"
        );
        // A fragment of every user name is tested on the devices read in name order, not looked
        // up in the trigram index (20,000 of them).
        let (steps, page) = plans(
            &store,
            "$top=50&$filter=contains(userPrincipalName, 'contoso')",
        )
        .await;
        assert_eq!(page.devices.len(), 50);
        assert!(
            !steps.iter().any(|step| step.contains("VIRTUAL TABLE")),
            "looked up: {steps:#?}"
        );
        // Asked to count, it counts.
        let (steps, page) = plans(&store, "$top=50&$count=true&$search=\"contoso\"").await;
        assert!(
            page.count.is_some_and(|count| count > 19_000),
            "{:?}",
            page.count
        );
        assert!(steps.iter().any(|step| step == EVERY_MATCH_COUNTED));
    }

    #[tokio::test]
    async fn a_next_link_seeks_to_its_page() {
        let store = tenant(5_000).await;
        let first = |order: &str| format!("$top=50&{order}");
        plan_shapes::follow_next_links(&Store::Sqlite(store), first, |plans| {
            let seeks = plans.iter().filter_map(|plan| plan.as_str()).any(|plan| {
                plan.starts_with("SEARCH managed_devices USING")
                    && (plan.contains('>') || plan.contains('<'))
            });
            (!seeks).then(|| "does not seek".to_string())
        })
        .await;
    }

    #[tokio::test]
    async fn the_nullable_columns_are_those_the_table_lets_be_null() {
        let store = SqliteStore::connect("sqlite::memory:").await.unwrap();
        let nullable: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM pragma_table_info('managed_devices') WHERE \"notnull\" = 0 AND pk = 0
             ORDER BY cid",
        )
        .fetch_all(&store.pool)
        .await
        .unwrap();
        assert_eq!(nullable, NULLABLE_COLUMNS);
    }
}
