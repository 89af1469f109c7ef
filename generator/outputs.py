"""Rendered SDKs kept in clientgen's cache (rendered/, one pack per output folder), by the digest of their inputs.

A run whose output folder is gone or was changed (a clean build, a fresh checkout whose cache was restored) while
its inputs are as they were writes the SDK again from here, without building the model or rendering: equal
inputs digests mean equal output (see inputs_digests). Only output whose document passed validation is kept, with
the warnings of its run, which a run from the pack repeats. One pack per output folder (the latest), so the cache
grows with the number of output folders, not with the number of runs.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .errors import Diagnostic
from .fetch import cache_root
from .packs import read_pack, write_pack

_HEADER = b"clientgen rendered 1\n"
_INPUTS, _WARNINGS = b"\0inputs", b"\0warnings"  # no file's path holds a NUL (write.check_paths)


def _pack(folder: Path) -> Path:
    return cache_root() / "rendered" / hashlib.sha256(os.fsencode(folder.resolve())).hexdigest()


def load(folder: Path, inputs: str) -> tuple[dict[str, bytes], list[Diagnostic]] | None:
    """The files (relative path: bytes) and warnings kept for this folder from these inputs; None if there are none."""
    entries = read_pack(_pack(folder), _HEADER)
    if entries is None or entries.pop(_INPUTS, None) != inputs.encode():
        return None
    try:
        warnings = [Diagnostic(pointer, message) for pointer, message in json.loads(entries.pop(_WARNINGS))]
    except (KeyError, ValueError, TypeError):
        return None
    return {path.decode("utf-8", "surrogateescape"): data for path, data in entries.items()}, warnings


def keep(folder: Path, inputs: str, files: dict[str, bytes], warnings: list[Diagnostic]) -> None:
    """Keep the folder's files as rendered from these inputs, with the run's warnings, in place of what was kept."""
    listed = json.dumps([[warning.pointer, warning.message] for warning in warnings]).encode()
    entries = [(_INPUTS, inputs.encode()), (_WARNINGS, listed)]
    entries += [(path.encode("utf-8", "surrogateescape"), files[path]) for path in sorted(files)]
    write_pack(_pack(folder), _HEADER, entries)
