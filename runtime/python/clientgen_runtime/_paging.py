"""Pages: Pager (sync) and AsyncPager, which fetch an operation's answer page by page as the caller uses it,
and Pages, the sans-IO rule of each style (next-link, link-header, cursor, offset) saying from a page's answer
what its items are and which request asks for the next page. Part of the SDK's runtime, copied by clientgen; do
not edit."""

from __future__ import annotations

import json
import re
import typing as _t
from dataclasses import dataclass

import httpx

from ._codecs import ArrayCodec, Codec
from ._transport import AsyncTransport, SyncTransport
from ._wire import ErrorCodecs, Request, RequestOptions, decode_data
from .errors import ResponseDecodeError

T = _t.TypeVar("T")


@dataclass(frozen=True)
class Paging:
    """How an operation's answers continue: `style` next-link, link-header, cursor or
    offset; `items` the page's field holding the items (None: the page is the array);
    `next` the field holding the next page's URL or cursor (None: one page); `param` the
    query parameter asking for a page (cursor, offset)."""

    style: str
    items: str | None = None
    next: str | None = None
    param: str | None = None


_LINK = re.compile(r'<([^>]*)>((?:\s*;\s*(?:[^;,"]|"[^"]*")*)*)')
_LINK_PARAM = re.compile(r';\s*([^=;,\s]+)\s*=\s*(?:"([^"]*)"|([^;,\s]*))')


def next_link(header: str) -> str | None:
    """The URL of an RFC 8288 Link header's rel="next" link (rel may list several
    relations, in any case), or None."""
    for match in _LINK.finditer(header):
        for name, quoted, bare in _LINK_PARAM.findall(match.group(2)):
            if name.lower() == "rel" and "next" in (quoted or bare).lower().split():
                return match.group(1).strip()
    return None


class Pages:
    """The pages of one call: `request` asks for the next page (None once the last one
    was read); page() reads a page's answer into its items and moves `request` on."""

    def __init__(
        self, paging: Paging, request: Request, codec: Codec, base_url: str
    ) -> None:
        self.paging, self.codec, self.base_url = paging, codec, base_url
        self.request: Request | None = request
        self.first = request
        start = dict(request.query).get(paging.param or "", "")
        # offset: the caller's own starting offset, then the items received
        self.received = int(start) if start.isdigit() else 0

    def page(self, response: httpx.Response) -> list[_t.Any]:
        paging, status = self.paging, response.status_code
        text = response.text
        try:
            data = json.loads(text) if text.strip() else None
        except ValueError:
            data = None
        listed = (
            data.get(paging.items) if paging.items and isinstance(data, dict) else data
        )
        if not isinstance(listed, list):
            where = f"a field {paging.items!r}" if paging.items else "a JSON array"
            raise ResponseDecodeError(
                f"HTTP {status}: expected a page with {where} of items",
                status_code=status,
                body=response.content,
            )
        items: list[_t.Any] = decode_data(
            listed, ArrayCodec(self.codec), status, response.content
        )
        self.received += len(items)
        self.request = self._next(response, data, items)
        return items

    def _next(
        self, response: httpx.Response, data: _t.Any, items: list[_t.Any]
    ) -> Request | None:
        paging, first, param = self.paging, self.first, self.paging.param or ""
        if paging.style == "offset":
            return first.with_query(param, str(self.received)) if items else None
        if paging.style == "link-header":
            value = next_link(", ".join(response.headers.get_list("link")))
        elif paging.next and isinstance(data, dict):
            value = data.get(paging.next)
        else:  # no field names a next page: this is the only one
            value = None
        if value is None or value == "":
            return None
        if paging.style == "cursor":
            return first.with_query(param, str(value))
        return first.follow(str(response.url.join(str(value))), self.base_url)


class Pager(_t.Generic[T]):
    """The items of a paged operation, across its pages: `for item in pager`, or page by page
    with `by_page()`. A page is fetched only when the one before it was used up; an error
    (ApiError, ...) surfaces when its page is asked for. Each iteration starts again from
    the first page. Every request takes the call's request_options."""

    def __init__(
        self,
        transport: SyncTransport,
        request: Request,
        errors: ErrorCodecs,
        options: RequestOptions | None,
        paging: Paging,
        codec: Codec,
    ) -> None:
        self._transport, self._request, self._errors = transport, request, errors
        self._options, self._paging, self._codec = options, paging, codec

    def by_page(self) -> _t.Iterator[list[T]]:
        pages = Pages(
            self._paging, self._request, self._codec, self._transport.base_url
        )
        while pages.request is not None:
            response = self._transport.send(pages.request, self._errors, self._options)
            yield pages.page(response)

    def __iter__(self) -> _t.Iterator[T]:
        for page in self.by_page():
            yield from page


class AsyncPager(_t.Generic[T]):
    """Pager's asynchronous form: `async for item in pager`, `async for page in
    pager.by_page()`."""

    def __init__(
        self,
        transport: AsyncTransport,
        request: Request,
        errors: ErrorCodecs,
        options: RequestOptions | None,
        paging: Paging,
        codec: Codec,
    ) -> None:
        self._transport, self._request, self._errors = transport, request, errors
        self._options, self._paging, self._codec = options, paging, codec

    async def by_page(self) -> _t.AsyncIterator[list[T]]:
        pages = Pages(
            self._paging, self._request, self._codec, self._transport.base_url
        )
        while pages.request is not None:
            response = await self._transport.send(
                pages.request, self._errors, self._options
            )
            yield pages.page(response)

    async def __aiter__(self) -> _t.AsyncIterator[T]:
        async for page in self.by_page():
            for item in page:
                yield item
