//! Managed devices, a file per concern: the All devices list and its CSV export, one device and its
//! action results, the actions on one device, bulk actions, a ConfigMgr device's applications, and
//! the Devices overview counts.

mod actions;
mod applications;
mod bulk;
mod device;
mod export;
mod list;
mod overview;

use axum::{
    Router,
    routing::{get, post},
};

use crate::AppState;

const COLLECTION_PATH: &str = "/beta/deviceManagement/managedDevices";

pub fn router() -> Router<AppState> {
    let device = |path: &str| format!("{COLLECTION_PATH}/{{id}}{path}");
    Router::new()
        .route(
            "/beta/deviceManagement/managedDeviceOverview",
            get(overview::overview),
        )
        .route(COLLECTION_PATH, get(list::list))
        .route(
            &format!("{COLLECTION_PATH}/executeAction"),
            post(bulk::execute_action),
        )
        .route(&device(""), get(device::get).delete(actions::delete))
        .route(&device("/deviceActionResults"), get(device::action_results))
        .route(&device("/applications"), get(applications::list))
        .route(
            &device("/applications/{application_id}/logs"),
            get(applications::log),
        )
        .route(
            &device("/applications/{application_id}/{action}"),
            post(applications::act),
        )
        .route(
            &device("/deviceActionResults/{result_id}"),
            get(device::action_result),
        )
        .route(
            &device("/deviceActionResults/{result_id}/logs"),
            get(device::action_log),
        )
        .route(
            &device("/triggerConfigurationManagerAction"),
            post(actions::trigger_configuration_manager_action),
        )
        .route(&device("/syncDevice"), post(actions::sync_device))
        .route(&device("/rebootNow"), post(actions::reboot_now))
        .route(&device("/setDeviceName"), post(actions::set_device_name))
        .route(&device("/retire"), post(actions::retire))
        .route(&device("/wipe"), post(actions::wipe))
        .route(
            &device("/simulateCheckIn"),
            post(actions::simulate_check_in),
        )
}
