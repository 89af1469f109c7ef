"""The real scoring service (azureml-inference-server-http + fixtures/scoring/score.py) on 127.0.0.1.

It runs from its own virtual environment (`.venv-scoring`, made by `make scoring-env`; another interpreter can
be named in CLIENTGEN_SCORING_PYTHON) through gunicorn bound to 127.0.0.1 on a free port, as Azure ML's
`azmlinfsrv` would run it, minus the 0.0.0.0 bind.
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORE_PY = ROOT / "fixtures" / "scoring" / "score.py"
POWERBI_PY = ROOT / "fixtures" / "scoring" / "powerbi" / "score.py"  # Inputs / GlobalParameters -> Results
RAWHTTP_PY = ROOT / "fixtures" / "scoring" / "rawhttp" / "score.py"  # @rawhttp: reads the body itself
# The seed document's two rows of ten diabetes features; this model answers about [217.90, 226.06].
SEED_ROWS = [
    [0.0199132141783263, 0.0506801187398187, 0.104808689473925, 0.0700725447072635, -0.0359677812752396,
     -0.0266789028311707, -0.0249926566315915, -0.00259226199818282, 0.00371173823343597, 0.0403433716478807],
    [-0.0127796318808497, -0.044641636506989, 0.0606183944448076, 0.0528581912385822, 0.0479653430750293,
     0.0293746718291555, -0.0176293810234174, 0.0343088588777263, 0.0702112981933102, 0.00720651632920303],
]
EXPECTED = [217.90, 226.06]


def scoring_python() -> str:
    return os.environ.get("CLIENTGEN_SCORING_PYTHON", str(ROOT / ".venv-scoring" / "bin" / "python"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def scoring_service(script: Path = SCORE_PY, log: Path | None = None) -> Iterator[str]:
    """Start the service running `script`; yield its base URL (http://127.0.0.1:PORT); stop it on exit."""
    port = _free_port()
    model_dir = tempfile.mkdtemp(prefix="scoring-model-")
    env = {**os.environ, "AZUREML_ENTRY_SCRIPT": str(script), "AZUREML_MODEL_DIR": model_dir}
    log_file = open(log or Path(model_dir) / "server.log", "wb")
    process = subprocess.Popen(
        [scoring_python(), "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "1", "--timeout", "300",
         "azureml_inference_server_http.server.entry:app"],
        env=env, stdout=log_file, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the scoring service exited ({process.returncode}); see {log_file.name}")
            try:
                with urllib.request.urlopen(url + "/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the scoring service did not start in 120 s; see {log_file.name}")
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log_file.close()
