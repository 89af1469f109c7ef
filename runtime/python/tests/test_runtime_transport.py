"""The sync and async transports (_transport.py) on a real HTTP server: retries as the core decides, hooks on every
attempt, the caller's own HTTP client (used, never closed), per-call options on the wire, the 401 refresh, the
debug log, and cancelling an async call."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from types import SimpleNamespace

import httpx
import pytest

from clientgen_runtime._transport import AsyncTransport, SyncTransport
from clientgen_runtime._wire import Auth, Request, RequestOptions
from clientgen_runtime.errors import ApiError, RequestTimeoutError, TransportError

from conftest import Answer

KEY = Auth("header", "Authorization", "key")
BUSY = Answer(503, {"message": "busy"}, (("Retry-After", "0"),))


def test_hooks_see_and_change_every_attempt_and_retries_follow_the_rules(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(BUSY, Answer(200, {"id": 1}))
    seen: list[object] = []

    def on_request(request: httpx.Request) -> None:
        request.headers["x-hooked"] = str(len(seen) // 2 + 1)
        seen.append(f"{request.method} {request.url.path}")

    transport = SyncTransport(server.url, "key-123", 5.0, 2, None, None, on_request=on_request,
                              on_response=lambda response: seen.append(response.status_code))
    assert transport.send(Request("GET", "/items/a", auth=KEY)).json() == {"id": 1}
    assert seen == ["GET /items/a", 503, "GET /items/a", 200]
    assert [s.values("x-hooked") for s in server.seen] == [["1"], ["2"]]
    assert all(s.values("authorization") == ["Bearer key-123"] for s in server.seen)


def test_a_post_that_got_a_502_is_not_re_sent_and_max_retries_0_sends_once(serve) -> None:  # type: ignore[no-untyped-def]
    bad_gateway = Answer(502, {"message": "bad gateway"})
    server = serve(bad_gateway, bad_gateway, bad_gateway, Answer(200, [1.0]))
    transport = SyncTransport(server.url, "key-123", 5.0, 2, None, None, ("RunMLService",))
    with pytest.raises(ApiError) as raised:
        transport.send(Request("POST", "/score", body=b"{}", operation="Other"))
    assert raised.value.status_code == 502 and len(server.seen) == 1
    with pytest.raises(ApiError):  # marked safe, but the call allows no retry
        transport.send(Request("POST", "/score", operation="RunMLService"), (), RequestOptions(max_retries=0))
    assert len(server.seen) == 2
    assert transport.send(Request("POST", "/score", operation="RunMLService")).json() == [1.0]
    assert len(server.seen) == 4  # marked safe: re-sent after its 502


def test_the_callers_client_is_used_and_never_closed(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve()
    counted: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [counted.append]})
    transport = SyncTransport(server.url, "key-123", 5.0, 2, {"X-Default": "d"}, None, http_client=http)
    transport.send(Request("GET", "/a", auth=KEY))
    transport.close()
    assert not http.is_closed and http.get(server.url + "/b").status_code == 200
    assert len(counted) == 2
    first = server.seen[0]
    assert first.values("authorization") == ["Bearer key-123"] and first.values("x-default") == ["d"]
    assert re.match(r"runtime-tests/0\.0\.1 clientgen/", first.values("user-agent")[0])
    http.close()
    own = SyncTransport(server.url, None, 5.0, 2, None, None)
    own.close()
    assert own.http.is_closed
    with pytest.raises(ValueError, match="ca_bundle"):
        SyncTransport(server.url, None, 5.0, 2, None, "ca.pem", http_client=httpx.Client())


def test_a_calls_header_replaces_the_clients_on_the_wire(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve()
    transport = SyncTransport(server.url, "key-123", 5.0, 2, {"azureml-model-deployment": "green"}, None)
    options = RequestOptions(headers={"AzureML-Model-Deployment": "blue"})
    transport.send(Request("GET", "/a", auth=KEY), (), options)
    transport.send(Request("GET", "/a", auth=KEY))
    assert [s.values("azureml-model-deployment") for s in server.seen] == [["blue"], ["green"]]


def test_the_calls_timeout_fires_and_is_named(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(200, "late", delay=1.0))
    transport = SyncTransport(server.url, None, 60.0, 0, None, None)
    started = time.monotonic()
    with pytest.raises(RequestTimeoutError, match=r"within 0\.2 s \(the call's timeout\)") as raised:
        transport.send(Request("GET", "/"), (), RequestOptions(timeout=0.2))
    assert time.monotonic() - started < 0.9 and "60" not in str(raised.value)


def test_a_refused_connection_is_a_transport_error() -> None:
    transport = SyncTransport("http://127.0.0.1:9", None, 5.0, 0, None, None)
    with pytest.raises(TransportError, match="GET /x: ConnectError"):
        transport.send(Request("GET", "/x"))


def test_a_401_asks_the_provider_again_and_re_sends_once(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(401, {"message": "expired"}), Answer(200, "ok"))
    tokens = iter(["t1", "t2"])
    transport = SyncTransport(server.url, lambda: (next(tokens), time.time() + 3600), 5.0, 0, None, None)
    transport.send(Request("GET", "/", auth=KEY))
    assert [s.values("authorization") for s in server.seen] == [["Bearer t1"], ["Bearer t2"]]


def test_each_attempt_is_logged_without_secrets(serve, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    server = serve(BUSY, Answer(200, {"id": 1}))
    caplog.set_level(logging.DEBUG, logger="clientgen_runtime")
    transport = SyncTransport(server.url, "key-123", 5.0, 2, None, None, secret_headers=("x-trace-id",))
    request = Request("GET", "/items/a", [("q", "query-secret")], {"X-Trace-Id": "trace-secret"}, auth=KEY)
    transport.send(request)
    lines = [record.getMessage() for record in caplog.records if record.name == "clientgen_runtime"]
    url = "GET " + re.escape(server.url) + r"/items/a\?q=\*\*\*"
    assert [bool(re.fullmatch(pattern, line)) for pattern, line in zip(
        [url + " request headers: .*", url + r" -> 503 in \d+ ms \(retry 0\)",
         url + " request headers: .*", url + r" -> 200 in \d+ ms \(retry 1\)"], lines)] == [True] * 4, lines
    assert "authorization: ***" in lines[0] and "x-trace-id: ***" in lines[0]
    assert not re.search("key-123|query-secret|trace-secret", "\n".join(lines))


def test_the_async_transport_takes_async_hooks_and_providers(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(BUSY, Answer(200, "ok"))
    seen: list[object] = []

    async def provider() -> tuple[str, float]:
        await asyncio.sleep(0)
        return "async-token", time.time() + 3600

    async def on_request(request: httpx.Request) -> None:
        await asyncio.sleep(0)
        seen.append(request.url.path)

    async def call() -> bytes:
        http = httpx.AsyncClient()
        transport = AsyncTransport(server.url, provider, 5.0, 2, None, None, http_client=http,
                                   on_request=on_request, on_response=lambda r: seen.append(r.status_code))
        response = await transport.send(Request("GET", "/h", auth=KEY))
        await transport.close()
        assert not http.is_closed
        await http.aclose()
        return response.content

    assert asyncio.run(call()) == b'"ok"'
    assert seen == ["/h", 503, "/h", 200]
    assert [s.values("authorization") for s in server.seen] == [["Bearer async-token"]] * 2


def test_cancelling_an_async_call_ends_it_at_once(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(200, "late", delay=2.0))

    async def call() -> float:
        transport = AsyncTransport(server.url, None, 60.0, 2, None, None)
        started = time.monotonic()
        task = asyncio.create_task(transport.send(Request("GET", "/")))
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await transport.close()
        return time.monotonic() - started

    assert asyncio.run(call()) < 1.0


def test_an_async_azure_identity_credential_is_awaited_for_its_scopes(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve()
    scopes: list[tuple[str, ...]] = []

    class Identity:
        async def get_token(self, *asked: str) -> SimpleNamespace:
            scopes.append(asked)
            return SimpleNamespace(token="entra-token", expires_on=int(time.time()) + 3600)

    async def call() -> None:
        transport = AsyncTransport(server.url, Identity(), 5.0, 0, None, None, credential_scopes=("api://x/.default",))
        await transport.send(Request("GET", "/", auth=KEY))
        await transport.close()

    asyncio.run(call())
    assert scopes == [("api://x/.default",)]
    assert server.seen[0].values("authorization") == ["Bearer entra-token"]
