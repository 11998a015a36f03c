//! `POST /beta/deviceManagement/managedDevices/executeAction`: one action on many devices, named
//! by id (Graph) or scoped by the All devices view with the count the admin confirmed.

use axum::{Json, extract::State};
use endpoint_admin_model::{
    auth::Permission,
    device_action::{
        BulkActionResult, DeviceActionName, ExecuteAction, MAX_BULK_DEVICE_IDS, WipeOptions,
    },
};

use crate::{
    AppState,
    auth::CurrentUser,
    error::ApiError,
    odata::{MANAGED_DEVICE, QueryOptions, parse_filter, parse_search},
    pipeline::now_ms,
    routes::JsonBody,
    store::{BulkAction, BulkOutcome},
};

/// The permissions behind the actions; a user with none of them can run no action at all.
const ACTION_PERMISSIONS: [Permission; 5] = [
    Permission::RemoteTasks,
    Permission::InitiateConfigurationManagerAction,
    Permission::RetireDevices,
    Permission::WipeDevices,
    Permission::DeleteDevices,
];

#[utoipa::path(
    post,
    path = "/beta/deviceManagement/managedDevices/executeAction",
    tag = "managedDevices",
    summary = "One action on many devices",
    request_body = ExecuteAction,
    responses(
        (status = 200, description = "What was accepted and what was not", body = BulkActionResult),
    ),
    security(("bearer" = [])),
)]
pub async fn execute_action(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Result<JsonBody<ExecuteAction>, ApiError>,
) -> Result<Json<BulkActionResult>, ApiError> {
    user.require_any(&ACTION_PERMISSIONS)?;
    let JsonBody(request) = body?;
    let action = DeviceActionName::from_wire_name(&request.action_name).ok_or_else(|| {
        let names: Vec<_> = DeviceActionName::ALL
            .iter()
            .filter(|action| action.is_bulk())
            .map(|action| action.wire_name())
            .collect();
        ApiError::BadRequest(format!(
            "Invalid actionName '{}': the actions are {}.",
            request.action_name,
            names.join(", ")
        ))
    })?;
    user.require(action.permission())?;
    if !action.is_bulk() {
        return Err(ApiError::BadRequest(
            "Invalid actionName 'setDeviceName': each device needs a name of its own; rename devices one at a time.".into(),
        ));
    }
    let parameters = (action == DeviceActionName::Wipe).then(|| {
        let options = WipeOptions {
            keep_enrollment_data: request.keep_enrollment_data.unwrap_or(false),
            keep_user_data: request.keep_user_data.unwrap_or(false),
        };
        serde_json::to_string(&options).unwrap_or_default()
    });
    let bulk = |action, parameters| BulkAction {
        action,
        requested_by: user.0.user_principal_name.clone(),
        parameters,
        now_ms: now_ms(),
        hop_delay_ms: state.pipeline.hop_delay_ms(),
    };
    let scoped_by_view =
        request.filter.is_some() || request.search.is_some() || request.expected_count.is_some();
    let result = match (request.device_ids, scoped_by_view) {
        (Some(_), true) => {
            return Err(ApiError::BadRequest(
                "Give either deviceIds, or filter and search with expectedCount; not both.".into(),
            ));
        }
        (Some(device_ids), false) => by_ids(&state, &bulk(action, parameters), &device_ids).await?,
        (None, true) => {
            let view = view(request.filter.as_deref(), request.search.as_deref())?;
            let expected = request.expected_count.ok_or_else(|| {
                ApiError::BadRequest(
                    "expectedCount is required with filter or search: the number of devices the confirmation showed.".into(),
                )
            })?;
            by_view(&state, &bulk(action, parameters), &view, expected).await?
        }
        (None, false) => {
            return Err(ApiError::BadRequest(
                "Name the devices: deviceIds, or filter and search with expectedCount.".into(),
            ));
        }
    };
    state.pipeline.wake();
    Ok(Json(result))
}

async fn by_ids(
    state: &AppState,
    bulk: &BulkAction,
    device_ids: &[String],
) -> Result<BulkActionResult, ApiError> {
    if device_ids.is_empty() || device_ids.len() > MAX_BULK_DEVICE_IDS {
        return Err(ApiError::BadRequest(format!(
            "Invalid deviceIds: give 1 to {MAX_BULK_DEVICE_IDS} ids; scope larger sets with filter and expectedCount."
        )));
    }
    let outcomes = state
        .store
        .record_bulk_action_by_ids(bulk, device_ids)
        .await?;
    let ids = |wanted: BulkOutcome| -> Vec<String> {
        outcomes
            .iter()
            .filter(|(_, outcome)| *outcome == wanted)
            .map(|(id, _)| id.clone())
            .collect()
    };
    let (successful, failed, not_found, not_supported) = (
        ids(BulkOutcome::Successful),
        ids(BulkOutcome::Failed),
        ids(BulkOutcome::NotFound),
        ids(BulkOutcome::NotSupported),
    );
    Ok(BulkActionResult {
        successful_device_count: successful.len() as u64,
        failed_device_count: failed.len() as u64,
        not_found_device_count: not_found.len() as u64,
        not_supported_device_count: not_supported.len() as u64,
        successful_device_ids: Some(successful),
        failed_device_ids: Some(failed),
        not_found_device_ids: Some(not_found),
        not_supported_device_ids: Some(not_supported),
    })
}

async fn by_view(
    state: &AppState,
    bulk: &BulkAction,
    view: &QueryOptions,
    expected_count: u64,
) -> Result<BulkActionResult, ApiError> {
    let counts = state
        .store
        .record_bulk_action_by_query(bulk, view, expected_count)
        .await?
        .map_err(|now| {
            ApiError::Conflict(format!(
                "The view now matches {} devices, not the {expected_count} the confirmation showed; nothing was done. Review the devices and try again.",
                now.matching
            ))
        })?;
    Ok(BulkActionResult {
        successful_device_count: counts.successful,
        failed_device_count: counts.failed,
        not_found_device_count: 0,
        not_supported_device_count: counts.not_supported,
        ..BulkActionResult::default()
    })
}

/// The All devices view a bulk action is scoped by: `filter` as `$filter`, `search` as `$search`.
fn view(filter: Option<&str>, search: Option<&str>) -> Result<QueryOptions, ApiError> {
    let filter = filter
        .filter(|filter| !filter.trim().is_empty())
        .map(|filter| parse_filter(filter, MANAGED_DEVICE))
        .transpose()
        .map_err(|error| ApiError::BadRequest(format!("Invalid filter: {}.", error.message)))?;
    Ok(QueryOptions {
        filter,
        search: search.and_then(parse_search),
        ..QueryOptions::default()
    })
}
