"""Per language, the compile check of a generated SDK: tests/toolchains/<language>.py defines

    check(sdk: Path, work: Path) -> None
    load(sdk: Path, work: Path) -> str

check() builds the SDK in `sdk` (OUT/<language>/) with the real toolchain, warnings as errors, using `work` as
scratch space, and raises AssertionError with the compiler's output when it fails. The fixture compile tests
and benchmarks/corpus.py both use it. load() loads every module or class of the SDK in a program run in `work`
(static initialisers and package init functions run), asserts it exited cleanly and returns what it printed;
the hostile-spec test uses it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

Check = Callable[[Path, Path], None]
Load = Callable[[Path, Path], str]


def _modules() -> dict[str, object]:
    return {module.stem: importlib.import_module(f"{__name__}.{module.stem}")
            for module in sorted(Path(__file__).resolve().parent.glob("*.py")) if module.stem != "__init__"}


def checks() -> dict[str, Check]:
    return {language: module.check for language, module in _modules().items()}  # type: ignore[attr-defined]


def loaders() -> dict[str, Load]:
    return {language: getattr(module, "load") for language, module in _modules().items() if hasattr(module, "load")}
