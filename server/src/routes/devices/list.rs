//! `GET /beta/deviceManagement/managedDevices`: All devices with OData query options, as JSON pages
//! or, with `$format=csv`, the export.

use axum::{
    Json,
    extract::{RawQuery, State},
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
    odata::{Format, MANAGED_DEVICE, Property, QueryOptions, Schema, WHOLE_ROW},
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
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    user.require(Permission::ReadDevices)?;
    let raw_query = raw_query.unwrap_or_default();
    let options = collection_options(&raw_query, MANAGED_DEVICE)?;
    if options.format == Format::Csv {
        return Ok(csv_export(&state, &options));
    }
    let page = state.store.list_managed_devices(&options).await?;
    let mut body = Map::new();
    body.insert(
        "@odata.context".into(),
        json!("https://graph.microsoft.com/beta/$metadata#deviceManagement/managedDevices"),
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
    if page.more {
        let next_skip = options.skip + u64::from(options.top);
        body.insert(
            "@odata.nextLink".into(),
            json!(next_link(COLLECTION_PATH, &raw_query, next_skip)),
        );
    }
    Ok(Json(Value::Object(body)).into_response())
}

/// A collection request's query options against `schema`; 400 for anything the parser refuses,
/// and for a `$skiptoken`: paging is by `$skip` (our next links use it), so a token we never
/// issued means nothing.
pub(super) fn collection_options(
    raw_query: &str,
    schema: Schema,
) -> Result<QueryOptions, ApiError> {
    let options = QueryOptions::parse(raw_query, schema)
        .map_err(|error| ApiError::BadRequest(error.to_string()))?;
    if options.skip_token.is_some() {
        return Err(ApiError::BadRequest(
            "Invalid $skiptoken: this collection pages with $skip; follow @odata.nextLink.".into(),
        ));
    }
    Ok(options)
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

/// The same request to `path` with `$skip` moved on to the next page.
pub(super) fn next_link(path: &str, raw_query: &str, skip: u64) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(raw_query.as_bytes()) {
        if !key.eq_ignore_ascii_case("$skip") {
            query.append_pair(&key, &value);
        }
    }
    query.append_pair("$skip", &skip.to_string());
    format!("{path}?{}", query.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_link_moves_skip_and_keeps_everything_else() {
        assert_eq!(
            next_link(
                COLLECTION_PATH,
                "%24top=50&%24skip=100&%24filter=osVersion+eq+%271%27",
                150
            ),
            "/beta/deviceManagement/managedDevices?%24top=50&%24filter=osVersion+eq+%271%27&%24skip=150"
        );
    }
}
