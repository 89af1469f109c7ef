"""Errors raised by the SDK's client. Part of the SDK's runtime, copied by clientgen; do not edit.

ApiError: the service answered with a status outside 2xx. TransportError: no answer (refused connection, TLS,
DNS). RequestTimeoutError: no answer in time. ResponseDecodeError: an answer that does not fit the spec.
CredentialError: the credential could not give a token. OperationFailedError: a long-running operation ended failed
or canceled. None of them holds the credential.
"""

from __future__ import annotations

import typing as _t


class ClientError(Exception):
    """Base of every error this client raises."""


class ApiError(ClientError):
    """A non-2xx response: status code, headers, raw body and, where the body fits the
    spec, its parsed model."""

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        headers: _t.Mapping[str, str],
        body: bytes,
        error: _t.Any = None,
        method: str = "",
        path: str = "",
    ) -> None:
        super().__init__(f"{method} {path}: HTTP {status_code}: {message}".strip())
        self.status_code = status_code
        self.message = message
        self.headers = headers  # the response's: names are case-insensitive
        self.body = body
        self.error = error
        self.method = method
        self.path = path

    def __repr__(self) -> str:
        return f"ApiError(status_code={self.status_code!r}, message={self.message!r})"


class TransportError(ClientError):
    """The request got no response: connection refused or reset, DNS or TLS failure."""


class RequestTimeoutError(ClientError):
    """The service did not answer within the timeout (the call's own, else the
    client's); the message says which."""


class ResponseDecodeError(ClientError):
    """A 2xx response whose body does not fit the type the spec gives it."""

    def __init__(self, message: str, *, status_code: int, body: bytes) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body


class CredentialError(ClientError):
    """The credential could not give a token: its command failed, or what it gave holds
    no token. The message names the command or callable and what was missing, never
    what it printed."""


class OperationFailedError(ClientError):
    """A long-running operation that ended without success: `status` is Failed or
    Canceled, `code` and `message` the status monitor's error.code and error.message
    (None where it gave none)."""

    def __init__(self, status: str, code: str | None, message: str | None) -> None:
        detail = ": ".join(part for part in (code, message) if part)
        super().__init__(
            f"the operation ended {status}" + (f": {detail}" if detail else "")
        )
        self.status = status
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"OperationFailedError(status={self.status!r}, code={self.code!r}, message={self.message!r})"
