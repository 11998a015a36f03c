//! Managed devices, a file per concern: the All devices list and its CSV export, one device and its
//! action results, the actions on one device, bulk actions, a ConfigMgr device's applications, and
//! the Devices overview counts.

pub(crate) mod actions;
pub(crate) mod applications;
pub(crate) mod bulk;
pub(crate) mod device;
mod export;
pub(crate) mod list;
pub(crate) mod overview;

use super::Operation;

const COLLECTION_PATH: &str = "/beta/deviceManagement/managedDevices";

pub fn operations() -> Vec<Operation> {
    let device = |path: &str| format!("{COLLECTION_PATH}/{{id}}{path}");
    vec![
        Operation::get(
            "/beta/deviceManagement/managedDeviceOverview",
            overview::overview,
        ),
        Operation::get(COLLECTION_PATH, list::list),
        Operation::get(format!("{COLLECTION_PATH}/$count"), list::count),
        Operation::post(
            format!("{COLLECTION_PATH}/executeAction"),
            bulk::execute_action,
        ),
        Operation::get(device(""), device::get),
        Operation::delete(device(""), actions::delete),
        Operation::get(device("/deviceActionResults"), device::action_results),
        Operation::get(
            device("/deviceActionResults/{result_id}"),
            device::action_result,
        ),
        Operation::get(
            device("/deviceActionResults/{result_id}/logs"),
            device::action_log,
        ),
        Operation::get(device("/applications"), applications::list),
        Operation::get(
            device("/applications/{application_id}/logs"),
            applications::log,
        ),
        Operation::post(
            device("/applications/{application_id}/{action}"),
            applications::act,
        ),
        Operation::post(
            device("/triggerConfigurationManagerAction"),
            actions::trigger_configuration_manager_action,
        ),
        Operation::post(device("/syncDevice"), actions::sync_device),
        Operation::post(device("/rebootNow"), actions::reboot_now),
        Operation::post(device("/setDeviceName"), actions::set_device_name),
        Operation::post(device("/retire"), actions::retire),
        Operation::post(device("/wipe"), actions::wipe),
        Operation::post(device("/simulateCheckIn"), actions::simulate_check_in),
    ]
}
