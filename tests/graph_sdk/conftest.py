"""The fixtures: an event loop for the SDK's async calls, and clients signed in as the demo
accounts (see sdk.py for how the SDK is pointed at the server)."""

import asyncio

import pytest
from msgraph_beta import GraphServiceClient
from msgraph_beta.generated.models.o_data_errors.o_data_error import ODataError
from sdk import ADMIN, describe, graph_client


@pytest.fixture(scope="session")
def run():
    """Runs a coroutine on the session's event loop (the SDK's HTTP client is bound to one loop)."""
    loop = asyncio.new_event_loop()
    yield loop.run_until_complete
    loop.close()


@pytest.fixture(scope="session")
def graph(run) -> GraphServiceClient:
    """The SDK signed in as the Intune Administrator."""
    return run(_client(ADMIN))


@pytest.fixture(scope="session")
def client_for(run):
    """The SDK signed in as another account, e.g. `client_for("reader@contoso.com")`, or on
    another API version (`client_for(ADMIN, "v1.0")`)."""
    return lambda user_principal_name, api_version="beta": run(
        _client(user_principal_name, api_version)
    )


async def _client(user_principal_name: str, api_version: str = "beta") -> GraphServiceClient:
    # Built inside the loop, so that its HTTP client belongs to it.
    return graph_client(user_principal_name, api_version)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """An ODataError that fails a test is reported with the server's code and message."""
    outcome = yield
    report = outcome.get_result()
    if call.excinfo is not None and isinstance(call.excinfo.value, ODataError):
        report.sections.append(("Graph error", describe(call.excinfo.value)))
