//! Actions on one device: the ConfigMgr actions (`triggerConfigurationManagerAction`), Intune's
//! Sync, Restart, Rename, Retire, Wipe and Delete, and the demo's simulated check-in.
//!
//! Each passes Intune's gate first (403), then finds the device (404), checks that the action fits
//! it (400) and its state (409), and is written to the database before the 204, whose `Location`
//! names the action's result.

use axum::{
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use endpoint_admin_model::{
    auth::Permission,
    device_action::{
        DeviceActionName, Refusal, SetDeviceName, TriggerConfigurationManagerAction, WipeOptions,
        device_name_problem, refusal,
    },
    i18n::Messages,
};

use super::{COLLECTION_PATH, device::find};
use crate::{
    AppState,
    auth::CurrentUser,
    error::ApiError,
    pipeline::now_ms,
    routes::{JsonBody, OptionalJsonBody, ParameterlessBody},
    store::{NewAction, Recorded},
};

#[utoipa::path(
    post,
    path = "/beta/deviceManagement/managedDevices/{id}/triggerConfigurationManagerAction",
    tag = "deviceActions",
    summary = "A ConfigMgr client action",
    params(
        ("id" = String, Path, description = "The device's id"),
    ),
    request_body = TriggerConfigurationManagerAction,
    responses(crate::openapi::ActionAnswers),
    security(("bearer" = [])),
)]
pub async fn trigger_configuration_manager_action(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    body: Result<JsonBody<TriggerConfigurationManagerAction>, ApiError>,
) -> Result<Response, ApiError> {
    user.require(Permission::InitiateConfigurationManagerAction)?;
    let JsonBody(body) = body?;
    let action = body.configuration_manager_action.action.into();
    accept(&state, &user, &id, action, None).await
}

#[utoipa::path(
    post,
    path = "/beta/deviceManagement/managedDevices/{id}/syncDevice",
    tag = "deviceActions",
    summary = "Sync",
    params(
        ("id" = String, Path, description = "The device's id"),
    ),
    responses(crate::openapi::ActionAnswers),
    security(("bearer" = [])),
)]
pub async fn sync_device(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    body: ParameterlessBody,
) -> Result<Response, ApiError> {
    run(&state, &user, &id, DeviceActionName::SyncDevice, body).await
}

#[utoipa::path(
    post,
    path = "/beta/deviceManagement/managedDevices/{id}/rebootNow",
    tag = "deviceActions",
    summary = "Restart",
    params(
        ("id" = String, Path, description = "The device's id"),
    ),
    responses(crate::openapi::ActionAnswers),
    security(("bearer" = [])),
)]
pub async fn reboot_now(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    body: ParameterlessBody,
) -> Result<Response, ApiError> {
    run(&state, &user, &id, DeviceActionName::RebootNow, body).await
}

#[utoipa::path(
    post,
    path = "/beta/deviceManagement/managedDevices/{id}/retire",
    tag = "deviceActions",
    summary = "Retire",
    params(
        ("id" = String, Path, description = "The device's id"),
    ),
    responses(crate::openapi::ActionAnswers),
    security(("bearer" = [])),
)]
pub async fn retire(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    body: ParameterlessBody,
) -> Result<Response, ApiError> {
    run(&state, &user, &id, DeviceActionName::Retire, body).await
}

/// `DELETE …/managedDevices/{id}`: the device leaves the tenant at once.
#[utoipa::path(
    delete,
    path = "/beta/deviceManagement/managedDevices/{id}",
    tag = "deviceActions",
    summary = "Delete",
    params(
        ("id" = String, Path, description = "The device's id"),
    ),
    responses(crate::openapi::ActionAnswers),
    security(("bearer" = [])),
)]
pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    body: ParameterlessBody,
) -> Result<Response, ApiError> {
    run(&state, &user, &id, DeviceActionName::Delete, body).await
}

#[utoipa::path(
    post,
    path = "/beta/deviceManagement/managedDevices/{id}/setDeviceName",
    tag = "deviceActions",
    summary = "Rename",
    params(
        ("id" = String, Path, description = "The device's id"),
    ),
    request_body = SetDeviceName,
    responses(crate::openapi::ActionAnswers),
    security(("bearer" = [])),
)]
pub async fn set_device_name(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    body: Result<JsonBody<SetDeviceName>, ApiError>,
) -> Result<Response, ApiError> {
    user.require(DeviceActionName::SetDeviceName.permission())?;
    let JsonBody(body) = body?;
    let device = find(&state.store, &id).await?;
    if let Some(problem) = device_name_problem(
        Messages::english(),
        &body.device_name,
        &device.operating_system,
    ) {
        return Err(ApiError::BadRequest(format!(
            "Invalid deviceName '{}': {problem}",
            body.device_name
        )));
    }
    let parameters = serde_json::to_string(&body).ok();
    accept(
        &state,
        &user,
        &id,
        DeviceActionName::SetDeviceName,
        parameters,
    )
    .await
}

/// `POST …/wipe`, with `keepEnrollmentData`, `keepUserData` and Graph's other wipe parameters,
/// all optional as in Graph, so that no body at all is a wipe with every option off (Microsoft's
/// own Intune PowerShell samples send none).
#[utoipa::path(
    post,
    path = "/beta/deviceManagement/managedDevices/{id}/wipe",
    tag = "deviceActions",
    summary = "Wipe",
    params(
        ("id" = String, Path, description = "The device's id"),
    ),
    request_body = Option<WipeOptions>,
    responses(crate::openapi::ActionAnswers),
    security(("bearer" = [])),
)]
pub async fn wipe(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    body: Result<OptionalJsonBody<WipeOptions>, ApiError>,
) -> Result<Response, ApiError> {
    user.require(DeviceActionName::Wipe.permission())?;
    let OptionalJsonBody(options) = body?;
    let parameters = serde_json::to_string(&options).ok();
    accept(&state, &user, &id, DeviceActionName::Wipe, parameters).await
}

/// `POST …/managedDevices/{id}/simulateCheckIn` (demo extension): the device contacts its
/// services now. Its ConfigMgr client comes online, so actions waiting for it go on, and its
/// Intune check-in runs, so a pending Retire or Wipe completes.
#[utoipa::path(
    post,
    path = "/beta/deviceManagement/managedDevices/{id}/simulateCheckIn",
    tag = "deviceActions",
    summary = "Demo: the device checks in now",
    params(
        ("id" = String, Path, description = "The device's id"),
    ),
    responses(
        (status = 204, description = "It checked in"),
    ),
    security(("bearer" = [])),
)]
pub async fn simulate_check_in(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    body: ParameterlessBody,
) -> Result<Response, ApiError> {
    user.require(Permission::RemoteTasks)?;
    body?;
    if !state.store.simulate_check_in(&id, now_ms()).await? {
        return Err(ApiError::NotFound(format!(
            "No managed device has the id '{id}'."
        )));
    }
    state.pipeline.wake();
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// An action without parameters, behind its own permission.
async fn run(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    action: DeviceActionName,
    body: ParameterlessBody,
) -> Result<Response, ApiError> {
    user.require(action.permission())?;
    body?;
    accept(state, user, id, action, None).await
}

/// Checks `action` against the device, records it and wakes the pipeline.
async fn accept(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    action: DeviceActionName,
    parameters: Option<String>,
) -> Result<Response, ApiError> {
    let device = find(&state.store, id).await?;
    if let Some(refusal) = refusal(action, &device) {
        let message = refusal.message(Messages::english(), action, &device);
        return Err(match refusal {
            Refusal::NotSupported => ApiError::BadRequest(message),
            Refusal::ClientBlocked | Refusal::AlreadyLeaving(_) => ApiError::Conflict(message),
        });
    }
    let new = NewAction {
        action,
        device_id: device.id.clone(),
        last_sync: device.last_sync_date_time,
        requested_by: user.0.user_principal_name.clone(),
        parameters,
    };
    let recorded = state
        .store
        .record_device_action(&new, now_ms(), state.pipeline.hop_delay_ms())
        .await?;
    match recorded {
        Recorded::Accepted { result_id } => {
            state.pipeline.wake();
            let location = format!(
                "{COLLECTION_PATH}/{}/deviceActionResults/{result_id}",
                device.id
            );
            Ok((StatusCode::NO_CONTENT, [(header::LOCATION, location)]).into_response())
        }
        Recorded::Removed => Ok(StatusCode::NO_CONTENT.into_response()),
        Recorded::Changed => Err(ApiError::Conflict(format!(
            "{} changed while the action was being recorded; refresh it and try again.",
            device.device_name
        ))),
    }
}
