"""Real HTTP(S) servers on 127.0.0.1 that serve specs the way real services fail to: the fetch side of the tests.

SpecServer serves the files of a folder at /specs/<name> (optionally only to requests carrying a given header),
plus routes that misbehave: /status/<code>, /html, /empty, /huge (endless, no length), /huge-declared (a length
above any limit), /slow, /trickle (one byte at a time), /loop, /redirect-other (to another origin),
/redirect-file (to a file: URL), /redirect-same. It records every request (path and headers), so a test can show
that something was never asked for. tls_server() is the same behind a certificate that only a fresh test CA
(written to a file) trusts.
"""

from __future__ import annotations

import ssl
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Server(ThreadingHTTPServer):
    """A client that gives up (the point of many tests) is no error of the server's: only other failures are
    printed, so a traceback in a test's captured output always means something."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, TimeoutError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class SpecServer:
    def __init__(self, folder: Path, required: tuple[str, str] | None = None, redirect_other: str = "",
                 tls: ssl.SSLContext | None = None):
        self.folder, self.required, self.redirect_other = folder, required, redirect_other
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.httpd = _Server(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.scheme = "https" if tls else "http"

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> SpecServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def answer(self, status: int, body: bytes = b"", content_type: str = "application/json",
                       headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: C901 - one branch per route
                owner.requests.append((self.path, dict(self.headers.items())))
                path = self.path.split("?")[0]
                try:
                    if owner.required and self.headers.get(owner.required[0]) != owner.required[1]:
                        self.answer(401, b'{"message": "unauthorized"}')
                    elif path.startswith("/specs/") and (owner.folder / path[len("/specs/"):]).is_file():
                        self.answer(200, (owner.folder / path[len("/specs/"):]).read_bytes(), "application/yaml")
                    elif path.startswith("/status/"):
                        self.answer(int(path.rsplit("/", 1)[1]), b"<html><body>failed</body></html>", "text/html")
                    elif path == "/html":
                        self.answer(200, b"<!DOCTYPE html><html><body>Sign in</body></html>", "text/html")
                    elif path == "/empty":
                        self.answer(200, b"")
                    elif path == "/huge":
                        self.send_response(200)
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Connection", "close")
                        self.end_headers()
                        chunk = b" " * 65536
                        for _ in range(2000):  # 125 MiB, more than any limit
                            self.wfile.write(chunk)
                    elif path == "/huge-declared":
                        self.send_response(200)
                        self.send_header("Content-Length", str(100 * 1024 * 1024))
                        self.end_headers()
                        self.wfile.write(b"{")
                    elif path == "/slow":
                        time.sleep(3)
                        self.answer(200, b"{}")
                    elif path == "/trickle":
                        self.send_response(200)
                        self.send_header("Content-Length", "100")
                        self.end_headers()
                        for _ in range(100):
                            self.wfile.write(b" ")
                            self.wfile.flush()
                            time.sleep(0.2)
                    elif path == "/loop":
                        self.answer(302, headers={"Location": "/loop"})
                    elif path == "/redirect-other":
                        self.answer(302, headers={"Location": owner.redirect_other + "/specs/ok.yaml"})
                    elif path == "/redirect-file":
                        self.answer(302, headers={"Location": "file:///etc/passwd"})
                    elif path == "/redirect-same":
                        self.answer(302, headers={"Location": "/specs/ok.yaml"})
                    else:
                        self.answer(404, b"not found", "text/plain")
                except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    pass  # the client gave up, as it should

        return Handler


@contextmanager
def tls_server(folder: Path, ca_file: Path) -> Iterator[SpecServer]:
    """A SpecServer on https, with a certificate for 127.0.0.1 issued by a new CA whose certificate is written to
    ca_file (and trusted nowhere else)."""
    import trustme

    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate.configure_cert(context)
    authority.cert_pem.write_to_path(str(ca_file))
    with SpecServer(folder, tls=context) as server:
        yield server
