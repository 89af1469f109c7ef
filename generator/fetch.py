"""Reading a spec: an http(s) URL, a local file or stdin -> its text, its parsed document and where it came from.

I/O only. Request headers (auth) go on the wire and nowhere else: never into messages, logs or output.
TLS certificates are always verified (a CA bundle can be given, verification cannot be turned off) and TLS 1.2
is the minimum, as Azure ML requires.
"""

from __future__ import annotations

import json
import ssl
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml

from .errors import FetchError, SpecError, json_pointer


@dataclass
class Source:
    """A spec as read: `location` names it in messages; `url` is set when it came over HTTP."""

    text: str
    location: str
    url: str | None
    document: dict
    notices: list[str] = field(default_factory=list)

    @property
    def base_dir(self) -> Path | None:
        return None if self.url or self.location == "<stdin>" else Path(self.location).resolve().parent

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
            node = yaml.compose(self.text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
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


def scoring_to_swagger(url: str) -> str | None:
    """An Azure ML scoring_uri (.../score) -> the swagger_uri beside it (.../swagger.json); None for other URLs."""
    parts = urlsplit(url)
    if not parts.path.rstrip("/").endswith("/score"):
        return None
    path = parts.path.rstrip("/")[: -len("score")] + "swagger.json"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def tls_context(ca_bundle: str | None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=ca_bundle)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _get(url: str, headers: dict[str, str], timeout: float, ca_bundle: str | None) -> str:
    import httpx  # imported here: file and stdin specs do not pay for it

    try:
        with httpx.Client(verify=tls_context(ca_bundle), timeout=timeout, follow_redirects=True) as client:
            response = client.get(url, headers=headers)
    except httpx.TimeoutException:
        raise FetchError(f"{url}: no answer within {timeout:g} s (raise it with --timeout)") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
    if response.status_code in (401, 403):
        raise FetchError(
            f"{url}: HTTP {response.status_code}: the service wants credentials; pass them with "
            "--header-env 'Authorization=ENV_VAR' (the variable holding 'Bearer <key>')"
        )
    if response.status_code >= 400:
        raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
    return response.text


def parse(text: str, location: str) -> dict:
    """JSON or YAML text -> a document; a syntax error names its line."""
    try:
        if text.lstrip().startswith("{"):
            document = json.loads(text)
        else:
            document = yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise SpecError(f"not valid JSON: {exc.msg}", "", location, exc.lineno) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SpecError(f"not valid YAML: {getattr(exc, 'problem', exc)}", "", location,
                        mark.line + 1 if mark else None) from None
    if not isinstance(document, dict):
        raise SpecError("the spec must be a JSON/YAML object with 'openapi' or 'swagger' at its top", "", location, 1)
    return document


def load(spec: str, headers: dict[str, str] | None = None, timeout: float = 30.0, ca_bundle: str | None = None) -> Source:
    """Read SPEC: 'http(s)://…', '-' for stdin, or a file path."""
    headers = headers or {}
    notices: list[str] = []
    if spec.startswith(("http://", "https://")):
        url = spec
        swagger = scoring_to_swagger(spec)
        if swagger:
            notices.append(f"{spec} is a scoring URI; reading the spec beside it: {swagger}")
            url = swagger
        text = _get(url, headers, timeout, ca_bundle)
        return Source(text, url, url, parse(text, url), notices)
    if spec == "-":
        text = sys.stdin.read()
        return Source(text, "<stdin>", None, parse(text, "<stdin>"), notices)
    path = Path(spec)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FetchError(f"{spec}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise FetchError(f"{spec}: not UTF-8 text") from None
    return Source(text, str(path), None, parse(text, str(path)), notices)
