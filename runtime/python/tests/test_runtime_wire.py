"""The sans-IO core (_wire.py): retry decisions and backoff, Retry-After, parameter encoding, header merging,
where the credential goes and when a token is asked for again, and the log's lines and redaction."""

from __future__ import annotations

import email.utils
import logging
import re
import time
from types import SimpleNamespace

import httpx
import pytest

from clientgen_runtime import _wire as w
from clientgen_runtime._codecs import BOOL, INT, STRING, ArrayCodec, MapCodec
from clientgen_runtime.errors import ApiError

KEY_AUTH = w.Auth("header", "Authorization", "key")


def response(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers, request=httpx.Request("GET", "http://h/"))


# ---- retries -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "method, status, headers, operation, retried",
    [
        ("POST", 502, {}, "", False),  # a POST that got a 502 may have run: not re-sent
        ("POST", 500, {}, "", False),
        ("POST", 503, {}, "", True),  # not processed: any method
        ("POST", 429, {}, "", True),
        ("POST", 408, {}, "", True),
        ("GET", 502, {}, "", True),
        ("PUT", 504, {}, "", True),
        ("POST", 502, {"idempotency-KEY": "k"}, "", True),
        ("POST", 502, {}, "Score", True),  # marked safe by its operationId
        ("GET", 404, {}, "", False),
        ("GET", 400, {}, "", False),
    ],
)
def test_which_statuses_are_re_sent(method: str, status: int, headers: dict[str, str], operation: str,
                                    retried: bool) -> None:
    policy = w.RetryPolicy(2, frozenset({"Score"}))
    request = w.Request(method, "/x", headers=dict(headers), operation=operation)
    assert (policy.delay(0, 2, request, response(status), True) is not None) is retried


def test_transport_failures_are_re_sent_only_where_safe() -> None:
    policy = w.RetryPolicy()
    post, get = w.Request("POST", "/score"), w.Request("GET", "/x")
    assert policy.delay(0, 2, post, None, False) is not None  # never reached the server
    assert policy.delay(0, 2, post, None, True) is None  # may have run
    assert policy.delay(0, 2, get, None, True) is not None
    assert policy.delay(2, 2, get, None, False) is None  # retries used up
    assert policy.delay(0, 0, get, None, False) is None  # max_retries 0: none


def test_backoff_is_exponential_with_jitter_and_capped() -> None:
    policy = w.RetryPolicy()
    get = w.Request("GET", "/x")
    for attempt, (low, high) in enumerate([(0.25, 0.5), (0.5, 1.0), (1.0, 2.0)]):
        delays = {policy.delay(attempt, 10, get, None, False) for _ in range(50)}
        assert all(d is not None and low <= d <= high for d in delays), delays
        assert len(delays) > 1  # jitter
    capped = policy.delay(9, 10, get, None, False)
    assert capped is not None and 15.0 <= capped <= 30.0


def test_retry_after_is_honoured_in_seconds_and_as_a_date_and_capped() -> None:
    assert w.retry_after("3") == 3.0 and w.retry_after(" 1.5 ") == 1.5
    now = time.time()
    assert w.retry_after(email.utils.formatdate(now + 10, usegmt=True), now=now) == pytest.approx(10, abs=1)
    assert w.retry_after(email.utils.formatdate(now - 100, usegmt=True), now=now) == 0.0
    assert w.retry_after("soon") is None and w.retry_after(None) is None and w.retry_after("") is None
    policy, get = w.RetryPolicy(), w.Request("GET", "/x")
    assert policy.delay(0, 2, get, response(503, **{"Retry-After": "7"}), True) == 7.0
    assert policy.delay(0, 2, get, response(429, **{"Retry-After": "100"}), True) == 30.0


# ---- parameters --------------------------------------------------------------------------------------------------
def test_path_query_header_and_cookie_parameters_are_encoded_per_style() -> None:
    request = w.Request("GET", "/items/{id}/{label}/{matrix}/{exploded}")
    request.path_param("id", "a/b c?%ü", STRING, "simple", False)
    request.path_param("label", ["x", "y"], ArrayCodec(STRING), "label", False)
    request.path_param("matrix", ["x", "y"], ArrayCodec(STRING), "matrix", False)
    request.path_param("exploded", {"k": "v w"}, MapCodec(STRING), "simple", True)
    assert request.path == "/items/a%2Fb%20c%3F%25%C3%BC/.x,y/;matrix=x,y/k=v%20w"
    request.query_param("tags", ["x y", "z&w"], ArrayCodec(STRING), "form", True)
    request.query_param("ids", [1, 2], ArrayCodec(INT), "pipeDelimited", False)
    request.query_param("filter", {"a": 1}, MapCodec(INT), "deepObject", True)
    request.query_param("flag", True, BOOL, "form", True)
    request.query_param("absent", None, STRING, "form", True)
    assert request.query == [("tags", "x y"), ("tags", "z&w"), ("ids", "1|2"), ("filter[a]", "1"),
                             ("flag", "true")]
    assert request.target("http://h/base/") == (
        "http://h/base/items/a%2Fb%20c%3F%25%C3%BC/.x,y/;matrix=x,y/k=v%20w"
        "?tags=x%20y&tags=z%26w&ids=1%7C2&filter%5Ba%5D=1&flag=true")
    request.header_param("X-List", ["a", "b"], ArrayCodec(STRING), "simple", False)
    request.cookie_param("session", "a b;c", STRING, "form", True)
    assert request.headers == {"X-List": "a,b"} and request.cookies == [("session", "a%20b%3Bc")]


# ---- headers and the credential ----------------------------------------------------------------------------------
def test_merge_headers_replaces_a_name_in_any_case() -> None:
    merged = w.merge_headers({"Accept": "a", "X-A": "1"}, None, {"accept": "b", "X-B": "2"}, {"x-a": "3"})
    assert merged == {"accept": "b", "x-a": "3", "X-B": "2"}


def core(**options: object) -> w.TransportCore:
    return w.TransportCore("http://h/api/", options.pop("credential", "key-123"), 60.0, 2,
                           options.pop("headers", None), **options)  # type: ignore[arg-type]


def built(call: w.Call, token: str | None) -> httpx.Request:
    with httpx.Client() as http:
        return call.build(http, token)


def test_a_calls_headers_replace_the_clients_but_never_the_credential() -> None:
    transport = core(headers={"azureml-model-deployment": "green", "X-Default": "d"})
    request = w.Request("GET", "/items", accept="application/json", auth=KEY_AUTH)
    options = w.RequestOptions(headers={"AzureML-Model-Deployment": "blue", "accept": "text/plain",
                                        "user-agent": "mine/1", "authorization": "Bearer stolen"})
    sent = built(transport.call(request, (), options), "key-123")
    assert sent.headers.get_list("azureml-model-deployment") == ["blue"]
    assert sent.headers.get_list("accept") == ["text/plain"] and sent.headers["user-agent"] == "mine/1"
    assert sent.headers.get_list("authorization") == ["Bearer key-123"] and sent.headers["x-default"] == "d"
    plain = built(transport.call(request), "key-123")
    assert plain.headers["azureml-model-deployment"] == "green" and plain.headers["accept"] == "application/json"
    assert re.fullmatch(r"runtime-tests/0\.0\.1 clientgen/0\.0\.0 python/\S+", plain.headers["user-agent"])
    assert str(plain.url) == "http://h/api/items"


def test_the_credential_goes_where_the_scheme_says_in_its_form() -> None:
    def place(auth: w.Auth, token: str) -> tuple[object, ...]:
        return w.place_credential(token, auth)

    assert place(KEY_AUTH, "k") == ({"Authorization": "Bearer k"}, [], [])
    assert place(KEY_AUTH, "Bearer t") == ({"Authorization": "Bearer t"}, [], [])
    assert place(w.Auth("header", "X-Key", "key"), "k") == ({"X-Key": "k"}, [], [])
    assert place(w.Auth("query", "code", "key"), "k") == ({}, [("code", "k")], [])
    assert place(w.Auth("cookie", "sid", "key"), "a b") == ({}, [], [("sid", "a%20b")])
    assert place(w.Auth("header", "Authorization", "basic"), "dTpw") == ({"Authorization": "Basic dTpw"}, [], [])
    assert w.place_credential(None, KEY_AUTH) == ({}, [], [])
    assert w.Credential(w.basic("u", "p:w")).cached() == "Basic dTpwOnc="


def test_a_token_is_asked_for_again_before_its_refresh_time_and_after_invalidate() -> None:
    asked: list[str] = []

    def provider() -> tuple[str, float]:
        asked.append("x")
        return f"t{len(asked)}", time.time() + (20 if len(asked) == 1 else 3600)

    credential = w.Credential(provider)
    assert credential.cached() is None and credential.refreshable
    assert credential.store(provider()) == "t1"
    assert credential.cached() is None  # refresh_by is less than 30 s away
    credential.store(provider())
    assert credential.cached() == "t2"
    credential.invalidate()
    assert credential.cached() is None and "t2" not in repr(credential)


def test_an_azure_identity_credential_is_asked_for_its_scopes() -> None:
    scopes: list[tuple[str, ...]] = []

    class Identity:
        def get_token(self, *asked: str) -> SimpleNamespace:
            scopes.append(asked)
            return SimpleNamespace(token="entra", expires_on=int(time.time()) + 3600)

    credential = w.Credential(Identity(), ("https://ml.azure.com/.default",))
    assert credential.fetch is not None and credential.blocking
    assert credential.store(credential.fetch()) == "entra" and credential.cached() == "entra"
    assert scopes == [("https://ml.azure.com/.default",)]
    with pytest.raises(TypeError, match="credential"):
        w.Credential(42)


# ---- log lines ---------------------------------------------------------------------------------------------------
def test_log_lines_show_no_query_value_credential_or_secret_header(caplog: pytest.LogCaptureFixture) -> None:
    transport = core(secret_headers={"X-Trace-Id"})
    request = w.Request("GET", "/items/a", auth=w.Auth("header", "X-Api-Key", "key"))
    request.query_param("q", "query-secret", STRING, "form", True)
    request.header_param("X-Trace-Id", "trace-secret", STRING, "simple", False)
    call = transport.call(request)
    attempt = built(call, "key-123")
    attempt.headers["Cookie"] = "sid=cookie-secret"
    caplog.set_level(logging.DEBUG, logger="clientgen_runtime")
    call.sending(attempt)
    assert call.answered(httpx.Response(503, request=attempt)) is not None
    call.sending(attempt)
    assert call.answered(httpx.Response(200, request=attempt)) is None
    lines = [record.getMessage() for record in caplog.records]
    assert all(record.levelno == logging.DEBUG for record in caplog.records)
    text = "\n".join(lines)
    for secret in ("key-123", "query-secret", "trace-secret", "cookie-secret"):
        assert secret not in text, text
    assert re.fullmatch(r"GET http://h/api/items/a\?q=\*\*\* -> 503 in \d+ ms \(retry 0\)", lines[1]), lines
    assert re.fullmatch(r"GET http://h/api/items/a\?q=\*\*\* -> 200 in \d+ ms \(retry 1\)", lines[3]), lines
    assert lines[0].startswith("GET http://h/api/items/a?q=*** request headers: ")
    for shown in ("x-api-key: ***", "x-trace-id: ***", "cookie: ***", "accept: */*", "host: h"):
        assert shown in lines[0], lines[0]


def test_a_failure_is_logged_and_becomes_the_sdks_error(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="clientgen_runtime")
    call = core().call(w.Request("POST", "/score"), (), w.RequestOptions(timeout=0.3))
    attempt = built(call, None)
    call.sending(attempt)
    with pytest.raises(w.RequestTimeoutError, match=r"0\.3 s \(the call's timeout\)"):
        call.failed(httpx.ReadTimeout("timed out", request=attempt))
    assert re.fullmatch(r"POST http://h/api/score -> failed in \d+ ms \(retry 0\): ReadTimeout: timed out",
                        caplog.records[-1].getMessage())


def test_an_error_answer_becomes_an_api_error_without_the_credential() -> None:
    call = core().call(w.Request("POST", "/score", auth=KEY_AUTH), (), w.RequestOptions(max_retries=0))
    page = httpx.Response(502, text="<html><body><h1>Bad Gateway</h1></body></html>",
                          headers={"Content-Type": "text/html", "X-Request-Id": "r1"})
    with pytest.raises(ApiError) as raised:
        call.answered(page)
    error = raised.value
    assert error.status_code == 502 and error.message == "Bad Gateway" and error.headers["x-request-id"] == "r1"
    assert "key-123" not in str(error) + repr(error)
