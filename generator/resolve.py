"""Bring external `$ref`s (other files, http URLs) into the document; keep internal ones as references.

Every referenced document is read by `fetch.load_reference`, once per address, after the reference policy
(`fetch.permitted`: the spec's own folder tree or origin, or a prefix the user allows) has let it through, so
a refused reference is never read or requested; at most `fetch.MAX_DOCUMENTS` documents are read. This
module decides where their content goes. An external *schema* is copied into the document's schema section under
a name taken from its place (`pet.yaml#/Pet` -> `Pet`, `error.json` -> `error`) and the reference is pointed at the copy, so
models keep their names and recursion (also across files) stays a finite set of names. Other external objects
(parameters, responses, request bodies, path items) are copied in place. References inside a copied document
are followed relative to that document.

What is a reference is decided by position: a `$ref` key whose value is a string. A schema property that
happens to be *named* `$ref` (its value is a schema object) is not one.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from . import fetch
from .errors import json_pointer, lookup, pointer_path
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
        self.source = source
        self.document = document
        self.section_path = ("definitions",) if "swagger" in document else ("components", "schemas")
        self.root = source.uri
        self.documents: dict[str, Any] = {}  # address without fragment -> parsed document
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

    def content(self, resource: str, pointer: str, where: tuple, ref: str) -> Any:
        if resource not in self.documents:
            if not fetch.permitted(resource, self.source.home, self.source.settings):
                shown = fetch.display_url(resource) if not resource.startswith("file:") else _file_path(resource)
                raise self.source.error(
                    f"$ref {ref!r} points outside the spec's {'origin' if self.source.url else 'folder'} "
                    f"(to {shown}); it was not read", where + ("$ref",),
                    f"if that is trusted, allow it with --allow-ref {_suggested_prefix(resource)} "
                    "(or allow-ref in the config file)")
            if len(self.documents) >= fetch.MAX_DOCUMENTS:
                raise self.source.error(f"the spec references more than {fetch.MAX_DOCUMENTS} documents",
                                        where + ("$ref",), "bundle the spec into fewer files")
            self.documents[resource] = fetch.load_reference(resource, self.source)[1]
        found, node = lookup(self.documents[resource], pointer_path(pointer))
        if not found:
            raise self.source.error(f"{ref!r}: nothing at {pointer!r} in that document", where + ("$ref",),
                                    "fix the reference's #/... part")
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

    def follow(self, node: dict, ref: str, base: str, path: tuple) -> None:
        location, _, pointer = ref.partition("#")
        resource = urldefrag(urljoin(base, location))[0] if location else urldefrag(base)[0]
        if resource == urldefrag(self.root)[0]:
            node["$ref"] = "#" + pointer  # a reference back into the root document
            return
        key = (resource, pointer)
        if _is_schema_place(path):
            if key not in self.names:
                self.names[key] = name = self.readable_name(resource, pointer)
                content = self.content(resource, pointer, path, ref)
                self.section()[name] = content
                self.walk(content, resource, self.section_path + (name,), False)
            node["$ref"] = self.local_ref(self.names[key])
            return
        if key in self.inlining:
            raise self.source.error(f"{ref!r} refers to itself", path + ("$ref",),
                                    "a parameter, response or path item cannot contain itself")
        self.inlining.add(key)
        content = self.content(resource, pointer, path, ref)
        self.walk(content, resource, path, False)
        self.inlining.discard(key)
        node.clear()
        node.update(content if isinstance(content, dict) else {})


def _suggested_prefix(resource: str) -> str:
    """What --allow-ref to suggest: the other origin, or the referenced file's folder."""
    if resource.startswith(("http://", "https://")):
        return fetch.origin(resource).rstrip("/")
    return str(Path(_file_path(resource)).parent) + "/"


def _file_path(resource: str) -> str:
    return unquote(resource[len("file://"):])


def document_digest(source: Source, document: dict) -> str:
    """A digest equal exactly when the documents are: of the spec's text as read when nothing was brought in (no
    need to serialise it again), else of the combined document as canonical JSON. What the caches of a run are
    keyed by."""
    if document is source.parsed:
        return source.digest
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode("utf-8", "surrogatepass")).hexdigest()


def resolve_external(source: Source) -> dict:
    """The document with every external reference brought in; the same object when it has none."""
    document = source.document
    if source.self_contained:
        return document
    external = [(path, ref) for path, ref in iter_refs(document) if not ref["$ref"].startswith("#")]
    if not external:
        fetch.remember_self_contained(source)
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
    """Every internal reference must point at something, and a chain of references must end at something that is
    not itself a reference: a dangling reference, or a cycle (A -> B -> A), is a SpecError at its place."""
    targets: dict[str, tuple[tuple, dict]] = {}  # pointer of each internal reference -> (its path, its object)
    for path, ref in iter_refs(document):
        target = ref["$ref"]
        if not target.startswith("#"):
            continue
        if not lookup(document, pointer_path(target))[0]:
            raise source.error(f"$ref {target!r} points at nothing", path + ("$ref",),
                               "fix the reference or add the missing definition")
        targets[json_pointer(path)] = (path, ref)
    finished: set[str] = set()
    for start in sorted(targets):
        chain: list[str] = []
        pointer = start
        while pointer in targets and pointer not in finished:
            if pointer in chain:
                cycle = chain[chain.index(pointer):] + [pointer]
                path, ref = targets[chain[-1]]
                names = " -> ".join((pointer_path(p) or ("#",))[-1] for p in cycle)
                raise source.error(f"{ref['$ref']!r} is part of a reference cycle ({names})", path + ("$ref",),
                                   "a chain of references must end at a definition: replace one of them by one")
            chain.append(pointer)
            pointer = json_pointer(pointer_path(targets[pointer][1]["$ref"]))
        finished.update(chain)
