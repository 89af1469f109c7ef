"""Real-world specs in every language, on every CI run: a subset of the APIs.guru sample (benchmarks/corpus.py runs
all 40), small specs that between them have unions, enums, maps, form bodies and many operations; and every Swagger
2.0 original of ../shared/corpus/swagger2/ as its authors wrote it (Azure's with their x-ms-* extensions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .corpus import generate_and_check, sample, slug, swagger2
from .toolchains import checks

SUBSET = ["dweet.io.json", "crucible.local.json", "nexmo.com/media.json", "configcat.com.json"]


def test_the_subset_is_part_of_the_sample() -> None:
    assert set(SUBSET) <= set(sample())


@pytest.mark.parametrize("language", sorted(checks()))
@pytest.mark.parametrize("spec", SUBSET)
def test_real_spec_compiles(spec: str, language: str, tmp_path: Path) -> None:
    ok, message, _ = generate_and_check(spec, language, tmp_path / slug(spec))
    assert ok, message


def test_the_swagger2_originals_are_there() -> None:
    assert len(swagger2()) >= 16, "the corpus is read from ../shared/corpus/swagger2/"


@pytest.mark.parametrize("language", sorted(checks()))
@pytest.mark.parametrize("spec", swagger2(), ids=slug)
def test_swagger2_original_compiles(spec: str, language: str, tmp_path: Path) -> None:
    ok, message, _ = generate_and_check(spec, language, tmp_path / slug(spec))
    assert ok, message
