"""A real HTTP server on 127.0.0.1 that answers from a script and records every request it gets.

One server per scenario: it answers the scripted replies in order (the last one repeats) and keeps what reached
it (method, raw path, query, headers, body bytes, arrival time) for the test to compare across languages.
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


@dataclass
class Recorded:
    method: str
    raw_path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    at: float
    header_lines: tuple[tuple[str, str], ...] = ()  # every header as sent, in order, repeated names kept

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

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                owner.requests.append(Recorded(
                    self.command, parts.path, parse_qsl(parts.query, keep_blank_values=True),
                    {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic(),
                    tuple(self.headers.items())))
                reply = owner.replies[min(len(owner.requests), len(owner.replies)) - 1]
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                payload = body if reply.echo else reply.body
                if payload is None and not reply.echo:
                    data, content_type = b"", "application/json"
                elif isinstance(payload, (bytes, bytearray)):
                    data, content_type = bytes(payload), "application/octet-stream"
                else:
                    data, content_type = json.dumps(payload).encode(), "application/json"
                headers = dict(reply.headers)
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
