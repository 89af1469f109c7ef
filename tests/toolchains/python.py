"""Python: the SDK package imports, passes mypy --strict and is formatted as clientgen formats it (ruff, black's
style); load() imports every module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.targets.python import ruff_format_command


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
    assert_formatted(package)


def assert_formatted(*folders: Path) -> None:
    """Every .py file under the folders is as clientgen's formatter leaves it: reformatting changes nothing."""
    for folder in folders:
        done = subprocess.run(ruff_format_command(str(folder), check=True), capture_output=True, text=True,
                              timeout=600)
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]


def load(sdk: Path, work: Path) -> str:
    """Imports every module of the SDK (module bodies and class bodies run) in a fresh interpreter, in `work`;
    returns what it printed."""
    packages = [p for p in sdk.iterdir() if (p / "__init__.py").is_file()]
    work.mkdir(parents=True, exist_ok=True)
    program = ("import importlib, pkgutil, sys\n"
               f"import {packages[0].name} as package\n"
               "for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
               "    importlib.import_module(module.name)\n"
               "print('loaded', len(sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=work,
                          env={**os.environ, "PYTHONPATH": str(sdk.resolve())}, timeout=300)
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    return done.stdout + done.stderr
