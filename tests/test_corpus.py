"""A subset of the real-world sample in every language, on every CI run (benchmarks/corpus.py runs all 40):
small specs that between them have unions, enums, maps, form bodies and many operations."""

from __future__ import annotations

from pathlib import Path

import pytest

from .corpus import generate_and_check, sample, slug
from .toolchains import checks

SUBSET = ["dweet.io.json", "crucible.local.json", "nexmo.com/media.json", "configcat.com.json"]


def test_the_subset_is_part_of_the_sample() -> None:
    assert set(SUBSET) <= set(sample())


@pytest.mark.parametrize("language", sorted(checks()))
@pytest.mark.parametrize("spec", SUBSET)
def test_real_spec_compiles(spec: str, language: str, tmp_path: Path) -> None:
    ok, message, _ = generate_and_check(spec, language, tmp_path / slug(spec))
    assert ok, message
