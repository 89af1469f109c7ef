"""Pages (_paging.py) on a real server: each style's next request, pages fetched only when used, next links resolved
against the page's URL and the credential kept to the base URL's origin, the call's options on every page, an error
on the page that failed after the items before it, and RFC 8288 Link headers."""

from __future__ import annotations

import asyncio

import pytest

from clientgen_runtime._codecs import ANY, STRING
from clientgen_runtime._paging import AsyncPager, Pager, Paging, next_link
from clientgen_runtime._transport import AsyncTransport, SyncTransport
from clientgen_runtime._wire import Auth, Request, RequestOptions
from clientgen_runtime.errors import ApiError, ResponseDecodeError

from conftest import Answer

KEY = Auth("header", "Authorization", "key")
NEXT_LINK = Paging("next-link", "value", "nextLink")


def test_link_header_next_is_found_among_other_links_and_relations() -> None:
    assert next_link('<https://a/x?page=2>; rel="next", <https://a/x?page=1>; rel="first"') == "https://a/x?page=2"
    assert next_link('<https://a/1>; rel="first", </x?page=3>; title="a, b"; rel="prev NEXT"') == "/x?page=3"
    assert next_link("<https://a/x?page=2>; rel=next") == "https://a/x?page=2"
    assert next_link('<https://a/x?page=1>; rel="first"') is None
    assert next_link('<https://a/x?page=2>; rel="nextpage"') is None
    assert next_link("") is None


def pager(server_url: str, request: Request, paging: Paging, options: RequestOptions | None = None,
          retries: int = 2) -> Pager[object]:
    transport = SyncTransport(server_url, "key-123", 5.0, retries, None, None)
    return Pager(transport, request, (), options, paging, ANY)


def test_next_links_are_followed_lazily_relative_to_the_page_with_the_calls_options(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(200, {"value": [1, 2], "nextLink": "/items?page=2"}),
                   Answer(200, {"value": [3], "nextLink": "{base}/items?page=3"}),
                   Answer(200, {"value": [4], "nextLink": None}))
    request = Request("GET", "/items", [("q", "x")], auth=KEY)
    items = pager(server.url, request, NEXT_LINK, RequestOptions(headers={"x-call": "1"}))
    pages = items.by_page()
    assert server.seen == []  # nothing is sent before the first page is asked for
    assert next(pages) == [1, 2] and len(server.seen) == 1
    assert list(pages) == [[3], [4]]
    assert [s.target for s in server.seen] == ["/items?q=x", "/items?page=2", "/items?page=3"]
    assert all(s.values("x-call") == ["1"] and s.values("authorization") == ["Bearer key-123"] for s in server.seen)


def test_a_next_link_to_another_origin_gets_no_credential(serve) -> None:  # type: ignore[no-untyped-def]
    other = serve(Answer(200, {"value": [2]}))
    server = serve(Answer(200, {"value": [1], "nextLink": other.url + "/elsewhere"}))
    assert list(pager(server.url, Request("GET", "/items", auth=KEY), NEXT_LINK)) == [1, 2]
    assert server.seen[0].values("authorization") == ["Bearer key-123"]
    assert other.seen[0].target == "/elsewhere" and other.seen[0].values("authorization") == []


def test_an_error_surfaces_on_the_page_that_failed_after_the_items_before_it(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(200, {"value": [1, 2], "nextLink": "/items?page=2"}), Answer(500, {"message": "lost"}))
    seen: list[object] = []
    with pytest.raises(ApiError, match="lost"):
        for item in pager(server.url, Request("GET", "/items"), NEXT_LINK, retries=0):
            seen.append(item)
    assert seen == [1, 2]


def test_a_page_without_its_items_is_a_decode_error(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(200, {"items": []}))
    with pytest.raises(ResponseDecodeError, match="'value'"):
        list(pager(server.url, Request("GET", "/items"), NEXT_LINK))


def test_cursor_replaces_its_parameter_in_place_and_keeps_the_others(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(200, {"data": ["a"], "next": "c 2"}), Answer(200, {"data": ["b"], "next": "c3"}),
                   Answer(200, {"data": ["c"], "next": ""}))
    request = Request("GET", "/cursor", [("limit", "1"), ("cursor", "start"), ("q", "x")])
    paging = Paging("cursor", "data", "next", "cursor")
    assert list(pager(server.url, request, paging)) == ["a", "b", "c"]
    assert [s.target for s in server.seen] == ["/cursor?limit=1&cursor=start&q=x", "/cursor?limit=1&cursor=c%202&q=x",
                                               "/cursor?limit=1&cursor=c3&q=x"]


def test_offset_counts_items_from_the_callers_own_start_until_a_page_is_empty(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(200, {"items": [1, 2]}), Answer(200, {"items": [3]}), Answer(200, {"items": []}))
    request = Request("GET", "/offset", [("offset", "10")])
    assert list(pager(server.url, request, Paging("offset", "items", None, "offset"))) == [1, 2, 3]
    assert [s.target for s in server.seen] == ["/offset?offset=10", "/offset?offset=12", "/offset?offset=13"]


def test_link_header_pages_of_bare_arrays(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Answer(200, ["a", "b"], (("Link", '<{base}/linked?page=2>; rel="next"'),)),
                   Answer(200, ["c"], (("Link", '<{base}/linked?page=1>; rel="first"'),)))
    transport = SyncTransport(server.url, None, 5.0, 2, None, None)
    linked: Pager[str] = Pager(transport, Request("GET", "/linked"), (), None, Paging("link-header"), STRING)
    assert list(linked) == ["a", "b", "c"]
    assert [s.target for s in server.seen] == ["/linked", "/linked?page=2"]


def test_async_pager_by_item_and_by_page(serve) -> None:  # type: ignore[no-untyped-def]
    first, last = Answer(200, {"value": [1, 2], "nextLink": "/items?page=2"}), Answer(200, {"value": [3]})
    server = serve(first, last, first, last)

    async def read() -> tuple[list[object], list[list[object]]]:
        transport = AsyncTransport(server.url, None, 5.0, 2, None, None)
        try:
            items: AsyncPager[object] = AsyncPager(transport, Request("GET", "/items"), (), None, NEXT_LINK, ANY)
            return [item async for item in items], [page async for page in items.by_page()]
        finally:
            await transport.close()

    assert asyncio.run(read()) == ([1, 2, 3], [[1, 2], [3]])  # each iteration starts from the first page
    assert [s.target for s in server.seen] == ["/items", "/items?page=2"] * 2
