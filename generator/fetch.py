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
  messages, logs, the cache or output; URLs in messages show no user info and no query values. TLS certificates
  are always verified (a CA bundle can be given, verification cannot be turned off); TLS 1.2 is the minimum.
- Conditional fetching: an answer from the spec's own origin (the spec, its same-origin references) that carries
  an `ETag` or `Last-Modified` is kept with them in the cache folder (http/ in clientgen's cache,
  $CLIENTGEN_CACHE_DIR, else ~/.cache/clientgen; one file per URL, keyed by the URL without its user info, readable only by its owner);
  the next fetch of that URL sends `If-None-Match` / `If-Modified-Since`, and a 304 answer means the cached body
  (a notice says so). An entry that is missing, broken or larger than the limit is ignored; one that cannot be
  written only costs a download; `Cache-Control: no-store` is honoured.
- `git:REV:path` reads a spec as committed at REV in the current repository (path from the repository's top, or
  from the current folder when it starts with ./ or ../); the files it references are read from the same commit,
  under the same folder-tree policy as a spec file's.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit, urlunsplit

from .errors import ClientgenError, FetchError, SpecError, json_pointer

if TYPE_CHECKING:
    import ssl
    from collections.abc import Iterable

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 200  # nesting of objects and arrays; real specs stay well under 60
MAX_ALIAS_NODES = 1_000_000  # nodes YAML aliases may add beyond the document's own
MAX_DOCUMENTS = 500  # documents one spec may reference
MAX_REDIRECTS = 5
CACHE_ENV = "CLIENTGEN_CACHE_DIR"  # clientgen's cache folder, instead of ~/.cache/clientgen


@dataclass(frozen=True)
class Settings:
    """How to read: headers for the spec's origin, the time allowed for each fetch, TLS trust, the size limit,
    and the reference prefixes the user allows beyond the spec's own folder or origin."""

    headers: tuple[tuple[str, str], ...] = ()
    timeout: float = 30.0
    ca_bundle: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class GitFile:
    """A spec as committed (`git:REV:path`): the repository's top folder, the commit, and the path from the top."""

    top: str
    commit: str
    path: str

    @property
    def file(self) -> str:
        """Where the file would be in the working tree: the place its relative references are read against."""
        return os.path.join(self.top, self.path)

    def holds(self, path: str) -> bool:
        return not os.path.relpath(os.path.normpath(path), self.top).startswith("..")

    def location(self, path: str) -> str:
        return f"git:{self.commit[:12]}:{Path(os.path.relpath(os.path.normpath(path), self.top)).as_posix()}"

    def read(self, path: str, settings: Settings) -> bytes:
        """The bytes of a file of the repository (a path in the working tree) as of the commit."""
        relative = Path(os.path.relpath(os.path.normpath(path), self.top)).as_posix()
        return _git_blob(self.top, self.commit, relative, self.location(path), settings)


@dataclass
class Source:
    """A spec as read: `location` names it in messages; `url` is set when it came over HTTP (where it was served,
    after redirects), `asked` is the URL the user gave: credentials and trust belong to that one's origin."""

    data: bytes  # the document as read
    location: str
    url: str | None
    parsed: dict | None  # None until needed, for a text known to be a self-contained document (see self_contained)
    notices: list[str] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    asked: str | None = None
    git: GitFile | None = None  # read from a commit (git:REV:path), not from the working tree
    self_contained: bool = False  # these very bytes parsed before into a document without external references

    @cached_property
    def text(self) -> str:
        return _decode(self.data, self.location)

    @property
    def document(self) -> dict:
        if self.parsed is None:
            self.parsed = parse(self.text, self.location)
        return self.parsed

    @cached_property
    def digest(self) -> str:
        """The SHA-256 of the bytes: what the caches of a run are keyed by when nothing was brought in."""
        return hashlib.sha256(self.data).hexdigest()

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
        from . import plainyaml

        return plainyaml.line_of(self.text, path)

    def error(self, message: str, path: tuple[object, ...] = (), hint: str = "") -> SpecError:
        return SpecError(message, json_pointer(path), self.location, self.line_of(path), hint)

    @property
    def home(self) -> str:
        """What the spec may reference without being allowed more: its origin, or its folder as a file: URL."""
        if self.url:
            return origin(self.asked or self.url)
        if self.location == "<stdin>":
            return ""
        return Path(os.path.realpath(self._file)).parent.as_uri() + "/"

    @property
    def uri(self) -> str:
        """The spec's own address, against which its relative references are read."""
        return self.url or Path(os.path.realpath(self._file)).as_uri()

    @property
    def _file(self) -> str:
        return self.git.file if self.git else self.location


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
    import ssl  # here, as httpx is: only a run that fetches over HTTP loads them

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
    import ssl

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


def _http_get(url: str, settings: Settings, home: str, send_headers: bool) -> tuple[str, bytes, bool]:
    """(final URL, body, whether the body is the cached copy a 304 confirmed) of a GET, following at most
    MAX_REDIRECTS redirects that the reference policy permits, reading at most max_bytes and finishing within the
    timeout as a whole. `send_headers`: the URL is of the spec's own origin, so it gets the credentials and the
    cache, until a redirect leaves that origin."""
    import httpx

    trusted = send_headers
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
            cached = _cached(url, settings) if trusted else None
            try:
                with client.stream("GET", url, headers={**headers, **(cached.conditions() if cached else {})}) \
                        as response:
                    if response.status_code == 304 and cached is not None:
                        return url, cached.body, True
                    if response.has_redirect_location:
                        target = urljoin(url, response.headers.get("location", ""))
                        if urlsplit(target).scheme not in ("http", "https"):
                            raise FetchError(f"{shown}: redirected to a {urlsplit(target).scheme or 'relative'}: "
                                             "address, which is never followed", "give the spec's http(s) URL")
                        if origin(target) != origin(url):
                            if not permitted(target, home, settings):
                                raise FetchError(f"{shown}: redirected to another origin, {display_url(target)}",
                                                 f"if that host is trusted, allow it with --allow-ref "
                                                 f"{origin(target)}")
                            headers, trusted = {}, False  # credentials stay with the origin they were given for
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
                    if trusted:
                        _remember(url, response.headers, bytes(body))
                    return url, bytes(body), False
            except httpx.HTTPError as exc:
                raise _transport_error(shown, exc, settings) from None
            if time.monotonic() > deadline:
                raise FetchError(f"{shown}: no answer within {settings.timeout:g} s", "raise it with --timeout")


# ---- the conditional-fetch cache -----------------------------------------------------------------------------------
def cache_root() -> Path:
    """clientgen's cache: HTTP answers in http/, validation verdicts in validated/, self-contained spec texts in
    self-contained/, what no-op runs saw in seen/ (write.py), Python formatting in formatted/ (targets/python.py), the SDKs last
    rendered into each output folder in rendered/ (outputs.py)."""
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "clientgen")


def write_cache_file(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Put one entry of clientgen's cache (its bytes, or its chunks as they are made) in place whole or not at all,
    readable by its owner only. A cache, so an entry that cannot be written only costs a later run the work it would
    have saved: no error is raised."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name[:16]}.", dir=path.parent)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                if isinstance(data, bytes):
                    handle.write(data)
                else:
                    handle.writelines(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


def cache_folder() -> Path:
    return cache_root() / "http"


@dataclass(frozen=True)
class _Cached:
    """A body as last served, with the validators the server gave it."""

    etag: str
    last_modified: str
    body: bytes

    def conditions(self) -> dict[str, str]:
        asked = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in asked.items() if value}


def _cache_file(url: str) -> Path:
    """The entry of a URL: named by a digest of the URL without user info and fragment (origin spelled once)."""
    return cache_folder() / hashlib.sha256(_canonical(urldefrag(url)[0]).encode()).hexdigest()


def _validator(value: object) -> str:
    return value if isinstance(value, str) and value.isprintable() and len(value) < 1024 else ""


def _cached(url: str, settings: Settings) -> _Cached | None:
    """The cache entry of a URL; None when there is none, or it is broken or larger than the limit."""
    try:
        header, _, body = _cache_file(url).read_bytes().partition(b"\n")
        meta = json.loads(header)
    except (OSError, RuntimeError, ValueError):  # RuntimeError: no home folder
        return None
    if not isinstance(meta, dict) or meta.get("sha256") != hashlib.sha256(body).hexdigest() or \
            len(body) > settings.max_bytes:
        return None
    entry = _Cached(_validator(meta.get("etag")), _validator(meta.get("last_modified")), body)
    return entry if entry.etag or entry.last_modified else None


def _remember(url: str, answer: Any, body: bytes) -> None:
    """Keep a 200 answer's body with its validators (none: forget the URL); only the answer's own headers are
    kept, never those sent. Written whole or not at all; a cache that cannot be written only costs time."""
    etag, modified = _validator(answer.get("etag")), _validator(answer.get("last-modified"))
    try:
        path = _cache_file(url)
        if not (etag or modified) or "no-store" in answer.get("cache-control", "").lower():
            path.unlink(missing_ok=True)
            return
        meta = {"url": display_url(url), "etag": etag, "last_modified": modified,
                "sha256": hashlib.sha256(body).hexdigest()}
    except (OSError, RuntimeError):
        return
    write_cache_file(path, json.dumps(meta).encode() + b"\n" + body)


def _not_modified(url: str) -> str:
    return f"{display_url(url)}: not modified since the last fetch (HTTP 304); using the cached copy"


# ---- git revisions -----------------------------------------------------------------------------------------------
def _git(arguments: list[str], shown: str, settings: Settings, folder: str | None = None) -> \
        subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *arguments], cwd=folder, capture_output=True, timeout=settings.timeout,
                              check=False)
    except FileNotFoundError:
        raise FetchError(f"{shown}: git is not installed (or not on PATH)",
                         "install git, or give the spec as a file or URL") from None
    except subprocess.TimeoutExpired:
        raise FetchError(f"{shown}: git gave no answer within {settings.timeout:g} s",
                         "raise it with --timeout SECONDS") from None


def _git_blob(top: str, commit: str, path: str, shown: str, settings: Settings) -> bytes:
    size = _git(["cat-file", "-s", f"{commit}:{path}"], shown, settings, top)
    if size.returncode != 0:
        raise FetchError(f"{shown}: no file {path!r} at that revision",
                         f"check the path (from the repository's top, or ./ for the current folder): "
                         f"git ls-tree -r --name-only {commit[:12]}")
    if int(size.stdout.strip() or 0) > settings.max_bytes:
        raise _too_big(shown, settings)
    blob = _git(["cat-file", "blob", f"{commit}:{path}"], shown, settings, top)
    if blob.returncode != 0:
        raise FetchError(f"{shown}: {path!r} is a folder at that revision, not a spec file",
                         "give the spec's file path")
    return blob.stdout


def _load_git(spec: str, settings: Settings) -> Source:
    """git:REV:path -> the spec as committed at REV in the repository of the current folder."""
    revision, sep, path = spec[len("git:"):].partition(":")
    if not revision or not sep or not path:
        raise ClientgenError(f"{spec!r}: expected git:REV:path", "e.g. git:HEAD~1:openapi.yaml or git:v1.2:./spec.json")
    where = _git(["rev-parse", "--show-toplevel", "--show-prefix"], spec, settings)
    if where.returncode != 0:
        raise FetchError(f"{spec}: the current folder is not in a git repository",
                         "run clientgen inside the repository, or give the spec as a file")
    top, prefix = (where.stdout.decode().split("\n") + ["", ""])[:2]
    commit = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], spec, settings)
    if commit.returncode != 0:
        raise FetchError(f"{spec}: no revision {revision!r} in this repository",
                         "check it with git log --oneline (fetch it first if it is only on a remote)")
    relative = os.path.normpath(prefix + path if path.startswith(("./", "../")) else path)
    if relative.startswith(".."):
        raise FetchError(f"{spec}: {path!r} is outside the repository", "give a path inside the repository")
    git = GitFile(os.path.realpath(top), commit.stdout.decode().strip(), Path(relative).as_posix())
    return _source(git.read(git.file, settings), spec, None, [], settings, git=git)


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
    if status >= 300:  # not a redirect with a Location, and not the 304 of a request made conditional
        raise FetchError(f"{shown}: HTTP {status} {response.reason_phrase} and no Location to follow".rstrip(),
                         "give the spec's final URL")


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
            from . import plainyaml

            document = plainyaml.load(text, location, MAX_DEPTH, MAX_ALIAS_NODES)
    except RecursionError:
        raise too_deep from None
    except json.JSONDecodeError as exc:
        raise SpecError(f"not valid JSON: {exc.msg}", "", location, exc.lineno, column=exc.colno,
                        hint="fix the JSON syntax at that place") from None
    if not isinstance(document, dict):
        raise SpecError("the spec must be a JSON/YAML object with 'openapi' or 'swagger' at its top", "", location,
                        1, "is this an OpenAPI document?")
    return document


# ---- entry points --------------------------------------------------------------------------------------------------
def _source(data: bytes, location: str, url: str | None, notices: list[str], settings: Settings,
            asked: str | None = None, git: GitFile | None = None) -> Source:
    """The Source of a document as read: decoded and parsed now (so an error in it shows at once), unless these
    very bytes were found self-contained before; a run whose output is up to date then never decodes them."""
    source = Source(data, location, url, None, notices, settings, asked, git)
    source.self_contained = _self_contained_mark(source).is_file()
    if not source.self_contained:
        source.parsed = parse(source.text, location)
    return source


def _self_contained_mark(source: Source) -> Path:
    return cache_root() / "self-contained" / source.digest


def remember_self_contained(source: Source) -> None:
    """Note that the source's bytes parse into a document without external references (a cache: a mark that
    cannot be written only costs the next run a parse)."""
    write_cache_file(_self_contained_mark(source), b"")


def load(spec: str, settings: Settings | None = None) -> Source:
    """Read SPEC: 'http(s)://…', '-' for stdin, 'git:REV:path', or a file path."""
    settings = settings or Settings()
    notices: list[str] = []
    if spec.startswith(("http://", "https://")):
        url = spec
        swagger = scoring_to_swagger(spec)
        if swagger:
            notices.append(f"{display_url(spec)} is a scoring URI; reading the spec beside it: {display_url(swagger)}")
            url = swagger
        served, data, unchanged = _http_get(url, settings, origin(url), send_headers=True)
        if unchanged:
            notices.append(_not_modified(served))
        return _source(data, display_url(url), served, notices, settings, url)
    if spec == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        if len(data) > settings.max_bytes:
            raise _too_big("<stdin>", settings)
        return _source(data, "<stdin>", None, notices, settings)
    if spec.startswith("git:") and not spec.startswith("git://"):
        return _load_git(spec, settings)
    if "://" in spec:
        raise FetchError(f"{display_url(spec)}: only http://, https:// and file paths are read",
                         "give an http(s) URL or a file path")
    return _source(_read_file(spec, settings), spec, None, notices, settings)


def load_reference(address: str, root: Source) -> tuple[str, Any]:
    """(display location, parsed document) of a document a $ref names, by an absolute http(s) or file: URL that
    the caller has checked against the reference policy. Credentials (and the cache) go only to the spec's own
    origin; a 304 adds a notice to the root's."""
    settings = root.settings
    parts = urlsplit(address)
    if parts.scheme == "file":
        path = unquote(parts.path)
        if root.git and root.git.holds(path):  # a file of the repository, as of the spec's commit
            location, data = root.git.location(path), root.git.read(path, settings)
        else:
            location, data = path, _read_file(path, settings)
        text = _decode(data, location)
        return location, parse(text, location)
    same_origin = bool(root.url) and origin(address) == root.home
    served, data, unchanged = _http_get(address, settings, root.home, send_headers=same_origin)
    if unchanged:
        root.notices.append(_not_modified(served))
    location = display_url(address)
    text = _decode(data, location)
    return location, parse(text, location)
