"""The Java runtime (runtime/java/), on its own: compiled as every SDK is (javac --release 11, -Xlint:all -Werror),
and its JUnit 5 tests pass under Maven (`mvn test`).

The runtime is real Java source that the generator copies into every SDK with only its package renamed; its tests
(retry decisions, Retry-After, parameter encoding, header merging, per-call options, hooks, the caller's own
HttpClient, log lines and redaction, the Azure ML credential's refresh rule and its command form with real
processes, cancellation, the source format) run against a real HTTP server on 127.0.0.1. Maven's build directory
is a temporary folder (-Dclientgen.build), never runtime/java/.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.targets.java import JACKSON_VERSION

RUNTIME = Path(__file__).resolve().parents[1] / "runtime" / "java"
needs_maven = pytest.mark.skipif(shutil.which("mvn") is None or shutil.which("javac") is None,
                                 reason="needs javac and mvn: make java-deps")


@needs_maven
def test_runtime_unit_tests_pass(tmp_path: Path) -> None:
    before = sorted(p.name for p in RUNTIME.iterdir())
    done = subprocess.run(["mvn", "-q", "-B", f"-Dclientgen.build={tmp_path / 'build'}", "test"], cwd=RUNTIME,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (done.stdout + done.stderr)[-12000:]
    reports = list((tmp_path / "build" / "surefire-reports").glob("TEST-*.xml"))
    ran = sum(int(re.search(r'tests="(\d+)"', r.read_text(encoding="utf-8")).group(1)) for r in reports)
    assert ran >= 20, f"only {ran} runtime tests ran"
    assert sorted(p.name for p in RUNTIME.iterdir()) == before, "mvn test wrote into runtime/java/"


def test_runtime_builds_against_the_jackson_the_sdks_use() -> None:
    pom = (RUNTIME / "pom.xml").read_text(encoding="utf-8")
    assert f"<jackson.version>{JACKSON_VERSION}</jackson.version>" in pom
