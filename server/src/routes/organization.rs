//! `GET /beta/organization`: the tenant and its MDM authority.

use axum::{Json, extract::State};
use endpoint_admin_model::{Collection, auth::Permission, organization::Organization};

use crate::{AppState, auth::CurrentUser, error::ApiError};

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Collection<Organization>>, ApiError> {
    user.require(Permission::ReadDevices)?;
    Ok(Json(Collection {
        context: "https://graph.microsoft.com/beta/$metadata#organization".to_string(),
        count: None,
        value: state.store.organizations().await?,
        next_link: None,
    }))
}
