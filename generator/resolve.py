"""Bring external `$ref`s (other files, http URLs) into the document with prance; keep internal ones.

Internal references (`#/components/...`, `#/definitions/...`) stay references, so that `build.py` can follow
them by name and models keep their spec names (and recursive schemas stay finite). An external schema is
copied into the document's schema section under a name taken from its place (`pet.yaml#/Pet` -> `Pet`,
`error.json` -> `error`), and the reference is pointed at the copy.

What is a reference is decided by position: a `$ref` key whose value is a string. A schema property that
happens to be *named* `$ref` (its value is a schema object) is not one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .fetch import Source


def iter_refs(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every object holding a reference (`{"$ref": "<string>", ...}`), with its path."""
    stack = [(node, path)]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                yield path, node
            stack.extend((value, path + (key,)) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((value, path + (index,)) for index, value in enumerate(node))


def _schema_section(document: dict) -> tuple[str, ...]:
    return ("definitions",) if "swagger" in document else ("components", "schemas")


def resolve_external(source: Source) -> dict:
    """The document with every external reference brought in; the same object when it has none."""
    document = source.document
    external = [(path, ref) for path, ref in iter_refs(document) if not ref["$ref"].startswith("#")]
    if not external:
        return document
    if source.url is None and source.base_dir is None:
        path, ref = external[0]
        raise source.error(f"external reference {ref['$ref']!r} in a spec read from stdin", path,
                           "pass the spec as a file path or URL so relative references can be found")
    from prance.util import resolver as prance_resolver
    from prance.util.url import ResolutionError

    base = source.url or Path(source.location).resolve().as_uri()
    section = ("components", "schemas")
    before = set(document.get("components", {}).get("schemas", {})) | set(document.get("definitions", {}))
    resolver = prance_resolver.RefResolver(
        document,
        base,
        resolve_types=prance_resolver.RESOLVE_FILES | prance_resolver.RESOLVE_HTTP,
        resolve_method=prance_resolver.TRANSLATE_EXTERNAL,
        strict=False,
    )
    try:
        resolver.resolve_references()
    except (ResolutionError, OSError, ValueError) as exc:
        path, _ = external[0]
        raise source.error(f"could not resolve an external reference: {exc}", path) from None
    resolved = resolver.specs
    added = {name: schema for name, schema in resolved.get("components", {}).get("schemas", {}).items()
             if name not in before}
    if "swagger" in resolved:
        # prance files copies under OpenAPI 3's section; Swagger 2 keeps schemas in `definitions`.
        components = resolved.pop("components", {})
        resolved.setdefault("definitions", {}).update(components.get("schemas", {}))
    renames = _readable_names(added, before)
    target = "#/" + "/".join(_schema_section(resolved)) + "/"
    for _, ref in iter_refs(resolved):
        name = ref["$ref"].removeprefix("#/" + "/".join(section) + "/")
        if name in added:
            ref["$ref"] = target + renames[name]
    schemas = resolved
    for part in _schema_section(resolved):
        schemas = schemas.setdefault(part, {})
    for old, new in renames.items():
        schemas[new] = schemas.pop(old)
    return resolved


def _readable_names(added: dict[str, Any], taken: set[str]) -> dict[str, str]:
    """prance names copies '<file>_<path>'; keep the last path part (or the file's stem) where it is free."""
    renames, used = {}, set(taken)
    for name in sorted(added):
        file_part, _, pointer = name.partition("_")
        candidate = pointer.rsplit("_", 1)[-1] if pointer else file_part.rsplit(".", 1)[0]
        candidate = candidate or name
        unique, number = candidate, 1
        while unique in used:
            number += 1
            unique = f"{candidate}{number}"
        used.add(unique)
        renames[name] = unique
    return renames


def check_internal_refs(source: Source, document: dict) -> None:
    """Every internal reference must point at something: a dangling one is a SpecError at its place."""
    for path, ref in iter_refs(document):
        target = ref["$ref"]
        if not target.startswith("#"):
            continue
        node: Any = document
        for part in target[1:].split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise source.error(f"$ref {target!r} points at nothing", path + ("$ref",),
                                   "fix the reference or add the missing definition")
