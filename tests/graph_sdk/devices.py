"""Helpers shared by the tests: list requests as an SDK user writes them, and picking devices."""

import time

from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph_beta import GraphServiceClient
from msgraph_beta.generated.device_management.managed_devices.managed_devices_request_builder import (
    ManagedDevicesRequestBuilder,
)

ListParameters = ManagedDevicesRequestBuilder.ManagedDevicesRequestBuilderGetQueryParameters


def list_request(eventual: bool = False, **parameters) -> RequestConfiguration:
    """A request configuration with query parameters (`filter=…`, `top=…`), and
    `ConsistencyLevel: eventual` as Graph's docs tell for `$search` and `$count`."""
    configuration = RequestConfiguration(query_parameters=ListParameters(**parameters))
    if eventual:
        configuration.headers.add("ConsistencyLevel", "eventual")
    return configuration


def devices_where(run, graph: GraphServiceClient, filter: str, top: int = 20) -> list:
    """The first `top` devices `filter` matches, in id order, with their id and name only (the
    SDK takes about 20 ms to read each whole device)."""
    request = list_request(filter=filter, top=top, orderby=["id"], select=["id", "deviceName"])
    page = run(graph.device_management.managed_devices.get(request))
    assert page is not None and page.value, f"no device matches {filter}"
    return page.value


def device(run, graph: GraphServiceClient, device_id: str):
    return run(graph.device_management.managed_devices.by_managed_device_id(device_id).get())


def action_names(run, graph: GraphServiceClient, device_id: str) -> list[str]:
    """The `actionName`s of the device's `deviceActionResults`, as GET by id answers them."""
    results = device(run, graph, device_id).device_action_results or []
    return [result.action_name for result in results]


def wait_for(condition, seconds: float = 10.0, every: float = 0.1):
    """The first truthy value of `condition()` within `seconds`, else the last value."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)
