"""The language targets: generator/targets/<language>.py, loaded by name when a run asks for it; and what the four
package files share (the one-line summary, the authors, the warnings for package metadata that cannot be published).

A target module has NAME, FILTERS (Jinja filters), files(api, options) -> [render.OutputFile],
format_files({path: text}) -> {path: text} (all of a render's files at once), and package_warnings(options) -> [Diagnostic] for its own defaults that a package
registry would refuse. Adding a language: a module here, a template folder, and its name in config.LANGUAGES.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType

from .. import ir
from ..config import Options
from ..errors import Diagnostic
from ..textformats import text_line

SUMMARY_LIMIT = 200  # characters: PyPI's summary, NuGet's and Maven's description are one short line


def get(language: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{language}")


def unpublishable(key: str, message: str) -> Diagnostic:
    """The warning for a package-metadata default no registry takes: where is the config key to set."""
    return Diagnostic(f"config {key}", f"{message}; set {key} in the config file to publish the SDKs")


def package_diagnostics(options: Options) -> list[Diagnostic]:
    """The warnings of a run for defaults no registry takes (a Go module under example.com, a Java group under
    com.example): one per config key, once whatever the number of languages that share it, in a fixed order. A
    licence or repository left unset is no warning: many SDKs are never published."""
    found: list[Diagnostic] = []
    for language in options.languages:
        found += get(language).package_warnings(options)
    return list(dict.fromkeys(found))


def summary(api: ir.ApiSpec, options: Options) -> str:
    """The package's one-line description: the configured one, else the spec's description's first paragraph,
    else 'Client for <title>'; on one printable line, cut at SUMMARY_LIMIT characters."""
    first = re.split(r"\n\s*\n", (api.description or "").strip(), maxsplit=1)[0]
    text = text_line(options.metadata.description or first) or text_line(f"Client for {api.title}")
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1].rstrip() + "…"


def author(entry: str) -> tuple[str, str | None]:
    """An `authors` entry as (name, email): 'Ada Lovelace <ada@example.org>' -> ('Ada Lovelace', 'ada@example.org');
    without <...>, the whole entry is the name."""
    match = re.fullmatch(r"\s*(.*?)\s*<\s*([^<>]*?)\s*>\s*", entry, re.S)
    return (text_line(match[1]), text_line(match[2]) or None) if match else (text_line(entry), None)


def with_lines_trimmed(texts: dict[str, str]) -> dict[str, str]:
    """The formatting of a target whose templates emit formatted code: only trailing spaces (an empty comment
    line's) and line endings are normalised, with one final newline. No generated string literal spans a line, so
    none loses a space."""
    return {path: "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).rstrip("\n") + "\n"
            for path, text in texts.items()}
