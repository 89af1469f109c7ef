"""`make demo`: start the bundled real scoring service, generate the SDKs from its live swagger_uri into ./out/,
and call the service through each of them, printing the predictions for the seed's two rows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.live import LIVE_DRIVERS  # noqa: E402
from tests.scoring import SEED_ROWS, scoring_service  # noqa: E402


def main() -> int:
    out = ROOT / "out"
    print("starting the scoring service (azureml-inference-server-http, Ridge on the diabetes data) ...")
    with scoring_service() as url:
        swagger_uri = f"{url}/swagger.json"
        print(f"scoring_uri {url}/score\nswagger_uri {swagger_uri}\n")
        languages = sorted(LIVE_DRIVERS)
        command = [sys.executable, "-m", "generator", "generate", swagger_uri, "--out", str(out),
                   "--package-name", "azml-client"] + [arg for lang in languages for arg in ("--lang", lang)]
        print("$ clientgen " + " ".join(command[3:]))
        subprocess.run(command, check=True)
        failures = 0
        for language in languages:
            runner, env = LIVE_DRIVERS[language](out / language, Path(tempfile.mkdtemp(prefix=f"demo-{language}-")))
            done = subprocess.run(runner + [json.dumps(SEED_ROWS), url], capture_output=True, text=True,
                                  env={**os.environ, **env})
            if done.returncode != 0:
                failures += 1
                print(f"{language:>7}: FAILED\n{done.stdout}{done.stderr}")
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{language:>7}: health={result['health']!r} predictions={result['scores']} "
                  f"bad request -> {result['error'][0]} {result['error'][2]}")
    print(f"\nthe generated SDKs are in {out}/")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
