"""Shared fixtures: the real scoring service, SDKs generated from its live swagger_uri (2.0 and 3.0), and an HTTP
cache of clientgen's own per test session (so no test reads or writes ~/.cache/clientgen/http)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import generate
from generator.config import Options

from .scoring import scoring_service

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "fixtures" / "specs"


@pytest.fixture(scope="session", autouse=True)
def _own_http_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLIENTGEN_CACHE_DIR", str(tmp_path_factory.mktemp("http-cache")))
        yield


@pytest.fixture(scope="session")
def scoring_url() -> Iterator[str]:
    with scoring_service() as url:
        yield url


@pytest.fixture(scope="session", params=["2", "3"], ids=["swagger2", "openapi3"])
def live_spec_version(request: pytest.FixtureRequest) -> str:
    return request.param


_GENERATED: dict[tuple[str, str], Path] = {}


def generated_from_live(scoring_url: str, version: str, language: str, tmp_root: Path) -> Path:
    """OUT/<language> generated from the live service's swagger.json?version=<version>, once per session."""
    key = (version, language)
    if key not in _GENERATED:
        out = tmp_root / f"live-v{version}"
        generate(Options(spec=f"{scoring_url}/swagger.json?version={version}", out=out, languages=(language,),
                         package_name="azml-client"))
        _GENERATED[key] = out / language
    return _GENERATED[key]


@pytest.fixture(scope="session")
def session_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sdks")
