"""Builds the C# live driver (Driver.cs) against the SDK generated from the service's swagger_uri; runs it with mono."""

from __future__ import annotations

from pathlib import Path

from ...conformance.drivers.csharp.build import build_driver

HERE = Path(__file__).resolve().parent


def prepare(sdk: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    return build_driver(sdk, HERE / "Driver.cs", work)
