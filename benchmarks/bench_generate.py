"""Generation speed, as ratios measured in one process (this machine is shared and noisy: read ratios, not seconds).

- no-op / full: a second run over an up-to-date output folder, against the first run that wrote it.
- big / seed per operation: a synthetic spec with N operations and N models, per operation, against the seed spec.
Run: .venv/bin/python benchmarks/bench_generate.py [N] [LANG ...]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import generate  # noqa: E402
from generator.config import Options  # noqa: E402


def synthetic_spec(n: int) -> dict:
    schemas = {
        f"Model{i}": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "integer", "format": "int64"},
                "name": {"type": "string", "description": f"Name number {i}."},
                "created": {"type": "string", "format": "date-time"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "next": {"$ref": f"#/components/schemas/Model{(i + 1) % n}"},
            },
        }
        for i in range(n)
    }
    paths = {
        f"/things{i}/{{thingId}}": {
            "get": {
                "operationId": f"getThing{i}",
                "parameters": [{"name": "thingId", "in": "path", "required": True, "schema": {"type": "string"}},
                               {"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/Model{i}"}}}}},
            }
        }
        for i in range(n)
    }
    return {"openapi": "3.0.3", "info": {"title": "Big", "version": "1"}, "paths": paths,
            "components": {"schemas": schemas}}


def timed(options: Options) -> float:
    start = time.perf_counter()
    generate(options)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    languages = tuple(sys.argv[2:]) or ("python",)
    work = Path(tempfile.mkdtemp(prefix="clientgen-bench-"))
    seed = str(ROOT / "fixtures" / "specs" / "azureml-seed.swagger.json")
    big = work / "big.json"
    big.write_text(json.dumps(synthetic_spec(n)))
    timed(Options(spec=seed, out=work / "warm", languages=languages))  # imports, template compilation
    seed_full = timed(Options(spec=seed, out=work / "seed", languages=languages))
    big_full = timed(Options(spec=str(big), out=work / "big", languages=languages))
    big_noop = timed(Options(spec=str(big), out=work / "big", languages=languages))
    big_check = timed(Options(spec=str(big), out=work / "big", languages=languages, check=True))
    print(f"languages: {', '.join(languages)}; synthetic spec: {n} operations, {n} models")
    print(f"no-op rerun / full run (big):        {big_noop / big_full:.3f}")
    print(f"--check / full run (big):            {big_check / big_full:.3f}")
    print(f"big / seed, per operation:           {(big_full / n) / (seed_full / 2):.2f}")
    print(f"big / seed, whole run:               {big_full / seed_full:.1f}")


if __name__ == "__main__":
    main()
