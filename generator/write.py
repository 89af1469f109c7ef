"""The one place output reaches the disk: compare with what is there, then swap a complete folder in.

A language's output folder (`OUT/<language>/`) holds clientgen's files and the user's. The manifest
(`.clientgen-manifest`) lists the files clientgen generates there, each with the digest of what it wrote; a run
works out, per path:

- a generated file still as clientgen wrote it is replaced by the new content (or left, if that is the same);
- a generated file edited by hand since (its content no longer matches its digest) is kept as the user left it
  and reported (`Report.edited`), unless `force`; it stays in the manifest with the digest clientgen wrote and a
  `# kept` line, so the next run reports it again. A file the user put where clientgen now generates one counts
  as edited too (kept, reported, replaced only with `force`); a generated file the user deleted is written again;
- a generated file the spec no longer needs (a removed operation or model) is removed, unless edited by hand;
- a file clientgen did not write (not in the manifest: a LICENSE, a conftest.py, a CI file, build outputs) is
  the user's: never changed or removed (the new folder gets a hard link to it), and it never blocks a run;
- a generated path matched by `.clientgenignore` in the folder (gitignore syntax: `*`, `**`, `?`, `[...]`,
  `!` negation, trailing `/` for folders, `#` comments, `/` anchoring) is the user's: never written, never
  removed, not reported as edited.

Nothing is written when nothing changes; otherwise a complete new folder is built beside the old one (`.<name>.new-*`:
new content written, every other file of the old folder, the user's included, hard-linked in) and swapped with
it in one step (Linux's `renameat2(RENAME_EXCHANGE)`; elsewhere two renames, the old folder parked as `.<name>.old-*`
in between). A run killed at any point leaves the old folder or the new one, never a mix; the next run puts a
parked folder back if the swap was cut in half and removes leftovers (under a lock on the parent folder, so never
another run's). `check` writes nothing; the report then holds the old and new bytes of each file that would
change, for `Report.unified_diff()` and `Report.as_json()`. A run whose inputs are those of the manifest checks
that every generated file is still as written (`up_to_date`); it reads only the files whose lstat differs from the
one recorded in clientgen's cache when the file was last known intact, as git's index does.

Nothing is ever written outside the folder: every output path must be a plain relative path (no `..`, no absolute
or drive path, no control characters, no Windows device names, each part at most 255 bytes, no two paths
differing only in case), and symbolic links are never followed: the language folder may not be one, and a link
inside it is never read through (at a generated path it counts as a hand edit; elsewhere it is the user's, and
carried over as a link).
"""

from __future__ import annotations

import contextlib
import ctypes
import difflib
import errno
import hashlib
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ClientgenError, Diagnostic
from .fetch import cache_root, write_cache_file

try:
    import fcntl
except ImportError:  # Windows: no lock, and leftovers of a killed run are left (they are never read)
    fcntl = None  # type: ignore[assignment]

MANIFEST = ".clientgen-manifest"
IGNORE_FILE = ".clientgenignore"
_NOT_A_FILE = b"\0(not a regular file)"  # what a diff shows for a link or folder at a generated path


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


# ---- .clientgenignore ---------------------------------------------------------------------------------------------
class Ignore:
    """The rules of a `.clientgenignore`, in gitignore syntax; `path in ignore` for a generated file's path. As in
    git, the last matching rule wins, and a file inside an ignored folder cannot be taken back by a `!` rule."""

    def __init__(self, text: str = ""):
        self._rules: list[tuple[re.Pattern[str], bool, bool]] = []  # (pattern, negated, folders only)
        self._folders: dict[str, bool] = {}
        for line in text.splitlines():
            line = re.sub(r"(?<!\\) +$", "", line)  # trailing spaces go, unless escaped
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            line = line[1:] if negated else line
            folders_only = line.endswith("/")
            line = line.rstrip("/")
            if not line:
                continue
            anchored = "/" in line  # a separator at the start or in the middle: relative to the folder
            regex = _glob(line.lstrip("/"))
            try:
                pattern = re.compile(regex if anchored else "(?:.*/)?" + regex, re.DOTALL)
            except re.error:  # a class such as [z-a]: as in git, a pattern that matches nothing
                continue
            self._rules.append((pattern, negated, folders_only))

    def __contains__(self, path: str) -> bool:
        parts = path.split("/")
        return any(self._folder(("/".join(parts[:i]))) for i in range(1, len(parts))) or self._last(path, False)

    def _folder(self, path: str) -> bool:
        if path not in self._folders:
            self._folders[path] = self._last(path, True)
        return self._folders[path]

    def _last(self, path: str, folder: bool) -> bool:
        ignored = False
        for pattern, negated, folders_only in self._rules:
            if (folder or not folders_only) and pattern.fullmatch(path):
                ignored = not negated
        return ignored


def _glob(pattern: str) -> str:
    """A gitignore pattern (no leading or trailing `/`) as a regular expression over `/`-separated paths."""
    segments = pattern.split("/")
    regex = ""
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            regex += ".*" if last else "(?:[^/]+/)*"  # everything inside; or zero or more folders
        else:
            regex += _glob_segment(segment) + ("" if last else "/")
    return regex


def _glob_segment(segment: str) -> str:
    out, i = [], 0
    while i < len(segment):
        c = segment[i]
        if c == "\\" and i + 1 < len(segment):
            out.append(re.escape(segment[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and (end := _class_end(segment, i)) > 0:
            body = segment[i + 1:end]
            negated = body[:1] in ("!", "^")
            body = body[1:] if negated else body
            members = "".join("-" if m == "-" else re.escape(m[-1]) for m in re.findall(r"\\.|.", body, re.DOTALL)
                              if m != "/")
            out.append(f"[^/{members}]" if negated else f"[{members}]" if members else "(?!)")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _class_end(segment: str, start: int) -> int:
    """The index of the `]` closing the class opened at start (a `]` right after `[`, `[!` or `[^` is a member);
    0 when there is none, and the `[` is then a plain character."""
    i = start + 1
    i += segment[i:i + 1] in ("!", "^")
    i += segment[i:i + 1] == "]"
    end = segment.find("]", i)
    return end if end > start + 1 else 0


# ---- what is on disk, read without following links -----------------------------------------------------------
class _Tree:
    """The entries under a folder, looked at with lstat only: a path below a link or a file is not there."""

    def __init__(self, root: Path):
        self.root = root
        self._base = os.fspath(root)
        self._folders: dict[str, bool] = {}

    def _real_folder(self, path: str) -> bool:
        if path not in self._folders:
            parent, _, _ = path.rpartition("/")
            status = self._lstat(path) if not parent or self._real_folder(parent) else None
            self._folders[path] = status is not None and stat.S_ISDIR(status.st_mode)
        return self._folders[path]

    def _lstat(self, path: str) -> os.stat_result | None:
        try:
            return os.lstat(os.path.join(self._base, path))
        except (FileNotFoundError, NotADirectoryError):
            return None

    def status(self, path: str) -> os.stat_result | None:
        """The lstat of what is at path, None for nothing there (or only below a link or a file)."""
        parent = path.rpartition("/")[0]
        if not self._real_folder("") or (parent and not self._real_folder(parent)):
            return None
        return self._lstat(path)

    def kind(self, path: str) -> str | None:
        """'file' (regular), 'other' (a link, folder, device...) or None (nothing there)."""
        status = self.status(path)
        return None if status is None else "file" if stat.S_ISREG(status.st_mode) else "other"

    def read(self, path: str) -> bytes | None:
        """A regular file's bytes; _NOT_A_FILE for anything else there, None for nothing."""
        kind = self.kind(path)
        return self.read_file(path) if kind == "file" else None if kind is None else _NOT_A_FILE

    def read_file(self, path: str) -> bytes:
        with open(os.path.join(self._base, path), "rb") as file:
            return file.read()

    def leaves(self) -> Iterator[tuple[str, os.DirEntry[str] | None]]:
        """Every entry that is not a real folder (files, links, devices), and every empty folder, top-down."""
        stack = [""]
        while stack:
            prefix = stack.pop()
            with os.scandir(self.root / prefix) as entries:
                children = sorted(entries, key=lambda entry: entry.name)
            if not children and prefix:
                yield prefix, None
            for entry in children:
                path = f"{prefix}/{entry.name}" if prefix else entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                else:
                    yield path, entry


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class _Manifest:
    inputs: str = ""
    ignore: str = ""
    files: dict[str, str] = field(default_factory=dict)  # path -> the digest of what clientgen wrote there
    kept: set[str] = field(default_factory=set)  # generated files left as the user edited them
    ignored: set[str] = field(default_factory=set)  # paths .clientgenignore gives the user (a digest kept, if any)
    warnings: list[Diagnostic] = field(default_factory=list)

    @staticmethod
    def read(tree: _Tree) -> _Manifest:
        return _Manifest.parse(tree.read(MANIFEST))

    @staticmethod
    def parse(text: bytes | None) -> _Manifest:
        manifest = _Manifest()
        if text is None or text == _NOT_A_FILE:
            return manifest
        for line in text.decode("utf-8", errors="replace").splitlines():
            key, _, value = line.partition(" ")
            if key == "#":
                key, _, value = value.partition(" ")
                if key == "inputs":
                    manifest.inputs = value
                elif key == "ignore":
                    manifest.ignore = value
                elif key == "kept":
                    manifest.kept.add(value)
                elif key == "ignored":
                    manifest.ignored.add(value)
                elif key == "warning":
                    pointer, _, message = value.partition("\t")
                    manifest.warnings.append(Diagnostic(pointer, message))
            elif "  " in line:
                digest, path = line.split("  ", 1)
                manifest.files[path] = digest
        return manifest

    def render(self) -> bytes:
        lines = ["# written by clientgen; the files listed here are its own (see .clientgenignore to take one over)",
                 f"# inputs {self.inputs}", f"# ignore {self.ignore}"]
        lines += [f"# warning {d.pointer}\t{' '.join(d.message.split())}" for d in self.warnings]
        lines += [f"# kept {path}" for path in sorted(self.kept)]
        lines += [f"# ignored {path}" for path in sorted(self.ignored)]
        lines += [f"{digest}  {path}" for path, digest in sorted(self.files.items())]
        return ("\n".join(lines) + "\n").encode()


def _ignore_rules(tree: _Tree) -> tuple[Ignore, str]:
    """The folder's .clientgenignore and its digest ('none' without one)."""
    data = tree.read(IGNORE_FILE)
    if data == _NOT_A_FILE:
        raise OutputError(f"{tree.root / IGNORE_FILE} is not a regular file; clientgen reads only a plain file there",
                          "replace it with a file (a symbolic link is never followed)")
    if data is None:
        return Ignore(), "none"
    return Ignore(data.decode("utf-8", errors="replace")), _digest(data)


# ---- the report -------------------------------------------------------------------------------------------------
_CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


@dataclass
class Report:
    folder: Path
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)  # generated files edited by hand, kept as they are
    ignored: list[str] = field(default_factory=list)  # paths to write or remove that .clientgenignore leaves alone
    diagnostics: list[Diagnostic] = field(default_factory=list)  # the warnings of the run that wrote the folder
    contents: dict[str, tuple[bytes | None, bytes | None]] = field(default_factory=dict, repr=False)  # old, new

    @property
    def dirty(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        kept = f", {len(self.edited)} edited by hand (kept)" if self.edited else ""
        ignored = f", {len(self.ignored)} left to {IGNORE_FILE}" if self.ignored else ""
        if not self.dirty:
            return f"{self.folder}: up to date ({len(self.unchanged)} files){kept}{ignored}"
        parts = [f"{len(self.added)} added", f"{len(self.changed)} changed", f"{len(self.removed)} removed",
                 f"{len(self.unchanged)} unchanged"]
        return f"{self.folder}: " + ", ".join(parts) + kept + ignored

    def unified_diff(self, max_lines: int = 400) -> str:
        """The files that change, as a unified diff (`a/<path>`, `b/<path>`, `/dev/null` for an added or removed
        file), cut after max_lines with a last line saying how many were left out."""
        lines = self._diff_lines()
        if len(lines) > max_lines:
            left_out = len(lines) - max_lines
            lines = lines[:max_lines] + [f"... {left_out} more diff lines not shown (--json gives the whole diff)"]
        return "".join(line + "\n" for line in lines)

    def as_json(self) -> dict[str, object]:
        return {"folder": str(self.folder), "added": sorted(self.added), "changed": sorted(self.changed),
                "removed": sorted(self.removed), "edited": sorted(self.edited), "unchanged": len(self.unchanged),
                "diff": self.unified_diff(max_lines=sys.maxsize)}

    def _diff_lines(self) -> list[str]:
        lines: list[str] = []
        for path in sorted(self.added + self.changed + self.removed):
            old, new = self.contents.get(path, (None, None))
            before = "/dev/null" if old is None else f"a/{path}"
            after = "/dev/null" if new is None else f"b/{path}"
            old_text, new_text = _text(old), _text(new)
            if old_text is None or new_text is None:
                lines.append(f"Binary files {before} and {after} differ")
                continue
            hunks = list(difflib.unified_diff(_lines(old_text), _lines(new_text), before, after, lineterm="\n"))
            text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                           for line in hunks or [f"--- {before}\n", f"+++ {after}\n"])
            lines += text[:-1].split("\n")  # not splitlines(): a line of a CRLF file keeps its \r
        return lines


def _text(data: bytes | None) -> str | None:
    """Printable text ('' for no file), or None for bytes a terminal should not be shown."""
    if data is None:
        return ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if _CONTROL.search(text) else text


def _lines(text: str) -> list[str]:
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


# ---- compare, write -------------------------------------------------------------------------------------------
def up_to_date(folder: Path, inputs: str) -> Report | None:
    """A report of no change when the folder was written from the same inputs and the same .clientgenignore, no
    generated file was touched since and none was kept as edited; None when it must be rendered again. This is what
    makes a no-op run cheap: a file whose lstat is as recorded when it was last seen intact is not read again."""
    if not inputs or folder.is_symlink():
        return None
    tree = _Tree(folder)
    manifest_bytes = tree.read(MANIFEST)
    manifest = _Manifest.parse(manifest_bytes)
    if manifest.inputs != inputs or manifest.kept or manifest.ignore != _ignore_rules(tree)[1]:
        return None
    assert manifest_bytes is not None  # else its inputs would be empty
    seen = _seen(folder, manifest_bytes)
    statuses: dict[str, list[int]] = {}
    report = Report(folder, diagnostics=manifest.warnings, ignored=sorted(manifest.ignored))
    for path, digest in sorted(manifest.files.items()):
        if path in manifest.ignored:
            continue
        status = tree.status(path)
        if status is None or not stat.S_ISREG(status.st_mode):
            return None
        statuses[path] = _signature(status)
        if seen.get(path) != statuses[path] and _digest(tree.read_file(path)) != digest:
            return None
        report.unchanged.append(path)
    if statuses != seen:  # something had to be read: record it, so the next run need not
        _remember(folder, manifest_bytes, statuses)
    return report


# ---- what was seen: the lstat of each generated file when it was last known to hold what clientgen wrote ----------
# Kept in clientgen's cache (seen/, one file per output folder), never in the output folder. As git's index does, it
# trusts a file whose lstat (inode, size, modification and change times) is as recorded, unless the file changed so
# close to the recording that a change after it could get the same times (`_tick`): such a file is read again. The
# change time cannot be set back by anyone, and a later change gets a later one, so an edit always shows. A write
# records the files it creates, from the staging folder (where nobody else edits them) before the swap; a no-op run
# records the files it had to read. So a no-op run reads only what changed since, or was written within a tick.
_CLOCK_LAG_NS = 20_000_000  # Linux stamps files from a clock up to one tick (at most 10 ms) behind time.time_ns()


def _tick(signatures: Iterable[list[int]]) -> int:
    """How long before the recording a change must be for its signature to be trusted: twice the step of the file
    system's timestamps, as the recorded change times show it (whole seconds: FAT's 2 s, HFS+, small ext4 inodes;
    hundredths: exFAT), and at least the clock lag."""
    times = [signature[4] for signature in signatures]
    step = next((10 ** k for k in range(9, 0, -1) if times and all(t % 10 ** k == 0 for t in times)), 1)
    return max(_CLOCK_LAG_NS, 2 * step)


def _signature(status: os.stat_result) -> list[int]:
    return [status.st_ino, status.st_dev, status.st_size, status.st_mtime_ns, status.st_ctime_ns]


def _seen_record(folder: Path) -> Path:
    return cache_root() / "seen" / hashlib.sha256(os.fsencode(folder.resolve())).hexdigest()


def _seen(folder: Path, manifest: bytes) -> dict[str, list[int]]:
    """The signatures recorded under this manifest that a later change could not share."""
    try:
        record = json.loads(_seen_record(folder).read_bytes())
        if record["manifest"] != _digest(manifest):
            return {}
        trusted_before = int(record["at"]) - int(record["tick"])
        return {path: signature for path, signature in record["files"].items()
                if isinstance(signature, list) and len(signature) == 5 and signature[4] < trusted_before}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no record, or not one this version wrote: every file is read


def _remember(folder: Path, manifest: bytes, statuses: dict[str, list[int]], at: int | None = None) -> None:
    """Record the signatures, taken before `at` (default now): a cache, so one that cannot be written only costs the
    next no-op run its reading."""
    text = json.dumps({"manifest": _digest(manifest), "at": time.time_ns() if at is None else at,
                       "tick": _tick(statuses.values()), "files": statuses}, separators=(",", ":"))
    write_cache_file(_seen_record(folder), text.encode())


def compare(folder: Path, files: dict[str, bytes], force: bool = False) -> Report:
    """What writing `files` would do to the folder, with the old and new bytes of each file that would change."""
    return _plan(folder, files, force)[0]


def _plan(folder: Path, files: dict[str, bytes], force: bool) -> tuple[Report, _Manifest]:
    """The report, and the manifest the folder has after the write (its inputs and warnings not yet set)."""
    tree = _Tree(folder)
    old = _Manifest.read(tree)
    ignore, ignore_digest = _ignore_rules(tree)
    report, after = Report(folder), _Manifest(ignore=ignore_digest)
    for path in sorted(files):
        data = files[path]
        if path in ignore:
            _leave_to_user(path, old, after, report)
            continue
        current = tree.read(path)
        if current is None:
            report.added.append(path)
        elif current == data:
            report.unchanged.append(path)
        elif force or (path in old.files and _digest(current) == old.files[path]):
            report.changed.append(path)
        else:  # edited by hand, or the user's own file where clientgen now writes one
            report.edited.append(path)
            after.kept.add(path)
            after.files[path] = old.files.get(path, _digest(data))
            continue
        if current != data:
            report.contents[path] = (current, data)
        after.files[path] = _digest(data)
    for path in sorted(set(old.files) - set(files)):
        current = tree.read(path)
        if current is None:
            continue
        if path in ignore:
            _leave_to_user(path, old, after, report)
        elif force or _digest(current) == old.files[path]:
            report.removed.append(path)
            report.contents[path] = (current, None)
        else:
            report.edited.append(path)
            after.kept.add(path)
            after.files[path] = old.files[path]
    return report, after


def _leave_to_user(path: str, old: _Manifest, after: _Manifest, report: Report) -> None:
    """An ignored path: not touched, and its digest kept, so that once no longer ignored it is clientgen's again
    if the user did not change it."""
    report.ignored.append(path)
    after.ignored.add(path)
    if path in old.files:
        after.files[path] = old.files[path]


def write(folder: Path, files: dict[str, bytes], inputs: str, diagnostics: list[Diagnostic],
          check: bool = False, force: bool = False) -> Report:
    """Make `folder` hold `files` beside the user's own, as the module docstring says (plus the manifest naming
    the inputs and the run's warnings, which a no-op run repeats); with check, only report; with force, overwrite
    or remove generated files edited by hand."""
    check_paths(list(files))
    if folder.is_symlink():
        raise OutputError(f"{folder} is a symbolic link; clientgen writes only real folders under --out",
                          "remove the link, or point --out at the real folder")
    if check:
        return compare(folder, files, force)
    for place in (folder.parent, folder):
        if place.exists() and not place.is_dir():
            raise OutputError(f"{place}: exists and is not a folder", "point --out at a folder, or remove the file")
    try:
        with _locked(folder.parent) as exclusive:
            _recover(folder, exclusive)
            report, manifest = _plan(folder, files, force)
            manifest.inputs, manifest.warnings = inputs, diagnostics
            manifest_bytes = manifest.render()
            if report.dirty:
                _swap_in(folder, report, files, manifest_bytes)
            elif folder.is_dir() and _Tree(folder).read(MANIFEST) != manifest_bytes:
                _replace_manifest(folder, manifest_bytes)
    except OSError as exc:
        raise OutputError(f"{exc.filename or folder}: {exc.strerror or exc}; the output folder is as it was",
                          "check that --out is a folder you can write to, and that the disk has room") from None
    return report


@contextlib.contextmanager
def _locked(parent: Path) -> Iterator[bool]:
    """Hold an exclusive lock on the parent folder (another run writing there waits); True when held."""
    if fcntl is None or not parent.is_dir():
        yield False
        return
    fd = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _recover(folder: Path, exclusive: bool) -> None:
    """Undo what a killed run left: its parked old folder put back if the swap was cut in half; with the lock
    held (so no other run is under way), its leftover new or parked folders removed."""
    if not folder.parent.is_dir():
        return
    parked_prefix, staging_prefix = f".{folder.name}.old-", f".{folder.name}.new-"
    leftovers = [path for path in folder.parent.iterdir() if path.name.startswith((parked_prefix, staging_prefix))]
    parked = sorted((path for path in leftovers if path.name.startswith(parked_prefix)),
                    key=lambda path: path.lstat().st_mtime_ns)
    if parked and not os.path.lexists(folder):
        os.rename(parked[-1], folder)
    if exclusive:
        for path in leftovers:
            if os.path.lexists(path):
                shutil.rmtree(path, ignore_errors=True)


def write_new_files(root: Path, files: dict[str, bytes]) -> None:
    """Create each file (relative path: bytes) under root, which holds none of them yet: its folders first, then the
    files by a few threads at once, since creating a file costs far more than writing its bytes on most disks and
    the threads wait on the file system, not on each other."""
    from concurrent.futures import ThreadPoolExecutor  # here: a no-op run does without it (and the logging it loads)

    for parent in sorted({os.path.dirname(path) for path in files}):
        os.makedirs(root / parent, exist_ok=True)

    def create(path: str) -> None:
        with open(root / path, "xb") as file:
            file.write(files[path])

    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="clientgen-write") as pool:
        for _ in pool.map(create, files, chunksize=64):
            pass  # re-raises the first failure


def _swap_in(folder: Path, report: Report, files: dict[str, bytes], manifest: bytes) -> None:
    """Build the new folder beside the old one (new content written, every other old entry hard-linked in), then
    swap the two; the old one is removed once the new one is in place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        written = {path: files[path] for path in report.added + report.changed}
        write_new_files(staging, written)
        seen = {path: _signature(os.lstat(staging / path)) for path in written}
        seen_at = time.time_ns()
        (staging / MANIFEST).write_bytes(manifest)
        modes = {"": 0o755}
        if folder.is_dir():
            modes[""] = stat.S_IMODE(folder.stat().st_mode)
            _carry_over(folder, staging, set(report.added + report.changed + report.removed) | {MANIFEST}, modes)
        for path, mode in sorted(modes.items(), reverse=True):  # deepest first: a read-only folder is filled first
            if (staging / path).is_dir():
                os.chmod(staging / path, mode)
        if not folder.exists():
            os.rename(staging, folder)
        elif not _exchange(staging, folder):
            retired = staging.with_name(staging.name.replace(f".{folder.name}.new-", f".{folder.name}.old-", 1))
            os.rename(folder, retired)
            try:
                os.rename(staging, folder)
            except BaseException:
                os.rename(retired, folder)
                raise
            staging = retired
        _remember(folder, manifest, seen, seen_at)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _carry_over(folder: Path, staging: Path, replaced: set[str], modes: dict[str, int]) -> None:
    """Hard-link every entry of the old folder but the replaced ones into the new one (links as links; a copy where
    the file system cannot link), and note the old folders' modes."""
    for path, entry in _Tree(folder).leaves():
        parts = path.split("/")
        for depth in range(1, len(parts) + (entry is None)):
            parent = "/".join(parts[:depth])
            if parent not in modes:
                modes[parent] = stat.S_IMODE(os.lstat(folder / parent).st_mode)
        if path in replaced:
            continue
        target = staging / path
        try:
            if entry is None:
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(entry.path, target, follow_symlinks=False)
            except (FileExistsError, NotADirectoryError):
                raise
            except (OSError, NotImplementedError):  # no hard links on this file system (or for links, here)
                if entry.is_symlink():
                    os.symlink(os.readlink(entry.path), target)
                else:
                    shutil.copy2(entry.path, target, follow_symlinks=False)
        except (FileExistsError, NotADirectoryError):
            raise OutputError(f"{folder / path} is in the way of a file clientgen generates",
                              f"move it, or list the generated path in {folder / IGNORE_FILE}") from None


def _load_renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


_RENAMEAT2 = _load_renameat2()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where the system or file system cannot."""
    if _RENAMEAT2 is None:
        return False
    at_cwd, rename_exchange = -100, 2
    if _RENAMEAT2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _replace_manifest(folder: Path, manifest: bytes) -> None:
    fd, temporary = tempfile.mkstemp(prefix=f".{MANIFEST}.", dir=folder)
    with os.fdopen(fd, "wb") as handle:
        handle.write(manifest)
    os.replace(temporary, folder / MANIFEST)
