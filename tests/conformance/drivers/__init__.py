"""Conformance drivers, one folder per language (<language>/prepare.py + the driver's source); see tests/plugins.py."""

from pathlib import Path

from ...plugins import discover

DRIVERS = discover(__name__, Path(__file__).resolve().parent)
