//! SQL for parsed query options, in the dialect of the store's engine (SQLite or PostgreSQL):
//! column names from the schema, every value a bound parameter.
//!
//! Comparisons follow OData's two-valued logic over the nullable ConfigMgr columns: `ne` is
//! null-safe (`IS NOT ?` in SQLite, `IS DISTINCT FROM $n` in PostgreSQL), so a device without a
//! ConfigMgr client is "not equal" to any client version, and `not` counts an unknown (NULL)
//! condition as false before negating it. Both engines answer alike: string functions ignore
//! case, and NULLs sort first ascending and last descending.

/// The SQL engine a statement is written for.
///
/// Fragments are written with `?` placeholders in both dialects, so that the store can join them
/// in any order; [`Dialect::numbered`] turns them into PostgreSQL's `$1, $2, …` once the
/// statement is whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// Null-safe "not equal": true when one side is NULL and the other is not.
    fn not_equal(self) -> &'static str {
        match self {
            Dialect::Sqlite => "IS NOT",
            Dialect::Postgres => "IS DISTINCT FROM",
        }
    }

    /// A case-blind `LIKE` of `column` with `\` as its escape character, as Graph's string
    /// functions ignore case: SQLite's `LIKE` does, PostgreSQL's `ILIKE` does.
    fn like(self, column: &str) -> String {
        let like = match self {
            Dialect::Sqlite => "LIKE",
            Dialect::Postgres => "ILIKE",
        };
        format!("{column} {like} ? ESCAPE '\\'")
    }

    /// What `property` sorts by: text as people read it, whatever its case (`Adele's iPad` before
    /// `Adele's MacBook Pro`), ASCII letters folded alike in both engines (SQLite's `NOCASE` and
    /// `lower()` of PostgreSQL's `C` text both fold ASCII only), so both give the same pages. The
    /// sort indexes of both stores are on these same expressions (the migrations), so a sorted page
    /// reads the index in order. Other kinds sort as stored.
    pub fn sort_key(self, property: &Property) -> String {
        match (property.kind, self) {
            (PropertyKind::String, Dialect::Sqlite) => {
                format!("{} COLLATE NOCASE", property.column)
            }
            (PropertyKind::String, Dialect::Postgres) => format!("lower({})", property.column),
            _ => property.column.to_string(),
        }
    }

    /// A placeholder compared with a [`Dialect::sort_key`]: folded as the key is. Text equal to a
    /// value is also equal to it folded, so `eq` and `in` on text also test the folded key: the
    /// sort index, which is on the key, then finds the matches (there is no index on the text as
    /// stored). The exact test comes first, so that a scan folds only the rows it matches.
    pub fn folded_value(self) -> &'static str {
        match self {
            Dialect::Sqlite => "?",
            Dialect::Postgres => "lower(?)",
        }
    }

    /// True, as a condition's value.
    pub fn true_value(self) -> &'static str {
        match self {
            Dialect::Sqlite => "1",
            Dialect::Postgres => "TRUE",
        }
    }

    /// False, as a condition's value.
    fn false_value(self) -> &'static str {
        match self {
            Dialect::Sqlite => "0",
            Dialect::Postgres => "FALSE",
        }
    }

    /// Where NULLs sort: SQLite puts them first ascending and last descending, and PostgreSQL is
    /// told to do the same, so both engines give the same pages.
    fn nulls(self, descending: bool) -> &'static str {
        match (self, descending) {
            (Dialect::Sqlite, _) => "",
            (Dialect::Postgres, false) => " NULLS FIRST",
            (Dialect::Postgres, true) => " NULLS LAST",
        }
    }

    /// The whole statement with its placeholders as the engine wants them: `?` for SQLite,
    /// `$1, $2, …` in order for PostgreSQL. A `?` inside a quoted literal is left alone.
    pub fn numbered(self, sql: &str) -> String {
        if self == Dialect::Sqlite {
            return sql.to_owned();
        }
        let mut numbered = String::with_capacity(sql.len() + 8);
        let (mut next, mut quoted) = (1, false);
        for c in sql.chars() {
            match c {
                '\'' => {
                    quoted = !quoted;
                    numbered.push(c);
                }
                '?' if !quoted => {
                    numbered.push_str(&format!("${next}"));
                    next += 1;
                }
                _ => numbered.push(c),
            }
        }
        numbered
    }
}

use super::filter::{CompareOp, Filter, StringFunction, Value};
use super::query::OrderBy;
use super::schema::{Property, PropertyKind};

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqlValue {
    Text(String),
    /// Integers, and dates as unix seconds.
    Integer(i64),
    /// SQLite stores it as 0/1, PostgreSQL as `boolean`.
    Boolean(bool),
    Null,
}

/// SQL text with `?` placeholders and the values to bind to them, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SqlFragment {
    pub sql: String,
    pub params: Vec<SqlValue>,
}

impl SqlFragment {
    /// Every condition of `parts` (`true` when there is none), their placeholders in order.
    pub fn all_of(parts: Vec<SqlFragment>) -> SqlFragment {
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

    /// Both conditions, `self`'s placeholders first.
    pub fn and(self, other: SqlFragment) -> SqlFragment {
        SqlFragment {
            sql: format!("({}) AND ({})", self.sql, other.sql),
            params: [self.params, other.params].concat(),
        }
    }
}

impl From<&Value> for SqlValue {
    fn from(value: &Value) -> Self {
        match value {
            Value::String(text) => SqlValue::Text(text.clone()),
            Value::Integer(number) => SqlValue::Integer(*number),
            Value::Boolean(flag) => SqlValue::Boolean(*flag),
            Value::DateTime(date) => SqlValue::Integer(date.timestamp()),
            Value::Null => SqlValue::Null,
        }
    }
}

impl Filter {
    /// A condition for a `WHERE` clause.
    pub fn to_sql(&self, dialect: Dialect) -> SqlFragment {
        self.to_sql_with(dialect, &|_| None)
    }

    /// [`Filter::to_sql`], with the terms `store` has its own SQL for (e.g. through an index only
    /// that store has) written as it says.
    pub fn to_sql_with(&self, dialect: Dialect, store: StoreTerms<'_>) -> SqlFragment {
        let mut fragment = SqlFragment::default();
        write_filter(self, dialect, store, &mut fragment);
        fragment
    }
}

/// A store's own SQL for some terms of a filter: `None` for the others.
pub type StoreTerms<'a> = &'a dyn Fn(&Filter) -> Option<SqlFragment>;

fn write_filter(filter: &Filter, dialect: Dialect, store: StoreTerms<'_>, out: &mut SqlFragment) {
    if let Some(term) = store(filter) {
        out.sql.push_str(&term.sql);
        out.params.extend(term.params);
        return;
    }
    match filter {
        Filter::Compare {
            property,
            op: op @ (CompareOp::Eq | CompareOp::Ne),
            value: Value::Null,
        } => {
            let test = if *op == CompareOp::Eq {
                "IS NULL"
            } else {
                "IS NOT NULL"
            };
            out.sql.push_str(&format!("{} {test}", property.column));
        }
        Filter::Compare {
            property,
            op,
            value,
        } => {
            let operator = match op {
                CompareOp::Eq => "=",
                CompareOp::Ne => dialect.not_equal(),
                CompareOp::Lt => "<",
                CompareOp::Le => "<=",
                CompareOp::Gt => ">",
                CompareOp::Ge => ">=",
            };
            if *op == CompareOp::Eq && property.kind == PropertyKind::String {
                out.sql.push_str(&format!(
                    "({} = ? AND {} = {})",
                    property.column,
                    dialect.sort_key(property),
                    dialect.folded_value()
                ));
                out.params.extend([value.into(), value.into()]);
                return;
            }
            out.sql
                .push_str(&format!("{} {operator} ?", property.column));
            out.params.push(value.into());
        }
        Filter::In { property, values } => {
            let placeholders = vec!["?"; values.len()].join(", ");
            if property.kind == PropertyKind::String {
                let folded = vec![dialect.folded_value(); values.len()].join(", ");
                out.sql.push_str(&format!(
                    "({} IN ({placeholders}) AND {} IN ({folded}))",
                    property.column,
                    dialect.sort_key(property)
                ));
                out.params.extend(values.iter().map(SqlValue::from));
                out.params.extend(values.iter().map(SqlValue::from));
                return;
            }
            out.sql
                .push_str(&format!("{} IN ({placeholders})", property.column));
            out.params.extend(values.iter().map(SqlValue::from));
        }
        Filter::Function {
            function,
            property,
            value,
        } => {
            let escaped = escape_like(value);
            let pattern = match function {
                StringFunction::StartsWith => format!("{escaped}%"),
                StringFunction::EndsWith => format!("%{escaped}"),
                StringFunction::Contains => format!("%{escaped}%"),
            };
            out.sql.push_str(&dialect.like(property.column));
            out.params.push(SqlValue::Text(pattern));
        }
        Filter::Not(inner) => {
            out.sql.push_str("NOT COALESCE(");
            write_filter(inner, dialect, store, out);
            out.sql.push_str(&format!(", {})", dialect.false_value()));
        }
        Filter::And(left, right) => {
            write_and_operand(left, dialect, store, out);
            out.sql.push_str(" AND ");
            write_and_operand(right, dialect, store, out);
        }
        Filter::Or(left, right) => {
            write_filter(left, dialect, store, out);
            out.sql.push_str(" OR ");
            write_filter(right, dialect, store, out);
        }
    }
}

/// `AND` binds tighter than `OR` in SQL too, so only an `OR` inside an `AND` needs parentheses.
fn write_and_operand(
    operand: &Filter,
    dialect: Dialect,
    store: StoreTerms<'_>,
    out: &mut SqlFragment,
) {
    if matches!(operand, Filter::Or(..)) {
        out.sql.push('(');
        write_filter(operand, dialect, store, out);
        out.sql.push(')');
    } else {
        write_filter(operand, dialect, store, out);
    }
}

/// `value` matched literally inside a LIKE pattern whose escape character is `\`.
pub fn escape_like(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// `$orderby` as an `ORDER BY` list, e.g. `device_name DESC, os_version ASC`; empty for none.
/// The caller appends the `id` tiebreak that keeps paging stable.
pub fn order_by_sql(dialect: Dialect, order_by: &[OrderBy]) -> String {
    order_by
        .iter()
        .map(|item| {
            let direction = if item.descending { "DESC" } else { "ASC" };
            let nulls = dialect.nulls(item.descending);
            format!("{} {direction}{nulls}", dialect.sort_key(item.property))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `$search`: true when any of `columns` contains `term`, ignoring ASCII case.
pub fn search_to_sql(dialect: Dialect, term: &str, columns: &[&'static str]) -> SqlFragment {
    if columns.is_empty() {
        return SqlFragment {
            sql: dialect.false_value().to_owned(),
            params: Vec::new(),
        };
    }
    let pattern = format!("%{}%", escape_like(term));
    let conditions: Vec<String> = columns.iter().map(|column| dialect.like(column)).collect();
    SqlFragment {
        sql: format!("({})", conditions.join(" OR ")),
        params: vec![SqlValue::Text(pattern); columns.len()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::odata::{
        MANAGED_DEVICE, MANAGED_DEVICE_SEARCH_COLUMNS, parse_filter, parse_order_by,
    };

    fn sql(filter: &str) -> (String, Vec<SqlValue>) {
        match parse_filter(filter, MANAGED_DEVICE) {
            Ok(filter) => {
                let fragment = filter.to_sql(Dialect::Sqlite);
                (fragment.sql, fragment.params)
            }
            Err(error) => panic!("{error}"),
        }
    }

    fn text(value: &str) -> SqlValue {
        SqlValue::Text(value.to_owned())
    }

    #[test]
    fn comparisons_bind_their_value() {
        assert_eq!(
            sql("deviceName eq 'PC-1'"),
            (
                "(device_name = ? AND device_name COLLATE NOCASE = ?)".to_owned(),
                vec![text("PC-1"), text("PC-1")]
            )
        );
        // Text also compares its sort key, folded as the key is, which the sort index holds.
        let filter = parse_filter("deviceName in ('a', 'B')", MANAGED_DEVICE).unwrap();
        assert_eq!(
            filter.to_sql(Dialect::Postgres).sql,
            "(device_name IN (?, ?) AND lower(device_name) IN (lower(?), lower(?)))"
        );
        assert_eq!(
            sql("managementAgent eq 'mdm'"),
            ("management_agent = ?".to_owned(), vec![text("mdm")])
        );
        assert_eq!(
            sql("totalStorageSpaceInBytes le 1000"),
            (
                "total_storage_space_in_bytes <= ?".to_owned(),
                vec![SqlValue::Integer(1000)]
            )
        );
    }

    #[test]
    fn booleans_bind_as_booleans_and_dates_as_unix_seconds() {
        assert_eq!(
            sql("isEncrypted eq false"),
            (
                "is_encrypted = ?".to_owned(),
                vec![SqlValue::Boolean(false)]
            )
        );
        assert_eq!(
            sql("isOnline"),
            ("is_online = ?".to_owned(), vec![SqlValue::Boolean(true)])
        );
        assert_eq!(
            sql("lastSyncDateTime gt 2026-11-01T00:00:00Z"),
            (
                "last_sync_date_time > ?".to_owned(),
                vec![SqlValue::Integer(1_793_491_200)]
            )
        );
    }

    #[test]
    fn null_comparisons_become_is_null_tests() {
        assert_eq!(
            sql("configurationManagerClientInformation/clientVersion eq null"),
            ("cm_client_version IS NULL".to_owned(), vec![])
        );
        assert_eq!(
            sql("configurationManagerClientInformation/isBlocked ne null"),
            ("cm_is_blocked IS NOT NULL".to_owned(), vec![])
        );
    }

    #[test]
    fn not_equal_also_matches_devices_without_the_value() {
        assert_eq!(
            sql("configurationManagerClientInformation/clientVersion ne '5.00.9040'"),
            (
                "cm_client_version IS NOT ?".to_owned(),
                vec![text("5.00.9040")]
            )
        );
    }

    #[test]
    fn in_binds_one_placeholder_per_value() {
        assert_eq!(
            sql("complianceState in ('compliant', 'error', 'unknown')"),
            (
                "compliance_state IN (?, ?, ?)".to_owned(),
                vec![text("compliant"), text("error"), text("unknown")]
            )
        );
    }

    #[test]
    fn string_functions_become_escaped_like_patterns() {
        assert_eq!(
            sql("startswith(deviceName,'PC')"),
            (
                "device_name LIKE ? ESCAPE '\\'".to_owned(),
                vec![text("PC%")]
            )
        );
        assert_eq!(
            sql("endswith(serialNumber,'9')"),
            (
                "serial_number LIKE ? ESCAPE '\\'".to_owned(),
                vec![text("%9")]
            )
        );
        assert_eq!(
            sql(r"contains(model,'100%_sure\ok')"),
            (
                "model LIKE ? ESCAPE '\\'".to_owned(),
                vec![text(r"%100\%\_sure\\ok%")]
            )
        );
    }

    #[test]
    fn like_escaping_covers_percent_underscore_and_backslash() {
        assert_eq!(escape_like("a%b_c\\d"), r"a\%b\_c\\d");
        assert_eq!(escape_like("plain"), "plain");
    }

    #[test]
    fn and_or_and_not_keep_their_grouping() {
        assert_eq!(
            sql("isOnline and (totalStorageSpaceInBytes eq 1 or model ne 'b') or not imei eq 'c'"),
            (
                "is_online = ? AND (total_storage_space_in_bytes = ? OR model IS NOT ?) OR \
                 NOT COALESCE((imei = ? AND imei COLLATE NOCASE = ?), 0)"
                    .to_owned(),
                vec![
                    SqlValue::Boolean(true),
                    SqlValue::Integer(1),
                    text("b"),
                    text("c"),
                    text("c")
                ]
            )
        );
        assert_eq!(
            sql("not (configurationManagerClientInformation/isBlocked eq true)"),
            (
                "NOT COALESCE(cm_is_blocked = ?, 0)".to_owned(),
                vec![SqlValue::Boolean(true)]
            )
        );
    }

    #[test]
    fn no_request_text_reaches_the_sql() {
        let (sql, params) = sql("deviceName eq 'x'' OR 1=1 --'");
        assert_eq!(sql, "(device_name = ? AND device_name COLLATE NOCASE = ?)");
        assert_eq!(params, vec![text("x' OR 1=1 --"), text("x' OR 1=1 --")]);
    }

    #[test]
    fn order_by_lists_the_columns_with_their_direction() {
        let order_by = parse_order_by("lastSyncDateTime desc, deviceName", MANAGED_DEVICE);
        assert_eq!(
            order_by.map(|o| order_by_sql(Dialect::Sqlite, &o)),
            Ok("last_sync_date_time DESC, device_name COLLATE NOCASE ASC".to_owned())
        );
        assert_eq!(order_by_sql(Dialect::Sqlite, &[]), "");
    }

    #[test]
    fn search_is_a_contains_over_the_searched_columns() {
        let fragment = search_to_sql(Dialect::Sqlite, "50%", &MANAGED_DEVICE_SEARCH_COLUMNS[..2]);
        assert_eq!(
            fragment.sql,
            "(device_name LIKE ? ESCAPE '\\' OR managed_device_name LIKE ? ESCAPE '\\')"
        );
        assert_eq!(fragment.params, vec![text(r"%50\%%"), text(r"%50\%%")]);
        assert_eq!(search_to_sql(Dialect::Sqlite, "x", &[]).sql, "0");
    }

    /// The same filter for PostgreSQL: the engine's own null-safe "not equal", case-blind
    /// `ILIKE`, `FALSE` for an unknown condition, and `$n` placeholders once the statement is whole.
    #[test]
    fn postgresql_gets_its_own_forms_and_numbered_placeholders() {
        let filter = parse_filter(
            "configurationManagerClientInformation/clientVersion ne '5.00.9040' and not contains(deviceName, 'lt?') or isOnline",
            MANAGED_DEVICE,
        )
        .unwrap();
        let fragment = filter.to_sql(Dialect::Postgres);
        assert_eq!(
            fragment.sql,
            "cm_client_version IS DISTINCT FROM ? AND NOT COALESCE(device_name ILIKE ? ESCAPE '\\', FALSE) OR is_online = ?"
        );
        assert_eq!(
            fragment.params,
            vec![text("5.00.9040"), text("%lt?%"), SqlValue::Boolean(true)]
        );
        let statement = format!(
            "SELECT id FROM managed_devices WHERE {} LIMIT ?",
            fragment.sql
        );
        assert_eq!(
            Dialect::Postgres.numbered(&statement),
            "SELECT id FROM managed_devices WHERE cm_client_version IS DISTINCT FROM $1 AND NOT COALESCE(device_name ILIKE $2 ESCAPE '\\', FALSE) OR is_online = $3 LIMIT $4"
        );
        assert_eq!(Dialect::Sqlite.numbered(&statement), statement);
        // A `?` in a literal is not a placeholder.
        assert_eq!(
            Dialect::Postgres.numbered("a = '?' AND b = ?"),
            "a = '?' AND b = $1"
        );
    }

    #[test]
    fn postgresql_sorts_nulls_where_sqlite_does() {
        let order_by = parse_order_by(
            "deviceName desc, configurationManagerClientInformation/clientVersion",
            MANAGED_DEVICE,
        )
        .unwrap();
        assert_eq!(
            order_by_sql(Dialect::Postgres, &order_by),
            "lower(device_name) DESC NULLS LAST, lower(cm_client_version) ASC NULLS FIRST"
        );
        assert_eq!(
            order_by_sql(Dialect::Sqlite, &order_by),
            "device_name COLLATE NOCASE DESC, cm_client_version COLLATE NOCASE ASC"
        );
        let search = search_to_sql(
            Dialect::Postgres,
            "a_b",
            &MANAGED_DEVICE_SEARCH_COLUMNS[..1],
        );
        assert_eq!(search.sql, "(device_name ILIKE ? ESCAPE '\\')");
        assert_eq!(search.params, vec![text("%a\\_b%")]);
        assert_eq!(search_to_sql(Dialect::Postgres, "x", &[]).sql, "FALSE");
    }
}
