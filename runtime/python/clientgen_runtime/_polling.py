"""Long-running operations: Poller (sync) and AsyncPoller, which poll an operation's status monitor at the
answers' Retry-After until it ends and then read its result, and Polling, the sans-IO rule saying from each
answer where the monitor is, how the operation goes and where its result is read. Part of the SDK's runtime,
copied by clientgen; do not edit."""

from __future__ import annotations

import json
import time
import typing as _t
from dataclasses import dataclass

import httpx

from ._codecs import Codec
from ._transport import AsyncTransport, SyncTransport
from ._wire import ErrorCodecs, Request, RequestOptions, decode_result, retry_after
from .errors import OperationFailedError, RequestTimeoutError

T = _t.TypeVar("T")

IN_PROGRESS, SUCCEEDED, FAILED, CANCELED = (
    "InProgress",
    "Succeeded",
    "Failed",
    "Canceled",
)
DEFAULT_WAIT = 1.0  # seconds between polls when an answer has no Retry-After
_ENDED = {
    "succeeded": SUCCEEDED,
    "failed": FAILED,
    "canceled": CANCELED,
    "cancelled": CANCELED,
}


@dataclass(frozen=True)
class LongRunning:
    """Where the result is read once the operation succeeded (`final_state`: location,
    original-uri, azure-async-operation, operation-location) and how it is decoded
    (`kind`: none, json, binary, text; `codec`)."""

    final_state: str
    kind: str
    codec: Codec


class Polling:
    """One long-running operation's state: started() reads the first answer; then, while
    `request` is not None, it is sent and its answer given to answered(), after waiting
    `wait` seconds when `polls` says so (a status-monitor poll; not the final read)."""

    def __init__(self, operation: LongRunning, request: Request, base_url: str) -> None:
        self.operation, self.original, self.base_url = operation, request, base_url
        self.status = IN_PROGRESS
        self.request: Request | None = None  # the next request to send
        # whether `request` polls the monitor (sent after `wait`), not the result's read
        self.polls = False
        self.wait = DEFAULT_WAIT
        # the monitor answers with a JSON status; else it is a Location monitor
        self.by_status = False
        self.location: Request | None = None  # the first answer's Location
        self.last: httpx.Response | None = None  # the monitor's latest answer
        self.value: _t.Any = None
        self.error: OperationFailedError | None = None

    def started(self, response: httpx.Response) -> None:
        """The first answer: the status monitor it names (Operation-Location, else
        Azure-AsyncOperation, else Location), or, naming none, the result itself."""
        headers = response.headers
        monitor = headers.get("operation-location") or headers.get(
            "azure-asyncoperation"
        )
        location = headers.get("location")
        self.by_status = monitor is not None
        if location:
            self.location = self._follow(response, location)
        if monitor is None and location is None:
            self._result(response)  # already the result: nothing to poll
            return
        self.request = self._follow(response, _t.cast(str, monitor or location))
        self.polls = True
        self._waited(response)

    def answered(self, response: httpx.Response) -> None:
        """The answer to `request`: a poll's status, or the result."""
        if not self.polls:
            self._result(response)
            return
        self._waited(response)
        if not self.by_status:
            if response.status_code == 202:
                return
            self.last = response
            self._succeeded()
            return
        body = _json(response)
        status = body.get("status") if isinstance(body, dict) else None
        ended = _ENDED.get(str(status).lower()) if isinstance(status, str) else None
        self.last = response
        if ended == SUCCEEDED:
            self._succeeded()
        elif ended is not None:
            error = body.get("error") if isinstance(body, dict) else None
            error = error if isinstance(error, dict) else {}
            code, message = error.get("code"), error.get("message")
            self.status, self.request = ended, None
            self.error = OperationFailedError(
                ended,
                code if isinstance(code, str) else None,
                message if isinstance(message, str) else None,
            )

    def _succeeded(self) -> None:
        """Where the result is read: the operation's own URL, the first answer's Location
        (unless that was the monitor), else the monitor's last answer."""
        state, self.polls = self.operation.final_state, False
        if state == "original-uri":
            self.request = self.original.again()
        elif state == "location" and self.by_status and self.location is not None:
            self.request = self.location
        else:
            self._result(_t.cast(httpx.Response, self.last))

    def _result(self, response: httpx.Response) -> None:
        operation = self.operation
        self.value = decode_result(response, operation.kind, operation.codec)
        self.status, self.request = SUCCEEDED, None

    def _waited(self, response: httpx.Response) -> None:
        after = retry_after(response.headers.get("retry-after"))
        self.wait = DEFAULT_WAIT if after is None else after

    def _follow(self, response: httpx.Response, url: str) -> Request:
        return self.original.follow(str(response.url.join(url)), self.base_url)

    def outcome(self) -> _t.Any:
        if self.error is not None:
            raise self.error
        return self.value


def _json(response: httpx.Response) -> _t.Any:
    try:
        return json.loads(response.content) if response.content else None
    except ValueError:
        return None


def _timed_out(timeout: float | None) -> RequestTimeoutError:
    return RequestTimeoutError(
        f"the operation did not finish within {timeout:g} s (result's timeout)"
    )


class Poller(_t.Generic[T]):
    """A started long-running operation. result(timeout=None) polls at each answer's
    Retry-After (1 s without one) until it ends and returns its result, or raises
    OperationFailedError (failed, canceled), the ApiError of a failed poll, or
    RequestTimeoutError when `timeout` seconds passed first. done() and status()
    (InProgress, Succeeded, Failed, Canceled) look without polling; poll() polls once.
    Poller.start(...) sends the first request. Every request takes the call's
    request_options."""

    def __init__(
        self,
        transport: SyncTransport,
        errors: ErrorCodecs,
        options: RequestOptions | None,
        polling: Polling,
    ) -> None:
        self._transport, self._errors, self._options = transport, errors, options
        self._polling = polling

    @classmethod
    def start(
        cls,
        transport: SyncTransport,
        request: Request,
        errors: ErrorCodecs,
        options: RequestOptions | None,
        operation: LongRunning,
    ) -> Poller[T]:
        """Sends the first request at once."""
        polling = Polling(operation, request, transport.base_url)
        polling.started(transport.send(request, errors, options))
        return cls(transport, errors, options, polling)

    def status(self) -> str:
        return self._polling.status

    def done(self) -> bool:
        return self._polling.status != IN_PROGRESS

    def poll(self) -> None:
        """Sends the next request now (a poll of the monitor, or the result's read)."""
        polling = self._polling
        while polling.request is not None:
            polling.answered(
                self._transport.send(polling.request, self._errors, self._options)
            )
            if polling.polls:  # one poll; a result to read after it is read at once
                break

    def result(self, timeout: float | None = None) -> T:
        deadline = None if timeout is None else time.monotonic() + timeout
        polling = self._polling
        while polling.request is not None:
            if deadline is not None and time.monotonic() + polling.wait > deadline:
                raise _timed_out(timeout)
            time.sleep(polling.wait)
            self.poll()
        return _t.cast(T, polling.outcome())


class AsyncPoller(_t.Generic[T]):
    """Poller's asynchronous form: `await AsyncPoller.start(...)` sends the first request;
    `await poller.result(timeout=None)`, `await poller.poll()`."""

    def __init__(
        self,
        transport: AsyncTransport,
        errors: ErrorCodecs,
        options: RequestOptions | None,
        polling: Polling,
    ) -> None:
        self._transport, self._errors, self._options = transport, errors, options
        self._polling = polling

    @classmethod
    async def start(
        cls,
        transport: AsyncTransport,
        request: Request,
        errors: ErrorCodecs,
        options: RequestOptions | None,
        operation: LongRunning,
    ) -> AsyncPoller[T]:
        polling = Polling(operation, request, transport.base_url)
        polling.started(await transport.send(request, errors, options))
        return cls(transport, errors, options, polling)

    def status(self) -> str:
        return self._polling.status

    def done(self) -> bool:
        return self._polling.status != IN_PROGRESS

    async def poll(self) -> None:
        """Sends the next request now (a poll of the monitor, or the result's read)."""
        polling = self._polling
        while polling.request is not None:
            polling.answered(
                await self._transport.send(polling.request, self._errors, self._options)
            )
            if polling.polls:  # one poll; a result to read after it is read at once
                break

    async def result(self, timeout: float | None = None) -> T:
        import asyncio  # only the async client loads asyncio

        deadline = None if timeout is None else time.monotonic() + timeout
        polling = self._polling
        while polling.request is not None:
            if deadline is not None and time.monotonic() + polling.wait > deadline:
                raise _timed_out(timeout)
            await asyncio.sleep(polling.wait)
            await self.poll()
        return _t.cast(T, polling.outcome())
