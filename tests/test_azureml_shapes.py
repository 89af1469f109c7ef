"""Azure ML's other scoring-script shapes, served for real: the Power BI form (Inputs with a pandas table inside,
GlobalParameters, Results) called through the typed SDK, and a @rawhttp script (its swagger says only
`object`) called through the SDK's raw send()."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import generate
from generator.config import Options

from .scoring import EXPECTED, POWERBI_PY, RAWHTTP_PY, SEED_ROWS, scoring_service

FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
PAYLOAD = bytes(range(256)) * 4


@pytest.fixture(scope="module")
def powerbi_url() -> Iterator[str]:
    with scoring_service(POWERBI_PY) as url:
        yield url


@pytest.fixture(scope="module")
def rawhttp_url() -> Iterator[str]:
    with scoring_service(RAWHTTP_PY) as url:
        yield url


def _python(sdk: Path, program: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(sdk)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_python_sdk_scores_through_the_power_bi_shape(powerbi_url: str, tmp_path: Path) -> None:
    generate(Options(spec=f"{powerbi_url}/swagger.json", out=tmp_path, languages=("python",),
                     package_name="powerbi-client"))
    program = """
import json, sys
from powerbi_client import Client, ServiceInput, ServiceInputInputs, ServiceInputInputsPatientsItem
rows, features = json.loads(sys.argv[1]), json.loads(sys.argv[2])
patients = [ServiceInputInputsPatientsItem(**dict(zip(features, row))) for row in rows]
with Client() as client:
    out = client.run_ml_service(ServiceInput(inputs=ServiceInputInputs(patients=patients, label='clinic'),
                                             global_parameters=2.0))
print(json.dumps(out.results))
"""
    results = _python(tmp_path / "python", program, json.dumps(SEED_ROWS), json.dumps(FEATURES))
    assert [round(x / 2, 2) for x in results] == EXPECTED


def test_python_sdk_posts_raw_bytes_through_send(rawhttp_url: str, tmp_path: Path) -> None:
    generate(Options(spec=f"{rawhttp_url}/swagger.json", out=tmp_path, languages=("python",),
                     package_name="raw-client"))
    program = """
import json, sys
from raw_client import Client
with Client(credential='key-123') as client:
    response = client.send('POST', '/score', body=bytes(range(256)) * 4,
                           headers={'Content-Type': 'application/octet-stream'})
print(json.dumps(response.json()))
"""
    answer = _python(tmp_path / "python", program)
    assert answer == {"size": len(PAYLOAD), "sha256": hashlib.sha256(PAYLOAD).hexdigest(),
                      "content_type": "application/octet-stream"}
