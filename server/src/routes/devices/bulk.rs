//! `POST /beta/deviceManagement/managedDevices/executeAction`: one action on many devices, named
//! by id (Graph) or scoped by the All devices view with the count the admin confirmed. Every
//! Graph `managedDeviceRemoteAction` is taken (what this product does not carry out is not
//! supported on any device), and a rename gives each device its name from a template.

use axum::{Json, extract::State};
use endpoint_admin_model::{
    auth::Permission,
    device_action::{
        BulkActionName, BulkActionResult, DeviceActionName, DeviceNameTemplate, ExecuteAction,
        MAX_BULK_DEVICE_IDS,
    },
};

use crate::{
    AppState,
    auth::CurrentUser,
    error::ApiError,
    odata::{MANAGED_DEVICE, QueryOptions, parse_filter, parse_search},
    pipeline::now_ms,
    routes::JsonBody,
    store::{BulkAction, BulkOutcome, BulkParameters},
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
    description = "Every value of Graph's managedDeviceRemoteAction is taken: devices an action does not apply to, and every device for an action this product does not carry out, are listed as not supported. setDeviceName takes deviceName as a template ({{serialnumber}}, {{rand:x}}) each device's name is made from; a device whose name breaks the rules fails.",
    request_body = ExecuteAction,
    responses(
        (status = 200, description = "What was accepted and what was not", body = BulkActionResult),
        (status = 409, description = "Scoped by the view: it no longer matches expectedCount devices; nothing was done", body = endpoint_admin_model::error::ErrorEnvelope),
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
    let name = BulkActionName::from_wire_name(&request.action_name).ok_or_else(|| {
        let names: Vec<_> = BulkActionName::wire_names().collect();
        ApiError::BadRequest(format!(
            "Invalid actionName '{}': the actions are Graph's managedDeviceRemoteAction values and the Configuration Manager actions: {}.",
            request.action_name,
            names.join(", ")
        ))
    })?;
    let devices = Devices::of(&request)?;
    let action = match name {
        BulkActionName::CarriedOut(action) => action,
        BulkActionName::NotCarriedOut(_) => {
            return not_carried_out(&state, &devices).await.map(Json);
        }
    };
    user.require(action.permission())?;
    let bulk = BulkAction {
        action,
        requested_by: user.0.user_principal_name.clone(),
        parameters: parameters(action, &request)?,
        now_ms: now_ms(),
        hop_delay_ms: state.pipeline.hop_delay_ms(),
    };
    let result = match devices {
        Devices::Ids(device_ids) => by_ids(&state, &bulk, &device_ids).await?,
        Devices::View(_, _) if matches!(bulk.parameters, BulkParameters::DeviceName(_)) => {
            return Err(ApiError::BadRequest(
                "setDeviceName takes deviceIds: each device's name is made from the template on its own.".into(),
            ));
        }
        Devices::View(view, expected) => by_view(&state, &bulk, &view, expected).await?,
    };
    state.pipeline.wake();
    Ok(Json(result))
}

/// The devices a request names: Graph's ids, or our extension's view and the count the admin saw.
enum Devices {
    Ids(Vec<String>),
    View(QueryOptions, u64),
}

impl Devices {
    fn of(request: &ExecuteAction) -> Result<Devices, ApiError> {
        let scoped_by_view = request.filter.is_some()
            || request.search.is_some()
            || request.expected_count.is_some();
        match (&request.device_ids, scoped_by_view) {
            (Some(_), true) => Err(ApiError::BadRequest(
                "Give either deviceIds, or filter and search with expectedCount; not both.".into(),
            )),
            (Some(device_ids), false) => {
                if device_ids.is_empty() || device_ids.len() > MAX_BULK_DEVICE_IDS {
                    return Err(ApiError::BadRequest(format!(
                        "Invalid deviceIds: give 1 to {MAX_BULK_DEVICE_IDS} ids; scope larger sets with filter and expectedCount."
                    )));
                }
                Ok(Devices::Ids(device_ids.clone()))
            }
            (None, true) => {
                let view = view(request.filter.as_deref(), request.search.as_deref())?;
                let expected = request.expected_count.ok_or_else(|| {
                    ApiError::BadRequest(
                        "expectedCount is required with filter or search: the number of devices the confirmation showed.".into(),
                    )
                })?;
                Ok(Devices::View(view, expected))
            }
            (None, false) => Err(ApiError::BadRequest(
                "Name the devices: deviceIds, or filter and search with expectedCount.".into(),
            )),
        }
    }
}

/// What each device's action is given: wipe's options, a rename's name template.
fn parameters(
    action: DeviceActionName,
    request: &ExecuteAction,
) -> Result<BulkParameters, ApiError> {
    match action {
        DeviceActionName::Wipe => Ok(BulkParameters::Shared(
            serde_json::to_string(&request.wipe_options()).ok(),
        )),
        DeviceActionName::SetDeviceName => {
            let template = request.device_name.as_deref().ok_or_else(|| {
                ApiError::BadRequest(
                    "deviceName is required with setDeviceName: the new name, or a template with {{serialnumber}} or {{rand:x}} that gives each device its own.".into(),
                )
            })?;
            DeviceNameTemplate::parse(template)
                .map(BulkParameters::DeviceName)
                .map_err(|problem| {
                    ApiError::BadRequest(format!("Invalid deviceName '{template}': {problem}"))
                })
        }
        _ => Ok(BulkParameters::Shared(None)),
    }
}

async fn by_ids(
    state: &AppState,
    bulk: &BulkAction,
    device_ids: &[String],
) -> Result<BulkActionResult, ApiError> {
    let outcomes = state
        .store
        .record_bulk_action_by_ids(bulk, device_ids)
        .await?;
    Ok(id_lists(&outcomes))
}

/// Graph's answer from how each device fared.
fn id_lists(outcomes: &[(String, BulkOutcome)]) -> BulkActionResult {
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
    BulkActionResult {
        successful_device_count: successful.len() as u64,
        failed_device_count: failed.len() as u64,
        not_found_device_count: not_found.len() as u64,
        not_supported_device_count: not_supported.len() as u64,
        successful_device_ids: Some(successful),
        failed_device_ids: Some(failed),
        not_found_device_ids: Some(not_found),
        not_supported_device_ids: Some(not_supported),
    }
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
        .map_err(|now| view_changed(now.matching, expected_count))?;
    Ok(BulkActionResult {
        successful_device_count: counts.successful,
        failed_device_count: counts.failed,
        not_found_device_count: 0,
        not_supported_device_count: counts.not_supported,
        ..BulkActionResult::default()
    })
}

/// A Graph action this product does not carry out: every device there is, is not supported.
async fn not_carried_out(
    state: &AppState,
    devices: &Devices,
) -> Result<BulkActionResult, ApiError> {
    match devices {
        Devices::Ids(device_ids) => {
            let mut outcomes: Vec<(String, BulkOutcome)> = Vec::with_capacity(device_ids.len());
            for device_id in device_ids {
                if outcomes.iter().any(|(done, _)| done == device_id) {
                    continue;
                }
                let outcome = match state.store.managed_device(device_id).await? {
                    Some(_) => BulkOutcome::NotSupported,
                    None => BulkOutcome::NotFound,
                };
                outcomes.push((device_id.clone(), outcome));
            }
            Ok(id_lists(&outcomes))
        }
        Devices::View(view, expected_count) => {
            let counted = QueryOptions {
                top: 1,
                count: true,
                ..view.clone()
            };
            let matching = state
                .store
                .list_managed_devices(&counted)
                .await?
                .count
                .unwrap_or(0);
            if matching != *expected_count {
                return Err(view_changed(matching, *expected_count));
            }
            Ok(BulkActionResult {
                not_supported_device_count: matching,
                ..BulkActionResult::default()
            })
        }
    }
}

fn view_changed(matching: u64, expected_count: u64) -> ApiError {
    ApiError::Conflict(format!(
        "The view now matches {matching} devices, not the {expected_count} the confirmation showed; nothing was done. Review the devices and try again."
    ))
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
