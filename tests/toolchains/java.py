"""Java: every source of the SDK compiles with javac --release 11 -Xlint:all -Werror (the flags of the SDK's pom).

Maven is slow to start, so it runs once: it resolves the SDK's dependencies (Jackson) into a classpath, cached
per Jackson version in ~/.cache/clientgen/; after that each SDK is one plain javac run against that classpath.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from generator.targets.java import JACKSON_VERSION

CACHE = Path.home() / ".cache" / "clientgen"
JAVAC_FLAGS = ["-encoding", "UTF-8", "-Xlint:all", "-Werror", "--release", "11", "-proc:none"]
_CLASSPATH: list[str] = []


def dependency_classpath(sdk: Path) -> str:
    """The jars the SDK depends on, resolved by Maven from the SDK's pom.xml on first use, then cached."""
    if _CLASSPATH:
        return _CLASSPATH[0]
    cached = CACHE / f"java-classpath-jackson-{JACKSON_VERSION}.txt"
    if cached.is_file():
        text = cached.read_text().strip()
        if text and all(Path(jar).is_file() for jar in text.split(os.pathsep)):
            _CLASSPATH.append(text)
            return text
    mvn = shutil.which("mvn")
    assert mvn is not None, "mvn is not installed: run `make java-deps`"
    CACHE.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([mvn, "-q", "-B", "dependency:build-classpath", f"-Dmdep.outputFile={cached}"],
                          cwd=sdk, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"mvn dependency:build-classpath failed:\n{done.stdout[-5000:]}{done.stderr[-3000:]}"
    _CLASSPATH.append(cached.read_text().strip())
    return _CLASSPATH[0]


def javac(sources: list[Path], classes: Path, classpath: str, cwd: Path) -> None:
    """Compiles sources into `classes`, warnings as errors; AssertionError with javac's output on failure."""
    classes.mkdir(parents=True, exist_ok=True)
    listing = cwd / "sources.txt"
    listing.write_text("\n".join(f'"{s.resolve().as_posix()}"' for s in sources) + "\n", encoding="utf-8")
    done = subprocess.run(["javac", *JAVAC_FLAGS, "-d", str(classes), "-cp", classpath, f"@{listing}"],
                          cwd=cwd, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, (done.stdout + done.stderr)[-8000:] or "javac failed"


def check(sdk: Path, work: Path) -> None:
    sources = sorted((sdk / "src" / "main" / "java").rglob("*.java"))
    assert sources, f"no Java sources in {sdk}"
    work.mkdir(parents=True, exist_ok=True)
    javac(sources, work / "classes", dependency_classpath(sdk), work)
