"""Runs the Python shapes driver with the generated SDK on PYTHONPATH."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def prepare(sdk: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    return [sys.executable, str(HERE / "driver.py")], {"PYTHONPATH": str(sdk)}
