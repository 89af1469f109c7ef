"""Go: the SDK module is gofmt-clean, builds and vets with no output, and its README's example program vets
against it; load() runs a program that imports the SDK. The local toolchain only, no network (GOPROXY=off,
GOTOOLCHAIN=local)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.conformance.drivers.go.prepare import go_binary, go_env, module_path


def _go(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=1200,
                          env={**os.environ, **go_env()})


def _tail(text: str) -> str:
    return text.strip()[-5000:]


def check_module(sdk: Path) -> None:
    """gofmt -l prints nothing; go build and go vet succeed and print nothing (warnings are errors)."""
    gofmt = Path(go_binary()).parent / "gofmt"
    done = _go([str(gofmt), "-l", "."], sdk)
    assert done.returncode == 0 and done.stdout == "", f"not gofmt-clean: {_tail(done.stdout + done.stderr)}"
    for command in (["build", "./..."], ["vet", "./..."]):
        done = _go([go_binary(), *command], sdk)
        assert done.returncode == 0 and not done.stderr.strip(), f"go {command[0]}: {_tail(done.stdout + done.stderr)}"


def _main_module(sdk: Path, work: Path, name: str, source: str) -> None:
    """A main module in `work` whose go.mod requires the SDK's module and replaces it with the SDK's folder."""
    module = module_path(sdk)
    work.mkdir(parents=True, exist_ok=True)
    (work / "main.go").write_text(source.replace("example.com/SDK-MODULE", module), encoding="utf-8")
    (work / "go.mod").write_text(f"module {name}\n\ngo 1.21\n\nrequire {module} v0.0.0\n\n"
                                 f"replace {module} => {sdk.resolve()}\n", encoding="utf-8")


LOAD_PROGRAM = """package main

import (
	"fmt"

	sdk "example.com/SDK-MODULE"
)

func main() {
	fmt.Println("loaded", sdk.SDKVersion)
}
"""


def load(sdk: Path, work: Path) -> str:
    """Builds a main program importing the SDK's package (so every package-level var initialiser and init
    function of it runs before main) and referencing it, runs it in `work` and returns what it printed."""
    _main_module(sdk, work, "load.test/x", LOAD_PROGRAM)
    binary = work / "load"
    done = _go([go_binary(), "build", "-o", str(binary), "."], work)
    assert done.returncode == 0, f"go build of the load program: {_tail(done.stdout + done.stderr)}"
    ran = subprocess.run([str(binary)], cwd=work, capture_output=True, text=True, timeout=300,
                         env={**os.environ, **go_env()})
    output = ran.stdout + ran.stderr
    assert ran.returncode == 0, f"the load program exited with {ran.returncode}: {_tail(output)}"
    return output


def check_readme(sdk: Path, work: Path) -> None:
    """The README's example, as a program of its own, vets against the SDK."""
    readme = (sdk / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```go\n(.*?)```", readme, re.DOTALL)
    assert match, "the README has no Go example"
    _main_module(sdk, work, "readme.test/x", match.group(1))
    done = _go([go_binary(), "vet", "."], work)
    assert done.returncode == 0 and not done.stderr.strip(), f"README example: {_tail(done.stdout + done.stderr)}"


def check(sdk: Path, work: Path) -> None:
    check_module(sdk)
    check_readme(sdk, work / "readme")
