"""Templates -> file contents: one Jinja environment per target, the target's filters, the target's manifest.

A target lists what it writes as data (`OutputFile`s: template, output path, context); this module renders
each one and lets the target format it. Users' template overrides (`--templates DIR`) are looked up first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2


@dataclass(frozen=True)
class OutputFile:
    template: str  # relative to templates/<language>/
    path: str  # relative to the language's output folder, '/'-separated
    context: dict[str, Any]


def templates_root() -> Path:
    """templates/ beside generator/ in a source checkout; generator/templates/ in an installed wheel."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("clientgen's templates folder is missing from this installation")


def environment(language: str, filters: dict[str, Any], overrides: Path | None) -> jinja2.Environment:
    folders = [str(templates_root() / language)]
    if overrides is not None:
        folders.insert(0, str(overrides / language))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(filters)
    return env


def render(target: ModuleType, files: list[OutputFile], overrides: Path | None) -> dict[str, bytes]:
    """{output path: bytes} for every file of the manifest, formatted by the target."""
    env = environment(target.NAME, target.FILTERS, overrides)
    out = {}
    for file in files:
        text = env.get_template(file.template).render(**file.context)
        out[file.path] = target.format_file(file.path, text).encode("utf-8")
    return dict(sorted(out.items()))
