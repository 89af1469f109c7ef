"""The pre-commit hook (.pre-commit-hooks.yaml), run by pre-commit itself (from PyPI, in a venv of its own) on a
sample project: a git repository with a clientgen.toml, a spec and the SDK generated from it, committed.

`pre-commit try-repo` runs the hook of a clone of this repository as the working tree has it (committed or not),
so the hook is tested as a user gets it: pre-commit builds clientgen's venv from that clone. The hook passes while
the SDK is up to date, fails with the diff when the spec changed, and with `args: []` regenerates instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

from .test_cli import PETS

ROOT = Path(__file__).resolve().parents[1]
SPEC = PETS  # a small spec, changed by the test
GIT = ["git", "-c", "user.name=clientgen tests", "-c", "user.email=tests@clientgen.invalid", "-c",
       "commit.gpgsign=false", "-c", "init.defaultBranch=main"]


def _git(folder: Path, *arguments: str) -> str:
    done = subprocess.run([*GIT, *arguments], cwd=folder, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _clone_of_the_working_tree(target: Path) -> str:
    """This repository's files as the working tree has them (tracked or new, not ignored), committed in a new
    repository at target; the commit."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "clientgen as the working tree has it")
    return _git(target, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit, installed from PyPI into a venv of its own."""
    venv = tmp_path_factory.mktemp("pre-commit-venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "pre-commit"], check=True, timeout=300)
    return venv / "bin" / "pre-commit"


def _run(pre_commit: Path, project: Path, home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([str(pre_commit), *arguments], cwd=project, env=env, capture_output=True, text=True,
                          timeout=600)


def test_the_hook_fails_with_the_diff_when_the_sdk_is_out_of_date(pre_commit: Path, tmp_path: Path) -> None:
    clone, project, home = tmp_path / "clientgen", tmp_path / "project", tmp_path / "pre-commit-home"
    for folder in (clone, project):
        folder.mkdir()
    rev = _clone_of_the_working_tree(clone)
    (project / "pets.yaml").write_text(SPEC)
    (project / "clientgen.toml").write_text('spec = "pets.yaml"\nout = "sdk"\nlanguages = ["python"]\n'
                                            'package-name = "pets-client"\n')
    assert main(["generate", "--config", str(project / "clientgen.toml"), "-q"]) == 0
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "the SDK, generated")

    done = _run(pre_commit, project, home, "try-repo", str(clone), "clientgen", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout

    (project / "pets.yaml").write_text(SPEC.replace("ListPets", "ListAllPets"))
    _git(project, "add", "pets.yaml")
    done = _run(pre_commit, project, home, "try-repo", str(clone), "clientgen", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "--- a/pets_client/client.py" in done.stdout and "+    def list_all_pets(" in done.stdout
    assert "would be changed:" in done.stdout and "out of date" in done.stdout
    client = project / "sdk" / "python" / "pets_client" / "client.py"
    assert "def list_pets(" in client.read_text()  # --check wrote nothing

    (project / ".pre-commit-config.yaml").write_text(  # the hook as a user configures it, regenerating
        f"repos:\n  - repo: {clone}\n    rev: {rev}\n    hooks:\n      - id: clientgen\n        args: []\n")
    _git(project, "add", ".pre-commit-config.yaml")
    done = _run(pre_commit, project, home, "run", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr  # it changed files: they are the user's to add
    assert "files were modified by this hook" in done.stdout
    assert "def list_all_pets(" in client.read_text()
    _git(project, "add", "-A")
    done = _run(pre_commit, project, home, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
