"""The language targets: generator/targets/<language>.py, loaded by name when a run asks for it.

A target module has NAME, FILTERS (Jinja filters), files(api, options) -> [render.OutputFile] and
format_file(path, text) -> text. Adding a language: a module here, a template folder, and its name in
config.LANGUAGES.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def get(language: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{language}")
