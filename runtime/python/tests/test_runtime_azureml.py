"""Azure ML credentials (_azureml.py): the refresh rule, a primaryKey as a static key, errors that name the source
and never show its output, the command form with real processes, and the credential on the wire."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time

import pytest

from clientgen_runtime._azureml import NEVER, AzureMLCredential, read_credentials
from clientgen_runtime._transport import AsyncTransport, SyncTransport
from clientgen_runtime._wire import Auth, Request
from clientgen_runtime.errors import CredentialError


def test_a_token_is_kept_until_refresh_after_or_30_s_before_expiry_whichever_is_first() -> None:
    later = {"accessToken": "t", "tokenType": "Bearer", "expiryTimeUtc": 2000, "refreshAfterTimeUtc": 1000}
    assert read_credentials(json.dumps(later), "s") == ("t", 1000.0)
    sooner = {**later, "refreshAfterTimeUtc": 1990}
    assert read_credentials(json.dumps(sooner).encode(), "s") == ("t", 1970.0)
    assert read_credentials({"accessToken": "t", "expiryTimeUtc": "2000"}, "s") == ("t", 1970.0)
    assert read_credentials({"accessToken": "t"}, "s") == ("t", NEVER)


def test_a_primary_key_is_a_static_key() -> None:
    assert read_credentials('{"primaryKey": "pk", "secondaryKey": "sk"}', "s") == ("pk", NEVER)


@pytest.mark.parametrize(
    "fetched, missing",
    [
        ('{"secondaryKey": "output-secret"}', "neither an accessToken nor a primaryKey"),
        ("not json output-secret", "no JSON"),
        ('["output-secret"]', "not an object"),
        ('{"accessToken": "output-secret", "expiryTimeUtc": "soon"}', "expiryTimeUtc is not a Unix time"),
    ],
)
def test_what_holds_no_token_is_an_error_naming_the_source_not_the_output(fetched: str, missing: str) -> None:
    with pytest.raises(CredentialError) as raised:
        AzureMLCredential(lambda: fetched, source="`az ml online-endpoint get-credentials -n e`").token()
    message = str(raised.value)
    assert missing in message and "`az ml online-endpoint get-credentials -n e`" in message
    assert "output-secret" not in message


def python(program: str, *args: str) -> list[str]:
    return [sys.executable, "-c", program, *args]


def test_the_command_is_run_without_a_shell_with_its_arguments_as_given() -> None:
    program = "import json, sys; print(json.dumps({'accessToken': sys.argv[1], 'refreshAfterTimeUtc': 5}))"
    odd = "$(echo injected); echo `x` | && 'q' \"q\""
    assert AzureMLCredential.from_command(python(program, odd)).token() == (odd, 5.0)


def test_a_failing_command_is_an_error_naming_it_and_not_its_output() -> None:
    program = "import sys; print('output-' + 'secret'); sys.stderr.write('error-' + 'secret'); sys.exit(3)"
    credential = AzureMLCredential.from_command(python(program))
    with pytest.raises(CredentialError) as raised:
        credential.token()
    message = str(raised.value)
    assert "exit status 3" in message and sys.executable in message and "import sys" in message
    assert "output-secret" not in message and "error-secret" not in message and "output-secret" not in repr(credential)
    with pytest.raises(CredentialError, match="was not found"):
        AzureMLCredential.from_command(["clientgen-no-such-command-az", "ml"]).token()
    with pytest.raises(CredentialError, match="did not finish within 0.5 s"):
        AzureMLCredential.from_command(python("import time; time.sleep(5)"), timeout=0.5).token()


def test_the_client_asks_again_once_refresh_after_has_passed(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve()
    now = time.time()
    answers = [{"accessToken": "aml-1", "refreshAfterTimeUtc": now - 1, "expiryTimeUtc": now + 3600},
               {"accessToken": "aml-2", "refreshAfterTimeUtc": now + 3600, "expiryTimeUtc": now + 3600}]
    fetched: list[dict[str, object]] = []

    def fetch() -> dict[str, object]:
        fetched.append(answers[min(len(fetched), 1)])
        return fetched[-1]

    transport = SyncTransport(server.url, AzureMLCredential(fetch), 5.0, 0, None, None)
    auth = Auth("header", "Authorization", "key")
    for _ in range(3):
        transport.send(Request("GET", "/", auth=auth))
    sent = [seen.values("Authorization") for seen in server.seen]
    assert sent == [["Bearer aml-1"], ["Bearer aml-2"], ["Bearer aml-2"]]
    assert len(fetched) == 2


def test_the_async_client_runs_the_command_off_the_event_loop(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve()
    program = "import json; print(json.dumps({'primaryKey': 'pk-1', 'secondaryKey': 'pk-2'}))"
    credential = AzureMLCredential.from_command(python(program))
    fetched_in: list[threading.Thread] = []
    token = credential.token

    def recorded() -> tuple[str, float]:
        fetched_in.append(threading.current_thread())
        return token()

    credential.token = recorded  # type: ignore[method-assign]

    async def call() -> None:
        transport = AsyncTransport(server.url, credential, 5.0, 0, None, None)
        for _ in range(2):
            await transport.send(Request("GET", "/", auth=Auth("header", "Authorization", "key")))
        await transport.close()

    asyncio.run(call())
    assert [seen.values("Authorization") for seen in server.seen] == [["Bearer pk-1"]] * 2  # a static key
    assert len(fetched_in) == 1 and fetched_in[0] is not threading.main_thread()
