"""Check the document against its dialect's schema (Swagger 2.0, OpenAPI 3.0, 3.1) with openapi-spec-validator.

The first problem becomes one SpecError that says what is wrong and where: a JSON pointer and, where the spec
came as text, its line. The validator's deepest matching cause is used, not its "is not valid under any of the
given schemas" summary.

Validating a large document takes as long as everything else a run does, so a valid document's verdict is kept
(validated/ in clientgen's cache, fetch.cache_root()), keyed by the document's content, the validator's version
and this module's own code: a document validated once is not validated again. Only a pass is kept; an invalid
document is validated again, to report where.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .errors import SpecError, lookup, pointer_path
from .fetch import Source, cache_root
from .resolve import document_text

_MAX_MESSAGE = 300
T = TypeVar("T")


def dialect(document: dict) -> str:
    """'2.0', '3.0' or '3.1'; anything else is a SpecError."""
    if "swagger" in document:
        if str(document["swagger"]) != "2.0":
            raise SpecError(f"unsupported swagger version {document['swagger']!r}", "#/swagger",
                            hint="clientgen reads Swagger 2.0 and OpenAPI 3.0/3.1")
        return "2.0"
    version = str(document.get("openapi", ""))
    for known in ("3.0", "3.1"):
        if version.startswith(known + "."):
            return known
    if not version:
        raise SpecError("neither 'openapi' nor 'swagger' is set at the top of the document", "#",
                        hint="is this an OpenAPI document? add `openapi: 3.0.3` (or `swagger: '2.0'`)")
    raise SpecError(f"unsupported openapi version {version!r}", "#/openapi",
                    hint="clientgen reads Swagger 2.0 and OpenAPI 3.0/3.1")


def _deepest(error: Any) -> tuple[Any, tuple]:
    """Follow the validator's 'any of' context down to the most specific cause, with its full path."""
    from jsonschema.exceptions import best_match

    path = tuple(error.absolute_path)
    while getattr(error, "context", None):
        cause = best_match(error.context)
        if cause is None:
            break
        path = path + tuple(cause.relative_path)
        error = cause
    return error, path


def _locate(document: dict, path: tuple, instance: Any) -> tuple:
    """The validator checks each schema on its own and reports paths inside it; find that schema in the document
    (the first object, depth first, at which the path leads to the offending value)."""
    found, value = lookup(document, path)
    if found and value == instance:
        return path
    stack: list[tuple[Any, tuple]] = [(document, ())]
    while stack:
        node, where = stack.pop()
        found, value = lookup(node, path)
        if found and value == instance and where:
            return where + path
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        stack.extend(reversed([(child, where + (key,)) for key, child in children]))
    return path


_STACK_BYTES = 512 * 1024 * 1024
_RECURSION_LIMIT = 50_000


def _with_deep_stack(work: Callable[[], T]) -> T:
    """Run work in a thread with a deep stack: the validator recurses once per schema it reaches through a $ref, so
    a valid chain of thousands of models that refer to each other needs far more than the default 1,000 frames."""
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:  # re-raised on the caller's thread
            failure.append(exc)

    previous_stack = threading.stack_size(_STACK_BYTES)
    previous_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous_limit, _RECURSION_LIMIT))
    try:
        thread = threading.Thread(target=run, name="clientgen-validate")
        thread.start()
        thread.join()
    finally:
        threading.stack_size(previous_stack)
        sys.setrecursionlimit(previous_limit)
    if failure:
        raise failure[0]
    return result[0]


def _verdict(source: Source, document: dict) -> Path:
    """Where the verdict of this document's validation is kept."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("openapi-spec-validator").encode() + b"\0" + Path(__file__).read_bytes())
    digest.update(document_text(source, document).encode("utf-8", "surrogatepass"))
    return cache_root() / "validated" / digest.hexdigest()


def _keep(verdict: Path, version: str) -> None:
    """Record a pass; a cache that cannot be written only costs the next run a validation."""
    try:
        verdict.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".verdict.", dir=verdict.parent)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(version)
        os.replace(temporary, verdict)
    except OSError:
        pass


def validate(source: Source, document: dict) -> str:
    """Raise SpecError at the first schema violation; return the dialect."""
    try:
        version = dialect(document)
    except SpecError as exc:
        raise source.error(exc.message, pointer_path(exc.pointer), exc.hint) from None
    verdict = _verdict(source, document)
    try:
        if verdict.read_text(encoding="ascii") == version:
            return version  # this very document passed before
    except (OSError, UnicodeError):
        pass
    from openapi_spec_validator.shortcuts import get_validator_cls
    from jsonschema_path import SchemaPath

    validator = get_validator_cls(document)(SchemaPath.from_dict(document))
    try:
        first = _with_deep_stack(lambda: next(iter(validator.iter_errors()), None))
    except RecursionError:
        raise source.error(f"its schemas refer to each other more than {_RECURSION_LIMIT:,} levels deep", (),
                           "shorten the chains of $refs between schemas") from None
    if first is None:
        _keep(verdict, version)
        return version
    error, path = _deepest(first)
    path = _locate(document, path, error.instance)
    message = str(error.message)
    if len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE] + "…"
    raise source.error(f"invalid OpenAPI {version} document: {message}", path,
                       "fix the spec at that place (see the OpenAPI specification for the field)")
