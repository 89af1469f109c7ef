"""Conformance driver for the generated Python SDK (see tests/conformance/scenarios.py for the protocol)."""

from __future__ import annotations

import asyncio
import datetime
import hashlib
import io
import json
import logging
import sys
import time
from typing import Any

import httpx

from conformance_client import (
    ApiError,
    AsyncClient,
    AzureMLCredential,
    Cat,
    Client,
    ClientModel,
    Dog,
    GenerateRequest,
    JobInput,
    OperationFailedError,
    Order,
    Pet,
    Record,
    RequestOptions,
    RequestTimeoutError,
    ResponseDecodeError,
    ServiceInput,
    Settings,
    TransportError,
    basic,
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
    return run_more(name, url)


def run_more(name: str, url: str) -> Any:
    """The scenarios of the client contract's per-operation rules (scenarios.py, after `SCENARIOS +=`)."""
    client = Client(url, credential="key-123")
    if name == "auth_none_for_public":
        return client.get_public()
    if name == "auth_header_key":
        return client.get_with_header_key()
    if name == "auth_query_key":
        return client.get_with_query_key()
    if name == "auth_cookie_key":
        return client.get_with_cookie_key()
    if name == "auth_basic":
        return Client(url, credential=basic("user", "pa:ss wörd")).get_with_basic()
    if name == "auth_oauth":
        return Client(url, credential=provider(("token-1", 3600))).get_with_oauth()
    if name == "async_token_provider":
        async def token() -> tuple[str, float]:
            await asyncio.sleep(0)
            return "token-1", time.time() + 3600

        async def call() -> str:
            async with AsyncClient(url, credential=token) as async_client:
                return await async_client.service_health_check()
        return asyncio.run(call())
    if name == "accept_declared":
        return {"size": len(client.get_image())}
    if name == "accept_text":
        return client.get_text()
    if name in ("retry_post_502_not_resent", "retry_post_429", "retry_post_after_send"):
        return client.run_ml_service(ServiceInput(data=ROWS))
    if name in ("retry_get_502", "retry_get_after_send"):
        return client.get_item("a")
    if name == "retry_idempotency_key":
        return client.create_order(Order(items=["a"]), idempotency_key="order-1")
    if name == "retry_marked_safe":
        return Client(url, credential="key-123", retry_operations={"RunMLService"}).run_ml_service(
            ServiceInput(data=ROWS))
    if name == "retry_per_call":
        return client.get_item("a", request_options=RequestOptions(max_retries=0))
    if name in ("empty_body_for_model", "required_missing_in_response"):
        return client.echo_record(Record(id=1, name="x"))
    if name == "empty_204_allowed":
        return client.delete_record(1)
    if name == "required_unset_in_request":
        return client.create_order(Order(note="n"))  # type: ignore[call-arg]
    if name == "open_enum_round_trip":
        return client.echo_record(client.get_record(1))
    if name == "duplicate_keys":
        return client.echo_settings(Settings(kind="cat", additional_properties={"kind": "dog", "zzz": 1}))
    if name == "caller_deadline":
        return Client(url, credential="key-123", max_retries=0).service_health_check(
            request_options=RequestOptions(timeout=0.3))
    if name in ("date_time_fractions", "date_time_without_offset"):
        return client.get_record(1)
    if name == "naive_date_time":
        created = datetime.datetime(2024, 5, 6, 7, 8, 9)
        return client.echo_record(Record(id=3, name="t", created=created))
    if name == "header_case":
        try:
            return Client(url, credential="key-123", max_retries=0).get_item("a")
        except ApiError as exc:
            return {"upper": exc.headers["X-Request-Id"], "lower": exc.headers["x-request-id"]}
    if name == "declared_string_json":
        return client.service_health_check()
    if name == "union_wrong_variant":
        result = client.add_pet(Pet.from_cat(Cat(name="tom")))
        return {"pet": result.as_pet() is not None, "string": result.as_string()}
    if name == "union_discriminator_read":
        pet = client.add_pet(Pet.from_dog(Dog(name="rex"))).as_pet()
        match pet.value if pet is not None else None:  # the decoded variant, for match/isinstance
            case Dog():
                assert pet is not None and pet.as_dog() is not None and pet.as_cat() is None
        return {"pet": pet is not None, "cat": pet is not None and pet.as_cat() is not None,
                "dog": pet is not None and isinstance(pet.value, Dog)}
    if name == "union_wrong_discriminator":
        return client.add_pet(Pet.from_cat(Cat(pet_type="dog", name="tom")))
    if name == "union_fit":
        animal = client.get_animal()
        return {"bird": animal.as_bird() is not None, "fish": animal.as_fish() is not None}
    if name == "grouped_call":
        return client.records.get_record(5)
    if name == "names_client_model":
        named: ClientModel = client.get_client_model()
        return named
    return run_call_options(name, url)


def run_call_options(name: str, url: str) -> Any:
    """Per-call options, the caller's own HTTP client, hooks, logging, Azure ML credentials (scenarios.py)."""
    if name == "call_timeout":
        return Client(url, credential="key-123", max_retries=0).service_health_check(
            request_options=RequestOptions(timeout=0.3))
    if name == "call_header":
        client = Client(url, credential="key-123", headers={"azureml-model-deployment": "green"})
        client.get_item("a", request_options=RequestOptions(headers={"azureml-model-deployment": "blue"}))
        return client.get_item("a")
    if name == "call_no_retries_post":
        client = Client(url, credential="key-123", max_retries=2, retry_operations={"RunMLService"})
        return client.run_ml_service(ServiceInput(data=ROWS), request_options=RequestOptions(max_retries=0))
    if name == "hook_sees_attempts":
        seen: list[Any] = []

        def on_request(request: httpx.Request) -> None:
            request.headers["x-hooked"] = str(sum(isinstance(record, str) for record in seen) + 1)
            seen.append(f"{request.method} {request.url.path}")

        def on_response(response: httpx.Response) -> None:
            seen.append(response.status_code)

        Client(url, credential="key-123", on_request=on_request, on_response=on_response).get_item("a")
        return {"seen": seen}
    if name == "own_http_client":
        counted = []
        http = httpx.Client(event_hooks={"request": [counted.append]})
        with Client(url, credential="key-123", timeout=5.0, http_client=http) as client:
            client.get_item("a")
        status = http.get(url + "/items/a").status_code  # still open: the SDK never closes a client it was given
        http.close()
        return {"counted": len(counted), "status": status}
    if name == "logging":
        lines: list[str] = []

        class Capture(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                lines.append(record.getMessage())

        handler = Capture(logging.DEBUG)
        logger = logging.getLogger("conformance_client")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        try:
            Client(url, credential="key-123", secret_headers={"x-trace-id"}).get_item(
                "a", q="query-secret", x_trace_id="trace-secret")
        finally:
            logger.removeHandler(handler)
        return {"log": lines}
    if name == "azureml_credentials":
        now = int(time.time())
        answers = [{"accessToken": "aml-1", "refreshAfterTimeUtc": now + 1},
                   {"accessToken": "aml-2", "refreshAfterTimeUtc": now + 3600}]

        def get_credentials() -> str:
            answer = answers.pop(0) if len(answers) > 1 else answers[0]
            return json.dumps({"tokenType": "Bearer", "expiryTimeUtc": now + 3600, **answer})

        client = Client(url, credential=AzureMLCredential(get_credentials))
        client.service_health_check()
        time.sleep(2.5)
        client.service_health_check()
        return client.service_health_check()
    if name == "call_cancel":
        async def cancelled_call() -> dict[str, Any]:
            async with AsyncClient(url, credential="key-123") as async_client:
                start = time.monotonic()
                task = asyncio.create_task(async_client.service_health_check())
                await asyncio.sleep(0.3)
                task.cancel()
                try:
                    await task
                    cancelled = False
                except asyncio.CancelledError:
                    cancelled = True
                return {"cancelled": cancelled, "seconds": time.monotonic() - start}
        return asyncio.run(cancelled_call())
    return run_pages_and_streams(name, url)


def run_pages_and_streams(name: str, url: str) -> Any:
    """Pages, long-running operations and streams (scenarios.py, after `# ---- pages`)."""
    client = Client(url, credential="key-123")
    if name == "page_next_link":
        return [record.name for record in client.list_pages()]
    if name == "page_empty_last":
        return [[record.name for record in page] for page in client.list_pages().by_page()]
    if name == "page_lazy":
        for page in client.list_pages().by_page():
            return [record.name for record in page]
    if name == "page_error_on_2":
        names: list[str] = []
        try:
            for record in Client(url, credential="key-123", max_retries=0).list_pages():
                names.append(record.name)
        except ApiError as exc:
            return {"items": names, "status": exc.status_code}
        return {"items": names, "status": None}
    if name == "page_link_header":
        return [record.name for record in client.list_linked()]
    if name == "page_cursor":
        return [record.name for record in client.list_cursor(limit=2)]
    if name == "page_offset":
        return [record.name for record in client.list_offset()]
    if name in ("lro_success", "lro_failure", "lro_canceled", "lro_retry_after"):
        poller = client.begin_start_job(JobInput(name="j"))
        assert not poller.done() and poller.status() == "InProgress"  # nothing is polled before waiting
        job = poller.result()
        assert poller.done() and poller.status() == "Succeeded"
        return job
    if name == "lro_original_uri":
        return client.begin_run_job("7", JobInput(name="j")).result()
    if name == "lro_location":
        return client.begin_export_job().result(timeout=30)
    if name == "sse_events":
        with client.stream_events() as events:
            return [{"event": e.event, "id": e.id, "retry": e.retry, "data": e.data.to_dict()} for e in events]
    if name == "sse_early_close":
        start = time.monotonic()
        with client.stream_events() as events:
            first = next(iter(events))
        return {"first": first.data.to_dict(), "seconds": time.monotonic() - start}
    if name == "ndjson_lines":
        with client.stream_lines() as lines:
            return [record.to_dict() for record in lines]
    if name == "oip_generate_stream":
        with client.generate_stream("m1", GenerateRequest(text_input="Hi")) as generated:
            return "".join(event.data.text_output for event in generated)
    if name == "binary_download_stream":
        size, digest = 0, hashlib.sha256()
        with client.get_image_stream() as body:
            for chunk in body.iter_bytes(64 * 1024):
                assert len(chunk) <= 64 * 1024
                size += len(chunk)
                digest.update(chunk)
        return {"size": size, "sha256": digest.hexdigest()}
    if name == "binary_upload_stream":
        return client.upload_image(io.BytesIO(bytes(range(256))))
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
        except OperationFailedError as exc:
            line.update(error="operation", status=exc.status, message=str(exc))
        except (TypeError, ValueError) as exc:  # refused before anything was sent
            line.update(error="invalid", message=str(exc))
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
