"""Every language's generated client against the scenarios of CLIENT-CONTRACT.md, on real HTTP servers.

Per language: generate the SDK for fixtures/specs/conformance.yaml, build its driver once, start one recording
server per scenario, run the driver over all of them, then check each scenario's outcome and requests, and
check that the requests equal the ones the Python client sent.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path

import pytest

from generator import generate
from generator.config import Options, read_config_file

from .drivers import DRIVERS
from .scenarios import SCENARIOS, subset_mismatch
from .server import RecordingServer

SPEC = Path(__file__).resolve().parents[2] / "fixtures" / "specs" / "conformance.yaml"
CONFIG = SPEC.with_name("conformance.clientgen.toml")  # its [pagination] rules
_RUNS: dict[str, dict] = {}


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def conformance_run(language: str, tmp_root: Path) -> dict:
    """{scenario: (outcome, recorded requests)} for one language, computed once per session."""
    if language in _RUNS:
        return _RUNS[language]
    out = tmp_root / f"conformance-{language}"
    generate(Options(spec=str(SPEC), out=out, languages=(language,), package_name="conformance-client",
                     pagination=read_config_file(CONFIG)["pagination"]))
    command, env = DRIVERS[language](out / language, tmp_root / f"driver-{language}")
    servers = {s.name: RecordingServer(s.replies) for s in SCENARIOS if s.replies}
    try:
        args = [f"{s.name}={servers[s.name].url if s.name in servers else _closed_port_url()}" for s in SCENARIOS]
        done = subprocess.run(command + args, capture_output=True, text=True, timeout=300,
                              env={**os.environ, **env})
        lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        outcomes = {line["scenario"]: line for line in lines}
        assert outcomes, f"the {language} driver printed nothing:\n{done.stdout}\n{done.stderr}"
        _RUNS[language] = {s.name: (outcomes.get(s.name), servers[s.name].requests if s.name in servers else [],
                                    done.stderr) for s in SCENARIOS}
    finally:
        for server in servers.values():
            server.close()
    return _RUNS[language]


@pytest.fixture(scope="session")
def tmp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("conformance")


@pytest.mark.parametrize("language", sorted(DRIVERS))
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario(language: str, scenario, tmp_root: Path) -> None:
    outcome, requests, stderr = conformance_run(language, tmp_root)[scenario.name]
    assert outcome is not None, f"{language} driver gave no line for {scenario.name}:\n{stderr[-3000:]}"
    mismatch = subset_mismatch(scenario.outcome, outcome, "outcome")
    assert mismatch is None, f"{mismatch}\nfull line: {outcome}"
    assert len(requests) == len(scenario.requests), [r.canonical() for r in requests]
    for index, (want, got) in enumerate(zip(scenario.requests, requests)):
        mismatch = subset_mismatch(want, got.canonical(), f"request[{index}]")
        assert mismatch is None, mismatch
    if scenario.check:
        scenario.check(requests, outcome)


OTHER_LANGUAGES = sorted(set(DRIVERS) - {"python"})


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_same_requests_as_python(language: str, scenario, tmp_root: Path) -> None:
    _, reference, _ = conformance_run("python", tmp_root)[scenario.name]
    _, requests, _ = conformance_run(language, tmp_root)[scenario.name]
    assert ([r.canonical() for r in scenario.sdk_requests(requests)]
            == [r.canonical() for r in scenario.sdk_requests(reference)])


if not OTHER_LANGUAGES:  # collected once a second language has a driver; until then there is nothing to compare
    del test_same_requests_as_python
