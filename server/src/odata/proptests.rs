//! Property tests: no input panics the parsers, and every filter tree prints and parses back to itself.

use chrono::DateTime;
use proptest::prelude::*;
use proptest::sample::select;

use super::{
    CompareOp, Filter, MANAGED_DEVICE, Property, PropertyKind, StringFunction, Value, parse,
    parse_filter, parse_order_by, parse_select,
};

/// Fragments of real and almost-real OData, so random strings reach deep into the grammar.
const TOKENS: &[&str] = &[
    "(",
    ")",
    ",",
    " ",
    "not",
    "and",
    "or",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "in",
    "AND",
    "deviceName",
    "isOnline",
    "isEncrypted",
    "complianceState",
    "lastSyncDateTime",
    "totalStorageSpaceInBytes",
    "configurationManagerClientInformation/clientVersion",
    "model",
    "unknownProp",
    "startswith",
    "endswith",
    "contains",
    "tolower",
    "'x'",
    "'it''s'",
    "'",
    "''",
    "'compliant'",
    "true",
    "false",
    "null",
    "42",
    "-7",
    "4.5",
    "99999999999999999999",
    "2026-11-01T00:00:00Z",
    "2026-11-01T00:00:00.5Z",
    "'2026-11-01T00:00:00Z'",
    "-",
    "/",
    "$",
    "asc",
    "desc",
    "%",
    "é",
    "\u{0}",
];

fn token_soup() -> impl Strategy<Value = String> {
    (prop::collection::vec(select(TOKENS), 0..40), any::<bool>())
        .prop_map(|(tokens, spaced)| tokens.join(if spaced { " " } else { "" }))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        ..ProptestConfig::default()
    }
}

fn value_for(kind: PropertyKind) -> BoxedStrategy<Value> {
    match kind {
        PropertyKind::String => any::<String>().prop_map(Value::String).boxed(),
        PropertyKind::Enum(allowed) => select(allowed)
            .prop_map(|value| Value::String(value.to_owned()))
            .boxed(),
        PropertyKind::Integer => any::<i64>().prop_map(Value::Integer).boxed(),
        PropertyKind::Boolean => any::<bool>().prop_map(Value::Boolean).boxed(),
        // Years 0 to 9999 in whole seconds: what the parser accepts.
        PropertyKind::DateTime => (-62_167_219_200_i64..=253_402_300_799)
            .prop_filter_map("in chrono's range", |seconds| {
                DateTime::from_timestamp(seconds, 0).map(Value::DateTime)
            })
            .boxed(),
        // Never drawn: `any_property` leaves select-only properties out.
        PropertyKind::SelectOnly(_) => Just(Value::Null).boxed(),
    }
}

/// A property a filter can compare.
fn any_property() -> impl Strategy<Value = &'static Property> {
    let queryable = MANAGED_DEVICE
        .iter()
        .filter(|p| !matches!(p.kind, PropertyKind::SelectOnly(_)))
        .collect::<Vec<_>>();
    select(queryable)
}

fn comparison() -> impl Strategy<Value = Filter> {
    (any_property(), select(CompareOp::ALL), any::<bool>()).prop_flat_map(|(property, op, null)| {
        let op = match property.kind {
            PropertyKind::Boolean | PropertyKind::Enum(_) if op.is_ordering() => CompareOp::Ne,
            _ => op,
        };
        let value = if null && !op.is_ordering() {
            Just(Value::Null).boxed()
        } else {
            value_for(property.kind)
        };
        value.prop_map(move |value| Filter::Compare {
            property,
            op,
            value,
        })
    })
}

fn in_list() -> impl Strategy<Value = Filter> {
    any_property().prop_flat_map(|property| {
        prop::collection::vec(value_for(property.kind), 1..4)
            .prop_map(move |values| Filter::In { property, values })
    })
}

fn function() -> impl Strategy<Value = Filter> {
    let text_properties: Vec<&'static Property> = MANAGED_DEVICE
        .iter()
        .filter(|p| p.kind == PropertyKind::String)
        .collect();
    (
        select(StringFunction::ALL),
        select(text_properties),
        any::<String>(),
    )
        .prop_map(|(function, property, value)| Filter::Function {
            function,
            property,
            value,
        })
}

fn any_filter() -> impl Strategy<Value = Filter> {
    prop_oneof![comparison(), in_list(), function()].prop_recursive(5, 32, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|f| Filter::Not(Box::new(f))),
            (inner.clone(), inner.clone()).prop_map(|(l, r)| Filter::And(Box::new(l), Box::new(r))),
            (inner.clone(), inner).prop_map(|(l, r)| Filter::Or(Box::new(l), Box::new(r))),
        ]
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_as_a_filter_is_accepted_or_refused_never_a_panic(text in any::<String>()) {
        let _ = parse_filter(&text, MANAGED_DEVICE);
    }

    #[test]
    fn any_odata_like_text_is_accepted_or_refused_never_a_panic(text in token_soup()) {
        if let Ok(filter) = parse_filter(&text, MANAGED_DEVICE) {
            prop_assert_eq!(parse_filter(&filter.to_string(), MANAGED_DEVICE), Ok(filter));
        }
        let _ = parse_order_by(&text, MANAGED_DEVICE);
        let _ = parse_select(&text, MANAGED_DEVICE);
    }

    #[test]
    fn any_query_string_is_accepted_or_refused_never_a_panic(
        raw in any::<String>(),
        soup in token_soup(),
        option in select(&["$filter", "$orderby", "$select", "$top", "$skip", "$count",
            "$format", "$search", "$skiptoken", "$expand", "x"][..]),
    ) {
        let _ = parse(&raw, MANAGED_DEVICE);
        let encoded: String = form_urlencoded::Serializer::new(String::new())
            .append_pair(option, &soup)
            .finish();
        let _ = parse(&encoded, MANAGED_DEVICE);
        let _ = parse(&format!("{option}={raw}"), MANAGED_DEVICE);
    }

    #[test]
    fn every_filter_prints_as_odata_that_parses_back_to_it(filter in any_filter()) {
        let printed = filter.to_string();
        prop_assert_eq!(parse_filter(&printed, MANAGED_DEVICE), Ok(filter), "{}", printed);
    }

    #[test]
    fn every_filter_binds_one_parameter_per_placeholder(filter in any_filter()) {
        let fragment = filter.to_sql(super::Dialect::Sqlite);
        prop_assert_eq!(fragment.sql.matches('?').count(), fragment.params.len());
        // PostgreSQL: `$1…$n`, one per parameter, and the same parameters.
        let postgres = filter.to_sql(super::Dialect::Postgres);
        let numbered = super::Dialect::Postgres.numbered(&postgres.sql);
        prop_assert_eq!(numbered.matches('$').count(), postgres.params.len());
        prop_assert!(!numbered.contains('?'), "{}", numbered);
        prop_assert_eq!(postgres.params, fragment.params);
    }
}
