"""clientgen: an OpenAPI/Swagger document -> typed client SDKs for Python, C#, Go and Java.

generate() is the whole pipeline: fetch, resolve, validate, upgrade, build the model, render and write; it tells
its caller each Stage as it begins (the command line shows them, and times them for --verbose). Validation runs in
a second process while the model is built and rendered (while it is under way, a rendered language waits for it
while the next language renders: _HELD_WHILE_VALIDATING); nothing is written before its verdict. With --jobs,
other processes render some of the languages while this one renders the others (fanout.py). A run whose output
is up to date stops after reading the spec (without even parsing it when this very text was read before), and one
whose output folder is gone but whose inputs are as an earlier run's writes that run's SDKs again from the cache
(outputs.py); so the modules that build and render (and the libraries they bring: the validator, Jinja) are
imported only by a run that needs them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import bundled, fetch, resolve, write
from .config import Options, PagingRule
from .errors import Diagnostic

if TYPE_CHECKING:
    from . import build, ir, validate

__version__ = "0.1.0"

# While validation is under way, up to this many languages' rendered files are held (not written) so that the next
# language renders meanwhile; more would only add memory, as validating takes about as long as rendering two.
_HELD_WHILE_VALIDATING = 2


@dataclass
class Result:
    reports: list[write.Report] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Stage:
    """A stage of generate() beginning; it lasts until the next one begins or generate() returns."""

    name: str  # fetch, validate, build, render or write
    language: str = ""  # render and write: the language
    detail: str = ""  # what it works on: fetch the spec, render the counts of operations and models, write of files

    @property
    def label(self) -> str:
        return f"{self.name} {self.language}".strip()


def inputs_digests(document_digest: str, options: Options) -> dict[str, str]:
    """Per language, the digest of everything its SDK is made from: the spec (its digest, and where it was served),
    the options that shape output, clientgen's own code and the templates (bundled and the user's). Equal digests
    mean equal output, so a no-op run can stop early."""
    shaping = (options.package_name, options.sdk_version, options.go_module, options.java_package,
               options.pagination, options.metadata, options.strict)  # strict: a kept run's warnings may fail it
    common = hashlib.sha256(repr((__version__, shaping, document_digest)).encode())
    _hash_folder(common, Path(__file__).resolve().parent)
    digests = {}
    for language in options.languages:
        digest = common.copy()
        digest.update(b"\0language " + language.encode())
        folders = [bundled.templates_root() / language, bundled.runtimes_root() / language]
        if options.templates is not None:
            folders.append(options.templates / language)
        for folder in folders:
            _hash_folder(digest, folder)
        digests[language] = digest.hexdigest()
    return digests


def _hash_folder(digest: hashlib._Hash, folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".go", ".java", ".cs"):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())


def read_spec(spec: str, settings: fetch.Settings) -> tuple[fetch.Source, dict]:
    """The spec and the documents it references (read under the reference policy), as one document."""
    source = fetch.load(spec, settings)
    return source, resolve.resolve_external(source)


def _model(source: fetch.Source, document: dict, diagnostics: list[Diagnostic], pagination: tuple[PagingRule, ...],
           progress: Callable[[Stage], None], strict: bool = False) -> tuple[validate.Validation, ir.ApiSpec,
                                                                             build.Builder]:
    """The document's model, built while it is validated in a second process (the Validation, to wait for)."""
    from . import build, upgrade, validate

    resolve.check_internal_refs(source, document)
    progress(Stage("validate"))
    validation = validate.start(source, document, diagnostics, strict)
    progress(Stage("build"))
    try:
        builder = build.Builder(upgrade.upgrade(document), source, diagnostics, pagination)
        return validation, builder.build(), builder
    except Exception:
        validation.wait()  # a document the validator refuses: its finding, not the build's failure, is the error
        raise
    except BaseException:
        validation.cancel()
        raise


def checked_model(source: fetch.Source, document: dict, diagnostics: list[Diagnostic],
          pagination: tuple[PagingRule, ...] = (),
          progress: Callable[[Stage], None] = lambda stage: None) -> tuple[ir.ApiSpec, build.Builder]:
    """The document's model, once it is checked: internal references, validation, the Swagger 2.0 upgrade, the
    build (the builder too: it knows where in the document each model was defined)."""
    validation, api, builder = _model(source, document, diagnostics, pagination, progress)
    validation.wait()
    return api, builder


def _write_kept(options: Options, inputs: dict[str, str], fresh: list[write.Report | None], result: Result,
                progress: Callable[[Stage], None]) -> bool:
    """Write (or with --check, compare) every SDK that is not up to date from what an earlier run rendered from the
    same inputs (outputs.py); False, having written nothing, unless the cache holds all of them."""
    from . import outputs

    kept: dict[str, tuple[dict[str, bytes], list[Diagnostic]]] = {}
    for language, report in zip(options.languages, fresh):
        if report is None:
            found = outputs.load(options.out / language, inputs[language])
            if found is None:
                return False
            kept[language] = found
    for language, report in zip(options.languages, fresh):
        if report is not None:
            result.reports.append(report)
            result.diagnostics = list(report.diagnostics)
            continue
        files, result.diagnostics = kept.pop(language)
        progress(Stage("write", language, f"{len(files)} files (as rendered before from the same inputs)"))
        result.reports.append(write.write(options.out / language, files, inputs[language], result.diagnostics,
                                          check=options.check, force=options.force))
    return True


def generate(options: Options, progress: Callable[[Stage], None] = lambda stage: None) -> Result:
    remote = options.spec.startswith(("http://", "https://"))
    progress(Stage("fetch", detail=fetch.display_url(options.spec) if remote else options.spec))
    source = fetch.load(options.spec, options.fetch_settings())
    # A text found self-contained before is not even parsed unless the output must be made again.
    document = None if source.self_contained else resolve.resolve_external(source)
    result = Result(notices=list(source.notices))  # after resolving: a referenced document's notices too
    document_digest = source.digest if document is None else resolve.document_digest(source, document)
    inputs = inputs_digests(f"{document_digest} {source.url or ''}", options)
    fresh = [write.up_to_date(options.out / language, inputs[language]) for language in options.languages]
    if all(report is not None for report in fresh):
        result.reports = [report for report in fresh if report is not None]
        result.diagnostics = list(result.reports[0].diagnostics) if result.reports else []
        return result  # nothing changed since the last run: no validation, no rendering
    if _write_kept(options, inputs, fresh, result, progress):
        return result  # rendered from these very inputs before: written again from the cache
    from . import fanout, outputs, render, targets

    if document is None:
        document = resolve.resolve_external(source)
    validation, api, _ = _model(source, document, result.diagnostics, options.pagination, progress, options.strict)
    try:
        result.diagnostics += targets.package_diagnostics(options)  # defaults that cannot be published

        def render_language(language: str) -> dict[str, bytes]:
            target = targets.get(language)
            return render.render(target, target.files(api, options), options.templates)

        def begun(language: str, elsewhere: bool) -> None:
            counts = f"{len(api.operations)} operations, {len(api.models)} models"
            progress(Stage("render", language, counts + (" (in another process)" if elsewhere else "")))

        held: list[tuple[str, dict[str, bytes]]] = []  # rendered, to be written once the verdict is in
        to_render = len(options.languages)
        for language, files in fanout.rendered(options.languages, options.jobs, render_language, begun):
            held.append((language, files))
            to_render -= 1
            if validation.pending and to_render and len(held) < _HELD_WHILE_VALIDATING:
                continue  # render the next language while the verdict is still to come
            if validation.pending:
                progress(Stage("validate", detail="waiting for the verdict"))
            validation.wait()
            for language, files in held:
                progress(Stage("write", language, f"{len(files)} files"))
                result.reports.append(write.write(options.out / language, files, inputs[language],
                                                  result.diagnostics, check=options.check, force=options.force))
                outputs.keep(options.out / language, inputs[language], files, result.diagnostics)
            held.clear()
    except Exception:
        validation.wait()  # as for the build: an invalid document's finding is the error to report
        raise
    finally:
        validation.cancel()
    return result
