"""Errors reach the SDK user as `ODataError` with the server's Graph code and message."""

import uuid

from sdk import READER, odata_error
from devices import devices_where, list_request
from msgraph_beta.generated.device_management.managed_devices.item.wipe.wipe_post_request_body import (
    WipePostRequestBody,
)


def test_a_missing_device_is_item_not_found(run, graph):
    missing = str(uuid.uuid4())
    error = odata_error(run, graph.device_management.managed_devices.by_managed_device_id(missing).get())
    assert error.response_status_code == 404
    assert error.error.code == "itemNotFound"
    assert missing in error.error.message


def test_a_readers_wipe_is_access_denied(run, graph, client_for):
    target = devices_where(run, graph, "managementAgent eq 'mdm'")[0]
    reader = client_for(READER)
    body = WipePostRequestBody(keep_enrollment_data=False, keep_user_data=False)
    error = odata_error(
        run, reader.device_management.managed_devices.by_managed_device_id(target.id).wipe.post(body)
    )
    assert error.response_status_code == 403
    assert error.error.code == "accessDenied"
    assert error.error.message


def test_a_bad_filter_is_bad_request_naming_the_option(run, graph):
    error = odata_error(
        run,
        graph.device_management.managed_devices.get(list_request(filter="deviceName eq")),
    )
    assert error.response_status_code == 400
    assert error.error.code == "badRequest"
    assert "$filter" in error.error.message
