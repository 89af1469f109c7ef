"""A real HTTP server on 127.0.0.1 that answers from a script and records every request it gets.

One server per scenario: it answers the scripted replies in order (the last one repeats) and keeps what reached
it (method, raw path, query, headers, body bytes, arrival time) for the test to compare across languages.
`{base}` in a reply's body or headers becomes the server's own URL (next-page links, polling URLs). A reply of
`chunks` is streamed: each chunk written and flushed `chunk_delay` seconds apart, with no Content-Length, and the
request is marked `closed_early` when the client hung up before the last one. A chunked request body is read.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: object = None  # JSON value, or bytes sent as they are
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    echo: bool = False  # answer with the request's own body (as JSON)
    drop: bool = False  # read the request, then close the connection without answering
    chunks: tuple[bytes, ...] = ()  # a streamed body, written piece by piece (body is then ignored)
    chunk_delay: float = 0.0  # seconds between two chunks


@dataclass
class Recorded:
    method: str
    raw_path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    at: float
    header_lines: tuple[tuple[str, str], ...] = ()  # every header as sent, in order, repeated names kept
    closed_early: bool = False  # a streamed reply's client hung up before its last chunk

    def header_values(self, name: str) -> list[str]:
        return [value for key, value in self.header_lines if key.lower() == name.lower()]

    def canonical(self) -> dict:
        """What must be the same whichever language sent it."""
        content_type = self.headers.get("content-type", "").split(";")[0].strip()
        body: object = None
        if self.body:
            try:
                body = json.loads(self.body)
            except ValueError:
                body = self.body.hex()
        return {
            "method": self.method,
            "path": self.raw_path,
            "query": self.query,
            "authorization": self.headers.get("authorization"),
            "x_api_key": self.headers.get("x-api-key"),
            "cookie": self.headers.get("cookie"),
            "accept": self.headers.get("accept"),
            "idempotency_key": self.headers.get("idempotency-key"),
            "content_type": content_type or None,
            "x_trace_id": self.headers.get("x-trace-id"),
            "x_hooked": self.headers.get("x-hooked"),
            "azureml_model_deployment": self.headers.get("azureml-model-deployment"),
            "body": body,
        }


@dataclass
class RecordingServer:
    replies: list[Reply]
    requests: list[Recorded] = field(default_factory=list)

    def __post_init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    data = bytearray()
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                        if size == 0:
                            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                                pass  # trailers
                            return bytes(data)
                        data += self.rfile.read(size)
                        self.rfile.readline()
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def _handle(self) -> None:
                body = self._body()
                parts = urlsplit(self.path)
                recorded = Recorded(
                    self.command, parts.path, parse_qsl(parts.query, keep_blank_values=True),
                    {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic(),
                    tuple(self.headers.items()))
                owner.requests.append(recorded)
                reply = owner.replies[min(len(owner.requests), len(owner.replies)) - 1]
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                headers = {name: value.replace("{base}", owner.url) for name, value in reply.headers}
                if reply.chunks:
                    self._stream(reply, headers, recorded)
                    return
                payload = body if reply.echo else reply.body
                if payload is None and not reply.echo:
                    data, content_type = b"", "application/json"
                elif isinstance(payload, (bytes, bytearray)):
                    data, content_type = bytes(payload), "application/octet-stream"
                else:
                    data, content_type = json.dumps(payload).replace("{base}", owner.url).encode(), "application/json"
                headers.setdefault("Content-Type", content_type if not reply.echo else "application/json")
                try:
                    self.send_response(reply.status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout scenario)

            def _stream(self, reply: Reply, headers: dict[str, str], recorded: Recorded) -> None:
                """The reply's chunks as they come, the connection closed after the last (no Content-Length)."""
                headers.setdefault("Content-Type", "text/event-stream")
                self.close_connection = True
                try:
                    self.send_response(reply.status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.flush()
                    for index, chunk in enumerate(reply.chunks):
                        if index and reply.chunk_delay:
                            time.sleep(reply.chunk_delay)
                        self.wfile.write(chunk.replace(b"{base}", owner.url.encode()))
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    recorded.closed_early = True

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
