"""Broken inputs (fixtures/broken/cases.toml): each gets its documented exit code, a message of at most three
lines without a traceback, and leaves the output folder byte-identical. Fetching cases run against real HTTP and
HTTPS servers on 127.0.0.1 (tests/servers.py), which also record what reached them, so a reference the policy
refuses is shown never to have been requested.
"""

from __future__ import annotations

import io
import shutil
import socket
import sys
import tomllib
from pathlib import Path

import pytest

from generator import generate
from generator.cli import main
from generator.config import Options

from .servers import SpecServer, tls_server

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken"
CASES = tomllib.loads((BROKEN / "cases.toml").read_text(encoding="utf-8"))["case"]


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("broken")
    shutil.copytree(BROKEN, root / "broken")
    with SpecServer(root / "broken" / "specs") as http, SpecServer(root / "broken" / "specs") as other, \
            tls_server(root / "broken" / "specs", root / "ca.pem") as https:
        http.redirect_other = other.url
        with socket.socket() as probe:  # a port that was free a moment ago: nothing listens on it
            probe.bind(("127.0.0.1", 0))
            refused = f"http://127.0.0.1:{probe.getsockname()[1]}"
        places = {"{http}": http.url, "{other}": other.url, "{https}": https.url, "{refused}": refused,
                  "{ca}": str(root / "ca.pem"), "{broken}": str(root / "broken"),
                  "{specs}": str(root / "broken" / "specs")}
        for spec in (root / "broken" / "specs").iterdir():
            text = spec.read_bytes()
            for placeholder, value in places.items():
                text = text.replace(placeholder.encode(), value.encode())
            spec.write_bytes(text)
        good = root / "sdk"
        generate(Options(spec=str(BROKEN / "specs" / "ok.yaml"), out=good, languages=("python",)))
        yield {"places": places, "http": http, "other": other, "good": good}


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _make(kind: str, work: Path) -> None:
    if kind == "deep-json":
        (work / "deep.json").write_text('{"openapi": "3.0.3", "x": ' + "[" * 20000 + "]" * 20000 + "}")
    elif kind == "deep-yaml":
        (work / "deep.yaml").write_text("openapi: 3.0.3\nx: " + "[" * 20000 + "]" * 20000 + "\n")
    elif kind == "linked-out":
        (work / "elsewhere").mkdir()
        (work / "elsewhere" / "keep.txt").write_text("not clientgen's")
        (work / "linked").mkdir()
        (work / "linked" / "python").symlink_to(work / "elsewhere")


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_broken_input(case: dict, servers: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                      monkeypatch: pytest.MonkeyPatch) -> None:
    places = dict(servers["places"], **{"{work}": str(tmp_path), "{out}": str(tmp_path / "out")})
    shutil.copytree(servers["good"], tmp_path / "out")
    if "make" in case:
        _make(case["make"], tmp_path)
    before = {name: _tree(path) for name, path in (("out", tmp_path / "out"), ("broken", BROKEN))}
    args = []
    for arg in case["args"]:
        for placeholder, value in places.items():
            arg = arg.replace(placeholder, value)
        args.append(arg)
    if "--config" not in args:
        args += [] if "--out" in args else ["--out", str(tmp_path / "out")]
        args += [] if "--lang" in args else ["--lang", "python"]
    if "stdin" in case:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(Path(case["stdin"].replace(
            "{specs}", places["{specs}"])).read_bytes())))
    for server in (servers["http"], servers["other"]):
        server.requests.clear()
    try:
        code = main(["generate", *args, "-q"])
    except SystemExit as exit_:  # argparse's own exit, after our one-line error
        code = exit_.code
    err = capsys.readouterr().err
    message = err.strip()
    assert code == case["exit"], err
    assert "Traceback" not in err
    assert len(message.splitlines()) <= 3, err
    expected = case["message"]
    for placeholder, value in places.items():
        expected = expected.replace(placeholder, value)
    assert expected in message, err
    assert {name: _tree(path) for name, path in (("out", tmp_path / "out"), ("broken", BROKEN))} == before
    if "unrequested" in case:
        assert servers[case["unrequested"]].requests == []
    if case.get("make") == "linked-out":
        assert _tree(tmp_path / "elsewhere") == {"keep.txt": b"not clientgen's"}
