"""clientgen: an OpenAPI/Swagger document -> typed client SDKs for Python, C#, Go and Java.

generate() is the whole pipeline: fetch, resolve, validate, upgrade, build the model, render and write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import build, fetch, render, resolve, targets, upgrade, validate, write
from .config import Options
from .errors import Diagnostic

__version__ = "0.1.0"


@dataclass
class Result:
    reports: list[write.Report] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def generate(options: Options, progress: Callable[[str], None] = lambda message: None) -> Result:
    progress(f"reading {options.spec}")
    source = fetch.load(options.spec, dict(options.headers), options.timeout, options.ca_bundle)
    result = Result(notices=list(source.notices))
    document = resolve.resolve_external(source)
    resolve.check_internal_refs(source, document)
    progress("validating")
    validate.validate(source, document)
    api = build.build(upgrade.upgrade(document), source, result.diagnostics)
    progress(f"{len(api.operations)} operations, {len(api.models)} models")
    for language in options.languages:
        target = targets.get(language)
        progress(f"rendering {language}")
        files = render.render(target, target.files(api, options), options.templates)
        result.reports.append(write.write(options.out / language, files, check=options.check))
    return result
