"""Builds the C# conformance driver (Driver.cs) against the generated SDK with Mono's mcs; runs it with mono."""

from __future__ import annotations

from pathlib import Path

from .build import build_driver

HERE = Path(__file__).resolve().parent


def prepare(sdk: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    return build_driver(sdk, HERE / "Driver.cs", work)
