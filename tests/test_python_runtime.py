"""The Python runtime's own tests (runtime/python/tests: pytest, mypy --strict, ruff format), run with pytest in a fresh
interpreter as its own test run; this test fails with that run's output. Nothing is written into runtime/python/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RUNTIME = Path(__file__).resolve().parents[1] / "runtime" / "python"


def test_the_python_runtime_passes_its_own_tests(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(RUNTIME / "tests")],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(tmp_path)})
    assert done.returncode == 0, (done.stdout + done.stderr)[-8000:]
    assert " passed" in done.stdout and " skipped" not in done.stdout, done.stdout[-2000:]
