"""Drivers for Azure ML's other scoring-script shapes, one folder per language (<language>/prepare.py + source);
see tests/plugins.py. A driver is built against an SDK and run as `DRIVER MODE BASE_URL ROWS_JSON`:

- MODE `powerbi` (SDK package name `powerbi-client`, generated from fixtures/scoring/powerbi's live swagger): build
  ServiceInput{Inputs: {patients: one record per row with the ten FEATURES as fields, label: "clinic"},
  GlobalParameters: 2.0}, call the scoring operation with the client's default base URL, and print
  `{"results": [...]}` (the ServiceOutput's Results).
- MODE `rawhttp` (SDK package name `raw-client`, from fixtures/scoring/rawhttp): with credential "key-123" and the
  client's default base URL, use the SDK's raw send to POST the 1024 bytes `bytes(range(256)) * 4` to /score with
  Content-Type application/octet-stream, and print the JSON object the service answered.

FEATURES, in order: age, sex, bmi, bp, s1, s2, s3, s4, s5, s6.
"""

from pathlib import Path

from ..plugins import discover

SHAPE_DRIVERS = discover(__name__, Path(__file__).resolve().parent)
