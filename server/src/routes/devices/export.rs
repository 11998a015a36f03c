//! `$format=csv`: every device a view matches, streamed as CSV under the grid's column labels.

use axum::{
    body::{Body, Bytes},
    http::header,
    response::{IntoResponse, Response},
};
use endpoint_admin_model::{device::ManagedDevice, device_column::DeviceColumn, i18n::Messages};
use futures_util::StreamExt;
use serde_json::Value;

use crate::{
    AppState,
    odata::{MANAGED_DEVICE, Property, QueryOptions, lookup},
};

/// Rows are written in chunks of about this many bytes.
const CSV_CHUNK: usize = 64 * 1024;

/// Streams every matching device as CSV: `$select` columns (the grid's by default) under the
/// grid's labels, cells as the grid shows them, rows in `$orderby` order.
/// Headers and labels in `m`'s language; a property that is no grid column keeps its English label.
pub(super) fn csv_export(
    state: &AppState,
    options: &QueryOptions,
    m: &'static Messages,
) -> Response {
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
        let headers: Vec<&str> = cells
            .iter()
            .map(|(property, column)| column.map_or(property.label, |column| column.label(m)))
            .collect();
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
                    .map(|(property, column)| csv_cell(m, device, json.as_ref(), property, *column));
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
    m: &Messages,
    device: &ManagedDevice,
    json: Option<&Value>,
    property: &Property,
    column: Option<DeviceColumn>,
) -> String {
    let text = match column {
        Some(column) => column.cell(m, device),
        None => json_text(m, json, property.name),
    };
    defuse_formula(text)
}

fn json_text(m: &Messages, json: Option<&Value>, name: &str) -> String {
    let value = name
        .split('/')
        .fold(json.unwrap_or(&Value::Null), |value, key| &value[key]);
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Bool(true) => m.yes.to_string(),
        Value::Bool(false) => m.no.to_string(),
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
}
