"""Builds the C# shapes driver against the generated SDK and runs it with mono.

The two SDKs have different namespaces (PowerbiClient, RawClient), so each mode has its own source; the SDK's
project file (<Namespace>.csproj) tells which one to compile.
"""

from __future__ import annotations

from pathlib import Path

from ...conformance.drivers.csharp.build import build_driver

HERE = Path(__file__).resolve().parent
SOURCES = {"PowerbiClient.csproj": HERE / "PowerBi.cs", "RawClient.csproj": HERE / "RawHttp.cs"}


def prepare(sdk: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    for project, source in SOURCES.items():
        if (sdk / project).is_file():
            return build_driver(sdk, source, work)
    raise FileNotFoundError(f"{sdk} holds neither {' nor '.join(SOURCES)}: not a shapes SDK")
