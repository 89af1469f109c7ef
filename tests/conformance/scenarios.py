"""The scenarios of docs/client-contract.md that every language's generated client must pass, as data.

Each driver (tests/conformance/drivers/<language>/) is one program, built from the SDK generated for
fixtures/specs/conformance.yaml (package name `conformance-client`). It is run once with arguments
`SCENARIO=BASE_URL ...` and prints one JSON line per scenario:

    {"scenario": NAME, "ok": RESULT}                         the call returned RESULT (as JSON, wire names)
    {"scenario": NAME, "error": "api", "status": N, "message": TEXT, "error_message": TEXT-or-null}
    {"scenario": NAME, "error": "transport" | "timeout" | "decode", "message": TEXT}
    {"scenario": NAME, "error": "invalid", "message": TEXT}   the SDK refused the call before sending anything
                                                              (or the value could not be built)
    {"scenario": NAME, "error": "operation", "status": "Failed" | "Canceled", "message": TEXT}
                                                              a long-running operation ended without success

`error_message` is the `message` field of the parsed ErrorResponse model (null when the body did not parse).
What each driver does for a scenario is said in `call` below, in words; the same words hold in every language.
Unless a scenario says otherwise the client is built with the scenario's base URL, credential "key-123",
default timeout and retries.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .server import Recorded, Reply

ROWS = [[1.5, 2.5, -3.25]]
UNICODE_NAME = "héllo wörld ✓ 日本語 🚀 \"quoted\" \\ back"
BIG_ID = 9007199254740993  # 2**53 + 1: lost by any float64 on the way
BINARY = bytes(range(256))
PNG = b"\x89PNG\r\n\x1a\n" + bytes(24)
DOWNLOAD = bytes(range(256)) * 4096  # 1 MiB, read by the SDK as a stream
SSE_BODY = (
    b": a comment, ignored\n"
    b"event: created\n"
    b"id: 1\n"
    b"retry: 3000\n"
    b'data: {"id": 1,\n'
    b'data:  "name": "a"}\n'
    b"\n"
    b": another comment\r\n"
    b'data:{"id": 2, "name": "b"}\r\n'
    b"\r\n"
    b"event: ignored-without-data\n"
    b"\n"
    b"id: 3\n"
    b'data: {"id": 3, "name": "c"}\n'
    b"\n"
    b"data: [DONE]\n"
    b"\n"
    b'data: {"id": 4, "name": "after the end"}\n'
    b"\n"
)
BASIC_USER, BASIC_PASSWORD = "user", "pa:ss wörd"


@dataclass(frozen=True)
class Scenario:
    name: str
    call: str  # what the driver does, in words
    replies: list[Reply]
    outcome: dict  # the driver's printed line must contain these keys and values
    requests: list[dict]  # per request received, the canonical fields it must have (a subset)
    check: Callable[[list[Recorded], dict], None] | None = None  # anything a subset cannot say
    tags: tuple[str, ...] = field(default_factory=tuple)
    driver_sent: tuple[int, ...] = ()  # indexes of requests the driver sent itself, not through the SDK

    def sdk_requests(self, requests: list[Recorded]) -> list[Recorded]:
        """The requests the SDK sent: the ones every language must send alike."""
        return [r for index, r in enumerate(requests) if index not in self.driver_sent]


def _gap_at_least(seconds: float, first: int = 0, second: int = 1) -> Callable[[list[Recorded], dict], None]:
    def check(requests: list[Recorded], outcome: dict) -> None:
        gap = requests[second].at - requests[first].at
        assert gap >= seconds, f"retried after {gap:.2f}s, Retry-After asked for {seconds:g}s"
    return check


def _user_agent(requests: list[Recorded], outcome: dict) -> None:
    agent = requests[0].headers.get("user-agent", "")
    assert re.fullmatch(r"conformance-client/0\.1\.0 clientgen/\S+ (python|csharp|go|java)/\S+", agent), agent


def _same_instant(requests: list[Recorded], outcome: dict) -> None:
    import json

    sent = json.loads(requests[0].body)["created"]
    back = outcome["ok"]["created"]
    want = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
    for text in (sent, back):
        assert datetime.datetime.fromisoformat(text.replace("Z", "+00:00")) == want, text


def _int64_exact(requests: list[Recorded], outcome: dict) -> None:
    assert str(BIG_ID).encode() in requests[0].body, requests[0].body


def _no_secret_in_message(requests: list[Recorded], outcome: dict) -> None:
    assert "key-123" not in outcome.get("message", ""), outcome


class _LogLines:
    """Matches any list of strings: what the log must say is checked by _logged."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, list) and all(isinstance(line, str) for line in other)

    def __repr__(self) -> str:
        return "[log lines]"


LOG_LINES = _LogLines()


def _record(id_: int, name: str) -> dict:
    return {"id": id_, "name": name}


def _page(names: str, next_link: str | None) -> dict:
    return {"value": [_record(i, n) for i, n in enumerate(names, 1)], "nextLink": next_link}


def _closed_early(requests: list[Recorded], outcome: dict) -> None:
    assert requests[0].closed_early, "the server wrote every event: the SDK did not close the stream"
    assert outcome["ok"]["seconds"] < 1.5, outcome
_RESPONSE_LINE = r"GET http://127\.0\.0\.1:\d+/items/a\?q=\*\*\* -> {status} in \d+ ms \(retry {retry}\)"


def _logged(lines: list[str]) -> None:
    """The contract's log: one line per response, 'METHOD URL -> STATUS in N ms (retry R)' with query values shown
    as ***, and one line of the request's headers in which the credential and secret-marked headers are ***."""
    text = "\n".join(lines)
    for secret in ("key-123", "query-secret", "trace-secret"):
        assert secret not in text, f"the log shows {secret!r}:\n{text}"
    for status, retry in ((503, 0), (200, 1)):
        pattern = _RESPONSE_LINE.format(status=status, retry=retry)
        assert any(re.fullmatch(pattern, line) for line in lines), f"no line matches {pattern}:\n{text}"
    for header in ("authorization", "x-trace-id"):
        assert re.search(rf"(?i)\b{header}: \*\*\*", text), f"no '{header}: ***' in the log:\n{text}"


SCENARIOS = [
    Scenario(
        "auth_key",
        "run_ml_service(ServiceInput(data=ROWS)) with credential 'key-123'",
        [Reply(200, [0.5])],
        {"ok": [0.5]},
        [{"method": "POST", "path": "/score", "authorization": "Bearer key-123", "content_type": "application/json",
          "body": {"data": ROWS}, "query": []}],
    ),
    Scenario(
        "token_refresh",
        "credential = a token provider returning ('token-1', now + 5 s), then ('token-2', now + 3600 s); "
        "service_health_check() three times; print the last result",
        [Reply(200, "Healthy")],
        {"ok": "Healthy"},
        [{"authorization": "Bearer token-1"}, {"authorization": "Bearer token-2"},
         {"authorization": "Bearer token-2"}],
    ),
    Scenario(
        "refresh_after_401",
        "credential = a token provider returning ('token-1', now + 3600 s), then ('token-2', now + 3600 s); "
        "service_health_check() once",
        [Reply(401, {"message": "expired"}), Reply(200, "Healthy")],
        {"ok": "Healthy"},
        [{"authorization": "Bearer token-1"}, {"authorization": "Bearer token-2"}],
    ),
    Scenario(
        "typed_error",
        "run_ml_service(ServiceInput(data=ROWS))",
        [Reply(400, {"status_code": 400, "message": "bad input"})],
        {"error": "api", "status": 400, "message": "bad input", "error_message": "bad input"},
        [{"path": "/score"}],
        _no_secret_in_message,
    ),
    Scenario(
        "html_502",
        "client with max_retries 0; run_ml_service(ServiceInput(data=ROWS))",
        [Reply(502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", (("Content-Type", "text/html"),))],
        {"error": "api", "status": 502, "error_message": None},
        [{"path": "/score"}],
        lambda requests, outcome: (_no_secret_in_message(requests, outcome),
                                   _assert("502 Bad Gateway" in outcome["message"], outcome)),
    ),
    Scenario(
        "retry_503",
        "run_ml_service(ServiceInput(data=ROWS)) with default retries",
        [Reply(503, {"message": "busy"}, (("Retry-After", "1"),)), Reply(200, [1.0])],
        {"ok": [1.0]},
        [{"body": {"data": ROWS}}, {"body": {"data": ROWS}}],
        _gap_at_least(0.9),
    ),
    Scenario(
        "timeout",
        "client with timeout 0.5 s and max_retries 0; service_health_check()",
        [Reply(200, "Healthy", delay=3.0)],
        {"error": "timeout"},
        [{"path": "/"}],
    ),
    Scenario(
        "transport_error",
        "client with max_retries 0 and the given base URL (nothing listens there); service_health_check()",
        [],
        {"error": "transport"},
        [],
    ),
    Scenario(
        "binary_upload",
        "upload_image(BINARY) where BINARY is the 256 bytes 0x00..0xff",
        [Reply(200, {"size": 256, "content_type": "application/octet-stream"})],
        {"ok": {"size": 256, "content_type": "application/octet-stream"}},
        [{"path": "/upload", "content_type": "application/octet-stream", "body": BINARY.hex()}],
    ),
    Scenario(
        "unicode_round_trip",
        "echo_record(Record(id=1, name=UNICODE_NAME))",
        [Reply(echo=True)],
        {"ok": {"id": 1, "name": UNICODE_NAME}},
        [{"path": "/records", "body": {"id": 1, "name": UNICODE_NAME}}],
    ),
    Scenario(
        "int64_precision",
        "echo_record(Record(id=BIG_ID, name='big'))",
        [Reply(echo=True)],
        {"ok": {"id": BIG_ID, "name": "big"}},
        [{"body": {"id": BIG_ID, "name": "big"}}],
        _int64_exact,
    ),
    Scenario(
        "unknown_fields",
        "echo_record(Record(id=7, name='x'))",
        [Reply(200, {"id": 7, "name": "x", "surprise": {"nested": [1, 2]}, "more": None})],
        {"ok": {"id": 7, "name": "x"}},
        [{"body": {"id": 7, "name": "x"}}],
    ),
    Scenario(
        "null_and_unset",
        "echo_record(Record(id=2, name='n', nickname=explicit null)); tags and created left unset",
        [Reply(echo=True)],
        {"ok": {"id": 2, "name": "n", "nickname": None}},
        [{"body": {"id": 2, "name": "n", "nickname": None}}],
    ),
    Scenario(
        "date_time",
        "echo_record(Record(id=3, name='t', created=2024-05-06T07:08:09Z))",
        [Reply(echo=True)],
        {},
        [{"path": "/records"}],
        _same_instant,
    ),
    Scenario(
        "path_query_encoding",
        "get_item('a/b c?%ü', tags=['x y', 'z&w'], q='1+1=2', x_trace_id='trace-1')",
        [Reply(200, {"id": 5, "name": "item"})],
        {"ok": {"id": 5, "name": "item"}},
        [{"method": "GET", "path": "/items/a%2Fb%20c%3F%25%C3%BC",
          "query": [["tags", "x y"], ["tags", "z&w"], ["q", "1+1=2"]], "x_trace_id": "trace-1"}],
    ),
    Scenario(
        "user_agent",
        "service_health_check()",
        [Reply(200, "Healthy")],
        {"ok": "Healthy"},
        [{"path": "/"}],
        _user_agent,
    ),
    Scenario(
        "raw_send",
        "send('POST', '/score', body=b'{\"data\":[[1]]}', headers={'Content-Type': 'application/json'}); "
        "print {\"status\": status code, \"body\": body as text}",
        [Reply(200, [0.5])],
        {"ok": {"status": 200, "body": "[0.5]"}},
        [{"method": "POST", "path": "/score", "authorization": "Bearer key-123", "body": {"data": [[1]]},
          "content_type": "application/json"}],
    ),
]


SCENARIOS += [
    # ---- credentials per operation: only where the spec requires them, in the scheme's own place and form
    Scenario(
        "auth_none_for_public",
        "get_public() with credential 'key-123' (the operation has security: [])",
        [Reply(200, "anyone")],
        {"ok": "anyone"},
        [{"path": "/public", "authorization": None, "query": [], "cookie": None}],
    ),
    Scenario(
        "auth_header_key",
        "get_with_header_key() with credential 'key-123'",
        [Reply(200, "ok")],
        {"ok": "ok"},
        [{"path": "/keys/header", "x_api_key": "key-123", "authorization": None}],
    ),
    Scenario(
        "auth_query_key",
        "get_with_query_key() with credential 'key-123'",
        [Reply(200, "ok")],
        {"ok": "ok"},
        [{"path": "/keys/query", "query": [["api_key", "key-123"]], "authorization": None}],
    ),
    Scenario(
        "auth_cookie_key",
        "get_with_cookie_key() with credential 'key-123'",
        [Reply(200, "ok")],
        {"ok": "ok"},
        [{"path": "/keys/cookie", "cookie": "session=key-123", "authorization": None}],
    ),
    Scenario(
        "auth_basic",
        f"get_with_basic() with credential basic({BASIC_USER!r}, {BASIC_PASSWORD!r})",
        [Reply(200, "ok")],
        {"ok": "ok"},
        [{"path": "/basic", "authorization": "Basic " + base64.b64encode(
            f"{BASIC_USER}:{BASIC_PASSWORD}".encode()).decode()}],
    ),
    Scenario(
        "auth_oauth",
        "get_with_oauth() with credential = a token provider returning ('token-1', now + 3600 s)",
        [Reply(200, "ok")],
        {"ok": "ok"},
        [{"path": "/oauth", "authorization": "Bearer token-1"}],
    ),
    Scenario(
        "async_token_provider",
        "the asynchronous call (Python AsyncClient, C# ...Async, Java ...Async; Go: the call itself) with an "
        "asynchronous token provider (Go: a TokenProvider) returning ('token-1', now + 3600 s); "
        "service_health_check()",
        [Reply(200, "Healthy")],
        {"ok": "Healthy"},
        [{"path": "/", "authorization": "Bearer token-1"}],
    ),
    # ---- content negotiation
    Scenario(
        "accept_declared",
        "get_image(); print {\"size\": number of bytes returned}",
        [Reply(200, PNG, (("Content-Type", "image/png"),))],
        {"ok": {"size": len(PNG)}},
        [{"path": "/image", "accept": "image/png, application/json"}],
    ),
    Scenario(
        "accept_text",
        "get_text()",
        [Reply(200, b"plain words", (("Content-Type", "text/plain"),))],
        {"ok": "plain words"},
        [{"path": "/text", "accept": "text/plain"}],
    ),
    # ---- retries only where a re-send is safe
    Scenario(
        "retry_post_502_not_resent",
        "run_ml_service(ServiceInput(data=ROWS)) with default retries",
        [Reply(502, {"message": "bad gateway"}), Reply(200, [1.0])],
        {"error": "api", "status": 502},
        [{"method": "POST", "path": "/score"}],
    ),
    Scenario(
        "retry_get_502",
        "get_item('a') with default retries",
        [Reply(502, {"message": "bad gateway"}), Reply(200, {"id": 5, "name": "item"})],
        {"ok": {"id": 5, "name": "item"}},
        [{"method": "GET", "path": "/items/a"}, {"method": "GET", "path": "/items/a"}],
    ),
    Scenario(
        "retry_post_429",
        "run_ml_service(ServiceInput(data=ROWS)) with default retries",
        [Reply(429, {"message": "slow down"}, (("Retry-After", "0"),)), Reply(200, [1.0])],
        {"ok": [1.0]},
        [{"body": {"data": ROWS}}, {"body": {"data": ROWS}}],
    ),
    Scenario(
        "retry_idempotency_key",
        "create_order(Order(items=['a']), idempotency_key='order-1') with default retries",
        [Reply(502, {"message": "bad gateway"}), Reply(201, {"items": ["a"]})],
        {"ok": {"items": ["a"]}},
        [{"idempotency_key": "order-1", "body": {"items": ["a"]}},
         {"idempotency_key": "order-1", "body": {"items": ["a"]}}],
    ),
    Scenario(
        "retry_marked_safe",
        "a client whose options mark the operation 'RunMLService' (the spec's operationId) safe to retry; "
        "run_ml_service(ServiceInput(data=ROWS))",
        [Reply(502, {"message": "bad gateway"}), Reply(200, [2.0])],
        {"ok": [2.0]},
        [{"path": "/score"}, {"path": "/score"}],
    ),
    Scenario(
        "retry_per_call",
        "get_item('a') with the call's own option max_retries 0 (the client keeps its default)",
        [Reply(503, {"message": "busy"}, (("Retry-After", "0"),)), Reply(200, {"id": 5, "name": "item"})],
        {"error": "api", "status": 503},
        [{"path": "/items/a"}],
    ),
    Scenario(
        "retry_post_after_send",
        "run_ml_service(ServiceInput(data=ROWS)) with default retries",
        [Reply(drop=True), Reply(200, [1.0])],
        {"error": "transport"},
        [{"path": "/score"}],
    ),
    Scenario(
        "retry_get_after_send",
        "get_item('a') with default retries",
        [Reply(drop=True), Reply(200, {"id": 5, "name": "item"})],
        {"ok": {"id": 5, "name": "item"}},
        [{"path": "/items/a"}, {"path": "/items/a"}],
    ),
    # ---- per-call options, the caller's own HTTP client, hooks, logging, Azure ML credentials
    Scenario(
        "call_timeout",
        "client with the default timeout (60 s) and max_retries 0; service_health_check() with the call's own "
        "option timeout 0.3 s (Python RequestOptions(timeout=0.3), C# RequestOptions { Timeout }, Go "
        "WithCallTimeout, Java RequestOptions().timeout(...))",
        [Reply(200, "Healthy", delay=3.0)],
        {"error": "timeout"},
        [{"path": "/"}],
        lambda requests, outcome: _names_the_callers_deadline(outcome["message"]),
    ),
    Scenario(
        "call_header",
        "client with the default header 'azureml-model-deployment: green'; get_item('a') with the call's own "
        "option header 'azureml-model-deployment: blue'; then get_item('a') with no options; print the second result",
        [Reply(200, {"id": 1, "name": "first"}), Reply(200, {"id": 2, "name": "second"})],
        {"ok": {"id": 2, "name": "second"}},
        [{"path": "/items/a", "azureml_model_deployment": "blue"},
         {"path": "/items/a", "azureml_model_deployment": "green"}],
        lambda requests, outcome: _assert(
            requests[0].header_values("azureml-model-deployment") == ["blue"], requests[0].header_lines),
    ),
    Scenario(
        "call_no_retries_post",
        "a client whose options mark 'RunMLService' safe to retry and allow 2 retries; "
        "run_ml_service(ServiceInput(data=ROWS)) with the call's own option max_retries 0",
        [Reply(502, {"message": "bad gateway"}), Reply(200, [2.0])],
        {"error": "api", "status": 502},
        [{"path": "/score"}],
    ),
    Scenario(
        "hook_sees_attempts",
        "a client with the SDK's request hook (Python a callable, C# a DelegatingHandler in ClientOptions, Go "
        "a RoundTripper wrapping the client's transport, Java an interceptor in the builder) that before each request "
        "is sent adds the header 'x-hooked: N' (N = 1, 2, ... per request it sees) and records 'METHOD PATH' (the "
        "URL's path, no query), and after each response records its status as a number; get_item('a') with default "
        "retries; print {\"seen\": the records in order}",
        [Reply(503, {"message": "busy"}, (("Retry-After", "0"),)), Reply(200, {"id": 5, "name": "item"})],
        {"ok": {"seen": ["GET /items/a", 503, "GET /items/a", 200]}},
        [{"path": "/items/a", "x_hooked": "1", "authorization": "Bearer key-123"},
         {"path": "/items/a", "x_hooked": "2", "authorization": "Bearer key-123"}],
    ),
    Scenario(
        "own_http_client",
        "the caller builds its own HTTP client that counts the requests it sends (Python an httpx.Client with a "
        "request event hook, C# an HttpClient over a counting DelegatingHandler, Go an http.Client whose Transport "
        "counts, Java a java.net.http.HttpClient the driver wraps to count) and gives it to the SDK client "
        "(credential 'key-123', timeout 5 s); get_item('a'); closes the SDK client where it has a close; then sends "
        "GET BASE_URL/items/a with its own client directly; print {\"counted\": the count, \"status\": the status "
        "of that direct request}",
        [Reply(200, {"id": 5, "name": "item"}), Reply(200, {"id": 5, "name": "item"})],
        {"ok": {"counted": 2, "status": 200}},
        [{"path": "/items/a", "authorization": "Bearer key-123"}, {"path": "/items/a", "authorization": None}],
        _user_agent,
        driver_sent=(1,),
    ),
    Scenario(
        "logging",
        "a client whose log the driver captures at its most detailed level (Python a handler on "
        "logging.getLogger('conformance_client'), C# ClientOptions' logging callback, Go WithLogger(an slog.Logger "
        "over a handler into a buffer), Java the builder's logger(a System.Logger of the driver's)) and that marks "
        "the header 'x-trace-id' secret; get_item('a', q='query-secret', x_trace_id='trace-secret') with default "
        "retries; print {\"log\": the captured messages, one string each}",
        [Reply(503, {"message": "busy"}, (("Retry-After", "0"),)), Reply(200, {"id": 5, "name": "item"})],
        {"ok": {"log": LOG_LINES}},
        [{"path": "/items/a", "x_trace_id": "trace-secret", "query": [["q", "query-secret"]]},
         {"path": "/items/a", "x_trace_id": "trace-secret", "query": [["q", "query-secret"]]}],
        lambda requests, outcome: _logged(outcome["ok"]["log"]),
    ),
    Scenario(
        "azureml_credentials",
        "credential = the SDK's Azure ML credential built from a callable that yields the JSON text "
        "`az ml online-endpoint get-credentials` prints: first {\"accessToken\": \"aml-1\", \"tokenType\": "
        "\"Bearer\", \"expiryTimeUtc\": NOW + 3600, \"refreshAfterTimeUtc\": NOW + 1}, then the same with "
        "\"aml-2\" and refreshAfterTimeUtc NOW + 3600 (NOW: the current Unix time in whole seconds, rounded "
        "down); service_health_check(); wait 2.5 s; service_health_check() twice; print the last result",
        [Reply(200, "Healthy")],
        {"ok": "Healthy"},
        [{"authorization": "Bearer aml-1"}, {"authorization": "Bearer aml-2"}, {"authorization": "Bearer aml-2"}],
    ),
    Scenario(
        "call_cancel",
        "service_health_check() started without waiting (Python the AsyncClient's call in a task, cancelled after "
        "0.3 s; C# a CancellationToken cancelled after 300 ms; Go a context cancelled after 300 ms; Java the future "
        "of the async method, cancelled after 300 ms); print {\"cancelled\": whether the call ended as cancelled "
        "(Python CancelledError, C# OperationCanceledException or the SDK's timeout error, Go an error that is "
        "context.Canceled, Java a CancellationException), \"seconds\": from the start until the call ended}",
        [Reply(200, "Healthy", delay=3.0)],
        {"ok": {"cancelled": True}},
        [{"path": "/"}],
        lambda requests, outcome: _assert(outcome["ok"]["seconds"] < 2.0, outcome),
    ),
    # ---- pages: items across pages, fetched lazily; an error surfaces on the page that failed
    Scenario(
        "page_next_link",
        "list_pages() (x-ms-pageable: the page's nextLink names the next); print the names of all items in order",
        [Reply(200, _page("ab", "{base}/paged?page=2")), Reply(200, _page("c", None))],
        {"ok": ["a", "b", "c"]},
        [{"method": "GET", "path": "/paged", "query": [], "authorization": "Bearer key-123"},
         {"method": "GET", "path": "/paged", "query": [["page", "2"]], "authorization": "Bearer key-123"}],
    ),
    Scenario(
        "page_empty_last",
        "list_pages() read page by page (Python by_page(), C# AsPages(), Go NextPage, Java byPage()); print each "
        "page's item names, one list per page",
        [Reply(200, _page("ab", "{base}/paged?page=2")), Reply(200, _page("", None))],
        {"ok": [["a", "b"], []]},
        [{"path": "/paged", "query": []}, {"path": "/paged", "query": [["page", "2"]]}],
    ),
    Scenario(
        "page_lazy",
        "list_pages() read page by page; stop after the first page; print its item names",
        [Reply(200, _page("ab", "{base}/paged?page=2")), Reply(200, _page("c", None))],
        {"ok": ["a", "b"]},
        [{"path": "/paged", "query": []}],
    ),
    Scenario(
        "page_error_on_2",
        "list_pages() with max_retries 0, iterating items; on the API error print {\"items\": the names read "
        "before it, \"status\": its status}",
        [Reply(200, _page("ab", "{base}/paged?page=2")), Reply(500, {"status_code": 500, "message": "page lost"})],
        {"ok": {"items": ["a", "b"], "status": 500}},
        [{"path": "/paged", "query": []}, {"path": "/paged", "query": [["page", "2"]]}],
    ),
    Scenario(
        "page_link_header",
        "list_linked() (the config marks it: the Link header names the next page); print the names of all items",
        [Reply(200, [_record(1, "a"), _record(2, "b")],
               (("Link", '<{base}/linked?page=2>; rel="next", <{base}/linked?page=1>; rel="first"'),)),
         Reply(200, [_record(3, "c")], (("Link", '<{base}/linked?page=1>; rel="first"'),))],
        {"ok": ["a", "b", "c"]},
        [{"path": "/linked", "query": []}, {"path": "/linked", "query": [["page", "2"]]}],
    ),
    Scenario(
        "page_cursor",
        "list_cursor(limit=2) (the config: cursor in the query parameter 'cursor', items in 'data', the next "
        "cursor in 'next_cursor'); print the names of all items",
        [Reply(200, {"data": [_record(1, "a"), _record(2, "b")], "next_cursor": "c2"}),
         Reply(200, {"data": [_record(3, "c")], "next_cursor": None})],
        {"ok": ["a", "b", "c"]},
        [{"path": "/cursor", "query": [["limit", "2"]]}, {"path": "/cursor", "query": [["limit", "2"], ["cursor", "c2"]]}],
    ),
    Scenario(
        "page_offset",
        "list_offset() (the config: the query parameter 'offset' counts items, items in 'items'); print the names "
        "of all items",
        [Reply(200, {"items": [_record(1, "a"), _record(2, "b")]}), Reply(200, {"items": [_record(3, "c")]}),
         Reply(200, {"items": []})],
        {"ok": ["a", "b", "c"]},
        [{"path": "/offset", "query": []}, {"path": "/offset", "query": [["offset", "2"]]},
         {"path": "/offset", "query": [["offset", "3"]]}],
    ),
    # ---- long-running operations: polled at Retry-After (default 1 s) to success, failure or cancellation
    Scenario(
        "lro_success",
        "start_job(JobInput(name='j')) (Python begin_start_job, C# StartStartJobAsync, Go BeginStartJob, Java "
        "beginStartJob) and wait for its result; print it",
        [Reply(202, None, (("Operation-Location", "{base}/operations/1"), ("Location", "{base}/jobs/1"),
                           ("Retry-After", "0"))),
         Reply(200, {"status": "Running"}, (("Retry-After", "0"),)),
         Reply(200, {"status": "Succeeded"}),
         Reply(200, {"id": "1", "state": "done"})],
        {"ok": {"id": "1", "state": "done"}},
        [{"method": "POST", "path": "/jobs", "body": {"name": "j"}, "authorization": "Bearer key-123"},
         {"method": "GET", "path": "/operations/1", "authorization": "Bearer key-123"},
         {"method": "GET", "path": "/operations/1"},
         {"method": "GET", "path": "/jobs/1"}],
    ),
    Scenario(
        "lro_failure",
        "start_job(JobInput(name='j')) and wait for its result",
        [Reply(202, None, (("Operation-Location", "{base}/operations/1"), ("Retry-After", "0"))),
         Reply(200, {"status": "Failed", "error": {"code": "Boom", "message": "it broke"}})],
        {"error": "operation", "status": "Failed"},
        [{"method": "POST", "path": "/jobs"}, {"method": "GET", "path": "/operations/1"}],
        lambda requests, outcome: _assert("it broke" in outcome["message"], outcome),
    ),
    Scenario(
        "lro_canceled",
        "start_job(JobInput(name='j')) and wait for its result",
        [Reply(202, None, (("Operation-Location", "{base}/operations/1"), ("Retry-After", "0"))),
         Reply(200, {"status": "Canceled"})],
        {"error": "operation", "status": "Canceled"},
        [{"method": "POST", "path": "/jobs"}, {"method": "GET", "path": "/operations/1"}],
    ),
    Scenario(
        "lro_retry_after",
        "start_job(JobInput(name='j')) and wait for its result; print it",
        [Reply(202, None, (("Operation-Location", "{base}/operations/1"), ("Location", "{base}/jobs/1"),
                           ("Retry-After", "0"))),
         Reply(200, {"status": "Running"}, (("Retry-After", "1"),)),
         Reply(200, {"status": "Succeeded"}),
         Reply(200, {"id": "1", "state": "done"})],
        {"ok": {"id": "1", "state": "done"}},
        [{"path": "/jobs"}, {"path": "/operations/1"}, {"path": "/operations/1"}, {"path": "/jobs/1"}],
        _gap_at_least(0.9, 1, 2),
    ),
    Scenario(
        "lro_original_uri",
        "run_job('7', JobInput(name='j')) (a PUT whose 201 names Azure-AsyncOperation; the result is read at the "
        "operation's own URL) and wait for its result; print it",
        [Reply(201, {"id": "7", "state": "starting"}, (("Azure-AsyncOperation", "{base}/ops/7"),
                                                       ("Retry-After", "0"))),
         Reply(200, {"status": "InProgress"}, (("Retry-After", "0"),)),
         Reply(200, {"status": "succeeded"}),
         Reply(200, {"id": "7", "state": "done"})],
        {"ok": {"id": "7", "state": "done"}},
        [{"method": "PUT", "path": "/jobs/7", "body": {"name": "j"}}, {"method": "GET", "path": "/ops/7"},
         {"method": "GET", "path": "/ops/7"}, {"method": "GET", "path": "/jobs/7", "body": None}],
    ),
    Scenario(
        "lro_location",
        "export_job() (a 202 naming Location, polled until it answers 200) and wait for its result; print it",
        [Reply(202, None, (("Location", "{base}/exports/1"), ("Retry-After", "0"))),
         Reply(202, None, (("Retry-After", "0"),)),
         Reply(200, {"id": "e1", "state": "exported"})],
        {"ok": {"id": "e1", "state": "exported"}},
        [{"method": "POST", "path": "/exports"}, {"method": "GET", "path": "/exports/1"},
         {"method": "GET", "path": "/exports/1"}],
    ),
    # ---- streams: decoded as they come; closing early closes the connection
    Scenario(
        "sse_events",
        "stream_events(); print one {\"event\", \"id\", \"retry\", \"data\"} object per event in order (id: the "
        "last event ID, kept from earlier events as the SSE specification says; retry: the event's own, or null)",
        [Reply(200, chunks=(SSE_BODY[:40], SSE_BODY[40:]), chunk_delay=0.05)],
        {"ok": [{"event": "created", "id": "1", "retry": 3000, "data": _record(1, "a")},
                {"event": "message", "id": "1", "retry": None, "data": _record(2, "b")},
                {"event": "message", "id": "3", "retry": None, "data": _record(3, "c")}]},
        [{"method": "GET", "path": "/events", "accept": "text/event-stream"}],
    ),
    Scenario(
        "sse_early_close",
        "stream_events(); read the first event, then close the stream; print {\"first\": its data, \"seconds\": "
        "from the call until the stream was closed}",
        [Reply(200, chunks=tuple(f'data: {{"id": {i}, "name": "e{i}"}}\n\n'.encode() for i in range(1, 21)),
               chunk_delay=0.2)],
        {"ok": {"first": _record(1, "e1")}},
        [{"path": "/events"}],
        _closed_early,
    ),
    Scenario(
        "ndjson_lines",
        "stream_lines(); print the items in order",
        [Reply(200, chunks=(b'{"id": 1, "name": "a"}\n{"id": 2,', b' "name": "b"}\n\n{"id": 3, "name": "c"}'),
               headers=(("Content-Type", "application/x-ndjson"),), chunk_delay=0.05)],
        {"ok": [_record(1, "a"), _record(2, "b"), _record(3, "c")]},
        [{"path": "/lines", "accept": "application/x-ndjson"}],
    ),
    Scenario(
        "oip_generate_stream",
        "generate_stream('m1', GenerateRequest(text_input='Hi')) (the Open Inference Protocol's generate_stream); "
        "print the text_output of every event joined into one string",
        [Reply(200, chunks=(b'data: {"model_name": "m1", "text_output": "Hel"}\n\n',
                            b'data:{"model_name": "m1", "model_version": "1", "text_output": "lo!"}\n\n'),
               chunk_delay=0.05)],
        {"ok": "Hello!"},
        [{"method": "POST", "path": "/v2/models/m1/generate_stream", "body": {"text_input": "Hi"},
          "accept": "text/event-stream, application/json"}],
    ),
    Scenario(
        "binary_download_stream",
        "get_image as a stream (Python get_image_stream(), C# GetImageStreamAsync(), Go GetImageStream, Java "
        "getImageStream()), read in pieces of at most 64 KiB; print {\"size\": the bytes read, \"sha256\": "
        "their SHA-256 in hex}",
        [Reply(200, chunks=tuple(DOWNLOAD[i:i + 300_000] for i in range(0, len(DOWNLOAD), 300_000)),
               headers=(("Content-Type", "image/png"),))],
        {"ok": {"size": len(DOWNLOAD), "sha256": hashlib.sha256(DOWNLOAD).hexdigest()}},
        [{"path": "/image"}],
    ),
    Scenario(
        "binary_upload_stream",
        "upload_image from a stream of the 256 bytes 0x00..0xff (Python a file object, C# a Stream, Go an io.Reader, "
        "Java an InputStream) that is not a byte array",
        [Reply(200, {"size": 256, "content_type": "application/octet-stream"})],
        {"ok": {"size": 256, "content_type": "application/octet-stream"}},
        [{"path": "/upload", "content_type": "application/octet-stream", "body": BINARY.hex()}],
    ),
    # ---- empty bodies and required fields
    Scenario(
        "empty_body_for_model",
        "echo_record(Record(id=1, name='x'))",
        [Reply(200, None)],
        {"error": "decode"},
        [{"path": "/records"}],
    ),
    Scenario(
        "empty_204_allowed",
        "delete_record(1); print null for the absent value",
        [Reply(204, None)],
        {"ok": None},
        [{"method": "DELETE", "path": "/records/1"}],
    ),
    Scenario(
        "required_missing_in_response",
        "echo_record(Record(id=1, name='x'))",
        [Reply(200, {"name": "x"})],
        {"error": "decode"},
        [{"path": "/records"}],
        lambda requests, outcome: _assert(re.search(r"\bid\b", outcome["message"]), outcome),
    ),
    Scenario(
        "required_unset_in_request",
        "create_order(Order(note='n')) with the required items left unset",
        [Reply(201, {"items": []})],
        {"error": "invalid"},
        [],
        lambda requests, outcome: _assert("items" in outcome["message"], outcome),
    ),
    # ---- values that must survive a round trip
    Scenario(
        "open_enum_round_trip",
        "record = get_record(1); echo_record(record); print the echoed record",
        [Reply(200, {"id": 1, "name": "x", "status": "archived"}), Reply(echo=True)],
        {"ok": {"id": 1, "name": "x", "status": "archived"}},
        [{"method": "GET", "path": "/records/1"},
         {"method": "POST", "path": "/records", "body": {"id": 1, "name": "x", "status": "archived"}}],
    ),
    Scenario(
        "duplicate_keys",
        "echo_settings(Settings(kind='cat') with extra properties {'kind': 'dog', 'zzz': 1})",
        [Reply(echo=True)],
        {"ok": {"kind": "cat", "zzz": 1}},
        [{"path": "/settings", "body": {"kind": "cat", "zzz": 1}}],
        lambda requests, outcome: _assert(requests[0].body.count(b'"kind"') == 1, requests[0].body),
    ),
    Scenario(
        "caller_deadline",
        "client with the default timeout (60 s) and max_retries 0; service_health_check() under the caller's own "
        "0.3 s deadline (Go: context.WithTimeout; C#: a CancellationToken cancelled after 300 ms; Python and "
        "Java: the call's own option timeout 0.3 s)",
        [Reply(200, "Healthy", delay=3.0)],
        {"error": "timeout"},
        [{"path": "/"}],
        lambda requests, outcome: _names_the_callers_deadline(outcome["message"]),
    ),
    Scenario(
        "date_time_fractions",
        "get_record(1)",
        [Reply(200, {"id": 1, "name": "x", "created": "2024-05-06T07:08:09.1234567+02:00"})],
        {},
        [{"path": "/records/1"}],
        lambda requests, outcome: _instant(outcome["ok"]["created"],
                                           datetime.datetime(2024, 5, 6, 5, 8, 9, 123456, datetime.timezone.utc)),
    ),
    Scenario(
        "date_time_without_offset",
        "get_record(1)",
        [Reply(200, {"id": 1, "name": "x", "created": "2024-05-06T07:08:09"})],
        {"error": "decode"},
        [{"path": "/records/1"}],
    ),
    Scenario(
        "naive_date_time",
        "echo_record(Record(id=3, name='t', created=2024-05-06 07:08:09 with no offset: Python a naive datetime, "
        "C# DateTimeKind.Unspecified; Go and Java, whose times always carry one, UTC))",
        [Reply(echo=True)],
        {},
        [{"path": "/records"}],
        _same_instant,
    ),
    Scenario(
        "header_case",
        "client with max_retries 0; get_item('a'); on the API error print "
        "{\"upper\": its header 'X-Request-Id', \"lower\": its header 'x-request-id'}",
        [Reply(503, {"message": "busy"}, (("X-Request-Id", "abc-1"),))],
        {"ok": {"upper": "abc-1", "lower": "abc-1"}},
        [{"path": "/items/a"}],
    ),
    Scenario(
        "declared_string_json",
        "service_health_check() (declared a string; the server answers a JSON object)",
        [Reply(200, {"status": "ok"})],
        {"ok": '{"status": "ok"}'},
        [{"path": "/"}],
    ),
    # ---- unions
    Scenario(
        "union_wrong_variant",
        "add_pet(Pet built from Cat(name='tom'), its petType left unset); print "
        "{\"pet\": whether the result reads as a Pet, \"string\": the result read as a string, or null}",
        [Reply(200, "just a message")],
        {"ok": {"pet": False, "string": "just a message"}},
        [{"path": "/pets", "body": {"petType": "cat", "name": "tom"}}],
    ),
    Scenario(
        "union_discriminator_read",
        "add_pet(Pet built from Dog(name='rex')); print {\"pet\": whether the result reads as a Pet, "
        "\"cat\": whether that Pet reads as a Cat, \"dog\": whether it reads as a Dog}",
        [Reply(200, {"petType": "dog", "name": "rex", "barks": True})],
        {"ok": {"pet": True, "cat": False, "dog": True}},
        [{"path": "/pets", "body": {"petType": "dog", "name": "rex"}}],
    ),
    Scenario(
        "union_wrong_discriminator",
        "add_pet(Pet built from Cat(pet_type='dog', name='tom'))",
        [Reply(200, "unused")],
        {"error": "invalid"},
        [],
    ),
    Scenario(
        "union_fit",
        "get_animal(); print {\"bird\": whether it reads as a Bird, \"fish\": whether it reads as a Fish}",
        [Reply(200, {"fins": 4})],
        {"ok": {"bird": False, "fish": True}},
        [{"path": "/animals"}],
    ),
    # ---- one name and one implementation everywhere
    Scenario(
        "grouped_call",
        "the grouped method of tag 'records': client.records.get_record(5) in each language's idiom",
        [Reply(200, {"id": 5, "name": "g"})],
        {"ok": {"id": 5, "name": "g"}},
        [{"method": "GET", "path": "/records/5"}],
    ),
    Scenario(
        "names_client_model",
        "get_client_model(), held in a variable whose type the driver names: ClientModel (the schema 'Client', "
        "renamed by the one rule because the SDK has a Client)",
        [Reply(200, {"name": "c"})],
        {"ok": {"name": "c"}},
        [{"path": "/client-model"}],
    ),
]


def _names_the_callers_deadline(message: str) -> None:
    assert not re.search(r"\b60(\.0)? ?s\b|1m0s|PT1M|60000", message), f"names the client's timeout: {message}"
    assert re.search(r"0\.3|300 ?ms|deadline|cancel", message, re.I), f"names no deadline: {message}"


def _instant(text: str, want: datetime.datetime) -> None:
    got = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert got.tzinfo is not None and got == want, (text, want)  # fromisoformat keeps 6 of 7 fraction digits


def _assert(condition: object, detail: object) -> None:
    assert condition, detail


def subset_mismatch(want: object, got: object, where: str = "") -> str | None:
    """None when every key of `want` is in `got` with an equal value (recursively for dicts), else what differs."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"{where or 'value'}: expected an object, got {got!r}"
        for key, value in want.items():
            if key not in got:
                return f"{where}.{key}: missing (got {sorted(got)})"
            mismatch = subset_mismatch(value, got[key], f"{where}.{key}")
            if mismatch:
                return mismatch
        return None
    if isinstance(want, list) and isinstance(got, list) and all(isinstance(w, list) for w in want):
        got = [list(g) if isinstance(g, (list, tuple)) else g for g in got]
    if want != got:
        return f"{where or 'value'}: expected {want!r}, got {got!r}"
    return None
