"""Listing managed devices with the OData query options an SDK user sets on the request."""

from sdk import ADMIN
from devices import devices_where, list_request
from msgraph_core import PageIterator


def test_filter_returns_only_the_matching_devices(run, graph):
    page = run(
        graph.device_management.managed_devices.get(
            list_request(filter="operatingSystem eq 'Windows' and managementAgent eq 'mdm'", top=200)
        )
    )
    assert page.value, "no Windows device managed by Intune"
    for device in page.value:
        assert device.operating_system == "Windows", device.id
        assert device.management_agent.value == "mdm", device.id


def test_select_returns_only_the_selected_properties(run, graph):
    page = run(
        graph.device_management.managed_devices.get(
            list_request(select=["id", "deviceName", "complianceState"], top=10)
        )
    )
    assert len(page.value) == 10
    for device in page.value:
        assert device.id and device.device_name and device.compliance_state is not None
        assert device.operating_system is None, device.operating_system
        assert device.serial_number is None, device.serial_number


def test_orderby_sorts_the_devices(run, graph):
    page = run(
        graph.device_management.managed_devices.get(
            list_request(orderby=["deviceName desc"], select=["id", "deviceName"], top=50)
        )
    )
    names = [device.device_name for device in page.value]
    assert len(names) == 50
    # Text sorts as people read it, whatever its case: ASCII letters folded, as the server does.
    keys = [name.lower() for name in names]
    assert keys == sorted(keys, reverse=True), names


def test_top_and_count_give_one_page_and_the_total(run, graph):
    windows = "operatingSystem eq 'Windows'"
    everything = run(
        graph.device_management.managed_devices.get(
            list_request(eventual=True, filter=windows, count=True, top=1000, select=["id"])
        )
    )
    assert everything.odata_count == len(everything.value) > 5
    first = run(
        graph.device_management.managed_devices.get(
            list_request(eventual=True, filter=windows, count=True, top=5, select=["id"])
        )
    )
    assert len(first.value) == 5
    assert first.odata_count == everything.odata_count
    assert first.odata_next_link, "five of more devices: a next page"


def test_search_finds_devices_by_name_user_or_serial_number(run, graph):
    page = run(
        graph.device_management.managed_devices.get(
            list_request(eventual=True, search='"adele"', count=True, top=100)
        )
    )
    assert page.value, "Adele Vance has devices in the demo tenant"
    assert page.odata_count == len(page.value)
    for device in page.value:
        searched = [
            device.device_name,
            device.managed_device_name,
            device.user_principal_name,
            device.email_address,
            device.serial_number,
            device.imei,
        ]
        assert any("adele" in (text or "").lower() for text in searched), device.id


def test_the_count_segment_answers_the_filtered_count(run, graph):
    windows = "operatingSystem eq 'Windows'"
    listed = run(
        graph.device_management.managed_devices.get(
            list_request(eventual=True, filter=windows, count=True, top=1, select=["id"])
        )
    )
    counts = graph.device_management.managed_devices.count
    parameters = counts.CountRequestBuilderGetQueryParameters(filter=windows)
    configuration = list_request(eventual=True)
    configuration.query_parameters = parameters
    assert run(counts.get(configuration)) == listed.odata_count


def test_the_page_iterator_follows_next_links_across_every_page(run, graph):
    first = run(
        graph.device_management.managed_devices.get(
            list_request(eventual=True, count=True, top=50, select=["id", "deviceName"])
        )
    )
    total = first.odata_count
    assert total > 100, "several pages of 50"
    seen: list[str] = []

    def collect(device) -> bool:
        seen.append(device.id)
        return True

    iterator = PageIterator(first, graph.request_adapter)
    run(iterator.iterate(collect))
    assert len(seen) == total, f"{len(seen)} devices of {total}"
    assert len(set(seen)) == total, "each device once"


def test_a_client_on_v1_0_lists_the_same_devices(run, graph, client_for):
    v1 = client_for(ADMIN, "v1.0")
    beta_page = devices_where(run, graph, "operatingSystem eq 'Android'", top=20)
    v1_page = devices_where(run, v1, "operatingSystem eq 'Android'", top=20)
    assert [device.id for device in v1_page] == [device.id for device in beta_page]
