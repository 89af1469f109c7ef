"""The runtime's own tests: makes runtime/python/clientgen_runtime importable as the package `clientgen_runtime`
(with its test _sdkinfo.py), writes no bytecode into runtime/python/, and serves scripted answers from a real HTTP
server on 127.0.0.1 for the tests that need the wire (whole answers, or streamed ones written piece by piece)."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

sys.dont_write_bytecode = True
sys.path.append(str(Path(__file__).resolve().parents[1]))


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: object = "ok"  # bytes as they are, anything else as JSON
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    chunks: tuple[bytes, ...] = ()  # a streamed body: each piece flushed `chunk_delay` s apart, then closed
    chunk_delay: float = 0.0


@dataclass(frozen=True)
class Seen:
    method: str
    target: str  # path and query as sent
    headers: list[tuple[str, str]]
    body: bytes

    def values(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]


@dataclass
class Server:
    """Answers each request with the next Answer (the last one repeats) and records it."""

    answers: list[Answer]
    seen: list[Seen] = field(default_factory=list)
    url: str = ""  # "{base}" in an answer's body or headers becomes it
    closed_early: list[bool] = field(default_factory=list)  # per streamed answer: the client hung up first


@pytest.fixture
def serve() -> Iterator[object]:
    servers: list[ThreadingHTTPServer] = []

    def start(*answers: Answer) -> Server:
        state = Server(list(answers) or [Answer()])

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _body(self) -> bytes:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    data = b""
                    while size := int(self.rfile.readline().split(b";")[0] or b"0", 16):
                        data += self.rfile.read(size)
                        self.rfile.readline()
                    self.rfile.readline()
                    return data
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def _stream(self, answer: Answer, headers: list[tuple[str, str]]) -> None:
                self.close_connection = True
                try:
                    self.send_response(answer.status)
                    for name, value in headers:
                        self.send_header(name, value)
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for index, chunk in enumerate(answer.chunks):
                        if index and answer.chunk_delay:
                            time.sleep(answer.chunk_delay)
                        self.wfile.write(chunk)
                        self.wfile.flush()
                    state.closed_early.append(False)
                except OSError:
                    state.closed_early.append(True)

            def _answer(self) -> None:
                body = self._body()
                state.seen.append(Seen(self.command, self.path, list(self.headers.items()), body))
                answer = state.answers[min(len(state.seen), len(state.answers)) - 1]
                if answer.delay:
                    time.sleep(answer.delay)
                headers = [(name, value.replace("{base}", state.url)) for name, value in answer.headers]
                if answer.chunks:
                    self._stream(answer, headers)
                    return
                data = answer.body if isinstance(answer.body, bytes) else json.dumps(answer.body).encode()
                data = data.replace(b"{base}", state.url.encode())
                try:
                    self.send_response(answer.status)
                    for name, value in headers:
                        self.send_header(name, value)
                    if not any(name.lower() == "content-type" for name, _ in headers):
                        self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (a timeout or a cancelled call)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        httpd.block_on_close = False  # a test does not wait for a delayed answer nobody reads
        threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True).start()
        servers.append(httpd)
        state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
        return state

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()
