"""Builds the Java shapes driver against the generated SDK: one javac run over the SDK's sources and the driver,
against the dependency classpath cached by tests/toolchains/java.py (Maven runs only if that cache is cold).

The two SDKs have different packages (com.example.powerbiclient, com.example.rawclient), so each mode has its own
source; the package folder in the SDK tells which one to compile.
"""

from __future__ import annotations

import os
from pathlib import Path

from ...toolchains.java import dependency_classpath, javac

HERE = Path(__file__).resolve().parent
SOURCES = {"powerbiclient": "PowerBi", "rawclient": "RawHttp"}


def prepare(sdk: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    root = sdk / "src" / "main" / "java"
    for package, main_class in SOURCES.items():
        if (root / "com" / "example" / package).is_dir():
            work.mkdir(parents=True, exist_ok=True)
            classpath = dependency_classpath(sdk)
            classes = work / "classes"
            javac(sorted(root.rglob("*.java")) + [HERE / f"{main_class}.java"], classes, classpath, work)
            return ["java", "-cp", os.pathsep.join([str(classes), classpath]), main_class], {}
    raise FileNotFoundError(f"{sdk} holds neither com.example.{' nor com.example.'.join(SOURCES)}: not a shapes SDK")
