//! The query string of a collection request, parsed into typed [`QueryOptions`].

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use serde::{Deserialize, Serialize};

use super::ODataError;
use super::filter::{Filter, parse_filter};
use super::schema::{Property, PropertyKind, Schema, lookup, lookup_queryable};
use super::sql::SqlValue;

/// Rows per page when `$top` is absent.
pub const DEFAULT_TOP: u32 = 100;
/// The largest `$top` accepted.
pub const MAX_TOP: u32 = 1000;

/// Every system query option the API understands, in its canonical spelling.
const OPTIONS: &[&str] = &[
    "$filter",
    "$orderby",
    "$select",
    "$search",
    "$top",
    "$skip",
    "$count",
    "$format",
    "$skiptoken",
];

/// The response format asked for with `$format`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Json,
    /// The export: every matching row, no `$top` cap.
    Csv,
}

/// One `$orderby` item: `lastSyncDateTime desc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderBy {
    pub property: &'static Property,
    pub descending: bool,
}

/// The query options of a collection request, each checked against the resource's schema.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryOptions {
    pub filter: Option<Filter>,
    /// In the client's order; the caller adds the `id` tiebreak.
    pub order_by: Vec<OrderBy>,
    /// The properties to return, in the client's order; `None` means all of them.
    pub select: Option<Vec<&'static Property>>,
    /// The text to look for, quotes removed; never empty.
    pub search: Option<String>,
    pub top: u32,
    /// At most `i64::MAX`, so it always fits SQLite's OFFSET.
    pub skip: u64,
    /// The page starts after this key (a `$skiptoken` of a next link): the rows that sort after
    /// it, `$skip` rows further on.
    pub after: Option<PageKey>,
    pub count: bool,
    pub format: Format,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions {
            filter: None,
            order_by: Vec::new(),
            select: None,
            search: None,
            top: DEFAULT_TOP,
            skip: 0,
            after: None,
            count: false,
            format: Format::Json,
        }
    }
}

impl QueryOptions {
    /// Same as [`parse`].
    pub fn parse(raw_query: &str, schema: Schema) -> Result<QueryOptions, ODataError> {
        parse(raw_query, schema)
    }
}

/// Parses a URL query string as received (percent-encoded, `+` for space) against `schema`.
///
/// Parameters without a leading `$` are not OData's and are left alone; an unknown `$option`, or
/// one given twice, is an error. Option names ignore ASCII case, as OData 4.01 allows.
pub fn parse(raw_query: &str, schema: Schema) -> Result<QueryOptions, ODataError> {
    let mut options = QueryOptions::default();
    let mut seen: Vec<&'static str> = Vec::new();
    let mut token = None;
    for (key, value) in form_urlencoded::parse(raw_query.as_bytes()) {
        if !key.starts_with('$') {
            continue;
        }
        let Some(option) = OPTIONS
            .iter()
            .copied()
            .find(|o| o.eq_ignore_ascii_case(&key))
        else {
            return Err(ODataError::new(
                "query option",
                format!(
                    "'{key}' is not supported; the options are {}",
                    OPTIONS.join(", ")
                ),
            ));
        };
        if seen.contains(&option) {
            return Err(ODataError::new(option, "given more than once"));
        }
        seen.push(option);
        let value = value.as_ref();
        match option {
            "$filter" => {
                options.filter = if value.trim().is_empty() {
                    None
                } else {
                    Some(parse_filter(value, schema)?)
                }
            }
            "$orderby" => options.order_by = parse_order_by(value, schema)?,
            "$select" => {
                options.select = if value.trim().is_empty() {
                    None
                } else {
                    Some(parse_select(value, schema)?)
                }
            }
            "$search" => options.search = parse_search(value),
            "$top" => options.top = parse_top(value)?,
            "$skip" => options.skip = parse_skip(value)?,
            "$count" => options.count = parse_count(value)?,
            "$format" => options.format = parse_format(value)?,
            // `$skiptoken`, the last of OPTIONS.
            _ => token = Some(SkipToken::parse(value)?),
        }
    }
    match token {
        None => {}
        Some(SkipToken::Skip(skip)) => options.skip = skip,
        Some(SkipToken::After(key)) => {
            // Without `$orderby`, All devices sorts by device name; the other collections are
            // read whole (a device's applications) and issue no keys.
            let default_sort = lookup(schema, "deviceName", "$skiptoken").ok();
            if !key_fits(&key, &options.order_by, default_sort) {
                return Err(not_a_token());
            }
            options.after = Some(key);
        }
    }
    if seen.contains(&"$skip") && seen.contains(&"$skiptoken") {
        return Err(ODataError::new(
            "$skiptoken",
            "it says where the page starts, so $skip cannot be given with it",
        ));
    }
    Ok(options)
}

/// `$skiptoken`: where the next page starts, as `@odata.nextLink` carries it. Opaque to clients
/// (base64url of JSON), and checked like any other option: a token this server did not issue
/// for this query is a 400.
#[derive(Debug, Clone, PartialEq)]
pub enum SkipToken {
    /// From row `skip` on: for collections a request reads whole (a device's applications).
    Skip(u64),
    /// After the row with this sort key: the next page of All devices is one seek into the sort
    /// index, at any depth, where `$skip` reads and throws away every row before the page.
    After(PageKey),
}

/// The sort key of the last row of a page: its values of the `$orderby` properties (the device
/// name when there are none) and its id, which breaks ties.
#[derive(Debug, Clone, PartialEq)]
pub struct PageKey {
    /// The `$orderby` the key was taken under, as [`order_key`] spells it: a key means something
    /// only under its own order.
    pub order: String,
    pub values: Vec<SqlValue>,
    pub id: String,
}

/// The token as JSON: short member names, as it travels in every next link.
#[derive(Serialize, Deserialize)]
struct KeyToken {
    #[serde(rename = "o")]
    order: String,
    #[serde(rename = "k")]
    values: Vec<serde_json::Value>,
    id: String,
}

impl SkipToken {
    const PREFIX: &str = "skip:";

    /// The token as the next link writes it.
    pub fn encode(&self) -> String {
        let text = match self {
            SkipToken::Skip(skip) => format!("{}{skip}", Self::PREFIX),
            SkipToken::After(key) => {
                let values = key
                    .values
                    .iter()
                    .map(|value| match value {
                        SqlValue::Text(text) => serde_json::Value::from(text.as_str()),
                        SqlValue::Integer(number) => serde_json::Value::from(*number),
                        SqlValue::Boolean(flag) => serde_json::Value::from(*flag),
                        SqlValue::Null => serde_json::Value::Null,
                    })
                    .collect();
                let token = KeyToken {
                    order: key.order.clone(),
                    values,
                    id: key.id.clone(),
                };
                serde_json::to_string(&token).unwrap_or_default()
            }
        };
        URL_SAFE_NO_PAD.encode(text)
    }

    /// A token this server issued; anything else is a 400 that says where tokens come from. A
    /// key's values are checked against its order once the whole query is read ([`parse`]).
    pub fn parse(token: &str) -> Result<SkipToken, ODataError> {
        let text = URL_SAFE_NO_PAD
            .decode(token.trim())
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        let parsed = text.and_then(|text| match text.strip_prefix(Self::PREFIX) {
            Some(skip) => parse_skip(skip).ok().map(SkipToken::Skip),
            None => {
                let token: KeyToken = serde_json::from_str(&text).ok()?;
                let values = token
                    .values
                    .into_iter()
                    .map(|value| match value {
                        serde_json::Value::String(text) => Some(SqlValue::Text(text)),
                        serde_json::Value::Number(number) => number.as_i64().map(SqlValue::Integer),
                        serde_json::Value::Bool(flag) => Some(SqlValue::Boolean(flag)),
                        serde_json::Value::Null => Some(SqlValue::Null),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(SkipToken::After(PageKey {
                    order: token.order,
                    values,
                    id: token.id,
                }))
            }
        });
        parsed.ok_or_else(not_a_token)
    }
}

fn not_a_token() -> ODataError {
    ODataError::new(
        "$skiptoken",
        "not a token of this collection; follow @odata.nextLink as it is",
    )
}

/// `$orderby` as a page key records it: `name asc|desc`, comma-separated (empty for none).
pub fn order_key(order_by: &[OrderBy]) -> String {
    order_by
        .iter()
        .map(|item| {
            let direction = if item.descending { "desc" } else { "asc" };
            format!("{} {direction}", item.property.name)
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether `key` was taken under `order_by`, one value per sort property (the device name when
/// there is none, `default_sort`), each of its property's type or null.
fn key_fits(key: &PageKey, order_by: &[OrderBy], default_sort: Option<&'static Property>) -> bool {
    let properties: Vec<&'static Property> = match (order_by.is_empty(), default_sort) {
        (false, _) => order_by.iter().map(|item| item.property).collect(),
        (true, Some(property)) => vec![property],
        (true, None) => return false,
    };
    key.order == order_key(order_by)
        && key.values.len() == properties.len()
        && properties.iter().zip(&key.values).all(|(property, value)| {
            matches!(
                (property.kind, value),
                (_, SqlValue::Null)
                    | (
                        PropertyKind::String | PropertyKind::Enum(_),
                        SqlValue::Text(_)
                    )
                    | (
                        PropertyKind::Integer | PropertyKind::DateTime,
                        SqlValue::Integer(_)
                    )
                    | (PropertyKind::Boolean, SqlValue::Boolean(_))
            )
        })
}

/// `$orderby`: `prop [asc|desc]`, comma-separated, each property once; empty means none.
pub fn parse_order_by(text: &str, schema: Schema) -> Result<Vec<OrderBy>, ODataError> {
    const OPTION: &str = "$orderby";
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut order_by: Vec<OrderBy> = Vec::new();
    for item in text.split(',') {
        let mut words = item.split_whitespace();
        let Some(name) = words.next() else {
            return Err(ODataError::new(
                OPTION,
                "a property name is missing around a ','",
            ));
        };
        let property = lookup_queryable(schema, name, OPTION)?;
        let direction = words.next();
        let descending = match direction {
            None => false,
            Some(word) if word.eq_ignore_ascii_case("asc") => false,
            Some(word) if word.eq_ignore_ascii_case("desc") => true,
            Some(other) => {
                return Err(ODataError::new(
                    OPTION,
                    format!("expected asc or desc after '{name}', found '{other}'"),
                ));
            }
        };
        if let Some(extra) = words.next() {
            return Err(ODataError::new(
                OPTION,
                format!(
                    "unexpected '{extra}' after '{name} {}'; separate properties with ','",
                    direction.unwrap_or_default()
                ),
            ));
        }
        if order_by.iter().any(|o| o.property.name == property.name) {
            return Err(ODataError::new(
                OPTION,
                format!("'{name}' is given more than once"),
            ));
        }
        order_by.push(OrderBy {
            property,
            descending,
        });
    }
    Ok(order_by)
}

/// `$select`: comma-separated property names, each once, kept in the client's order.
pub fn parse_select(text: &str, schema: Schema) -> Result<Vec<&'static Property>, ODataError> {
    const OPTION: &str = "$select";
    let mut select: Vec<&'static Property> = Vec::new();
    for item in text.split(',') {
        let name = item.trim();
        if name.is_empty() {
            return Err(ODataError::new(
                OPTION,
                "a property name is missing around a ','",
            ));
        }
        let property = lookup(schema, name, OPTION)?;
        if select.iter().any(|p| p.name == property.name) {
            return Err(ODataError::new(
                OPTION,
                format!("'{name}' is given more than once"),
            ));
        }
        select.push(property);
    }
    Ok(select)
}

/// `$search`: `"quoted"` as Graph writes it, or bare text; nothing to look for means no search.
pub fn parse_search(text: &str) -> Option<String> {
    let text = text.trim();
    let unquoted = text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or(text)
        .trim();
    Some(unquoted.to_owned()).filter(|search| !search.is_empty())
}

/// Digits only: no sign, no spaces, no decimals.
fn whole_number(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn parse_top(text: &str) -> Result<u32, ODataError> {
    whole_number(text)
        .and_then(|top| u32::try_from(top).ok())
        .filter(|top| (1..=MAX_TOP).contains(top))
        .ok_or_else(|| {
            ODataError::new(
                "$top",
                format!("must be a whole number from 1 to {MAX_TOP}"),
            )
        })
}

fn parse_skip(text: &str) -> Result<u64, ODataError> {
    whole_number(text)
        .filter(|skip| i64::try_from(*skip).is_ok())
        .ok_or_else(|| {
            ODataError::new(
                "$skip",
                format!("must be a whole number from 0 to {}", i64::MAX),
            )
        })
}

fn parse_count(text: &str) -> Result<bool, ODataError> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(ODataError::new("$count", "must be true or false")),
    }
}

fn parse_format(text: &str) -> Result<Format, ODataError> {
    let is = |name: &str| text.trim().eq_ignore_ascii_case(name);
    if is("json") || is("application/json") {
        Ok(Format::Json)
    } else if is("csv") || is("text/csv") {
        Ok(Format::Csv)
    } else {
        Err(ODataError::new("$format", "must be json or csv"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::odata::MANAGED_DEVICE;

    fn query(raw: &str) -> Result<QueryOptions, ODataError> {
        parse(raw, MANAGED_DEVICE)
    }

    fn rejection(raw: &str) -> String {
        match query(raw) {
            Ok(options) => panic!("{raw:?} was accepted as {options:?}"),
            Err(error) => error.to_string(),
        }
    }

    fn names(properties: &[&'static Property]) -> Vec<&'static str> {
        properties.iter().map(|p| p.name).collect()
    }

    #[test]
    fn no_options_means_the_first_hundred_rows_as_json() {
        assert_eq!(query(""), Ok(QueryOptions::default()));
        let defaults = QueryOptions::default();
        assert_eq!(
            (defaults.top, defaults.skip, defaults.count),
            (100, 0, false)
        );
        assert_eq!(defaults.format, Format::Json);
    }

    #[test]
    fn every_option_is_parsed() {
        let options = query(
            "$filter=complianceState%20eq%20%27compliant%27&$orderby=deviceName+desc\
             &$select=deviceName,model&$search=%22PC-1%22&$top=50&$skip=100&$count=true\
             &$format=csv",
        );
        let Ok(options) = options else {
            panic!("{options:?}");
        };
        assert_eq!(
            options.filter.map(|f| f.to_string()).as_deref(),
            Some("complianceState eq 'compliant'")
        );
        assert_eq!(options.order_by.len(), 1);
        assert_eq!(options.order_by[0].property.name, "deviceName");
        assert!(options.order_by[0].descending);
        assert_eq!(
            options.select.as_deref().map(names),
            Some(vec!["deviceName", "model"])
        );
        assert_eq!(options.search.as_deref(), Some("PC-1"));
        assert_eq!(options.top, 50);
        assert_eq!(options.skip, 100);
        assert!(options.count);
        assert_eq!(options.format, Format::Csv);
    }

    #[test]
    fn a_skiptoken_of_a_next_link_says_where_the_page_starts() {
        let token = SkipToken::Skip(150).encode();
        assert_eq!(
            query(&format!("$skiptoken={token}")).map(|o| o.skip),
            Ok(150)
        );
        for forged in ["abc", "c2tpcDotMQ", "", "skip:5"] {
            assert_eq!(
                rejection(&format!("$skiptoken={forged}")),
                "Invalid $skiptoken: not a token of this collection; follow @odata.nextLink as \
                 it is.",
                "{forged}"
            );
        }
        assert!(rejection(&format!("$skip=5&$skiptoken={token}")).contains("cannot be given"));
    }

    #[test]
    fn a_key_token_holds_for_the_order_it_was_taken_under_only() {
        let key = |order: &str, values: Vec<SqlValue>| {
            SkipToken::After(PageKey {
                order: order.to_string(),
                values,
                id: "d-1".to_string(),
            })
            .encode()
        };
        let by_name = key("", vec![SqlValue::Text("Adele's iPad".into())]);
        assert_eq!(
            query(&format!("$skiptoken={by_name}")).map(|o| o.after),
            Ok(Some(PageKey {
                order: String::new(),
                values: vec![SqlValue::Text("Adele's iPad".into())],
                id: "d-1".into()
            }))
        );
        let by_sync = key(
            "lastSyncDateTime desc",
            vec![SqlValue::Integer(1_764_000_000)],
        );
        let options = query(&format!(
            "$orderby=lastSyncDateTime desc&$skiptoken={by_sync}"
        ));
        assert!(options.is_ok_and(|o| o.after.is_some() && o.skip == 0));
        let wrong = [
            // Taken under another order.
            format!("$orderby=model&$skiptoken={by_name}"),
            format!("$skiptoken={by_sync}"),
            // A value of the wrong type, or too many values.
            format!("$skiptoken={}", key("", vec![SqlValue::Integer(5)])),
            format!(
                "$skiptoken={}",
                key("", vec![SqlValue::Text("a".into()), SqlValue::Null])
            ),
            // Not JSON of a key.
            format!("$skiptoken={}", URL_SAFE_NO_PAD.encode("{\"o\":1}")),
        ];
        for request in wrong {
            assert_eq!(
                rejection(&request),
                "Invalid $skiptoken: not a token of this collection; follow @odata.nextLink as \
                 it is.",
                "{request}"
            );
        }
        // A NULL in the key (a device without the sorted property) is a key like any other.
        let null_key = key(
            "configurationManagerClientInformation/clientVersion asc",
            vec![SqlValue::Null],
        );
        assert!(query(&format!(
            "$orderby=configurationManagerClientInformation/clientVersion asc&$skiptoken={null_key}"
        ))
        .is_ok());
    }

    #[test]
    fn parameters_without_a_dollar_are_not_odata_and_are_ignored() {
        assert_eq!(query("page=3&tenant=x&="), Ok(QueryOptions::default()));
    }

    #[test]
    fn an_unknown_option_is_refused_naming_it() {
        assert_eq!(
            rejection("$expand=deviceActionResults"),
            "Invalid query option: '$expand' is not supported; the options are $filter, \
             $orderby, $select, $search, $top, $skip, $count, $format, $skiptoken."
        );
    }

    #[test]
    fn option_names_ignore_case() {
        assert_eq!(query("$orderBy=model").map(|o| o.order_by.len()), Ok(1));
        assert_eq!(query("$TOP=5").map(|o| o.top), Ok(5));
    }

    #[test]
    fn an_option_given_twice_is_refused() {
        assert_eq!(
            rejection("$top=5&$top=6"),
            "Invalid $top: given more than once."
        );
        assert_eq!(
            rejection("$filter=isOnline&$Filter=isEncrypted"),
            "Invalid $filter: given more than once."
        );
    }

    #[test]
    fn top_is_a_whole_number_from_1_to_1000() {
        assert_eq!(query("$top=1").map(|o| o.top), Ok(1));
        assert_eq!(query("$top=1000").map(|o| o.top), Ok(1000));
        for bad in [
            "0",
            "1001",
            "-1",
            "+5",
            "5.0",
            "ten",
            "",
            " 5",
            "99999999999999999999999",
        ] {
            assert_eq!(
                rejection(&format!("$top={bad}")),
                "Invalid $top: must be a whole number from 1 to 1000.",
                "{bad}"
            );
        }
    }

    #[test]
    fn skip_is_a_whole_number_from_0() {
        assert_eq!(query("$skip=0").map(|o| o.skip), Ok(0));
        assert_eq!(
            query("$skip=9223372036854775807").map(|o| o.skip),
            Ok(9_223_372_036_854_775_807)
        );
        for bad in ["-1", "x", "", "9223372036854775808"] {
            assert_eq!(
                rejection(&format!("$skip={bad}")),
                "Invalid $skip: must be a whole number from 0 to 9223372036854775807.",
                "{bad}"
            );
        }
    }

    #[test]
    fn count_is_true_or_false() {
        assert_eq!(query("$count=false").map(|o| o.count), Ok(false));
        assert_eq!(
            rejection("$count=yes"),
            "Invalid $count: must be true or false."
        );
    }

    #[test]
    fn format_is_json_or_csv_also_as_media_types() {
        let format = |raw: &str| query(raw).map(|o| o.format);
        assert_eq!(format("$format=json"), Ok(Format::Json));
        assert_eq!(format("$format=application%2Fjson"), Ok(Format::Json));
        assert_eq!(format("$format=text/csv"), Ok(Format::Csv));
        assert_eq!(format("$format=CSV"), Ok(Format::Csv));
        assert_eq!(
            rejection("$format=xml"),
            "Invalid $format: must be json or csv."
        );
    }

    #[test]
    fn search_takes_quoted_or_bare_text_and_empty_means_none() {
        let search = |raw: &str| query(raw).map(|o| o.search);
        assert_eq!(
            search("$search=%22desk+top%22"),
            Ok(Some("desk top".to_owned()))
        );
        assert_eq!(search("$search=laptop"), Ok(Some("laptop".to_owned())));
        assert_eq!(search("$search=%22%22"), Ok(None));
        assert_eq!(search("$search="), Ok(None));
        assert_eq!(search("$search=%22"), Ok(Some("\"".to_owned())));
    }

    #[test]
    fn an_empty_filter_select_or_orderby_means_none() {
        assert_eq!(
            query("$filter=&$select=+&$orderby="),
            Ok(QueryOptions::default())
        );
    }

    #[test]
    fn filter_errors_come_through_naming_the_filter() {
        assert_eq!(
            rejection("$filter=foo+eq+1"),
            "Invalid $filter: unknown property 'foo'."
        );
    }

    #[test]
    fn orderby_takes_properties_with_an_optional_direction() {
        let order_by = parse_order_by(" model asc ,lastSyncDateTime desc,imei", MANAGED_DEVICE);
        let Ok(order_by) = order_by else {
            panic!("{order_by:?}");
        };
        let items: Vec<_> = order_by
            .iter()
            .map(|o| (o.property.name, o.descending))
            .collect();
        assert_eq!(
            items,
            [
                ("model", false),
                ("lastSyncDateTime", true),
                ("imei", false)
            ]
        );
    }

    #[test]
    fn orderby_errors_name_the_option_and_the_problem() {
        assert_eq!(
            rejection("$orderby=foo"),
            "Invalid $orderby: unknown property 'foo'."
        );
        assert_eq!(
            rejection("$orderby=model+up"),
            "Invalid $orderby: expected asc or desc after 'model', found 'up'."
        );
        assert_eq!(
            rejection("$orderby=model+desc+imei"),
            "Invalid $orderby: unexpected 'imei' after 'model desc'; separate properties with ','."
        );
        assert_eq!(
            rejection("$orderby=model,model+desc"),
            "Invalid $orderby: 'model' is given more than once."
        );
        assert_eq!(
            rejection("$orderby=model,"),
            "Invalid $orderby: a property name is missing around a ','."
        );
        assert!(rejection("$orderby=model+downwards").contains("expected asc or desc"));
    }

    #[test]
    fn orderby_and_select_read_names_and_directions_in_any_case() {
        let order_by = parse_order_by("LastSyncDateTime DESC, devicename Asc", MANAGED_DEVICE);
        let items: Vec<_> = order_by
            .iter()
            .flatten()
            .map(|o| (o.property.name, o.descending))
            .collect();
        assert_eq!(items, [("lastSyncDateTime", true), ("deviceName", false)]);
        let select = parse_select("DeviceName,OSVERSION", MANAGED_DEVICE);
        assert_eq!(
            select.as_deref().map(names),
            Ok(vec!["deviceName", "osVersion"])
        );
    }

    #[test]
    fn select_keeps_the_clients_order() {
        let select = parse_select(
            "model, deviceName,configurationManagerClientInformation/clientVersion",
            MANAGED_DEVICE,
        );
        assert_eq!(
            select.as_deref().map(names),
            Ok(vec![
                "model",
                "deviceName",
                "configurationManagerClientInformation/clientVersion"
            ])
        );
    }

    #[test]
    fn select_errors_name_the_option_and_the_problem() {
        assert_eq!(
            rejection("$select=foo"),
            "Invalid $select: unknown property 'foo'."
        );
        assert_eq!(
            rejection("$select=model,model"),
            "Invalid $select: 'model' is given more than once."
        );
        assert_eq!(
            rejection("$select=model,,imei"),
            "Invalid $select: a property name is missing around a ','."
        );
    }
}
