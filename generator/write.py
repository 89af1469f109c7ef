"""The one place output reaches the disk: compare with what is there, then swap a complete folder in.

A language's output folder (`OUT/<language>/`) belongs to clientgen. Its files are listed in a manifest
(`.clientgen-manifest`), so a later run knows which files are its own: it replaces them, removes the ones
the spec no longer needs, and refuses to touch a folder holding files it did not write (build outputs such
as `__pycache__/`, `bin/`, `obj/`, `target/` excepted). Nothing is written when nothing changed; otherwise the
new tree is written to a temporary sibling folder and renamed into place, so a crash or a full disk never leaves
a half-written SDK.

Nothing is ever written outside the folder: every output path must be a plain relative path (no `..`, no absolute
or drive path, no control characters, no Windows device names, each part at most 255 bytes, no two paths
differing only in case), and symbolic links are never followed: the language folder may not be one, and a link
inside it is never read through (it is replaced like a stale file, or refused as a file clientgen did not write).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ClientgenError, Diagnostic

MANIFEST = ".clientgen-manifest"
_BUILD_OUTPUTS = {"__pycache__", ".mypy_cache", "bin", "obj", "target", ".pytest_cache"}


class OutputError(ClientgenError):
    exit_code = 3


_WINDOWS_DEVICES = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)


def is_device_name(name: str) -> bool:
    """Whether Windows reserves the name for a device (Con, nul.txt): no file or folder may be named so."""
    return _WINDOWS_DEVICES.fullmatch(name) is not None

_UNSAFE_CHARACTERS = re.compile(r'[\x00-\x1f\x7f\\:*?"<>|]')


def check_paths(paths: list[str]) -> None:
    """Every output path is a plain relative path inside the folder, portable to every file system; a target
    that made another is a bug in clientgen, refused before anything is written."""
    folded: dict[str, str] = {}
    for path in paths:
        parts = path.split("/")
        bad = (not path or path.startswith("/") or _UNSAFE_CHARACTERS.search(path)
               or any(part in ("", ".", "..") or len(part.encode("utf-8")) > 255 or is_device_name(part)
                      or part.endswith((".", " ")) for part in parts))
        if bad:
            raise ValueError(f"output path {path!r} is not a plain relative path")
        twin = folded.setdefault(path.casefold(), path)
        if twin != path:
            raise ValueError(f"output paths {twin!r} and {path!r} differ only in case")


def _regular_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


@dataclass
class Report:
    folder: Path
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # the warnings of the run that wrote the folder

    @property
    def dirty(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        if not self.dirty:
            return f"{self.folder}: up to date ({len(self.unchanged)} files)"
        parts = [f"{len(self.added)} added", f"{len(self.changed)} changed", f"{len(self.removed)} removed",
                 f"{len(self.unchanged)} unchanged"]
        return f"{self.folder}: " + ", ".join(parts)


def _manifest(files: dict[str, bytes], inputs: str, diagnostics: list[Diagnostic]) -> bytes:
    lines = [f"{hashlib.sha256(data).hexdigest()}  {path}" for path, data in sorted(files.items())]
    warnings = [f"# warning {d.pointer}\t{' '.join(d.message.split())}" for d in diagnostics]
    header = ["# written by clientgen; files listed here are replaced on every run", f"# inputs {inputs}"]
    return ("\n".join(header + warnings + lines) + "\n").encode()


def up_to_date(folder: Path, inputs: str) -> Report | None:
    """A report of no change when the folder was written from the same inputs and no file was touched since;
    None when it must be rendered again. This is what makes a no-op run cheap."""
    manifest = folder / MANIFEST
    if not inputs or folder.is_symlink() or not _regular_file(manifest):
        return None
    lines = manifest.read_text(encoding="utf-8").splitlines()
    if f"# inputs {inputs}" not in lines:
        return None
    report = Report(folder)
    for line in lines:
        if line.startswith("# warning "):
            pointer, _, message = line[len("# warning "):].partition("\t")
            report.diagnostics.append(Diagnostic(pointer, message))
        if line.startswith("#") or not line:
            continue
        digest, path = line.split("  ", 1)
        target = folder / path
        if not _regular_file(target) or hashlib.sha256(target.read_bytes()).hexdigest() != digest:
            return None
        report.unchanged.append(path)
    return report


def _existing(folder: Path) -> tuple[set[str], set[str]]:
    """(paths the last run wrote, paths of other files) under folder."""
    manifest = folder / MANIFEST
    owned = set()
    if _regular_file(manifest):
        for line in manifest.read_text(encoding="utf-8", errors="replace").splitlines():
            if line and not line.startswith("#") and "  " in line:
                owned.add(line.split("  ", 1)[1])
    others = set()
    for path in folder.rglob("*"):  # does not descend into linked folders; a link is listed as itself
        relative = path.relative_to(folder)
        if (path.is_dir() and not path.is_symlink()) or relative.as_posix() == MANIFEST or _BUILD_OUTPUTS & set(relative.parts):
            continue
        if relative.as_posix() not in owned:
            others.add(relative.as_posix())
    return owned, others


def compare(folder: Path, files: dict[str, bytes]) -> Report:
    report = Report(folder)
    owned = _existing(folder)[0] if folder.is_dir() else set()
    for path, data in files.items():
        target = folder / path
        if not target.exists() and not target.is_symlink():
            report.added.append(path)
        elif not _regular_file(target) or target.read_bytes() != data:
            report.changed.append(path)
        else:
            report.unchanged.append(path)
    report.removed = sorted(owned - set(files))
    return report


def write(folder: Path, files: dict[str, bytes], inputs: str, diagnostics: list[Diagnostic],
          check: bool = False) -> Report:
    """Make `folder` hold exactly `files` (plus the manifest naming the inputs and the run's warnings, which a
    no-op run repeats); with check, only report."""
    check_paths(list(files))
    if folder.is_symlink():
        raise OutputError(f"{folder} is a symbolic link; clientgen writes only real folders under --out",
                          "remove the link, or point --out at the real folder")
    report = compare(folder, files)
    if check:
        return report
    if not report.dirty:
        if up_to_date(folder, inputs) is None:  # same output from new inputs: record them, touch nothing else
            _replace_manifest(folder, _manifest(files, inputs, diagnostics))
        return report
    if folder.exists():
        if not folder.is_dir():
            raise OutputError(f"{folder} exists and is not a folder")
        _, others = _existing(folder)
        if others:
            listed = ", ".join(sorted(others)[:5])
            raise OutputError(f"{folder} holds files clientgen did not write ({listed}); the folder is replaced "
                              "as a whole on every run: move them, or choose another --out")
    try:
        _swap_in(folder, files, _manifest(files, inputs, diagnostics))
    except OSError as exc:
        raise OutputError(f"{exc.filename or folder}: {exc.strerror or exc}; the output folder is as it was",
                          "check that --out is a folder you can write to, and that the disk has room") from None
    return report


def _swap_in(folder: Path, files: dict[str, bytes], manifest: bytes) -> None:
    """Write the new tree beside the folder, then rename it into place (the old one is put back if that fails)."""
    if folder.parent.exists() and not folder.parent.is_dir():
        raise NotADirectoryError(20, "exists and is not a folder", str(folder.parent))
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for path, data in files.items():
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (staging / MANIFEST).write_bytes(manifest)
        staging.chmod(0o755)
        if folder.exists():
            retired = folder.with_name(f".{folder.name}.old-{os.getpid()}")
            os.rename(folder, retired)
            try:
                os.rename(staging, folder)
            except BaseException:
                os.rename(retired, folder)
                raise
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _replace_manifest(folder: Path, manifest: bytes) -> None:
    fd, temporary = tempfile.mkstemp(prefix=f".{MANIFEST}.", dir=folder)
    with os.fdopen(fd, "wb") as handle:
        handle.write(manifest)
    os.replace(temporary, folder / MANIFEST)
