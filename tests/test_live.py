"""Each language's SDK, generated from the real scoring service's live swagger_uri (Swagger 2.0 and OpenAPI 3.0),
built, and run against that service: health check, the seed's two rows, and a bad request as a typed error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SPECS, generated_from_live
from .live import LIVE_DRIVERS
from .scoring import EXPECTED, SEED_ROWS
from .toolchains.python import assert_formatted


def run_live_driver(language: str, sdk: Path, work: Path, url: str) -> dict:
    command, env = LIVE_DRIVERS[language](sdk, work)
    done = subprocess.run(command + [json.dumps(SEED_ROWS), url], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("language", sorted(LIVE_DRIVERS))
def test_sdk_calls_the_real_service(language: str, scoring_url: str, live_spec_version: str,
                                    session_tmp: Path) -> None:
    sdk = generated_from_live(scoring_url, live_spec_version, language, session_tmp)
    result = run_live_driver(language, sdk, session_tmp / f"work-{language}-{live_spec_version}", scoring_url)
    assert result["base_url"].rstrip("/") == scoring_url  # no base URL in the spec: where it was fetched from
    assert result["health"] == "Healthy"  # served as text/html although the spec says JSON
    assert [round(x, 2) for x in result["scores"]] == EXPECTED
    status, message, model = result["error"]
    assert status == 500
    assert "unexpected error occurred in scoring script" in message
    assert model == "ErrorResponse"


def test_python_async_client_scores_too(scoring_url: str, session_tmp: Path) -> None:
    sdk = generated_from_live(scoring_url, "3", "python", session_tmp)
    result = run_live_driver("python", sdk, session_tmp, scoring_url)
    assert result["async_scores"] == result["scores"]


@pytest.mark.parametrize("source", ["live", "seed"])
def test_python_sdk_is_mypy_strict_and_formatted(source: str, scoring_url: str, session_tmp: Path) -> None:
    from generator import generate
    from generator.config import Options

    if source == "live":
        sdk = generated_from_live(scoring_url, "2", "python", session_tmp)
    else:
        out = session_tmp / "seed"
        generate(Options(spec=str(SPECS / "azureml-seed.swagger.json"), out=out, languages=("python",),
                         package_name="azml-client"))
        sdk = out / "python"
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "azml_client"], cwd=sdk,
                          capture_output=True, text=True, timeout=300)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    assert_formatted(sdk / "azml_client")


def test_python_readme_example_runs_against_the_service(scoring_url: str, session_tmp: Path) -> None:
    sdk = generated_from_live(scoring_url, "2", "python", session_tmp)
    readme = (sdk / "README.md").read_text()
    example = readme.split("```python\n", 1)[1].split("```", 1)[0]
    done = subprocess.run([sys.executable, "-c", example], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(sdk)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Healthy"
