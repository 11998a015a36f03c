"""One device by id, with its complex properties, as Graph beta's managedDevice has them."""

from devices import device, devices_where
from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph_beta.generated.device_management.managed_devices.item.managed_device_item_request_builder import (
    ManagedDeviceItemRequestBuilder,
)

ItemParameters = ManagedDeviceItemRequestBuilder.ManagedDeviceItemRequestBuilderGetQueryParameters


def test_get_by_id_answers_the_device_with_its_configuration_manager_client(run, graph):
    listed = devices_where(run, graph, "managementAgent eq 'configurationManagerClientMdm'")[0]
    found = device(run, graph, listed.id)
    assert found.id == listed.id
    assert found.device_name == listed.device_name
    client = found.configuration_manager_client_information
    assert client is not None, "a co-managed device has a ConfigMgr client"
    assert client.client_identifier and client.client_version
    assert client.is_blocked in (True, False)
    assert isinstance(found.device_action_results, list)


def test_get_by_id_answers_the_hardware_information(run, graph):
    windows = devices_where(run, graph, "operatingSystem eq 'Windows'")[0]
    hardware = device(run, graph, windows.id).hardware_information
    assert hardware is not None, "hardwareInformation"
    filled = {name: value for name, value in vars(hardware).items() if value not in (None, "", [])}
    filled.pop("backing_store", None)
    filled.pop("additional_data", None)
    assert filled, "the hardware information the admin center shows"


def test_get_by_id_answers_the_users_logged_on(run, graph):
    windows = devices_where(
        run, graph, "operatingSystem eq 'Windows' and managementAgent eq 'configurationManagerClientMdm'"
    )[0]
    users = device(run, graph, windows.id).users_logged_on
    assert users, "usersLoggedOn of a Windows device with a primary user"
    for user in users:
        assert user.user_id, "userId"
        assert user.last_log_on_date_time is not None, "lastLogOnDateTime"


def test_get_by_id_with_select_answers_the_selected_complex_property_only(run, graph):
    listed = devices_where(run, graph, "managementAgent eq 'configurationManagerClientMdm'")[0]
    parameters = ItemParameters(select=["id", "configurationManagerClientInformation"])
    found = run(
        graph.device_management.managed_devices.by_managed_device_id(listed.id).get(
            RequestConfiguration(query_parameters=parameters)
        )
    )
    assert found.configuration_manager_client_information is not None
    assert found.device_name is None, "deviceName was not selected"
