"""Microsoft's Graph Beta SDK for Python (msgraph-beta-sdk) pointed at an Endpoint Admin server.

`scripts/graph-sdk` starts the server and sets GRAPH_SDK_BASE_URL (e.g. http://127.0.0.1:3400);
the tests sign in through `POST /auth/token` and hand the token to the SDK the way an
administrator's script hands it an Entra token: through an `AccessTokenProvider`.
"""

import json
import os
import urllib.request

import pytest
from kiota_abstractions.authentication import (
    AccessTokenProvider,
    AllowedHostsValidator,
    BaseBearerTokenAuthenticationProvider,
)
from msgraph_beta import GraphRequestAdapter, GraphServiceClient
from msgraph_beta.generated.models.o_data_errors.o_data_error import ODataError

BASE_URL = os.environ.get("GRAPH_SDK_BASE_URL", "http://127.0.0.1:3400").rstrip("/")
PASSWORD = os.environ.get("GRAPH_SDK_PASSWORD", "demo")
ADMIN = "admin@contoso.com"
READER = "reader@contoso.com"
HELPDESK = "helpdesk@contoso.com"


def sign_in(user_principal_name: str) -> str:
    """A bearer token from `POST /auth/token`."""
    body = json.dumps({"userPrincipalName": user_principal_name, "password": PASSWORD}).encode()
    request = urllib.request.Request(
        f"{BASE_URL}/auth/token",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["accessToken"]


class StaticTokenProvider(AccessTokenProvider):
    """Our token for every request; no host restriction (the server is on loopback)."""

    def __init__(self, token: str) -> None:
        self.token = token

    async def get_authorization_token(self, uri, additional_authentication_context=None) -> str:
        return self.token

    def get_allowed_hosts_validator(self) -> AllowedHostsValidator:
        return AllowedHostsValidator([])


def graph_client(user_principal_name: str, api_version: str = "beta") -> GraphServiceClient:
    """A `GraphServiceClient` signed in as `user_principal_name`, on our `/beta` (or `/v1.0`)."""
    provider = BaseBearerTokenAuthenticationProvider(StaticTokenProvider(sign_in(user_principal_name)))
    adapter = GraphRequestAdapter(provider)
    adapter.base_url = f"{BASE_URL}/{api_version}"
    return GraphServiceClient(request_adapter=adapter)


def odata_error(run, coroutine) -> ODataError:
    """The `ODataError` the call raises; fails, naming what came instead, when it raises none."""
    try:
        answer = run(coroutine)
    except ODataError as error:
        return error
    pytest.fail(f"expected an ODataError, got {answer!r}")


def describe(error: ODataError) -> str:
    """The server's status, code and message, for assertion messages."""
    main = error.error
    return f"{error.response_status_code} {main.code if main else None}: {main.message if main else error}"
