"""The scenarios of CLIENT-CONTRACT.md that every language's generated client must pass, as data.

Each driver (tests/conformance/drivers/<language>/) is one program, built from the SDK generated for
fixtures/specs/conformance.yaml (package name `conformance-client`). It is run once with arguments
`SCENARIO=BASE_URL ...` and prints one JSON line per scenario:

    {"scenario": NAME, "ok": RESULT}                         the call returned RESULT (as JSON, wire names)
    {"scenario": NAME, "error": "api", "status": N, "message": TEXT, "error_message": TEXT-or-null}
    {"scenario": NAME, "error": "transport" | "timeout" | "decode", "message": TEXT}

`error_message` is the `message` field of the parsed ErrorResponse model (null when the body did not parse).
What each driver does for a scenario is said in `call` below, in words; the same words hold in every language.
Unless a scenario says otherwise the client is built with the scenario's base URL, credential "key-123",
default timeout and retries.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .server import Recorded, Reply

ROWS = [[1.5, 2.5, -3.25]]
UNICODE_NAME = "héllo wörld ✓ 日本語 🚀 \"quoted\" \\ back"
BIG_ID = 9007199254740993  # 2**53 + 1: lost by any float64 on the way
BINARY = bytes(range(256))


@dataclass(frozen=True)
class Scenario:
    name: str
    call: str  # what the driver does, in words
    replies: list[Reply]
    outcome: dict  # the driver's printed line must contain these keys and values
    requests: list[dict]  # per request received, the canonical fields it must have (a subset)
    check: Callable[[list[Recorded], dict], None] | None = None  # anything a subset cannot say
    tags: tuple[str, ...] = field(default_factory=tuple)


def _gap_at_least(seconds: float) -> Callable[[list[Recorded], dict], None]:
    def check(requests: list[Recorded], outcome: dict) -> None:
        gap = requests[1].at - requests[0].at
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


def _assert(condition: bool, detail: object) -> None:
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
