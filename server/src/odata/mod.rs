//! OData query options (`$filter`, `$orderby`, `$select`, `$top`, …): parsed from the query string
//! into a typed AST checked against a resource's schema, then turned into SQL whose values are
//! always bound parameters, never spliced text.
//!
//! Every parser is a pure `&str -> Result<_, ODataError>`, so tests and fuzzers need no server.

mod application_schema;
pub mod csdl;
mod device_schema;
mod error;
mod filter;
mod query;
mod schema;
mod sql;

#[cfg(test)]
mod proptests;

pub use application_schema::{APPLICATION, APPLICATION_SEARCH_COLUMNS};
pub use device_schema::{MANAGED_DEVICE, MANAGED_DEVICE_SEARCH_COLUMNS};
pub use error::ODataError;
pub use filter::{
    CompareOp, Filter, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, StringFunction, Value, parse_filter,
};
pub use query::{
    DEFAULT_TOP, Format, MAX_TOP, OrderBy, PageKey, QueryOptions, SkipToken, order_key, parse,
    parse_order_by, parse_search, parse_select,
};
pub use schema::{Property, PropertyKind, Schema, SelectOnly, WHOLE_ROW, lookup};
pub use sql::{
    Dialect, SqlFragment, SqlValue, StoreTerms, escape_like, order_by_sql, search_to_sql,
};
