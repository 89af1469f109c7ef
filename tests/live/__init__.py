"""Live drivers, one folder per language (<language>/prepare.py + the driver's source); see tests/plugins.py.

A live driver calls the real scoring service through the SDK generated from that service's swagger_uri
(package name azml-client). It is run with the arguments ROWS_JSON BASE_URL and prints, as its last line, one
JSON object with the keys base_url (the client's *default* base URL: built without passing one), health, scores
and error ([status code, message, the parsed error model's type name]). `make demo` and tests/test_live.py use them.
"""

from pathlib import Path

from ..plugins import discover

LIVE_DRIVERS = discover(__name__, Path(__file__).resolve().parent)
