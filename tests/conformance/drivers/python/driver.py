"""Conformance driver for the generated Python SDK (see tests/conformance/scenarios.py for the protocol)."""

from __future__ import annotations

import datetime
import json
import sys
import time
from typing import Any

from conformance_client import (
    ApiError,
    Client,
    Record,
    RequestTimeoutError,
    ResponseDecodeError,
    ServiceInput,
    TransportError,
)

ROWS = [[1.5, 2.5, -3.25]]
UNICODE_NAME = "héllo wörld ✓ 日本語 🚀 \"quoted\" \\ back"
BIG_ID = 9007199254740993


def provider(*tokens: tuple[str, float]) -> Any:
    queue = list(tokens)

    def next_token() -> tuple[str, float]:
        token, lifetime = queue.pop(0) if len(queue) > 1 else queue[0]
        return token, time.time() + lifetime

    return next_token


def run(name: str, url: str) -> Any:
    if name == "auth_key":
        return Client(url, credential="key-123").run_ml_service(ServiceInput(data=ROWS))
    if name == "token_refresh":
        client = Client(url, credential=provider(("token-1", 5), ("token-2", 3600)))
        for _ in range(2):
            client.service_health_check()
        return client.service_health_check()
    if name == "refresh_after_401":
        return Client(url, credential=provider(("token-1", 3600), ("token-2", 3600))).service_health_check()
    if name == "typed_error":
        return Client(url, credential="key-123").run_ml_service(ServiceInput(data=ROWS))
    if name == "html_502":
        return Client(url, credential="key-123", max_retries=0).run_ml_service(ServiceInput(data=ROWS))
    if name == "retry_503":
        return Client(url, credential="key-123").run_ml_service(ServiceInput(data=ROWS))
    if name == "timeout":
        return Client(url, credential="key-123", timeout=0.5, max_retries=0).service_health_check()
    if name == "transport_error":
        return Client(url, credential="key-123", max_retries=0).service_health_check()
    if name == "binary_upload":
        return Client(url, credential="key-123").upload_image(bytes(range(256)))
    if name == "unicode_round_trip":
        return Client(url, credential="key-123").echo_record(Record(id=1, name=UNICODE_NAME))
    if name == "int64_precision":
        return Client(url, credential="key-123").echo_record(Record(id=BIG_ID, name="big"))
    if name == "unknown_fields":
        return Client(url, credential="key-123").echo_record(Record(id=7, name="x"))
    if name == "null_and_unset":
        return Client(url, credential="key-123").echo_record(Record(id=2, name="n", nickname=None))
    if name == "date_time":
        created = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
        return Client(url, credential="key-123").echo_record(Record(id=3, name="t", created=created))
    if name == "path_query_encoding":
        client = Client(url, credential="key-123")
        return client.get_item("a/b c?%ü", tags=["x y", "z&w"], q="1+1=2", x_trace_id="trace-1")
    if name == "user_agent":
        return Client(url, credential="key-123").service_health_check()
    if name == "raw_send":
        response = Client(url, credential="key-123").send(
            "POST", "/score", body=b'{"data":[[1]]}', headers={"Content-Type": "application/json"})
        return {"status": response.status_code, "body": response.text}
    raise SystemExit(f"unknown scenario {name}")


def main() -> None:
    for argument in sys.argv[1:]:
        name, _, url = argument.partition("=")
        line: dict[str, Any] = {"scenario": name}
        try:
            result = run(name, url)
            line["ok"] = result.to_dict() if hasattr(result, "to_dict") else result
        except ApiError as exc:
            parsed = getattr(exc.error, "message", None)
            line.update(error="api", status=exc.status_code, message=exc.message, error_message=parsed)
        except RequestTimeoutError as exc:
            line.update(error="timeout", message=str(exc))
        except TransportError as exc:
            line.update(error="transport", message=str(exc))
        except ResponseDecodeError as exc:
            line.update(error="decode", message=str(exc))
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
