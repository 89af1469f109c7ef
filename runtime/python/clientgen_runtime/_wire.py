"""The sans-IO core of the SDK's HTTP runtime: requests built from a method's arguments, the credential's place
and refresh rule, header merging, which outcomes are re-sent and after how long, log lines, and typed results and
errors from responses. The sync and async transports (_transport.py) only do the I/O this module plans.
Part of the SDK's runtime, copied by clientgen; do not edit."""

from __future__ import annotations

import base64
import datetime as _dt
import email.utils
import inspect
import json
import logging
import platform
import random
import re
import ssl
import threading
import time
import typing as _t
import uuid as _uuid
from dataclasses import dataclass, field, replace
from urllib.parse import quote

import httpx

from ._codecs import ANY, STRING, UNSET, Codec, Model
from ._sdkinfo import CLIENTGEN_VERSION, RAW_SEND_AUTH, SDK_NAME, SDK_VERSION
from .errors import ApiError, RequestTimeoutError, ResponseDecodeError, TransportError

USER_AGENT = (
    f"{SDK_NAME}/{SDK_VERSION} clientgen/{CLIENTGEN_VERSION} "
    f"python/{platform.python_version()}"
)
REFRESH_MARGIN = (
    30.0  # seconds before a token's refresh time when it is asked for again
)
UNPROCESSED_STATUSES = frozenset({408, 429, 503})  # not processed: any method retries
FAILED_STATUSES = frozenset(
    {500, 502, 504}
)  # it may have been: only safe requests retry
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
ALWAYS_SECRET = frozenset({"authorization", "cookie", "proxy-authorization"})
AZURE_ML_SCOPES = (
    "https://ml.azure.com/.default",
)  # what get_token() is asked for by default


@dataclass(frozen=True)
class BasicCredential:
    """A user name and password for HTTP basic auth: `Authorization: Basic
    base64(user:password)` (UTF-8)."""

    user: str
    password: str = field(repr=False)

    def header_value(self) -> str:
        pair = f"{self.user}:{self.password}".encode("utf-8")
        return "Basic " + base64.b64encode(pair).decode("ascii")

    def __repr__(self) -> str:
        return f"BasicCredential(user={self.user!r}, password=<hidden>)"


def basic(user: str, password: str) -> BasicCredential:
    """The credential of an operation secured by HTTP basic auth."""
    return BasicCredential(user, password)


@dataclass(frozen=True)
class RequestOptions:
    """Options of one call; None keeps the client's. `max_retries` (0: none) and
    `timeout` (seconds per attempt) replace the client's; `headers` are sent on this
    call only and replace the client's headers of the same name (in any case: a default
    header, Accept, User-Agent), except the credential."""

    max_retries: int | None = None
    timeout: float | None = None
    headers: _t.Mapping[str, str] | None = None


@dataclass(frozen=True)
class Auth:
    """Where an operation's credential goes, from its security scheme: `location` is
    header, query or cookie, `name` the header, parameter or cookie name, `form` key
    (sent as given; an Authorization key gets `Bearer `), bearer (`Bearer <token>`) or
    basic (`Basic <base64>`)."""

    location: str
    name: str
    form: str


# where send() puts the credential: the spec's first scheme, else bearer
RAW_AUTH = Auth(*RAW_SEND_AUTH)


def merge_headers(*layers: _t.Mapping[str, str] | None) -> dict[str, str]:
    """Headers of several layers, a later one replacing an earlier header of the same
    name in any case (the later spelling is sent)."""
    merged: dict[str, tuple[str, str]] = {}
    for layer in layers:
        for name, value in (layer or {}).items():
            merged[name.lower()] = (name, value)
    return dict(merged.values())


# ---- parameters ------------------------------------------------------------------------------------------------
def _text(value: _t.Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _quote(text: str) -> str:
    return quote(text, safe="")


@dataclass
class Request:
    """One HTTP request, built by a generated method; `body` is bytes so that a retry re-sends the same bytes."""

    method: str
    path: str
    query: list[tuple[str, str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    cookies: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None
    accept: str = "*/*"  # the media types the operation's responses declare
    auth: Auth | None = (
        None  # where the credential goes; None: the operation requires none
    )
    operation: str = (
        ""  # the spec's operationId, by which a client may mark it safe to retry
    )
    # a body sent from a stream, piece by piece: never re-sent once sending began
    body_stream: _t.Iterable[bytes] | None = None
    url: str | None = (
        None  # an absolute URL a response named: sent as it is, `path` only names it
    )

    def follow(self, url: str, base_url: str) -> Request:
        """A GET of an absolute URL that an answer named (a next page, a status monitor): the
        same Accept and operation; the credential only where the URL has the base URL's origin.
        """
        target = httpx.URL(url)
        same = _origin(target) == _origin(httpx.URL(base_url))
        return Request(
            "GET",
            target.path,
            accept=self.accept,
            auth=self.auth if same else None,
            operation=self.operation,
            url=str(target),
        )

    def again(self) -> Request:
        """The operation's own URL read again with GET (a long-running operation's result)."""
        return Request(
            "GET",
            self.path,
            list(self.query),
            accept=self.accept,
            auth=self.auth,
            operation=self.operation,
        )

    def with_query(self, name: str, value: str) -> Request:
        """The same request with the query parameter `name` set to value (in its place, else last)."""
        query = [(k, value if k == name else v) for k, v in self.query]
        if not any(k == name for k, _ in query):
            query.append((name, value))
        return replace(self, query=query, headers=dict(self.headers))

    def path_param(
        self, name: str, value: _t.Any, codec: Codec, style: str, explode: bool
    ) -> None:
        encoded = codec.encode(value)
        if isinstance(encoded, list):
            items = [_quote(_text(v)) for v in encoded]
        elif isinstance(encoded, dict):
            joiner = "=" if explode else ","
            items = [
                f"{_quote(str(k))}{joiner}{_quote(_text(v))}"
                for k, v in encoded.items()
            ]
        else:
            items = [_quote(_text(encoded))]
        if style == "label":
            text = "." + ("." if explode else ",").join(items)
        elif style == "matrix":
            text = (
                "".join(f";{name}={i}" for i in items)
                if explode
                else f";{name}=" + ",".join(items)
            )
        else:
            text = ",".join(items)
        self.path = self.path.replace("{" + name + "}", text)

    def query_param(
        self, name: str, value: _t.Any, codec: Codec, style: str, explode: bool
    ) -> None:
        if value is None:
            return
        encoded = codec.encode(value)
        if isinstance(encoded, list):
            if explode and style == "form":
                self.query.extend((name, _text(v)) for v in encoded)
            else:
                separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(
                    style, ","
                )
                self.query.append((name, separator.join(_text(v) for v in encoded)))
        elif isinstance(encoded, dict):
            if style == "deepObject":
                self.query.extend(
                    (f"{name}[{k}]", _text(v)) for k, v in encoded.items()
                )
            elif explode:
                self.query.extend((str(k), _text(v)) for k, v in encoded.items())
            else:
                self.query.append(
                    (name, ",".join(f"{k},{_text(v)}" for k, v in encoded.items()))
                )
        else:
            self.query.append((name, _text(encoded)))

    def header_param(
        self, name: str, value: _t.Any, codec: Codec, style: str, explode: bool
    ) -> None:
        if value is None:
            return
        encoded = codec.encode(value)
        if isinstance(encoded, list):
            self.headers[name] = ",".join(_text(v) for v in encoded)
        elif isinstance(encoded, dict):
            joiner = "=" if explode else ","
            self.headers[name] = ",".join(
                f"{k}{joiner}{_text(v)}" for k, v in encoded.items()
            )
        else:
            self.headers[name] = _text(encoded)

    def cookie_param(
        self, name: str, value: _t.Any, codec: Codec, style: str, explode: bool
    ) -> None:
        if value is None:
            return
        encoded = codec.encode(value)
        text = (
            ",".join(_text(v) for v in encoded)
            if isinstance(encoded, list)
            else _text(encoded)
        )
        self.cookies.append((name, _quote(text)))

    def json_body(self, value: _t.Any, codec: Codec, media_type: str) -> None:
        if value is None:
            return
        self.body = json.dumps(
            codec.encode(value), ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
        self.headers["Content-Type"] = media_type

    def form_body(self, value: _t.Any, codec: Codec, media_type: str) -> None:
        if value is None:
            return
        pairs = Request("", "")  # only its query encoding is used
        for key, item in codec.encode(value).items():
            pairs.query_param(key, item, ANY, "form", True)
        self.body = "&".join(f"{_quote(k)}={_quote(v)}" for k, v in pairs.query).encode(
            "ascii"
        )
        self.headers["Content-Type"] = media_type

    def multipart_body(self, value: _t.Any, codec: Codec, media_type: str) -> None:
        """multipart/form-data: one part per field; bytes travel as files, text as text, the rest as JSON."""
        if value is None:
            return
        if isinstance(value, Model):
            fields = [
                (p.wire, getattr(value, p.attr), p.codec)
                for p in type(value).__clientgen_props__
            ]
        elif isinstance(value, dict):
            fields = [(str(k), v, ANY) for k, v in value.items()]
        else:  # a body that is one file or one text: a single part named "file"
            fields = [("file", value, codec)]
        boundary = "clientgen-" + _uuid.uuid4().hex
        chunks: list[bytes] = []
        for wire, item, item_codec in fields:
            if item is None or item is UNSET:
                continue
            name = wire.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
            if isinstance(item, (bytes, bytearray)):
                head = f'Content-Disposition: form-data; name="{name}"; filename="{name}"\r\n'
                head += "Content-Type: application/octet-stream"
                data = bytes(item)
            elif isinstance(item, str):
                head, data = (
                    f'Content-Disposition: form-data; name="{name}"',
                    item.encode("utf-8"),
                )
            else:
                head = f'Content-Disposition: form-data; name="{name}"\r\nContent-Type: application/json'
                data = json.dumps(item_codec.encode(item), ensure_ascii=False).encode(
                    "utf-8"
                )
            chunks.append(f"--{boundary}\r\n{head}\r\n\r\n".encode() + data + b"\r\n")
        self.body = b"".join(chunks) + f"--{boundary}--\r\n".encode()
        self.headers["Content-Type"] = f"{media_type}; boundary={boundary}"

    def binary_body(
        self,
        value: bytes | _t.BinaryIO | _t.Iterable[bytes] | None,
        codec: Codec,
        media_type: str,
    ) -> None:
        """Bytes, or a binary file object or iterable of bytes sent piece by piece (chunked,
        never held whole)."""
        if value is None:
            return
        if isinstance(value, (bytes, bytearray, memoryview)):
            self.body = bytes(value)
        else:
            self.body_stream = _pieces(value)
        self.headers["Content-Type"] = media_type

    def text_body(self, value: str | None, codec: Codec, media_type: str) -> None:
        if value is None:
            return
        self.body = value.encode("utf-8")
        self.headers["Content-Type"] = (
            media_type if "charset" in media_type else media_type + "; charset=utf-8"
        )

    def target(self, base_url: str) -> str:
        url = self.url or base_url.rstrip("/") + self.path
        if self.query:
            url += "&" if "?" in url else "?"
            url += "&".join(f"{_quote(k)}={_quote(v)}" for k, v in self.query)
        return url


PIECE = 64 * 1024  # bytes read from a file object at a time


def _pieces(value: _t.BinaryIO | _t.Iterable[bytes]) -> _t.Iterator[bytes]:
    read = getattr(value, "read", None)
    if callable(read):
        while piece := read(PIECE):
            yield bytes(piece)
    else:
        for piece in value:
            if piece:
                yield bytes(piece)


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host, url.port or default


# ---- responses -------------------------------------------------------------------------------------------------
ErrorCodecs = tuple[tuple[str, Codec], ...]


@dataclass(frozen=True)
class RawResponse:
    """What the raw `send()` returns: status, headers (names case-insensitive) and body bytes."""

    status_code: int
    headers: _t.Mapping[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> _t.Any:
        return json.loads(self.content)


def _is_json(response: httpx.Response) -> bool:
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return not media_type or "json" in media_type


def _status_matches(status: int, patterns: _t.Sequence[str]) -> bool:
    return str(status) in patterns or f"{str(status)[0]}XX" in patterns


def decode_result(
    response: httpx.Response, kind: str, codec: Codec, empty: _t.Sequence[str] = ()
) -> _t.Any:
    """The typed value of a 2xx response. An answer without content is None only for a status the spec allows
    without content (`empty`: "204", "2XX"); otherwise a decode error. A declared string takes the body text
    when the body is not a JSON string (text/html 'Healthy', or a JSON object where a string is declared).
    """
    if kind == "none":
        return None
    if not response.content and _status_matches(response.status_code, empty):
        return None
    if not response.content and kind == "json":
        raise ResponseDecodeError(
            f"HTTP {response.status_code}: expected a JSON body, got none",
            status_code=response.status_code,
            body=response.content,
        )
    if kind == "binary":
        return response.content
    if kind == "text":
        return response.text
    if codec is STRING and not _is_json(response):
        return response.text
    try:
        data = json.loads(response.content)
    except ValueError:
        if codec is STRING:
            return response.text
        raise ResponseDecodeError(
            f"HTTP {response.status_code}: expected JSON, got {response.headers.get('content-type', 'no type')}: "
            f"{_excerpt(response.text)}",
            status_code=response.status_code,
            body=response.content,
        ) from None
    if codec is STRING and not isinstance(data, str):
        return response.text
    return decode_data(data, codec, response.status_code, response.content)


def decode_data(data: _t.Any, codec: Codec, status: int, body: bytes) -> _t.Any:
    """A JSON value decoded by its codec; a decode error when it does not fit."""
    try:
        return codec.decode(data)
    except (TypeError, ValueError, KeyError) as exc:
        raise ResponseDecodeError(
            f"HTTP {status}: the body does not fit the spec: {exc}",
            status_code=status,
            body=body,
        ) from None


def decode_item(text: str, kind: str, codec: Codec, status: int) -> _t.Any:
    """One value of a stream or page as it arrives (a JSON line, an event's data): the text
    itself for a text item, else its JSON decoded by the codec; a decode error otherwise.
    """
    if kind == "text":
        return text
    try:
        data = json.loads(text)
    except ValueError:
        raise ResponseDecodeError(
            f"HTTP {status}: expected a JSON item, got {_excerpt(text)}",
            status_code=status,
            body=text.encode("utf-8"),
        ) from None
    return decode_data(data, codec, status, text.encode("utf-8"))


def _excerpt(text: str, limit: int = 300) -> str:
    text = " ".join(re.sub(r"<[^>]*>", " ", text).split())
    return text if len(text) <= limit else text[:limit] + "…"


def api_error(
    request: Request, response: httpx.Response, errors: ErrorCodecs
) -> ApiError:
    """The ApiError for a non-2xx response, with the spec's error model parsed where the body fits it."""
    status = str(response.status_code)
    codecs = dict(errors)
    codec = codecs.get(status) or codecs.get(status[0] + "XX") or codecs.get("default")
    parsed: _t.Any = None
    data: _t.Any = None
    if response.content and _is_json(response):
        try:
            data = json.loads(response.content)
            parsed = codec.decode(data) if codec is not None else None
        except (TypeError, ValueError, KeyError):
            parsed = None
    message = getattr(parsed, "message", None)
    if not isinstance(message, str) or not message:
        message = (
            data.get("message")
            if isinstance(data, dict) and isinstance(data.get("message"), str)
            else None
        )
    if not message:
        message = _excerpt(response.text) or response.reason_phrase or "no message"
    return ApiError(
        response.status_code,
        message,
        headers=response.headers,
        body=response.content,
        error=parsed,
        method=request.method,
        path=request.path,
    )


# ---- the credential --------------------------------------------------------------------------------------------
TokenResult = tuple[str, _t.Union[float, _dt.datetime]]
"""(token, refresh_by): refresh_by in seconds since the epoch (or a datetime), as Azure
ML's get_token() returns it."""
TokenProvider = _t.Callable[[], TokenResult]
AsyncTokenProvider = _t.Callable[[], _t.Union[TokenResult, _t.Awaitable[TokenResult]]]


class AccessTokenLike(_t.Protocol):
    """What azure-identity's get_token() returns (AccessToken)."""

    @property
    def token(self) -> str: ...

    @property
    def expires_on(self) -> int: ...


class TokenCredential(_t.Protocol):
    """Any object with azure-identity's get_token(*scopes), e.g. DefaultAzureCredential()
    (duck-typed: the SDK does not depend on azure-identity)."""

    def get_token(self, *scopes: str) -> AccessTokenLike: ...


class AsyncTokenCredential(_t.Protocol):
    """azure.identity.aio's credentials: an async get_token(*scopes)."""

    async def get_token(self, *scopes: str) -> AccessTokenLike: ...


class RefreshingCredential(_t.Protocol):
    """A credential that says itself when to ask it again (AzureMLCredential)."""

    def token(self) -> tuple[str, float]: ...


def _provider_token(result: _t.Any) -> tuple[str, float]:
    token, refresh_by = result
    if isinstance(refresh_by, _dt.datetime):
        refresh_by = refresh_by.timestamp()
    return str(token), float(refresh_by) - REFRESH_MARGIN


def _access_token(result: _t.Any) -> tuple[str, float]:
    return str(result.token), float(result.expires_on) - REFRESH_MARGIN


def _as_is(result: _t.Any) -> tuple[str, float]:
    token, refresh_at = result
    return str(token), float(refresh_at)


class Credential:
    """The client's credential: a static key or token, a basic credential, or a source
    of tokens kept until their refresh time and asked again then and once after a 401.

    Sources: a token provider (a callable returning (token, refresh_by): asked again
    REFRESH_MARGIN seconds before refresh_by), an object with azure-identity's
    get_token(*scopes) (asked again REFRESH_MARGIN seconds before expires_on), and a
    credential with its own token() -> (token, when to ask again) (AzureMLCredential).
    `fetch` asks the source; `blocking` says it may block (the async transport runs it
    in a thread); the token is never fetched while holding the lock."""

    def __init__(self, credential: object, scopes: _t.Sequence[str] = ()) -> None:
        self.static: str | None = None
        self.fetch: _t.Callable[[], _t.Any] | None = None
        self.blocking = False
        self._normalize: _t.Callable[[_t.Any], tuple[str, float]] = _as_is
        if isinstance(credential, str):
            self.static = credential
        elif isinstance(credential, BasicCredential):
            self.static = credential.header_value()
        elif callable(getattr(credential, "get_token", None)):
            get_token = _t.cast(TokenCredential, credential).get_token
            self.fetch = lambda: get_token(*scopes)
            self.blocking = not _is_async(get_token)
            self._normalize = _access_token
        elif callable(getattr(credential, "token", None)):
            self.fetch = _t.cast(RefreshingCredential, credential).token
            self.blocking = True
        elif callable(credential):
            self.fetch = credential
            self._normalize = _provider_token
        elif credential is not None:
            raise TypeError(
                "credential: expected a key, basic(user, password), a token provider, "
                f"or an object with get_token(), got {type(credential).__name__}"
            )
        self._token: str | None = None
        self._refresh_at = 0.0
        self._lock = threading.Lock()

    @property
    def refreshable(self) -> bool:
        return self.fetch is not None

    def cached(self) -> str | None:
        """The token to send now, or None when the source must be asked."""
        if self.static is not None:
            return self.static
        with self._lock:
            if self._token is not None and time.time() < self._refresh_at:
                return self._token
        return None

    def store(self, result: _t.Any) -> str:
        """Keep what the source gave until its refresh time; returns the token."""
        token, refresh_at = self._normalize(result)
        with self._lock:
            self._token, self._refresh_at = token, refresh_at
        return token

    def invalidate(self) -> None:
        with self._lock:
            self._token = None

    def __repr__(self) -> str:
        held = self.static is not None or self.fetch is not None
        return "Credential(<hidden>)" if held else "Credential(None)"


def _is_async(function: object) -> bool:
    return inspect.iscoroutinefunction(function)


def place_credential(
    token: str | None, auth: Auth | None
) -> tuple[dict[str, str], list[tuple[str, str]], list[tuple[str, str]]]:
    """(headers, query, cookies) of the credential, where the operation's scheme says."""
    if token is None or auth is None:
        return {}, [], []
    names_scheme = bool(re.match(r"(?i)(bearer|basic) ", token))
    if auth.form == "basic" and not names_scheme:
        token = "Basic " + token
    elif (
        auth.form == "bearer" or auth.name.lower() == "authorization"
    ) and not names_scheme:
        token = "Bearer " + token
    if auth.location == "query":
        return {}, [(auth.name, token)], []
    if auth.location == "cookie":
        return {}, [], [(auth.name, _quote(token))]
    return {auth.name: token}, [], []


# ---- retries ---------------------------------------------------------------------------------------------------
def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass(frozen=True)
class RetryPolicy:
    """Re-sends only what is safe to send again, with exponential backoff and jitter,
    Retry-After honoured.

    Any request is retried after a connection that failed before it was sent, and after
    408, 429 and 503 (the server did not process it). A request safe to repeat (an
    idempotent method, an operation the client marks safe by its operationId, or one
    carrying an Idempotency-Key header) is also retried after 500, 502 and 504 and after
    a failure once it was sent. A body sent from a stream is re-sent only after a
    connection that failed before sending began."""

    max_retries: int = 2
    safe_operations: frozenset[str] = frozenset()
    backoff: float = 0.5
    max_delay: float = 30.0

    def repeatable(self, request: Request) -> bool:
        return (
            request.method in IDEMPOTENT_METHODS
            or request.operation in self.safe_operations
            or any(name.lower() == "idempotency-key" for name in request.headers)
        )

    def delay(
        self,
        attempt: int,
        max_retries: int,
        request: Request,
        response: httpx.Response | None,
        sent: bool,
    ) -> float | None:
        """Seconds to wait before retry number attempt+1, or None for no retry.
        `response` is None after a transport failure; `sent` says whether the request
        may have reached the server."""
        if attempt >= max_retries:
            return None
        if request.body_stream is not None and (response is not None or sent):
            return None  # sending began: a streamed body cannot be sent again
        if response is not None:
            status = response.status_code
            failed = status in FAILED_STATUSES and self.repeatable(request)
            if status not in UNPROCESSED_STATUSES and not failed:
                return None
            after = retry_after(response.headers.get("retry-after"))
            if after is not None:
                return min(after, self.max_delay)
        elif sent and not self.repeatable(request):
            return None
        jitter = 0.5 + random.random() / 2
        return min(self.max_delay, self.backoff * 2.0**attempt) * jitter


# ---- one call: its attempts, what follows each outcome, its log --------------------------------------------------
def masked_url(url: httpx.URL) -> str:
    """The URL as logged: every query value is ***."""
    text = str(url.copy_with(query=None, fragment=None))
    query = url.query.decode("ascii", errors="replace")
    if not query:
        return text
    names = [part.split("=", 1)[0] for part in query.split("&")]
    return text + "?" + "&".join(f"{name}=***" for name in names)


class TransportCore:
    """What the sync and async transports share: the client's settings and the rules of
    a call (Call). Subclasses hold the HTTP client and do the I/O."""

    def __init__(
        self,
        base_url: str,
        credential: object,
        timeout: float,
        max_retries: int,
        headers: _t.Mapping[str, str] | None,
        retry_operations: _t.Collection[str] = (),
        secret_headers: _t.Collection[str] = (),
        credential_scopes: _t.Sequence[str] = AZURE_ML_SCOPES,
    ) -> None:
        self.base_url = base_url_or_fail(base_url)
        self.timeout = timeout
        self.credential = Credential(credential, credential_scopes)
        self.retry = RetryPolicy(max_retries, frozenset(retry_operations))
        self.headers = merge_headers({"User-Agent": USER_AGENT}, headers)
        self.secret_headers = frozenset(name.lower() for name in secret_headers)
        self.log = logging.getLogger(__package__ or __name__)

    def call(
        self,
        request: Request,
        errors: ErrorCodecs = (),
        options: RequestOptions | None = None,
    ) -> Call:
        return Call(self, request, errors, options or RequestOptions())

    def raw_request(
        self,
        method: str,
        path: str,
        body: bytes | None,
        headers: _t.Mapping[str, str] | None,
        params: _t.Mapping[str, str] | None,
    ) -> Request:
        """The request of the raw send(): the credential where the spec's first scheme
        says, else as a bearer token."""
        path = path if path.startswith("/") else "/" + path
        request = Request(method.upper(), path, body=body, auth=RAW_AUTH)
        request.headers.update(headers or {})
        request.query.extend((params or {}).items())
        return request


class Call:
    """One call's attempts: each attempt's request, and after each outcome whether to
    send again (and after how long), or the response, or the error. Logs each attempt
    at debug level: the request's headers before it is sent (secrets as ***) and its
    outcome after; query values are never logged."""

    def __init__(
        self,
        core: TransportCore,
        request: Request,
        errors: ErrorCodecs,
        options: RequestOptions,
    ) -> None:
        self.core, self.request, self.errors = core, request, errors
        self.timeout = core.timeout if options.timeout is None else options.timeout
        self.whose = "the client's" if options.timeout is None else "the call's"
        limit = options.max_retries
        self.max_retries = core.retry.max_retries if limit is None else limit
        self.headers = merge_headers(
            {"Accept": request.accept}, core.headers, request.headers, options.headers
        )
        secret = set(ALWAYS_SECRET | core.secret_headers)
        if request.auth is not None and request.auth.location == "header":
            secret.add(request.auth.name.lower())
        self.secret = frozenset(secret)
        self.retries = 0  # retries decided so far
        self.sends = 0  # attempts sent so far
        self.refreshed = False
        self.started = 0.0
        self.url = ""

    @property
    def wants_token(self) -> bool:
        return self.request.auth is not None

    def build(
        self,
        http: httpx.Client | httpx.AsyncClient,
        token: str | None,
        content: _t.Iterable[bytes] | _t.AsyncIterable[bytes] | None = None,
    ) -> httpx.Request:
        """The next attempt: the call's headers, the credential, the same body bytes (or
        `content`, the async transport's form of a streamed body)."""
        request = self.request
        headers, query, cookies = place_credential(token, request.auth)
        headers = merge_headers(self.headers, headers)
        cookies = request.cookies + cookies
        if cookies:
            headers = merge_headers(
                headers, {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies)}
            )
        target = Request(
            request.method, request.path, request.query + query, url=request.url
        )
        return http.build_request(
            request.method,
            target.target(self.core.base_url),
            content=content or request.body_stream or request.body,
            headers=headers,
            timeout=self.timeout,
        )

    def sending(self, request: httpx.Request) -> None:
        """Called just before the attempt goes out (after the caller's hook). What the
        log shows is made only when debug logging is on."""
        if self.core.log.isEnabledFor(logging.DEBUG):
            self.url = f"{request.method} {masked_url(request.url)}"
            shown = "; ".join(
                f"{name.lower()}: {'***' if name.lower() in self.secret else value}"
                for name, value in request.headers.items()
            )
            self.core.log.debug("%s request headers: %s", self.url, shown)
        self.started = time.monotonic()

    def _elapsed(self) -> str:
        return f"in {round((time.monotonic() - self.started) * 1000)} ms (retry {self.sends})"

    def failed(self, exc: httpx.TransportError) -> float:
        """After an attempt that got no response: the delay before the next one, or the
        SDK's error raised."""
        reason = f"{type(exc).__name__}: {exc}"
        if self.core.log.isEnabledFor(logging.DEBUG):
            self.core.log.debug(
                "%s -> failed %s: %s", self.url, self._elapsed(), reason
            )
        self.sends += 1
        sent = not isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout))
        request = self.request
        delay = self.core.retry.delay(
            self.retries, self.max_retries, request, None, sent
        )
        if delay is None:
            where = f"{request.method} {request.path}"
            if isinstance(exc, httpx.TimeoutException):
                raise RequestTimeoutError(
                    f"{where}: no response within {self.timeout:g} s ({self.whose} timeout)"
                ) from exc
            raise TransportError(f"{where}: {reason}") from exc
        self.retries += 1
        return delay

    def answered(self, response: httpx.Response) -> float | None:
        """After an attempt that got a response: the delay before the next attempt, or
        None when the response is the call's (a 2xx); raises the ApiError otherwise."""
        status = response.status_code
        if self.core.log.isEnabledFor(logging.DEBUG):
            self.core.log.debug("%s -> %d %s", self.url, status, self._elapsed())
        self.sends += 1
        credential = self.core.credential
        refreshable = self.wants_token and credential.refreshable
        if self.request.body_stream is not None:  # a streamed body cannot be sent again
            refreshable = False
        if status == 401 and refreshable and not self.refreshed:
            self.refreshed = True
            credential.invalidate()
            return 0.0
        delay = self.core.retry.delay(
            self.retries, self.max_retries, self.request, response, True
        )
        if delay is not None:
            self.retries += 1
            return delay
        if not 200 <= status < 300:
            raise api_error(self.request, response, self.errors)
        return None


def tls_context(ca_bundle: str | None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=ca_bundle)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def base_url_or_fail(base_url: str | None) -> str:
    if not base_url:
        raise ValueError(
            "this API's spec names no server: pass base_url, "
            "e.g. Client('https://host/api')"
        )
    return base_url.rstrip("/")
