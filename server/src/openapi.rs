//! The API's OpenAPI 3.1 document, generated from the handlers' `#[utoipa::path]` and the model's
//! types (never written by hand), served at `GET /beta/$openapi`. Every operation lists the Graph
//! error envelope for each error status the server can answer it with.

use std::{collections::BTreeMap, sync::LazyLock};

use axum::Json;
use endpoint_admin_model::error::ErrorEnvelope;
use utoipa::{
    Modify, OpenApi,
    openapi::{
        self, ContentBuilder, Ref, RefOr, ResponseBuilder,
        header::HeaderBuilder,
        schema::{ObjectBuilder, Type},
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    },
};

use crate::routes::{audit_events, devices, metadata, organization, sign_in};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Endpoint Admin API",
        description = "The Devices area of an Intune-style admin center: Microsoft Graph beta's \
                       Intune resources and their extensions (tenant attach, the pipeline log, \
                       CSV export, sign-in)."
    ),
    paths(
        sign_in::token,
        sign_in::sign_out,
        sign_in::me,
        sign_in::update_me,
        organization::list,
        organization::set_mobile_device_management_authority,
        devices::overview::overview,
        devices::list::list,
        devices::list::count,
        devices::bulk::execute_action,
        devices::device::get,
        devices::device::action_results,
        devices::device::action_result,
        devices::device::action_log,
        devices::applications::list,
        devices::applications::log,
        devices::applications::act,
        devices::actions::trigger_configuration_manager_action,
        devices::actions::sync_device,
        devices::actions::reboot_now,
        devices::actions::set_device_name,
        devices::actions::retire,
        devices::actions::wipe,
        devices::actions::delete,
        devices::actions::simulate_check_in,
        audit_events::list,
        metadata::document,
        document,
    ),
    components(schemas(ErrorEnvelope)),
    modifiers(&BearerToken, &ErrorAnswers)
)]
struct ApiDoc;

/// The OData query options of a collection, as the document describes them (the handlers parse
/// the raw query themselves, `odata::query`).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the query string in the document; never built"
)]
pub struct CollectionOptions {
    /// OData filter, e.g. `operatingSystem eq 'Windows'`
    #[param(rename = "$filter")]
    filter: Option<String>,
    /// Text to find in the searchable properties, in double quotes
    #[param(rename = "$search")]
    search: Option<String>,
    /// Properties to sort by, each `asc` or `desc`
    #[param(rename = "$orderby")]
    order_by: Option<String>,
    /// Properties to return (comma-separated); the others are left out
    #[param(rename = "$select")]
    select: Option<String>,
    /// Rows per page, 1 to 1000 (default 100)
    #[param(rename = "$top")]
    top: Option<u32>,
    /// Rows to skip
    #[param(rename = "$skip")]
    skip: Option<u64>,
    /// Include `@odata.count`
    #[param(rename = "$count")]
    count: Option<bool>,
    /// `json` (default) or `csv`: the export of every matching row
    #[param(rename = "$format")]
    format: Option<String>,
}

/// What an action on one device answers besides the errors every operation lists: 204 with the
/// result's `Location`, or 409 when the device's state refuses it.
pub enum ActionAnswers {}

impl utoipa::IntoResponses for ActionAnswers {
    fn responses() -> BTreeMap<String, RefOr<openapi::Response>> {
        let accepted = ResponseBuilder::new()
            .description("Accepted: the action is recorded; `Location` names its result")
            .header(
                "Location",
                HeaderBuilder::new()
                    .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                    .description(Some("The action result's URL"))
                    .build(),
            )
            .build();
        BTreeMap::from([
            ("204".to_string(), accepted.into()),
            (
                "409".to_string(),
                error_answer(409, "The device's state refuses it").into(),
            ),
        ])
    }
}

/// The document, built once.
pub static DOCUMENT: LazyLock<openapi::OpenApi> = LazyLock::new(ApiDoc::openapi);

#[utoipa::path(
    get,
    path = "/beta/$openapi",
    tag = "openapi",
    summary = "This document",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object)),
    security(("bearer" = [])),
)]
pub async fn document() -> Json<&'static openapi::OpenApi> {
    Json(&DOCUMENT)
}

/// The `bearer` scheme every operation but sign-in names.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, document: &mut openapi::OpenApi) {
        let components = document.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The error statuses every operation can answer, each with the Graph envelope: bad input, no or
/// a bad token, a missing permission, nothing there, a body too large, a wrong method, a server
/// that cannot answer now (with `Retry-After`), a bug.
struct ErrorAnswers;

const ERRORS: [(u16, &str); 8] = [
    (
        400,
        "Bad input: the message names the option or field and what was wrong",
    ),
    (401, "No token, or a token that expired or was revoked"),
    (403, "The account's role does not allow this"),
    (404, "No such device, result, application or path"),
    (405, "The method is not allowed here"),
    (413, "The request body is larger than the limit"),
    (500, "A bug: the server could not answer"),
    (
        503,
        "The database cannot be reached, or the server is busy: try again after Retry-After",
    ),
];

impl Modify for ErrorAnswers {
    fn modify(&self, document: &mut openapi::OpenApi) {
        for item in document.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                for (status, description) in ERRORS {
                    operation
                        .responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| error_answer(status, description).into());
                }
            }
        }
    }
}

fn error_answer(status: u16, description: &str) -> openapi::Response {
    let envelope = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("ErrorEnvelope")))
        .build();
    let answer = ResponseBuilder::new()
        .description(description)
        .content("application/json", envelope);
    match status {
        503 => answer
            .header(
                "Retry-After",
                HeaderBuilder::new()
                    .schema(Some(ObjectBuilder::new().schema_type(Type::Integer)))
                    .description(Some("Seconds to wait"))
                    .build(),
            )
            .build(),
        _ => answer.build(),
    }
}
