//! One device: `GET …/managedDevices/{id}` with its `deviceActionResults`, the results on their own
//! (what the device page polls while an action is under way), and an action's pipeline log.

use axum::{
    Json,
    extract::{Path, State},
};
use endpoint_admin_model::{
    Collection,
    auth::Permission,
    device::ManagedDevice,
    device_action::{DeviceActionResult, PipelineLogLine},
};

use crate::{
    AppState, auth::CurrentUser, error::ApiError, pipeline::log::log_lines,
    routes::service_root::ServiceRoot, store::Store,
};

#[utoipa::path(
    get,
    path = "/beta/deviceManagement/managedDevices/{id}",
    tag = "managedDevices",
    summary = "One device",
    params(
        ("id" = String, Path, description = "The device's id"),
    ),
    responses(
        (status = 200, description = "The device", body = ManagedDevice),
    ),
    security(("bearer" = [])),
)]
pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<ManagedDevice>, ApiError> {
    user.require(Permission::ReadDevices)?;
    let mut device = find(&state.store, &id).await?;
    device.device_action_results = state.store.device_action_results(&id).await?;
    Ok(Json(device))
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
