"""Packs: many entries (key bytes -> value bytes) kept as ONE file of clientgen's cache, read and written whole.

Python's formatting (targets/python.py) and rendered SDKs (outputs.py) are kept so: thousands of small entries
cost one file to read or write instead of thousands. Layout: a header line naming what made the pack (a pack with
another header is ignored), then one zlib stream of entries, each the key's length (4 bytes, big-endian), the key,
the value's length (8 bytes) and the value. zlib's own check sum and end marker tell a damaged or cut-short pack,
which is not trusted at all. A cache: a pack that cannot be read or written only costs a run the work it saves.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .fetch import write_cache_file


def read_pack(path: Path, header: bytes) -> dict[bytes, bytes] | None:
    """The pack's entries; None when there is none, or it has another header, or it is damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(header):
        return None
    inflater = zlib.decompressobj()
    try:
        body = inflater.decompress(memoryview(data)[len(header):])
    except zlib.error:
        return None
    if not inflater.eof or inflater.unused_data:
        return None
    entries: dict[bytes, bytes] = {}
    view, at = memoryview(body), 0
    while at < len(body):
        key_size = int.from_bytes(view[at:at + 4], "big")
        key = bytes(view[at + 4:at + 4 + key_size])
        at += 4 + key_size
        value_size = int.from_bytes(view[at:at + 8], "big")
        value = bytes(view[at + 8:at + 8 + value_size])
        if len(value) != value_size:
            return None  # cannot happen with zlib's check intact; a pack this code did not write
        entries[key] = value
        at += 8 + value_size
    return entries


def write_pack(path: Path, header: bytes, entries: Iterable[tuple[bytes, bytes]]) -> None:
    """Put the pack in place whole or not at all (write_cache_file), compressed as it is written."""
    write_cache_file(path, _packed(header, entries))


def _packed(header: bytes, entries: Iterable[tuple[bytes, bytes]]) -> Iterator[bytes]:
    yield header
    deflater = zlib.compressobj(1)  # the fastest level: most of a pack is source text, which packs well anyway
    for key, value in entries:
        yield deflater.compress(len(key).to_bytes(4, "big") + key + len(value).to_bytes(8, "big"))
        yield deflater.compress(value)
    yield deflater.flush()
