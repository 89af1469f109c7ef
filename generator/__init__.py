"""clientgen: an OpenAPI/Swagger document -> typed client SDKs for Python, C#, Go and Java.

generate() is the whole pipeline: fetch, resolve, validate, upgrade, build the model, render and write.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import build, fetch, render, resolve, targets, upgrade, validate, write
from .config import Options
from .errors import Diagnostic

__version__ = "0.1.0"


@dataclass
class Result:
    reports: list[write.Report] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def inputs_digest(document_text: str, options: Options, language: str) -> str:
    """Everything an SDK is made from: the spec, the options that shape output, clientgen's own code and the
    templates (bundled and the user's). Equal digests mean equal output, so a no-op run can stop early."""
    digest = hashlib.sha256()
    shaping = (options.package_name, options.sdk_version, options.go_module, options.java_package, language,
               options.pagination)
    digest.update(repr((__version__, shaping)).encode())
    digest.update(document_text.encode())
    folders = [Path(__file__).resolve().parent, render.templates_root() / language, render.runtimes_root() / language]
    if options.templates is not None:
        folders.append(options.templates / language)
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".j2", ".go", ".java", ".cs"):
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def generate(options: Options, progress: Callable[[str], None] = lambda message: None) -> Result:
    progress(f"reading {options.spec}")
    source = fetch.load(options.spec, options.fetch_settings())
    result = Result(notices=list(source.notices))
    document = resolve.resolve_external(source)
    text = source.text if document is source.document else json.dumps(document, sort_keys=True)
    inputs = {language: inputs_digest(text + (source.url or ""), options, language) for language in options.languages}
    fresh = [write.up_to_date(options.out / language, inputs[language]) for language in options.languages]
    if all(report is not None for report in fresh):
        result.reports = [report for report in fresh if report is not None]
        result.diagnostics = list(result.reports[0].diagnostics) if result.reports else []
        return result  # nothing changed since the last run: no validation, no rendering
    resolve.check_internal_refs(source, document)
    progress("validating")
    validate.validate(source, document)
    api = build.build(upgrade.upgrade(document), source, result.diagnostics, options.pagination)
    progress(f"{len(api.operations)} operations, {len(api.models)} models")
    for language in options.languages:
        target = targets.get(language)
        progress(f"rendering {language}")
        files = render.render(target, target.files(api, options), options.templates)
        result.reports.append(write.write(options.out / language, files, inputs[language], result.diagnostics,
                                          check=options.check))
    return result
