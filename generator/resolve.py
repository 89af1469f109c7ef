"""Bring external `$ref`s (other files, http URLs) into the document; keep internal ones as references.

prance reads the referenced documents (files or http, JSON or YAML, cached per URL); this module decides where
their content goes. An external *schema* is copied into the document's schema section under a name taken from
its place (`pet.yaml#/Pet` -> `Pet`, `error.json` -> `error`) and the reference is pointed at the copy, so
models keep their names and recursion (also across files) stays a finite set of names. Other external objects
(parameters, responses, request bodies, path items) are copied in place. References inside a copied document
are followed relative to that document.

What is a reference is decided by position: a `$ref` key whose value is a string. A schema property that
happens to be *named* `$ref` (its value is a schema object) is not one.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import lookup, pointer_path
from .fetch import Source

# Where a reference stands decides what it is: anywhere below one of these keys it is a schema; elsewhere, one
# whose parent key is one of _NOT_SCHEMA_PARENTS (or which is a requestBody) is a parameter, response, ...
_SCHEMA_ROOTS = {"schema", "schemas", "definitions"}
_NOT_SCHEMA_PARENTS = {"parameters", "responses", "headers", "examples", "links", "callbacks", "requestBodies",
                       "securitySchemes", "paths", "pathItems"}


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


def _is_schema_place(path: tuple) -> bool:
    if any(part in _SCHEMA_ROOTS for part in path):
        return True
    if path and path[-1] == "requestBody":
        return False
    return (path[-2] if len(path) >= 2 else None) not in _NOT_SCHEMA_PARENTS


class _Resolver:
    def __init__(self, source: Source, document: dict):
        from prance.util import url as prance_url

        self.url = prance_url
        self.source = source
        self.document = document
        self.section_path = ("definitions",) if "swagger" in document else ("components", "schemas")
        root = source.url or Path(source.location).resolve().as_uri()
        self.root = prance_url.absurl(root)
        self.cache: dict = {}
        self.names: dict[tuple[str, str], str] = {}
        existing = self.section()
        self.taken = set(existing)
        self.inlining: set[tuple[str, str]] = set()

    def section(self) -> dict:
        node = self.document
        for part in self.section_path:
            node = node.setdefault(part, {})
        return node

    def local_ref(self, name: str) -> str:
        return "#/" + "/".join(self.section_path) + "/" + name.replace("~", "~0").replace("/", "~1")

    def fetch(self, target: Any, pointer: str, where: tuple, ref: str) -> Any:
        try:
            node = self.url.fetch_url(target, self.cache, strict=False)
        except Exception as exc:  # prance raises many kinds: missing file, HTTP error, parse error
            raise self.source.error(f"cannot read {ref!r}: {exc}", where + ("$ref",),
                                    "check that the referenced file or URL exists and is JSON or YAML") from None
        found, node = lookup(node, pointer_path(pointer))
        if not found:
            raise self.source.error(f"{ref!r}: nothing at {pointer!r} in that document", where + ("$ref",))
        return copy.deepcopy(node)

    def readable_name(self, resource: str, pointer: str) -> str:
        parts = [p for p in pointer.split("/") if p]
        candidate = parts[-1] if parts else Path(resource).name.split(".")[0]
        unique, number = candidate, 1
        while unique in self.taken:
            number += 1
            unique = f"{candidate}{number}"
        self.taken.add(unique)
        return unique

    def walk(self, node: Any, base: Any, path: tuple, in_root: bool) -> None:
        if isinstance(node, list):
            for index, item in enumerate(node):
                self.walk(item, base, path + (index,), in_root)
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and not (in_root and ref.startswith("#")):
            self.follow(node, ref, base, path)
            return
        for key, value in list(node.items()):
            self.walk(value, base, path + (key,), in_root)

    def follow(self, node: dict, ref: str, base: Any, path: tuple) -> None:
        location, _, pointer = ref.partition("#")
        target = self.url.absurl(location, base) if location else base
        resource = self.url.urlresource(target)
        if resource == self.url.urlresource(self.root):
            node["$ref"] = "#" + pointer  # a reference back into the root document
            return
        key = (resource, pointer)
        if _is_schema_place(path):
            if key not in self.names:
                self.names[key] = name = self.readable_name(resource, pointer)
                content = self.fetch(target, pointer, path, ref)
                self.section()[name] = content
                self.walk(content, target, self.section_path + (name,), False)
            node["$ref"] = self.local_ref(self.names[key])
            return
        if key in self.inlining:
            raise self.source.error(f"{ref!r} refers to itself", path + ("$ref",))
        self.inlining.add(key)
        content = self.fetch(target, pointer, path, ref)
        self.walk(content, target, path, False)
        self.inlining.discard(key)
        node.clear()
        node.update(content if isinstance(content, dict) else {})


def resolve_external(source: Source) -> dict:
    """The document with every external reference brought in; the same object when it has none."""
    document = source.document
    external = [(path, ref) for path, ref in iter_refs(document) if not ref["$ref"].startswith("#")]
    if not external:
        return document
    if source.url is None and source.location == "<stdin>":
        path, ref = external[0]
        raise source.error(f"external reference {ref['$ref']!r} in a spec read from stdin", path,
                           "pass the spec as a file path or URL so relative references can be found")
    resolved = copy.deepcopy(document)
    resolver = _Resolver(source, resolved)
    resolver.walk(resolved, resolver.root, (), True)
    return resolved


def check_internal_refs(source: Source, document: dict) -> None:
    """Every internal reference must point at something: a dangling one is a SpecError at its place."""
    for path, ref in iter_refs(document):
        target = ref["$ref"]
        if not target.startswith("#"):
            continue
        if not lookup(document, pointer_path(target))[0]:
            raise source.error(f"$ref {target!r} points at nothing", path + ("$ref",),
                               "fix the reference or add the missing definition")
