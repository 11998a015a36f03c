//! `GET /beta/organization` and `POST /beta/organization/{id}/setMobileDeviceManagementAuthority`.

use axum::{
    Json,
    extract::{Path, State},
};
use endpoint_admin_model::{
    Collection,
    auth::Permission,
    organization::{Organization, SetMdmAuthorityResult},
};

use super::{Operation, ParameterlessBody, service_root::ServiceRoot};
use crate::{AppState, auth::CurrentUser, error::ApiError};

pub fn operations() -> Vec<Operation> {
    vec![
        Operation::get("/beta/organization", list),
        Operation::post(
            "/beta/organization/{id}/setMobileDeviceManagementAuthority",
            set_mobile_device_management_authority,
        ),
    ]
}

#[utoipa::path(
    get,
    path = "/beta/organization",
    tag = "organization",
    summary = "The tenant and its MDM authority",
    responses(
        (status = 200, description = "The tenant", body = Collection<Organization>),
    ),
    security(("bearer" = [])),
)]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    root: ServiceRoot,
) -> Result<Json<Collection<Organization>>, ApiError> {
    user.require(Permission::ReadDevices)?;
    Ok(Json(Collection {
        context: root.context("organization"),
        count: None,
        value: state.store.organizations().await?,
        next_link: None,
    }))
}

/// Sets the authority to Intune; it can never go back to unknown. Idempotent.
#[utoipa::path(
    post,
    path = "/beta/organization/{id}/setMobileDeviceManagementAuthority",
    tag = "organization",
    summary = "Make Intune the MDM authority",
    params(
        ("id" = String, Path, description = "The tenant's id"),
    ),
    responses(
        (status = 200, description = "The authority now", body = SetMdmAuthorityResult),
    ),
    security(("bearer" = [])),
)]
pub async fn set_mobile_device_management_authority(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    body: ParameterlessBody,
) -> Result<Json<SetMdmAuthorityResult>, ApiError> {
    user.require(Permission::SetMobileDeviceManagementAuthority)?;
    body?;
    let found = state
        .store
        .set_mdm_authority_to_intune(&id, &user.0.user_principal_name, crate::now())
        .await?;
    if !found {
        return Err(ApiError::NotFound(format!(
            "No organization has the id '{id}'."
        )));
    }
    Ok(Json(SetMdmAuthorityResult { value: 1 }))
}
