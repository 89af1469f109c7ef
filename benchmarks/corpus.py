"""Real-world specs: generate SDKs for the 40 specs of ../shared/corpus/public-sample.txt and the Swagger 2.0
originals of ../shared/corpus/swagger2/, and compile each with the real toolchains (see tests/corpus.py). Prints
one line per spec and language, then the count per language; exit status 1 when any failed.

    .venv/bin/python benchmarks/corpus.py [--lang go --lang java] [--only SUBSTRING] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.config import LANGUAGES  # noqa: E402
from tests.corpus import generate_and_check, sample, slug, swagger2  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="default: every language")
    parser.add_argument("--only", help="only specs whose path contains this")
    parser.add_argument("--keep", type=Path, help="write the SDKs here instead of a temporary folder")
    args = parser.parse_args()
    languages = args.lang or list(LANGUAGES)
    specs = [s for s in sample() + swagger2() if not args.only or args.only in s]
    root = args.keep or Path(tempfile.mkdtemp(prefix="clientgen-corpus-"))
    passed = {language: 0 for language in languages}
    for spec in specs:
        for language in languages:
            start = time.perf_counter()
            ok, message, warnings = generate_and_check(spec, language, root / slug(spec))
            passed[language] += ok
            print(f"{'ok  ' if ok else 'FAIL'} {language:7} {spec} ({time.perf_counter() - start:.0f}s, "
                  f"{warnings} warnings)" + (f": {message}" if message else ""), flush=True)
    for language in languages:
        print(f"{language}: {passed[language]}/{len(specs)} compiled")
    return 0 if all(count == len(specs) for count in passed.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
