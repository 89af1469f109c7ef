"""The Go runtime (runtime/go/), on its own: gofmt-clean, go vet clean, and its unit tests (`go test`) pass.

The runtime is real Go source that the generator copies into every SDK with only its package clause renamed;
its tests (retries, Retry-After, parameter encoding, header merging, per-call options, hooks, the caller's own
HTTP client, log lines and redaction, the Azure ML credential with a real process; pages fetched lazily by next
link, Link header, cursor and offset; polling at Retry-After to each final state; server-sent events and JSON
lines parsed as they arrive across chunk boundaries, early close, uploads from a stream never re-sent) run
against local httptest servers. Build outputs go to the Go cache in the temporary folder (tests/conformance/drivers/go/prepare.go_env),
never into runtime/go/.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conformance.drivers.go.prepare import go_binary, go_env

RUNTIME = Path(__file__).resolve().parents[1] / "runtime" / "go"


def _go(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=RUNTIME, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **go_env()})


def test_runtime_is_gofmt_clean() -> None:
    done = _go(str(Path(go_binary()).parent / "gofmt"), "-l", ".")
    assert done.returncode == 0 and done.stdout == "", f"not gofmt-clean:\n{done.stdout}{done.stderr}"


def test_runtime_vets_clean() -> None:
    done = _go(go_binary(), "vet", "./...")
    assert done.returncode == 0 and not done.stderr.strip(), done.stdout + done.stderr


def test_runtime_unit_tests_pass() -> None:
    before = sorted(p.name for p in RUNTIME.iterdir())
    done = _go(go_binary(), "test", "-count=1", "./...")
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in RUNTIME.iterdir()) == before, "go test wrote into runtime/go/"
