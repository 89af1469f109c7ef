"""Reading a spec and the documents it references: an http(s) URL, a local file or stdin -> text, parsed document
and where it came from. I/O only, and every read of it is bounded and policed.

- Limits: a document may be at most `max_bytes` (64 MiB by default, `--max-spec-size`), nested at most
  MAX_DEPTH levels deep, and YAML aliases may add at most MAX_ALIAS_NODES nodes to it; a spec may reference at
  most MAX_DOCUMENTS other documents. A fetch must finish within the timeout as a whole, however slowly the
  server trickles bytes.
- YAML is read as plain data: mappings, sequences, strings, numbers, booleans and nulls. Any tag (`!!python/...`,
  `!!binary`, `!Ref`) is refused; dates stay strings; keys are strings, as in JSON.
- Reference policy: a spec read from a file may reference files inside its own folder tree; a spec fetched from
  a URL may reference its own origin (scheme, host, port). Anything else is refused before it is read, unless
  it starts with a prefix the user allows (`--allow-ref PREFIX`). Redirects follow the same rule, and never to
  a scheme other than http(s).
- Secrets: request headers (auth) go on the wire to the spec's own origin only, and nowhere else: never into
  messages, logs or output; URLs in messages show no user info and no query values. TLS certificates are always
  verified (a CA bundle can be given, verification cannot be turned off); TLS 1.2 is the minimum.
"""

from __future__ import annotations

import json
import os
import ssl
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import yaml

from .errors import ClientgenError, FetchError, SpecError, json_pointer

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 200  # nesting of objects and arrays; real specs stay well under 60
MAX_ALIAS_NODES = 1_000_000  # nodes YAML aliases may add beyond the document's own
MAX_DOCUMENTS = 500  # documents one spec may reference
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Settings:
    """How to read: headers for the spec's origin, the time allowed for each fetch, TLS trust, the size limit,
    and the reference prefixes the user allows beyond the spec's own folder or origin."""

    headers: tuple[tuple[str, str], ...] = ()
    timeout: float = 30.0
    ca_bundle: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_refs: tuple[str, ...] = ()


@dataclass
class Source:
    """A spec as read: `location` names it in messages; `url` is set when it came over HTTP (where it was served,
    after redirects), `asked` is the URL the user gave: credentials and trust belong to that one's origin."""

    text: str
    location: str
    url: str | None
    document: dict
    notices: list[str] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    asked: str | None = None

    def default_base_url(self) -> str | None:
        """Where the API lives when the spec does not say: the spec's URL without its file name and query."""
        if not self.url:
            return None
        parts = urlsplit(self.url)
        path = parts.path
        last = path.rsplit("/", 1)[-1]
        if "." in last:
            path = path[: -len(last)]
        return urlunsplit((parts.scheme, parts.netloc, path.rstrip("/"), "", ""))

    def line_of(self, path: tuple[object, ...]) -> int | None:
        """1-based line of the node at `path` in the text, or of its nearest ancestor that exists."""
        try:
            node = yaml.compose(self.text, Loader=_PlainLoader)
        except (yaml.YAMLError, RecursionError):
            return None
        line = node.start_mark.line + 1 if node else None
        for part in path:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == str(part)), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                node = None
            if node is None:
                break
            line = node.start_mark.line + 1
        return line

    def error(self, message: str, path: tuple[object, ...] = (), hint: str = "") -> SpecError:
        return SpecError(message, json_pointer(path), self.location, self.line_of(path), hint)

    @property
    def home(self) -> str:
        """What the spec may reference without being allowed more: its origin, or its folder as a file: URL."""
        if self.url:
            return origin(self.asked or self.url)
        if self.location == "<stdin>":
            return ""
        return Path(os.path.realpath(self.location)).parent.as_uri() + "/"

    @property
    def uri(self) -> str:
        """The spec's own address, against which its relative references are read."""
        return self.url or Path(os.path.realpath(self.location)).as_uri()


# ---- addresses ---------------------------------------------------------------------------------------------------
def origin(url: str) -> str:
    """'https://Example.com/a/b?c' -> 'https://example.com:443/': scheme, host and port, the unit of trust."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}/"


def display_url(url: str) -> str:
    """A URL as messages show it: no user info, and query values hidden (they often carry keys or signatures)."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    query = "&".join(pair.split("=", 1)[0] + ("=…" if "=" in pair else "") for pair in parts.query.split("&")
                     if pair)
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _canonical(address: str) -> str:
    """An http(s) URL with its origin spelled as origin() does, or a local path as a file: URL (symlinks
    resolved), so that prefixes compare exactly."""
    parts = urlsplit(address)
    if parts.scheme in ("http", "https"):
        return origin(address) + urlunsplit(("", "", parts.path.lstrip("/"), parts.query, ""))
    if parts.scheme == "file":
        path = unquote(parts.path)
        return Path(os.path.realpath(path)).as_uri() + ("/" if path.endswith("/") else "")
    return Path(os.path.realpath(address)).as_uri() + ("/" if address.endswith(("/", os.sep)) else "")


def within(address: str, prefix: str) -> bool:
    """Whether address starts with prefix at a boundary: 'https://a.com' covers 'https://a.com/x', not
    'https://a.com.evil.org/'; a folder covers what is inside it, not a sibling of a longer name."""
    address, prefix = _canonical(address), _canonical(prefix)
    if address == prefix or address.rstrip("/") == prefix.rstrip("/"):
        return True
    return address.startswith(prefix) and (prefix.endswith("/") or address[len(prefix)] in "/?#")


def permitted(address: str, home: str, settings: Settings) -> bool:
    """The reference policy: inside the spec's own folder tree or origin, or under a prefix the user allows."""
    scheme = urlsplit(address).scheme
    if scheme not in ("http", "https", "file"):
        return False
    return bool(home) and within(address, home) or any(within(address, prefix) for prefix in settings.allow_refs)


def scoring_to_swagger(url: str) -> str | None:
    """An Azure ML scoring_uri (.../score) -> the swagger_uri beside it (.../swagger.json); None for other URLs."""
    parts = urlsplit(url)
    if not parts.path.rstrip("/").endswith("/score"):
        return None
    path = parts.path.rstrip("/")[: -len("score")] + "swagger.json"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


# ---- reading -------------------------------------------------------------------------------------------------------
def tls_context(ca_bundle: str | None) -> ssl.SSLContext:
    try:
        context = ssl.create_default_context(cafile=ca_bundle)
    except (OSError, ssl.SSLError) as exc:
        raise ClientgenError(f"--ca-bundle {ca_bundle}: cannot be read as PEM certificates "
                             f"({exc.__class__.__name__})", "give a file of PEM-encoded CA certificates") from None
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _too_big(what: str, settings: Settings) -> FetchError:
    return FetchError(f"{what} is larger than {settings.max_bytes:,} bytes",
                      "raise the limit with --max-spec-size BYTES if the document is really that large")


def _transport_error(shown: str, exc: Exception, settings: Settings) -> FetchError:
    import httpx

    text = str(exc)
    if isinstance(exc, httpx.TimeoutException):
        return FetchError(f"{shown}: no answer within {settings.timeout:g} s", "raise it with --timeout SECONDS")
    if "CERTIFICATE_VERIFY_FAILED" in text or isinstance(exc, ssl.SSLCertVerificationError):
        return FetchError(f"{shown}: the server's TLS certificate is not trusted",
                          "if it is signed by a private CA, pass that CA's certificates with --ca-bundle FILE")
    if isinstance(exc, httpx.ConnectError):
        if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text \
                or "No address associated" in text or "Temporary failure in name resolution" in text:
            return FetchError(f"{shown}: host {urlsplit(shown).hostname!r} not found",
                              "check the host name in the URL")
        if "refused" in text.lower():
            return FetchError(f"{shown}: connection refused", "is the service running, on that host and port?")
        if "SSL" in text or "TLS" in text:
            return FetchError(f"{shown}: TLS handshake failed", "the server must speak TLS 1.2 or newer")
        return FetchError(f"{shown}: cannot connect", "check the URL and the network")
    return FetchError(f"{shown}: the connection failed ({type(exc).__name__})", "try again; check the network")


def _http_get(url: str, settings: Settings, home: str, send_headers: bool) -> tuple[str, bytes]:
    """(final URL, body) of a GET, following at most MAX_REDIRECTS redirects that the reference policy permits,
    reading at most max_bytes and finishing within the timeout as a whole."""
    import httpx

    headers = dict(settings.headers) if send_headers else {}
    deadline = time.monotonic() + settings.timeout
    visited: list[str] = []
    with httpx.Client(verify=tls_context(settings.ca_bundle), timeout=settings.timeout,
                      follow_redirects=False) as client:
        while True:
            shown = display_url(url)
            if url in visited:
                raise FetchError(f"{shown}: redirect loop", "fix the server's redirects, or give the final URL")
            if len(visited) > MAX_REDIRECTS:
                raise FetchError(f"{shown}: more than {MAX_REDIRECTS} redirects", "give the final URL instead")
            visited.append(url)
            try:
                with client.stream("GET", url, headers=headers) as response:
                    if response.is_redirect:
                        target = urljoin(url, response.headers.get("location", ""))
                        if urlsplit(target).scheme not in ("http", "https"):
                            raise FetchError(f"{shown}: redirected to a {urlsplit(target).scheme or 'relative'}: "
                                             "address, which is never followed", "give the spec's http(s) URL")
                        if origin(target) != origin(url):
                            if not permitted(target, home, settings):
                                raise FetchError(f"{shown}: redirected to another origin, {display_url(target)}",
                                                 f"if that host is trusted, allow it with --allow-ref "
                                                 f"{origin(target)}")
                            headers = {}  # credentials stay with the origin they were given for
                        url = target
                        continue
                    _check_status(response, shown)
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > settings.max_bytes:
                        raise _too_big(shown, settings)
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > settings.max_bytes:
                            raise _too_big(shown, settings)
                        if time.monotonic() > deadline:
                            raise httpx.ReadTimeout("deadline")
                    return url, bytes(body)
            except httpx.HTTPError as exc:
                raise _transport_error(shown, exc, settings) from None
            if time.monotonic() > deadline:
                raise FetchError(f"{shown}: no answer within {settings.timeout:g} s", "raise it with --timeout")


def _check_status(response: Any, shown: str) -> None:
    status = response.status_code
    if status in (401, 403):
        raise FetchError(f"{shown}: HTTP {status}: the service wants credentials",
                         "pass them with --header-env 'Authorization=ENV_VAR' (the variable holding 'Bearer <key>')")
    if status == 404:
        raise FetchError(f"{shown}: HTTP 404: nothing at that address",
                         "check the URL (an Azure ML service serves its spec at .../swagger.json)")
    if status >= 400:
        raise FetchError(f"{shown}: HTTP {status} {response.reason_phrase}".rstrip(),
                         "the server failed; try again later" if status >= 500 else "check the URL and headers")


def _read_file(path: str, settings: Settings) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(settings.max_bytes + 1)
    except IsADirectoryError:
        raise FetchError(f"{path}: is a folder, not a spec file", "give the spec's file path") from None
    except OSError as exc:
        raise FetchError(f"{path}: {exc.strerror or exc}", "check the path") from None
    if len(data) > settings.max_bytes:
        raise _too_big(path, settings)
    return data


def _decode(data: bytes, location: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(f"not UTF-8 text (byte {exc.start})", "", location, data[:exc.start].count(b"\n") + 1,
                        hint="save the spec as UTF-8 (JSON and YAML specs are UTF-8)") from None


# ---- parsing -------------------------------------------------------------------------------------------------------
class _PlainLoader(yaml.SafeLoader):
    """YAML as plain JSON-like data: no tags, no timestamps, string keys; aliases counted."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq",
                                                           "merge")}


def _key(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _check_yaml_nodes(root: yaml.Node, location: str) -> None:
    """Refuse tags, nesting beyond MAX_DEPTH (aliases included), aliases to themselves and alias bombs, looking
    at each node of the graph once."""
    def refuse(node: yaml.Node, message: str, hint: str) -> SpecError:
        mark = node.start_mark
        return SpecError(message, "", location, mark.line + 1, hint, mark.column + 1)

    own = 0
    expanded: dict[int, tuple[int, int]] = {}  # node id -> (nodes it stands for, aliases expanded; its height)
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            open_nodes.discard(id(node))
            sizes = [expanded[id(child)] for child in _yaml_children(node)]
            height = 1 + max((h for _, h in sizes), default=0)
            if height > MAX_DEPTH:
                raise refuse(node, f"nested more than {MAX_DEPTH} levels deep",
                             "flatten the document (move deep schemas to components and reference them)")
            expanded[id(node)] = (1 + sum(n for n, _ in sizes), height)
            continue
        if id(node) in expanded:
            continue
        if id(node) in open_nodes:
            raise refuse(node, "a YAML alias refers to a node that contains it", "remove the recursive alias")
        if node.tag not in _PLAIN_TAGS:
            raise refuse(node, f"YAML tag {node.tag!r} is not plain data",
                         "remove the tag: clientgen reads YAML as JSON-like data only")
        own += 1
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in _yaml_children(node) if id(child) not in expanded)
    total = expanded[id(root)][0]
    if total > own + MAX_ALIAS_NODES:
        raise SpecError(f"YAML aliases expand the document to {total:,} nodes (it has {own:,})", "",
                        location, hint="write the repeated parts once and use $ref instead of YAML aliases")


def _yaml_children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _load_yaml(text: str, location: str) -> Any:
    loader = _PlainLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        _check_yaml_nodes(root, location)
        data = loader.construct_document(root)
    finally:
        loader.dispose()
    return _string_keys(data)


def _string_keys(data: Any) -> Any:
    """Mapping keys as JSON has them (YAML's `200:` is the string '200'), without recursion."""
    stack = [data]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            if any(not isinstance(k, str) for k in node):
                items = list(node.items())
                node.clear()
                node.update((_key(k), v) for k, v in items)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return data


def _depth_exceeds(data: Any, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(node, dict):
            stack.extend((value, depth + 1) for value in node.values() if isinstance(value, (dict, list)))
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node if isinstance(value, (dict, list)))
    return False


def parse(text: str, location: str) -> dict:
    """JSON or YAML text -> a document; a syntax error names its line and column."""
    too_deep = SpecError(f"nested more than {MAX_DEPTH} levels deep", "", location,
                         hint="flatten the document (move deep schemas to components and reference them)")
    stripped = text.lstrip()
    if not stripped:
        raise SpecError("the document is empty", "", location, hint="give an OpenAPI or Swagger document")
    if stripped.startswith("<"):
        raise SpecError("this is HTML or XML, not an OpenAPI document", "", location, 1,
                        "give the address of the JSON or YAML spec (e.g. .../swagger.json), not of a web page")
    try:
        if stripped.startswith(("{", "[")):
            document = json.loads(text)
            if _depth_exceeds(document, MAX_DEPTH):
                raise too_deep
        else:
            document = _load_yaml(text, location)
    except RecursionError:
        raise too_deep from None
    except json.JSONDecodeError as exc:
        raise SpecError(f"not valid JSON: {exc.msg}", "", location, exc.lineno, column=exc.colno,
                        hint="fix the JSON syntax at that place") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SpecError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", "", location,
                        mark.line + 1 if mark else None, "fix the YAML syntax at that place",
                        mark.column + 1 if mark else None) from None
    if not isinstance(document, dict):
        raise SpecError("the spec must be a JSON/YAML object with 'openapi' or 'swagger' at its top", "", location,
                        1, "is this an OpenAPI document?")
    return document


# ---- entry points --------------------------------------------------------------------------------------------------
def load(spec: str, settings: Settings | None = None) -> Source:
    """Read SPEC: 'http(s)://…', '-' for stdin, or a file path."""
    settings = settings or Settings()
    notices: list[str] = []
    if spec.startswith(("http://", "https://")):
        url = spec
        swagger = scoring_to_swagger(spec)
        if swagger:
            notices.append(f"{display_url(spec)} is a scoring URI; reading the spec beside it: {display_url(swagger)}")
            url = swagger
        served, data = _http_get(url, settings, origin(url), send_headers=True)
        location = display_url(url)
        text = _decode(data, location)
        return Source(text, location, served, parse(text, location), notices, settings, url)
    if spec == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        if len(data) > settings.max_bytes:
            raise _too_big("<stdin>", settings)
        text = _decode(data, "<stdin>")
        return Source(text, "<stdin>", None, parse(text, "<stdin>"), notices, settings)
    if "://" in spec:
        raise FetchError(f"{display_url(spec)}: only http://, https:// and file paths are read",
                         "give an http(s) URL or a file path")
    text = _decode(_read_file(spec, settings), spec)
    return Source(text, spec, None, parse(text, spec), notices, settings)


def load_reference(address: str, root: Source) -> tuple[str, Any]:
    """(display location, parsed document) of a document a $ref names, by an absolute http(s) or file: URL that
    the caller has checked against the reference policy. Credentials go only to the spec's own origin."""
    settings = root.settings
    parts = urlsplit(address)
    if parts.scheme == "file":
        path = unquote(parts.path)
        text = _decode(_read_file(path, settings), path)
        return path, parse(text, path)
    same_origin = bool(root.url) and origin(address) == root.home
    _, data = _http_get(address, settings, root.home, send_headers=same_origin)
    location = display_url(address)
    text = _decode(data, location)
    return location, parse(text, location)
