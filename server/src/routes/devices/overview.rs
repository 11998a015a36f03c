//! `GET /beta/deviceManagement/managedDeviceOverview`: the Devices overview counts.

use axum::{Json, extract::State};
use endpoint_admin_model::{auth::Permission, overview::ManagedDeviceOverview};

use crate::{AppState, auth::CurrentUser, error::ApiError};

#[utoipa::path(
    get,
    path = "/beta/deviceManagement/managedDeviceOverview",
    tag = "managedDevices",
    summary = "The Devices overview counts",
    responses(
        (status = 200, description = "Counts", body = ManagedDeviceOverview),
    ),
    security(("bearer" = [])),
)]
pub async fn overview(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<ManagedDeviceOverview>, ApiError> {
    user.require(Permission::ReadDevices)?;
    Ok(Json(state.store.managed_device_overview().await?))
}
