"""Builds the Go shapes driver against the generated SDK, with the shared Go build helper.

The two SDKs differ (only powerbi-client has the typed models), so each mode has its own main.go and only the one
for the SDK given is built: raw-client's module gets rawhttp/main.go, any other powerbi/main.go.
"""

from __future__ import annotations

from pathlib import Path

from ...conformance.drivers.go.prepare import build, module_path

HERE = Path(__file__).resolve().parent


def prepare(sdk: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    mode = "rawhttp" if module_path(sdk).endswith("/raw-client") else "powerbi"
    return [str(build(sdk, work, HERE / mode / "main.go"))], {}
