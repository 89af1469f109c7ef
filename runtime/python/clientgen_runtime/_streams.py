"""Streamed answers: Stream (sync) and AsyncStream of typed items decoded as the bytes arrive — server-sent
events (SseDecoder, ServerSentEvent) or JSON lines (JsonLinesDecoder) — and ByteStream / AsyncByteStream, a
binary answer read in pieces. The request is sent when the stream is entered (`with` / `async with`) or first
iterated; closing it early closes the connection. Part of the SDK's runtime, copied by clientgen; do not edit.
"""

from __future__ import annotations

import codecs
import re
import typing as _t
from dataclasses import dataclass

import httpx

from ._codecs import Codec
from ._transport import AsyncTransport, SyncTransport
from ._wire import ErrorCodecs, Request, RequestOptions, decode_item

T = _t.TypeVar("T")
S = _t.TypeVar("S", bound="_Opened")
A = _t.TypeVar("A", bound="_AsyncOpened")
DONE = "[DONE]"  # the data of the event that ends an OpenAI-style stream
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class ServerSentEvent(_t.Generic[T]):
    """One event: its type (`message` unless it named one), the last event ID (kept from
    earlier events; None before any), its own `retry` in ms (or None) and its decoded data.
    """

    event: str
    id: str | None
    retry: int | None
    data: T


class Decoder(_t.Protocol[T]):
    """Turns a body's bytes, piece by piece, into items; `done` once an item ended the stream."""

    done: bool

    def feed(self, data: bytes, final: bool, status: int) -> list[T]: ...


class _Lines:
    """UTF-8 text split into lines as it arrives, at LF, CRLF or CR (a CR that ends a
    piece waits for the next piece, which may start with its LF)."""

    def __init__(self) -> None:
        self._text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._rest = ""
        self._started = False

    def lines(self, data: bytes, final: bool) -> list[str]:
        text = self._rest + self._text.decode(data, final)
        if not self._started and text:
            self._started, text = True, text.removeprefix("\ufeff")
        held = "\r" if text.endswith("\r") and not final else ""
        parts = _LINE_END.split(text[: len(text) - len(held)])
        rest = parts.pop()  # what no line break ended yet
        if final and rest:
            parts.append(rest)
        self._rest = "" if final else rest + held
        return parts


class SseDecoder:
    """Server-sent events as the SSE specification parses them: `:` comments, `field:value`
    with one optional space, data lines joined with LF, an event dispatched at a blank line
    only when it has data, the last event ID kept; `data: [DONE]` ends the stream. Each
    event's data is decoded as `kind` (json, text) by `codec`."""

    def __init__(self, kind: str, codec: Codec) -> None:
        self.kind, self.codec, self.done = kind, codec, False
        self._lines = _Lines()
        self._event, self._data = "", list[str]()
        self._retry: int | None = None
        self._id: str | None = None

    def feed(
        self, data: bytes, final: bool, status: int
    ) -> list[ServerSentEvent[_t.Any]]:
        events: list[ServerSentEvent[_t.Any]] = []
        for line in self._lines.lines(data, final):  # at the end, no event is pending
            if self.done:
                break
            if line:
                self._field(line)
                continue
            if self._data:
                text = "\n".join(self._data)
                if text == DONE:
                    self.done = True
                    break
                value = decode_item(text, self.kind, self.codec, status)
                events.append(
                    ServerSentEvent(
                        self._event or "message", self._id, self._retry, value
                    )
                )
            self._event, self._data, self._retry = "", [], None
        return events

    def _field(self, line: str) -> None:
        if line.startswith(":"):
            return
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        elif name == "id" and "\0" not in value:
            self._id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self._retry = int(value)


class JsonLinesDecoder:
    """JSON lines (NDJSON): one value per non-empty line, decoded as `kind` by `codec`."""

    def __init__(self, kind: str, codec: Codec) -> None:
        self.kind, self.codec, self.done = kind, codec, False
        self._lines = _Lines()

    def feed(self, data: bytes, final: bool, status: int) -> list[_t.Any]:
        return [
            decode_item(line, self.kind, self.codec, status)
            for line in self._lines.lines(data, final)
            if line.strip()
        ]


class _Opened:
    """What Stream and ByteStream share: the request sent once, when first needed; the
    answer closed on leaving the `with` block or by close()."""

    def __init__(self, send: _t.Callable[[], httpx.Response]) -> None:
        self._send = send
        self._response: httpx.Response | None = None

    def _open(self) -> httpx.Response:
        if self._response is None:
            self._response = self._send()
        return self._response

    def __enter__(self: S) -> S:
        self._open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._response is not None:
            self._response.close()


class _AsyncOpened:
    """_Opened's asynchronous form, for AsyncStream and AsyncByteStream."""

    def __init__(self, send: _t.Callable[[], _t.Awaitable[httpx.Response]]) -> None:
        self._send = send
        self._response: httpx.Response | None = None

    async def _open(self) -> httpx.Response:
        if self._response is None:
            self._response = await self._send()
        return self._response

    async def __aenter__(self: A) -> A:
        await self._open()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._response is not None:
            await self._response.aclose()


class Stream(_Opened, _t.Generic[T]):
    """The items of a streamed answer as they arrive: `with client.stream_x() as items:
    for item in items: ...`. The request is sent on entering (or first iterating); an
    error answer raises then. Leaving the block (or close()) closes the connection."""

    def __init__(
        self,
        transport: SyncTransport,
        request: Request,
        errors: ErrorCodecs,
        options: RequestOptions | None,
        decoder: Decoder[T],
    ) -> None:
        super().__init__(lambda: transport.send(request, errors, options, stream=True))
        self._decoder = decoder

    def __iter__(self) -> _t.Iterator[T]:
        response, decoder = self._open(), self._decoder
        try:
            for piece in response.iter_bytes():
                yield from decoder.feed(piece, False, response.status_code)
                if decoder.done:
                    return
            yield from decoder.feed(b"", True, response.status_code)
        finally:
            response.close()


class AsyncStream(_AsyncOpened, _t.Generic[T]):
    """Stream's asynchronous form: `async with client.stream_x() as items: async for item
    in items: ...`."""

    def __init__(
        self,
        transport: AsyncTransport,
        request: Request,
        errors: ErrorCodecs,
        options: RequestOptions | None,
        decoder: Decoder[T],
    ) -> None:
        super().__init__(lambda: transport.send(request, errors, options, stream=True))
        self._decoder = decoder

    async def __aiter__(self) -> _t.AsyncIterator[T]:
        response, decoder = await self._open(), self._decoder
        try:
            async for piece in response.aiter_bytes():
                for item in decoder.feed(piece, False, response.status_code):
                    yield item
                if decoder.done:
                    return
            for item in decoder.feed(b"", True, response.status_code):
                yield item
        finally:
            await response.aclose()


class ByteStream(_Opened):
    """A binary answer read as it arrives: `with client.get_x_stream() as body: for piece in
    body.iter_bytes(65536): ...`, or read() for the rest at once."""

    def __init__(
        self,
        transport: SyncTransport,
        request: Request,
        errors: ErrorCodecs,
        options: RequestOptions | None,
    ) -> None:
        super().__init__(lambda: transport.send(request, errors, options, stream=True))

    def iter_bytes(self, chunk_size: int | None = None) -> _t.Iterator[bytes]:
        """The body in pieces of chunk_size bytes (the last may be shorter; None: as they
        arrive)."""
        yield from self._open().iter_bytes(chunk_size)

    def read(self) -> bytes:
        return self._open().read()


class AsyncByteStream(_AsyncOpened):
    """ByteStream's asynchronous form: `async with client.get_x_stream() as body: async for
    piece in body.iter_bytes(65536): ...`, or `await body.read()`."""

    def __init__(
        self,
        transport: AsyncTransport,
        request: Request,
        errors: ErrorCodecs,
        options: RequestOptions | None,
    ) -> None:
        super().__init__(lambda: transport.send(request, errors, options, stream=True))

    async def iter_bytes(
        self, chunk_size: int | None = None
    ) -> _t.AsyncIterator[bytes]:
        """The body in pieces of chunk_size bytes (the last may be shorter; None: as they
        arrive)."""
        response = await self._open()
        async for piece in response.aiter_bytes(chunk_size):
            yield piece

    async def read(self) -> bytes:
        return await (await self._open()).aread()
