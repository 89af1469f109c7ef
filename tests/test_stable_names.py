"""Stable names under change: adding an operation, a model, an inline schema or an enum value to a spec renames
nothing that was there, in any language.

Each real spec (fixtures/specs/, and three of ../shared/corpus/swagger2/, read where they are) is generated as it
is and with additions at the start and at the end of each of its collections: an operation whose operationId is the
first one's plus a suffix (same words), a component schema whose name collides case-insensitively with the first
one's, an inline object schema in an existing operation's response, and an enum value that splits into the same
words as an existing one. Every addition sorts after the name it collides with: clientgen's tie-break suffixes the
later-sorted wire name, whatever the position (no stateless rule can protect an incumbent from a newcomer that
sorts before it).

The surfaces are read from the targets' views (what the templates print): every public type, field or property,
enum constant and method name, each with its meaning (the schema's place in the spec, the field's wire name, the
constant's value, the operation's method and path). Every name of the old SDK must name the same thing in the new.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from generator import build, fetch, resolve, targets, upgrade
from generator.config import LANGUAGES, Options

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "swagger2"
SPECS = sorted(p for p in (ROOT / "fixtures" / "specs").glob("*") if p.suffix in (".json", ".yaml", ".yml"))
CORPUS_SPECS = [CORPUS / name for name in ("clever.com__1.2.0.yaml", "traccar.org__4.9.yaml",
                                           "azure.com__search-searchservice__2015-02-28.yaml")]
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

Surface = dict[tuple[str, ...], object]


def _model(spec: Path, text: str | None = None, folder: Path | None = None) -> tuple[Any, dict[str, object]]:
    """The IR of a spec (or of `text`, written beside nothing but itself in `folder`), and each model's origin:
    its schemas' places in the (upgraded) document (several for one model that several schemas share, such as
    every inline enum of one x-ms-enum name)."""
    path = spec
    if text is not None and folder is not None:
        path = folder / (spec.stem + ".json")
        path.write_text(text, encoding="utf-8")
    source = fetch.load(str(path), Options(spec=str(path), out=Path("o"), languages=LANGUAGES).fetch_settings())
    builder = build.Builder(upgrade.upgrade(resolve.resolve_external(source)), source, [])
    api = builder.build()
    places: dict[str, list[tuple]] = {}
    for place, named in builder.inline_models.items():
        places.setdefault(named.name, []).append(place)
    return api, {name: found[0] if len(found) == 1 else tuple(sorted(found, key=repr)) for name, found in places.items()}


def _surface(api: Any, origins: dict[str, object], language: str) -> Surface:
    """The public names of one language's SDK, each with what it means."""
    options = Options(spec="s", out=Path("o"), languages=(language,), package_name="stable")
    context = targets.get(language).files(api, options)[0].context
    surface: Surface = {}
    models = context["models"]
    assert len(models) == len(api.models), language
    for model, view in zip(api.models, models):
        origin = origins[model.name]
        surface[("type", view.name)] = origin
        fields = getattr(model, "fields", ())
        assert len(view.fields) == len(fields), (language, view.name)
        for field, field_view in zip(fields, view.fields):
            surface[("field", view.name, field_view.name)] = (origin, field.wire)
        values = getattr(model, "values", ())
        assert len(view.members) == len(values), (language, view.name)
        for value, member in zip(values, view.members):
            name = member.name if hasattr(member, "name") else member[0].strip()
            surface[("constant", view.name, name)] = (origin, json.dumps(value.value))
    seen: dict[tuple[str, str], int] = {}
    for view in context["operations"]:
        where = (str(view.method), str(view.path))
        seen[where] = seen.get(where, -1) + 1
        for name in (view.name, getattr(view, "async_name", None)):
            if name:
                surface[("method", name)] = where + (seen[where],)
    return surface


def _renamed(old: Surface, new: Surface) -> list[str]:
    return [f"{' '.join(map(str, key))} ({old[key]}) is now {new.get(key, 'gone')}"
            for key in old if new.get(key) != old[key]]


def _collider(name: str) -> str:
    """A name of the same words as `name` that sorts after it."""
    return name.lower() if name.lower() > name else name + "_"


def _insert(mapping: dict, key: str, value: object, at_start: bool) -> dict:
    return {key: value, **mapping} if at_start else {**mapping, key: value}


def _operations(document: dict) -> list[tuple[str, str, dict]]:
    return [(route, method, op) for route, item in (document.get("paths") or {}).items() if isinstance(item, dict)
            for method, op in item.items() if method in METHODS and isinstance(op, dict)]


def _first_enum(node: object) -> list | None:
    """The first list of string enum values in the document (depth first, in document order)."""
    children: Iterable[object]
    if isinstance(node, dict):
        values = node.get("enum")
        if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
            return values
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = _first_enum(child)
        if found is not None:
            return found
    return None


def _added(document: dict, at_start: bool) -> dict:
    """The document with one of each addition, at the start or at the end of where it goes."""
    doc = copy.deepcopy(document)
    swagger2 = "swagger" in doc
    added_object = {"type": "object", "properties": {"clientgenAdded": {"type": "string"}}}

    def response(schema: dict) -> dict:
        if swagger2:
            return {"description": "added", "schema": schema}
        return {"description": "added", "content": {"application/json": {"schema": schema}}}

    operations = _operations(doc)
    first_id = next((str(op["operationId"]) for _, _, op in operations if op.get("operationId")), "addedCall")
    new_op = {"operationId": _collider(first_id), "responses": {"200": response(copy.deepcopy(added_object))}}
    doc["paths"] = _insert(doc.get("paths") or {}, "/clientgen-added", {"get": new_op}, at_start)
    if operations:
        _, _, op = operations[0]
        op["responses"] = _insert(op.get("responses") or {}, "203", response(copy.deepcopy(added_object)), at_start)
    schemas = doc.get("definitions") if swagger2 else (doc.get("components") or {}).get("schemas")
    if schemas:
        collided = _insert(schemas, _collider(next(iter(schemas))), copy.deepcopy(added_object), at_start)
        if swagger2:
            doc["definitions"] = collided
        else:
            doc["components"]["schemas"] = collided
    values = _first_enum(doc)
    if values is not None:
        values.insert(0 if at_start else len(values), _collider(values[0]))
    return doc


@pytest.mark.parametrize("spec", SPECS + CORPUS_SPECS, ids=lambda p: p.name)
@pytest.mark.parametrize("at_start", [True, False], ids=["at-start", "at-end"])
def test_additions_rename_nothing(spec: Path, at_start: bool, tmp_path: Path) -> None:
    assert spec.is_file(), f"{spec}: missing (the corpus is read from ../shared/corpus/swagger2/)"
    old_api, old_origins = _model(spec)
    source = fetch.load(str(spec), Options(spec=str(spec), out=Path("o"), languages=LANGUAGES).fetch_settings())
    changed = json.dumps(_added(source.document, at_start), indent=1)
    new_api, new_origins = _model(spec, changed, tmp_path)
    assert len(new_api.models) > len(old_api.models) and len(new_api.operations) > len(old_api.operations)
    problems = []
    for language in LANGUAGES:
        renamed = _renamed(_surface(old_api, old_origins, language), _surface(new_api, new_origins, language))
        problems += [f"{language}: {line}" for line in renamed]
    assert not problems, (f"{len(problems)} name(s) changed meaning (a name must be claimed in an order that does not "
                          "depend on where the spec lists it: the incumbent keeps it, the later-sorted wire name "
                          "gets the number):\n" + "\n".join(problems[:40]))
