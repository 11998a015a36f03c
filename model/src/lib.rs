//! The typed contract between the Endpoint Admin SPA and server: every request and response body.
//!
//! Names and enum values follow Microsoft Graph beta's Intune resources (camelCase JSON), so a
//! renamed field is a compile error on both sides instead of a blank column.

pub mod application;
pub mod audit;
pub mod auth;
pub mod device;
pub mod device_action;
pub mod device_column;
pub mod error;
pub mod graph_bool;
pub mod graph_device;
pub mod i18n;
pub mod organization;
pub mod overview;
pub mod wire_date;

use serde::{Deserialize, Serialize};

/// An OData collection page: `{"@odata.context", "@odata.count", "value", "@odata.nextLink"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Collection<T> {
    #[serde(rename = "@odata.context")]
    pub context: String,
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<u64>,
    pub value: Vec<T>,
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
}

/// The answer to `GET …/managedDevices/$count?atMost=N`: how many devices match, counted no
/// further than `N`. `isExact` false means more than `count` match (the count stopped at the cap);
/// true means exactly `count`, which may exceed the cap where an exact count was cheap anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BoundedCount {
    pub count: u64,
    pub is_exact: bool,
}

impl BoundedCount {
    /// A count that went to the end of the matches.
    pub fn exact(count: u64) -> BoundedCount {
        BoundedCount {
            count,
            is_exact: true,
        }
    }

    /// `found` matches of a count that stopped after `at_most + 1`: more than `at_most` is not
    /// exact.
    pub fn up_to(found: u64, at_most: u64) -> BoundedCount {
        BoundedCount {
            count: found.min(at_most),
            is_exact: found <= at_most,
        }
    }
}

/// The OpenAPI schema of a string enum declared by a macro, by its wire names: utoipa's derive
/// cannot read a `#[serde(rename = $wire)]` whose name is a macro's fragment (it documented the
/// Rust variant names).
#[macro_export]
#[doc(hidden)]
macro_rules! wire_enum_schema {
    ($name:ident: $($wire:expr),+) => {
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($wire),+]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }
    };
}
