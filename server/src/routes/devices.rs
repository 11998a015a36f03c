//! Managed devices: the All devices list (JSON pages or the streamed CSV export), one device, and
//! the Devices overview counts.

use axum::{
    Json,
    body::{Body, Bytes},
    extract::{Path, RawQuery, State},
    http::header,
    response::{IntoResponse, Response},
};
use endpoint_admin_model::{
    auth::Permission, device::ManagedDevice, device_column::DeviceColumn,
    overview::ManagedDeviceOverview,
};
use futures_util::StreamExt;
use serde_json::{Map, Value, json};

use crate::{
    AppState,
    auth::CurrentUser,
    error::ApiError,
    odata::{Format, MANAGED_DEVICE, Property, QueryOptions, lookup},
};

const COLLECTION_PATH: &str = "/beta/deviceManagement/managedDevices";

pub async fn overview(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<ManagedDeviceOverview>, ApiError> {
    user.require(Permission::ReadDevices)?;
    Ok(Json(state.store.managed_device_overview().await?))
}

/// `GET /beta/deviceManagement/managedDevices` with OData query options; `$format=csv` exports.
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    RawQuery(raw_query): RawQuery,
) -> Result<Response, ApiError> {
    user.require(Permission::ReadDevices)?;
    let raw_query = raw_query.unwrap_or_default();
    let options = QueryOptions::parse(&raw_query, MANAGED_DEVICE)
        .map_err(|error| ApiError::BadRequest(error.to_string()))?;
    if options.skip_token.is_some() {
        // Paging is by `$skip` (our next links use it); a token we never issued means nothing.
        return Err(ApiError::BadRequest(
            "Invalid $skiptoken: this collection pages with $skip; follow @odata.nextLink.".into(),
        ));
    }
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
    let value: Vec<Value> = page
        .devices
        .iter()
        .map(|device| selected(device, options.select.as_deref()))
        .collect();
    body.insert("value".into(), Value::Array(value));
    if page.more {
        let next_skip = options.skip + u64::from(options.top);
        body.insert(
            "@odata.nextLink".into(),
            json!(next_link(&raw_query, next_skip)),
        );
    }
    Ok(Json(Value::Object(body)).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<ManagedDevice>, ApiError> {
    user.require(Permission::ReadDevices)?;
    state
        .store
        .managed_device(&id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("No managed device has the id '{id}'.")))
}

/// The device as JSON, reduced to the `$select`ed properties when there are some.
fn selected(device: &ManagedDevice, select: Option<&[&'static Property]>) -> Value {
    let full = serde_json::to_value(device).unwrap_or(Value::Null);
    let Some(select) = select else {
        return full;
    };
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

/// The same request with `$skip` moved on to the next page.
fn next_link(raw_query: &str, skip: u64) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(raw_query.as_bytes()) {
        if !key.eq_ignore_ascii_case("$skip") {
            query.append_pair(&key, &value);
        }
    }
    query.append_pair("$skip", &skip.to_string());
    format!("{COLLECTION_PATH}?{}", query.finish())
}

/// Rows are written in chunks of about this many bytes.
const CSV_CHUNK: usize = 64 * 1024;

/// Streams every matching device as CSV: `$select` columns (the grid's by default) under the
/// grid's labels, cells as the grid shows them, rows in `$orderby` order.
fn csv_export(state: &AppState, options: &QueryOptions) -> Response {
    let columns: Vec<&'static Property> = options.select.clone().unwrap_or_else(|| {
        DeviceColumn::defaults()
            .into_iter()
            .filter_map(|column| lookup(MANAGED_DEVICE, column.property(), "$select").ok())
            .collect()
    });
    // Resolved once per export, not per row: which grid column shows each property, and whether
    // any property needs the device as JSON.
    let cells: Vec<(&'static Property, Option<DeviceColumn>)> = columns
        .iter()
        .map(|property| (*property, DeviceColumn::from_property(property.name)))
        .collect();
    let needs_json = cells.iter().any(|(_, column)| column.is_none());
    let read: Vec<&'static str> = columns.iter().map(|property| property.column).collect();
    let mut batches = Box::pin(state.store.export_managed_devices(options, &read));
    let body = async_stream::stream! {
        let mut writer = csv_writer();
        let headers: Vec<&str> = columns.iter().map(|property| property.label).collect();
        if let Err(error) = writer.write_record(&headers) {
            yield Err(std::io::Error::other(error));
            return;
        }
        while let Some(batch) = batches.next().await {
            let devices = match batch {
                Ok(devices) => devices,
                Err(error) => {
                    tracing::error!(%error, "CSV export stopped");
                    yield Err(std::io::Error::other(error));
                    return;
                }
            };
            for device in &devices {
                let json = needs_json.then(|| serde_json::to_value(device).unwrap_or(Value::Null));
                let record = cells
                    .iter()
                    .map(|(property, column)| csv_cell(device, json.as_ref(), property, *column));
                if let Err(error) = writer.write_record(record) {
                    yield Err(std::io::Error::other(error));
                    return;
                }
            }
            if writer.get_ref().len() >= CSV_CHUNK {
                yield take_chunk(&mut writer);
            }
        }
        yield take_chunk(&mut writer);
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"devices.csv\"",
            ),
        ],
        Body::from_stream(body),
    )
        .into_response()
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::Writer::from_writer(Vec::with_capacity(CSV_CHUNK * 2))
}

/// What has been written so far, leaving a fresh writer to go on with.
fn take_chunk(writer: &mut csv::Writer<Vec<u8>>) -> Result<Bytes, std::io::Error> {
    std::mem::replace(writer, csv_writer())
        .into_inner()
        .map(Bytes::from)
        .map_err(|error| std::io::Error::other(error.to_string()))
}

/// A cell as the grid shows it, defused against CSV injection.
fn csv_cell(
    device: &ManagedDevice,
    json: Option<&Value>,
    property: &Property,
    column: Option<DeviceColumn>,
) -> String {
    let text = match column {
        Some(column) => column.cell(device),
        None => json_text(json, property.name),
    };
    defuse_formula(text)
}

fn json_text(json: Option<&Value>, name: &str) -> String {
    let value = name
        .split('/')
        .fold(json.unwrap_or(&Value::Null), |value, key| &value[key]);
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Bool(true) => "Yes".to_string(),
        Value::Bool(false) => "No".to_string(),
        other => other.to_string(),
    }
}

/// Spreadsheets run cells that begin with `=`, `+`, `-`, `@`, tab or CR: prefix them with `'`.
pub fn defuse_formula(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_prefixed() {
        for dangerous in ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(
                defuse_formula(dangerous.to_string()),
                format!("'{dangerous}")
            );
        }
        assert_eq!(defuse_formula("CONTOSO-LT-1".to_string()), "CONTOSO-LT-1");
        assert_eq!(defuse_formula(String::new()), "");
    }

    #[test]
    fn the_next_link_moves_skip_and_keeps_everything_else() {
        assert_eq!(
            next_link("%24top=50&%24skip=100&%24filter=osVersion+eq+%271%27", 150),
            "/beta/deviceManagement/managedDevices?%24top=50&%24filter=osVersion+eq+%271%27&%24skip=150"
        );
    }
}
