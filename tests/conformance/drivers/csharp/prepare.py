"""Builds the C# conformance driver (Driver.cs) against the generated SDK with Mono's mcs; runs it with mono.

The driver runs in a time zone that is not UTC (+05:30), so that no date-time rule can pass by relying on the
machine's local time being UTC.
"""

from __future__ import annotations

from pathlib import Path

from .build import build_driver

HERE = Path(__file__).resolve().parent


def prepare(sdk: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    command, env = build_driver(sdk, HERE / "Driver.cs", work)
    return command, {**env, "TZ": "Asia/Kolkata"}
