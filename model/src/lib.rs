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
pub mod graph_device;
pub mod json;
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

from_json_struct!(Collection<T> {
    context: "@odata.context",
    count: "@odata.count",
    value: "value",
    next_link: "@odata.nextLink",
});

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
