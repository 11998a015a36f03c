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

use super::COLLECTION_PATH;
use crate::{AppState, auth::CurrentUser, error::ApiError, pipeline::log::log_lines, store::Store};

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
pub async fn action_results(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Collection<DeviceActionResult>>, ApiError> {
    user.require(Permission::ReadDevices)?;
    find(&state.store, &id).await?;
    Ok(Json(Collection {
        context: format!(
            "https://graph.microsoft.com/beta/$metadata#deviceManagement/managedDevices('{id}')/deviceActionResults"
        ),
        count: None,
        value: state.store.device_action_results(&id).await?,
        next_link: None,
    }))
}

/// `GET …/managedDevices/{id}/deviceActionResults/{resultId}`.
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
pub async fn action_log(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, result_id)): Path<(String, String)>,
) -> Result<Json<Collection<PipelineLogLine>>, ApiError> {
    user.require(Permission::ReadDevices)?;
    let source = state
        .store
        .action_log_source(&id, &result_id)
        .await?
        .ok_or_else(|| no_such_result(&id, &result_id))?;
    Ok(Json(Collection {
        context: format!(
            "https://graph.microsoft.com/beta/$metadata#{COLLECTION_PATH}('{id}')/deviceActionResults('{result_id}')/logs"
        ),
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
