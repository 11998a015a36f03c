//! SQLite for parsed query options: column names from the schema, every value a bound `?` parameter.
//!
//! Comparisons follow OData's two-valued logic over the nullable ConfigMgr columns: `ne` is
//! null-safe (`IS NOT ?`), so a device without a ConfigMgr client is "not equal" to any client
//! version, and `not` counts an unknown (NULL) condition as false before negating it.

use super::filter::{CompareOp, Filter, StringFunction, Value};
use super::query::OrderBy;

/// A value bound to a `?` placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqlValue {
    Text(String),
    /// Integers, booleans as 0/1, and dates as unix seconds.
    Integer(i64),
    Null,
}

/// SQL text with `?` placeholders and the values to bind to them, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SqlFragment {
    pub sql: String,
    pub params: Vec<SqlValue>,
}

impl From<&Value> for SqlValue {
    fn from(value: &Value) -> Self {
        match value {
            Value::String(text) => SqlValue::Text(text.clone()),
            Value::Integer(number) => SqlValue::Integer(*number),
            Value::Boolean(flag) => SqlValue::Integer(i64::from(*flag)),
            Value::DateTime(date) => SqlValue::Integer(date.timestamp()),
            Value::Null => SqlValue::Null,
        }
    }
}

impl Filter {
    /// A condition for a `WHERE` clause.
    pub fn to_sql(&self) -> SqlFragment {
        let mut fragment = SqlFragment::default();
        write_filter(self, &mut fragment);
        fragment
    }
}

fn write_filter(filter: &Filter, out: &mut SqlFragment) {
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
                CompareOp::Ne => "IS NOT",
                CompareOp::Lt => "<",
                CompareOp::Le => "<=",
                CompareOp::Gt => ">",
                CompareOp::Ge => ">=",
            };
            out.sql
                .push_str(&format!("{} {operator} ?", property.column));
            out.params.push(value.into());
        }
        Filter::In { property, values } => {
            let placeholders = vec!["?"; values.len()].join(", ");
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
            out.sql.push_str(&like(property.column));
            out.params.push(SqlValue::Text(pattern));
        }
        Filter::Not(inner) => {
            out.sql.push_str("NOT COALESCE(");
            write_filter(inner, out);
            out.sql.push_str(", 0)");
        }
        Filter::And(left, right) => {
            write_and_operand(left, out);
            out.sql.push_str(" AND ");
            write_and_operand(right, out);
        }
        Filter::Or(left, right) => {
            write_filter(left, out);
            out.sql.push_str(" OR ");
            write_filter(right, out);
        }
    }
}

/// `AND` binds tighter than `OR` in SQL too, so only an `OR` inside an `AND` needs parentheses.
fn write_and_operand(operand: &Filter, out: &mut SqlFragment) {
    if matches!(operand, Filter::Or(..)) {
        out.sql.push('(');
        write_filter(operand, out);
        out.sql.push(')');
    } else {
        write_filter(operand, out);
    }
}

/// SQLite's LIKE ignores ASCII case, as Graph's string functions do.
fn like(column: &str) -> String {
    format!("{column} LIKE ? ESCAPE '\\'")
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
pub fn order_by_sql(order_by: &[OrderBy]) -> String {
    order_by
        .iter()
        .map(|item| {
            let direction = if item.descending { "DESC" } else { "ASC" };
            format!("{} {direction}", item.property.column)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `$search`: true when any of `columns` contains `term`, ignoring ASCII case.
pub fn search_to_sql(term: &str, columns: &[&'static str]) -> SqlFragment {
    if columns.is_empty() {
        return SqlFragment {
            sql: "0".to_owned(),
            params: Vec::new(),
        };
    }
    let pattern = format!("%{}%", escape_like(term));
    let conditions: Vec<String> = columns.iter().map(|column| like(column)).collect();
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
                let fragment = filter.to_sql();
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
            ("device_name = ?".to_owned(), vec![text("PC-1")])
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
    fn booleans_bind_as_zero_or_one_and_dates_as_unix_seconds() {
        assert_eq!(
            sql("isEncrypted eq false"),
            ("is_encrypted = ?".to_owned(), vec![SqlValue::Integer(0)])
        );
        assert_eq!(
            sql("isOnline"),
            ("is_online = ?".to_owned(), vec![SqlValue::Integer(1)])
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
            sql("isOnline and (model eq 'a' or model eq 'b') or not imei eq 'c'"),
            (
                "is_online = ? AND (model = ? OR model = ?) OR NOT COALESCE(imei = ?, 0)"
                    .to_owned(),
                vec![SqlValue::Integer(1), text("a"), text("b"), text("c")]
            )
        );
        assert_eq!(
            sql("not (configurationManagerClientInformation/isBlocked eq true)"),
            (
                "NOT COALESCE(cm_is_blocked = ?, 0)".to_owned(),
                vec![SqlValue::Integer(1)]
            )
        );
    }

    #[test]
    fn no_request_text_reaches_the_sql() {
        let (sql, params) = sql("deviceName eq 'x'' OR 1=1 --'");
        assert_eq!(sql, "device_name = ?");
        assert_eq!(params, vec![text("x' OR 1=1 --")]);
    }

    #[test]
    fn order_by_lists_the_columns_with_their_direction() {
        let order_by = parse_order_by("lastSyncDateTime desc, deviceName", MANAGED_DEVICE);
        assert_eq!(
            order_by.map(|o| order_by_sql(&o)),
            Ok("last_sync_date_time DESC, device_name ASC".to_owned())
        );
        assert_eq!(order_by_sql(&[]), "");
    }

    #[test]
    fn search_is_a_contains_over_the_searched_columns() {
        let fragment = search_to_sql("50%", &MANAGED_DEVICE_SEARCH_COLUMNS[..2]);
        assert_eq!(
            fragment.sql,
            "(device_name LIKE ? ESCAPE '\\' OR managed_device_name LIKE ? ESCAPE '\\')"
        );
        assert_eq!(fragment.params, vec![text(r"%50\%%"), text(r"%50\%%")]);
        assert_eq!(search_to_sql("x", &[]).sql, "0");
    }
}
