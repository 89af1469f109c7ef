"""Per language, the compile check of a generated SDK: tests/toolchains/<language>.py defines

    check(sdk: Path, work: Path) -> None

which builds the SDK in `sdk` (OUT/<language>/) with the real toolchain, warnings as errors, using `work` as
scratch space, and raises AssertionError with the compiler's output when it fails. The fixture compile tests
and benchmarks/corpus.py both use it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

Check = Callable[[Path, Path], None]


def checks() -> dict[str, Check]:
    found = {}
    for module in sorted(Path(__file__).resolve().parent.glob("*.py")):
        if module.stem != "__init__":
            found[module.stem] = importlib.import_module(f"{__name__}.{module.stem}").check
    return found
