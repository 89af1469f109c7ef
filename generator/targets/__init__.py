"""The language targets, by name. A target module has NAME, FILTERS, files(api, options) and format_file()."""

from __future__ import annotations

from types import ModuleType

from . import python

TARGETS: dict[str, ModuleType] = {
    "python": python,
}
