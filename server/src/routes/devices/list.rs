//! `GET /beta/deviceManagement/managedDevices`: All devices with OData query options, as JSON pages
//! or, with `$format=csv`, the export.

use axum::{
    Json,
    extract::{RawQuery, State},
    http::header,
    response::{IntoResponse, Response},
};
use endpoint_admin_model::{auth::Permission, device::ManagedDevice};
use serde_json::{Map, Value, json};

use super::{COLLECTION_PATH, export::csv_export};
use crate::{
    AppState,
    auth::CurrentUser,
    demo::details::report_details,
    error::ApiError,
    odata::{Format, MANAGED_DEVICE, Property, QueryOptions, Schema, SkipToken, WHOLE_ROW},
    routes::{language::RequestLanguage, service_root::ServiceRoot},
};

#[utoipa::path(
    get,
    path = "/beta/deviceManagement/managedDevices",
    tag = "managedDevices",
    summary = "All devices: a page, or with `$format=csv` the export",
    params(
        crate::openapi::CollectionOptions,
    ),
    responses(
        (status = 200, description = "A page of devices (only the `$select`ed properties), or the CSV export", content((endpoint_admin_model::Collection<endpoint_admin_model::device::ManagedDevice> = "application/json"), (String = "text/csv"))),
    ),
    security(("bearer" = [])),
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    root: ServiceRoot,
    language: RequestLanguage,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    user.require(Permission::ReadDevices)?;
    let raw_query = raw_query.unwrap_or_default();
    let options = collection_options(&raw_query, MANAGED_DEVICE)?;
    if options.format == Format::Csv {
        return Ok(csv_export(&state, &options, language.messages()));
    }
    let page = state.store.list_managed_devices(&options).await?;
    let mut body = Map::new();
    body.insert(
        "@odata.context".into(),
        json!(root.context("deviceManagement/managedDevices")),
    );
    if let Some(count) = page.count {
        body.insert("@odata.count".into(), json!(count));
    }
    let select = options.select.as_deref();
    // Computed for the page only when selected: a hundred devices' details cost more than the page.
    let computed = select.is_some_and(|select| select.iter().any(|p| p.column == WHOLE_ROW));
    let value: Vec<Value> = page
        .devices
        .into_iter()
        .map(|mut device| {
            if computed {
                report_details(&mut device);
            }
            selected(device, select, Read::InPage)
        })
        .collect();
    body.insert("value".into(), Value::Array(value));
    if let Some(key) = page.next {
        body.insert(
            "@odata.nextLink".into(),
            json!(next_link(
                &root,
                COLLECTION_PATH,
                &raw_query,
                SkipToken::After(key)
            )),
        );
    }
    Ok(Json(Value::Object(body)).into_response())
}

/// `GET /beta/deviceManagement/managedDevices/$count`: how many devices `$filter` and `$search`
/// match, as `text/plain`, as Graph answers it; with `atMost`, the bounded count as JSON.
#[utoipa::path(
    get,
    path = "/beta/deviceManagement/managedDevices/$count",
    tag = "managedDevices",
    summary = "How many devices match: exactly, or quickly up to a cap",
    description = "Without `atMost`, Graph's `$count`: the exact number as `text/plain`. An exact \
                   count of a broad match reads every match (at a million devices, hundreds of \
                   milliseconds on SQLite, seconds on PostgreSQL), so a page that must not wait \
                   asks with `atMost=N` (1 to 100000) and gets `{\"count\":N,\"isExact\":false}` \
                   when more than N match, counted no further than N + 1 matches, or the exact \
                   count (`isExact` true) otherwise. Where an index tells the exact count at \
                   once (a filter on the Filter pane's columns alone; on SQLite a search of 3 or \
                   more characters alone), the answer is exact even above N. `atMost` is a query \
                   parameter rather than a `Prefer` header so that the bounded and the exact \
                   count are different URLs: nothing between client and server can answer one \
                   with the other, and a link shows which was asked.",
    params(
        ("$filter" = Option<String>, Query, description = "As on the list"),
        ("$search" = Option<String>, Query, description = "As on the list"),
        ("atMost" = Option<u64>, Query, description = "Count no further than this many matches (1 to 100000): answers JSON `{count, isExact}`", minimum = 1, maximum = 100000),
    ),
    responses(
        (status = 200, description = "The number of matching devices; with `atMost`, as far as it was counted and whether that is exact", content((u64 = "text/plain"), (endpoint_admin_model::BoundedCount = "application/json"))),
    ),
    security(("bearer" = [])),
)]
pub async fn count(
    State(state): State<AppState>,
    user: CurrentUser,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    user.require(Permission::ReadDevices)?;
    let raw_query = raw_query.unwrap_or_default();
    let options = collection_options(&raw_query, MANAGED_DEVICE)?;
    match at_most(&raw_query)? {
        Some(at_most) => {
            let count = state
                .store
                .count_managed_devices_up_to(&options, at_most)
                .await?;
            Ok(Json(count).into_response())
        }
        None => {
            let count = state.store.count_managed_devices(&options).await?;
            Ok(count_response(count))
        }
    }
}

/// The largest `atMost`: a bounded count reads at most this many matches and one more.
pub const MOST_AT_MOST: u64 = 100_000;

/// The `atMost` of a `$count` request, if it has one (its name in any case, as the `$` options).
fn at_most(raw_query: &str) -> Result<Option<u64>, ApiError> {
    let mut given = form_urlencoded::parse(raw_query.as_bytes())
        .filter(|(key, _)| key.eq_ignore_ascii_case("atMost"))
        .map(|(_, value)| value);
    let Some(value) = given.next() else {
        return Ok(None);
    };
    if given.next().is_some() {
        return Err(ApiError::BadRequest(
            "Invalid atMost: given more than once.".to_string(),
        ));
    }
    match value.trim().parse::<u64>() {
        Ok(at_most) if (1..=MOST_AT_MOST).contains(&at_most) => Ok(Some(at_most)),
        _ => Err(ApiError::BadRequest(format!(
            "Invalid atMost: expected a whole number from 1 to {MOST_AT_MOST}, found '{value}'."
        ))),
    }
}

/// A `$count` answer: the number alone, as `text/plain`.
pub(super) fn count_response(count: u64) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        count.to_string(),
    )
        .into_response()
}

/// A collection request's query options against `schema`; 400 for anything the parser refuses.
pub(super) fn collection_options(
    raw_query: &str,
    schema: Schema,
) -> Result<QueryOptions, ApiError> {
    QueryOptions::parse(raw_query, schema).map_err(|error| ApiError::BadRequest(error.to_string()))
}

/// How a device is read: in a page of the list, or on its own.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Read {
    InPage,
    Alone,
}

/// The device as JSON, reduced to the `$select`ed properties when there are some. Without
/// `$select`, a page has the stored properties (the computed ones would triple it for what the
/// grid never shows: 95 → 281 KB a page of 100; stored only, 128 KB) and one device
/// has every property, null where it has none, but the Activation Lock bypass code, a secret
/// Graph too returns only when it is selected.
pub(super) fn selected(
    mut device: ManagedDevice,
    select: Option<&[&'static Property]>,
    read: Read,
) -> Value {
    let every_property: Vec<&'static Property>;
    let select = match (select, read) {
        (Some(select), _) => select,
        (None, Read::InPage) => return serde_json::to_value(device).unwrap_or(Value::Null),
        (None, Read::Alone) => {
            device.activation_lock_bypass_code = None;
            every_property = MANAGED_DEVICE
                .iter()
                .filter(|property| !property.name.contains('/'))
                .collect();
            &every_property
        }
    };
    let full = serde_json::to_value(device).unwrap_or(Value::Null);
    let mut reduced = Map::new();
    for property in select {
        let (head, tail) = property
            .name
            .split_once('/')
            .map_or((property.name, None), |(head, tail)| (head, Some(tail)));
        let value = &full[head];
        match tail {
            None => {
                reduced.insert(head.to_string(), value.clone());
            }
            Some(tail) => {
                let entry = reduced.entry(head).or_insert_with(|| json!({}));
                if let (Some(entry), false) = (entry.as_object_mut(), value.is_null()) {
                    entry.insert(tail.to_string(), value[tail].clone());
                }
            }
        }
    }
    Value::Object(reduced)
}

/// The same request to `path`, absolute, from where `token` says on.
pub(super) fn next_link(
    root: &ServiceRoot,
    path: &str,
    raw_query: &str,
    token: SkipToken,
) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(raw_query.as_bytes()) {
        if key != "$skip" && key != "$skiptoken" {
            query.append_pair(&key, &value);
        }
    }
    query.append_pair("$skiptoken", &token.encode());
    root.url_of(&format!("{path}?{}", query.finish()))
}
