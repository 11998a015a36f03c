"""The signed-in account: `GET /me` and `PATCH /me` (the beta SDK's `me()` is a method). Its
`preferredLanguage` is the language the console shows the account in at its next sign-in, set
here as a script sets it with Graph's SDK."""

from msgraph_beta.generated.models.user import User

from sdk import HELPDESK, odata_error


def test_a_user_sets_their_preferred_language_with_patch_me(run, client_for):
    graph = client_for(HELPDESK)
    me = run(graph.me().get())
    assert me.user_principal_name == HELPDESK
    assert me.preferred_language is None

    run(graph.me().patch(User(preferred_language="sv-SE")))
    assert run(client_for(HELPDESK).me().get()).preferred_language == "sv-SE"

    refused = odata_error(run, graph.me().patch(User(preferred_language="swedish please")))
    assert refused.response_status_code == 400
    assert refused.error.code == "badRequest"
    assert run(graph.me().get()).preferred_language == "sv-SE"
