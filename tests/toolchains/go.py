"""Go: the SDK module is gofmt-clean, builds and vets with no output, and its README's example programs vet
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
    (work / "go.mod").write_text(f"module {name}\n\ngo 1.23\n\nrequire {module} v0.0.0\n\n"
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


def _imports(program: str) -> list[str]:
    block = re.search(r"^import \((.*?)^\)", program, re.MULTILINE | re.DOTALL)
    return re.findall(r'"([^"]+)"', block.group(1)) if block else re.findall(r'^import "([^"]+)"', program, re.M)


def check_readme(sdk: Path, work: Path) -> None:
    """Each of the README's example programs that needs only the standard library and the SDK (the usage, the
    per-call options, own client, hooks, logging and Azure ML credential one, and, where the spec has them, the
    pages, long-running operations and streams one) vets against the SDK; the Entra ID one imports azidentity,
    which cannot be fetched here."""
    readme = (sdk / "README.md").read_text(encoding="utf-8")
    module = module_path(sdk)
    programs = re.findall(r"```go\n(.*?)```", readme, re.DOTALL)
    local = [p for p in programs if all(path == module or "." not in path.split("/")[0] for path in _imports(p))]
    assert len(local) >= 2, f"the README has {len(local)} Go programs of the standard library and the SDK, want 2"
    for index, program in enumerate(local):
        _main_module(sdk, work / str(index), f"readme.test/x{index}", program)
        done = _go([go_binary(), "vet", "."], work / str(index))
        assert done.returncode == 0 and not done.stderr.strip(), \
            f"README example {index + 1}: {_tail(done.stdout + done.stderr)}"


def check(sdk: Path, work: Path) -> None:
    check_module(sdk)
    check_readme(sdk, work / "readme")
