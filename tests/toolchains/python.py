"""Python: the SDK package imports, passes mypy --strict and is black-clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def check(sdk: Path, work: Path) -> None:
    packages = [p for p in sdk.iterdir() if (p / "__init__.py").is_file()]
    assert len(packages) == 1, f"expected one package in {sdk}, found {packages}"
    package = packages[0]
    env = {**os.environ, "PYTHONPATH": str(sdk)}
    imported = subprocess.run([sys.executable, "-c", f"import {package.name}"], capture_output=True, text=True,
                              env=env, timeout=300)
    assert imported.returncode == 0, imported.stderr[-5000:]
    work.mkdir(parents=True, exist_ok=True)
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(work / ".mypy_cache"),
                           str(package)], capture_output=True, text=True, timeout=1200)
    assert mypy.returncode == 0, mypy.stdout[-5000:]
    black = subprocess.run([sys.executable, "-m", "black", "--check", "--quiet", str(package)], capture_output=True,
                           text=True, timeout=600)
    assert black.returncode == 0, black.stderr[-2000:]
