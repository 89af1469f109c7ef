"""Hostile specs, built from the payloads and names of fixtures/hostile/payloads.json.

Each payload is text that would run code, break a build file or mislead a reader if it reached generated source
unescaped (it breaks out of a Python docstring, a C-family comment, a string literal, an XML doc comment, a
pom.xml...); each name collides with a keyword, a builtin, a name of the generated runtime, or makes a bad file
name. A *case* is one payload or name at one place of a spec (a title, a description, an enum value, a default, a
path, a server URL, a model or property name, a tag, a media type, a security scheme's parameter name, a
discriminator value...); the specs below hold every case, spread over three documents so that each stays valid
for its dialect:

- `text`: OpenAPI 3.0, every payload at every place that holds free text or a value;
- `names`: Swagger 2.0 (whose definition names may be any string), every name as a model, a property, an
  operation, a parameter, a tag and an enum value;
- `values`: OpenAPI 3.1, unions with discriminators and mappings keyed by payloads, numbers no language can spell
  as given (1e400, 2^70 for an int64, NaN), and nested unions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PAYLOADS_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "hostile" / "payloads.json"
_DATA = json.loads(PAYLOADS_FILE.read_text(encoding="utf-8"))
MARKER: str = _DATA["marker"]
PAYLOADS: dict[str, str] = _DATA["payloads"]
NAMES: list[str] = [name for group in _DATA["names"].values() for name in group]


@dataclass
class HostileSpec:
    name: str
    document: dict[str, Any]
    cases: list[tuple[str, str]] = field(default_factory=list)  # (place, payload or name id)

    def put(self, place: str, what: str) -> None:
        self.cases.append((place, what))


def _no_braces(text: str) -> str:
    """Path templates may hold only declared {parameters}: the payload's braces become parentheses."""
    return text.replace("{", "(").replace("}", ")")


def text_spec() -> HostileSpec:
    spec = HostileSpec("text", {})
    everything = "\n".join(PAYLOADS.values())
    doc: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": PAYLOADS["py-docstring"] + PAYLOADS["c-block-comment"] + PAYLOADS["xml-build-file"],
                 "version": PAYLOADS["toml"] + PAYLOADS["c-string-double"], "description": everything,
                 "contact": {"name": PAYLOADS["xml-markup"], "email": "a@example.com"},
                 "license": {"name": PAYLOADS["xml-build-file"]}},
        "servers": [{"url": "https://api.example.com/{v}" + PAYLOADS["c-string-double"].replace("{", "(")
                     .replace("}", ")"), "description": everything,
                     "variables": {"v": {"default": PAYLOADS["py-string-single"], "description": everything}}}],
        "externalDocs": {"url": "https://example.com", "description": everything},
        "tags": [],
        "paths": {},
        "components": {"schemas": {}, "securitySchemes": {}},
    }
    for place in ("title", "version", "description", "contact", "license", "server url", "server variable"):
        for payload in PAYLOADS:
            spec.put(f"info/{place}", payload)
    properties: dict[str, Any] = {}
    for index, (pid, payload) in enumerate(PAYLOADS.items()):
        tag = payload or f"tag {index}"
        doc["tags"].append({"name": tag, "description": payload})
        schema_name = f"Model{index}"
        properties[payload or f"empty{index}"] = {
            "type": "string", "description": payload, "default": payload, "example": payload, "format": payload,
            "title": payload}
        doc["components"]["schemas"][schema_name] = {
            "type": "object", "description": payload, "title": payload, "required": ["enumField"],
            "properties": {
                "enumField": {"type": "string", "enum": [payload, payload + "2", "plain"], "description": payload},
                "withDefault": {"type": "string", "default": payload, "description": payload},
                "number": {"type": "number", "description": payload, "example": payload},
            },
            "example": {"enumField": payload},
        }
        operation = {
            "operationId": payload or f"empty{index}",
            "summary": payload,
            "description": payload,
            "tags": [tag],
            "parameters": [
                {"name": payload or f"q{index}", "in": "query", "description": payload,
                 "schema": {"type": "string", "enum": [payload, "other"], "default": payload}, "example": payload},
                {"name": f"h{index}" + _no_braces(payload).replace("\n", " ")[:40], "in": "header",
                 "description": payload, "schema": {"type": "string", "default": payload}},
                {"name": "id", "in": "path", "required": True, "description": payload, "schema": {"type": "integer"}},
            ],
            "requestBody": {"description": payload, "required": True, "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}, "example": payload}}},
            "responses": {
                "200": {"description": payload,
                        "headers": {payload or f"x{index}": {"description": payload, "schema": {"type": "string"}}},
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}},
                                    f"text/x-{index}; q=\"{payload[:30]}\"": {"schema": {"type": "string"}}}},
                "4XX": {"description": payload, "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"message": {"type": "string", "description": payload}}}}}},
            },
            "security": [{f"key{index}": []}],
            "externalDocs": {"url": "https://example.com", "description": payload},
        }
        doc["paths"][f"/op{index}/{{id}}/" + _no_braces(payload).replace("\n", "_")[:60]] = {
            "summary": payload, "description": payload, "post": operation}
        doc["components"]["securitySchemes"][f"key{index}"] = {
            "type": "apiKey", "in": ("header", "query", "cookie")[index % 3],
            "name": payload.replace("\n", " ")[:50] or f"key{index}", "description": payload}
        for place in ("tag name", "tag description", "property name", "property description", "property default",
                      "property example", "property format", "model description", "enum value", "operationId",
                      "summary", "operation description", "parameter name", "parameter description",
                      "parameter enum", "parameter default", "header parameter", "path", "path description",
                      "request body description", "response description", "response header", "media type",
                      "security scheme parameter name", "security scheme description"):
            spec.put(place, pid)
    doc["components"]["schemas"]["Everything"] = {"type": "object", "properties": properties,
                                                  "description": everything}
    spec.document = doc
    return spec


def names_spec() -> HostileSpec:
    spec = HostileSpec("names", {})
    definitions: dict[str, Any] = {}
    paths: dict[str, Any] = {}

    def ref(name: str) -> dict[str, str]:
        return {"$ref": "#/definitions/" + name.replace("~", "~0").replace("/", "~1")}

    definitions["Names"] = {"type": "string", "enum": list(dict.fromkeys(NAMES))}
    for index, name in enumerate(NAMES):
        definitions[name] = {
            "type": "object", "description": name,
            "properties": {other: {"type": "string"} for other in NAMES[index:index + 12]} | {
                "self": ref(name), "names": ref("Names"), name: {"type": "integer", "format": "int64"}},
        }
        paths[f"/n{index}"] = {"get": {
            "operationId": name, "tags": [name], "produces": ["application/json"],
            "parameters": [{"name": other, "in": "query", "type": "string"} for other in NAMES[index:index + 6]],
            "responses": {"200": {"description": name, "schema": ref(name)}},
        }, "put": {
            "tags": [name], "consumes": ["application/json"],
            "parameters": [{"name": "body", "in": "body", "required": True, "schema": ref(name)}],
            "responses": {"204": {"description": "done"}},
        }}
        for place in ("model name", "property name", "operationId", "query parameter", "tag", "enum value"):
            spec.put(place, name)
    spec.document = {
        "swagger": "2.0",
        "info": {"title": PAYLOADS["py-docstring-single"] + PAYLOADS["java-unicode-escape"],
                 "version": PAYLOADS["xml-markup"], "description": PAYLOADS["go-init"]},
        "host": "api.example.com", "basePath": "/v1", "schemes": ["https"],
        "paths": paths,
        "definitions": definitions,
        "securityDefinitions": {"basic": {"type": "basic", "description": PAYLOADS["line-comment-lf"]}},
    }
    return spec


def values_spec() -> HostileSpec:
    spec = HostileSpec("values", {})
    variants = {}
    mapping = {}
    for index, (pid, payload) in enumerate(PAYLOADS.items()):
        name = f"Variant{index}"
        variants[name] = {"type": "object", "required": ["kind"], "description": payload, "properties": {
            "kind": {"type": "string", "description": payload}, "value": {"type": "string", "default": payload}}}
        mapping[payload or "empty"] = f"#/components/schemas/{name}"
        for place in ("discriminator mapping key", "variant description", "variant default"):
            spec.put(place, pid)
    schemas: dict[str, Any] = dict(variants)
    schemas["Tagged"] = {"oneOf": [{"$ref": f"#/components/schemas/{n}"} for n in variants],
                         "discriminator": {"propertyName": "kind", "mapping": mapping},
                         "description": PAYLOADS["c-block-comment"]}
    schemas["Nested"] = {"anyOf": [{"$ref": "#/components/schemas/Tagged"}, {"type": "string"},
                                   {"type": "array", "items": {"$ref": "#/components/schemas/Nested"}},
                                   {"type": "integer", "format": "int64"}]}
    schemas["Numbers"] = {"type": "object", "properties": {
        "huge": {"type": "number", "default": float("inf"), "example": float("-inf")},
        "tiny": {"type": "number", "default": float("-inf")},
        "notANumber": {"type": "number", "default": float("nan")},
        "big": {"type": "integer", "default": 2 ** 70},  # no format: an int64 to every target
        "small": {"type": "integer", "default": -(2 ** 70)},
        "negativeZero": {"type": "number", "default": -0.0},
        "precise": {"type": "number", "default": 0.1 + 0.2},
        "bigEnum": {"type": "integer", "enum": [2 ** 63, -(2 ** 63) - 1, 0, 1, -1]},
        "constant": {"const": PAYLOADS["c-string-double"]},
        "strings": {"type": "string", "enum": [p for p in PAYLOADS.values() if p][:20]},
        "tagged": {"$ref": "#/components/schemas/Tagged"},
        "nested": {"$ref": "#/components/schemas/Nested"},
    }}
    for place in ("number default inf", "number default -inf", "number default nan", "integer default 2^70",
                  "integer default -2^70", "int enum beyond int64", "const", "string enum"):
        spec.put(place, "numbers")
    spec.document = {
        "openapi": "3.1.0",
        "info": {"title": PAYLOADS["java-text-block"] + PAYLOADS["go-raw-string"], "version": "1",
                 "description": PAYLOADS["unicode-line-separators"]},
        "paths": {"/tagged": {"post": {
            "operationId": "sendTagged",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/Tagged"}}}},
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/Numbers"}}}}}}}},
        "components": {"schemas": schemas},
    }
    return spec


def all_specs() -> list[HostileSpec]:
    return [text_spec(), names_spec(), values_spec()]


def write(spec: HostileSpec, folder: Path) -> Path:
    """The spec as a JSON file (non-finite numbers as JSON's 1e400 / -1e400 / NaN, which parsers read as such)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"hostile-{spec.name}.json"
    text = json.dumps(spec.document, ensure_ascii=True, indent=1, allow_nan=True)
    path.write_text(text.replace("-Infinity", "-1e400").replace("Infinity", "1e400"), encoding="utf-8")
    return path
