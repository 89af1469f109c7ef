"""What a generated SDK adds on the wire: calls/s and CPU per call through the SDK against its HTTP library by hand.

It starts the real scoring service (tests/scoring.py: azureml-inference-server-http with the scikit-learn model,
from .venv-scoring), generates the SDKs from its swagger_uri into a temporary folder, compiles one program per
language once, and then, per language, runs that program's variants in rounds, interleaved (the order alternates
from one round to the next, so the drift of this noisy shared machine hits every variant alike). Each run makes
sequential 2-row `POST /score` calls (the seed's two rows) for a warm-up period, then for a fixed time, and
reports its calls and its own process CPU time over that time. The variants:

- sdk: the generated client (Python `Client.run_ml_service`, Go `Client.RunMLService`, Java's blocking
  `Client.runMLService`, C# `Client.RunMLServiceAsync`);
- by hand: that language's HTTP library called directly with the same request, one client for the run (Python
  httpx.Client, Go net/http, Java java.net.http.HttpClient.send with Jackson, C# HttpClient with Newtonsoft.Json);
- Python only, requests.post: the seed's example, `requests.post(scoring_uri, input_data, headers=headers)` per
  call (run with .venv-scoring's interpreter, which has requests).

The Go, Java and C# programs are tests/live/<language>/ (go/wire/main.go, WireBench.java, WireBench.cs), built the
way the live drivers are; the Python ones are this module itself (`--program MODE BASE_URL SECONDS WARMUP ROWS`).

Run: .venv/bin/python benchmarks/bench_wire.py [--rounds 3] [--seconds 5] [--warmup 1] [--lang go --lang java ...]
It prints, per language, a table of calls/s (the median of the rounds) and CPU ms per call (the median of the
rounds) for each variant, then the ratios sdk / by hand (and, for Python, sdk / requests.post): a calls/s ratio
above 1 and a CPU ratio below 1 favour the SDK. Read the ratios, not the absolute figures: the service shares the
machine's cores with the client.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIVE = ROOT / "tests" / "live"
LANGUAGES = ("python", "go", "java", "csharp")
# Each language's variants, the SDK first, as (mode passed to its program, label in the table).
VARIANTS = {
    "python": [("sdk", "sdk"), ("by-hand", "by hand (httpx)"), ("requests", "requests.post (seed)")],
    "go": [("sdk", "sdk"), ("by-hand", "by hand (net/http)")],
    "java": [("sdk", "sdk"), ("by-hand", "by hand (HttpClient.send)")],
    "csharp": [("sdk", "sdk"), ("by-hand", "by hand (HttpClient)")],
}

Command = tuple[list[str], dict[str, str]]


# --- the Python programs (run in a process of their own: `--program MODE ...`) ---------------------------------

def python_scorer(mode: str, base_url: str) -> Callable[[list[list[float]]], list[float]]:
    if mode == "sdk":
        from azml_client import Client, ServiceInput  # type: ignore[import-not-found]

        client = Client(base_url)
        return lambda rows: client.run_ml_service(ServiceInput(data=rows))
    if mode == "by-hand":
        import httpx

        http = httpx.Client()
        url = base_url + "/score"

        def by_hand(rows: list[list[float]]) -> list[float]:
            response = http.post(url, json={"data": rows})
            response.raise_for_status()
            return response.json()
        return by_hand
    if mode == "requests":
        import requests  # type: ignore[import-untyped]

        scoring_uri = base_url + "/score"
        headers = {"Content-Type": "application/json"}

        def seed(rows: list[list[float]]) -> list[float]:
            input_data = json.dumps({"data": rows})
            response = requests.post(scoring_uri, input_data, headers=headers)
            response.raise_for_status()
            return response.json()
        return seed
    raise SystemExit(f"unknown mode {mode!r}")


def run_python_program(mode: str, base_url: str, seconds: float, warmup: float, rows: list[list[float]]) -> None:
    score = python_scorer(mode, base_url)

    def run(period: float) -> int:
        calls, deadline = 0, time.monotonic() + period
        while time.monotonic() < deadline:
            if len(score(rows)) != len(rows):
                raise SystemExit("wrong number of scores")
            calls += 1
        return calls

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    run(warmup)
    cpu_before, start = cpu(), time.monotonic()
    calls = run(seconds)
    print(json.dumps({"calls": calls, "cpu_s": cpu() - cpu_before, "wall_s": time.monotonic() - start}))


# --- building the programs ------------------------------------------------------------------------------------

def build_programs(language: str, sdk: Path, work: Path) -> dict[str, Command]:
    """{mode: (command, extra environment)}; the command takes BASE_URL SECONDS WARMUP ROWS_JSON after the mode."""
    modes = [mode for mode, _ in VARIANTS[language]]
    if language == "python":
        scoring_python = str(ROOT / ".venv-scoring" / "bin" / "python")
        programs = {}
        for mode in modes:
            interpreter = scoring_python if mode == "requests" else sys.executable
            programs[mode] = ([interpreter, str(Path(__file__).resolve()), "--program", mode],
                              {"PYTHONPATH": str(sdk)})
        return programs
    if language == "go":
        from tests.conformance.drivers.go.prepare import build

        command: Command = ([str(build(sdk, work, LIVE / "go" / "wire" / "main.go"))], {})
    elif language == "java":
        from tests.conformance.drivers.java.build import build_driver as build_java

        command = build_java(sdk, LIVE / "java" / "WireBench.java", work, "WireBench")
    else:
        from tests.conformance.drivers.csharp.build import build_driver as build_csharp

        command = build_csharp(sdk, LIVE / "csharp" / "WireBench.cs", work)
    return {mode: (command[0] + [mode], command[1]) for mode in modes}


def run_program(program: Command, base_url: str, seconds: float, warmup: float, rows: list) -> dict[str, float]:
    command, env = program
    done = subprocess.run(command + [base_url, str(seconds), str(warmup), json.dumps(rows)], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=seconds + warmup + 120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- measuring and reporting ----------------------------------------------------------------------------------

def measure(language: str, programs: dict[str, Command], base_url: str, args: argparse.Namespace,
            rows: list) -> dict[str, tuple[float, float]]:
    """{mode: (calls/s, CPU ms per call)}, each the median of the rounds; the order alternates every round."""
    per_round: dict[str, list[tuple[float, float]]] = {mode: [] for mode in programs}
    for number in range(args.rounds):
        order = list(programs) if number % 2 == 0 else list(reversed(programs))
        for mode in order:
            result = run_program(programs[mode], base_url, args.seconds, args.warmup, rows)
            per_round[mode].append((result["calls"] / result["wall_s"], 1000 * result["cpu_s"] / result["calls"]))
            print(f"  {language} round {number + 1} {mode}: {result['calls']} calls, "
                  f"{per_round[mode][-1][0]:.1f}/s, {per_round[mode][-1][1]:.3f} CPU ms/call", file=sys.stderr)
    return {mode: (statistics.median(r[0] for r in rounds), statistics.median(r[1] for r in rounds))
            for mode, rounds in per_round.items()}


def print_table(language: str, figures: dict[str, tuple[float, float]]) -> None:
    labels = dict(VARIANTS[language])
    print(f"\n{language}\n  {'':28} {'calls/s':>9} {'CPU ms/call':>12}")
    for mode, (rate, cpu) in figures.items():
        print(f"  {labels[mode]:28} {rate:9.1f} {cpu:12.3f}")
    sdk_rate, sdk_cpu = figures["sdk"]
    for mode, (rate, cpu) in figures.items():
        if mode != "sdk":
            print(f"  {'sdk / ' + labels[mode]:28} {sdk_rate / rate:8.2f}x {sdk_cpu / cpu:11.2f}x")


def generate(swagger_uri: str, out: Path, languages: list[str]) -> None:
    command = [sys.executable, "-m", "generator", "generate", swagger_uri, "--out", str(out), "--package-name",
               "azml-client", "-q"] + [arg for language in languages for arg in ("--lang", language)]
    env = {**os.environ, "CLIENTGEN_CACHE_DIR": str(out.parent / "cache")}
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per variant (default 3)")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per round (default 5)")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of calls before measuring (default 1)")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="repeatable; default: all four")
    parser.add_argument("--program", nargs=5, metavar=("MODE", "BASE_URL", "SECONDS", "WARMUP", "ROWS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.program:
        mode, base_url, seconds, warmup, rows = args.program
        run_python_program(mode, base_url, float(seconds), float(warmup), json.loads(rows))
        return 0
    sys.path.insert(0, str(ROOT))
    from tests.scoring import SEED_ROWS, scoring_service

    languages = args.lang or list(LANGUAGES)
    work = Path(tempfile.mkdtemp(prefix="bench-wire-"))
    with scoring_service() as base_url:
        generate(f"{base_url}/swagger.json", work / "sdk", languages)
        programs = {language: build_programs(language, work / "sdk" / language, work / "build" / language)
                    for language in languages}
        print(f"{args.rounds} rounds x {args.seconds:g} s (+{args.warmup:g} s warm-up) of sequential 2-row "
              f"POST /score calls per variant, interleaved", file=sys.stderr)
        results = {language: measure(language, programs[language], base_url, args, SEED_ROWS)
                   for language in languages}
    for language in languages:
        print_table(language, results[language])
    return 0


if __name__ == "__main__":
    sys.exit(main())
