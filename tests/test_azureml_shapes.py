"""Azure ML's other scoring-script shapes, served for real, called through every language's SDK: the Power BI
form (Inputs with a pandas table inside, GlobalParameters, Results) through typed models, and a @rawhttp script
(its swagger says only `object`) through the SDK's raw send. Drivers: tests/shapes/<language>/."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import generate
from generator.config import Options

from .scoring import EXPECTED, POWERBI_PY, RAWHTTP_PY, SEED_ROWS, scoring_service
from .shapes import SHAPE_DRIVERS

PAYLOAD = bytes(range(256)) * 4


@pytest.fixture(scope="module")
def powerbi_url() -> Iterator[str]:
    with scoring_service(POWERBI_PY) as url:
        yield url


@pytest.fixture(scope="module")
def rawhttp_url() -> Iterator[str]:
    with scoring_service(RAWHTTP_PY) as url:
        yield url


def run_shape(language: str, mode: str, url: str, package: str, tmp_path: Path) -> dict:
    generate(Options(spec=f"{url}/swagger.json", out=tmp_path, languages=(language,), package_name=package))
    command, env = SHAPE_DRIVERS[language](tmp_path / language, tmp_path / "work")
    done = subprocess.run(command + [mode, url, json.dumps(SEED_ROWS)], capture_output=True, text=True,
                          timeout=600, env={**os.environ, **env})
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("language", sorted(SHAPE_DRIVERS))
def test_sdk_scores_through_the_power_bi_shape(language: str, powerbi_url: str, tmp_path: Path) -> None:
    result = run_shape(language, "powerbi", powerbi_url, "powerbi-client", tmp_path)
    assert [round(x / 2, 2) for x in result["results"]] == EXPECTED


@pytest.mark.parametrize("language", sorted(SHAPE_DRIVERS))
def test_sdk_posts_raw_bytes_through_send(language: str, rawhttp_url: str, tmp_path: Path) -> None:
    result = run_shape(language, "rawhttp", rawhttp_url, "raw-client", tmp_path)
    assert result == {"size": len(PAYLOAD), "sha256": hashlib.sha256(PAYLOAD).hexdigest(),
                      "content_type": "application/octet-stream"}
