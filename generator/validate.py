"""Check the document against its dialect's schema (Swagger 2.0, OpenAPI 3.0, 3.1) with openapi-spec-validator.

The first problem becomes one SpecError that says what is wrong and where: a JSON pointer and, where the spec
came as text, its line. The validator's deepest matching cause is used, not its "is not valid under any of the
given schemas" summary.

Validating a large document takes as long as everything else a run does (and twice that with
openapi-spec-validator as installed: `_quicken_validator` removes two of its costs that do not change a verdict),
so a valid document's verdict is kept (validated/ in clientgen's cache, fetch.cache_root()), keyed by the
document's content, the validator's version and this module's own code: a document validated once is not
validated again. Only a pass is kept; an invalid document is validated again, to report where. A document without
a kept verdict is validated in a second process (`start`, forked where the platform can fork, so the document is
not copied), while the run builds and renders; the run waits for the verdict (`Validation.wait`) before it writes
anything, so an invalid document still stops it with nothing written.
"""

from __future__ import annotations

import hashlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .errors import SpecError, lookup, pointer_path
from .fetch import Source, cache_root, write_cache_file
from .resolve import document_digest

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
    digest.update(document_digest(source, document).encode())
    return cache_root() / "validated" / digest.hexdigest()


def _keep(verdict: Path, version: str) -> None:
    """Record a pass (a cache: one that cannot be written only costs the next run a validation)."""
    write_cache_file(verdict, version.encode("ascii"))


class _IdSet(list[int]):
    """The list of schema ids openapi-spec-validator keeps of what it visited, with a set's membership test: the
    validator asks `id in visited` once per schema it reaches, which on a list is quadratic (a fifth of the time
    on GitHub's spec). Only append and `in` are used on it."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[int] = set()

    def append(self, schema_id: int) -> None:
        self._members.add(schema_id)
        super().append(schema_id)

    def __contains__(self, schema_id: object) -> bool:
        return schema_id in self._members


_JSON_TYPES = frozenset({dict, list, str, int, float, bool, type(None)})
_quickened: list[bool] = []


def _quicken_validator() -> None:
    """Remove two costs of openapi-spec-validator 0.9 (pathable 0.6) on large documents without changing a verdict:
    its visited-schema lists become _IdSets, and pathable's `isinstance(node, Subscriptable)` (a runtime-checkable
    Protocol, which Python 3.11 checks attribute by attribute: another fifth of the time) is decided once per type
    for the types a parsed document holds. Versions other than those it was written for are left as they are."""
    from importlib.metadata import version

    if _quickened or not version("openapi-spec-validator").startswith("0.9.") \
            or not version("pathable").startswith("0.6."):
        return
    _quickened.append(True)
    from openapi_spec_validator.validation import keywords
    from pathable import accessors
    from pathable.protocols import Subscriptable

    plain_init = keywords.SchemaValidator.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        plain_init(self, *args, **kwargs)
        self.visited_schema_ids, self.meta_checked_schema_ids = _IdSet(), _IdSet()

    subscriptable = {kind: isinstance(kind(), Subscriptable) for kind in _JSON_TYPES}
    plain_subnode = accessors.SubscriptableAccessor._get_subnode

    def subnode(cls: Any, node: Any, part: Any) -> Any:
        known = subscriptable.get(type(node))
        if known is None:
            return plain_subnode.__func__(cls, node, part)
        if not known:
            raise KeyError(part)
        try:
            return node[part]
        except (KeyError, IndexError, TypeError) as exc:
            raise KeyError(part) from exc

    keywords.SchemaValidator.__init__ = init
    accessors.SubscriptableAccessor._get_subnode = classmethod(subnode)


def _problem(document: dict, version: str) -> tuple[str, tuple, str] | None:
    """The first schema violation as (message, path in the document, hint), or None for a valid document."""
    from jsonschema_path import SchemaPath
    from openapi_spec_validator.shortcuts import get_validator_cls

    _quicken_validator()

    validator = get_validator_cls(document)(SchemaPath.from_dict(document))
    try:
        first = _with_deep_stack(lambda: next(iter(validator.iter_errors()), None))
    except RecursionError:
        return (f"its schemas refer to each other more than {_RECURSION_LIMIT:,} levels deep", (),
                "shorten the chains of $refs between schemas")
    if first is None:
        return None
    error, path = _deepest(first)
    message = str(error.message)
    if len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE] + "…"
    return (f"invalid OpenAPI {version} document: {message}", _locate(document, path, error.instance),
            "fix the spec at that place (see the OpenAPI specification for the field)")


def _unvalidated(source: Source, document: dict) -> tuple[str, Path | None]:
    """The document's dialect (a SpecError for a document that is no OpenAPI document of a known version), and where
    its verdict is to be kept: None when this very document passed before."""
    try:
        version = dialect(document)
    except SpecError as exc:
        raise source.error(exc.message, pointer_path(exc.pointer), exc.hint) from None
    verdict = _verdict(source, document)
    try:
        if verdict.read_text(encoding="ascii") == version:
            return version, None
    except (OSError, UnicodeError):
        pass
    return version, verdict


def _settle(source: Source, version: str, verdict: Path, problem: tuple[str, tuple, str] | None) -> str:
    if problem is not None:
        raise source.error(*problem)
    _keep(verdict, version)
    return version


def validate(source: Source, document: dict) -> str:
    """Raise SpecError at the first schema violation; return the dialect."""
    version, verdict = _unvalidated(source, document)
    return version if verdict is None else _settle(source, version, verdict, _problem(document, version))


class Validation:
    """A document's validation under way in a second process, or decided already."""

    def __init__(self, version: str, settle: Callable[[], str] | None = None, process: Any = None,
                 answer: Any = None):
        self.version, self._settle, self._process, self._answer = version, settle, process, answer

    @property
    def pending(self) -> bool:
        """Whether the verdict is still to come (wait() would wait)."""
        return self._settle is not None and not self._answer.poll()

    def wait(self) -> str:
        """The dialect once the document is known to be valid; the SpecError of its first violation otherwise."""
        settle, self._settle = self._settle, None
        return self.version if settle is None else settle()

    def cancel(self) -> None:
        """Stop a validation whose verdict is no longer needed (the run failed for another reason)."""
        if self._settle is not None:
            self._settle = None
            self._process.terminate()
            self._process.join()


def _validate_in_child(document: dict, version: str, reply: Any) -> None:
    """The second process: send the verdict; on a failure of the validator itself send nothing, so the run validates
    in its own process and reports that failure as it would have without a second one."""
    try:
        reply.send(_problem(document, version))
    except BaseException:
        pass
    finally:
        reply.close()


def start(source: Source, document: dict) -> Validation:
    """Begin validating (a SpecError at once for a document of no known dialect): a second process validates while
    the caller goes on, and wait() gives the verdict. Where the platform cannot fork (spawning would copy the
    document), the document is validated before start returns."""
    import multiprocessing

    version, verdict = _unvalidated(source, document)
    if verdict is None:
        return Validation(version)
    if "fork" not in multiprocessing.get_all_start_methods():
        return Validation(_settle(source, version, verdict, _problem(document, version)))
    context = multiprocessing.get_context("fork")
    answer, reply = context.Pipe(duplex=False)
    process = context.Process(target=_validate_in_child, args=(document, version, reply), daemon=True,
                              name="clientgen-validate")
    process.start()
    reply.close()

    def settle() -> str:
        try:
            problem = answer.recv()
        except (EOFError, OSError):  # the second process died without a verdict: validate here instead
            problem = _problem(document, version)
        finally:
            answer.close()
            process.join()
        return _settle(source, version, verdict, problem)

    return Validation(version, settle, process, answer)
