"""An OpenAPI 3 document -> ir.ApiSpec: the one place that reads spec shapes and decides what they mean.

Component schemas keep their names; inline object and enum schemas are hoisted into models named by their
place (`<Model><Field>`, `<Operation>Request`, `<Operation>Response`, `...Item`). References are followed by
name, so recursive and mutually recursive schemas are just names. Names are split into words and made unique
here, once for all languages. Order follows the document, so the same input always gives the same model.
Whatever cannot be expressed yet is generated in a simpler form (a raw JSON value) or left out, and always
named in a Diagnostic.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from . import ir
from .config import ConfigError, PagingRule
from .errors import Diagnostic, json_pointer, lookup, pointer_path
from .fetch import Source
from .naming import Scope, Words, pascal, split_words

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SCHEMAS = "#/components/schemas/"
_STRING_FORMATS = {
    "date": ir.PrimKind.DATE,
    "date-time": ir.PrimKind.DATETIME,
    "uuid": ir.PrimKind.UUID,
    "byte": ir.PrimKind.BYTES,
    "binary": ir.PrimKind.BINARY,
}
_ANY = ir.Prim(ir.PrimKind.ANY)
Path = tuple[Any, ...]


def body_kind(media_type: str, schema: dict) -> ir.BodyKind | None:
    """How a body of this media type travels; None for kinds not generated (multipart other than form-data)."""
    mt = media_type.split(";")[0].strip().lower()
    if mt == "application/json" or mt.endswith("+json") or (mt.startswith("application/") and "json" in mt):
        return ir.BodyKind.JSON
    if mt == "application/x-www-form-urlencoded":
        return ir.BodyKind.FORM
    if mt == "multipart/form-data":
        return ir.BodyKind.MULTIPART
    if mt.startswith("multipart/"):
        return None
    if mt.startswith("text/") and schema.get("format") != "binary":
        return ir.BodyKind.TEXT
    if mt == "*/*" and (schema.get("type") in ("object", "array") or "$ref" in schema):
        return ir.BodyKind.JSON  # any media type, a structured schema: JSON is what a client sends
    return ir.BodyKind.BINARY


STREAM_MEDIA_TYPES = {
    "text/event-stream": ir.StreamKind.SSE,
    "application/x-ndjson": ir.StreamKind.JSON_LINES,
    "application/ndjson": ir.StreamKind.JSON_LINES,
    "application/jsonl": ir.StreamKind.JSON_LINES,
    "application/x-jsonlines": ir.StreamKind.JSON_LINES,
}
_POLLING_HEADERS = ("operation-location", "azure-asyncoperation", "location")  # the headers, lower-cased


def stream_kind(media_type: str) -> ir.StreamKind | None:
    return STREAM_MEDIA_TYPES.get(media_type.split(";")[0].strip().lower())


_KIND_PREFERENCE = (ir.BodyKind.JSON, ir.BodyKind.FORM, ir.BodyKind.MULTIPART, ir.BodyKind.BINARY, ir.BodyKind.TEXT)


class Builder:
    def __init__(self, document: dict, source: Source, diagnostics: list[Diagnostic],
                 pagination: tuple[PagingRule, ...] = ()):
        self.doc = document
        self.pagination = {rule.operation_id: rule for rule in pagination}  # each taken by its operation
        self.source = source
        self.diagnostics = diagnostics
        self.models: dict[str, ir.Model] = {}
        self.model_scope = Scope()
        self.component_names: dict[str, str] = {}  # component schema key -> unique model name
        self.component_types: dict[str, ir.TypeRef] = {}
        self.in_progress: set[str] = set()
        self.inline_models: dict[Path, ir.Named] = {}  # schema's place in the document -> its model
        self.azure_enums: dict[tuple[str, bool], ir.Named] = {}  # (x-ms-enum name, integer?) -> its model
        self._azure_enum_parts: dict[tuple[str, bool], tuple[list, list]] | None = None  # see azure_enum

    # ---- entry -------------------------------------------------------------------------------------------
    def build(self) -> ir.ApiSpec:
        schemas = self.doc.get("components", {}).get("schemas", {}) or {}
        # Spec names first (hoisted inline names never take theirs), in the order of their wire names, not of the
        # document: of two that collide, the later-sorted gets the number wherever either was added.
        claimed = self.model_scope.claim_sorted({key: split_words(key) for key in schemas}, "model")
        self.component_names = {key: pascal(words) for key, words in claimed.items()}
        for key in schemas:
            self.component_type(key)
        schemes = self.security_schemes()
        operations = self.operations(schemes)
        if self.pagination:
            raise ConfigError(f"[pagination.{next(iter(self.pagination))}]: the spec has no operation of that "
                              "operationId", "use an operationId of the spec (its methods' names come from them)")
        info = self.doc.get("info", {})
        return ir.ApiSpec(
            title=str(info.get("title", "")),
            version=str(info.get("version", "")),
            description=str(info.get("description", "")),
            base_url=self.base_url(),
            operations=operations,
            models=tuple(self.models.values()),
            security=schemes,
            groups=self.groups(operations),
        )

    def warn(self, path: Path, message: str) -> None:
        self.diagnostics.append(Diagnostic(json_pointer(path), message))

    def field_default(self, schema: dict, path: Path) -> Any:
        """The schema's `default` as a value of its type (`_fitting_default`), with a warning where it was not."""
        value = _fitting_default(schema)
        if "default" in schema and (value is ir.NO_DEFAULT or type(value) is not type(schema["default"])):
            given = json.dumps(schema["default"], ensure_ascii=False)[:80]
            self.warn(path + ("default",), f"the default {given} is not of the schema's type: " + (
                "left out of the SDKs' documentation" if value is ir.NO_DEFAULT
                else f"read as {json.dumps(value)}"))
        return value

    def deref(self, node: Any, path: Path) -> tuple[Any, Path]:
        """Follow `$ref`s of non-schema objects (parameters, bodies, responses) to what they point at."""
        seen = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen or not ref.startswith("#/"):
                break
            seen.add(ref)
            found, target = lookup(self.doc, pointer_path(ref))
            if not found:
                break
            node, path = target, pointer_path(ref)
        return node, path

    # ---- schemas -----------------------------------------------------------------------------------------
    def component_type(self, key: str) -> ir.TypeRef:
        if key in self.component_types:
            return self.component_types[key]
        path = ("components", "schemas", key)
        schema = self.doc["components"]["schemas"][key]
        name = self.component_names[key]
        if key in self.in_progress:
            if name in self.models:  # an object model under construction: recursion by name
                return ir.Named(name)
            self.warn(path, "a schema that contains itself only through arrays/maps is generated as a raw JSON value")
            return _ANY
        self.in_progress.add(key)
        result = self.schema_type(schema, path, name=name)
        self.in_progress.discard(key)
        self.component_types[key] = result
        return result

    def shape(self, schema: Any) -> str:
        """What schema_type() makes of a schema, decided without building anything: 'ref', 'alias' (a single
        allOf/oneOf/anyOf member), 'object', 'enum', 'union', 'const', 'mixed', 'map', 'array', 'string',
        'integer', 'number', 'boolean' or 'any'."""
        if not isinstance(schema, dict):
            return "any"
        if isinstance(schema.get("$ref"), str):
            return "ref"
        if "allOf" in schema:
            members = [m for m in schema["allOf"] if isinstance(m, dict)]
            others = {k for k in schema if k not in ("allOf", "description", "nullable", "title", "example")}
            return "alias" if len(members) == 1 and not others else "object"
        for union in ("oneOf", "anyOf"):
            if union in schema:
                variants = [v for v in schema[union] if not _is_null_schema(v)]
                return "alias" if len(variants) == 1 else "union"
        types = _schema_types(schema)
        if "enum" in schema and types & {"string", "integer"} and schema["enum"]:
            expected = int if "integer" in types else str
            values = [v for v in schema["enum"] if v is not None]
            if values and not any(isinstance(v, bool) or not isinstance(v, expected) for v in values):
                return "enum"
        if "const" in schema and not types:
            return "const"
        if len(types) > 1:
            return "mixed"
        kind = next(iter(types), None)
        if kind is None and ("properties" in schema or "additionalProperties" in schema):
            kind = "object"
        if kind == "object":
            if schema.get("properties"):
                return "object"
            extra = schema.get("additionalProperties")
            return "map" if extra is True or isinstance(extra, dict) else "any"
        return kind if kind in ("array", "string", "integer", "number", "boolean") else "any"

    def alias_member(self, schema: dict) -> tuple[dict, tuple]:
        """The one member an 'alias' schema stands for, with its path suffix."""
        if "allOf" in schema:
            return next(m for m in schema["allOf"] if isinstance(m, dict)), ("allOf", 0)
        for union in ("oneOf", "anyOf"):
            if union in schema:
                index, variant = next((i, v) for i, v in enumerate(schema[union]) if not _is_null_schema(v))
                return variant, (union, index)
        raise ValueError("not an alias")

    def component_key(self, ref: str) -> str | None:
        path = pointer_path(ref)
        if not ref.startswith(_SCHEMAS) or len(path) != 3:
            return None
        return path[2] if path[2] in self.component_names else None

    def named_without_building(self, schema: Any, name: str | None, seen: frozenset[str]) -> ir.Named | None:
        """The model a schema will be, when it is one, found without building it: so that references between
        components are names, and a chain of thousands of references is no deeper than one."""
        shape = self.shape(schema)
        if shape in ("object", "enum", "union"):
            return ir.Named(name) if name else None
        if shape == "alias":
            return self.named_without_building(self.alias_member(schema)[0], name, seen)
        if shape == "ref":
            key = self.component_key(schema["$ref"])
            if key is None or key in seen:
                return None
            return self.named_without_building(self.doc["components"]["schemas"][key], self.component_names[key],
                                               seen | {key})
        return None

    def schema_type(self, schema: Any, path: Path, place: Words = (), name: str | None = None) -> ir.TypeRef:
        """The type of a schema. `name` is the model name a component gets; `place` names inline models."""
        shape = self.shape(schema)
        if shape == "ref":
            ref = schema["$ref"]
            key = self.component_key(ref)
            if key is not None:
                named = self.named_without_building(schema, None, frozenset())
                return named if named is not None else self.component_type(key)
            target, target_path = self.deref(schema, path)
            if target is schema:
                self.warn(path, f"reference {ref!r} cannot be followed; generated as a raw JSON value")
                return _ANY
            return self.schema_type(target, target_path, place or split_words(str(target_path[-1])))
        if shape == "alias":
            member, suffix = self.alias_member(schema)
            return self.schema_type(member, path + suffix, place, name)
        if shape == "object":
            return self.object_model(schema, path, place, name)
        if shape == "union":
            return self.union_model(schema, path, place, name)
        if shape == "enum":
            return self.enum_model(schema, path, place, name)
        if "enum" in schema and shape in ("string", "integer"):
            self.warn(path, "an enum whose values are not all of its type is generated as its base type")
        if shape == "const":
            return _value_type(schema["const"])
        if shape == "mixed":
            types = ", ".join(sorted(_schema_types(schema)))
            self.warn(path, f"a value of several types ({types}) is generated as a raw JSON value")
            return _ANY
        if shape == "map":
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return ir.Map(self.schema_type(extra, path + ("additionalProperties",), place + ("Value",)))
            return ir.Map(_ANY)
        if shape == "array":
            return ir.Array(self.schema_type(schema.get("items", {}), path + ("items",), place + ("Item",)))
        if shape == "string":
            return ir.Prim(_STRING_FORMATS.get(schema.get("format", ""), ir.PrimKind.STRING))
        if shape == "integer":
            return ir.Prim(ir.PrimKind.INT32 if schema.get("format") == "int32" else ir.PrimKind.INT64)
        if shape == "number":
            return ir.Prim(ir.PrimKind.FLOAT if schema.get("format") == "float" else ir.PrimKind.DOUBLE)
        if shape == "boolean":
            return ir.Prim(ir.PrimKind.BOOL)
        return _ANY

    def claim_name(self, name: str | None, place: Words, fallback: str) -> str:
        return name or pascal(self.model_scope.claim(place, fallback))

    def object_model(self, schema: dict, path: Path, place: Words, name: str | None) -> ir.TypeRef:
        if name is None and path in self.inline_models:  # reached again, e.g. through another model's allOf
            return self.inline_models[path]
        name = self.claim_name(name, place, "Model")
        self.inline_models[path] = ir.Named(name)
        self.models[name] = ir.ObjectModel(name, split_words(name), (), "")  # placeholder: recursion sees the name
        properties: dict[str, tuple[dict, Path]] = {}
        required: set[str] = set()
        extra: Any = None
        description = str(schema.get("description", "") or schema.get("title", "") or "")
        for part, part_path in self.all_of_parts(schema, path):
            for wire, prop in (part.get("properties") or {}).items():
                properties[wire] = (prop, part_path + ("properties", wire))
            required |= set(part.get("required") or [])
            if part.get("additionalProperties") is True or isinstance(part.get("additionalProperties"), dict):
                extra = (part["additionalProperties"] if isinstance(part["additionalProperties"], dict) else {},
                         part_path + ("additionalProperties",))
            description = description or str(part.get("description", "") or "")
        scope = Scope()
        words_of_model = split_words(name)
        fields = []
        for wire, (prop, prop_path) in properties.items():
            prop_schema = prop if isinstance(prop, dict) else {}
            words = scope.claim(_client_words(prop_schema, wire), "field")
            fields.append(ir.Field(
                wire=wire,
                words=words,
                type=self.schema_type(prop_schema, prop_path, words_of_model + words),
                # a readOnly (writeOnly) field is absent from requests (responses): required in one direction only
                required=wire in required and not prop_schema.get("readOnly") and not prop_schema.get("writeOnly"),
                nullable=_is_nullable(prop_schema),
                default=self.field_default(prop_schema, prop_path),
                description=str(prop_schema.get("description", "") or ""),
                read_only=bool(prop_schema.get("readOnly", False)),
                write_only=bool(prop_schema.get("writeOnly", False)),
            ))
        additional = self.schema_type(extra[0], extra[1], words_of_model + ("Extra",)) if extra else None
        self.models[name] = ir.ObjectModel(name, words_of_model, tuple(fields), description, additional)
        return ir.Named(name)

    def union_model(self, schema: dict, path: Path, place: Words, name: str | None) -> ir.TypeRef:
        if name is None and path in self.inline_models:
            return self.inline_models[path]
        name = self.claim_name(name, place, "Union")
        self.inline_models[path] = ir.Named(name)
        self.models[name] = ir.UnionModel(name, split_words(name), (), None, (), "")  # placeholder for recursion
        union = "oneOf" if "oneOf" in schema else "anyOf"
        scope = Scope()
        variants = []
        refs: dict[str, int] = {}
        for index, variant in enumerate(schema[union]):
            if _is_null_schema(variant):
                continue
            variant_type = self.schema_type(variant, path + (union, index), split_words(name) + ("Option", str(index + 1)))
            words = scope.claim(self.variant_words(variant_type), "option")
            if isinstance(variant, dict) and isinstance(variant.get("$ref"), str):
                refs[variant["$ref"]] = len(variants)
            variants.append(ir.UnionVariant(words, variant_type))
        discriminator = schema.get("discriminator") if isinstance(schema.get("discriminator"), dict) else {}
        mapping: list[tuple[str, int]] = []
        if discriminator.get("propertyName"):
            explicit = discriminator.get("mapping") or {}
            for value, target in explicit.items():
                target = target if str(target).startswith("#") else _SCHEMAS + str(target)
                if target in refs:
                    mapping.append((str(value), refs[target]))
            mapped = {index for _, index in mapping}
            for ref, index in refs.items():  # implicit: a variant's schema name is its discriminator value
                if index not in mapped and not explicit:
                    mapping.append((pointer_path(ref)[-1], index))
        self.models[name] = ir.UnionModel(
            name, split_words(name), tuple(variants), discriminator.get("propertyName") or None, tuple(mapping),
            str(schema.get("description", "") or ""))
        return ir.Named(name)

    def variant_words(self, t: ir.TypeRef) -> Words:
        """Words naming a union variant by its type: Cat, string, int64, CatList, StringMap."""
        if isinstance(t, ir.Named):
            return split_words(t.name)
        if isinstance(t, ir.Prim):
            return (t.kind.value,)
        if isinstance(t, ir.Array):
            return self.variant_words(t.item) + ("List",)
        return self.variant_words(t.value) + ("Map",)

    def all_of_parts(self, schema: dict, path: Path) -> list[tuple[dict, Path]]:
        """The schema and, depth first, every allOf member it composes (references followed)."""
        parts, stack, seen = [], [(schema, path)], set()
        while stack:
            node, node_path = stack.pop(0)
            if isinstance(node, dict) and isinstance(node.get("$ref"), str):
                if node["$ref"] in seen:
                    continue
                seen.add(node["$ref"])
                node, node_path = self.deref(node, node_path)
            if not isinstance(node, dict):
                continue
            parts.append((node, node_path))
            stack[0:0] = [(m, node_path + ("allOf", i)) for i, m in enumerate(node.get("allOf") or [])]
        return parts

    def enum_model(self, schema: dict, path: Path, place: Words, name: str | None) -> ir.TypeRef:
        is_int = "integer" in _schema_types(schema)
        raw = [v for v in schema["enum"] if v is not None]
        if name is None and path in self.inline_models:
            return self.inline_models[path]
        azure_name = _azure_enum_name(schema)
        entries = (schema["x-ms-enum"].get("values") or []) if azure_name is not None else []
        if name is None and azure_name is not None:
            # Azure's name for an inline enum: every inline enum of that name is one model, of all their values.
            shared = self.azure_enums.get((azure_name, is_int))
            if shared is not None:
                self.inline_models[path] = shared
                return shared
            merged, entries = self.azure_enum(azure_name, is_int)
            raw = merged or raw
            name = pascal(self.model_scope.claim(split_words(azure_name), "Enum"))
            self.azure_enums[(azure_name, is_int)] = ir.Named(name)
        name = self.claim_name(name, place, "Enum")
        self.inline_models[path] = ir.Named(name)
        value_names: dict[str, Words] = {}
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict) and "value" in entry and isinstance(entry.get("name"), str):
                value_names.setdefault(repr(entry["value"]), split_words(entry["name"]))

        def value_words(value: Any) -> Words:
            if value_names.get(repr(value)):  # x-ms-enum's name for the value
                return value_names[repr(value)]
            if is_int:
                return ("minus", str(-value)) if value < 0 else ("value", str(value))
            return split_words(str(value))

        unique = list(dict.fromkeys(raw))
        claimed = Scope().claim_sorted({str(value): value_words(value) for value in unique}, "value")
        values = [ir.EnumValue(value, claimed[str(value)]) for value in unique]
        base = ir.PrimKind.STRING
        if is_int:
            base = ir.PrimKind.INT32 if schema.get("format") == "int32" else ir.PrimKind.INT64
        self.models[name] = ir.EnumModel(name, split_words(name), base, tuple(values),
                                         str(schema.get("description", "") or ""))
        return ir.Named(name)

    def azure_enum(self, azure_name: str, is_int: bool) -> tuple[list, list]:
        """The values (in document order, each once) and x-ms-enum value entries of every inline enum that
        x-ms-enum names `azure_name` (of integer values or not): found in one walk of the document, on first use."""
        if self._azure_enum_parts is None:
            self._azure_enum_parts = {}
            stack: list[Any] = [self.doc]
            while stack:
                node = stack.pop()
                if isinstance(node, dict):
                    found = _azure_enum_name(node)
                    if found is not None and isinstance(node.get("enum"), list):
                        values, entries = self._azure_enum_parts.setdefault(
                            (found, "integer" in _schema_types(node)), ([], []))
                        values += [v for v in node["enum"] if v is not None and v not in values]
                        listed = node["x-ms-enum"].get("values")
                        entries += listed if isinstance(listed, list) else []
                    stack.extend(reversed(list(node.values())))
                elif isinstance(node, list):
                    stack.extend(reversed(node))
        return self._azure_enum_parts.get((azure_name, is_int), ([], []))

    # ---- operations --------------------------------------------------------------------------------------
    def operations(self, schemes: tuple[ir.SecurityScheme, ...]) -> tuple[ir.Operation, ...]:
        scope = Scope()
        operations = []
        global_security = self.doc.get("security")
        declared = "security" in self.doc or any(
            isinstance(op, dict) and "security" in op
            for item in (self.doc.get("paths") or {}).values() if isinstance(item, dict)
            for method, op in item.items() if method in METHODS)
        credential = _credential_rule(schemes, declared)
        listed = []
        for route, item in (self.doc.get("paths") or {}).items():
            item, item_path = self.deref(item, ("paths", route))
            if isinstance(item, dict):
                listed += [(route, method, item, item_path) for method in METHODS if method in item]
        # The spec's operationIds are claimed first, then the names made of method and route; each kind in the
        # order of the names, not of the document (Scope.claim_sorted), so an added operation renames none.
        # An operationId that several operations share (a finding the validator warns about) is told apart by
        # what differs between them: the method, the route, or both.
        named: dict[tuple[str, str, str], Words] = {}
        made: dict[tuple[str, str, str], Words] = {}
        sharing: dict[str, list[tuple[str, str]]] = {}
        for route, method, item, _ in listed:
            sharing.setdefault(str(item[method].get("operationId") or ""), []).append((route, method))
        for route, method, item, _ in listed:
            op_id = str(item[method].get("operationId") or "")
            if split_words(op_id):
                shared = sharing[op_id]
                words = split_words(op_id)
                if len(shared) > 1:
                    words += ((method,) if len({m for _, m in shared}) > 1 else ()) + \
                        (split_words(route) if len({r for r, _ in shared}) > 1 else ())
                named[(op_id, route, method)] = words
            else:
                made[(op_id, route, method)] = (method,) + split_words(route)
        words_of = scope.claim_sorted(named, "call") | scope.claim_sorted(made, "call")
        for route, method, item, item_path in listed:
            op_id = str(item[method].get("operationId") or "")
            words = words_of[(op_id, route, method)]
            built = self.operation(route, method, item[method], item_path + (method,), item, words, op_id,
                                   global_security, credential)
            if built is not None:
                operations.append(built)
        return tuple(operations)

    def operation(self, route: str, method: str, op: dict, op_path: Path, item: dict, words: Words, op_id: str,
                  global_security: Any,
                  credential: Callable[[Any], ir.SecurityScheme | None]) -> ir.Operation | None:
        body = None
        if "requestBody" in op:
            body = self.request_body(op["requestBody"], op_path + ("requestBody",), words)
            if body is None:
                self.warn(op_path, "left out: its request body's media types (multipart other than form-data) "
                          "are not generated; call it with the client's raw send()")
                return None
        params = self.parameters(item, op, op_path, words)
        responses = tuple(
            self.response(status, response, op_path + ("responses", str(status)), words)
            for status, response in (op.get("responses") or {}).items()
        )
        requirements = op.get("security", global_security) or []
        security = tuple(dict.fromkeys(name for requirement in requirements for name in requirement))
        resolved_id = op_id or pascal(words)
        return ir.Operation(
            operation_id=resolved_id,
            words=words,
            method=method.upper(),
            path=route,
            summary=str(op.get("summary", "") or ""),
            description=str(op.get("description", "") or ""),
            tags=tuple(str(t) for t in op.get("tags", []) or []),
            parameters=params,
            body=body,
            responses=responses,
            security=security,
            deprecated=bool(op.get("deprecated", False)),
            credential=credential(requirements),
            paging=self.paging(op, op_path, resolved_id, responses, params),
            long_running=self.long_running(method, op, op_path, op.get("responses") or {}, responses),
        )

    def parameters(self, item: dict, op: dict, op_path: Path, op_words: Words) -> tuple[ir.Parameter, ...]:
        merged: dict[tuple[str, str], tuple[dict, Path]] = {}
        base = op_path[:-1]
        for owner, owner_path in ((item, base), (op, op_path)):
            for index, raw in enumerate(owner.get("parameters") or []):
                param, param_path = self.deref(raw, owner_path + ("parameters", index))
                if isinstance(param, dict) and "name" in param and "in" in param:
                    merged[(param["name"], param["in"])] = (param, param_path)
        scope = Scope(reserved=[("body",)])
        params = []
        for (wire, location), (param, param_path) in merged.items():
            if location not in ("path", "query", "header", "cookie"):
                self.warn(param_path, f"parameter location {location!r} is not part of OpenAPI 3; left out")
                continue
            if location == "header" and wire.lower() in ("accept", "content-type", "authorization"):
                continue  # OpenAPI: these are set by the client from the media types and security
            schema = param.get("schema")
            if schema is None and isinstance(param.get("content"), dict) and param["content"]:
                schema = next(iter(param["content"].values())).get("schema", {})
            words = scope.claim(_client_words(param, wire), "param")
            style = param.get("style") or ("form" if location in ("query", "cookie") else "simple")
            params.append(ir.Parameter(
                wire=wire,
                words=words,
                location=ir.ParamLocation(location),
                type=self.schema_type(schema or {}, param_path + ("schema",), op_words + words),
                required=bool(param.get("required", False)) or location == "path",
                style=style,
                explode=bool(param.get("explode", style == "form")),
                description=str(param.get("description", "") or ""),
            ))
        # required first (they become positional arguments), keeping the spec's order otherwise
        return tuple(sorted(params, key=lambda p: not p.required))

    def pick_content(self, content: dict) -> tuple[str, ir.BodyKind | None, dict] | None:
        """The media type a client uses among those offered, by kind preference, then document order."""
        choices = []
        for media_type, media in (content or {}).items():
            schema = (media or {}).get("schema") or {}
            choices.append((media_type, body_kind(media_type, schema), schema))
        if not choices:
            return None
        supported = [c for c in choices if c[1] is not None]
        if not supported:
            return choices[0]
        return min(supported, key=lambda c: _KIND_PREFERENCE.index(c[1]))

    def request_body(self, raw: Any, path: Path, op_words: Words) -> ir.RequestBody | None:
        body, path = self.deref(raw, path)
        picked = self.pick_content(body.get("content", {}))
        if picked is None:
            return ir.RequestBody("application/octet-stream", ir.BodyKind.BINARY, ir.Prim(ir.PrimKind.BINARY),
                                  bool(body.get("required", False)), str(body.get("description", "") or ""))
        media_type, kind, schema = picked
        if kind is None:
            return None
        return ir.RequestBody(
            media_type=media_type,
            kind=kind,
            type=self.content_type(kind, schema, path + ("content", media_type, "schema"), op_words + ("Request",)),
            required=bool(body.get("required", False)),
            description=str(body.get("description", "") or ""),
        )

    def content_type(self, kind: ir.BodyKind, schema: dict, path: Path, place: Words) -> ir.TypeRef:
        if kind is ir.BodyKind.BINARY:
            return ir.Prim(ir.PrimKind.BINARY)
        if kind is ir.BodyKind.TEXT:
            return ir.Prim(ir.PrimKind.STRING)
        return self.schema_type(schema, path, place)

    def response(self, status: Any, raw: Any, path: Path, op_words: Words) -> ir.Response:
        response, path = self.deref(raw, path)
        status = str(status).upper() if str(status).lower() != "default" else "default"
        description = str(response.get("description", "") or "")
        content = response.get("content") or {}
        media_types = tuple(str(m) for m in content) if isinstance(content, dict) else ()
        suffix = ("Response",) if status in ("200", "201") else ("Response", status.lower())
        place = op_words + suffix
        whole = {m: media for m, media in content.items() if stream_kind(m) is None} if media_types else {}
        streamed = [m for m in media_types if stream_kind(m) is not None]
        if streamed and not whole:  # only streams on offer: read as one (a JSON body beside it is read whole)
            return self.stream_response(status, description, streamed[0], content[streamed[0]] or {},
                                        path + ("content", streamed[0]), place, media_types)
        picked = self.pick_content(whole)
        if picked is None:
            return ir.Response(status, description, None, None, None, media_types)
        media_type, kind, schema = picked
        if kind is None:
            self.warn(path, f"response body {media_type} is returned as raw bytes")
            kind = ir.BodyKind.BINARY
        if not schema and kind is ir.BodyKind.JSON:
            return ir.Response(status, description, media_type, kind, _ANY, media_types)
        return ir.Response(status, description, media_type, kind,
                           self.content_type(kind, schema, path + ("content", media_type, "schema"), place),
                           media_types)

    def stream_response(self, status: str, description: str, media_type: str, media: dict, path: Path,
                        place: Words, media_types: tuple[str, ...]) -> ir.Response:
        """A streamed body: each item's schema is OpenAPI 3.2's itemSchema where given (for SSE, the `data` of
        the event it describes), else the media type's schema (for JSON lines, an array's items)."""
        stream = stream_kind(media_type)
        if isinstance(media.get("itemSchema"), dict):
            schema, where = media["itemSchema"], path + ("itemSchema",)
            data = (schema.get("properties") or {}).get("data")
            if stream is ir.StreamKind.SSE and isinstance(data, dict):
                inner = "contentSchema" if isinstance(data.get("contentSchema"), dict) else None
                schema = data[inner] if inner else data
                where = where + ("properties", "data") + ((inner,) if inner else ())
        else:
            schema, where = media.get("schema") or {}, path + ("schema",)
            if stream is ir.StreamKind.JSON_LINES and self.shape(schema) == "array":
                schema, where = schema.get("items") or {}, where + ("items",)
        item = self.schema_type(schema, where, place + ("Item",)) if schema else (
            ir.Prim(ir.PrimKind.STRING) if stream is ir.StreamKind.SSE else _ANY)
        kind = ir.BodyKind.TEXT if item == ir.Prim(ir.PrimKind.STRING) else ir.BodyKind.JSON
        return ir.Response(status, description, media_type, kind, item, media_types, stream)

    # ---- pages and long-running operations -----------------------------------------------------------------
    def paging(self, op: dict, op_path: Path, op_id: str, responses: tuple[ir.Response, ...],
               params: tuple[ir.Parameter, ...]) -> ir.Paging | None:
        """The config's [pagination.<operationId>] rule, else x-ms-pageable; None when the answer is one value."""
        rule = self.pagination.pop(op_id, None)
        if rule is not None:
            where, style, items, next_, param = op_path, rule.style, rule.items, rule.next, rule.param
        elif isinstance(op.get("x-ms-pageable"), dict):
            pageable = op["x-ms-pageable"]
            where, style = op_path + ("x-ms-pageable",), ir.PageStyle.NEXT_LINK
            items = str(pageable.get("itemName") or "value")
            next_ = pageable.get("nextLinkName", "nextLink")
            next_, param = (str(next_) if next_ else None), None
        else:
            return None
        success = next((r for r in responses if r.is_success and r.type is not None), None)
        page = success.type if success is not None else None
        item = self.page_item(page, items)
        problem = None
        if item is None:
            problem = (f"its answer has no array field {items!r} to page through" if items else
                       "its answer is not an array to page through")
        elif style in (ir.PageStyle.CURSOR, ir.PageStyle.OFFSET) and not any(
                p.wire == param and p.location is ir.ParamLocation.QUERY for p in params):
            problem = f"it has no query parameter {param!r} to ask for a page with"
        elif style in (ir.PageStyle.NEXT_LINK, ir.PageStyle.CURSOR) and next_ is not None and self.page_field(
                page, next_) is None:
            problem = f"its answer has no field {next_!r} naming the next page"
        if problem or item is None:
            if rule is not None:
                raise ConfigError(f"[pagination.{op_id}]: {problem}",
                                  "name the answer's fields and the operation's parameter as the spec spells them")
            self.warn(where, f"not paged: {problem}")
            return None
        return ir.Paging(style, item, items, next_, param)

    def page_item(self, page: ir.TypeRef | None, items: str | None) -> ir.TypeRef | None:
        if items is None:
            return page.item if isinstance(page, ir.Array) else None
        field = self.page_field(page, items)
        return field.type.item if field is not None and isinstance(field.type, ir.Array) else None

    def page_field(self, page: ir.TypeRef | None, wire: str) -> ir.Field | None:
        model = self.models.get(page.name) if isinstance(page, ir.Named) else None
        if not isinstance(model, ir.ObjectModel):
            return None
        return next((f for f in model.fields if f.wire == wire), None)

    def long_running(self, method: str, op: dict, op_path: Path, responses: dict[str, Any],
                     built: tuple[ir.Response, ...]) -> ir.LongRunning | None:
        """x-ms-long-running-operation, or a declared 202 (201) answer with a header to poll (Operation-Location,
        Azure-AsyncOperation or Location; a 201 with Location alone is a plain creation)."""
        marked = op.get("x-ms-long-running-operation") is True
        for status, raw in responses.items():
            if str(status) not in ("201", "202"):
                continue
            response, _ = self.deref(raw, op_path + ("responses", str(status)))
            headers = {str(name).lower() for name in (response.get("headers") or {})} if isinstance(
                response, dict) else set()
            polled = headers & set(_POLLING_HEADERS[:2] if str(status) == "201" else _POLLING_HEADERS)
            marked = marked or bool(polled)
        if not marked:
            return None
        options = op.get("x-ms-long-running-operation-options") or {}
        via = str(options.get("final-state-via", "") if isinstance(options, dict) else "").lower()
        try:
            final = ir.FinalState(via) if via else (
                ir.FinalState.ORIGINAL_URI if method in ("put", "patch") else ir.FinalState.LOCATION)
        except ValueError:
            self.warn(op_path + ("x-ms-long-running-operation-options", "final-state-via"),
                      f"final-state-via {via!r} is not one of {', '.join(f.value for f in ir.FinalState)}; "
                      "the result is read as for 'location'")
            final = ir.FinalState.LOCATION
        success = next((r for r in built if r.is_success and r.type is not None), None)
        return ir.LongRunning(final, success.type if success is not None else None)

    def groups(self, operations: tuple[ir.Operation, ...]) -> tuple[ir.OperationGroup, ...]:
        """One group per tag that is some operation's first tag, in order of first use."""
        described = {str(t.get("name")): str(t.get("description", "") or "")
                     for t in self.doc.get("tags") or [] if isinstance(t, dict)}
        members: dict[str, list[Words]] = {}
        for op in operations:
            if op.tags:
                members.setdefault(op.tags[0], []).append(op.words)
        claimed = Scope().claim_sorted({tag: split_words(tag) for tag in members}, "group")
        return tuple(ir.OperationGroup(tag, claimed[tag], described.get(tag, ""), tuple(ids))
                     for tag, ids in members.items())

    # ---- api-wide ----------------------------------------------------------------------------------------
    def base_url(self) -> str | None:
        servers = self.doc.get("servers") or []
        if not servers or not isinstance(servers[0], dict) or "url" not in servers[0]:
            return self.source.default_base_url()
        url = str(servers[0]["url"])
        for var, spec in (servers[0].get("variables") or {}).items():
            url = url.replace("{" + var + "}", str(spec.get("default", "")))
        if "://" not in url:
            fetched = self.source.url
            return urljoin(fetched, url).rstrip("/") if fetched else None
        return url.rstrip("/")

    def security_schemes(self) -> tuple[ir.SecurityScheme, ...]:
        schemes = []
        for name, raw in (self.doc.get("components", {}).get("securitySchemes") or {}).items():
            scheme, path = self.deref(raw, ("components", "securitySchemes", name))
            kind = scheme.get("type")
            description = str(scheme.get("description", "") or "")
            if kind == "apiKey":
                schemes.append(ir.SecurityScheme(name, ir.SecurityKind.API_KEY, str(scheme.get("name", "")),
                                                 ir.ParamLocation(scheme.get("in", "header")), description))
            elif kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
                schemes.append(ir.SecurityScheme(name, ir.SecurityKind.HTTP_BASIC, "Authorization",
                                                 ir.ParamLocation.HEADER, description))
            elif kind in ("http", "oauth2", "openIdConnect"):
                schemes.append(ir.SecurityScheme(name, ir.SecurityKind.HTTP_BEARER if kind == "http" else
                                                 ir.SecurityKind(kind), "Authorization", ir.ParamLocation.HEADER,
                                                 description))
            else:
                self.warn(path, f"security scheme type {kind!r} is not supported; set its header through the "
                          "client's default headers")
        return tuple(schemes)


def _credential_rule(schemes: tuple[ir.SecurityScheme, ...],
                     declared: bool) -> Callable[[Any], ir.SecurityScheme | None]:
    """Where an operation's credential goes, from its security requirements (its own, else the spec's).

    Where the spec declares security anywhere, only operations that require it get the credential: in the first
    requirement naming a scheme clientgen supports, the first such scheme (`security: []` requires nothing; an
    empty requirement `{}` beside others makes auth optional, and the credential is still sent when given).
    Where the spec declares no security at all, every operation gets it, in the first scheme's place, else as
    `Authorization: Bearer`."""
    by_name = {scheme.name: scheme for scheme in schemes}
    if not declared:
        everywhere = schemes[0] if schemes else ir.BEARER
        return lambda requirements: everywhere

    def rule(requirements: Any) -> ir.SecurityScheme | None:
        for requirement in requirements if isinstance(requirements, list) else []:
            for name in requirement if isinstance(requirement, dict) else ():
                if name in by_name:
                    return by_name[name]
        return None
    return rule


def _schema_types(schema: dict) -> set[str]:
    kind = schema.get("type")
    kinds = set(kind) if isinstance(kind, list) else ({kind} if isinstance(kind, str) else set())
    kinds.discard("null")
    if not kinds and "enum" in schema:
        kinds = {_json_kind(v) for v in schema["enum"] if v is not None}
    return kinds


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _value_type(value: Any) -> ir.TypeRef:
    kind = _json_kind(value)
    return {
        "boolean": ir.Prim(ir.PrimKind.BOOL),
        "integer": ir.Prim(ir.PrimKind.INT64),
        "number": ir.Prim(ir.PrimKind.DOUBLE),
        "string": ir.Prim(ir.PrimKind.STRING),
    }.get(kind, _ANY)


def _is_null_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("type") == "null" or schema.get("enum") == [None])


def _azure_enum_name(schema: dict) -> str | None:
    """The enum's name by `x-ms-enum`, where it gives one."""
    azure = schema.get("x-ms-enum")
    name = azure.get("name") if isinstance(azure, dict) else None
    return name if isinstance(name, str) and split_words(name) else None


def _client_words(node: dict, wire: str) -> Words:
    """The words of a property's or parameter's name in the SDKs: its `x-ms-client-name` (Azure's name for it on
    the client side) where that gives words, else its name on the wire."""
    client = node.get("x-ms-client-name")
    return (split_words(client) if isinstance(client, str) else ()) or split_words(wire)


def _fitting_default(schema: dict) -> Any:
    """The schema's `default` as a value of its type: a value of another JSON type (a finding the validator warns
    about) converted where that is exact (the string '100' for an integer, 'true' for a boolean), else
    ir.NO_DEFAULT."""
    if "default" not in schema:
        return ir.NO_DEFAULT
    value, kind = schema["default"], schema.get("type")
    if value is None:
        return value if _is_nullable(schema) or kind is None else ir.NO_DEFAULT
    if kind in ("integer", "number") and not isinstance(value, bool):
        if isinstance(value, str):
            try:
                value = float(value.strip()) if kind == "number" else int(value.strip())
            except ValueError:
                return ir.NO_DEFAULT
            if not math.isfinite(value):  # 'nan', 'inf': no JSON number
                return ir.NO_DEFAULT
        if isinstance(value, float) and kind == "integer":
            return int(value) if value.is_integer() else ir.NO_DEFAULT
        return value if isinstance(value, (int, float)) else ir.NO_DEFAULT
    if kind == "boolean":
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        return value if isinstance(value, bool) else ir.NO_DEFAULT
    if kind == "string":
        return value if isinstance(value, str) else ir.NO_DEFAULT
    if kind == "array":
        return value if isinstance(value, list) else ir.NO_DEFAULT
    if kind == "object":
        return value if isinstance(value, dict) else ir.NO_DEFAULT
    return value


def _is_nullable(schema: dict) -> bool:
    if schema.get("nullable") is True:
        return True
    kind = schema.get("type")
    if isinstance(kind, list) and "null" in kind:
        return True
    if None in (schema.get("enum") or []):
        return True
    return any(_is_null_schema(v) for union in ("oneOf", "anyOf") for v in schema.get(union) or [])


def build(document: dict, source: Source, diagnostics: list[Diagnostic],
          pagination: tuple[PagingRule, ...] = ()) -> ir.ApiSpec:
    return Builder(document, source, diagnostics, pagination).build()
