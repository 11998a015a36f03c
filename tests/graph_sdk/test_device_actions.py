"""Every action on one device, the ConfigMgr action and the bulk executeAction, as an SDK user
calls them; each checked through GET, as the admin center checks it."""

import uuid

from sdk import odata_error
from devices import action_names, device, devices_where, wait_for
from msgraph_beta.generated.device_management.managed_devices.execute_action.execute_action_post_request_body import (
    ExecuteActionPostRequestBody,
)
from msgraph_beta.generated.device_management.managed_devices.item.set_device_name.set_device_name_post_request_body import (
    SetDeviceNamePostRequestBody,
)
from msgraph_beta.generated.device_management.managed_devices.item.trigger_configuration_manager_action.trigger_configuration_manager_action_post_request_body import (
    TriggerConfigurationManagerActionPostRequestBody,
)
from msgraph_beta.generated.device_management.managed_devices.item.wipe.wipe_post_request_body import (
    WipePostRequestBody,
)
from msgraph_beta.generated.models.configuration_manager_action import ConfigurationManagerAction
from msgraph_beta.generated.models.configuration_manager_action_type import (
    ConfigurationManagerActionType,
)
from msgraph_beta.generated.models.managed_device_remote_action import ManagedDeviceRemoteAction

INTUNE_WINDOWS = "managementAgent eq 'mdm' and operatingSystem eq 'Windows' and managementState eq 'managed'"
INTUNE = "managementAgent eq 'mdm' and managementState eq 'managed'"


def intune_device(run, graph, index: int, filter: str = INTUNE):
    """A different Intune-managed device for each test, so that none sees another's action."""
    return devices_where(run, graph, filter, top=index + 1)[index]


def test_sync_device_is_recorded_and_done_at_the_check_in(run, graph):
    target = intune_device(run, graph, 0)
    run(graph.device_management.managed_devices.by_managed_device_id(target.id).sync_device.post())
    assert "syncDevice" in action_names(run, graph, target.id)

    def sync_done():
        results = device(run, graph, target.id).device_action_results or []
        return any(r.action_name == "syncDevice" and r.action_state.value == "done" for r in results)

    assert wait_for(sync_done), "the sync reaches the device one hop later"


def test_reboot_now_is_recorded(run, graph):
    target = intune_device(run, graph, 1)
    run(graph.device_management.managed_devices.by_managed_device_id(target.id).reboot_now.post())
    assert "rebootNow" in action_names(run, graph, target.id)


def test_set_device_name_renames_the_device_at_its_check_in(run, graph):
    target = intune_device(run, graph, 2, INTUNE_WINDOWS)
    body = SetDeviceNamePostRequestBody(device_name="SDK-RENAMED-01")
    run(graph.device_management.managed_devices.by_managed_device_id(target.id).set_device_name.post(body))
    assert "setDeviceName" in action_names(run, graph, target.id)
    renamed = wait_for(lambda: device(run, graph, target.id).device_name == "SDK-RENAMED-01")
    assert renamed, "the device takes its new name when the action reaches it"


def test_retire_puts_the_device_in_retire_pending(run, graph):
    target = intune_device(run, graph, 3)
    run(graph.device_management.managed_devices.by_managed_device_id(target.id).retire.post())
    found = device(run, graph, target.id)
    assert found.management_state.value == "retirePending"
    assert "retire" in [result.action_name for result in found.device_action_results]


def test_wipe_with_its_options_puts_the_device_in_wipe_pending(run, graph):
    target = intune_device(run, graph, 4)
    body = WipePostRequestBody(keep_enrollment_data=True, keep_user_data=False)
    run(graph.device_management.managed_devices.by_managed_device_id(target.id).wipe.post(body))
    found = device(run, graph, target.id)
    assert found.management_state.value == "wipePending"
    assert "wipe" in [result.action_name for result in found.device_action_results]


def test_delete_removes_the_device(run, graph):
    target = intune_device(run, graph, 5)
    item = graph.device_management.managed_devices.by_managed_device_id(target.id)
    run(item.delete())
    error = odata_error(run, item.get())
    assert error.response_status_code == 404
    assert error.error.code == "itemNotFound"


def test_trigger_configuration_manager_action_runs_through_the_pipeline(run, graph):
    online = (
        "managementAgent eq 'configurationManagerClientMdm' and isOnline eq true"
        " and configurationManagerClientInformation/isBlocked eq false and managementState eq 'managed'"
    )
    target = devices_where(run, graph, online)[0]
    # As Microsoft's documentation writes it, with the `@odata.type` its HTTP sample carries.
    body = TriggerConfigurationManagerActionPostRequestBody(
        configuration_manager_action=ConfigurationManagerAction(
            odata_type="microsoft.graph.configurationManagerAction",
            action=ConfigurationManagerActionType.RefreshMachinePolicy,
        )
    )
    item = graph.device_management.managed_devices.by_managed_device_id(target.id)
    run(item.trigger_configuration_manager_action.post(body))

    def refresh_state():
        results = device(run, graph, target.id).device_action_results or []
        states = [r.action_state.value for r in results if r.action_name == "refreshMachinePolicy"]
        return states and states[-1] == "done" and states[-1]

    assert wait_for(refresh_state) == "done", "the online client answers within the hops"


def test_execute_action_syncs_the_named_devices_and_names_the_missing_one(run, graph):
    targets = [device.id for device in devices_where(run, graph, INTUNE, top=13)[10:13]]
    missing = str(uuid.uuid4())
    body = ExecuteActionPostRequestBody(
        action_name=ManagedDeviceRemoteAction.SyncDevice, device_ids=[*targets, missing]
    )
    result = run(graph.device_management.managed_devices.execute_action.post(body))
    assert sorted(result.successful_device_ids) == sorted(targets)
    assert result.not_found_device_ids == [missing]
    for target in targets:
        assert "syncDevice" in action_names(run, graph, target)
