//! Managed devices on PostgreSQL: the All devices list, one device, bulk insert and the overview.

use sqlx::{Arguments, postgres::PgArguments};

use crate::odata::{
    Dialect, MANAGED_DEVICE_SEARCH_COLUMNS, QueryOptions, SqlFragment, SqlValue, search_to_sql,
};

/// `WHERE` condition of `$filter` and `$search` together, with `?` placeholders (number the whole
/// statement with `Dialect::Postgres.numbered`).
pub(super) fn condition(options: &QueryOptions) -> SqlFragment {
    let mut parts = Vec::new();
    if let Some(filter) = &options.filter {
        parts.push(filter.to_sql(Dialect::Postgres));
    }
    if let Some(term) = &options.search {
        parts.push(search_to_sql(
            Dialect::Postgres,
            term,
            MANAGED_DEVICE_SEARCH_COLUMNS,
        ));
    }
    if parts.is_empty() {
        return SqlFragment {
            sql: "true".to_string(),
            params: Vec::new(),
        };
    }
    SqlFragment {
        sql: parts
            .iter()
            .map(|part| format!("({})", part.sql))
            .collect::<Vec<_>>()
            .join(" AND "),
        params: parts.into_iter().flat_map(|part| part.params).collect(),
    }
}

/// `params` bound in order, as PostgreSQL types: text, bigint, boolean, or a NULL bigint.
pub(super) fn arguments(params: &[SqlValue]) -> PgArguments {
    let mut arguments = PgArguments::default();
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
