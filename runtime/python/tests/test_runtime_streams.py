"""Streamed answers (_streams.py): server-sent events parsed as the SSE specification says, however the bytes are
cut (CR, LF, CRLF, comments, multi-line data, id persistence, retry, [DONE]); JSON lines split across pieces; items
decoded as they arrive from a real server, and closing early closing the connection; binary answers read in
pieces; binary bodies sent from a file or an iterable, never re-sent once sending began."""

from __future__ import annotations

import asyncio
import io
import json
import time

import pytest

from clientgen_runtime._codecs import ANY, STRING
from clientgen_runtime._streams import (
    AsyncByteStream,
    AsyncStream,
    ByteStream,
    JsonLinesDecoder,
    ServerSentEvent,
    SseDecoder,
    Stream,
)
from clientgen_runtime._transport import AsyncTransport, SyncTransport
from clientgen_runtime._wire import Auth, Request
from clientgen_runtime.errors import ApiError, ResponseDecodeError

from conftest import Answer

KEY = Auth("header", "Authorization", "key")
SSE = (
    "\ufeff: a comment\r\n"
    "event: created\n"
    "id: 1\r"
    "retry: 3000\r\n"
    'data: {"n": 1,\n'
    'data:  "text": "h\u00e9llo \U0001f680"}\n'
    "\n"
    "data:second line one\r"
    "data: second line two\r"
    "\r"
    "event: without-data\n"
    "retry: 5\n"
    "\n"
    "data\n"
    "\n"
    "id\n"
    "data: 3\n"
    "\n"
    "data: [DONE]\n"
    "\n"
    "data: after the end\n"
    "\n"
).encode("utf-8")
EXPECTED = [
    ServerSentEvent("created", "1", 3000, '{"n": 1,\n "text": "h\u00e9llo \U0001f680"}'),
    ServerSentEvent("message", "1", None, "second line one\nsecond line two"),
    ServerSentEvent("message", "1", None, ""),
    ServerSentEvent("message", "", None, "3"),
]


def decode_sse(pieces: list[bytes]) -> tuple[list[ServerSentEvent[object]], bool]:
    decoder = SseDecoder("text", STRING)
    events = [e for piece in pieces for e in decoder.feed(piece, False, 200)]
    return events + decoder.feed(b"", True, 200), decoder.done


@pytest.mark.parametrize("size", [1, 2, 3, 7, 40, len(SSE)])
def test_server_sent_events_parse_alike_however_the_bytes_are_cut(size: int) -> None:
    pieces = [SSE[i : i + size] for i in range(0, len(SSE), size)]
    events, done = decode_sse(pieces)
    assert events == EXPECTED and done


def test_a_cr_ending_one_piece_and_the_lf_starting_the_next_are_one_line_break() -> None:
    events, _ = decode_sse([b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n"])
    assert events == [ServerSentEvent("message", None, None, "a\nb")]


def test_an_event_the_stream_ends_in_the_middle_of_is_not_dispatched() -> None:
    events, done = decode_sse([b"data: 1\n\ndata: 2\n"])
    assert [e.data for e in events] == ["1"] and not done


def test_event_data_is_decoded_by_the_codec_and_a_bad_one_is_a_decode_error() -> None:
    decoder = SseDecoder("json", ANY)
    assert decoder.feed(b'data: {"a": [1]}\n\n', False, 200)[0].data == {"a": [1]}
    with pytest.raises(ResponseDecodeError, match="expected a JSON item"):
        decoder.feed(b"data: {not json\n\n", False, 200)


@pytest.mark.parametrize("size", [1, 5, 1000])
def test_json_lines_split_across_pieces(size: int) -> None:
    body = b'{"id": 1}\r\n\n  \n{"id": 2, "x": "\xc3\xa9"}\n{"id": 3}'
    decoder = JsonLinesDecoder("json", ANY)
    pieces = [body[i : i + size] for i in range(0, len(body), size)]
    items = [item for piece in pieces for item in decoder.feed(piece, False, 200)]
    items += decoder.feed(b"", True, 200)
    assert items == [{"id": 1}, {"id": 2, "x": "\u00e9"}, {"id": 3}]


def sse_answer(count: int, delay: float) -> Answer:
    chunks = tuple(f'id: {i}\ndata: {{"n": {i}}}\n\n'.encode() for i in range(1, count + 1))
    return Answer(200, chunks=chunks, chunk_delay=delay, headers=(("Content-Type", "text/event-stream"),))


def test_events_arrive_as_they_are_sent_and_the_request_is_sent_on_entering(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(sse_answer(3, 0.5))
    transport = SyncTransport(server.url, "key-123", 5.0, 2, None, None)
    request = Request("GET", "/events", accept="text/event-stream", auth=KEY)
    stream: Stream[ServerSentEvent[object]] = Stream(transport, request, (), None, SseDecoder("json", ANY))
    assert server.seen == []
    start = time.monotonic()
    with stream as events:
        assert len(server.seen) == 1 and server.seen[0].values("accept") == ["text/event-stream"]
        arrived = []
        for event in events:
            arrived.append((event.id, event.data, time.monotonic() - start))
    assert [(i, d) for i, d, _ in arrived] == [("1", {"n": 1}), ("2", {"n": 2}), ("3", {"n": 3})]
    assert arrived[1][2] - arrived[0][2] > 0.4  # each as it was sent: nothing read whole first
    assert server.seen[0].values("authorization") == ["Bearer key-123"]


def test_closing_a_stream_early_closes_the_connection(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(sse_answer(20, 0.1))
    transport = SyncTransport(server.url, "key-123", 5.0, 2, None, None)
    start = time.monotonic()
    with Stream(transport, Request("GET", "/events"), (), None, SseDecoder("json", ANY)) as events:
        first = next(iter(events))
    assert first.data == {"n": 1} and time.monotonic() - start < 1.0
    for _ in range(50):
        if server.closed_early:
            break
        time.sleep(0.05)
    assert server.closed_early == [True]


def test_an_error_answer_raises_on_entering_with_its_body_read(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(404, {"message": "no such stream"}))
    transport = SyncTransport(server.url, None, 5.0, 0, None, None)
    with pytest.raises(ApiError, match="no such stream") as caught:
        with Stream(transport, Request("GET", "/events"), (), None, SseDecoder("json", ANY)):
            pass
    assert caught.value.status_code == 404


def test_async_stream_of_json_lines(serve) -> None:  # type: ignore[no-untyped-def]
    chunks = (b'{"id": 1}\n{"id"', b': 2}\n', b'{"id": 3}')
    server = serve(Answer(200, chunks=chunks, chunk_delay=0.05, headers=(("Content-Type", "application/x-ndjson"),)))

    async def read() -> list[object]:
        transport = AsyncTransport(server.url, None, 5.0, 2, None, None)
        try:
            stream: AsyncStream[object] = AsyncStream(transport, Request("GET", "/lines"), (), None,
                                                      JsonLinesDecoder("json", ANY))
            async with stream as lines:
                return [line async for line in lines]
        finally:
            await transport.close()

    assert asyncio.run(read()) == [{"id": 1}, {"id": 2}, {"id": 3}]


def test_a_binary_answer_is_read_in_pieces_or_whole(serve) -> None:  # type: ignore[no-untyped-def]
    data = bytes(range(256)) * 1000
    server = serve(Answer(200, chunks=(data[:100_000], data[100_000:]), headers=(("Content-Type", "image/png"),)))
    transport = SyncTransport(server.url, None, 5.0, 2, None, None)
    with ByteStream(transport, Request("GET", "/image"), (), None) as body:
        pieces = list(body.iter_bytes(65536))
    assert b"".join(pieces) == data and max(map(len, pieces)) == 65536
    with ByteStream(transport, Request("GET", "/image"), (), None) as body:
        assert body.read() == data

    async def read_async() -> tuple[bytes, bytes]:
        async_transport = AsyncTransport(server.url, None, 5.0, 2, None, None)
        try:
            async with AsyncByteStream(async_transport, Request("GET", "/image"), (), None) as body:
                pieces = b"".join([piece async for piece in body.iter_bytes(4096)])
            async with AsyncByteStream(async_transport, Request("GET", "/image"), (), None) as body:
                return pieces, await body.read()
        finally:
            await async_transport.close()

    assert asyncio.run(read_async()) == (data, data)


@pytest.mark.parametrize("source", ["file", "iterable"])
def test_a_binary_body_from_a_stream_is_sent_in_pieces_and_not_re_sent(serve, source: str) -> None:  # type: ignore[no-untyped-def]
    data = bytes(range(256)) * 600  # more than one 64 KiB piece
    server = serve(Answer(503, {"message": "busy"}, (("Retry-After", "0"),)), Answer(200, {"ok": True}))
    transport = SyncTransport(server.url, None, 5.0, 2, None, None)

    def body() -> object:
        return io.BytesIO(data) if source == "file" else iter([data[:1000], b"", data[1000:]])

    request = Request("PUT", "/upload")
    request.binary_body(body(), ANY, "application/octet-stream")  # type: ignore[arg-type]
    with pytest.raises(ApiError):  # a 503 re-sends a PUT of bytes, never one of a stream it has read
        transport.send(request)
    assert len(server.seen) == 1 and server.seen[0].body == data
    assert server.seen[0].values("transfer-encoding") == ["chunked"]

    async def send_async() -> object:
        async_transport = AsyncTransport(server.url, None, 5.0, 2, None, None)
        try:
            again = Request("PUT", "/upload")
            again.binary_body(body(), ANY, "application/octet-stream")  # type: ignore[arg-type]
            return (await async_transport.send(again)).json()
        finally:
            await async_transport.close()

    assert asyncio.run(send_async()) == {"ok": True}
    assert server.seen[1].body == data
    again = serve(Answer(503, {"message": "busy"}, (("Retry-After", "0"),)), Answer(200, {"ok": True}))
    plain = Request("PUT", "/upload")
    plain.binary_body(data, ANY, "application/octet-stream")
    sent = SyncTransport(again.url, None, 5.0, 2, None, None).send(plain)
    assert json.loads(sent.content) == {"ok": True} and [s.body for s in again.seen] == [data, data]
