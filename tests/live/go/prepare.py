"""Builds the Go live driver against the SDK generated from the scoring service's swagger_uri (azml-client)."""

from __future__ import annotations

from pathlib import Path

from ...conformance.drivers.go.prepare import build

HERE = Path(__file__).resolve().parent


def prepare(sdk: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    return [str(build(sdk, work, HERE / "driver" / "main.go"))], {}
