"""Long-running operations (_polling.py) on a real server: the status monitor chosen from the first answer, polls
at Retry-After (1 s without one), the result read where final-state-via says, failure and cancellation as
OperationFailedError, a Location monitor, the caller's timeout, and the credential kept to the base URL's origin."""

from __future__ import annotations

import asyncio
import time

import pytest

from clientgen_runtime._codecs import ANY
from clientgen_runtime._polling import AsyncPoller, LongRunning, Poller, Polling
from clientgen_runtime._transport import AsyncTransport, SyncTransport
from clientgen_runtime._wire import Auth, Request, RequestOptions
from clientgen_runtime.errors import ApiError, OperationFailedError, RequestTimeoutError

from conftest import Answer

KEY = Auth("header", "Authorization", "key")
LOCATION = LongRunning("location", "json", ANY)


def start(url: str, operation: LongRunning = LOCATION, method: str = "POST",
          options: RequestOptions | None = None) -> Poller[object]:
    transport = SyncTransport(url, "key-123", 5.0, 0, None, None)
    request = Request(method, "/jobs", [("v", "1")], auth=KEY)
    request.json_body({"name": "j"}, ANY, "application/json")
    return Poller.start(transport, request, (), options, operation)


def test_polls_the_operation_location_at_retry_after_then_reads_the_location(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(202, None, (("Operation-Location", "{base}/ops/1"), ("Location", "/jobs/1"),
                                      ("Retry-After", "0"))),
                   Answer(200, {"status": "Running"}, (("Retry-After", "1"),)),
                   Answer(200, {"status": "SUCCEEDED"}),
                   Answer(200, {"id": "1"}))
    poller = start(server.url, options=RequestOptions(headers={"x-call": "1"}))
    assert len(server.seen) == 1 and poller.status() == "InProgress" and not poller.done()
    time.sleep(0.3)
    assert len(server.seen) == 1  # nothing is polled until the caller waits or polls
    started = time.monotonic()
    assert poller.result() == {"id": "1"}
    assert poller.done() and poller.status() == "Succeeded"
    assert [(s.method, s.target) for s in server.seen] == [("POST", "/jobs?v=1"), ("GET", "/ops/1"),
                                                           ("GET", "/ops/1"), ("GET", "/jobs/1")]
    assert time.monotonic() - started >= 0.9  # the Retry-After of the second answer
    assert all(s.values("x-call") == ["1"] and s.values("authorization") == ["Bearer key-123"] for s in server.seen)
    assert server.seen[1].body == b""


@pytest.mark.parametrize(("status", "ended"), [("Failed", "Failed"), ("canceled", "Canceled"),
                                               ("Cancelled", "Canceled")])
def test_failure_and_cancellation_are_operation_errors(serve, status: str, ended: str) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(202, None, (("Azure-AsyncOperation", "/ops/1"), ("Retry-After", "0"))),
                   Answer(200, {"status": status, "error": {"code": "Boom", "message": "it broke"}}))
    poller = start(server.url)
    with pytest.raises(OperationFailedError) as caught:
        poller.result()
    error = caught.value
    assert (error.status, error.code, error.message) == (ended, "Boom", "it broke") and "it broke" in str(error)
    assert poller.done() and poller.status() == ended
    with pytest.raises(OperationFailedError):  # asked again, the same outcome
        poller.result()
    assert len(server.seen) == 2


def test_a_location_monitor_answers_202_until_done_and_its_last_answer_is_the_result(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(202, None, (("Location", "/exports/1"), ("Retry-After", "0"))),
                   Answer(202, None, (("Retry-After", "0"),)), Answer(200, {"id": "e1"}))
    assert start(server.url).result() == {"id": "e1"}
    assert [s.target for s in server.seen] == ["/jobs?v=1", "/exports/1", "/exports/1"]


def test_original_uri_reads_the_operations_own_url_and_monitor_bodies_hold_the_result(serve) -> None:  # type: ignore[no-untyped-def]
    first = Answer(201, {"state": "starting"}, (("Azure-AsyncOperation", "/ops/7"), ("Retry-After", "0")))
    server = serve(first, Answer(200, {"status": "Succeeded", "id": "7"}), Answer(200, {"id": "7", "state": "done"}))
    assert start(server.url, LongRunning("original-uri", "json", ANY), "PUT").result() == {"id": "7", "state": "done"}
    assert [(s.method, s.target, s.body) for s in server.seen[1:]] == [("GET", "/ops/7", b""), ("GET", "/jobs?v=1", b"")]
    again = serve(first, Answer(200, {"status": "Succeeded", "id": "7"}))
    via_monitor = start(again.url, LongRunning("azure-async-operation", "json", ANY), "PUT")
    assert via_monitor.result() == {"status": "Succeeded", "id": "7"} and len(again.seen) == 2


def test_a_first_answer_with_nothing_to_poll_is_the_result(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(201, {"id": "1"}))
    poller = start(server.url)
    assert poller.done() and poller.result() == {"id": "1"} and len(server.seen) == 1
    polled = serve(Answer(201, {"id": "1"}, (("Location", "/jobs/1"), ("Retry-After", "0"))), Answer(200, {"id": "2"}))
    assert start(polled.url).result() == {"id": "2"} and [s.target for s in polled.seen] == ["/jobs?v=1", "/jobs/1"]


def test_an_error_answer_of_a_poll_is_the_api_error(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(202, None, (("Operation-Location", "/ops/1"), ("Retry-After", "0"))),
                   Answer(404, {"message": "no such operation"}))
    with pytest.raises(ApiError, match="no such operation"):
        start(server.url).result()


def test_result_gives_up_after_its_timeout_and_waits_a_second_without_retry_after(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(202, None, (("Operation-Location", "/ops/1"),)), Answer(200, {"status": "Running"}))
    poller = start(server.url)
    started = time.monotonic()
    with pytest.raises(RequestTimeoutError, match="2.5 s"):
        poller.result(timeout=2.5)
    assert 1.9 < time.monotonic() - started < 2.6 and len(server.seen) == 3  # polls at 1 s and 2 s


def test_the_monitor_of_another_origin_gets_no_credential(serve) -> None:  # type: ignore[no-untyped-def]
    other = serve(Answer(200, {"status": "Succeeded", "id": "x"}))
    server = serve(Answer(202, None, (("Operation-Location", other.url + "/ops/1"), ("Retry-After", "0"))))
    assert start(server.url, LongRunning("operation-location", "json", ANY)).result() == {"status": "Succeeded",
                                                                                         "id": "x"}
    assert other.seen[0].values("authorization") == [] and server.seen[0].values("authorization") != []


def test_the_wait_follows_each_answers_retry_after() -> None:
    import httpx

    polling = Polling(LOCATION, Request("POST", "/jobs"), "http://127.0.0.1:1")
    url = "http://127.0.0.1:1/jobs"
    polling.started(httpx.Response(202, headers={"Operation-Location": "/ops/1", "Retry-After": "7"},
                                   request=httpx.Request("POST", url)))
    assert polling.wait == 7 and polling.polls and polling.request is not None
    assert polling.request.target("http://127.0.0.1:1") == "http://127.0.0.1:1/ops/1"
    polling.answered(httpx.Response(200, json={"status": "Running"}, request=httpx.Request("GET", url)))
    assert polling.wait == 1.0 and polling.status == "InProgress"


def test_async_poller(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(202, None, (("Operation-Location", "/ops/1"), ("Location", "/jobs/1"), ("Retry-After", "0"))),
                   Answer(200, {"status": "Succeeded"}), Answer(200, {"id": "1"}))

    async def run() -> tuple[bool, object, str]:
        transport = AsyncTransport(server.url, None, 5.0, 2, None, None)
        try:
            poller: AsyncPoller[object] = await AsyncPoller.start(transport, Request("POST", "/jobs"), (), None,
                                                                  LOCATION)
            before = poller.done()
            return before, await poller.result(), poller.status()
        finally:
            await transport.close()

    assert asyncio.run(run()) == (False, {"id": "1"}, "Succeeded")
    assert [s.target for s in server.seen] == ["/jobs", "/ops/1", "/jobs/1"]
