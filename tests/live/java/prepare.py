"""Builds the Java live driver against the SDK generated from the scoring service (Maven once, then javac)."""

from pathlib import Path

from ...conformance.drivers.java.build import build_driver

HERE = Path(__file__).resolve().parent


def prepare(sdk: Path, work: Path) -> tuple[list[str], dict[str, str]]:
    work.mkdir(parents=True, exist_ok=True)
    return build_driver(sdk, HERE / "LiveDriver.java", work, "LiveDriver")
