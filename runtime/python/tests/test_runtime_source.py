"""The runtime's source as it is shipped (clientgen copies it, never formats it): mypy --strict for Python 3.10
and formatted as clientgen formats the SDK around it (ruff's formatter: black's style, line length 88). Caches go to
a temporary folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "clientgen_runtime"


def test_the_runtime_passes_mypy_strict(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--cache-dir",
                           str(tmp_path / "mypy"), str(SOURCE)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]


def test_the_runtime_is_formatted() -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", "format", "--check", "--diff", "--isolated", "--no-cache",
                           "--line-length", "88", "--target-version", "py310", str(SOURCE)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
