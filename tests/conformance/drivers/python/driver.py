"""Conformance driver for the generated Python SDK (see tests/conformance/scenarios.py for the protocol)."""

from __future__ import annotations

import asyncio
import datetime
import json
import sys
import time
from typing import Any

from conformance_client import (
    ApiError,
    AsyncClient,
    Cat,
    Client,
    ClientModel,
    Dog,
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
        except (TypeError, ValueError) as exc:  # refused before anything was sent
            line.update(error="invalid", message=str(exc))
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
