"""The organization and its MDM authority. `scripts/graph-sdk` starts the tenant with the
authority GRAPH_SDK_MDM_AUTHORITY (`unknown`), so the first-time setup can be driven."""

import os

from sdk import READER, odata_error


def authority(run, graph) -> str:
    organizations = run(graph.organization.get()).value
    assert len(organizations) == 1
    return organizations[0].mobile_device_management_authority.value


def test_an_administrator_makes_intune_the_mdm_authority_and_a_reader_may_not(
    run, graph, client_for
):
    assert authority(run, graph) == os.environ.get("GRAPH_SDK_MDM_AUTHORITY", "unknown")
    organization = run(graph.organization.get()).value[0]
    assert organization.id and organization.display_name

    reader = client_for(READER)
    refused = odata_error(
        run,
        reader.organization.by_organization_id(organization.id).set_mobile_device_management_authority.post(),
    )
    assert refused.response_status_code == 403
    assert refused.error.code == "accessDenied"

    answer = run(
        graph.organization.by_organization_id(organization.id).set_mobile_device_management_authority.post()
    )
    assert answer.value == 1
    assert authority(run, graph) == "intune"
