"""Builds a generated Java SDK with Maven (once per SDK folder) and a driver against it with javac.

Shared by the conformance and live drivers: one Maven run per SDK (package + the dependency classpath, so the
generated pom.xml is exercised too), then plain javac for the driver, so Maven's start-up is paid once. The
fixture compile tests and the real-world corpus use tests/toolchains/java.py (javac only) instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

_BUILT: dict[Path, str] = {}


def _run(command: list[str], cwd: Path, timeout: int = 600) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{done.stdout[-6000:]}\n{done.stderr[-6000:]}")


def maven() -> list[str]:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise RuntimeError("mvn is not installed: run `make java-deps`")
    return [mvn, "-q", "-B"]


def build_sdk(sdk: Path) -> str:
    """`mvn package` in the SDK folder (compiler: -Xlint:all -Werror); returns the classpath: jar + dependencies."""
    sdk = sdk.resolve()
    if sdk not in _BUILT:
        classpath_file = sdk / "target" / "classpath.txt"
        _run(maven() + ["package", "dependency:build-classpath", f"-Dmdep.outputFile={classpath_file}"], sdk)
        jars = sorted((sdk / "target").glob("*.jar"))
        if not jars:
            raise RuntimeError(f"mvn package made no jar in {sdk / 'target'}")
        _BUILT[sdk] = os.pathsep.join([str(jars[0]), classpath_file.read_text().strip()])
    return _BUILT[sdk]


def build_driver(sdk: Path, source: Path, work: Path, main_class: str) -> tuple[list[str], dict[str, str]]:
    """Compiles one driver source against the SDK; returns the command that runs it."""
    classpath = build_sdk(sdk)
    classes = work / "classes"
    classes.mkdir(parents=True, exist_ok=True)
    _run(["javac", "-encoding", "UTF-8", "-Xlint:all", "-Werror", "--release", "11", "-d", str(classes),
          "-cp", classpath, str(source)], work)
    return ["java", "-cp", os.pathsep.join([str(classes), classpath]), main_class], {}
