"""Builds the Go conformance driver against the generated SDK (a `replace` directive points at it).

`build(sdk, work, source)` is shared with the live driver (tests/live/go/prepare.py): it writes a main module
in `work` whose go.mod requires the SDK's module and replaces it with the SDK's folder, builds it once with the
local toolchain (no network: GOPROXY=off, GOTOOLCHAIN=local) and returns the binary's path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def go_binary() -> str:
    for candidate in (shutil.which("go"), "/usr/local/go/bin/go", "/usr/lib/go/bin/go"):
        if candidate and Path(candidate).is_file():
            return candidate
    raise RuntimeError("no Go toolchain found: run `make go-deps` (or install Debian's golang-go)")


def go_env() -> dict[str, str]:
    """The environment every go command of the tests runs with: module mode, no workspace, no network."""
    cache_root = Path(tempfile.gettempdir()) / "clientgen-go"
    env = {"GOFLAGS": "-mod=mod", "GOWORK": "off", "GOPROXY": "off", "GOTOOLCHAIN": "local", "CGO_ENABLED": "0"}
    env["GOCACHE"] = os.environ.get("GOCACHE") or str(cache_root / "cache")
    env["GOPATH"] = os.environ.get("GOPATH") or str(cache_root / "path")
    return env


def module_path(sdk: Path) -> str:
    match = re.search(r"^module\s+(\S+)", (sdk / "go.mod").read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        raise RuntimeError(f"{sdk / 'go.mod'} names no module")
    return match.group(1)


def build(sdk: Path, work: Path, source: Path) -> Path:
    """Build the driver in `source` (a main.go importing the SDK as `sdk`) against the SDK in `sdk`."""
    work.mkdir(parents=True, exist_ok=True)
    module = module_path(sdk)
    main = source.read_text(encoding="utf-8").replace("example.com/SDK-MODULE", module)
    (work / "main.go").write_text(main, encoding="utf-8")
    (work / "go.mod").write_text(
        f"module clientgen.test/driver\n\ngo 1.23\n\nrequire {module} v0.0.0\n\nreplace {module} => {sdk.resolve()}\n",
        encoding="utf-8")
    binary = work / "driver"
    done = subprocess.run([go_binary(), "build", "-o", str(binary), "."], cwd=work, capture_output=True,
                          text=True, timeout=600, env={**os.environ, **go_env()})
    if done.returncode != 0:
        raise RuntimeError(f"go build of the driver failed:\n{done.stdout}\n{done.stderr}")
    return binary


def prepare(sdk: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    return [str(build(sdk, work, HERE / "driver" / "main.go"))], {}
