"""Where clientgen's bundled data lives: templates/ and runtime/ beside generator/ in a source checkout, inside
generator/ in an installed wheel. Its own module so that a run which renders nothing need not import the renderer."""

from __future__ import annotations

from pathlib import Path


def _data_root(name: str) -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"clientgen's {name} folder is missing from this installation")


def templates_root() -> Path:
    return _data_root("templates")


def runtimes_root() -> Path:
    return _data_root("runtime")
