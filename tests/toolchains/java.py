"""Java: every source of the SDK compiles with javac --release 11 -Xlint:all -Werror (clientgen's own strictness:
the SDK's shipped pom.xml has no such flags, so a newer javac's new lint never breaks a user's build); load()
loads every class of it with its static initialiser run.

Maven is slow to start, so it runs once: it resolves the SDK's dependencies (Jackson) into a classpath, cached
per Jackson version in ~/.cache/clientgen/; after that each SDK is one plain javac run against that classpath.
"""

from __future__ import annotations

import os
import re
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


# Loads every class the SDK compiled to (nested and anonymous ones too) with its static initialiser run: a payload
# that became code in a class's initialiser runs here. Names are fully qualified and the loader lives in the
# unnamed package of its own folder, so no class of the SDK can shadow what it uses.
LOADER = """\
public final class ClientgenLoader {
    private ClientgenLoader() {
    }

    public static void main(String[] args) throws java.lang.Exception {
        java.nio.file.Path root = java.nio.file.Paths.get(args[0]);
        java.util.List<java.lang.String> names = new java.util.ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".class")).forEach(file -> {
                java.lang.String relative = root.relativize(file).toString();
                names.add(relative.substring(0, relative.length() - ".class".length())
                        .replace(java.io.File.separatorChar, '.'));
            });
        }
        java.util.Collections.sort(names);
        java.lang.ClassLoader loader = ClientgenLoader.class.getClassLoader();
        int count = 0;
        for (java.lang.String name : names) {
            java.lang.Class.forName(name, true, loader);
            count++;
        }
        java.lang.System.out.println("loaded " + count + " classes");
    }
}
"""


def load(sdk: Path, work: Path) -> str:
    """Compiles the SDK, then runs (with java, in `work`) a program that loads every class of it with its static
    initialiser run; returns what the program printed (stdout and stderr)."""
    check(sdk, work)
    classes = work / "classes"
    classpath = dependency_classpath(sdk)
    loader = work / "loader"
    loader.mkdir(parents=True, exist_ok=True)
    source = loader / "ClientgenLoader.java"
    source.write_text(LOADER, encoding="utf-8")
    javac([source], loader / "classes", classpath, loader)
    run = subprocess.run(["java", "-cp", os.pathsep.join([str(loader / "classes"), str(classes), classpath]),
                          "ClientgenLoader", str(classes.resolve())],
                         capture_output=True, text=True, cwd=work, timeout=300)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-5000:]
    assert re.search(r"^loaded [0-9]+ classes$", run.stdout, re.M), output[-5000:]
    count = len(list(classes.rglob("*.class")))
    assert f"loaded {count} classes" in run.stdout, output[-5000:]
    return output
