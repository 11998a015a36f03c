//! One device: `GET …/managedDevices/{id}` (with `$select`) and its `deviceActionResults`, the
//! results on their own (what the device page polls while an action is under way), and an action's
//! pipeline log.

use axum::{
    Json,
    extract::{Path, RawQuery, State},
};
use endpoint_admin_model::{
    Collection,
    auth::Permission,
    device::ManagedDevice,
    device_action::{DeviceActionResult, PipelineLogLine},
};

use serde_json::Value;

use super::list::{Read, selected};
use crate::{
    AppState,
    auth::CurrentUser,
    error::ApiError,
    odata::{DEFAULT_TOP, Format, MANAGED_DEVICE, Property, QueryOptions},
    pipeline::log::log_lines,
    routes::service_root::ServiceRoot,
    store::Store,
};

#[utoipa::path(
    get,
    path = "/beta/deviceManagement/managedDevices/{id}",
    tag = "managedDevices",
    summary = "One device",
    params(
        ("id" = String, Path, description = "The device's id"),
        ("$select" = Option<String>, Query, description = "The properties to return, comma-separated; `activationLockBypassCode` is null unless selected"),
    ),
    responses(
        (status = 200, description = "The device (only the `$select`ed properties)", body = ManagedDevice),
    ),
    security(("bearer" = [])),
)]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    RawQuery(raw_query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    user.require(Permission::ReadDevices)?;
    let select = select_only(raw_query.as_deref().unwrap_or_default())?;
    let mut device = find(&state.store, &id).await?;
    device.device_action_results = state.store.device_action_results(&id).await?;
    Ok(Json(selected(device, select.as_deref(), Read::Alone)))
}

/// The `$select` of a request for one device, the only option that applies to it; any other is
/// refused, naming it.
fn select_only(raw_query: &str) -> Result<Option<Vec<&'static Property>>, ApiError> {
    let options = QueryOptions::parse(raw_query, MANAGED_DEVICE)
        .map_err(|error| ApiError::BadRequest(error.to_string()))?;
    let others = [
        ("$filter", options.filter.is_some()),
        ("$orderby", !options.order_by.is_empty()),
        ("$search", options.search.is_some()),
        ("$top", options.top != DEFAULT_TOP),
        ("$skip", options.skip != 0),
        ("$count", options.count),
        ("$format", options.format != Format::Json),
    ];
    match others.iter().find(|(_, given)| *given) {
        Some((option, _)) => Err(ApiError::BadRequest(format!(
            "Invalid {option}: a single device takes only $select."
        ))),
        None => Ok(options.select),
    }
}

/// `GET …/managedDevices/{id}/deviceActionResults`, newest first.
#[utoipa::path(
    get,
    path = "/beta/deviceManagement/managedDevices/{id}/deviceActionResults",
    tag = "managedDevices",
    summary = "The device's action results",
    params(
        ("id" = String, Path, description = "The device's id"),
    ),
    responses(
        (status = 200, description = "Newest first", body = Collection<DeviceActionResult>),
    ),
    security(("bearer" = [])),
)]
pub async fn action_results(
    State(state): State<AppState>,
    user: CurrentUser,
    root: ServiceRoot,
    Path(id): Path<String>,
) -> Result<Json<Collection<DeviceActionResult>>, ApiError> {
    user.require(Permission::ReadDevices)?;
    find(&state.store, &id).await?;
    Ok(Json(Collection {
        context: root.context(&format!(
            "deviceManagement/managedDevices('{id}')/deviceActionResults"
        )),
        count: None,
        value: state.store.device_action_results(&id).await?,
        next_link: None,
    }))
}

/// `GET …/managedDevices/{id}/deviceActionResults/{resultId}`.
#[utoipa::path(
    get,
    path = "/beta/deviceManagement/managedDevices/{id}/deviceActionResults/{result_id}",
    tag = "managedDevices",
    summary = "One action result",
    params(
        ("id" = String, Path, description = "The device's id"),
        ("result_id" = String, Path, description = "The action result's id"),
    ),
    responses(
        (status = 200, description = "The result", body = DeviceActionResult),
    ),
    security(("bearer" = [])),
)]
pub async fn action_result(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, result_id)): Path<(String, String)>,
) -> Result<Json<DeviceActionResult>, ApiError> {
    user.require(Permission::ReadDevices)?;
    find(&state.store, &id).await?;
    state
        .store
        .device_action_results(&id)
        .await?
        .into_iter()
        .find(|result| result.id == result_id)
        .map(Json)
        .ok_or_else(|| no_such_result(&id, &result_id))
}

/// `GET …/managedDevices/{id}/deviceActionResults/{resultId}/logs`: what the site's components
/// logged about the action, oldest first.
#[utoipa::path(
    get,
    path = "/beta/deviceManagement/managedDevices/{id}/deviceActionResults/{result_id}/logs",
    tag = "managedDevices",
    summary = "The action's pipeline log",
    params(
        ("id" = String, Path, description = "The device's id"),
        ("result_id" = String, Path, description = "The action result's id"),
    ),
    responses(
        (status = 200, description = "The log lines so far", body = Collection<PipelineLogLine>),
    ),
    security(("bearer" = [])),
)]
pub async fn action_log(
    State(state): State<AppState>,
    user: CurrentUser,
    root: ServiceRoot,
    Path((id, result_id)): Path<(String, String)>,
) -> Result<Json<Collection<PipelineLogLine>>, ApiError> {
    user.require(Permission::ReadDevices)?;
    let source = state
        .store
        .action_log_source(&id, &result_id)
        .await?
        .ok_or_else(|| no_such_result(&id, &result_id))?;
    Ok(Json(Collection {
        context: root.context(&format!(
            "deviceManagement/managedDevices('{id}')/deviceActionResults('{result_id}')/logs"
        )),
        count: None,
        value: log_lines(&source),
        next_link: None,
    }))
}

pub(super) async fn find(store: &Store, id: &str) -> Result<ManagedDevice, ApiError> {
    store
        .managed_device(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("No managed device has the id '{id}'.")))
}

fn no_such_result(id: &str, result_id: &str) -> ApiError {
    ApiError::NotFound(format!(
        "The device '{id}' has no action result with the id '{result_id}'."
    ))
}
