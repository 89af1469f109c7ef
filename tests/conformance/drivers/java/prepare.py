"""Builds the Java conformance driver against the generated SDK (Maven once, then javac)."""

from pathlib import Path

from .build import build_driver

HERE = Path(__file__).resolve().parent


def prepare(sdk: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    work.mkdir(parents=True, exist_ok=True)
    return build_driver(sdk, HERE / "Driver.java", work, "Driver")
