"""Check the document against its dialect's schema (Swagger 2.0, OpenAPI 3.0, 3.1) with openapi-spec-validator, and
sort what it finds into errors and warnings.

Every finding is placed (a JSON pointer and, where the spec came as text, its line) and named by its most relevant
cause: the validator's "is not valid under any of the given schemas" is followed down the branch that nearly
matched (for a schema-or-reference, the schema's own problem, not "'$ref' is a required property"). A finding that
leaves the SDK's meaning clear is a warning saying what clientgen does about it (`_lenient`: a `default` or
`example` that does not fit its schema, a `pattern` in a regex dialect Python does not read, an unknown `format`
or `type`, empty `responses`, a missing `info` field, a duplicate `operationId`, an OpenAPI 3 keyword in a
Swagger 2.0 schema); any other finding is an error, the first of which stops the run; with `strict`, every
finding is. Swagger 2.0's `type: file` (a response's schema, a formData parameter) is no finding at all:
openapi-spec-validator 0.9 checks 2.0 Schema Objects with its OpenAPI 3.0 schema validator, whose `type` has no
`file`.

Validating a large document takes as long as everything else a run does (and twice that with
openapi-spec-validator as installed: `_quicken_validator` removes two of its costs that do not change a verdict),
so a valid document's verdict and warnings are kept (validated/ in clientgen's cache, fetch.cache_root()), keyed
by the document's content, the validator's version and this module's own code: a document validated once is not
validated again. Only a pass is kept; an invalid document is validated again, to report where. A document without
a kept verdict is validated in a second process (`start`, forked where the platform can fork, so the document is
not copied), while the run builds and renders; the run waits for the verdict (`Validation.wait`) before it writes
anything, so an invalid document still stops it with nothing written.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import Diagnostic, SpecError, json_pointer, lookup, pointer_path
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


def _reach(error: Any) -> tuple[int, bool, bool]:
    """How far an alternative's error got into the value (through its own nested alternatives): deeper is nearer
    a match; a missing '$ref' (the reference branch of a schema-or-reference) and a summary of alternatives rank
    below a problem of the value's own."""
    depth = max((_reach(cause)[0] for cause in getattr(error, "context", None) or ()), default=0)
    return (len(error.relative_path) + depth,
            not (error.validator == "required" and "'$ref'" in str(error.message)),
            error.validator not in ("anyOf", "oneOf"))


def _causes(error: Any) -> tuple[list[tuple[Any, tuple]], tuple[Any, tuple]]:
    """The causes of a finding in the alternative that nearly matched, followed down through nested alternatives:
    (every leaf cause of that branch, the most relevant one), each with its path relative to the finding."""
    if not getattr(error, "context", None):
        return [(error, ())], (error, ())
    best = max(error.context, key=_reach)
    leaves: list[tuple[Any, tuple]] = []
    for cause in error.context:
        if list(cause.relative_schema_path)[:1] == list(best.relative_schema_path)[:1]:
            leaves += [(leaf, tuple(cause.relative_path) + below) for leaf, below in _causes(cause)[0]]
    deepest, below = _causes(best)[1]
    return leaves, (deepest, tuple(best.relative_path) + below)


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


_placed: list[bool] = []


def _place_findings() -> None:
    """Make openapi-spec-validator 0.9 say where each finding is: its keyword validators check one Schema Object,
    parameter or operation at a time and report paths inside it, so each error they yield is stamped (attribute
    `clientgen_at`) with the document path of the object the innermost of them was checking (a default's value:
    that path and 'default'). Other versions are left as they are (findings are then placed by `_locate`)."""
    from importlib.metadata import version

    if _placed or not version("openapi-spec-validator").startswith("0.9."):
        return
    _placed.append(True)
    from jsonschema_path import SchemaPath
    from openapi_spec_validator.validation import keywords
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    def stamped(call: Any, suffix: tuple) -> Any:
        def stamping(self: Any, *args: Any, **kwargs: Any) -> Any:
            at = next((tuple(arg.parts) for arg in args if isinstance(arg, SchemaPath)), None)
            for error in call(self, *args, **kwargs):
                if at is not None and not hasattr(error, "clientgen_at"):
                    if not isinstance(error, OpenAPIValidationError):  # as the validator converts it, stamp kept
                        error = OpenAPIValidationError.create_from(error)
                    error.clientgen_at = at + suffix
                yield error
        return stamping

    for kind in vars(keywords).values():
        if isinstance(kind, type) and issubclass(kind, keywords.KeywordValidator) and "__call__" in vars(kind):
            suffix = ("default",) if issubclass(kind, keywords.ValueValidator) else ()
            kind.__call__ = stamped(vars(kind)["__call__"], suffix)


@dataclass(frozen=True)
class Finding:
    """One thing the validator found: what, where (a path in the document), and what clientgen does about it
    (`lenient`: generates, and says so in the warning), or "" for an error."""

    message: str
    path: tuple
    lenient: str = ""


_OPENAPI3_KEYWORDS = frozenset({"oneOf", "anyOf", "not", "nullable", "deprecated", "writeOnly"})
_JSON_TYPE_NAMES = frozenset({"array", "boolean", "integer", "null", "number", "object", "string"})


def _lenient(version: str, path: tuple, cause: Any) -> str | None:
    """For a finding that leaves the SDK's meaning clear, what clientgen does about it; "" for none at all (what
    the Swagger 2.0 specification allows); None for an error."""
    last = path[-1] if path else None
    instance = cause.instance
    if version == "2.0" and last == "type" and instance == "file":
        return ""  # 2.0's own file type: a binary body or answer (upgrade.py)
    if "Operation ID" in str(cause.message) and "is not unique" in str(cause.message):
        return "each of its methods is named after it and the method or path where they differ"
    if _has_keyword(path, ("example", "examples", "x-example")):
        return "an example is documentation; the SDKs do not use it"
    if _has_keyword(path, ("default",)):
        return "the SDKs neither send nor check defaults"
    if last == "pattern":
        return "the SDKs do not check patterns"
    if last == "format":
        return "read as its type without a format"
    if last == "type" and isinstance(instance, str) and instance not in _JSON_TYPE_NAMES:
        return "read as any JSON value"
    if last == "responses" and cause.validator == "minProperties":
        return "the operation is generated without a typed answer"
    if path[:1] == ("info",):
        return "the SDKs' package metadata uses its defaults"
    if version == "2.0" and cause.validator == "additionalProperties" and isinstance(instance, dict):
        known = set(cause.schema.get("properties", {})) if isinstance(cause.schema, dict) else set()
        extra = {key for key in instance if key not in known and not str(key).startswith("x-")}
        if extra and extra <= _OPENAPI3_KEYWORDS:
            return "read as OpenAPI 3 reads it"
    return None


_NAMING_KEYS = frozenset({"properties", "definitions", "schemas", "responses", "parameters", "examples", "paths",
                          "patternProperties", "securityDefinitions", "securitySchemes", "headers", "links"})


def _has_keyword(path: tuple, keywords: tuple[str, ...]) -> bool:
    """Whether the path goes through one of these keywords (not through a property or status of that name)."""
    return any(part in keywords and (index == 0 or path[index - 1] not in _NAMING_KEYS)
               for index, part in enumerate(path))


_MAX_FINDINGS = 200


def _findings(document: dict, version: str) -> list[Finding]:
    """Everything the validator finds, each placed and sorted into error or warning (at most _MAX_FINDINGS)."""
    from jsonschema_path import SchemaPath
    from openapi_spec_validator.shortcuts import get_validator_cls

    _quicken_validator()
    _place_findings()
    validator = get_validator_cls(document)(SchemaPath.from_dict(document))

    stopped: list[Finding] = []

    def collect() -> list[Any]:
        found = []
        try:
            for error in validator.iter_errors():
                found.append(error)
                if len(found) >= _MAX_FINDINGS:
                    break
        except (KeyError, IndexError, TypeError, AttributeError, ValueError) as exc:
            if not found:
                raise  # the validator's own failure, on a document it found nothing wrong with
            # Past a malformed object (`responses: 5`) the validator's later checks may fail on it: what it found
            # so far stands, and the document is not taken for checked.
            stopped.append(Finding(f"the validator could not check the rest of the document ({type(exc).__name__}"
                                   f" {exc})", ()))
        return found

    try:
        errors = _with_deep_stack(collect)
    except RecursionError:
        return [Finding(f"its schemas refer to each other more than {_RECURSION_LIMIT:,} levels deep", ())]
    findings = []
    for error in errors:
        leaves, (cause, below) = _causes(error)
        at = getattr(error, "clientgen_at", None)
        base = (at or ()) + tuple(error.absolute_path)
        ways = [_lenient(version, base + leaf_below, leaf) for leaf, leaf_below in leaves]
        if all(way == "" for way in ways):
            continue  # allowed by the specification, refused only by the validator's dialect
        path = base + below
        found, value = lookup(document, path)
        if not found or (at is None and value != cause.instance):
            path = _locate(document, path, cause.instance)
        message = str(cause.message)
        if len(message) > _MAX_MESSAGE:
            message = message[:_MAX_MESSAGE] + "…"
        lenient = "" if any(way is None for way in ways) else next(way for way in ways if way)
        if any(finding.path == path and finding.lenient == lenient for finding in findings):
            continue  # the same finding from a second of the validator's checks (the dialect's meta-schema too)
        findings.append(Finding(message, path, lenient))
    return findings + stopped


_FIX_HINT = "fix the spec at that place (see the OpenAPI specification for the field)"


def _problem(document: dict, version: str) -> tuple[tuple[str, tuple, str] | None, list[Finding]]:
    """(the finding that stops the run as (message, path, hint), or None; the warnings)."""
    findings = _findings(document, version)
    warnings = [finding for finding in findings if finding.lenient]
    for finding in findings:
        if not finding.lenient:
            return (f"invalid OpenAPI {version} document: {finding.message}", finding.path, _FIX_HINT), warnings
    return None, warnings


def _as_error(version: str, finding: Finding) -> tuple[str, tuple, str]:
    """A warning as --strict reports it."""
    return (f"invalid OpenAPI {version} document: {finding.message}", finding.path,
            f"{_FIX_HINT}; without --strict clientgen generates anyway ({finding.lenient})")


def _unvalidated(source: Source, document: dict) -> tuple[str, Path, list[Finding] | None]:
    """The document's dialect (a SpecError for a document that is no OpenAPI document of a known version), where
    its verdict is kept, and the warnings of its kept pass (None when it has none yet)."""
    try:
        version = dialect(document)
    except SpecError as exc:
        raise source.error(exc.message, pointer_path(exc.pointer), exc.hint) from None
    verdict = _verdict(source, document)
    try:
        kept = json.loads(verdict.read_text(encoding="utf-8"))
        if kept["version"] == version:
            return version, verdict, [Finding(message, tuple(path), lenient) for message, path, lenient in kept["warnings"]]
    except (OSError, UnicodeError, ValueError, KeyError, TypeError):
        pass
    return version, verdict, None


def _settle(source: Source, version: str, verdict: Path, problem: tuple[str, tuple, str] | None,
            warnings: list[Finding], kept: bool, diagnostics: list[Diagnostic], strict: bool) -> str:
    """Raise the error that stops the run, if any; else keep the pass (a cache: one that cannot be written only
    costs the next run a validation) and add one warning per lenient finding."""
    if problem is not None:
        raise source.error(*problem)
    if not kept:
        write_cache_file(verdict, json.dumps({"version": version, "warnings": [
            [finding.message, list(finding.path), finding.lenient] for finding in warnings]}).encode())
    if strict and warnings:
        raise source.error(*_as_error(version, warnings[0]))
    diagnostics.extend(Diagnostic(json_pointer(finding.path), f"{finding.message} ({finding.lenient})")
                       for finding in warnings)
    return version


def validate(source: Source, document: dict, diagnostics: list[Diagnostic] | None = None,
             strict: bool = False) -> str:
    """Raise SpecError at the first finding that is an error (with strict, at the first finding); add the others
    to diagnostics as warnings; return the dialect."""
    version, verdict, warnings = _unvalidated(source, document)
    if warnings is None:
        problem, warnings = _problem(document, version)
        return _settle(source, version, verdict, problem, warnings, False, diagnostics if diagnostics is not None
                       else [], strict)
    return _settle(source, version, verdict, None, warnings, True, diagnostics if diagnostics is not None else [],
                   strict)


class Validation:
    """A document's validation under way in a second process, or decided already."""

    def __init__(self, version: str, settle: Callable[[], str] | None = None, process: Any = None,
                 answer: Any = None):
        self.version, self._settle, self._process, self._answer = version, settle, process, answer

    @property
    def pending(self) -> bool:
        """Whether the verdict is still to come (wait() would wait)."""
        return self._settle is not None and self._answer is not None and not self._answer.poll()

    def wait(self) -> str:
        """The dialect once the document is known to be valid (its warnings added to the run's diagnostics); the
        SpecError of the finding that stops the run otherwise."""
        settle, self._settle = self._settle, None
        return self.version if settle is None else settle()

    def cancel(self) -> None:
        """Stop a validation whose verdict is no longer needed (the run failed for another reason)."""
        if self._settle is not None:
            self._settle = None
            if self._process is not None:
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


def start(source: Source, document: dict, diagnostics: list[Diagnostic], strict: bool = False) -> Validation:
    """Begin validating (a SpecError at once for a document of no known dialect): a second process validates while
    the caller goes on, and wait() gives the verdict, adding the warnings to diagnostics. Where the platform cannot
    fork (spawning would copy the document), the document is validated before start returns."""
    import multiprocessing

    version, verdict, warnings = _unvalidated(source, document)
    if warnings is not None:
        return Validation(version, lambda: _settle(source, version, verdict, None, warnings, True, diagnostics,
                                                   strict))
    if "fork" not in multiprocessing.get_all_start_methods():
        return Validation(validate(source, document, diagnostics, strict))
    context = multiprocessing.get_context("fork")
    answer, reply = context.Pipe(duplex=False)
    process = context.Process(target=_validate_in_child, args=(document, version, reply), daemon=True,
                              name="clientgen-validate")
    process.start()
    reply.close()

    def settle() -> str:
        try:
            problem, found = answer.recv()
        except (EOFError, OSError):  # the second process died without a verdict: validate here instead
            problem, found = _problem(document, version)
        finally:
            answer.close()
            process.join()
        return _settle(source, version, verdict, problem, found, False, diagnostics, strict)

    return Validation(version, settle, process, answer)
