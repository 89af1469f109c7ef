"""Hostile specs (tests/hostile/specs.py): every payload and name at every place, generated in all four languages.

Each SDK must compile under its language's strict checks (tests/toolchains/<language>.py: check), and every module
and class of it must load with its static initialisers run (load); the marker file that any payload creates when it
escapes into code never appears, no process exits early, and nothing is written outside the output folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import generate
from generator.config import LANGUAGES, Options

from .hostile.specs import MARKER, all_specs, write
from .toolchains import checks, loaders

SPECS = {spec.name: spec for spec in all_specs()}


def test_the_hostile_specs_hold_at_least_a_hundred_cases() -> None:
    cases = [case for spec in SPECS.values() for case in spec.cases]
    assert len(set(cases)) >= 100
    places = {place for place, _ in cases}
    for place in ("title", "description", "enum value", "default", "path", "server url", "model name",
                  "property name", "tag", "media type", "security scheme parameter name", "discriminator"):
        assert any(place in p for p in places), place


def _tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", sorted(SPECS))
def test_hostile_spec_compiles_loads_and_runs_no_payload(name: str, language: str, tmp_path: Path) -> None:
    spec = write(SPECS[name], tmp_path / "spec")
    out = tmp_path / "out"
    before = _tree(tmp_path)
    generate(Options(spec=str(spec), out=out, languages=(language,)))
    written = _tree(tmp_path) - before
    assert all(path == "out" or path.startswith("out/") for path in written), sorted(written)[:5]
    sdk = out / language
    for path in sdk.rglob("*"):
        assert not path.is_symlink() and path.resolve().is_relative_to(sdk.resolve()), path
    checks()[language](sdk, tmp_path / "work" / "check")
    output = loaders()[language](sdk, tmp_path / "work" / "load")
    assert MARKER not in output
    planted = [p for p in tmp_path.rglob(MARKER)] + [Path(p) for p in os.listdir(".") if p == MARKER]
    assert not planted, planted
