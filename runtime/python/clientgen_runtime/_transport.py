"""The SDK's sync and async transports: the I/O of the calls that _wire.Call plans (getting a token, the
caller's hooks, sending, waiting before a retry). One pooled httpx client per transport, the SDK's own (TLS
verified, TLS 1.2 at least, closed with the transport) or the caller's (never closed by the SDK).
Part of the SDK's runtime, copied by clientgen; do not edit."""

from __future__ import annotations

import inspect
import time
import typing as _t

import httpx

from ._wire import (
    AZURE_ML_SCOPES,
    ErrorCodecs,
    RawResponse,
    Request,
    RequestOptions,
    TransportCore,
    tls_context,
)

RequestHook = _t.Callable[[httpx.Request], object]
ResponseHook = _t.Callable[[httpx.Response], object]
AsyncRequestHook = _t.Callable[[httpx.Request], _t.Union[object, _t.Awaitable[object]]]
AsyncResponseHook = _t.Callable[
    [httpx.Response], _t.Union[object, _t.Awaitable[object]]
]

HttpClient = _t.TypeVar("HttpClient", httpx.Client, httpx.AsyncClient)


def _http_client(
    given: HttpClient | None,
    make: type[HttpClient],
    timeout: float,
    ca_bundle: str | None,
) -> tuple[HttpClient, bool]:
    """(the HTTP client, whether the SDK owns it and closes it)."""
    if given is None:
        verify = tls_context(ca_bundle)
        return make(verify=verify, timeout=timeout, follow_redirects=False), True
    if ca_bundle is not None:
        raise ValueError(
            "ca_bundle applies to the SDK's own HTTP client: set verify on yours"
        )
    return given, False


class SyncTransport(TransportCore):
    """One pooled httpx.Client with auth, retries, hooks, logging and error mapping."""

    def __init__(
        self,
        base_url: str,
        credential: object,
        timeout: float,
        max_retries: int,
        headers: _t.Mapping[str, str] | None,
        ca_bundle: str | None,
        retry_operations: _t.Collection[str] = (),
        *,
        http_client: httpx.Client | None = None,
        on_request: RequestHook | None = None,
        on_response: ResponseHook | None = None,
        secret_headers: _t.Collection[str] = (),
        credential_scopes: _t.Sequence[str] = AZURE_ML_SCOPES,
    ) -> None:
        super().__init__(
            base_url,
            credential,
            timeout,
            max_retries,
            headers,
            retry_operations,
            secret_headers,
            credential_scopes,
        )
        self.http, self.owns_http = _http_client(
            http_client, httpx.Client, timeout, ca_bundle
        )
        self.on_request, self.on_response = on_request, on_response

    def token(self) -> str | None:
        credential = self.credential
        token = credential.cached()
        if token is None and credential.fetch is not None:
            token = credential.store(credential.fetch())
        return token

    def send(
        self,
        request: Request,
        errors: ErrorCodecs = (),
        options: RequestOptions | None = None,
        stream: bool = False,
    ) -> httpx.Response:
        """Send with auth and retries; return a 2xx response or raise the matching error.
        With `stream`, a 2xx response's body is left to be read as it arrives (the caller
        closes it); any other answer is read whole."""
        call = self.call(request, errors, options)
        while True:
            attempt = call.build(self.http, self.token() if call.wants_token else None)
            if self.on_request is not None:
                self.on_request(attempt)
            call.sending(attempt)
            try:
                response = self.http.send(attempt, stream=stream)
                if stream and not 200 <= response.status_code < 300:
                    response.read()  # an error's body is read whole
            except httpx.TransportError as exc:
                time.sleep(call.failed(exc))
                continue
            if self.on_response is not None:
                self.on_response(response)
            try:
                delay = call.answered(response)
            except BaseException:
                response.close()
                raise
            if delay is None:
                return response
            response.close()
            time.sleep(delay)

    def send_raw(
        self,
        method: str,
        path: str,
        body: bytes | None,
        headers: _t.Mapping[str, str] | None,
        params: _t.Mapping[str, str] | None,
    ) -> RawResponse:
        response = self.send(self.raw_request(method, path, body, headers, params))
        return RawResponse(response.status_code, response.headers, response.content)

    def close(self) -> None:
        if self.owns_http:
            self.http.close()


async def _aiter(pieces: _t.Iterable[bytes]) -> _t.AsyncIterator[bytes]:
    """A streamed body for httpx.AsyncClient: each piece read off the event loop."""
    import asyncio  # here and below: only the async client loads asyncio

    iterator = iter(pieces)
    while (piece := await asyncio.to_thread(next, iterator, None)) is not None:
        yield piece


async def _run_hook(hook: _t.Callable[[_t.Any], object] | None, value: object) -> None:
    if hook is not None:
        result = hook(value)
        if inspect.isawaitable(result):
            await result


class AsyncTransport(TransportCore):
    """One pooled httpx.AsyncClient with auth, retries, hooks, logging and error
    mapping; token providers and hooks may be async."""

    def __init__(
        self,
        base_url: str,
        credential: object,
        timeout: float,
        max_retries: int,
        headers: _t.Mapping[str, str] | None,
        ca_bundle: str | None,
        retry_operations: _t.Collection[str] = (),
        *,
        http_client: httpx.AsyncClient | None = None,
        on_request: AsyncRequestHook | None = None,
        on_response: AsyncResponseHook | None = None,
        secret_headers: _t.Collection[str] = (),
        credential_scopes: _t.Sequence[str] = AZURE_ML_SCOPES,
    ) -> None:
        super().__init__(
            base_url,
            credential,
            timeout,
            max_retries,
            headers,
            retry_operations,
            secret_headers,
            credential_scopes,
        )
        self.http, self.owns_http = _http_client(
            http_client, httpx.AsyncClient, timeout, ca_bundle
        )
        self.on_request, self.on_response = on_request, on_response

    async def token(self) -> str | None:
        import asyncio

        credential = self.credential
        token = credential.cached()
        if token is None and credential.fetch is not None:
            if credential.blocking:  # a command or a sync HTTP call: off the event loop
                result = await asyncio.to_thread(credential.fetch)
            else:
                result = credential.fetch()
                if inspect.isawaitable(result):
                    result = await result
            token = credential.store(result)
        return token

    async def send(
        self,
        request: Request,
        errors: ErrorCodecs = (),
        options: RequestOptions | None = None,
        stream: bool = False,
    ) -> httpx.Response:
        """Send with auth and retries; return a 2xx response or raise the matching error.
        With `stream`, a 2xx response's body is left to be read as it arrives (the caller
        closes it); any other answer is read whole."""
        import asyncio

        call = self.call(request, errors, options)
        content = None if request.body_stream is None else _aiter(request.body_stream)
        while True:
            token = await self.token() if call.wants_token else None
            attempt = call.build(self.http, token, content)
            await _run_hook(self.on_request, attempt)
            call.sending(attempt)
            try:
                response = await self.http.send(attempt, stream=stream)
                if stream and not 200 <= response.status_code < 300:
                    await response.aread()  # an error's body is read whole
            except httpx.TransportError as exc:
                await asyncio.sleep(call.failed(exc))
                continue
            await _run_hook(self.on_response, response)
            try:
                delay = call.answered(response)
            except BaseException:
                await response.aclose()
                raise
            if delay is None:
                return response
            await response.aclose()
            await asyncio.sleep(delay)

    async def send_raw(
        self,
        method: str,
        path: str,
        body: bytes | None,
        headers: _t.Mapping[str, str] | None,
        params: _t.Mapping[str, str] | None,
    ) -> RawResponse:
        request = self.raw_request(method, path, body, headers, params)
        response = await self.send(request)
        return RawResponse(response.status_code, response.headers, response.content)

    async def close(self) -> None:
        if self.owns_http:
            await self.http.aclose()
