"""Finds the per-language test plug-ins: a folder <language>/ holding prepare.py with a prepare() function.

prepare(sdk: Path, work: Path) -> (command, extra environment): builds whatever the language needs (a driver
program against the generated SDK in `sdk`, using `work` as scratch space) and returns how to run it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

Prepare = Callable[[Path, Path], tuple[list[str], dict[str, str]]]


def discover(package: str, folder: Path) -> dict[str, Prepare]:
    found = {}
    for prepare in sorted(folder.glob("*/prepare.py")):
        language = prepare.parent.name
        found[language] = importlib.import_module(f"{package}.{language}.prepare").prepare
    return found
